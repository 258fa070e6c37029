package importer_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestImportCounts imports counts that a program reads as another figure
// than the one written: each is refused, in CSV files and in XLSX cells,
// where a date or TRUE is refused as the spreadsheet shows it.
func TestImportCounts(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	dir := t.TempDir()
	files := []string{writeFile(t, dir, "requests.csv", requestsCSV(
		"2026-H1,FR,Court order,,1.000,2.000",
		"2026-H1,DE,Court order,,TRUE,1e3",
		"2026-H1,IT,Court order,,+5,1_000",
		"2026-H1,ES,Court order,,0x1p10,9007199254740993",
		"2026-H1,PT,Court order,,12,012",
	))}
	xlsx := filepath.Join(dir, "requests.xlsx")
	writeXLSX(t, xlsx, "Requests", [][]any{
		{"Period", "Country", "Legal basis", "Segment", "Requests", "Accounts", "Content", "Non-content", "No data", "Rejected", "Extraterritorial", "Contested"},
		{"2026-H1", "FR", "Court order", "", true, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
		{"2026-H1", "DE", "Court order", "", int64(9007199254740993), 1200.0},
		{"2026-H1", "IT", "Court order", "", "1.000", 12.5},
	})
	files = append(files, xlsx)
	mapping := strings.Replace(checkMapping, `files = ["requests*.csv"]`, `files = ["requests*.csv", "requests*.xlsx"]`, 1)
	m, err := importer.Parse("mapping.toml", []byte(mapping), tax)
	if err != nil {
		t.Fatal(err)
	}
	_, err = importer.Import(m, files, tax)
	want := []string{
		`requests.csv: row 2, column 5: Requests: "1.000" is not a whole number; if "." separates thousands, set thousands = "." for requests in the mapping`,
		`requests.csv: row 2, column 6: Accounts: "2.000" is not a whole number; if "." separates thousands, set thousands = "." for accounts in the mapping`,
		`requests.csv: row 3, column 5: Requests: "TRUE" is not a whole number`,
		`requests.csv: row 3, column 6: Accounts: "1e3" is not a whole number`,
		`requests.csv: row 4, column 5: Requests: "+5" is not a whole number`,
		`requests.csv: row 4, column 6: Accounts: "1_000" is not a whole number`,
		`requests.csv: row 5, column 5: Requests: "0x1p10" is not a whole number`,
		`requests.csv: row 5, column 6: Accounts: "9007199254740993" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`,
		`requests.xlsx: Requests!E2: Requests: "TRUE" is not a whole number`,
		`requests.xlsx: Requests!F2: Accounts: "2026-07-01" is not a whole number`,
		`requests.xlsx: Requests!E3: Requests: "9007199254740993" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`,
		`requests.xlsx: Requests!E4: Requests: "1.000" is not a whole number; if "." separates thousands, set thousands = "." for requests in the mapping`,
		`requests.xlsx: Requests!F4: Accounts: "12.5" is not a whole number`,
	}
	if diff := cmp.Diff(want, problemsIn(t, err, dir)); diff != "" {
		t.Errorf("problems -want +got:\n%s", diff)
	}
}
