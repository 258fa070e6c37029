package downloads_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/cli"
	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// writeWorkbooks writes sources as the teams' workbooks would be, with a
// report.toml beside them.
func writeWorkbooks(t *testing.T, tax *taxonomy.Taxonomy, dir string, sources []report.Source) {
	t.Helper()
	for _, src := range sources {
		f, err := workbook.Build(tax, src)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, src.Period.String(), src.Team+".xlsx")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(file); err != nil {
			t.Fatal(err)
		}
	}
	about := "company = \"Example Mail\"\nwebsite = \"https://mail.example\"\n"
	if err := os.WriteFile(filepath.Join(dir, report.AboutFile), []byte(about), 0o644); err != nil {
		t.Fatal(err)
	}
}

type project struct {
	root, sources, data, served, releases string
	taxonomy                              string // absolute
	tax                                   *taxonomy.Taxonomy
}

// newProject writes the fixture's workbooks into a new folder and moves
// into the project's root, where the commands find the site's other files
// (such as i18n/) as they do when run by hand.
func newProject(t *testing.T) project {
	root := t.TempDir()
	taxPath, err := filepath.Abs(fixtureTaxonomy)
	if err != nil {
		t.Fatal(err)
	}
	p := project{root, filepath.Join(root, "sources"), filepath.Join(root, "data"), filepath.Join(root, "generated", "downloads"), filepath.Join(root, "releases"), taxPath, loadTaxonomy(t, fixtureTaxonomy)}
	writeWorkbooks(t, p.tax, p.sources, fixtureSources(t))
	t.Chdir(projectRoot)
	return p
}

func (p project) run(t *testing.T, command string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	args := []string{command, "-sources", p.sources, "-taxonomy", p.taxonomy}
	if command == "build" {
		args = append(args, "-data", p.data)
	}
	err = cli.Run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func (p project) mustRun(t *testing.T, command string) (stdout, stderr string) {
	t.Helper()
	stdout, stderr, err := p.run(t, command)
	if err != nil {
		t.Fatalf("%s: %v\n%s", command, err, stderr)
	}
	return stdout, stderr
}

// TestCommands runs the generator as a person would: build, build again,
// release, a correction after the release, and a broken workbook.
func TestCommands(t *testing.T) {
	testhelp.NodeModule(t, geo.WorldAtlasFile) // build draws the map
	p := newProject(t)
	out, stderr := p.mustRun(t, "build")
	if stderr != "" || !strings.Contains(out, "release 2024-Q2") {
		t.Errorf("build printed %q, stderr %q", out, stderr)
	}
	first := testhelp.ReadTree(t, p.served)
	// The files made now are written once, under the release's key;
	// /downloads/latest/ is an alias of that folder, not a copy.
	latest := testhelp.ReadTree(t, filepath.Join(p.served, "2024-Q2"))
	if _, err := os.Stat(filepath.Join(p.served, "latest")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("build wrote a latest/ folder beside 2024-Q2/: %v", err)
	}
	serverConfig := func() string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(filepath.Dir(p.served), downloads.ServerConfigFile))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	const aliasRule = "to = '/downloads/2024-Q2/$1'"
	if !strings.Contains(serverConfig(), aliasRule) {
		t.Errorf("Hugo's server configuration lacks the alias %s:\n%s", aliasRule, serverConfig())
	}

	t.Run("the note from the workbook is inert in the CSV", func(t *testing.T) {
		want := `"'=HYPERLINK(""http://x"",""y"") | +44 20 7946 0000"`
		if !strings.Contains(string(latest["requests.csv"]), want) {
			t.Errorf("requests.csv lacks %s:\n%s", want, latest["requests.csv"])
		}
	})

	t.Run("the site's data describes the downloads", func(t *testing.T) {
		var site downloads.Site
		data, err := os.ReadFile(filepath.Join(p.data, "report", downloads.SiteFile))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &site); err != nil {
			t.Fatal(err)
		}
		if site.Release != "2024-Q2" || len(site.Releases) != 1 || site.Releases[0].Archived {
			t.Errorf("release %s, releases %+v; want 2024-Q2 not yet archived", site.Release, site.Releases)
		}
		if site.Dir != "2024-Q2" || !site.LatestIsAlias {
			t.Errorf("dir %q, latest an alias: %v; want 2024-Q2, true", site.Dir, site.LatestIsAlias)
		}
		for _, f := range site.Latest {
			if got := downloads.SHA256(latest[f.Path]); got != f.SHA256 || int64(len(latest[f.Path])) != f.Bytes {
				t.Errorf("%s: listed %d bytes %s, served %d bytes %s", f.Path, f.Bytes, f.SHA256, len(latest[f.Path]), got)
			}
		}
	})

	t.Run("the same sources give the same bytes", func(t *testing.T) {
		dataBefore := testhelp.ReadTree(t, p.data)
		p.mustRun(t, "build")
		if diff := downloads.Diff(first, testhelp.ReadTree(t, p.served)); len(diff) > 0 {
			t.Errorf("a second build changed %v", diff)
		}
		if diff := downloads.Diff(dataBefore, testhelp.ReadTree(t, p.data)); len(diff) > 0 {
			t.Errorf("a second build changed data/ in %v", diff)
		}
	})

	t.Run("release, then build serves the committed release", func(t *testing.T) {
		out, _ := p.mustRun(t, "release")
		if !strings.Contains(out, "wrote "+filepath.Join(p.releases, "2024-Q2")) {
			t.Errorf("release printed %q", out)
		}
		if diff := downloads.Diff(latest, testhelp.ReadTree(t, filepath.Join(p.releases, "2024-Q2"))); len(diff) > 0 {
			t.Errorf("the release differs from latest in %v", diff)
		}
		if out, _ := p.mustRun(t, "release"); !strings.Contains(out, "unchanged") {
			t.Errorf("a second release printed %q", out)
		}
		_, stderr := p.mustRun(t, "build")
		if stderr != "" {
			t.Errorf("build warned: %s", stderr)
		}
		if _, err := os.Stat(filepath.Join(p.served, "2024-Q2")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("build wrote /downloads/2024-Q2/ beside the committed release: %v", err)
		}
		if _, err := os.Stat(filepath.Join(p.served, "latest")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("build wrote /downloads/latest/ beside the committed release: %v", err)
		}
		if !strings.Contains(serverConfig(), aliasRule) {
			t.Errorf("latest/ is not the alias of the committed release:\n%s", serverConfig())
		}
	})

	t.Run("a correction after the release", func(t *testing.T) {
		corrected := fixtureSources(t)
		for i := range corrected {
			if corrected[i].Period.String() == "2024-Q2" && corrected[i].Team == "emea" {
				corrected[i].Rows[0].Requests.Add(report.Exactly(1))
				corrected[i].Rows[0].Outcomes["rejected"] = corrected[i].Rows[0].Outcomes["rejected"].Plus(report.Exactly(1))
			}
		}
		writeWorkbooks(t, p.tax, p.sources, corrected)
		committed := testhelp.ReadTree(t, filepath.Join(p.releases, "2024-Q2"))
		// Without its entries in the corrections file, a restated figure
		// is refused at its cell.
		for _, cmd := range []string{"build", "release"} {
			_, stderr, err := p.run(t, cmd)
			if !errors.Is(err, cli.ErrReported) || !strings.Contains(stderr, "emea.xlsx: Requests!D2: 2024-Q2 DE court_order requests: published as 12 in release 2024-Q2, now 13") {
				t.Errorf("%s of a restated figure without a correction: %v, %q; want it refused at the cell", cmd, err, stderr)
			}
		}
		entry := func(measure, before, after string) string {
			return "[[correction]]\ndate = 2024-08-01\nperiod = \"2024-Q2\"\ncountry = \"DE\"\nlegal_basis = \"court_order\"\nmeasure = \"" + measure +
				"\"\nbefore = \"" + before + "\"\nafter = \"" + after + "\"\nreason = \"A request was left out.\"\n"
		}
		if err := os.WriteFile(filepath.Join(p.sources, report.CorrectionsFile), []byte(entry("requests", "12", "13")+entry("outcome_rejected", "2", "3")), 0o644); err != nil {
			t.Fatal(err)
		}
		_, stderr, err := p.run(t, "release")
		if !errors.Is(err, cli.ErrReported) || !strings.Contains(stderr, "never changes") {
			t.Errorf("release after a correction: %v, %q; want a refusal", err, stderr)
		}
		if diff := downloads.Diff(committed, testhelp.ReadTree(t, filepath.Join(p.releases, "2024-Q2"))); len(diff) > 0 {
			t.Errorf("a refused release changed %v", diff)
		}
		_, stderr = p.mustRun(t, "build")
		if !strings.Contains(stderr, "warning: the committed release 2024-Q2 differs") {
			t.Errorf("build did not warn: %q", stderr)
		}
		if string(testhelp.ReadTree(t, filepath.Join(p.served, "latest"))["requests.csv"]) == string(committed["requests.csv"]) {
			t.Error("latest/ does not hold the corrected figures")
		}
		if strings.Contains(serverConfig(), "fromRe") {
			t.Errorf("latest/ is a folder of its own, yet Hugo's server still rewrites it:\n%s", serverConfig())
		}
	})

	t.Run("a broken workbook changes nothing", func(t *testing.T) {
		data, served := testhelp.ReadTree(t, p.data), testhelp.ReadTree(t, p.served)
		if err := os.WriteFile(filepath.Join(p.sources, "2024-Q2", "broken.xlsx"), []byte("not a workbook"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(filepath.Join(p.sources, "2024-Q2", "broken.xlsx"))
		if _, _, err := p.run(t, "build"); !errors.Is(err, cli.ErrReported) {
			t.Fatalf("build with a broken workbook: %v", err)
		}
		if diff := downloads.Diff(data, testhelp.ReadTree(t, p.data)); len(diff) > 0 {
			t.Errorf("data/ changed in %v", diff)
		}
		if diff := downloads.Diff(served, testhelp.ReadTree(t, p.served)); len(diff) > 0 {
			t.Errorf("generated/downloads changed in %v", diff)
		}
	})

	t.Run("a tampered release stops the build", func(t *testing.T) {
		file := filepath.Join(p.releases, "2024-Q2", "periods.csv")
		if err := os.WriteFile(file, []byte("tampered\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, err := p.run(t, "build")
		if !errors.Is(err, downloads.ErrChanged) {
			t.Errorf("build with a tampered release: %v, want ErrChanged", err)
		}
	})
}
