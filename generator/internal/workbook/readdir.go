package workbook

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// ReadDir reads every workbook in the period folders of dir, the sources
// folder: dir/2026-Q3/emea.xlsx, dir/2023-H1/legal.xlsx. Folders and files
// are read in name order; names starting with "." or "~$" (lock files of open
// workbooks) are ignored. Symbolic links are refused, not followed: a
// linked folder or workbook may be anywhere, or change without a commit
// showing it. So are files that are not regular files, such as named pipes,
// which would block the build. report.Check then checks the sources, across
// workbooks too. progress, if not nil, is called after each file with the
// number of rows read from it, in the same order. The workbooks are read
// side by side, one per processor; the sources and problems are the same,
// in the same order, as if read one after the other.
func ReadDir(dir string, tax *taxonomy.Taxonomy, probs *problem.List, progress func(file string, rows int)) []report.Source {
	folders, err := os.ReadDir(dir)
	if err != nil {
		probs.Addf(dir, "", 0, 0, "read sources: %v", err)
		return nil
	}
	var paths []string // the workbooks to read, in name order
	for _, folder := range folders {
		name := folder.Name()
		path := filepath.Join(dir, name)
		switch {
		case ignored(name):
			continue
		case folder.Type()&fs.ModeSymlink != 0:
			probs.Addf(path, "", 0, 0, "%s", symlinkRefused)
			continue
		case !folder.IsDir():
			switch {
			case isWorkbook(name), oldWorkbook(name):
				probs.Addf(path, "", 0, 0, "workbook is not in a period folder such as 2026-Q3")
			case strings.EqualFold(filepath.Ext(name), ".csv"):
				probs.Addf(path, "", 0, 0, "a CSV file is not read from sources/; import published CSV files with go run ./generator import (see docs/importing.md), or fill a workbook")
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
		seen := map[string]string{} // lower-case name → name
		for _, file := range files {
			filePath := filepath.Join(path, file.Name())
			switch {
			case ignored(file.Name()):
				continue
			case file.Type()&fs.ModeSymlink != 0:
				probs.Addf(filePath, "", 0, 0, "%s", symlinkRefused)
				continue
			case oldWorkbook(file.Name()):
				probs.Addf(filePath, "", 0, 0, "this is an old Excel .xls file; save it as .xlsx (Excel Workbook)")
				continue
			case file.IsDir() || !isWorkbook(file.Name()):
				probs.Addf(filePath, "", 0, 0, "not an .xlsx workbook: a period folder holds only workbooks")
				continue
			case !file.Type().IsRegular():
				probs.Addf(filePath, "", 0, 0, "not a regular file (a named pipe, a socket or a device); a workbook is a file")
				continue
			}
			if other, ok := seen[strings.ToLower(file.Name())]; ok {
				probs.Addf(filePath, "", 0, 0, "same name as %s but for upper and lower case, which Windows and macOS take for one file; rename or remove one", other)
				continue
			}
			seen[strings.ToLower(file.Name())] = file.Name()
			paths = append(paths, filePath)
		}
	}
	return readAll(paths, tax, probs, progress)
}

// readAll reads the workbooks at paths with one worker per processor, each
// into its own problem list, and hands the results on in the order of
// paths as each is done.
func readAll(paths []string, tax *taxonomy.Taxonomy, probs *problem.List, progress func(file string, rows int)) []report.Source {
	sources := make([]report.Source, len(paths))
	found := make([]problem.List, len(paths))
	done := make([]chan struct{}, len(paths))
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range next {
				sources[i] = Read(paths[i], tax, &found[i])
				close(done[i])
			}
		})
	}
	go func() {
		for i := range paths {
			next <- i
		}
		close(next)
	}()
	for i, path := range paths {
		<-done[i]
		probs.Merge(&found[i])
		if progress != nil {
			progress(path, len(sources[i].Rows)+len(sources[i].NationalSecurity))
		}
	}
	wg.Wait()
	return sources
}

// symlinkRefused is the message for a symbolic link in the sources.
const symlinkRefused = "a symbolic link, which the build does not follow; copy the file or folder itself into sources/"

func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$")
}

func isWorkbook(name string) bool { return strings.EqualFold(filepath.Ext(name), ".xlsx") }

func oldWorkbook(name string) bool { return strings.EqualFold(filepath.Ext(name), ".xls") }
