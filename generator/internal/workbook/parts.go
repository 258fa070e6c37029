package workbook

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/problem"
)

// Sheets are the worksheets of a workbook whose parts have been checked,
// with what their XML says about each cell: its type and number format,
// which excelize's values do not give.
//
// excelize reads a zip entry that is damaged (whose declared size is wrong,
// or whose checksum fails) as far as it can and carries on, and reads a
// worksheet whose XML is cut short, or holds a row twice, as if that were all
// it held: a damaged sheet would read as fewer rows, or none. So the parts
// are checked here first, and a sheet that fails is not read at all.
type Sheets struct {
	parts    map[string]string // sheet name (lower case) → zip entry
	scanned  map[string]*sheetScan
	z        *zip.ReadCloser
	styles   map[int]Kind
	f        *excelize.File
	date1904 bool
	// sharedCount is the number of shared strings, counted when first
	// needed; -1 before.
	sharedCount    int
	sharedReported bool
}

// sheetScan is what a worksheet's XML says about its cells, read before
// excelize reads their values.
type sheetScan struct {
	cells      map[cellRef]cellAttr // all but plain numbers, the zero cellAttr
	duplicates []int                // row numbers given to a second row element
	formulas   bool
	maxShared  int // the highest index of a shared string a cell refers to; -1 for none
}

type cellRef struct{ row, col int }

// cellAttr is a cell's type attribute (t: "s", "str" or "inlineStr" for
// text, "b", "e", "d", or "" and "n" for a number) and its style.
type cellAttr struct {
	t     string
	style int
}

// OpenSheets checks every part of the workbook at filename, which f has
// opened: each zip entry must
// unpack to its declared size and checksum, within UnzipSizeLimit in all.
// The error names the damaged part.
func OpenSheets(filename string, f *excelize.File) (*Sheets, error) {
	z, err := zip.OpenReader(filename)
	if err != nil {
		return nil, err
	}
	s := &Sheets{z: z, scanned: map[string]*sheetScan{}, styles: map[int]Kind{}, f: f, sharedCount: -1}
	if s.parts, err = sheetParts(&z.Reader); err != nil {
		z.Close()
		return nil, fmt.Errorf("the file is damaged: %w", err)
	}
	sheetOf := map[string]string{}
	for _, name := range f.GetSheetList() {
		sheetOf[s.parts[strings.ToLower(name)]] = name
	}
	var total int64
	for _, file := range z.File {
		n, err := unpackedSize(file, UnzipSizeLimit-total)
		total += n
		if err != nil {
			z.Close()
			part := "part " + file.Name
			if sheet, ok := sheetOf[file.Name]; ok {
				part = fmt.Sprintf("the sheet %s (part %s)", sheet, file.Name)
			}
			return nil, fmt.Errorf("the file is damaged: %s: %w; save it again from the spreadsheet program", part, err)
		}
	}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		s.date1904 = *props.Date1904
	}
	return s, nil
}

// Close closes the zip file.
func (s *Sheets) Close() error { return s.z.Close() }

// unpackedSize unpacks one zip entry, which checks its size and checksum.
func unpackedSize(file *zip.File, limit int64) (int64, error) {
	rc, err := file.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, limit+1))
	if err == nil && n > limit {
		err = fmt.Errorf("unpacks to more than %d MB", UnzipSizeLimit>>20)
	}
	return n, err
}

// sheetParts maps each sheet's name, in lower case as names are compared, to
// its worksheet's zip entry, from the workbook part and its relationships
// (at xl/workbook.xml, where every spreadsheet program writes it).
func sheetParts(z *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Relationships []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := unmarshalPart(z, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := unmarshalPart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Relationships {
		target := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(r.Target, "/") {
			target = path.Join("xl", r.Target)
		}
		targets[r.ID] = target
	}
	parts := map[string]string{}
	for _, sheet := range wb.Sheets {
		parts[strings.ToLower(sheet.Name)] = targets[sheet.ID]
	}
	return parts, nil
}

func unmarshalPart(z *zip.Reader, name string, v any) error {
	rc, err := z.Open(name)
	if err != nil {
		return fmt.Errorf("part %s: %w", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("part %s: %w", name, err)
	}
	return nil
}

// scan reads the XML of a sheet once; the error says that it is damaged.
func (s *Sheets) scan(sheet string) (*sheetScan, error) {
	if sc, ok := s.scanned[strings.ToLower(sheet)]; ok {
		return sc, nil
	}
	name := s.parts[strings.ToLower(sheet)]
	rc, err := s.z.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("the sheet's part %s is missing: the file is damaged; save it again from the spreadsheet program", name)
	}
	if err != nil {
		return nil, fmt.Errorf("the sheet's part %s: %w", name, err)
	}
	defer rc.Close()
	sc, err := scanSheet(rc)
	if errors.Is(err, errTooLarge) {
		return nil, fmt.Errorf("%w; a sheet of figures needs far fewer: delete the rows and columns past the figures", err)
	}
	if err != nil {
		return nil, fmt.Errorf("the sheet is damaged: its part %s: %w; save it again from the spreadsheet program", name, err)
	}
	if err := s.checkShared(sc.maxShared); err != nil {
		return nil, sharedStringsError{err}
	}
	s.scanned[strings.ToLower(sheet)] = sc
	return sc, nil
}

// scanSheet reads a worksheet's XML: the type and style of each cell, the
// row numbers given twice, and whether any cell has a formula. Rows and cells
// without a reference follow the one before, as spreadsheets read them.
func scanSheet(r io.Reader) (*sheetScan, error) {
	sc := &sheetScan{cells: map[cellRef]cellAttr{}, maxShared: -1}
	d := xml.NewDecoder(r)
	seen := map[int]bool{}
	row, col, cells := 0, 0, 0
	sharedCell, inValue := false, false
	// RawToken is twice as fast as Token, which also resolves name
	// spaces; keeping the open elements is enough to tell that the XML was
	// cut short or its elements do not nest.
	var open []xml.Name
	for {
		tok, err := d.RawToken()
		if err == io.EOF && len(open) == 0 {
			break
		}
		if err == io.EOF {
			return nil, fmt.Errorf("<%s> is not closed: %w", open[len(open)-1].Local, io.ErrUnexpectedEOF)
		}
		if err != nil {
			return nil, err
		}
		if end, ok := tok.(xml.EndElement); ok {
			if len(open) == 0 || open[len(open)-1] != end.Name {
				return nil, fmt.Errorf("</%s> closes no open element", end.Name.Local)
			}
			open = open[:len(open)-1]
			inValue = false
			continue
		}
		if text, ok := tok.(xml.CharData); ok && inValue && sharedCell {
			if i, err := strconv.Atoi(strings.TrimSpace(string(text))); err == nil && i > sc.maxShared {
				sc.maxShared = i
			}
			continue
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		open = append(open, start.Name)
		switch start.Name.Local {
		case "row":
			row, col = row+1, 0
			if v := attr(start, "r"); v != "" {
				if row, err = strconv.Atoi(v); err != nil || row < 1 {
					return nil, fmt.Errorf("row number %q", v)
				}
			}
			if row > MaxRows {
				return nil, fmt.Errorf("%w: it has rows up to row %d or beyond, more than the %d rows a sheet read may have", errTooLarge, row, MaxRows)
			}
			if seen[row] {
				sc.duplicates = append(sc.duplicates, row)
			}
			seen[row] = true
		case "c":
			if cells++; cells > MaxCells {
				return nil, fmt.Errorf("%w: it has more than %d cells", errTooLarge, MaxCells)
			}
			col++
			if v := attr(start, "r"); v != "" {
				c, rr, err := excelize.CellNameToCoordinates(v)
				if err != nil || rr != row {
					return nil, fmt.Errorf("cell %q in row %d", v, row)
				}
				col = c
			}
			a := cellAttr{t: attr(start, "t")}
			if v := attr(start, "s"); v != "" {
				if a.style, err = strconv.Atoi(v); err != nil {
					return nil, fmt.Errorf("cell style %q", v)
				}
			}
			if a != (cellAttr{}) && a != (cellAttr{t: "n"}) {
				sc.cells[cellRef{row, col}] = a
			}
			sharedCell = a.t == "s"
		case "v":
			inValue = true
		case "f":
			sc.formulas = true
		}
	}
	return sc, nil
}

// sharedStringsError is a sheet whose text cannot be read because the
// workbook's shared strings are damaged: a problem of the file, reported
// once, not once for each sheet.
type sharedStringsError struct{ err error }

func (e sharedStringsError) Error() string { return e.err.Error() }

// errTooLarge is a sheet beyond MaxRows or MaxCells.
var errTooLarge = errors.New("the sheet is too large")

// sharedStringsPart is where spreadsheet programs write the workbook's
// shared strings, the text of its text cells.
const sharedStringsPart = "xl/sharedStrings.xml"

// checkShared checks that the shared strings part holds the string of
// index maxIndex, the highest a sheet refers to. A damaged part would
// otherwise fail every text cell of the sheet, each with its own message.
func (s *Sheets) checkShared(maxIndex int) error {
	if maxIndex < 0 {
		return nil
	}
	if s.sharedCount < 0 {
		n, err := countShared(s.z)
		if err != nil {
			return fmt.Errorf("the file is damaged: its shared strings (part %s, the text of text cells) %w; save it again from the spreadsheet program", sharedStringsPart, err)
		}
		s.sharedCount = n
	}
	if maxIndex >= s.sharedCount {
		return fmt.Errorf("the file is damaged: its shared strings (part %s, the text of text cells) hold %d texts, but cells refer to text %d; save it again from the spreadsheet program", sharedStringsPart, s.sharedCount, maxIndex+1)
	}
	return nil
}

// countShared counts the strings of the shared strings part.
func countShared(z *zip.ReadCloser) (int, error) {
	rc, err := z.Open(sharedStringsPart)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, errors.New("are missing")
	}
	if err != nil {
		return 0, fmt.Errorf("cannot be read: %w", err)
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	n, depth := 0, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF && depth == 0 {
			return n, nil
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return 0, fmt.Errorf("are cut short or not XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if t.Name.Local == "si" && depth == 2 {
				n++
			}
		case xml.EndElement:
			depth--
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Check scans a sheet's XML, which must be whole and give each row once,
// and reports to probs, as found in file, why it cannot be read if not.
func (s *Sheets) Check(file, sheet string, probs *problem.List) bool {
	if _, ok := s.parts[strings.ToLower(sheet)]; !ok {
		probs.Addf(file, sheet, 0, 0, "the workbook's list of sheets does not give this sheet's part")
		return false
	}
	sc, err := s.scan(sheet)
	if errors.As(err, new(sharedStringsError)) {
		if !s.sharedReported {
			probs.Addf(file, "", 0, 0, "%v", err)
			s.sharedReported = true
		}
		return false
	}
	if err != nil {
		probs.Addf(file, sheet, 0, 0, "%v", err)
		return false
	}
	for _, row := range sc.duplicates {
		probs.Addf(file, sheet, row, 0, "the sheet's XML gives row %d twice, perhaps with other figures; save it again from the spreadsheet program", row)
	}
	return len(sc.duplicates) == 0
}

// Cell is the cell at col and row of a sheet that Check has scanned, whose
// value excelize read as raw.
func (s *Sheets) Cell(sheet string, col, row int, raw string) Cell {
	sc := s.scanned[strings.ToLower(sheet)]
	if sc == nil {
		return Cell{Kind: Text, Value: raw}
	}
	a := sc.cells[cellRef{row, col}]
	c := Cell{Value: raw, date1904: s.date1904}
	switch a.t {
	case "s", "str", "inlineStr":
		c.Kind = Text
	case "b":
		c.Kind = Bool
	case "e":
		c.Kind = Error
	case "d":
		c.Kind = Date
	default:
		c.Kind = s.styleKind(a.style)
	}
	return c
}

// styleKind is how a number is shown with a style: by its number format.
func (s *Sheets) styleKind(style int) Kind {
	if k, ok := s.styles[style]; ok {
		return k
	}
	k := Number
	if st, err := s.f.GetStyle(style); err == nil {
		if st.CustomNumFmt != nil {
			k = formatKind(*st.CustomNumFmt)
		} else if bk, ok := builtInKinds[st.NumFmt]; ok {
			k = bk
		}
	}
	s.styles[style] = k
	return k
}

// HasFormulas reports whether a sheet that Check has scanned holds a formula.
func (s *Sheets) HasFormulas(sheet string) bool {
	sc := s.scanned[strings.ToLower(sheet)]
	return sc == nil || sc.formulas
}
