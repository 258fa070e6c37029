package downloads

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// formulaStart holds the first characters that make a spreadsheet program
// read a text cell as a formula (OWASP, "CSV injection"): =, +, -, @, tab
// and carriage return.
const formulaStart = "=+-@\t\r"

// Inert returns text that a spreadsheet program will not run as a formula:
// text starting with one of formulaStart gets a leading apostrophe, which
// spreadsheets show as text. Only text columns go through it; numbers are
// written as they are, so -5 stays a number.
func Inert(s string) string {
	if s != "" && strings.IndexByte(formulaStart, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// lineBreaks turns CRLF and lone CR inside text into LF, so that a file uses
// one line ending throughout.
var lineBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// WriteCSV writes a table as RFC 4180 CSV in UTF-8: a header row of field
// names, one line per row ending in LF, fields quoted only when they hold a
// comma, a quote or a line break, quotes doubled, missing values empty, no
// thousands separators. Text fields pass through Inert.
func WriteCSV(t Table) ([]byte, error) {
	var buf bytes.Buffer
	names := make([]string, len(t.Schema.Fields))
	for i, f := range t.Schema.Fields {
		names[i] = f.Name
	}
	writeRecord(&buf, names)
	record := make([]string, len(t.Schema.Fields))
	for i, row := range t.Rows {
		if len(row) != len(t.Schema.Fields) {
			return nil, fmt.Errorf("%s row %d: %d values for %d fields", t.Name, i+1, len(row), len(t.Schema.Fields))
		}
		for j, v := range row {
			s, err := formatValue(t.Schema.Fields[j], v)
			if err != nil {
				return nil, fmt.Errorf("%s row %d: %w", t.Name, i+1, err)
			}
			record[j] = s
		}
		writeRecord(&buf, record)
	}
	return buf.Bytes(), nil
}

func writeRecord(buf *bytes.Buffer, fields []string) {
	for i, f := range fields {
		if i > 0 {
			buf.WriteByte(',')
		}
		if !strings.ContainsAny(f, ",\"\n\r") {
			buf.WriteString(f)
			continue
		}
		buf.WriteByte('"')
		buf.WriteString(strings.ReplaceAll(f, `"`, `""`))
		buf.WriteByte('"')
	}
	buf.WriteByte('\n')
}

// formatValue writes one value as its field's type asks, and refuses a value
// of another type, so that a number never ends up in a text column or the
// other way round.
func formatValue(f Field, v any) (string, error) {
	if v == nil {
		return "", nil
	}
	switch f.Type {
	case TypeInteger:
		if n, ok := v.(int64); ok {
			return strconv.FormatInt(n, 10), nil
		}
	case TypeNumber:
		if x, ok := v.(float64); ok {
			return strconv.FormatFloat(x, 'f', -1, 64), nil
		}
	case TypeBoolean:
		if b, ok := v.(bool); ok {
			return strconv.FormatBool(b), nil
		}
	case TypeDate:
		if s, ok := v.(string); ok && isDate(s) {
			return s, nil
		}
	case TypeString:
		if s, ok := v.(string); ok {
			return lineBreaks.Replace(Inert(s)), nil
		}
	}
	// The error is made only here: a download formats a value per cell,
	// and formatting an error for each valid one was a sixth of a big
	// build's time.
	return "", fmt.Errorf("field %s: %T value %v in a %s column", f.Name, v, v, f.Type)
}

// isDate reports whether s is written YYYY-MM-DD.
func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
