package bench

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// BareRead is the baseline every phase is measured against: it reads every
// row of every sheet of every workbook under dir, one workbook after the
// other, with excelize's streaming Rows and raw cell values, and does
// nothing with them. It returns the number of rows read.
func BareRead(dir string) (int, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".xlsx") {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	slices.Sort(paths)
	total := 0
	for _, path := range paths {
		n, err := bareReadFile(path)
		if err != nil {
			return total, fmt.Errorf("%s: %w", path, err)
		}
		total += n
	}
	return total, nil
}

func bareReadFile(path string) (int, error) {
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		return 0, err
	}
	defer f.Close()
	total := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return total, err
		}
		for rows.Next() {
			if _, err := rows.Columns(); err != nil {
				rows.Close()
				return total, err
			}
			total++
		}
		if err := rows.Close(); err != nil {
			return total, err
		}
	}
	return total, nil
}
