package workbook

import (
	"math/big"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// readCase is a cell, and what reading it should give: a value or the words
// of an error.
type readCase[T comparable] struct {
	cell    Cell
	want    T
	wantErr string
}

// checkReads reads each case's cell with read, named name in messages.
func checkReads[T comparable](t *testing.T, name string, read func(Cell) (T, error), cases []readCase[T]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.cell.Value, func(t *testing.T) {
			got, err := read(tc.cell)
			if msg := errText(err); got != tc.want || msg != tc.wantErr {
				t.Errorf("%+v.%s() = %v, %q; want %v, %q", tc.cell, name, got, msg, tc.want, tc.wantErr)
			}
		})
	}
}

func TestCellCount(t *testing.T) {
	checkReads(t, "Count", Cell.Count, []readCase[int64]{
		{cell: Cell{Kind: Number, Value: "1200"}, want: 1200},
		{cell: Cell{Kind: Number, Value: "1.2E+3"}, want: 1200}, // as some programs write 1200
		{cell: Cell{Kind: Number, Value: "9.007199254740992E+15"}, want: 1 << 53},
		{cell: Cell{Kind: Number, Value: "9.007199254740993E+15"}, wantErr: `"9007199254740993" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`},
		{cell: Cell{Kind: Number, Value: "1200.0000000001"}, wantErr: `"1200.0000000001" is not a whole number`},
		{cell: Cell{Kind: Number, Value: "-3"}, wantErr: `"-3" is negative`},
		{cell: Cell{Kind: Number, Value: "0x10"}, wantErr: `"0x10" is not a whole number`},
		{cell: Cell{Kind: Number, Value: "1e999999"}, wantErr: `"1e999999" is not a whole number`},
		{cell: Cell{Kind: Text, Value: "1.2E+3"}, wantErr: `"1.2E+3" is not a whole number`},
		{cell: Cell{Kind: Text, Value: "12"}, want: 12},
		{cell: Cell{Kind: Date, Value: "46204"}, wantErr: "2026-07-01 is a date, not a whole number"},
		{cell: Cell{Kind: Date, Value: "44742", date1904: true}, wantErr: "2026-07-01 is a date, not a whole number"},
		{cell: Cell{Kind: Time, Value: "0.5"}, wantErr: "12:00 is a time, not a whole number"},
		{cell: Cell{Kind: Time, Value: "0.50001"}, wantErr: "12:00:01 is a time, not a whole number"},
		{cell: Cell{Kind: DateTime, Value: "46204.75"}, wantErr: "2026-07-01 18:00 is a date and time, not a whole number"},
		{cell: Cell{Kind: Bool, Value: "1"}, wantErr: "TRUE is a true/false value, not a whole number"},
		{cell: Cell{Kind: Percent, Value: "0.545"}, wantErr: "54.5% is a percentage, not a whole number"},
		{cell: Cell{Kind: Error, Value: "#DIV/0!"}, wantErr: "#DIV/0! is an error, not a whole number"},
	})
}

func TestCellPercent(t *testing.T) {
	checkReads(t, "Percent", Cell.Percent, []readCase[float64]{
		{cell: Cell{Kind: Percent, Value: "0.5"}, want: 50},
		{cell: Cell{Kind: Percent, Value: "0.545"}, want: 54.5},
		{cell: Cell{Kind: Percent, Value: "1.5"}, wantErr: "150% is not a percentage from 0 to 100"},
		{cell: Cell{Kind: Number, Value: "45.5"}, want: 45.5},
		{cell: Cell{Kind: Text, Value: "45%"}, want: 45},
		{cell: Cell{Kind: Date, Value: "46204"}, wantErr: "2026-07-01 is a date, not a percentage"},
	})
}

func TestFormatKind(t *testing.T) {
	for code, want := range map[string]Kind{
		"General": Number, "0": Number, "#,##0": Number, "0.00E+00": Number, `0 "days"`: Number,
		"0%": Percent, "0.0%": Percent,
		"yyyy-mm-dd": Date, "d mmmm yyyy": Date, "mmm": Date, `[$-409]d\-mmm`: Date,
		"h:mm": Time, "[h]:mm:ss": Time, "mm:ss": Time,
		"yyyy-mm-dd hh:mm": DateTime, "[Red]General": Number,
	} {
		if got := formatKind(code); got != want {
			t.Errorf("formatKind(%q) = %v, want %v", code, got, want)
		}
	}
}

// FuzzCellCount checks that a number cell's count is exactly its stored
// value, never a rounding of it.
func FuzzCellCount(f *testing.F) {
	for _, seed := range []string{"1200", "1.2E+3", "1200.0000000001", "9.007199254740993E+15", "-0", "0x10", "1e-3", ".5e1"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, stored string) {
		n, err := Cell{Kind: Number, Value: stored}.Count()
		if err != nil {
			return
		}
		exact, ok := new(big.Rat).SetString(stored)
		if !ok || exact.Cmp(new(big.Rat).SetInt64(n)) != 0 || n > report.MaxCount {
			t.Fatalf("Count of %q = %d, not its exact value", stored, n)
		}
		if _, err := strconv.ParseFloat(stored, 64); err != nil {
			t.Fatalf("Count of %q = %d, but it is not a number a file stores", stored, n)
		}
	})
}

// TestReadPercentFormat reads a percentage typed as 50% in a cell with a
// percentage format, which a spreadsheet stores as 0.5, as 50.
func TestReadPercentFormat(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	path := filepath.Join(t.TempDir(), "sources", "2026-Q3", "emea.xlsx")
	f, err := Template(tax, testhelp.MustPeriod(t, "2026-Q3"), "emea")
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range []string{"FR", "Court order", "", "10", "10", "", "", "", "", "50%"} {
		if err := setCaseCell(f, RequestsSheet, cellName(i+1, 2), v); err != nil {
			t.Fatal(err)
		}
	}
	save(t, f, path)
	var probs problem.List
	src := Read(path, tax, &probs)
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(src.Rows) != 1 || src.Rows[0].DisclosedPercent == nil || *src.Rows[0].DisclosedPercent != 50 {
		t.Fatalf("read %+v, want one row with 50 percent disclosed", src.Rows)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
