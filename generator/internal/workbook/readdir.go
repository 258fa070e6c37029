package workbook

import (
	"fmt"
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
// workbooks) are ignored. It then checks across workbooks that no team
// appears twice in a period and that national-security bands, which are
// company-wide, are given once for each period and type; a repeated band is
// dropped from its source. progress, if not nil, is called after each file
// with the number of rows read from it.
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
	checkTeams(sources, probs)
	checkNationalSecurity(tax, sources, probs)
	return sources
}

func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

func isWorkbook(name string) bool { return strings.EqualFold(filepath.Ext(name), ".xlsx") }

// checkTeams reports a team that fills two workbooks for the same period,
// whose rows would otherwise be counted twice.
func checkTeams(sources []report.Source, probs *problem.List) {
	firstFileOf := map[string]string{} // by period and team
	for _, src := range sources {
		if src.Team == "" || src.Period.IsZero() {
			continue
		}
		key := src.Period.String() + "|" + strings.ToLower(src.Team)
		if first, seen := firstFileOf[key]; seen {
			probs.Addf(src.File, AboutSheet, aboutTeamRow, aboutValueCol, "team %q already has a workbook for %s: %s", src.Team, src.Period, first)
			continue
		}
		firstFileOf[key] = src.File
	}
}

// checkNationalSecurity reports a band given for the same period and type in
// two workbooks, and drops the later one.
func checkNationalSecurity(tax *taxonomy.Taxonomy, sources []report.Source, probs *problem.List) {
	firstOf := map[string]report.Location{} // by period covered and type
	for i := range sources {
		src := &sources[i]
		kept := src.NationalSecurity[:0]
		for _, row := range src.NationalSecurity {
			key := row.Period.String() + "|" + row.Type
			if first, seen := firstOf[key]; seen {
				probs.Addf(row.Where.File, row.Where.Sheet, row.Where.Row, colNSPeriod,
					"same period covered and type as %s (%s, %s)", where(first), row.Period, taxonomy.Label(tax.NationalSecurity, row.Type))
				continue
			}
			firstOf[key] = row.Where
			kept = append(kept, row)
		}
		src.NationalSecurity = kept
	}
}

// where names a row in another file, such as "sources/2026-Q2/legal.xlsx row 2".
func where(loc report.Location) string {
	return fmt.Sprintf("%s row %d", loc.File, loc.Row)
}
