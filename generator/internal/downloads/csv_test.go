package downloads_test

import (
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/golden"
)

func TestInert(t *testing.T) {
	tests := []struct{ in, want string }{
		{`=HYPERLINK("http://x","y")`, `'=HYPERLINK("http://x","y")`},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"", ""},
		{"Plain text", "Plain text"},
		{"a=b", "a=b"},
		{" =1", " =1"},
		{"'already", "'already"},
		{"Česko", "Česko"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := downloads.Inert(tt.in); got != tt.want {
				t.Errorf("Inert(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func csvTable(fields []downloads.Field, rows ...[]any) downloads.Table {
	return downloads.Table{Name: "test", Schema: downloads.Schema{Fields: fields, MissingValues: []string{""}}, Rows: rows}
}

var (
	textField   = downloads.Field{Name: "text", Type: downloads.TypeString}
	intField    = downloads.Field{Name: "count", Type: downloads.TypeInteger}
	numberField = downloads.Field{Name: "share", Type: downloads.TypeNumber}
	boolField   = downloads.Field{Name: "flag", Type: downloads.TypeBoolean}
	dateField   = downloads.Field{Name: "day", Type: downloads.TypeDate}
)

// TestWriteCSV checks the writer against golden files: RFC 4180 quoting,
// formula injection neutralised in text only, numbers untouched.
func TestWriteCSV(t *testing.T) {
	fields := []downloads.Field{textField, intField, numberField, boolField, dateField}
	tests := []struct {
		name string
		rows [][]any
	}{
		{"plain", [][]any{
			{"Germany", int64(1234567), 74.2, true, "2026-07-01"},
			{"Côte d’Ivoire", int64(0), 100.0, false, "2026-09-30"},
		}},
		{"quoting", [][]any{
			{"a, b", int64(1), 0.5, true, "2026-01-01"},
			{`say "hi"`, int64(2), 1.0, false, "2026-01-01"},
			{"two\nlines", int64(3), 1.5, false, "2026-01-01"},
			{"windows\r\nline", int64(4), 2.0, false, "2026-01-01"},
			{" leading space", int64(5), 2.5, false, "2026-01-01"},
		}},
		{"injection", [][]any{
			{`=HYPERLINK("http://x","y")`, int64(-5), -0.5, true, "2026-01-01"},
			{"+44 20 7946 0000", int64(-1), -12.25, false, "2026-01-01"},
			{"-2+3", int64(0), 0.0, false, "2026-01-01"},
			{"@SUM(A1:A9)", int64(7), 7.0, false, "2026-01-01"},
			{"\t=1+1", int64(8), 8.0, false, "2026-01-01"},
			{"\r=1+1", int64(9), 9.0, false, "2026-01-01"},
		}},
		{"missing", [][]any{
			{nil, nil, nil, nil, nil},
			{"", int64(0), 0.0, false, "2026-01-01"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := downloads.WriteCSV(csvTable(fields, tt.rows...))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "csv", tt.name+".csv"), got)
			// Every file parses back with one record per row.
			records, err := csv.NewReader(strings.NewReader(string(got))).ReadAll()
			if err != nil {
				t.Fatalf("the CSV does not parse: %v", err)
			}
			if len(records) != len(tt.rows)+1 {
				t.Errorf("parsed %d records, want %d", len(records), len(tt.rows)+1)
			}
			if strings.Contains(string(got), "\r") {
				t.Errorf("the CSV holds a carriage return; lines must end in LF only")
			}
		})
	}
}

func TestWriteCSVRefusesWrongTypes(t *testing.T) {
	tests := []struct {
		name  string
		field downloads.Field
		value any
	}{
		{"text in an integer column", intField, "12"},
		{"integer in a text column", textField, int64(12)},
		{"float in an integer column", intField, 1.5},
		{"int (not int64) in an integer column", intField, 3},
		{"text in a boolean column", boolField, "true"},
		{"bad date", dateField, "01/07/2026"},
		{"number in a date column", dateField, int64(20260701)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := downloads.WriteCSV(csvTable([]downloads.Field{tt.field}, []any{tt.value})); err == nil {
				t.Errorf("WriteCSV accepted %T %v in a %s column", tt.value, tt.value, tt.field.Type)
			}
			if _, err := downloads.WriteCSV(csvTable([]downloads.Field{tt.field, tt.field}, []any{nil})); err == nil {
				t.Errorf("WriteCSV accepted a row with too few values")
			}
		})
	}
}
