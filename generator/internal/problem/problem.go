// Package problem collects located problems found in source files, so that a
// person can fix a whole workbook in one pass instead of one error at a time.
package problem

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
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

// MaxPerKind is how many problems of one kind in one file Error lists; the
// rest are counted. A sheet with a wrong value in every one of a million
// rows is fixed the same way after ten messages as after a million.
const MaxPerKind = 10

// Error lists every problem, one a line, except that of the problems of
// one file and sheet whose messages differ only in their numbers and
// quoted text, it lists the first MaxPerKind, followed by a line counting
// the others.
func (e *Error) Error() string {
	type kind struct{ file, sheet, shape string }
	kindOf := func(p Problem) kind { return kind{p.File, p.Sheet, shape(p.Msg)} }
	total := map[kind]int{}
	for _, p := range e.Problems {
		total[kindOf(p)]++
	}
	var lines []string
	listed := map[kind]int{}
	for _, p := range e.Problems {
		k := kindOf(p)
		listed[k]++
		if n := listed[k]; n <= MaxPerKind {
			lines = append(lines, p.String())
			if n == MaxPerKind && total[k] > n {
				lines = append(lines, fmt.Sprintf("%s: …and %s more like this", Problem{File: p.File, Sheet: p.Sheet}.Where(), thousands(total[k]-n)))
			}
		}
	}
	return strings.Join(lines, "\n")
}

// shape is a message with its quoted text (as %q writes it) and its
// numbers taken out: the kind of problem it tells.
func shape(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); i++ {
		switch c := msg[i]; {
		case c == '"':
			for i++; i < len(msg) && msg[i] != '"'; i++ {
				if msg[i] == '\\' {
					i++
				}
			}
			b.WriteString(`""`)
		case '0' <= c && c <= '9':
			for i+1 < len(msg) && '0' <= msg[i+1] && msg[i+1] <= '9' {
				i++
			}
			b.WriteByte('0')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// thousands writes n with commas between thousands: 999,990.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
