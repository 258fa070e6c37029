package cli

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/demo"
	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

const (
	taxonomyPath = "../../../data/taxonomy.toml"
	i18nDir      = "../../../i18n"
)

func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = Run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// writeDemo writes the demo company's workbooks for the first n quarters.
func writeDemo(t *testing.T, dir string, quarters int) {
	t.Helper()
	tax := testhelp.ProjectTaxonomy(t)
	keep := map[report.Period]bool{}
	for _, p := range demo.Periods()[:quarters] {
		keep[p] = true
	}
	var sources []report.Source
	for _, s := range demo.Sources() {
		if keep[s.Period] {
			sources = append(sources, s)
		}
	}
	tree, err := sourceTree(sources, tax)
	if err != nil {
		t.Fatal(err)
	}
	if err := output.Replace(dir, tree); err != nil {
		t.Fatal(err)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	testhelp.NodeModule(t, geo.WorldAtlasFile) // build draws the map
	root := t.TempDir()
	sources := filepath.Join(root, "sources")
	writeDemo(t, sources, 4)
	var trees []output.Tree
	for i := range 2 {
		data := filepath.Join(root, "data"+string(rune('1'+i)))
		out, stderr, err := run(t, "build", "-sources", sources, "-data", data, "-taxonomy", taxonomyPath, "-i18n", i18nDir)
		if err != nil {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		if !strings.Contains(out, "12 files") || stderr != "" {
			t.Errorf("build printed %q, stderr %q; want a one-line summary of 12 files", out, stderr)
		}
		trees = append(trees, testhelp.ReadTree(t, filepath.Join(data, "report")))
	}
	if len(trees[0]) == 0 {
		t.Fatal("build wrote nothing")
	}
	if diff := cmp.Diff(trees[0], trees[1]); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}
}

// TestBrokenWorkbookChangesNothing puts a workbook with ten distinct mistakes
// beside valid ones: validate and build must name all ten with their cells,
// exit with an error, and leave data/report/ exactly as it was.
func TestBrokenWorkbookChangesNothing(t *testing.T) {
	testhelp.NodeModule(t, geo.WorldAtlasFile)
	root := t.TempDir()
	sources := filepath.Join(root, "sources")
	data := filepath.Join(root, "data")
	writeDemo(t, sources, 2)
	if _, stderr, err := run(t, "build", "-sources", sources, "-data", data, "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("first build: %v\n%s", err, stderr)
	}
	before := testhelp.ReadTree(t, data)

	tax := testhelp.ProjectTaxonomy(t)
	p, _ := report.ParsePeriod("2024-Q2")
	f, err := workbook.Template(tax, p, "legal-ops")
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"DE", "Court order", nil, "12a", 3},                // 1: D2 not a number
		{"FR", "Court order", nil, -4, 3},                   // 2: D3 negative
		{"IT", "Court order", nil, 2.5, 3},                  // 3: D4 fractional
		{"ES", "Court order", nil, 5},                       // 4: E5 accounts empty
		{"QQ", "Court order", nil, 5, 5},                    // 5: A6 unknown country
		{"PT", "Telepathy", nil, 5, 5},                      // 6: B7 unknown legal basis
		{"NL", "Search warrant", nil, 1, 1},                 // 7
		{"NL", "Search warrant", nil, 10, 10, 8, 8, 0, 0},   // 8: A9 duplicate of row 8, D9 outcomes exceed requests
		{"BE", "Search warrant", nil, 10, 10, 1, nil, 1, 1}, // 9: G10 outcomes partly filled
	}
	for i, r := range rows {
		for j, v := range r {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellValue(workbook.RequestsSheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SetCellValue(workbook.NationalSecuritySheet, "A2", "2024-H1"); err != nil {
		t.Fatal(err)
	}
	for cell, v := range map[string]string{"B2": "nsl", "C2": "0-499", "D2": "lots"} { // 10: D2 bad band
		if err := f.SetCellValue(workbook.NationalSecuritySheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(sources, "2024-Q2", "legal-ops.xlsx")); err != nil {
		t.Fatal(err)
	}

	want := []string{
		`National security!D2: "lots" is not a band`,
		`Requests!D2: "12a" is not a whole number`,
		`Requests!D3: "-4" is negative`,
		`Requests!D4: "2.5" is not a whole number`,
		`Requests!E5: accounts is empty`,
		`Requests!A6: "QQ" is not an ISO 3166-1 country code`,
		`Requests!B7: "Telepathy" is not a legal basis`,
		`Requests!A9: same period, country, legal basis and segment as row 8 (NL, Search warrant, no segment)`,
		`Requests!D9: outcomes add up to 16, more than the 10 requests`,
		`Requests!G10: only some outcome counts are given`,
	}
	for _, cmd := range []string{"validate", "build"} {
		t.Run(cmd, func(t *testing.T) {
			_, stderr, err := run(t, cmd, "-sources", sources, "-data", data, "-taxonomy", taxonomyPath, "-i18n", i18nDir)
			if cmd == "validate" {
				_, stderr, err = run(t, cmd, "-sources", sources, "-taxonomy", taxonomyPath, "-i18n", i18nDir)
			}
			if !errors.Is(err, ErrReported) {
				t.Fatalf("%s error = %v, want problems reported", cmd, err)
			}
			var located []string
			for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
				if strings.HasPrefix(line, filepath.Join(sources, "2024-Q2", "legal-ops.xlsx")+": ") {
					located = append(located, line)
				}
			}
			if len(located) != len(want) {
				t.Errorf("got %d located problems, want %d:\n%s", len(located), len(want), stderr)
			}
			for _, w := range want {
				if !strings.Contains(stderr, "legal-ops.xlsx: "+w) {
					t.Errorf("missing problem %q in:\n%s", w, stderr)
				}
			}
			if !strings.Contains(stderr, "10 problem(s) found; nothing was written") {
				t.Errorf("missing summary line in:\n%s", stderr)
			}
			if diff := cmp.Diff(before, testhelp.ReadTree(t, data)); diff != "" {
				t.Errorf("data/ changed after a failed %s:\n%s", cmd, diff)
			}
		})
	}
}

func TestTemplateCommand(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "sources", "2026-Q4", "emea.xlsx")
	out, stderr, err := run(t, "template", "-quarter", "2026-Q4", "-o", file, "-taxonomy", taxonomyPath)
	if err != nil {
		t.Fatalf("template: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "team emea") {
		t.Errorf("output %q does not name the team", out)
	}
	// A blank template is a valid, empty workbook for its period.
	out, stderr, err = run(t, "validate", "-sources", filepath.Join(root, "sources"), "-taxonomy", taxonomyPath, "-i18n", i18nDir)
	if err != nil {
		t.Fatalf("validate blank template: %v\n%s", err, stderr)
	}
	if want := "ok: 1 files, 0 rows, 1 periods\n"; out != want {
		t.Errorf("validate printed %q, want %q", out, want)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "usage:"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"template"}, "-quarter and -o are required"},
		{[]string{"template", "-quarter", "2026-Q9", "-o", "x.xlsx"}, `"2026-Q9" is not a period`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, stderr, err := run(t, tt.args...)
			if err == nil {
				t.Fatal("want an error")
			}
			if got := stderr + err.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

// TestDemoKeepsTheFolderFiles: go run ./generator demo replaces the
// workbooks of the folder and keeps who publishes the report and its
// corrections; run on the project's sources/, it writes what is committed.
func TestDemoKeepsTheFolderFiles(t *testing.T) {
	testhelp.NodeModule(t, "cldr-localenames-full/package.json") // each workbook lists every country's name
	dir := t.TempDir()
	sources := filepath.Join(dir, "sources")
	if err := os.CopyFS(sources, os.DirFS(filepath.Join(projectRoot, "sources"))); err != nil {
		t.Fatal(err)
	}
	corrections := []byte("# none yet\n")
	if err := os.WriteFile(filepath.Join(sources, "corrections.toml"), corrections, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sources, "2024-Q1", "stale.xlsx"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := run(t, "demo", "-o", sources, "-taxonomy", taxonomyPath); err != nil {
		t.Fatalf("demo: %v\n%s", err, stderr)
	}
	got := testhelp.ReadTree(t, sources)
	if string(got["corrections.toml"]) != string(corrections) {
		t.Errorf("corrections.toml is %q after demo, want it kept", got["corrections.toml"])
	}
	delete(got, "corrections.toml")
	want := testhelp.ReadTree(t, filepath.Join(projectRoot, "sources"))
	if diff := cmp.Diff(keys(want), keys(got)); diff != "" {
		t.Errorf("files after demo (-committed +written):\n%s", diff)
	}
	for name, data := range want {
		if string(got[name]) != string(data) {
			t.Errorf("%s: the demo writes other bytes than sources/ holds: run go run ./generator demo", name)
		}
	}
}

func keys(tree output.Tree) []string {
	var out []string
	for k := range tree {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
