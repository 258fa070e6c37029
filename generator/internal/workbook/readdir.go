package workbook

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// ReadDir reads every workbook in the period folders of dir, the sources
// folder: dir/2026-Q3/emea.xlsx, dir/2023-H1/legal.xlsx. Folders and files
// are read in name order; names starting with "." or "~$" (lock files of open
// workbooks) are ignored. report.Check then checks the sources, across
// workbooks too. progress, if not nil, is called after each file with the
// number of rows read from it.
func ReadDir(dir string, tax *taxonomy.Taxonomy, probs *problem.List, progress func(file string, rows int)) []report.Source {
	folders, err := os.ReadDir(dir)
	if err != nil {
		probs.Addf(dir, "", 0, 0, "read sources: %v", err)
		return nil
	}
	var sources []report.Source
	for _, folder := range folders {
		name := folder.Name()
		path := filepath.Join(dir, name)
		switch {
		case ignored(name):
			continue
		case !folder.IsDir():
			if isWorkbook(name) {
				probs.Addf(path, "", 0, 0, "workbook is not in a period folder such as 2026-Q3")
			}
			continue
		}
		if _, err := report.ParsePeriod(name); err != nil {
			probs.Addf(path, "", 0, 0, "folder name: %v", err)
			continue
		}
		files, err := os.ReadDir(path)
		if err != nil {
			probs.Addf(path, "", 0, 0, "read period folder: %v", err)
			continue
		}
		for _, file := range files {
			filePath := filepath.Join(path, file.Name())
			switch {
			case ignored(file.Name()):
				continue
			case file.IsDir() || !isWorkbook(file.Name()):
				probs.Addf(filePath, "", 0, 0, "not an .xlsx workbook: a period folder holds only workbooks")
				continue
			}
			src := Read(filePath, tax, probs)
			sources = append(sources, src)
			if progress != nil {
				progress(filePath, len(src.Rows)+len(src.NationalSecurity))
			}
		}
	}
	return sources
}

func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

func isWorkbook(name string) bool { return strings.EqualFold(filepath.Ext(name), ".xlsx") }
