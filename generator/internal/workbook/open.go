package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// Limits on one workbook, read here and by imports. A team's Requests sheet
// has a row per country × legal basis × segment, a few thousand at most;
// the limits are far above that and keep a build's time and memory small
// whatever file is put in sources/. A file beyond them is refused before
// its rows are read.
const (
	// UnzipSizeLimit bounds the unpacked size of all of a workbook's parts
	// together; the default of excelize is 16 GB.
	UnzipSizeLimit = 64 << 20
	// MaxRows is the last row number a sheet read may use.
	MaxRows = 50_000
	// MaxCells bounds the cells of one sheet.
	MaxCells = 1_000_000
)

// oleMagic starts an OLE2 compound file: an old Excel .xls workbook, or an
// .xlsx encrypted with a password, which Excel wraps in one.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Open opens the workbook at path after checking that it is a regular file
// (a named pipe would block for ever), a whole zip archive, and no larger
// unpacked than UnzipSizeLimit; then its parts (see OpenSheets). The error
// says what is wrong in words a spreadsheet user can act on.
func Open(path string) (*excelize.File, *Sheets, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, nil, errors.New("not a regular file (a folder, a named pipe or a device); a workbook is a file")
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, nil, notZip(path)
	}
	var declared uint64
	for _, file := range z.File {
		declared += file.UncompressedSize64
	}
	z.Close()
	if declared > UnzipSizeLimit {
		return nil, nil, fmt.Errorf("the workbook unpacks to %d MB, more than the %d MB a workbook may hold; a report's figures take far less: remove what else the file holds, or split it", declared>>20, UnzipSizeLimit>>20)
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: UnzipSizeLimit})
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable workbook: %w", err)
	}
	sheets, err := OpenSheets(path, f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, sheets, nil
}

// notZip says what a file that is not a zip archive, as every .xlsx is,
// most likely is.
func notZip(path string) error {
	head := make([]byte, len(oleMagic))
	if f, err := os.Open(path); err == nil {
		io.ReadFull(f, head)
		f.Close()
	}
	if bytes.Equal(head, oleMagic) {
		return errors.New("this is an old Excel .xls file (or a workbook protected with a password), not an .xlsx workbook; save it as .xlsx (Excel Workbook), without a password")
	}
	return errors.New("not an .xlsx workbook: the file is not a whole zip archive, as every .xlsx is; it is damaged, cut short or of another kind: save it again as .xlsx from the spreadsheet program")
}
