// Package testhelp holds what the tests of several packages need: reading
// a folder back, parsing the periods and bands the tests spell out, the
// project's taxonomy, and the npm packages that `npm ci` installs.
package testhelp

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// ReadTree reads every file under dir.
func ReadTree(t testing.TB, dir string) output.Tree {
	t.Helper()
	files, err := output.ReadTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// MustPeriod parses a period such as 2026-Q3.
func MustPeriod(t testing.TB, key string) report.Period {
	t.Helper()
	p, err := report.ParsePeriod(key)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// MustBand parses a band such as 0-499 or 5000+.
func MustBand(t testing.TB, text string) report.Band {
	t.Helper()
	b, err := report.ParseBand(text)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ProjectTaxonomy loads the project's taxonomy, data/taxonomy.toml.
func ProjectTaxonomy(t testing.TB) *taxonomy.Taxonomy {
	t.Helper()
	tax, err := taxonomy.Load(filepath.Join(projectRoot(t), filepath.FromSlash(taxonomy.DefaultPath)))
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// English loads the site's English translations (i18n/en.toml), keyed by
// language as view.Build takes them.
func English(t testing.TB) map[string]*translations.Set {
	t.Helper()
	en, err := translations.Load(filepath.Join(projectRoot(t), translations.DefaultDir), "en")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*translations.Set{"en": en}
}

// NodeModule returns the path of file inside the project's node_modules,
// such as "echarts" or "world-atlas/countries-110m.json".
//
// In a fresh clone, or after `make site` (which installs only what the
// build needs), TestNodeModules in this package is the one test that
// fails, and says so; the tests that call NodeModule skip, pointing at it,
// rather than each failing in its own words. Where CI is set they fail
// instead, since a skipped test there hides a broken set-up, and so they do
// when the test packages were installed but file is still missing. (In a
// fresh clone the tests that name countries stop too, with countries' own
// message naming npm ci: CLDR's names are read from node_modules wherever a
// country is named.)
func NodeModule(t testing.TB, file string) string {
	t.Helper()
	modules := filepath.Join(projectRoot(t), "node_modules")
	path := filepath.Join(modules, filepath.FromSlash(file))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	missing := "node_modules/" + file + " is missing: run make test-deps (make test does)"
	if _, err := os.Stat(filepath.Join(modules, npmStamp)); err == nil || os.Getenv("CI") != "" {
		t.Fatal(missing)
	}
	t.Skip(missing + "; TestNodeModules in generator/internal/testhelp fails for it")
	return ""
}

// npmStamp is the file scripts/npm-deps.sh writes into node_modules when it
// has installed every package of package-lock.json, the test tools too.
const npmStamp = ".stamp-test"

// projectRoot is the folder of go.mod, from the working folder up: tests
// run in their package's folder, or wherever they moved to.
func projectRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod in the working folder or any folder above it")
		}
		dir = parent
	}
}

// NoRealData stops a test whose real published figures (../shared/real-data,
// beside the project and never copied into it) are not there: it skips,
// except in CI (CI set), where the data is always there and a skip would
// hide a test that never ran.
func NoRealData(t testing.TB, dir string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("no real data in %s (CI is set: the shared data must be there)", dir)
	}
	t.Skipf("no real data in %s", dir)
}

// CSVRows reads a CSV file's bytes (a byte-order mark allowed) whose first
// row names the columns, as one map of column to value per row.
func CSVRows(t testing.TB, raw []byte) []map[string]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("not a CSV with a header row: %v", err)
	}
	var rows []map[string]string
	for _, rec := range records[1:] {
		row := map[string]string{}
		for i, h := range records[0] {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// NewestDownloads is the folder that holds the newest downloads of a
// project built in root (data in root/data/report, downloads in
// root/generated/downloads): the folder data/report/downloads.json names,
// the release's key, of which /downloads/latest/ is an alias.
func NewestDownloads(t testing.TB, root string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "data", "report", "downloads.json"))
	if err != nil {
		t.Fatal(err)
	}
	var site struct {
		Dir string `json:"dir"`
	}
	if err := json.Unmarshal(data, &site); err != nil || site.Dir == "" {
		t.Fatalf("downloads.json names no folder of the newest downloads: %v", err)
	}
	return filepath.Join(root, "generated", "downloads", site.Dir)
}
