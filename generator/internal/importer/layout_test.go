package importer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

const taxonomyPath = "../../../data/taxonomy.toml"

// writeXLSX writes a workbook with one sheet holding rows from row 1.
func writeXLSX(t *testing.T, path, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// roundTrip writes the result as workbooks under a temporary folder and
// reads them back with the project's own validator, which must find no
// problem.
func roundTrip(t testing.TB, res *importer.Result, tax *taxonomy.Taxonomy) (dir string, read []report.Source) {
	t.Helper()
	tree, err := res.Tree(tax)
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(t.TempDir(), "sources")
	if err := importer.Write(dir, tree); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	read = workbook.ReadDir(dir, tax, &probs, nil)
	checked := report.Check(read, tax)
	probs.Merge(&checked)
	if err := probs.Err(); err != nil {
		t.Fatalf("the imported workbooks do not validate:\n%v", err)
	}
	return dir, read
}

// comparable drops what differs between rows read from the published files
// and the same rows read back from the workbooks: where they were read.
var comparable = cmp.Options{
	cmpopts.IgnoreFields(report.Row{}, "Where", "Cols"),
	cmpopts.IgnoreFields(report.NationalSecurityRow{}, "Where", "Cols"),
	cmpopts.IgnoreFields(report.Source{}, "File", "TeamAt"),
	cmpopts.EquateEmpty(),
}

func ptr[T any](v T) *T { return &v }

func TestOwnLayout(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	dir := t.TempDir()
	header := []any{"Reporting period", "Country", "Customer type", "Court orders", "Accounts (court orders)",
		"Content", "Non-content only", "No data", "Rejected", "Data stored abroad",
		"Emergency requests", "Accounts (emergency)", "Share disclosed (emergency)"}
	title := func(text string) [][]any { return [][]any{{text}, {}, header} }
	q1 := append(title("ACME Mail: government requests, first quarter of 2024"),
		[]any{"Q1 2024", "Germany", "Personal", "1,234", "1,500", "200", "800", "134", "100", 12, 15, 15, "62,5 %"},
		[]any{"Q1 2024", "Germany", "Business", 40, 52, 0, 30, 5, 5, nil, nil, nil, nil},
		[]any{},
		[]any{"Q1 2024", "Türkiye", "Personal", 7, 7, 0, 7, 0, 0, nil, "<10", "<10", "0 %"},
		[]any{"Q1 2024", "Kosovo", "Personal", 3, 3, 0, 0, 3, 0},
		[]any{"Q1 2024", "South Korea", "Personal", 0, 0, 0, 0, 0, 0, nil, 2, 2, "100 %"},
		[]any{"Q1 2024", "Total", "", "1,284", "1,562", "200", "837", "142", "105", 12, "<20", "<20", "70 %"},
	)
	q2 := append(title("ACME Mail: government requests, April to June 2024"),
		[]any{"Apr-Jun 2024", "Germany", "Personal", "1,100", "1,200", 150, 750, 100, 100, 5, 20, 21, "75 %"},
		[]any{"Apr-Jun 2024", "czechia", "Personal", 12, 14, 2, 8, 1, 1, 0},
		[]any{"Apr-Jun 2024", "Kosovo", nil, 1, 1, 0, 1, 0, 0},
	)
	writeXLSX(t, filepath.Join(dir, "acme-2024-q1.xlsx"), "By country", q1)
	writeXLSX(t, filepath.Join(dir, "acme-2024-q2.xlsx"), "By country", q2)
	if err := os.WriteFile(filepath.Join(dir, "acme-report.pdf"), []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{
		filepath.Join(dir, "acme-2024-q1.xlsx"),
		filepath.Join(dir, "acme-2024-q2.xlsx"),
		filepath.Join(dir, "acme-report.pdf"),
		"testdata/layouts/acme-national-security.csv",
	}
	m, err := importer.Load("testdata/layouts/acme.toml", tax)
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(m, files, tax)
	if err != nil {
		t.Fatal(err)
	}

	q1p, q2p := report.Period{Year: 2024, Kind: report.Quarter, Index: 1}, report.Period{Year: 2024, Kind: report.Quarter, Index: 2}
	h2, h1 := report.Period{Year: 2023, Kind: report.Half, Index: 2}, report.Period{Year: 2024, Kind: report.Half, Index: 1}
	outcomes := func(content, nonContent, noData, rejected int64) map[string]int64 {
		return map[string]int64{"content": content, "non_content": nonContent, "no_data": noData, "rejected": rejected}
	}
	row := func(p report.Period, country, basis, segment string, requests, accounts int64) report.Row {
		return report.Row{Period: p, Team: "acme-legal", Country: country, LegalBasis: basis, Segment: segment, Requests: report.Exactly(requests), Accounts: report.Exactly(accounts)}
	}
	withOutcomes := func(r report.Row, o map[string]int64, abroad *int64) report.Row {
		r.Outcomes, r.Extraterritorial = report.ExactCounts(o), abroad
		return r
	}
	withPercent := func(r report.Row, pct float64, note string) report.Row {
		r.DisclosedPercent, r.Note = &pct, note
		return r
	}
	withRanges := func(r report.Row, requests, accounts report.Count) report.Row {
		r.Requests, r.Accounts = requests, accounts
		return r
	}
	band := func(covered, in report.Period, kind, requests, accounts, note string) report.NationalSecurityRow {
		rb, _ := report.ParseBand(requests)
		ab, _ := report.ParseBand(accounts)
		return report.NationalSecurityRow{Period: covered, ReportedIn: in, Team: "acme-legal", Type: kind, Requests: rb, Accounts: ab, Note: note}
	}
	want := []report.Source{
		{Period: q1p, Team: "acme-legal", Rows: []report.Row{
			withOutcomes(row(q1p, "DE", "court_order", "consumer", 1234, 1500), outcomes(200, 800, 134, 100), ptr[int64](12)),
			withOutcomes(row(q1p, "DE", "court_order", "enterprise", 40, 52), outcomes(0, 30, 5, 5), nil),
			withPercent(row(q1p, "DE", "emergency", "consumer", 15, 15), 62.5, ""),
			withOutcomes(row(q1p, "KR", "court_order", "consumer", 0, 0), outcomes(0, 0, 0, 0), nil),
			withPercent(row(q1p, "KR", "emergency", "consumer", 2, 2), 100, ""),
			withOutcomes(row(q1p, "TR", "court_order", "consumer", 7, 7), outcomes(0, 7, 0, 0), nil),
			withRanges(withPercent(row(q1p, "TR", "emergency", "consumer", 0, 0), 0, ""), report.Between(0, 9), report.Between(0, 9)),
			withOutcomes(row(q1p, "XK", "court_order", "consumer", 3, 3), outcomes(0, 0, 3, 0), nil),
		}, NationalSecurity: []report.NationalSecurityRow{
			band(h2, q1p, "fisa_content", "0-249", "250-499", "Verzögert veröffentlicht"),
			band(h2, q1p, "fisa_non_content", "0-249", "0-249", ""),
		}},
		{Period: q2p, Team: "acme-legal", Rows: []report.Row{
			withOutcomes(row(q2p, "CZ", "court_order", "consumer", 12, 14), outcomes(2, 8, 1, 1), ptr[int64](0)),
			withOutcomes(row(q2p, "DE", "court_order", "consumer", 1100, 1200), outcomes(150, 750, 100, 100), ptr[int64](5)),
			withPercent(row(q2p, "DE", "emergency", "consumer", 20, 21), 75, ""),
			withOutcomes(row(q2p, "XK", "court_order", "", 1, 1), outcomes(0, 1, 0, 0), nil),
		}, NationalSecurity: []report.NationalSecurityRow{
			band(h1, q2p, "nsl", "0-249", "5000+", ""),
		}},
	}
	if diff := cmp.Diff(want, res.Sources, comparable); diff != "" {
		t.Errorf("imported sources -want +got:\n%s", diff)
	}

	// The workbooks written are the same byte for byte each time.
	first, err := res.Tree(tax)
	if err != nil {
		t.Fatal(err)
	}
	second, err := res.Tree(tax)
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(first, second) {
		t.Errorf("two trees of the same import differ")
	}

	// Every imported row survives the project's own validation unchanged.
	_, read := roundTrip(t, res, tax)
	if diff := cmp.Diff(res.Sources, read, comparable); diff != "" {
		t.Errorf("sources read back from the workbooks -imported +read:\n%s", diff)
	}

	// What was left out is said, with the reason.
	var left []string
	for _, l := range res.Left {
		left = append(left, fmt.Sprintf("%s %s: %s %v", filepath.Base(l.File), l.Table, l.Reason, l.Rows))
	}
	wantLeft := []string{
		"acme-2024-q1.xlsx court-orders, emergency: ACME's own totals, which the report computes from the rows [10]",
		"acme-2024-q1.xlsx emergency: blank Emergency requests [5 8]",
		"acme-2024-q2.xlsx emergency: blank Emergency requests [5 6]",
	}
	if diff := cmp.Diff(wantLeft, left); diff != "" {
		t.Errorf("rows left out -want +got:\n%s", diff)
	}
	if len(res.Ignored) != 1 || filepath.Base(res.Ignored[0].File) != "acme-report.pdf" {
		t.Errorf("ignored = %+v, want the PDF", res.Ignored)
	}
	wantNotes := []string{
		"Figures as ACME published them.",
		"Not imported from acme-2024-q1.xlsx (row 10, 1284 requests): ACME's own totals, which the report computes from the rows.",
		`1 figure of Accounts (emergency) published as an upper bound such as "<10" is shown as the range from 0 to the largest whole number below it.`,
		`1 figure of Emergency requests published as an upper bound such as "<10" is shown as the range from 0 to the largest whole number below it.`,
	}
	if diff := cmp.Diff(wantNotes, res.About.Notes); diff != "" {
		t.Errorf("report notes -want +got:\n%s", diff)
	}
}
