package problem

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWhere(t *testing.T) {
	const file = "sources/2026-Q3/emea.xlsx"
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"cell", Problem{File: file, Sheet: "Requests", Row: 14, Col: 4}, file + ": Requests!D14"},
		{"cell past Z", Problem{File: file, Sheet: "Requests", Row: 2, Col: 28}, file + ": Requests!AB2"},
		{"row", Problem{File: file, Sheet: "Requests", Row: 14}, file + ": Requests!14:14"},
		{"sheet", Problem{File: file, Sheet: "About"}, file + ": About"},
		{"file", Problem{File: file}, file},
		{"CSV cell", Problem{File: "google.csv", Row: 14, Col: 3}, "google.csv: row 14, column 3"},
		{"CSV row", Problem{File: "google.csv", Row: 14}, "google.csv: row 14"},
		{"CSV cell on another line", Problem{File: "google.csv", Row: 14, Line: 16, Col: 3}, "google.csv: row 14 (line 16), column 3"},
		{"CSV row on another line", Problem{File: "google.csv", Row: 14, Line: 16}, "google.csv: row 14 (line 16)"},
		{"CSV row on its line", Problem{File: "google.csv", Row: 14, Line: 14}, "google.csv: row 14"},
		{"CSV line", Problem{File: "google.csv", Line: 16}, "google.csv: line 16"},
		{"column without a row is the file", Problem{File: "google.csv", Col: 3}, "google.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Where(); got != tt.want {
				t.Errorf("Where() = %q, want %q", got, tt.want)
			}
			tt.p.Msg = "is wrong"
			if got, want := tt.p.String(), tt.want+": is wrong"; got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

func TestListMergesSortsAndDropsRepeats(t *testing.T) {
	var l List
	l.Addf("b.xlsx", "Requests", 2, 1, "late file")
	l.Addf("a.xlsx", "Requests", 10, 1, "row ten")
	l.Addf("a.xlsx", "Requests", 9, 2, "row nine, column B")
	l.Addf("a.xlsx", "Requests", 9, 1, "%q is not a %s", "x", "number")
	l.Addf("a.xlsx", "About", 1, 2, "about")
	l.Addf("a.xlsx", "", 0, 0, "whole file")
	l.Add(Problem{File: "a.xlsx", Sheet: "Requests", Row: 10, Col: 1, Msg: "another at row ten"})
	var other List
	other.Addf("a.xlsx", "Requests", 10, 1, "row ten") // the same problem, from another list
	l.Merge(&other)
	want := []Problem{
		{File: "a.xlsx", Msg: "whole file"},
		{File: "a.xlsx", Sheet: "About", Row: 1, Col: 2, Msg: "about"},
		{File: "a.xlsx", Sheet: "Requests", Row: 9, Col: 1, Msg: `"x" is not a number`},
		{File: "a.xlsx", Sheet: "Requests", Row: 9, Col: 2, Msg: "row nine, column B"},
		{File: "a.xlsx", Sheet: "Requests", Row: 10, Col: 1, Msg: "another at row ten"},
		{File: "a.xlsx", Sheet: "Requests", Row: 10, Col: 1, Msg: "row ten"},
		{File: "b.xlsx", Sheet: "Requests", Row: 2, Col: 1, Msg: "late file"},
	}
	if diff := cmp.Diff(want, l.Sorted()); diff != "" {
		t.Errorf("Sorted() -want +got:\n%s", diff)
	}
	if l.Len() != 8 {
		t.Errorf("Len() = %d, want the 8 problems recorded", l.Len())
	}
}

func TestErr(t *testing.T) {
	var l List
	if err := l.Err(); err != nil {
		t.Fatalf("Err() of an empty list = %v, want nil", err)
	}
	l.Addf("b.csv", "", 3, 0, "second")
	l.Addf("a.xlsx", "Requests", 2, 4, "first")
	err := l.Err()
	var perr *Error
	if !errors.As(err, &perr) || len(perr.Problems) != 2 {
		t.Fatalf("Err() = %#v, want an *Error with 2 problems", err)
	}
	want := "a.xlsx: Requests!D2: first\nb.csv: row 3: second"
	if err.Error() != want {
		t.Errorf("Err() = %q, want %q", err.Error(), want)
	}
}

func TestErrorGroupsEachKind(t *testing.T) {
	var l List
	for row := 2; row <= 100_001; row++ {
		l.Addf("a.xlsx", "Requests", row, 4, "%q is not a whole number", fmt.Sprint(row, "x"))
	}
	for row := 2; row <= 5; row++ { // one row more than ShownPerKind: all listed
		l.Addf("a.xlsx", "Requests", row, 1, "country is empty")
	}
	for row := 2; row <= 9; row += 3 { // another column is another kind
		l.Addf("a.xlsx", "Requests", row, 5, "%q is not a whole number", "y")
	}
	l.Addf("a.xlsx", "Requests", 3, 5, "accounts is empty")
	for _, row := range []int{2, 3, 4, 7, 9} {
		l.Addf("b.csv", "", row, 0, "no column %q", fmt.Sprint("c", row))
	}
	l.Addf("b.csv", "", 3, 0, "no column %q", "d") // two in one row
	l.Addf("b.csv", "", 0, 0, "whole file")
	l.Addf("b.csv", "", 0, 0, "whole file again")
	lines := strings.Split(l.Err().Error(), "\n")
	want := []string{
		`a.xlsx: Requests!A2: country is empty`,
		`a.xlsx: Requests!D2: "2x" is not a whole number`,
		`a.xlsx: Requests!E2: "y" is not a whole number`,
		`a.xlsx: Requests!A3: country is empty`,
		`a.xlsx: Requests!D3: "3x" is not a whole number`,
		`a.xlsx: Requests!E3: accounts is empty`,
		`a.xlsx: Requests!A4: country is empty`,
		`a.xlsx: Requests!D4: "4x" is not a whole number`,
		`a.xlsx: Requests!A5: country is empty`,
		`a.xlsx: Requests, column D: …and 99,997 more rows like this (rows 5–100001)`,
		`a.xlsx: Requests!E5: "y" is not a whole number`,
		`a.xlsx: Requests!E8: "y" is not a whole number`,
		`b.csv: whole file`,
		`b.csv: whole file again`,
		`b.csv: row 2: no column "c2"`,
		`b.csv: row 3: no column "c3"`,
		`b.csv: row 3: no column "d"`,
		`b.csv: row 4: no column "c4"`,
		`b.csv: …and 2 more rows like this (rows 7–9)`,
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("Error() lines (-want +got):\n%s", diff)
	}
}
