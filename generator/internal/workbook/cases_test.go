package workbook

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
	"golang.org/x/tools/txtar"

	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestProblemCases reads each case of testdata/problems: the workbooks of a
// sources folder, validated as the build does (ReadDir, then report.Check),
// and compares every problem found with the case's want section. Run go
// test -update to rewrite the want sections.
//
// A case is a txtar archive: a comment saying what it shows, a section per
// workbook named by its path, such as sources/2026-Q3/emea.xlsx, and a want
// section. A workbook starts as the blank template of its folder's period,
// for the team named after the file (emea), and its section sets cells:
//
//	Requests
//	A2: FR,Court order,,10,10
//
// A line that is not a cell names the sheet of the cells below it. A cell
// line gives the values of the cells from that one rightwards, as CSV: a
// blank value leaves its cell blank, a number is stored as a number,
// =SUM(E2:E3) as a formula without a cached value, 'text as the text after
// the quote (as a spreadsheet reads '12), and anything else as text.
func TestProblemCases(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	cases, err := filepath.Glob(filepath.Join("testdata", "problems", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			want := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					want = i
					continue
				}
				writeCase(t, tax, root, f)
			}
			if want < 0 {
				ar.Files = append(ar.Files, txtar.File{Name: "want"})
				want = len(ar.Files) - 1
			}

			var probs problem.List
			sources := ReadDir(filepath.Join(root, "sources"), tax, &probs, nil)
			checked := report.Check(sources, tax)
			probs.Merge(&checked)
			got := ""
			if lines := problemLines(&probs, root); len(lines) > 0 {
				got = strings.Join(lines, "\n") + "\n"
			}

			if golden.Updating() {
				ar.Files[want].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if diff := cmp.Diff(string(ar.Files[want].Data), got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

var cellLine = regexp.MustCompile(`^([A-Z]+[0-9]+):\s?(.*)$`)

// writeCase writes the workbook of one section of a case under root.
func writeCase(t *testing.T, tax *taxonomy.Taxonomy, root string, section txtar.File) {
	t.Helper()
	path := filepath.Join(root, filepath.FromSlash(section.Name))
	team := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	f, err := Template(tax, testhelp.MustPeriod(t, filepath.Base(filepath.Dir(path))), team)
	if err != nil {
		t.Fatal(err)
	}
	sheet := ""
	for n, line := range strings.Split(string(section.Data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		m := cellLine.FindStringSubmatch(line)
		if m == nil {
			sheet = strings.TrimSpace(line)
			continue
		}
		col, row, err := excelize.CellNameToCoordinates(m[1])
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(m[2]))
		r.FieldsPerRecord = -1
		values, err := r.Read()
		if err != nil {
			t.Fatalf("%s line %d: %v", section.Name, n+1, err)
		}
		for i, v := range values {
			if err := setCaseCell(f, sheet, cellName(col+i, row), v); err != nil {
				t.Fatalf("%s line %d: %v", section.Name, n+1, err)
			}
		}
	}
	save(t, f, path)
}

func setCaseCell(f *excelize.File, sheet, cell, value string) error {
	switch {
	case value == "":
		return nil
	case strings.HasPrefix(value, "'"):
		return f.SetCellStr(sheet, cell, value[1:])
	case strings.HasPrefix(value, "="):
		return f.SetCellFormula(sheet, cell, value[1:])
	}
	if n, err := strconv.ParseFloat(value, 64); err == nil {
		return f.SetCellValue(sheet, cell, n)
	}
	return f.SetCellStr(sheet, cell, value)
}
