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
		wantFolders []string
		wantWarning bool
	}{
		{"not yet released", nil, []string{rel.Key, "latest"}, false},
		{"an older release only", []downloads.Archived{{Key: "2023-H1", Files: rel.Files}}, []string{rel.Key, "latest"}, false},
		{"released, unchanged", []downloads.Archived{{Key: rel.Key, Files: rel.Files}}, []string{"latest"}, false},
		{"released, sources corrected since", []downloads.Archived{{Key: rel.Key, Files: changed(rel).Files}}, []string{"latest"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, warning := downloads.Served(rel, tt.archive)
			if diff := cmp.Diff(tt.wantFolders, prefixes(tree)); diff != "" {
				t.Errorf("folders -want +got:\n%s", diff)
			}
			if (warning != "") != tt.wantWarning {
				t.Errorf("warning %q, want one: %v", warning, tt.wantWarning)
			}
			if tt.wantWarning && !strings.Contains(warning, "requests.csv") {
				t.Errorf("warning %q does not name the file that differs", warning)
			}
			for p, data := range rel.Files {
				if string(tree["latest/"+p]) != string(data) {
					t.Errorf("latest/%s is not the file made now", p)
				}
			}
		})
	}
}

func TestSiteData(t *testing.T) {
	rel := build(t, fixture(t))
	older := downloads.Archived{Key: "2023-H1", Files: rel.Files}
	site := downloads.SiteData(rel, []downloads.Archived{older})
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
