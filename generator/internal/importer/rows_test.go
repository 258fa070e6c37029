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
