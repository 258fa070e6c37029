// Package problem collects located problems found in source files, so that a
// person can fix a whole workbook in one pass instead of one error at a time.
package problem

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Problem is one thing wrong with a source file, located as precisely as the
// file allows: a cell, a row, or only the file.
type Problem struct {
	File  string // path as given, e.g. sources/2026-Q3/emea.xlsx
	Sheet string // sheet name; empty for CSV files or whole-file problems
	Row   int    // 1-based row; 0 when the problem concerns the whole sheet or file
	Col   int    // 1-based column; 0 when the problem concerns a whole row
	Msg   string
}

// Where formats the location: "file: Sheet!D14", "file: Sheet!14" (row),
// "file: Sheet" or "file". CSV problems (no sheet) read "file: row 14, column 3".
func (p Problem) Where() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Sheet != "" && p.Row > 0 && p.Col > 0:
		cell, _ := excelize.CoordinatesToCellName(p.Col, p.Row)
		fmt.Fprintf(&b, ": %s!%s", p.Sheet, cell)
	case p.Sheet != "" && p.Row > 0:
		fmt.Fprintf(&b, ": %s!%d:%d", p.Sheet, p.Row, p.Row)
	case p.Sheet != "":
		fmt.Fprintf(&b, ": %s", p.Sheet)
	case p.Row > 0 && p.Col > 0:
		fmt.Fprintf(&b, ": row %d, column %d", p.Row, p.Col)
	case p.Row > 0:
		fmt.Fprintf(&b, ": row %d", p.Row)
	}
	return b.String()
}

func (p Problem) String() string { return p.Where() + ": " + p.Msg }

// List gathers problems. The zero value is ready to use.
type List struct {
	items []Problem
}

// Add records a problem.
func (l *List) Add(p Problem) { l.items = append(l.items, p) }

// Addf records a problem with a formatted message.
func (l *List) Addf(file, sheet string, row, col int, format string, args ...any) {
	l.Add(Problem{File: file, Sheet: sheet, Row: row, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends every problem of other.
func (l *List) Merge(other *List) { l.items = append(l.items, other.items...) }

// Len is the number of problems recorded.
func (l *List) Len() int { return len(l.items) }

// Sorted returns the problems ordered by file, sheet, row, column and message.
func (l *List) Sorted() []Problem {
	out := slices.Clone(l.items)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			strings.Compare(a.Sheet, b.Sheet),
			cmp.Compare(a.Row, b.Row),
			cmp.Compare(a.Col, b.Col),
			strings.Compare(a.Msg, b.Msg),
		)
	})
	return slices.CompactFunc(out, func(a, b Problem) bool { return a == b })
}

// Err returns nil when the list is empty, and otherwise an error listing every
// problem, sorted, one per line.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return &Error{Problems: l.Sorted()}
}

// Error is returned when sources hold problems; it lists all of them.
type Error struct {
	Problems []Problem
}

func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
