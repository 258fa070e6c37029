package downloads_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/view"
)

// withCorrections is the fixture with two of its published figures
// corrected.
func withCorrections(t testing.TB) dataset {
	d := fixture(t)
	d.name = "fixture with corrections"
	corrections, err := view.NewCorrections([]report.Correction{
		{Date: "2024-08-01", Period: "2024-Q1", Country: "DE", LegalBasis: "court_order", Measure: "requests", Before: "9", After: "10", Reason: "A request was left out."},
		{Date: "2024-09-01", Period: "2024-Q1", Country: "BR", LegalBasis: "court_order", Measure: "accounts", Before: "not published", After: "9", Reason: "=found later"},
	}, d.rep, d.tax)
	if err != nil {
		t.Fatal(err)
	}
	d.rep.Corrections = corrections
	return d
}

func TestCorrectionsTable(t *testing.T) {
	rel := build(t, withCorrections(t))
	want := "date,period,country_code,legal_basis,request_type,measure,before,after,reason\n" +
		"2024-09-01,2024-Q1,BR,court_order,,accounts,not published,9,'=found later\n" +
		"2024-08-01,2024-Q1,DE,court_order,,requests,9,10,A request was left out.\n"
	if got := string(rel.Files["corrections.csv"]); got != want {
		t.Errorf("corrections.csv is\n%s\nwant\n%s", got, want)
	}
	for _, file := range []string{downloads.ChecksumsFile, downloads.DataPackageFile, downloads.ReadmeFile} {
		if !strings.Contains(string(rel.Files[file]), "corrections.csv") {
			t.Errorf("%s does not name corrections.csv", file)
		}
	}
	if !strings.Contains(string(rel.Files[downloads.ReadmeFile]), "- 2024-Q1 DE court_order, requests: 9 → 10 (corrected on 2024-08-01)") {
		t.Errorf("the README does not list the corrected figure:\n%s", rel.Files[downloads.ReadmeFile])
	}
	book, err := excelize.OpenReader(bytes.NewReader(rel.Files[downloads.WorkbookFile]))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(book.GetSheetList(), "corrections") {
		t.Errorf("the workbook has no corrections sheet: %v", book.GetSheetList())
	}

	// Without corrections, no trace of them.
	plain := build(t, fixture(t))
	for p, data := range plain.Files {
		if strings.Contains(p, "corrections") || bytes.Contains(data, []byte("corrections.csv")) {
			t.Errorf("a release without corrections has %s naming them", p)
		}
	}
}
