package workbook

import (
	"archive/zip"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

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
// line gives the values of the cells from that one rightwards, as CSV, each
// stored as a spreadsheet stores what is typed: a blank value leaves its
// cell blank, a number is stored as a number, TRUE and FALSE as booleans,
// 2026-07-01 as a date, 12:00 as a time, 50% as 0.5 in a percentage format,
// =SUM(E2:E3) as a formula without a cached value, 'text as the text after
// the quote (as a spreadsheet reads '12), and anything else as text.
//
// A line starting with ! changes the workbook in ways a spreadsheet program
// would not, as another program or a damaged copy might:
//
//	!hide Requests            hides the sheet
//	!very-hide Requests       hides it so that only a program can unhide it
//	!row Requests 3 2         renumbers row 3 of the sheet's XML as row 2
//	!damage Requests size     declares a wrong size for the sheet's zip entry
//	!damage Requests crc      declares a wrong checksum for it
//	!damage Requests truncate cuts the sheet's XML short
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
	var surgery []string
	for n, line := range strings.Split(string(section.Data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "!") {
			surgery = append(surgery, line[1:])
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
	var rewrites []string
	for _, s := range surgery {
		hide, very := strings.CutPrefix(s, "very-hide ")
		if !very {
			hide, _ = strings.CutPrefix(s, "hide ")
		}
		if hide == s {
			rewrites = append(rewrites, s)
		} else if err := f.SetSheetVisible(hide, false, very); err != nil {
			t.Fatal(err)
		}
	}
	save(t, f, path)
	for _, s := range rewrites {
		rewriteSheet(t, path, s)
	}
}

// rewriteSheet applies a line of surgery other than hide (see
// TestProblemCases) to the saved workbook at path.
func rewriteSheet(t *testing.T, path, surgery string) {
	t.Helper()
	words := strings.Fields(surgery)
	// Sheet names have spaces; the words after the name are one or two.
	var sheet string
	var edit func([]byte) []byte
	lie := func(*zip.FileHeader) {}
	switch {
	case words[0] == "row" && len(words) >= 4:
		sheet = strings.Join(words[1:len(words)-2], " ")
		from, to := words[len(words)-2], words[len(words)-1]
		edit = func(xml []byte) []byte {
			row := regexp.MustCompile(`<row r="` + from + `"[^>]*>.*?</row>`)
			return row.ReplaceAllFunc(xml, func(b []byte) []byte {
				return regexp.MustCompile(`(r="[A-Z]*)`+from+`"`).ReplaceAll(b, []byte("${1}"+to+`"`))
			})
		}
	case words[0] == "damage" && len(words) >= 3:
		sheet = strings.Join(words[1:len(words)-1], " ")
		switch words[len(words)-1] {
		case "size":
			lie = func(h *zip.FileHeader) { h.UncompressedSize64 /= 2 }
		case "crc":
			lie = func(h *zip.FileHeader) { h.CRC32++ }
		case "truncate":
			edit = func(xml []byte) []byte { return xml[:len(xml)/2] }
		default:
			t.Fatalf("unknown damage %q", surgery)
		}
	default:
		t.Fatalf("unknown surgery %q", surgery)
	}

	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := sheetParts(&zr.Reader)
	zr.Close()
	if err != nil || parts[strings.ToLower(sheet)] == "" {
		t.Fatalf("no sheet %q: %v", sheet, err)
	}
	entries := testhelp.ReadZip(t, path)
	for i, e := range entries {
		if e.Name != parts[strings.ToLower(sheet)] {
			continue
		}
		if edit != nil {
			entries[i].Data = edit(e.Data)
		}
		entries[i].Header = lie
	}
	testhelp.WriteZip(t, path, entries)
}

func setCaseCell(f *excelize.File, sheet, cell, value string) error {
	switch {
	case value == "":
		return nil
	case strings.HasPrefix(value, "'"):
		return f.SetCellStr(sheet, cell, value[1:])
	case strings.HasPrefix(value, "="):
		return f.SetCellFormula(sheet, cell, value[1:])
	case value == "TRUE" || value == "FALSE":
		return f.SetCellBool(sheet, cell, value == "TRUE")
	}
	if d, err := time.Parse(time.DateOnly, value); err == nil {
		serial, _ := excelize.ExcelDateToTime(0, false) // 1899-12-30
		return setFormatted(f, sheet, cell, d.Sub(serial).Hours()/24, 14)
	}
	if d, err := time.Parse("15:04", value); err == nil {
		return setFormatted(f, sheet, cell, float64(d.Hour()*60+d.Minute())/(24*60), 20)
	}
	if pct, ok := strings.CutSuffix(value, "%"); ok {
		if n, err := strconv.ParseFloat(pct, 64); err == nil {
			return setFormatted(f, sheet, cell, n/100, 9)
		}
	}
	if n, err := strconv.ParseInt(value, 10, 64); err == nil {
		return f.SetCellInt(sheet, cell, n) // all its digits, however large
	}
	if n, err := strconv.ParseFloat(value, 64); err == nil {
		return f.SetCellValue(sheet, cell, n)
	}
	return f.SetCellStr(sheet, cell, value)
}

// setFormatted stores a number with a built-in number format.
func setFormatted(f *excelize.File, sheet, cell string, n float64, numFmt int) error {
	style, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
	if err != nil {
		return err
	}
	if err := f.SetCellValue(sheet, cell, n); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}
