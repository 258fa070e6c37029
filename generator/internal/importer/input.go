package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// encodings are the text encodings a CSV file may be in; nil is UTF-8.
var encodings = map[string]encoding.Encoding{
	"utf-8":        nil,
	"windows-1252": charmap.Windows1252,
	"iso-8859-1":   charmap.ISO8859_1,
	"utf-16":       unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
}

func encodingNames() []string { return sortedKeys(encodings) }

// input is one table of cells read from a file.
type input struct {
	file  string // as given
	sheet string // XLSX only
	xlsx  bool
	rows  []inputRow // rows that are not entirely blank, in order
	// lines are, in a CSV file, the lines on which records start, by row,
	// where they differ from the row.
	lines map[int]int
}

// inputRow is one row of cells and the row number a person sees in a
// spreadsheet program: a CSV file's records are numbered from 1 at the
// first line, counting blank lines as the empty rows they show as, and a
// record that spans several lines (a quoted cell holding a line break) as
// one row.
type inputRow struct {
	num   int
	cells []string
}

// where locates a cell (col > 0), a row (col 0) or the file (row 0).
func (in *input) where(row, col int) problem.Problem {
	return problem.Problem{File: in.file, Sheet: in.sheet, Row: row, Line: in.lines[row], Col: col}
}

func (in *input) addf(probs *problem.List, row, col int, format string, args ...any) {
	p := in.where(row, col)
	p.Msg = fmt.Sprintf(format, args...)
	probs.Add(p)
}

// readInput reads the file as the table says: CSV or XLSX.
func readInput(file string, t *Table, probs *problem.List) (*input, bool) {
	// A named pipe would block for ever, and a file of gigabytes fill the
	// memory, before a single row is read.
	info, err := os.Stat(file)
	switch {
	case err != nil:
		probs.Addf(file, "", 0, 0, "read: %v", err)
		return nil, false
	case !info.Mode().IsRegular():
		probs.Addf(file, "", 0, 0, "not a regular file (a folder, a named pipe or a device)")
		return nil, false
	case info.Size() > workbook.UnzipSizeLimit:
		probs.Addf(file, "", 0, 0, "the file is %d MB, more than the %d MB a file imported may be", info.Size()>>20, workbook.UnzipSizeLimit>>20)
		return nil, false
	}
	format := t.Format
	if format == "" {
		switch strings.ToLower(filepath.Ext(file)) {
		case ".xlsx", ".xlsm":
			format = "xlsx"
		case ".csv", ".txt", ".tsv":
			format = "csv"
		default:
			probs.Addf(file, "", 0, 0, "cannot tell the format from the extension; set format = \"csv\" or \"xlsx\" in %s", t.label)
			return nil, false
		}
	}
	if format == "xlsx" {
		return readXLSX(file, t, probs)
	}
	return readCSV(file, t, probs)
}

func readCSV(file string, t *Table, probs *problem.List) (*input, bool) {
	in := &input{file: file}
	raw, err := os.ReadFile(file)
	if err != nil {
		probs.Addf(file, "", 0, 0, "read: %v", err)
		return nil, false
	}
	if enc := encodings[strings.ToLower(t.Encoding)]; enc != nil {
		raw, err = enc.NewDecoder().Bytes(raw)
		if err != nil {
			probs.Addf(file, "", 0, 0, "not %s text: %v", t.Encoding, err)
			return nil, false
		}
	} else if !utf8.Valid(raw) {
		line := 1 + bytes.Count(raw[:invalidUTF8At(raw)], []byte("\n"))
		probs.Add(problem.Problem{File: file, Line: line,
			Msg: fmt.Sprintf("not UTF-8 text; if the file is in another encoding, set encoding (%s) in %s", strings.Join(encodingNames(), ", "), t.label)})
		return nil, false
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	// Files saved with old Mac line ends have carriage returns only.
	if !bytes.Contains(raw, []byte("\n")) {
		raw = bytes.ReplaceAll(raw, []byte("\r"), []byte("\n"))
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comma, _ = utf8.DecodeRuneInString(t.Delimiter)
	r.FieldsPerRecord = -1
	in.lines = map[int]int{}
	// row is the spreadsheet row of the record read, and next the line
	// after the one before it: the lines between next and the line a record
	// starts on are blank, which encoding/csv skips and a spreadsheet shows.
	row, next, offset := 0, 1, int64(0)
	rowAt := func(line int) int {
		row += 1 + line - next
		if line != row {
			in.lines[row] = line
		}
		return row
	}
	for {
		record, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				in.addf(probs, rowAt(perr.StartLine), 0, "line %d, character %d: %v", perr.Line, perr.Column, perr.Err)
			} else {
				probs.Addf(file, "", 0, 0, "read: %v", err)
			}
			return nil, false
		}
		line, _ := r.FieldPos(0)
		num := rowAt(line)
		end := r.InputOffset()
		next += bytes.Count(raw[offset:end], []byte("\n"))
		offset = end
		if !blank(record) {
			in.rows = append(in.rows, inputRow{num: num, cells: record})
		}
	}
	return in, true
}

// invalidUTF8At is the offset of the first byte that is not UTF-8.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func readXLSX(file string, t *Table, probs *problem.List) (*input, bool) {
	f, sheetsRead, err := workbook.Open(file)
	if err != nil {
		probs.Addf(file, "", 0, 0, "%v", err)
		return nil, false
	}
	defer f.Close()
	defer sheetsRead.Close()
	sheets := f.GetSheetList()
	sheet := t.Sheet
	switch {
	case sheet == "" && len(sheets) > 0:
		sheet = sheets[0]
	case !slices.Contains(sheets, sheet):
		probs.Addf(file, "", 0, 0, "no sheet %q (%s has %s)", t.Sheet, t.label, quoteAll(sheets))
		return nil, false
	}
	if !sheetsRead.Check(file, sheet, probs) {
		return nil, false
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		probs.Addf(file, sheet, 0, 0, "read sheet: %v", err)
		return nil, false
	}
	in := &input{file: file, sheet: sheet, xlsx: true}
	for i, cells := range rows {
		// Each cell reads as the spreadsheet shows it, so that the text
		// rules of CSV files apply: a date as 2026-07-01 and TRUE as TRUE,
		// not as the numbers they are stored as, and 1200 as its digits.
		for j, raw := range cells {
			cells[j] = sheetsRead.Cell(sheet, j+1, i+1, raw).Shown()
		}
		if !blank(cells) {
			in.rows = append(in.rows, inputRow{num: i + 1, cells: cells})
		}
	}
	return in, true
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// header finds the columns the table reads in the header row and returns
// the data rows below it. It reports columns that are missing or given
// twice, and files that have no rows or seem to have lost their line breaks.
func (in *input) header(t *Table, probs *problem.List) (columns map[string]int, width int, data []inputRow, ok bool) {
	var header *inputRow
	for i := range in.rows {
		if in.rows[i].num == t.HeaderRow {
			header, data = &in.rows[i], in.rows[i+1:]
			break
		}
		if in.rows[i].num > t.HeaderRow {
			break
		}
	}
	if header == nil {
		in.addf(probs, t.HeaderRow, 0, "header row %d is empty or missing (header_row in %s)", t.HeaderRow, t.label)
		return nil, 0, nil, false
	}
	positions := map[string][]int{}
	for i, cell := range header.cells {
		if name := fold(cell); name != "" {
			positions[name] = append(positions[name], i+1)
		}
	}
	columns = map[string]int{}
	ok = true
	for _, c := range t.columns() {
		name := c.name
		at := positions[fold(name)]
		switch len(at) {
		case 0:
			in.addf(probs, header.num, 0, "no column %q (for %s) in the header row, which has %s", name, c.setting, quoteAll(trimAll(header.cells)))
			ok = false
		case 1:
			columns[fold(name)] = at[0]
		default:
			in.addf(probs, header.num, at[1], "column %q appears twice in the header row (columns %d and %d)", name, at[0], at[1])
			ok = false
		}
	}
	if len(data) == 0 {
		if !in.xlsx && len(in.rows) == 1 && len(header.cells) >= max(10, 2*len(t.columns())) {
			in.addf(probs, header.num, 0, "the file is one line of %d fields: were its line breaks lost?", len(header.cells))
		} else {
			in.addf(probs, header.num, 0, "no data rows below the header row")
		}
		ok = false
	}
	return columns, len(header.cells), data, ok
}

func trimAll(cells []string) []string {
	out := make([]string, 0, len(cells))
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	if len(out) > 12 {
		out = append(out[:12], fmt.Sprintf("… %d more", len(out)-12))
	}
	return out
}

// tableColumn is a column that a table reads, and the first setting of the
// mapping that reads it, for messages.
type tableColumn struct{ name, setting string }

// columns are every column the table reads, in a stable order.
func (t *Table) columns() []tableColumn {
	var out []tableColumn
	seen := map[string]bool{}
	add := func(setting string, names ...string) {
		for _, n := range names {
			if !seen[fold(n)] {
				seen[fold(n)] = true
				out = append(out, tableColumn{n, t.label + "." + setting})
			}
		}
	}
	for _, f := range t.fields() {
		add(f.name, f.columnNames()...)
	}
	for i, f := range t.Filter {
		add(fmt.Sprintf("filter[%d]", i), f.Column)
	}
	for i, s := range t.Skip {
		add(fmt.Sprintf("skip[%d]", i), s.Column)
	}
	return out
}

// fields are the table's fields that are set, in a stable order.
func (t *Table) fields() []*Field {
	var out []*Field
	for _, f := range []*Field{t.Period, t.Country, t.LegalBasis, t.Segment, t.RequestType, t.Type, t.Requests, t.Accounts} {
		if f != nil {
			out = append(out, f)
		}
	}
	for _, k := range sortedKeys(t.Outcomes) {
		out = append(out, t.Outcomes[k])
	}
	for _, f := range []*Field{t.PercentDisclosed, t.Extraterritorial, t.Contested, t.Note, t.Storage, t.StoredIn, t.Measure, t.Count} {
		if f != nil {
			out = append(out, f)
		}
	}
	return out
}
