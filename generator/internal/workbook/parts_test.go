package workbook

import (
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestScanSheet(t *testing.T) {
	const head = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	for _, tc := range []struct {
		name, xml  string
		duplicates []int
		wantErr    string
	}{
		{name: "whole", xml: head + `<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c></row></sheetData></worksheet>`},
		{name: "rows without numbers", xml: head + `<row><c><v>1</v></c></row><row r="1"><c/></row></sheetData></worksheet>`, duplicates: []int{1}},
		{name: "row twice", xml: head + `<row r="2"></row><row r="3"/><row r="2"/></sheetData></worksheet>`, duplicates: []int{2}},
		{name: "cut between elements", xml: head + `<row r="1"></row>`, wantErr: "<sheetData> is not closed: unexpected EOF"},
		{name: "cut inside an element", xml: head + `<row r="1"><c r="A`, wantErr: "XML syntax error on line 1: unexpected EOF"},
		{name: "elements that do not nest", xml: head + `<row r="1"></c></sheetData></worksheet>`, wantErr: "</c> closes no open element"},
		{name: "cell outside its row", xml: head + `<row r="1"><c r="A2"/></row></sheetData></worksheet>`, wantErr: `cell "A2" in row 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := scanSheet(strings.NewReader(tc.xml))
			if msg := errText(err); msg != tc.wantErr {
				t.Fatalf("scanSheet error = %q, want %q", msg, tc.wantErr)
			}
			if err == nil && !slices.Equal(sc.duplicates, tc.duplicates) {
				t.Errorf("duplicates = %v, want %v", sc.duplicates, tc.duplicates)
			}
		})
	}
}

// FuzzScanSheet checks that a sheet's XML that the scan finds whole is
// well-formed XML.
func FuzzScanSheet(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="s" s="1"><v>0</v></c></row></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="2"/><row r="2"/></sheetData></worksheet>`)
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1"><f>SUM(B1:B2)</f></c></row>`)
	f.Add(`<x:worksheet xmlns:x="urn:x"><x:sheetData></x:sheetData></x:worksheet>`)
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := scanSheet(strings.NewReader(text)); err != nil {
			return
		}
		d := xml.NewDecoder(strings.NewReader(text))
		for {
			_, err := d.Token()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("scanSheet found %q whole, but it is not XML: %v", text, err)
			}
		}
	})
}
