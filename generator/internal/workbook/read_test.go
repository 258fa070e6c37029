package workbook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/problem"
)

// setRow writes values from column A on; nil leaves a cell blank.
func setRow(t testing.TB, f *excelize.File, sheet string, row int, values ...any) {
	t.Helper()
	for i, v := range values {
		if v == nil {
			continue
		}
		if err := f.SetCellValue(sheet, cellName(i+1, row), v); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadProblems reads a workbook with many mistakes and compares every
// problem found with testdata/problems.golden. Run go test -update to
// rewrite it.
func TestReadProblems(t *testing.T) {
	tax := loadTaxonomy(t)
	root := t.TempDir()
	path := filepath.Join(root, "sources", "2026-Q3", "emea.xlsx")

	f, err := Template(tax, mustPeriod(t, "2026-Q2"), "") // wrong period, no team
	if err != nil {
		t.Fatal(err)
	}
	setRow(t, f, AboutSheet, 3, "Prepared")
	const r = RequestsSheet
	setRow(t, f, r, 2, "us", "Court order", nil, 10, 12, 2, 3, 4, 1, nil, 2, 0, "lower-case code is fine")
	setRow(t, f, r, 3, "QQ", "Warrant", "SMB", "12a", -3)
	setRow(t, f, r, 4, "DE", "search_warrant", nil, 2.5)
	// Row 5 is blank and skipped.
	setRow(t, f, r, 6, "US", "court_order", "", 5, 5)
	setRow(t, f, r, 7, "FR", "Subpoena or administrative request", "Consumer", 10, 10, 5, 5, 5, 0)
	setRow(t, f, r, 8, "GB", "Court order", "Enterprise", 10, 10, 1, nil, 1, 1)
	setRow(t, f, r, 9, "IT", "Court order", nil, 10, 10, 1, 2, 3, 4, 50)
	setRow(t, f, r, 10, "ES", "Court order", nil, 10, 10, nil, nil, nil, nil, 120)
	setRow(t, f, r, 11, "NL", "Court order", nil, 10, 10, nil, nil, nil, nil, nil, 11, 12)
	setRow(t, f, r, 12, "BE", "Court order", nil, nil, 10)
	if err := f.SetCellFormula(r, "D12", "SUM(E2:E3)"); err != nil {
		t.Fatal(err)
	}
	setRow(t, f, r, 13, "AT", "Emergency request", nil, "1.2E+3", 1200.0000000001, nil, nil, nil, nil, "45%")
	setRow(t, f, r, 14, "CH", "preservation", nil, 7, 7)
	const ns = NationalSecuritySheet
	setRow(t, f, ns, 2, "2026-H1", "FISA content requests", "0-499", "0-499")
	setRow(t, f, ns, 3, "2026-h1", "fisa_content", "0-499", "500-999")
	setRow(t, f, ns, 4, "2026-Q5", "FISA", "lots", nil)
	setRow(t, f, ns, 5, "2026-Q4", "National Security Letters", "0-499", "5000+")
	save(t, f, path)

	var probs problem.List
	src := Read(path, tax, &probs)
	got := strings.Join(problemLines(&probs, root), "\n") + "\n"

	golden := filepath.Join("testdata", "problems.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}

	var validRows []string
	for _, row := range src.Rows {
		validRows = append(validRows, row.Country+" "+row.LegalBasis)
	}
	if diff := cmp.Diff([]string{"US court_order", "AT emergency", "CH preservation"}, validRows); diff != "" {
		t.Errorf("valid rows (-want +got):\n%s", diff)
	}
	if len(src.NationalSecurity) != 1 {
		t.Errorf("read %d national-security rows, want 1", len(src.NationalSecurity))
	}
}

func TestReadFileProblems(t *testing.T) {
	tax := loadTaxonomy(t)
	template := func(period, team string, edit func(*excelize.File)) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			f, err := Template(tax, mustPeriod(t, period), team)
			if err != nil {
				t.Fatal(err)
			}
			if edit != nil {
				edit(f)
			}
			save(t, f, path)
		}
	}
	for _, tc := range []struct {
		name  string
		file  string // under the temporary folder
		write func(t *testing.T, path string)
		want  []string
	}{
		{
			name:  "half-year workbook",
			file:  "sources/2023-H1/legacy.xlsx",
			write: template("2023-H1", "legacy", nil),
		},
		{
			name: "not a workbook",
			file: "sources/2026-Q3/x.xlsx",
			write: func(t *testing.T, path string) {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte("country,requests\nUS,3\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"sources/2026-Q3/x.xlsx: not a readable workbook: zip: not a valid zip file"},
		},
		{
			name:  "period disagrees with folder",
			file:  "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q2", "EMEA", nil),
			want:  []string{"sources/2026-Q3/emea.xlsx: About!B1: period 2026-Q2 disagrees with folder 2026-Q3"},
		},
		{
			name:  "folder is not a period",
			file:  "sources/latest/emea.xlsx",
			write: template("2026-Q3", "EMEA", nil),
			want:  []string{`sources/latest/emea.xlsx: folder name: "LATEST" is not a period such as 2026-Q3, 2026-H1 or 2026`},
		},
		{
			name:  "empty team",
			file:  "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q3", "  ", nil),
			want:  []string{"sources/2026-Q3/emea.xlsx: About!B2: team is empty"},
		},
		{
			name: "missing sheet",
			file: "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q3", "EMEA", func(f *excelize.File) {
				if err := f.DeleteSheet(NationalSecuritySheet); err != nil {
					t.Fatal(err)
				}
			}),
			want: []string{"sources/2026-Q3/emea.xlsx: National security: missing sheet"},
		},
		{
			name: "wrong header skips the rows",
			file: "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q3", "EMEA", func(f *excelize.File) {
				setRow(t, f, RequestsSheet, 1, nil, nil, nil, "Reqs", "")
				setRow(t, f, RequestsSheet, 2, "QQ", "Court order", nil, "many")
			}),
			want: []string{
				`sources/2026-Q3/emea.xlsx: Requests!D1: header is "Reqs", want "Requests"`,
				`sources/2026-Q3/emea.xlsx: Requests!E1: header is missing, want "Accounts"`,
			},
		},
		{
			name: "header differs only in case and spaces",
			file: "sources/2026-Q3/emea.xlsx",
			write: template("2026-Q3", "EMEA", func(f *excelize.File) {
				setRow(t, f, RequestsSheet, 1, " country", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "Contested\nin court")
			}),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, filepath.FromSlash(tc.file))
			tc.write(t, path)
			var probs problem.List
			src := Read(path, tax, &probs)
			if diff := cmp.Diff(tc.want, problemLines(&probs, root)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if src.File != path {
				t.Errorf("File = %q, want %q", src.File, path)
			}
		})
	}
}
