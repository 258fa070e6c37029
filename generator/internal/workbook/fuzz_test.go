package workbook

import (
	"bytes"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// blankWorkbook is a blank template of 2026-Q3, as the bytes of its file.
func blankWorkbook(f *testing.F, tax *taxonomy.Taxonomy) []byte {
	f.Helper()
	template, err := Template(tax, testhelp.MustPeriod(f, "2026-Q3"), "emea")
	if err != nil {
		f.Fatal(err)
	}
	blank, err := Bytes(template)
	if err != nil {
		f.Fatal(err)
	}
	return blank
}

// FuzzReadRow reads a template with one row of the Requests sheet filled
// with any text, its requests and accounts as text or as a number cell
// storing any value. Every problem is at a cell of that row, and a row read
// has as requests exactly the number a number cell stores, or the count,
// range or "not published" a text cell says. The seeds are testdata/fuzz/FuzzReadRow.
func FuzzReadRow(f *testing.F) {
	tax := testhelp.ProjectTaxonomy(f)
	blank := blankWorkbook(f, tax)
	f.Fuzz(func(t *testing.T, country, basis, requests, accounts string, asNumbers bool) {
		file, err := excelize.OpenReader(bytes.NewReader(blank))
		if err != nil {
			t.Fatal(err)
		}
		set := file.SetCellStr
		if asNumbers {
			set = file.SetCellDefault // a number cell that stores the text as its value
		}
		for _, cell := range []struct {
			col         int
			value       string
			countOrText func(sheet, cell, value string) error
		}{
			{colCountry, country, file.SetCellStr},
			{colLegalBasis, basis, file.SetCellStr},
			{colRequests, requests, set},
			{colAccounts, accounts, set},
		} {
			if err := cell.countOrText(RequestsSheet, cellName(cell.col, 2), cell.value); err != nil {
				t.Skip(err) // text excelize will not write, such as over 32767 characters
			}
		}
		path := filepath.Join(t.TempDir(), "2026-Q3", "emea.xlsx")
		save(t, file, path)
		var probs problem.List
		src := Read(path, tax, &probs)
		for _, p := range probs.Sorted() {
			if p.File != path || p.Sheet != RequestsSheet || p.Row != 2 || p.Col < 1 || p.Msg == "" {
				t.Fatalf("problem %+v is not at a cell of Requests!2", p)
			}
		}
		// excelize writes a value that is not a number as text even when
		// asked for a number cell: such a cell is read as text.
		typ, err := file.GetCellType(RequestsSheet, cellName(colRequests, 2))
		if err != nil {
			t.Fatal(err)
		}
		number := asNumbers && typ != excelize.CellTypeInlineString
		for _, row := range src.Rows {
			text := strings.TrimSpace(requests)
			if number {
				exact, ok := new(big.Rat).SetString(text)
				if !ok || exact.Cmp(new(big.Rat).SetInt64(row.Requests.Min)) != 0 || !row.Requests.IsExact() {
					t.Fatalf("read %v requests from a number cell storing %q", row.Requests, requests)
				}
				continue
			}
			// A text cell is the count, range or "not published" it says
			// (a range of one number, 3-3, is that number), or its digits.
			want, err := report.ParseCount(text)
			if err != nil {
				n, whole := report.WholeCount(text)
				if whole != nil {
					t.Fatalf("read %v requests from a text cell holding %q, which is no count: %v", row.Requests, requests, err)
				}
				want = report.Exactly(n)
			}
			if row.Requests != want {
				t.Fatalf("read %v requests from a text cell holding %q, want %v", row.Requests, requests, want)
			}
		}
	})
}

// FuzzRead reads any bytes as a team's workbook. Every problem names the
// file; every row read gives as its requests exactly the number stored in
// its cell, and every band read is a range or open. Its seeds are a blank
// template, the demo workbooks under sources/ and testdata/fuzz/FuzzRead.
func FuzzRead(f *testing.F) {
	tax := testhelp.ProjectTaxonomy(f)
	blank := blankWorkbook(f, tax)
	f.Add(blank)
	demo, err := filepath.Glob("../../../sources/*/*.xlsx")
	if err != nil || len(demo) == 0 {
		f.Fatalf("no demo workbooks under ../../../sources: %v", err)
	}
	for _, file := range demo {
		raw, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}

	f.Fuzz(func(t *testing.T, raw []byte) {
		path := filepath.Join(t.TempDir(), "2026-Q3", "emea.xlsx")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		var probs problem.List
		src := Read(path, tax, &probs)
		for _, p := range probs.Sorted() {
			if p.File != path || p.Msg == "" {
				t.Fatalf("problem %+v is not about %s", p, path)
			}
		}
		if src.Period.String() != "2026-Q3" {
			t.Fatalf("read period %s from a workbook in folder 2026-Q3", src.Period)
		}
		for _, b := range src.NationalSecurity {
			for _, band := range []report.Band{b.Requests, b.Accounts} {
				if band.Low < 0 || (band.Open && band.High != 0) || (!band.Open && band.Low > band.High) {
					t.Fatalf("%s: read band %+v", b.Where, band)
				}
			}
		}
		if len(src.Rows) == 0 {
			return
		}
		// Each row's requests are the number its cell stores, as another
		// reader of the file finds it.
		file, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatalf("Read found %d rows in a file excelize cannot open: %v", len(src.Rows), err)
		}
		defer file.Close()
		for _, row := range src.Rows {
			if row.Where.File != path || row.Where.Sheet != RequestsSheet || row.Where.Row < 2 {
				t.Fatalf("row read from %+v", row.Where)
			}
			cell := cellName(colRequests, row.Where.Row)
			stored, err := file.GetCellValue(RequestsSheet, cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatalf("%s: %v", cell, err)
			}
			exact, ok := new(big.Rat).SetString(strings.TrimSpace(stored))
			if !ok || exact.Cmp(new(big.Rat).SetInt64(row.Requests.Min)) != 0 || !row.Requests.IsExact() || row.Requests.Min > report.MaxCount {
				t.Fatalf("%s: read %v requests from a cell that stores %q", cell, row.Requests, stored)
			}
		}
	})
}
