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
	// Line is, in a CSV file, the line on which the row's record starts,
	// when it is not Row: a record whose quoted cell holds a line break
	// spans several lines, but a spreadsheet shows it as one row. With Row
	// 0, it locates a problem found before the file's records are read.
	Line int
	Msg  string
}

// Where formats the location: "file: Sheet!D14", "file: Sheet!14" (row),
// "file: Sheet" or "file". CSV problems (no sheet) read "file: row 14,
// column 3", or "file: row 14 (line 16), column 3" where the row's record
// starts on another line, and "file: line 16" before records are read.
func (p Problem) Where() string {
	var b strings.Builder
	b.WriteString(p.File)
	line := ""
	if p.Line > 0 && p.Line != p.Row {
		line = fmt.Sprintf(" (line %d)", p.Line)
	}
	switch {
	case p.Sheet != "" && p.Row > 0 && p.Col > 0:
		cell, _ := excelize.CoordinatesToCellName(p.Col, p.Row)
		fmt.Fprintf(&b, ": %s!%s", p.Sheet, cell)
	case p.Sheet != "" && p.Row > 0:
		fmt.Fprintf(&b, ": %s!%d:%d", p.Sheet, p.Row, p.Row)
	case p.Sheet != "":
		fmt.Fprintf(&b, ": %s", p.Sheet)
	case p.Row > 0 && p.Col > 0:
		fmt.Fprintf(&b, ": row %d%s, column %d", p.Row, line, p.Col)
	case p.Row > 0:
		fmt.Fprintf(&b, ": row %d%s", p.Row, line)
	case p.Line > 0:
		fmt.Fprintf(&b, ": line %d", p.Line)
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
			cmp.Compare(a.Line, b.Line),
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

// ShownPerKind is how many rows of one kind of problem Error lists before
// it counts the others in one line. A sheet with a wrong value in every one
// of a thousand rows is fixed the same way after three messages as after a
// thousand, and the line that counts the others says which rows they are.
const ShownPerKind = 3

// Error lists every problem, one a line, except that of the problems of one
// file, sheet and column whose messages differ only in their row, numbers
// and quoted text (one kind of problem), it lists those of the first
// ShownPerKind rows and then one line counting the other rows:
// "…and 866 more rows like this (rows 12–900)". Problems of the whole file
// or sheet are all listed.
func (e *Error) Error() string {
	type kind struct {
		file, sheet string
		col         int
		shape       string
	}
	kindOf := func(p Problem) kind { return kind{p.File, p.Sheet, p.Col, shape(p.Msg)} }
	// The distinct rows of each kind, in order: the problems are sorted by
	// row.
	rows := map[kind][]int{}
	for _, p := range e.Problems {
		k := kindOf(p)
		if n := len(rows[k]); p.Row > 0 && (n == 0 || rows[k][n-1] != p.Row) {
			rows[k] = append(rows[k], p.Row)
		}
	}
	var lines []string
	counted := map[kind]bool{}
	for _, p := range e.Problems {
		k := kindOf(p)
		all := rows[k]
		switch {
		case p.Row == 0 || len(all) <= ShownPerKind+1 || p.Row <= all[ShownPerKind-1]:
			lines = append(lines, p.String())
		case !counted[k]:
			counted[k] = true
			lines = append(lines, moreLine(p, all))
		}
	}
	return strings.Join(lines, "\n")
}

// moreLine counts the rows of a kind of problem past the first ShownPerKind,
// located by the file, sheet and column they share.
func moreLine(p Problem, rows []int) string {
	where := p.File
	switch {
	case p.Sheet != "" && p.Col > 0:
		column, _ := excelize.ColumnNumberToName(p.Col)
		where += fmt.Sprintf(": %s, column %s", p.Sheet, column)
	case p.Sheet != "":
		where += ": " + p.Sheet
	case p.Col > 0:
		where += fmt.Sprintf(": column %d", p.Col)
	}
	rest := rows[ShownPerKind:]
	return fmt.Sprintf("%s: …and %s more rows like this (rows %d–%d)", where, thousands(len(rest)), rest[0], rest[len(rest)-1])
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
