package importer_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// rowsMapping reads a small file in Google's layout.
const rowsMapping = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }
[[tables]]
files = ["*.csv", "*.xlsx"]
period = { column = "Period", patterns = ["{year}-H{half}"] }
country = { column = "Country" }
legal_basis = { column = "Legal basis" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
`

// reported imports files and returns the problems as the import command
// prints them, with file names relative to their folder.
func reported(t *testing.T, mapping string, files map[string]string) string {
	t.Helper()
	tax := testhelp.ProjectTaxonomy(t)
	dir := t.TempDir()
	var paths []string
	for name, text := range files {
		paths = append(paths, writeFile(t, dir, name, text))
	}
	m, err := importer.Parse("mapping.toml", []byte(mapping), tax)
	if err != nil {
		t.Fatal(err)
	}
	_, err = importer.Import(m, paths, tax)
	var perr *problem.Error
	if !errors.As(err, &perr) {
		t.Fatalf("Import = %v, want located problems", err)
	}
	return strings.ReplaceAll(perr.Error(), dir+string(filepath.Separator), "")
}

// TestProblemsGrouped imports files with the same problem in many rows: the
// first rows are listed, and one line counts the others.
func TestProblemsGrouped(t *testing.T) {
	rows := func(n int, format string) string {
		text := "Period,Country,Legal basis,Requests,Accounts\n"
		for i := range n {
			text += fmt.Sprintf(format, i) + "\n"
		}
		return text
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "one value in every row",
			files: map[string]string{"a.csv": rows(900, "2026-H1,DE,Court order,%d,n/a")},
			want: []string{
				`a.csv: row 2, column 5: Accounts: "n/a" is not a whole number`,
				`a.csv: row 3, column 5: Accounts: "n/a" is not a whole number`,
				`a.csv: row 4, column 5: Accounts: "n/a" is not a whole number`,
				`a.csv: column 5: …and 897 more rows like this (rows 5–901)`,
			},
		},
		{
			name:  "values that differ, in two columns",
			files: map[string]string{"a.csv": rows(6, "2026-H1,DE,Court order,%[1]dx,%[1]dy")},
			want: []string{
				`a.csv: row 2, column 4: Requests: "0x" is not a whole number`,
				`a.csv: row 2, column 5: Accounts: "0y" is not a whole number`,
				`a.csv: row 3, column 4: Requests: "1x" is not a whole number`,
				`a.csv: row 3, column 5: Accounts: "1y" is not a whole number`,
				`a.csv: row 4, column 4: Requests: "2x" is not a whole number`,
				`a.csv: row 4, column 5: Accounts: "2y" is not a whole number`,
				`a.csv: column 4: …and 3 more rows like this (rows 5–7)`,
				`a.csv: column 5: …and 3 more rows like this (rows 5–7)`,
			},
		},
		{
			name:  "one row more than shown is listed",
			files: map[string]string{"a.csv": rows(4, "2026-H1,DE,Court order,%d,n/a")},
			want: []string{
				`a.csv: row 2, column 5: Accounts: "n/a" is not a whole number`,
				`a.csv: row 3, column 5: Accounts: "n/a" is not a whole number`,
				`a.csv: row 4, column 5: Accounts: "n/a" is not a whole number`,
				`a.csv: row 5, column 5: Accounts: "n/a" is not a whole number`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Split(reported(t, rowsMapping, tc.files), "\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems -want +got:\n%s", diff)
			}
		})
	}
}

// TestCSVRowsAsASpreadsheetShowsThem imports CSV files whose records span
// several lines (a quoted cell holding a line break) or are separated by
// blank lines: problems name the row a spreadsheet program shows, and the
// line the record starts on where it is another.
func TestCSVRowsAsASpreadsheetShowsThem(t *testing.T) {
	const header = "Period,Country,Legal basis,Requests,Accounts\n"
	for _, tc := range []struct {
		name    string
		mapping string
		csv     string
		want    []string
	}{
		{
			name:    "quoted line breaks and blank lines",
			mapping: rowsMapping + `note = { column = "Note" }` + "\n",
			csv: "Period,Country,Legal basis,Requests,Accounts,Note\n" + // row 1
				"2026-H1,DE,Court order,1,x,\"two\nlines\"\n" + // row 2, lines 2-3
				"\n" + // row 3
				"2026-H1,FR,Court order,1,1,\n" + // row 4, line 5
				"\r\n\n" + // rows 5 and 6
				"2026-H1,NL,Court order,1,z,\"three\nlines\nhere\"\n" + // row 7, lines 8-10
				"2026-H1,FR,Court order,2,2,\n", // row 8, line 11
			want: []string{
				`a.csv: row 2, column 5: Accounts: "x" is not a whole number`,
				`a.csv: row 7 (line 8), column 5: Accounts: "z" is not a whole number`,
				`a.csv: row 8 (line 11), column 2: same period, country, legal basis and segment as row 4 (FR, Court order, no segment); map the two to different legal bases or segments, or set duplicates = "sum"`,
			},
		},
		{
			name: "a broken record after a quoted line break",
			csv:  header + "2026-H1,DE,Court order,1,\"1\n\"\n\n2026-H1,FR,Court order,1,\"1\"2\n",
			want: []string{`a.csv: row 4 (line 5): line 5, character 28: extraneous or missing " in quoted-field`},
		},
		{
			name:    "header_row counts rows, not lines",
			mapping: strings.Replace(rowsMapping, `files = ["*.csv", "*.xlsx"]`, "files = [\"*.csv\"]\nheader_row = 3", 1),
			csv:     "\"A title\non two lines\"\n\n" + header + "2026-H1,DE,Court order,1,n/a\n",
			want:    []string{`a.csv: row 4 (line 5), column 5: Accounts: "n/a" is not a whole number`},
		},
		{
			name: "a line that is not UTF-8",
			csv:  header + "\"2026\n-H1\",DE,Court order,1,1\n2026-H1,FR,\xff,1,1\n",
			want: []string{`a.csv: line 4: not UTF-8 text; if the file is in another encoding, set encoding (iso-8859-1, utf-16, utf-8, windows-1252) in tables[0]`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mapping := tc.mapping
			if mapping == "" {
				mapping = rowsMapping
			}
			got := strings.Split(reported(t, mapping, map[string]string{"a.csv": tc.csv}), "\n")
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems -want +got:\n%s", diff)
			}
		})
	}
}
