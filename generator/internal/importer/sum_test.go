package importer_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// importText writes a mapping and one CSV file and imports them.
func importText(t *testing.T, tax *taxonomy.Taxonomy, mapping, name, csv string) (*importer.Result, error) {
	t.Helper()
	dir := t.TempDir()
	mappingFile, file := filepath.Join(dir, "mapping.toml"), filepath.Join(dir, name)
	for path, text := range map[string]string{mappingFile: mapping, file: csv} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := importer.Load(mappingFile, tax)
	if err != nil {
		t.Fatal(err)
	}
	return importer.Import(m, []string{file}, tax)
}

const apple = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }
[[tables]]
files = ["*.csv"]
duplicates = "sum"
period = { column = "Period", patterns = ["{start_month} - {end_month} {year}"] }
country = { column = "Country", by = "name" }
legal_basis = { value = "not_broken_down" }
requests = { column = "Requests", thousands = "," }
accounts = { column = "Accounts specified", thousands = "," }
percent_disclosed = { column = "Share with data", percent_sign = true }
`

func TestDuplicatesSum(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	// One row per kind of request (device, account), which this mapping
	// does not split by (TestRequestTypes does): it adds them up.
	res, err := importText(t, tax, apple, "requests.csv", ""+
		"Period,Country,Kind,Requests,Accounts specified,Share with data\n"+
		"Jan - Jun 2024,Germany,Device,10,\"1,010\",50%\n"+
		"Jan - Jun 2024,Germany,Account,30,30,100%\n"+
		"Jan - Jun 2024,France,Device,5,5,20%\n")
	if err != nil {
		t.Fatal(err)
	}
	rows := res.Sources[0].Rows
	if len(rows) != 2 || rows[0].Country != "DE" {
		t.Fatalf("rows = %+v, want DE and FR", rows)
	}
	de := rows[0]
	if de.Requests.String() != "40" || de.Accounts.String() != "1040" || de.DisclosedPercent == nil || *de.DisclosedPercent != 87.5 {
		t.Errorf("DE = %v requests, %v accounts, %v%%; want 40, 1040, 87.5%%", de.Requests, de.Accounts, *de.DisclosedPercent)
	}
	if want := "sum of 2 published rows (requests.csv rows 2 and 3); percentage disclosed weighted by requests"; !strings.Contains(de.Note, want) {
		t.Errorf("note = %q, want it to contain %q", de.Note, want)
	}
	roundTrip(t, res, tax)
}

// TestRequestTypes imports a file with one row per kind of request, as
// TestDuplicatesSum does, with a mapping that keeps them apart by request
// type: named by the taxonomy's labels or through values. The rows survive
// a round trip through workbooks, whose Request type column holds them.
func TestRequestTypes(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	mapping := strings.Replace(apple, `duplicates = "sum"`, "", 1) +
		`request_type = { column = "Kind", values = { "Bank card" = "financial_identifier" } }` + "\n"
	res, err := importText(t, tax, mapping, "requests.csv", ""+
		"Period,Country,Kind,Requests,Accounts specified,Share with data\n"+
		"Jan - Jun 2024,Germany,Device,10,\"1,010\",50%\n"+
		"Jan - Jun 2024,Germany,Account,30,30,100%\n"+
		"Jan - Jun 2024,Germany,,2,2,0%\n"+
		"Jan - Jun 2024,France,bank card,5,5,20%\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range res.Sources[0].Rows {
		got = append(got, row.Country+" "+row.RequestType+" "+row.Requests.String())
	}
	want := []string{"DE  2", "DE account 30", "DE device 10", "FR financial_identifier 5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows -want +got:\n%s", diff)
	}
	_, read := roundTrip(t, res, tax)
	if diff := cmp.Diff(res.Sources, read, comparable); diff != "" {
		t.Errorf("rows read back from the workbooks -imported +read:\n%s", diff)
	}

	_, err = importText(t, tax, mapping, "requests.csv", ""+
		"Period,Country,Kind,Requests,Accounts specified,Share with data\n"+
		"Jan - Jun 2024,Germany,E-mail,10,10,50%\n")
	var perr *problem.Error
	if !errors.As(err, &perr) || !strings.Contains(err.Error(), `requests.csv: row 2, column 3: Kind: "E-mail" is not mapped: add it to request_type.values in the mapping`) {
		t.Errorf("an unknown kind: error %v", err)
	}

	_, err = importText(t, tax, mapping, "requests.csv", ""+
		"Period,Country,Kind,Requests,Accounts specified,Share with data\n"+
		"Jan - Jun 2024,Germany,Device,10,10,50%\n"+
		"Jan - Jun 2024,Germany,device,1,1,50%\n")
	if !errors.As(err, &perr) || !strings.Contains(err.Error(), `requests.csv: row 3, column 2: same period, country, legal basis, segment and request type as row 2 (DE, Not broken down, no segment, Device)`) {
		t.Errorf("a kind given twice: error %v", err)
	}
}

func TestPeriodGivenWholeAndInParts(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	_, err := importText(t, tax, strings.Replace(apple, `duplicates = "sum"`, "", 1), "requests.csv", ""+
		"Period,Country,Requests,Accounts specified,Share with data\n"+
		"Jan - Jun 2024,Germany,10,10,50%\n"+
		"Jan - Mar 2024,Germany,4,4,50%\n"+
		"Apr - Jun 2024,France,6,6,50%\n")
	var perr *problem.Error
	if !errors.As(err, &perr) {
		t.Fatalf("Import = %v, want located problems", err)
	}
	var got []string
	for _, p := range perr.Problems {
		p.File = filepath.Base(p.File)
		got = append(got, p.String())
	}
	want := []string{
		"requests.csv: row 3: period 2024-Q1 lies inside period 2024-H1, which is also given: its requests would be counted twice",
		"requests.csv: row 4: period 2024-Q2 lies inside period 2024-H1, which is also given: its requests would be counted twice",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems -want +got:\n%s", diff)
	}
}

func TestPeriodFromTwoColumns(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	mapping := strings.Replace(apple, `period = { column = "Period", patterns = ["{start_month} - {end_month} {year}"] }`,
		`period = { columns = ["Year", "Half"], patterns = ["{year} H{half}", "{year} {half}"] }`, 1)
	res, err := importText(t, tax, mapping, "requests.csv", ""+
		"Year,Half,Country,Requests,Accounts specified,Share with data\n"+
		"2024,H2,Germany,10,10,50%\n"+
		"2025,1,Germany,4,4,50%\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 2 || res.Sources[0].Period.String() != "2024-H2" || res.Sources[1].Period.String() != "2025-H1" {
		t.Errorf("sources = %+v, want 2024-H2 and 2025-H1", res.Sources)
	}
}

// TestFilesAndTables checks that every file given matches a table or an
// ignore rule, and every table that is not optional a file.
func TestFilesAndTables(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	dir := t.TempDir()
	write := func(name string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte("Period,Country,Requests,Accounts specified,Share with data\nJan - Jun 2024,Germany,1,1,0%\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	m, err := importer.Parse("m.toml", []byte(strings.Replace(apple, `files = ["*.csv"]`, `files = ["requests-*.csv"]`, 1)+`
[[tables]]
name = "bands"
files = ["bands.csv"]
kind = "national_security"
period = { column = "Period" }
type = { value = "nsl" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
[[ignore]]
files = ["*.pdf"]
reason = "the printed report"
`), tax)
	if err != nil {
		t.Fatal(err)
	}
	_, err = importer.Import(m, []string{write("requests-2024.csv"), write("notes.txt"), write("report.pdf")}, tax)
	want := []string{
		filepath.Join(dir, "notes.txt") + `: matches no table of the mapping: add a table whose files match "notes.txt", or an [[ignore]] entry saying why it is not imported`,
		`m.toml: tables[1] (bands): none of the files given matches "bands.csv"; give its file, or set optional = true`,
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("Import error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

// TestColumnsAndFileNames reads a layout that gives the period only in the
// file's name, writes "N/A" for figures not published, and splits the
// percentage disclosed into two columns that add up.
func TestColumnsAndFileNames(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	mapping := `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }
[[tables]]
files = ["*.csv"]
blank_values = ["N/A", "-"]
period = { from = "file_name", patterns = ["{year}-H{half}"] }
country = { column = "Country", by = "name" }
legal_basis = { value = "not_broken_down" }
requests = { columns = ["Device requests", "Account requests"], blank = "zero" }
accounts = { column = "Accounts", blank = "zero" }
percent_disclosed = { columns = ["Content %", "Non-content only %"], percent_sign = true, blank = "missing" }
`
	res, err := importText(t, tax, mapping, "example-report-2023-H2-by-country.csv", ""+
		"Country,Device requests,Account requests,Accounts,Content %,Non-content only %\n"+
		"Germany,10,30,45,20%,30.5%\n"+
		"France,N/A,4,-,N/A,N/A\n")
	if err != nil {
		t.Fatal(err)
	}
	got := res.Sources[0]
	if got.Period.String() != "2023-H2" || len(got.Rows) != 2 {
		t.Fatalf("source = %+v, want 2023-H2 with 2 rows", got)
	}
	de, fr := got.Rows[0], got.Rows[1]
	if de.Requests.String() != "40" || de.Accounts.String() != "45" || de.DisclosedPercent == nil || *de.DisclosedPercent != 50.5 {
		t.Errorf("DE = %+v, want 40 requests, 45 accounts, 50.5%%", de)
	}
	if fr.Requests.String() != "4" || fr.Accounts.String() != "0" || fr.DisclosedPercent != nil {
		t.Errorf("FR = %+v, want 4 requests, 0 accounts, no percentage", fr)
	}

	// Without blank = "zero", a sum with a blank part is an error.
	_, err = importText(t, tax, strings.Replace(mapping, `"Account requests"], blank = "zero"`, `"Account requests"]`, 1),
		"example-2023-H2.csv", "Country,Device requests,Account requests,Accounts,Content %,Non-content only %\nFrance,N/A,4,1,60%,50%\n")
	for _, want := range []string{
		`row 2, column 2: Device requests is empty but the other columns of requests are not; if a blank cell means 0, set blank = "zero" for requests`,
		`row 2, column 5: Content % + Non-content only % add up to 110%, more than 100%`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Import error = %v, want it to contain %q", err, want)
		}
	}
}

// TestCountryNameColumn reads a requester by name where its code is blank
// (name_column), by the mapping's values or CLDR's names: the United
// Nations and a "rest of the world" mapped to ZZ. A blank code with an
// unknown name is an error at the name's cell.
func TestCountryNameColumn(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	mapping := strings.Replace(apple, `country = { column = "Country", by = "name" }`,
		`country = { column = "Code", name_column = "Country", values = { "Rest of the world" = "ZZ" } }`, 1)
	csv := "Period,Country,Code,Requests,Accounts specified,Share with data\n" +
		"Jan - Jun 2024,Germany,DE,10,10,50%\n" +
		"Jan - Jun 2024,United Nations,,1,1,0%\n" +
		"Jan - Jun 2024,Rest of the world,,7,7,10%\n"
	res, err := importText(t, tax, mapping, "requests.csv", csv)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Sources[0].Rows {
		got = append(got, r.Country)
	}
	if diff := cmp.Diff([]string{"DE", "UN", "ZZ"}, got); diff != "" {
		t.Errorf("countries -want +got:\n%s", diff)
	}
	roundTrip(t, res, tax)

	_, err = importText(t, tax, mapping, "requests.csv", csv+"Jan - Jun 2024,Atlantis,,1,1,0%\n")
	var perr *problem.Error
	if !errors.As(err, &perr) || len(perr.Problems) != 1 {
		t.Fatalf("Import = %v, want one problem", err)
	}
	perr.Problems[0].File = filepath.Base(perr.Problems[0].File)
	if got, want := perr.Problems[0].String(), `requests.csv: row 5, column 2: Country: "Atlantis" is not a country name that CLDR knows; add it with its code to country.values in the mapping`; got != want {
		t.Errorf("problem = %s, want %s", got, want)
	}
}
