package downloads

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"
)

// WriteJSON writes a table as a JSON array of objects, one object per line,
// with the same fields as the CSV in the same order; missing values are null.
// Text is written as it is: JSON is not opened by spreadsheet programs, so it
// needs no protection against formulas.
func WriteJSON(t Table) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, row := range t.Rows {
		if len(row) != len(t.Schema.Fields) {
			return nil, fmt.Errorf("%s row %d: %d values for %d fields", t.Name, i+1, len(row), len(t.Schema.Fields))
		}
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n{")
		for j, v := range row {
			if j > 0 {
				buf.WriteString(",")
			}
			if _, err := formatValue(t.Schema.Fields[j], v); err != nil {
				return nil, fmt.Errorf("%s row %d: %w", t.Name, i+1, err)
			}
			if err := encodeJSON(&buf, t.Schema.Fields[j].Name); err != nil {
				return nil, err
			}
			buf.WriteString(":")
			if err := encodeJSON(&buf, v); err != nil {
				return nil, err
			}
		}
		buf.WriteString("}")
	}
	buf.WriteString("\n]\n")
	return buf.Bytes(), nil
}

func encodeJSON(buf *bytes.Buffer, v any) error {
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %v: %w", v, err)
	}
	buf.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	return nil
}

// AboutSheet is the name of the workbook's first sheet, which says what
// the workbook holds and under what terms.
const AboutSheet = "about"

// WriteXLSX writes a workbook with an about sheet of label-value lines and
// one sheet per table, named as the table: a bold, frozen header row of field
// names, numbers and booleans as such, dates as dates shown YYYY-MM-DD, text
// as text (a string cell is never a formula, so it needs no apostrophe) and
// missing values as empty cells. The bytes depend only on the content.
func WriteXLSX(about [][2]string, tables []Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{w: w, files: map[string]*bytes.Buffer{}} })
	if err := f.SetSheetName("Sheet1", AboutSheet); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	dateFormat := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	for i, line := range about {
		for j, v := range line {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellStr(AboutSheet, cell, v); err != nil {
				return nil, fmt.Errorf("workbook: %w", err)
			}
		}
	}
	if err := f.SetColWidth(AboutSheet, "A", "A", 24); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	if err := f.SetColWidth(AboutSheet, "B", "B", 100); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	if err := f.SetColStyle(AboutSheet, "A", bold); err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	for _, t := range tables {
		if err := writeSheet(f, t, bold, dateStyle); err != nil {
			return nil, fmt.Errorf("workbook sheet %s: %w", t.Name, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, t Table, bold, dateStyle int) error {
	if _, err := f.NewSheet(t.Name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.Name)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for i, field := range t.Schema.Fields {
		width := float64(max(len(field.Name), 10)) + 2
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	header := make([]any, len(t.Schema.Fields))
	for i, field := range t.Schema.Fields {
		header[i] = excelize.Cell{StyleID: bold, Value: field.Name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	for i, row := range t.Rows {
		if len(row) != len(t.Schema.Fields) {
			return fmt.Errorf("row %d: %d values for %d fields", i+1, len(row), len(t.Schema.Fields))
		}
		cells := make([]any, len(row))
		for j, v := range row {
			if _, err := formatValue(t.Schema.Fields[j], v); err != nil {
				return fmt.Errorf("row %d: %w", i+1, err)
			}
			cells[j] = v
			if s, ok := v.(string); ok && t.Schema.Fields[j].Type == TypeDate {
				d, err := time.Parse(time.DateOnly, s)
				if err != nil {
					return fmt.Errorf("row %d: field %s: %w", i+1, t.Schema.Fields[j].Name, err)
				}
				cells[j] = excelize.Cell{StyleID: dateStyle, Value: d}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// sortedZip writes the workbook's parts in name order ([Content_Types].xml
// first, as Office does): excelize writes streamed sheets in map order, which
// would make the same workbook come out as different bytes.
type sortedZip struct {
	w     io.Writer
	files map[string]*bytes.Buffer
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, dup := z.files[name]; dup {
		return nil, fmt.Errorf("workbook part %s written twice", name)
	}
	b := &bytes.Buffer{}
	z.files[name] = b
	return b, nil
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("workbook: adding a file system is not supported")
}

func (z *sortedZip) Close() error {
	const contentTypes = "[Content_Types].xml"
	names := make([]string, 0, len(z.files))
	for name := range z.files {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		switch {
		case a == b:
			return 0
		case a == contentTypes:
			return -1
		case b == contentTypes:
			return 1
		case a < b:
			return -1
		}
		return 1
	})
	zw := zip.NewWriter(z.w)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := w.Write(z.files[name].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}
