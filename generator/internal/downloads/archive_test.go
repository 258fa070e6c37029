package downloads_test

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// changed returns a copy of rel whose requests.csv differs, as a
// correction of the sources would make it.
func changed(rel *downloads.Release) *downloads.Release {
	c := *rel
	c.Files = maps.Clone(rel.Files)
	c.Files["requests.csv"] = append(slices.Clone(rel.Files["requests.csv"]), "corrected\n"...)
	c.Files[downloads.ChecksumsFile] = downloads.Checksums(c.Files)
	return &c
}

func TestPublish(t *testing.T) {
	archive := t.TempDir()
	rel := build(t, fixture(t))

	wrote, err := downloads.Publish(archive, rel)
	if err != nil || !wrote {
		t.Fatalf("first Publish = %v, %v; want it written", wrote, err)
	}
	published := testhelp.ReadTree(t, filepath.Join(archive, rel.Key))
	if diff := downloads.Diff(published, rel.Files); len(diff) > 0 {
		t.Errorf("the published folder differs in %v", diff)
	}

	wrote, err = downloads.Publish(archive, rel)
	if err != nil || wrote {
		t.Errorf("Publish of the same files = %v, %v; want nothing to do", wrote, err)
	}

	_, err = downloads.Publish(archive, changed(rel))
	if !errors.Is(err, downloads.ErrChanged) || !strings.Contains(err.Error(), "requests.csv") {
		t.Errorf("Publish of changed files: error %v, want ErrChanged naming requests.csv", err)
	}
	if diff := downloads.Diff(testhelp.ReadTree(t, filepath.Join(archive, rel.Key)), rel.Files); len(diff) > 0 {
		t.Errorf("a refused Publish changed %v", diff)
	}

	got, err := downloads.ReadArchive(archive)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Key != rel.Key {
		t.Errorf("ReadArchive found %d releases, want %s", len(got), rel.Key)
	}
}

func TestReadArchiveFindsChanges(t *testing.T) {
	rel := build(t, fixture(t))
	tests := []struct {
		name   string
		change func(dir string) error
		want   string
	}{
		{"edited file", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, rel.Key, "requests.csv"), []byte("edited\n"), 0o644)
		}, "requests.csv: checksum differs"},
		{"added file", func(dir string) error {
			return os.WriteFile(filepath.Join(dir, rel.Key, "extra.csv"), []byte("a\n"), 0o644)
		}, "extra.csv: not listed"},
		{"removed file", func(dir string) error {
			return os.Remove(filepath.Join(dir, rel.Key, downloads.PeriodFile("2024-Q1")))
		}, "by-period/requests-2024-Q1.csv: listed in SHA256SUMS but missing"},
		{"no checksums", func(dir string) error {
			return os.Remove(filepath.Join(dir, rel.Key, downloads.ChecksumsFile))
		}, "no SHA256SUMS"},
		{"folder that is not a period", func(dir string) error {
			return os.Mkdir(filepath.Join(dir, "latest"), 0o755)
		}, `"LATEST" is not a period`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := downloads.Publish(dir, rel); err != nil {
				t.Fatal(err)
			}
			if err := tt.change(dir); err != nil {
				t.Fatal(err)
			}
			_, err := downloads.ReadArchive(dir)
			if !errors.Is(err, downloads.ErrChanged) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadArchive error = %v, want ErrChanged with %q", err, tt.want)
			}
		})
	}
	if got, err := downloads.ReadArchive(filepath.Join(t.TempDir(), "missing")); err != nil || got != nil {
		t.Errorf("a missing archive: %v, %v; want an empty archive", got, err)
	}
}

func TestServed(t *testing.T) {
	rel := build(t, fixture(t))
	prefixes := func(tree output.Tree) []string {
		seen := map[string]bool{}
		for p := range tree {
			seen[strings.SplitN(p, "/", 2)[0]] = true
		}
		return slices.Sorted(maps.Keys(seen))
	}
	tests := []struct {
		name        string
		archive     []downloads.Archived
		wantFolders []string // written by the build
		wantDir     string   // holding the files made now
		wantWarning bool
	}{
		{"not yet released", nil, []string{rel.Key}, rel.Key, false},
		{"an older release only", []downloads.Archived{{Key: "2023-H1", Files: rel.Files}}, []string{rel.Key}, rel.Key, false},
		{"released, unchanged", []downloads.Archived{{Key: rel.Key, Files: rel.Files}}, nil, rel.Key, false},
		{"released, sources corrected since", []downloads.Archived{{Key: rel.Key, Files: changed(rel).Files}}, []string{"latest"}, "latest", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			served := downloads.Served(rel, tt.archive)
			if diff := cmp.Diff(tt.wantFolders, prefixes(served.Tree), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("folders -want +got:\n%s", diff)
			}
			if served.Dir != tt.wantDir {
				t.Errorf("Dir %q, want %q", served.Dir, tt.wantDir)
			}
			if served.LatestIsAlias() != (tt.wantDir != "latest") {
				t.Errorf("LatestIsAlias %v with Dir %q", served.LatestIsAlias(), served.Dir)
			}
			if (served.Warning != "") != tt.wantWarning {
				t.Errorf("warning %q, want one: %v", served.Warning, tt.wantWarning)
			}
			if tt.wantWarning && !strings.Contains(served.Warning, "requests.csv") {
				t.Errorf("warning %q does not name the file that differs", served.Warning)
			}
			// The files made now, wherever the build writes them (or the
			// archive's identical copy).
			for p, data := range rel.Files {
				if got, ok := served.Tree[served.Dir+"/"+p]; ok && string(got) != string(data) || !ok && len(served.Tree) > 0 {
					t.Errorf("%s/%s is not the file made now", served.Dir, p)
				}
			}
			config := string(served.ServerConfig())
			rule := "to = '/downloads/" + rel.Key + "/$1'"
			if served.LatestIsAlias() != strings.Contains(config, rule) || served.LatestIsAlias() != strings.Contains(config, "fromRe = '^/downloads/latest/(.*)$'") {
				t.Errorf("Hugo's server configuration, with latest/ an alias: %v:\n%s", served.LatestIsAlias(), config)
			}
		})
	}
}

func TestSiteData(t *testing.T) {
	rel := build(t, fixture(t))
	older := downloads.Archived{Key: "2023-H1", Files: rel.Files}
	site := downloads.SiteData(rel, []downloads.Archived{older}, downloads.Served(rel, []downloads.Archived{older}))
	if site.Dir != rel.Key || !site.LatestIsAlias {
		t.Errorf("dir %q, latest an alias: %v; want %s, true", site.Dir, site.LatestIsAlias, rel.Key)
	}
	var keys []string
	var archived []bool
	for _, r := range site.Releases {
		keys = append(keys, r.Key)
		archived = append(archived, r.Archived)
	}
	if diff := cmp.Diff([]string{"2024-Q2", "2023-H1"}, keys); diff != "" {
		t.Errorf("releases -want +got:\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, true}, archived); diff != "" {
		t.Errorf("archived -want +got:\n%s", diff)
	}
	for kind, keys := range map[string][]string{
		downloads.KindPeriod:  {"2023-H1", "2024-Q1", "2024-Q2", "2024-H1"},
		downloads.KindCountry: {"BR", "CA", "DE", "FR", "US", "XK"},
		downloads.KindTable:   {"requests", "periods", "countries", "national-security"},
	} {
		for _, key := range keys {
			f, ok := site.Links[kind][key]
			if !ok {
				t.Errorf("no link for %s %s", kind, key)
				continue
			}
			if string(rel.Files[f.Path]) == "" || f.SHA256 != downloads.SHA256(rel.Files[f.Path]) || f.Bytes != int64(len(rel.Files[f.Path])) {
				t.Errorf("link %s %s: %+v does not describe its file", kind, key, f)
			}
		}
	}
	if site.Latest[0].Path != "requests.csv" {
		t.Errorf("the first file listed is %s, want requests.csv", site.Latest[0].Path)
	}
	if !strings.Contains(site.Citation, "Example Mail (2024)") || !strings.Contains(site.Citation, "release 2024-Q2") {
		t.Errorf("citation %q lacks the publisher, year or release", site.Citation)
	}
}

// TestRepositoryCitation keeps the repository's CITATION.cff in step with
// the publisher in sources/report.toml, as the releases' own files are.
func TestRepositoryCitation(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(projectRoot, "CITATION.cff"))
	if err != nil {
		t.Fatal(err)
	}
	d := demoQuarters(t)
	generated := string(build(t, d).Files[downloads.CitationFile])
	for _, line := range strings.Split(generated, "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "version:") || strings.HasPrefix(line, "message:") {
			continue
		}
		if !strings.Contains(string(data), line+"\n") {
			t.Errorf("CITATION.cff lacks the line %q that sources/report.toml gives", line)
		}
	}
}
