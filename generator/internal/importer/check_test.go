package importer_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// checkMapping reads every figure that report.Check compares.
const checkMapping = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }
[[tables]]
files = ["requests*.csv"]
optional = true
period = { column = "Period", patterns = ["{year}-H{half}", "{year}-Q{quarter}"] }
country = { column = "Country" }
legal_basis = { column = "Legal basis" }
segment = { column = "Segment", blank = "missing" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
extraterritorial = { column = "Extraterritorial", blank = "missing" }
contested = { column = "Contested", blank = "missing" }
[tables.outcomes]
content = { column = "Content", blank = "missing" }
non_content = { column = "Non-content", blank = "missing" }
no_data = { column = "No data", blank = "missing" }
rejected = { column = "Rejected", blank = "missing" }
[[tables]]
files = ["bands*.csv"]
optional = true
kind = "national_security"
period = { column = "Period", patterns = ["{year}-H{half}", "{year}-Q{quarter}"] }
type = { column = "Type" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
`

const bandsHeader = "Period,Type,Requests,Accounts\n"

// requestsCSV is a file of the first table with the rows given, each
// padded with blank cells to the width of the header.
func requestsCSV(rows ...string) string {
	const header = "Period,Country,Legal basis,Segment,Requests,Accounts,Content,Non-content,No data,Rejected,Extraterritorial,Contested"
	width := strings.Count(header, ",")
	text := header + "\n"
	for _, row := range rows {
		text += row + strings.Repeat(",", width-strings.Count(row, ",")) + "\n"
	}
	return text
}

// TestCheckRules imports files that break each rule of report.Check that
// an import can break, and, where the case gives them, reads workbooks that
// hold the same rows: the same problem must get the same words from both
// front-ends, whose messages differ only in where they point and in advice
// that only a mapping can take. The other rules cannot be broken by an
// import: its mapping refuses outcomes together with a percent disclosed, it
// places each band in a period that publishes it, and it is one team's.
func TestCheckRules(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
		// workbooks hold the same rows, from row 2 of each sheet, by file
		// under the sources folder and sheet.
		workbooks map[string]map[string][][]any
	}{
		{
			name:  "a row given twice",
			files: map[string]string{"requests.csv": requestsCSV("2026-H1,FR,Court order,,10,10", "2026-H1,DE,Court order,,10,10", "2026-H1,FR,court_order,,5,5")},
			want:  []string{`requests.csv: row 4, column 2: same period, country, legal basis and segment as row 2 (FR, Court order, no segment); map the two to different legal bases or segments, or set duplicates = "sum"`},
			workbooks: map[string]map[string][][]any{"2026-H1/x.xlsx": {workbook.RequestsSheet: {
				{"FR", "Court order", "", 10, 10},
				{"DE", "Court order", "", 10, 10},
				{"FR", "court_order", "", 5, 5},
			}}},
		},
		{
			name: "a row given twice in two files",
			files: map[string]string{
				"requests-a.csv": requestsCSV("2026-H1,PL,Preservation request,Consumer,1,1"),
				"requests-b.csv": requestsCSV("2026-H1,DE,Court order,,1,1", "2026-H1,PL,preservation,consumer,1,1"),
			},
			want: []string{`requests-b.csv: row 3, column 2: same period, country, legal basis and segment as requests-a.csv row 2 (PL, Preservation request, Consumer); map the two to different legal bases or segments, or set duplicates = "sum"`},
		},
		{
			name:  "outcomes add up to more than the requests",
			files: map[string]string{"requests.csv": requestsCSV("2026-H1,FR,Court order,,10,10,5,5,5,0", "2026-H1,DE,Court order,,10,10,5,5,0,0")},
			want:  []string{"requests.csv: row 2, column 5: outcomes add up to 15, more than the 10 requests"},
			workbooks: map[string]map[string][][]any{"2026-H1/x.xlsx": {workbook.RequestsSheet: {
				{"FR", "Court order", "", 10, 10, 5, 5, 5, 0},
				{"DE", "Court order", "", 10, 10, 5, 5, 0, 0},
			}}},
		},
		{
			name:  "extraterritorial and contested more than the requests",
			files: map[string]string{"requests.csv": requestsCSV("2026-H1,NL,Court order,,10,10,,,,,11,12", "2026-H1,NL,Search warrant,,10,10,,,,,10,0")},
			want: []string{
				"requests.csv: row 2, column 11: extraterritorial 11 is more than the 10 requests",
				"requests.csv: row 2, column 12: contested in court 12 is more than the 10 requests",
			},
			workbooks: map[string]map[string][][]any{"2026-H1/x.xlsx": {workbook.RequestsSheet: {
				{"NL", "Court order", "", 10, 10, nil, nil, nil, nil, nil, 11, 12},
				{"NL", "Search warrant", "", 10, 10, nil, nil, nil, nil, nil, 10, 0},
			}}},
		},
		{
			name:  "a quarter inside a half given whole",
			files: map[string]string{"requests.csv": requestsCSV("2026-H1,DE,Court order,,10,10", "2026-Q2,DE,Court order,,4,4")},
			want:  []string{"requests.csv: row 3: period 2026-Q2 lies inside period 2026-H1, which is also given: its requests would be counted twice"},
			workbooks: map[string]map[string][][]any{
				"2026-H1/x.xlsx": {workbook.RequestsSheet: {{"DE", "Court order", "", 10, 10}}},
				"2026-Q2/x.xlsx": {workbook.RequestsSheet: {{"DE", "Court order", "", 4, 4}}},
			},
		},
		{
			name: "a band given twice",
			files: map[string]string{
				"requests.csv": requestsCSV("2026-H1,DE,Court order,,10,10"),
				"bands.csv": bandsHeader +
					"2026-H1,FISA content requests,0-499,0-499\n" +
					"2026-H1,fisa_content,0-499,500-999\n" +
					"2026-H1,nsl,0-499,0-499\n",
			},
			want: []string{"bands.csv: row 3, column 1: same period covered and type as row 2 (2026-H1, FISA content requests)"},
			workbooks: map[string]map[string][][]any{"2026-H1/x.xlsx": {workbook.NationalSecuritySheet: {
				{"2026-H1", "FISA content requests", "0-499", "0-499"},
				{"2026-H1", "fisa_content", "0-499", "500-999"},
				{"2026-H1", "nsl", "0-499", "0-499"},
			}}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []string
			for name, text := range tc.files {
				files = append(files, writeFile(t, dir, name, text))
			}
			// Files are imported in the order given; the first row seen is
			// the one a repeat is reported against.
			slices.Sort(files)
			m, err := importer.Parse("mapping.toml", []byte(checkMapping), tax)
			if err != nil {
				t.Fatal(err)
			}
			_, err = importer.Import(m, files, tax)
			got := problemsIn(t, err, dir)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("import problems -want +got:\n%s", diff)
			}
			if tc.workbooks == nil {
				return
			}

			sources := filepath.Join(t.TempDir(), "sources")
			for file, sheets := range tc.workbooks {
				writeWorkbook(t, filepath.Join(sources, filepath.FromSlash(file)), sheets)
			}
			var probs problem.List
			checked := report.Check(workbook.ReadDir(sources, tax, &probs, nil), tax)
			probs.Merge(&checked)
			var perr *problem.Error
			if !errors.As(probs.Err(), &perr) || len(perr.Problems) != len(tc.want) {
				t.Fatalf("workbook problems = %v, want %d", probs.Err(), len(tc.want))
			}
			var imported *problem.Error
			errors.As(err, &imported)
			for i, p := range perr.Problems {
				if !strings.HasPrefix(imported.Problems[i].Msg, p.Msg) {
					t.Errorf("the workbook's problem\n\t%s\nis not worded as the import's\n\t%s", p.Msg, imported.Problems[i].Msg)
				}
			}
		})
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// problemsIn lists the located problems of err, with file names relative to
// dir.
func problemsIn(t *testing.T, err error, dir string) []string {
	t.Helper()
	var perr *problem.Error
	if !errors.As(err, &perr) {
		t.Fatalf("Import = %v, want located problems", err)
	}
	var lines []string
	for _, p := range perr.Problems {
		lines = append(lines, strings.ReplaceAll(p.String(), dir+string(filepath.Separator), ""))
	}
	return lines
}

// writeWorkbook writes the template of the workbook at path with rows from
// row 2 of each sheet; nil leaves a cell blank.
func writeWorkbook(t *testing.T, path string, sheets map[string][][]any) {
	t.Helper()
	period, err := report.ParsePeriod(filepath.Base(filepath.Dir(path)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := workbook.Template(testhelp.ProjectTaxonomy(t), period, "x")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, rows := range sheets {
		for i, row := range rows {
			for j, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				if err := f.SetCellValue(sheet, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
