package workbook

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func TestReadDir(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	root := t.TempDir()
	sources := filepath.Join(root, "sources")

	nsRow := func(period, kind, requests string) report.NationalSecurityRow {
		return report.NationalSecurityRow{Period: testhelp.MustPeriod(t, period), Type: kind, Requests: testhelp.MustBand(t, requests), Accounts: testhelp.MustBand(t, requests)}
	}
	workbooks := []struct {
		file string
		src  report.Source
	}{
		{"2026-Q2/legal.xlsx", report.Source{
			Period:           testhelp.MustPeriod(t, "2026-Q2"),
			Team:             "Legal",
			NationalSecurity: []report.NationalSecurityRow{nsRow("2025-H2", "fisa_content", "0-499")},
		}},
		{"2026-Q3/legal.xlsx", report.Source{
			Period: testhelp.MustPeriod(t, "2026-Q3"),
			Team:   "Legal",
			NationalSecurity: []report.NationalSecurityRow{
				nsRow("2025-H2", "fisa_content", "500-999"), // already in 2026-Q2
				nsRow("2026-H1", "nsl", "0-249"),
			},
		}},
		{"2026-Q3/emea.xlsx", report.Source{
			Period: testhelp.MustPeriod(t, "2026-Q3"),
			Team:   "LEGAL", // the same team as legal.xlsx
			Rows:   []report.Row{{Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(1), Accounts: report.Exactly(1)}},
		}},
		{"drafts/apac.xlsx", report.Source{Period: testhelp.MustPeriod(t, "2026-Q3"), Team: "APAC"}},
	}
	for _, wb := range workbooks {
		f, err := Build(tax, wb.src)
		if err != nil {
			t.Fatal(err)
		}
		save(t, f, filepath.Join(sources, filepath.FromSlash(wb.file)))
	}
	for name, content := range map[string]string{
		"README.md":              "Workbooks by period.",
		"stray.xlsx":             "not in a period folder",
		"2026-Q3/notes.txt":      "a note",
		"2026-Q3/~$legal.xlsx":   "lock file of an open workbook",
		"2026-Q3/.DS_Store":      "",
		".git-keep/whatever.txt": "",
	} {
		path := filepath.Join(sources, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	var probs problem.List
	var progress []string
	got := ReadDir(sources, tax, &probs, func(file string, rows int) {
		rel, _ := filepath.Rel(sources, file)
		progress = append(progress, fmt.Sprintf("%s %d", filepath.ToSlash(rel), rows))
	})

	// A team's second workbook and a band given twice are for report.Check
	// (see testdata/problems).
	wantProblems := []string{
		"sources/2026-Q3/notes.txt: not an .xlsx workbook: a period folder holds only workbooks",
		`sources/drafts: folder name: "DRAFTS" is not a period such as 2026-Q3, 2026-H1 or 2026`,
		"sources/stray.xlsx: workbook is not in a period folder such as 2026-Q3",
	}
	var gotProblems []string
	for _, p := range probs.Sorted() {
		rel, _ := filepath.Rel(root, p.File)
		p.File = filepath.ToSlash(rel)
		gotProblems = append(gotProblems, p.String())
	}
	if diff := cmp.Diff(wantProblems, gotProblems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}

	wantProgress := []string{"2026-Q2/legal.xlsx 1", "2026-Q3/emea.xlsx 1", "2026-Q3/legal.xlsx 2"}
	if diff := cmp.Diff(wantProgress, progress); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}

	var read []string
	for _, src := range got {
		for _, row := range src.NationalSecurity {
			read = append(read, fmt.Sprintf("%s %s %s %s", src.Period, row.Period, row.Type, row.Requests.Published))
		}
	}
	wantRead := []string{"2026-Q2 2025-H2 fisa_content 0-499", "2026-Q3 2025-H2 fisa_content 500-999", "2026-Q3 2026-H1 nsl 0-249"}
	if diff := cmp.Diff(wantRead, read); diff != "" {
		t.Errorf("national-security rows (-want +got):\n%s", diff)
	}
}

func TestReadDirMissing(t *testing.T) {
	var probs problem.List
	got := ReadDir(filepath.Join(t.TempDir(), "nowhere"), testhelp.ProjectTaxonomy(t), &probs, nil)
	if got != nil || probs.Len() != 1 {
		t.Errorf("ReadDir of a missing folder = %v with %d problems, want nil with 1", got, probs.Len())
	}
}
