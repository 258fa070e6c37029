package cli

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// bed is one case's copy of a project that has built once: sources/ (the
// demo's first quarter), data/, generated/ and, for imports, a mapping and
// an earlier import in imported/.
type bed struct {
	t    *testing.T
	root string
}

func (b *bed) path(rel string) string { return filepath.Join(b.root, filepath.FromSlash(rel)) }

// The template's parts: the Requests sheet is its third worksheet.
const requestsPart = "xl/worksheets/sheet3.xml"

const period = "2024-Q1"

// workbook writes a filled-in template at rel, with the Requests rows given
// (one []any a row, from row 2 and column A), and returns its path.
func (b *bed) workbook(rel string, rows ...[]any) string {
	b.t.Helper()
	tax := testhelp.ProjectTaxonomy(b.t)
	file := b.path(rel)
	team := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	f, err := workbook.Template(tax, testhelp.MustPeriod(b.t, period), team)
	if err != nil {
		b.t.Fatal(err)
	}
	for i, row := range rows {
		for j, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			if err := f.SetCellValue(workbook.RequestsSheet, cell, v); err != nil {
				b.t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := saveWorkbook(f, file); err != nil {
		b.t.Fatal(err)
	}
	return file
}

// good is a row of the Requests sheet without a problem.
var good = []any{"FR", "Court order", nil, 10, 12}

// badBook is the path of the workbook most cases break.
const badBook = "sources/" + period + "/bad.xlsx"

// rezip rewrites the zip at file: edit gets each entry's name and data and
// returns the data to write, or nil to leave the entry out. extra entries
// are added at the end.
func (b *bed) rezip(file string, edit func(name string, data []byte) []byte, extra ...testhelp.ZipEntry) {
	b.t.Helper()
	var entries []testhelp.ZipEntry
	for _, e := range testhelp.ReadZip(b.t, file) {
		if e.Data = edit(e.Name, e.Data); e.Data != nil {
			entries = append(entries, e)
		}
	}
	testhelp.WriteZip(b.t, file, append(entries, extra...))
}

// without is an edit for rezip that leaves out one part.
func without(part string) func(name string, data []byte) []byte {
	return func(name string, data []byte) []byte {
		if name == part {
			return nil
		}
		return data
	}
}

// declaring makes an entry's header give size as its uncompressed size.
func declaring(size uint64) func(*zip.FileHeader) {
	return func(h *zip.FileHeader) { h.UncompressedSize64 = size }
}

// editPart replaces one part of the workbook at file.
func (b *bed) editPart(file, part string, edit func([]byte) []byte) {
	b.t.Helper()
	found := false
	b.rezip(file, func(name string, data []byte) []byte {
		if name == part {
			found = true
			return edit(data)
		}
		return data
	})
	if !found {
		b.t.Fatalf("%s has no part %s", file, part)
	}
}

// setCellXML replaces the XML of one cell of the Requests sheet.
func (b *bed) setCellXML(file, cell, xml string) {
	b.t.Helper()
	re := regexp.MustCompile(`<c r="` + cell + `"[^>]*(/>|>.*?</c>)`)
	b.editPart(file, requestsPart, func(data []byte) []byte {
		if !re.Match(data) {
			b.t.Fatalf("no cell %s in %s", cell, requestsPart)
		}
		return re.ReplaceAll(data, []byte(xml))
	})
}

// rowsXML is a sheet whose sheetData holds rows.
func rowsXML(rows string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`)
}

func (b *bed) write(rel, content string) string {
	b.t.Helper()
	file := b.path(rel)
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		b.t.Fatal(err)
	}
	return file
}

func skipAsRoot(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, whom file permissions do not stop: an unreadable file reads")
	}
}

// importMapping is a mapping for CSV files with a period, a country and
// counts of requests and accounts.
const importMapping = `team = "imported"

[report]
company = "Imported"
[report.license]
name = "As published"
url = "https://example.com/"

[[tables]]
name = "requests"
files = ["*.csv"]
period = { column = "Period", by = "end_date", kind = "half" }
country = { column = "Country" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
legal_basis = { value = "not_broken_down" }
`

const goodCSV = "Period,Country,Requests,Accounts\n2023-06-30,DE,5,6\n2023-06-30,FR,3,3\n"

// importArgs runs import with the mapping into out, of the files.
func (b *bed) importArgs(out string, files ...string) []string {
	return append([]string{"import", "-mapping", b.path("mapping.toml"), "-o", out, "-taxonomy", taxonomyPath}, files...)
}

// TestCatalogueOfBadInput runs the real commands on one broken input each:
// each must fail (or, where said, pass) with exactly the messages given,
// without a panic, leaving data/, generated/ and an earlier import as they
// were. Paths in messages are relative to the case's folder.
func TestCatalogueOfBadInput(t *testing.T) {
	world := testhelp.NodeModule(t, geo.WorldAtlasFile)
	// The sources that build are one small workbook, so that each case
	// reads little more than its broken input.
	base := t.TempDir()
	baseBed := &bed{t: t, root: base}
	baseBed.workbook("sources/"+period+"/emea.xlsx", good, []any{"DE", "Search warrant", nil, 7, 7, 1, 2, 3, 1})
	baseBed.write("mapping.toml", importMapping)
	baseBed.write("published/good.csv", goodCSV)
	buildArgs := func(root string) []string {
		return []string{"build", "-sources", filepath.Join(root, "sources"), "-data", filepath.Join(root, "data"),
			"-downloads", filepath.Join(root, "generated", "downloads"), "-world", world, "-taxonomy", taxonomyPath, "-i18n", i18nDir}
	}
	if _, stderr, err := run(t, buildArgs(base)...); err != nil {
		t.Fatalf("first build: %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, baseBed.importArgs(baseBed.path("imported"), baseBed.path("published/good.csv"))...); err != nil {
		t.Fatalf("first import: %v\n%s", err, stderr)
	}
	// What each case must leave as it was.
	kept := map[string]output.Tree{}
	for _, dir := range []string{"data", "generated", "imported"} {
		kept[dir] = testhelp.ReadTree(t, baseBed.path(dir))
	}

	validate := func(b *bed) []string {
		return []string{"validate", "-sources", b.path("sources"), "-taxonomy", taxonomyPath, "-i18n", i18nDir}
	}
	imp := func(files ...string) func(b *bed) []string {
		return func(b *bed) []string {
			var paths []string
			for _, f := range files {
				paths = append(paths, b.path(f))
			}
			return b.importArgs(b.path("imported"), paths...)
		}
	}
	tests := []struct {
		name  string
		setup func(b *bed)
		args  func(b *bed) []string // build when nil
		ok    bool                  // the command succeeds
		want  string
	}{
		// The file itself.
		{name: "not a zip", setup: func(b *bed) { b.write(badBook, "Country,Requests\nDE,5\n") }, want: "sources/2024-Q1/bad.xlsx: not an .xlsx workbook: the file is not a whole zip archive, as every .xlsx is; it is damaged, cut short or of another kind: save it again as .xlsx from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "truncated zip", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			raw, _ := os.ReadFile(file)
			os.WriteFile(file, raw[:len(raw)/2], 0o644)
		}, want: "sources/2024-Q1/bad.xlsx: not an .xlsx workbook: the file is not a whole zip archive, as every .xlsx is; it is damaged, cut short or of another kind: save it again as .xlsx from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "old xls saved as xlsx", setup: func(b *bed) {
			b.write(badBook, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"+strings.Repeat("\x00", 504))
		}, want: "sources/2024-Q1/bad.xlsx: this is an old Excel .xls file (or a workbook protected with a password), not an .xlsx workbook; save it as .xlsx (Excel Workbook), without a password\n1 problem(s) found; nothing was written\n"},
		{name: "xls in a period folder", setup: func(b *bed) {
			b.write("sources/"+period+"/bad.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"+strings.Repeat("\x00", 504))
		}, want: "sources/2024-Q1/bad.xls: this is an old Excel .xls file; save it as .xlsx (Excel Workbook)\n1 problem(s) found; nothing was written\n"},
		{name: "csv in a period folder", setup: func(b *bed) { b.write("sources/"+period+"/bad.csv", goodCSV) }, want: "sources/2024-Q1/bad.csv: not an .xlsx workbook: a period folder holds only workbooks\n1 problem(s) found; nothing was written\n"},
		{name: "csv in the sources folder", setup: func(b *bed) { b.write("sources/figures.csv", goodCSV) }, want: "sources/figures.csv: a CSV file is not read from sources/; import published CSV files with go run ./generator import (see docs/importing.md), or fill a workbook\n1 problem(s) found; nothing was written\n"},
		{name: "workbook in the sources folder", setup: func(b *bed) { b.workbook("sources/bad.xlsx", good) }, want: "sources/bad.xlsx: workbook is not in a period folder such as 2026-Q3\n1 problem(s) found; nothing was written\n"},
		{name: "folder not named for a period", setup: func(b *bed) { b.workbook("sources/2024 Q1/bad.xlsx", good) }, want: "sources/2024 Q1: folder name: \"2024 Q1\" is not a period such as 2026-Q3, 2026-H1 or 2026\n1 problem(s) found; nothing was written\n"},
		{name: "zip bomb with honest sizes", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.editPart(file, requestsPart, func(data []byte) []byte {
				return bytes.Replace(data, []byte("<sheetData>"), append([]byte("<sheetData>"), bytes.Repeat([]byte(" "), 70<<20)...), 1)
			})
		}, want: "sources/2024-Q1/bad.xlsx: the workbook unpacks to 70 MB, more than the 64 MB a workbook may hold; a report's figures take far less: remove what else the file holds, or split it\n1 problem(s) found; nothing was written\n"},
		{name: "zip bomb with lying sizes", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.rezip(file, without(requestsPart), testhelp.ZipEntry{Name: requestsPart, Data: rowsXML(strings.Repeat(" ", 70<<20)), Header: declaring(4096)})
		}, want: "sources/2024-Q1/bad.xlsx: the file is damaged: the sheet Requests (part xl/worksheets/sheet3.xml): zip: not a valid zip file; save it again from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "billion laughs", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			var ents strings.Builder
			ents.WriteString(`<!DOCTYPE lolz [<!ENTITY lol "lol">`)
			for i := 1; i <= 9; i++ {
				fmt.Fprintf(&ents, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
			}
			ents.WriteString(`]>`)
			b.editPart(file, requestsPart, func([]byte) []byte {
				return []byte(`<?xml version="1.0"?>` + ents.String() + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`)
			})
		}, want: "sources/2024-Q1/bad.xlsx: Requests: the sheet is damaged: its part xl/worksheets/sheet3.xml: XML syntax error on line 1: invalid character entity &lol9;; save it again from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "entry named ../", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.rezip(file, func(_ string, data []byte) []byte { return data }, testhelp.ZipEntry{Name: "../../evil.txt", Data: []byte("x")})
		}, args: validate, ok: true, want: "ok: 2 files, 3 rows, 1 periods\n"},
		{name: "missing sheet part", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.rezip(file, without(requestsPart))
		}, want: "sources/2024-Q1/bad.xlsx: Requests: the sheet's part xl/worksheets/sheet3.xml is missing: the file is damaged; save it again from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "missing shared strings", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.rezip(file, without("xl/sharedStrings.xml"))
		}, want: "sources/2024-Q1/bad.xlsx: the file is damaged: its shared strings (part xl/sharedStrings.xml, the text of text cells) are missing; save it again from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "damaged shared strings", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.editPart(file, "xl/sharedStrings.xml", func(data []byte) []byte {
				i := bytes.Index(data, []byte("<si>"))
				return append(data[:i:i], []byte("</sst>")...)
			})
		}, want: "sources/2024-Q1/bad.xlsx: the file is damaged: its shared strings (part xl/sharedStrings.xml, the text of text cells) hold 0 texts, but cells refer to text 168; save it again from the spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "renamed sheet", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			b.editPart(file, "xl/workbook.xml", func(data []byte) []byte {
				return bytes.Replace(data, []byte(`name="Requests"`), []byte(`name="Requests (2)"`), 1)
			})
		}, want: "sources/2024-Q1/bad.xlsx: Requests: missing sheet: the workbook has the sheets \"Instructions\", \"About\", \"Requests (2)\", \"National security\", \"Challenges\", \"Notifications\", \"Lists\"; give the sheet its name back, or start from the template\n1 problem(s) found; nothing was written\n"},
		{name: "moved header", setup: func(b *bed) {
			file := b.workbook(badBook, good)
			f, err := excelize.OpenFile(file)
			if err != nil {
				b.t.Fatal(err)
			}
			if err := f.InsertRows(workbook.RequestsSheet, 1, 1); err != nil {
				b.t.Fatal(err)
			}
			if err := f.SaveAs(file); err != nil {
				b.t.Fatal(err)
			}
		}, want: "sources/2024-Q1/bad.xlsx: Requests!A1: header is missing, want \"Country\"\nsources/2024-Q1/bad.xlsx: Requests!B1: header is missing, want \"Legal basis\"\nsources/2024-Q1/bad.xlsx: Requests!C1: header is missing, want \"Segment\"\nsources/2024-Q1/bad.xlsx: Requests!D1: header is missing, want \"Requests\"\nsources/2024-Q1/bad.xlsx: Requests!E1: header is missing, want \"Accounts\"\nsources/2024-Q1/bad.xlsx: Requests!F1: header is missing, want \"Content disclosed\"\nsources/2024-Q1/bad.xlsx: Requests!G1: header is missing, want \"Only non-content data disclosed\"\nsources/2024-Q1/bad.xlsx: Requests!H1: header is missing, want \"No data found\"\nsources/2024-Q1/bad.xlsx: Requests!I1: header is missing, want \"Rejected or challenged\"\nsources/2024-Q1/bad.xlsx: Requests!J1: header is missing, want \"Percent disclosed\"\nsources/2024-Q1/bad.xlsx: Requests!K1: header is missing, want \"Extraterritorial\"\nsources/2024-Q1/bad.xlsx: Requests!L1: header is missing, want \"Contested in court\"\nsources/2024-Q1/bad.xlsx: Requests!M1: header is missing, want \"Note\"\n13 problem(s) found; nothing was written\n"},
		{name: "formula without a cached value", setup: func(b *bed) {
			b.setCellXML(b.workbook(badBook, good), "D2", `<c r="D2"><f>5+5</f></c>`)
		}, want: "sources/2024-Q1/bad.xlsx: Requests!D2: formula =5+5 has no cached value; open and save the file in a spreadsheet program\n1 problem(s) found; nothing was written\n"},
		{name: "formula with a cached value", setup: func(b *bed) {
			b.setCellXML(b.workbook(badBook, good), "D2", `<c r="D2"><f>5+5</f><v>10</v></c>`)
		}, args: validate, ok: true, want: "ok: 2 files, 3 rows, 1 periods\n"},
		{name: "error cell", setup: func(b *bed) {
			b.setCellXML(b.workbook(badBook, good), "D2", `<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
		}, want: "sources/2024-Q1/bad.xlsx: Requests!D2: #DIV/0! is an error, not a whole number\n1 problem(s) found; nothing was written\n"},
		{name: "merged cells", setup: func(b *bed) {
			file := b.workbook(badBook, good, []any{nil, "Court order", nil, 3, 3})
			f, err := excelize.OpenFile(file)
			if err != nil {
				b.t.Fatal(err)
			}
			if err := f.MergeCell(workbook.RequestsSheet, "A2", "A3"); err != nil {
				b.t.Fatal(err)
			}
			if err := f.SaveAs(file); err != nil {
				b.t.Fatal(err)
			}
		}, want: "sources/2024-Q1/bad.xlsx: Requests!A3: country is empty\n1 problem(s) found; nothing was written\n"},
		{name: "rows past the limit", setup: func(b *bed) {
			b.editPart(b.workbook(badBook, good), requestsPart, func([]byte) []byte {
				return rowsXML(`<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>DE</t></is></c></row>`)
			})
		}, want: "sources/2024-Q1/bad.xlsx: Requests: the sheet is too large: it has rows up to row 1000000 or beyond, more than the 50000 rows a sheet read may have; a sheet of figures needs far fewer: delete the rows and columns past the figures\n1 problem(s) found; nothing was written\n"},
		{name: "cells past the limit", setup: func(b *bed) {
			b.editPart(b.workbook(badBook, good), requestsPart, func([]byte) []byte {
				return rowsXML(`<row r="1">` + strings.Repeat("<c/>", workbook.MaxCells+1) + `</row>`)
			})
		}, want: "sources/2024-Q1/bad.xlsx: Requests: the sheet is too large: it has more than 1000000 cells; a sheet of figures needs far fewer: delete the rows and columns past the figures\n1 problem(s) found; nothing was written\n"},
		{name: "a wrong value in every row", setup: func(b *bed) {
			var rows [][]any
			for range 2000 {
				rows = append(rows, []any{"DE", "Court order", nil, "many", 1})
			}
			b.workbook(badBook, rows...)
		}, want: "sources/2024-Q1/bad.xlsx: Requests!D2: \"many\" is not a whole number\nsources/2024-Q1/bad.xlsx: Requests!D3: \"many\" is not a whole number\nsources/2024-Q1/bad.xlsx: Requests!D4: \"many\" is not a whole number\nsources/2024-Q1/bad.xlsx: Requests, column D: …and 1,997 more rows like this (rows 5–2001)\n2000 problem(s) found; nothing was written\n"},
		{name: "UK for GB", setup: func(b *bed) { b.workbook(badBook, []any{"UK", "Court order", nil, 1, 1}) }, want: "sources/2024-Q1/bad.xlsx: Requests!A2: \"UK\" is not an ISO 3166-1 country code; use GB for United Kingdom\n1 problem(s) found; nothing was written\n"},
		{name: "a country's name", setup: func(b *bed) { b.workbook(badBook, []any{"Germany", "Court order", nil, 1, 1}) }, want: "sources/2024-Q1/bad.xlsx: Requests!A2: \"Germany\" is not a two-letter country code; use DE\n1 problem(s) found; nothing was written\n"},

		// The folders.
		{name: "named pipe", setup: func(b *bed) {
			if err := syscall.Mkfifo(b.path(badBook), 0o644); err != nil {
				b.t.Skip("no named pipes here:", err)
			}
		}, want: "sources/2024-Q1/bad.xlsx: not a regular file (a named pipe, a socket or a device); a workbook is a file\n1 problem(s) found; nothing was written\n"},
		{name: "symbolic link to a period folder", setup: func(b *bed) {
			b.workbook("elsewhere/2024-Q2/bad.xlsx", good)
			os.Symlink(b.path("elsewhere/2024-Q2"), b.path("sources/2024-Q2"))
		}, want: "sources/2024-Q2: a symbolic link, which the build does not follow; copy the file or folder itself into sources/\n1 problem(s) found; nothing was written\n"},
		{name: "symbolic link to a workbook outside", setup: func(b *bed) {
			os.Symlink(b.workbook("elsewhere/bad.xlsx", good), b.path(badBook))
		}, want: "sources/2024-Q1/bad.xlsx: a symbolic link, which the build does not follow; copy the file or folder itself into sources/\n1 problem(s) found; nothing was written\n"},
		{name: "names differing in case", setup: func(b *bed) {
			b.workbook("sources/"+period+"/BAD.xlsx", good)
			b.workbook(badBook, []any{"DE", "Court order", nil, 1, 1})
		}, want: "sources/2024-Q1/bad.xlsx: same name as BAD.xlsx but for upper and lower case, which Windows and macOS take for one file; rename or remove one\n1 problem(s) found; nothing was written\n"},
		{name: "lock files", setup: func(b *bed) {
			b.write("sources/"+period+"/~$emea.xlsx", "lock")
			b.write("sources/"+period+"/.~lock.emea.xlsx#", "lock")
		}, args: validate, ok: true, want: "ok: 1 files, 2 rows, 1 periods\n"},
		{name: "unreadable workbook", setup: func(b *bed) {
			skipAsRoot(b.t)
			os.Chmod(b.workbook(badBook, good), 0)
		}},
		{name: "unreadable period folder", setup: func(b *bed) {
			skipAsRoot(b.t)
			os.Chmod(b.path("sources/"+period), 0)
		}},
		{name: "broken report.toml", setup: func(b *bed) { b.write("sources/report.toml", "company = \n") }, want: "sources/report.toml: toml: line 1 (last key \"company\"): expected value but found '\\n' instead\n1 problem(s) found; nothing was written\n"},

		// Imports.
		{name: "import: lost line breaks", setup: func(b *bed) {
			b.write("published/bad.csv", "Period,Country,Requests,Accounts 2023-06-30,DE,5,6 2023-06-30,FR,3,3\n")
		}, args: imp("published/bad.csv"), want: "published/bad.csv: row 1: no column \"Accounts\" (for tables[0] (requests).accounts) in the header row, which has \"Period\", \"Country\", \"Requests\", \"Accounts 2023-06-30\", \"DE\", \"5\", \"6 2023-06-30\", \"FR\", \"3\", \"3\"\npublished/bad.csv: row 1: the file is one line of 10 fields: were its line breaks lost?\n2 problem(s) found; nothing was written\n"},
		{name: "import: too few columns", setup: func(b *bed) {
			b.write("published/bad.csv", "Period,Country,Requests,Accounts\n2023-06-30,DE,5\n")
		}, args: imp("published/bad.csv"), want: "published/bad.csv: row 2: the row has 3 fields but the header row has 4\n1 problem(s) found; nothing was written\n"},
		{name: "import: undeclared UTF-16", setup: func(b *bed) {
			var utf16 []byte
			for _, c := range "\ufeff" + goodCSV {
				utf16 = append(utf16, byte(c), byte(c>>8))
			}
			b.write("published/bad.csv", string(utf16))
		}, args: imp("published/bad.csv"), want: "published/bad.csv: line 1: not UTF-8 text; if the file is in another encoding, set encoding (iso-8859-1, utf-16, utf-8, windows-1252) in tables[0] (requests)\n1 problem(s) found; nothing was written\n"},
		{name: "import: undeclared Windows-1252", setup: func(b *bed) {
			b.write("published/bad.csv", "Period,Country,Requests,Accounts\n2023-06-30,C\xf4te d'Ivoire,5,6\n")
		}, args: imp("published/bad.csv"), want: "published/bad.csv: line 2: not UTF-8 text; if the file is in another encoding, set encoding (iso-8859-1, utf-16, utf-8, windows-1252) in tables[0] (requests)\n1 problem(s) found; nothing was written\n"},
		{name: "import: unterminated quote", setup: func(b *bed) {
			b.write("published/bad.csv", "Period,Country,Requests,Accounts\n2023-06-30,\"DE,5,6\n2023-06-30,FR,3,3\n")
		}, args: imp("published/bad.csv"), want: "published/bad.csv: row 2: line 3, character 19: extraneous or missing \" in quoted-field\n1 problem(s) found; nothing was written\n"},
		{name: "import: binary file", setup: func(b *bed) {
			b.write("published/bad.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
		}, args: imp("published/bad.csv"), want: "published/bad.csv: line 1: not UTF-8 text; if the file is in another encoding, set encoding (iso-8859-1, utf-16, utf-8, windows-1252) in tables[0] (requests)\n1 problem(s) found; nothing was written\n"},
		{name: "import: named pipe", setup: func(b *bed) {
			if err := syscall.Mkfifo(b.path("published/bad.csv"), 0o644); err != nil {
				b.t.Skip("no named pipes here:", err)
			}
		}, args: imp("published/bad.csv"), want: "published/bad.csv: not a regular file (a folder, a named pipe or a device)\n1 problem(s) found; nothing was written\n"},
		{name: "import: broken mapping", setup: func(b *bed) {
			b.write("mapping.toml", strings.Replace(importMapping, `team = "imported"`, `team = "imported`, 1))
		}, args: imp("published/good.csv"), want: "mapping.toml: line 1: strings cannot contain newlines\n1 problem(s) found; nothing was written\n"},
		{name: "import: mapping names a missing column", setup: func(b *bed) {
			b.write("mapping.toml", strings.Replace(importMapping, `column = "Accounts"`, `column = "Accounts affected"`, 1))
		}, args: imp("published/good.csv"), want: "published/good.csv: row 1: no column \"Accounts affected\" (for tables[0] (requests).accounts) in the header row, which has \"Period\", \"Country\", \"Requests\", \"Accounts\"\n1 problem(s) found; nothing was written\n"},
		{name: "import: -o at the sources", args: func(b *bed) []string {
			return b.importArgs(b.path("sources"), b.path("published/good.csv"))
		}, want: "generator: import: sources: the folder holds files that import did not write, and import replaces the folder it writes whole; give it a folder of its own, such as tmp/imported\n"},
		{name: "import: -o at /", args: func(b *bed) []string {
			return b.importArgs("/", b.path("published/good.csv"))
		}, want: "generator: import: /: the folder is the root or holds the working folder, and import replaces the folder it writes whole; give it a folder of its own, such as tmp/imported\n"},
		{name: "import: -o at an unrelated folder", args: func(b *bed) []string {
			return b.importArgs(b.path("generated"), b.path("published/good.csv"))
		}, want: "generator: import: generated: the folder holds files that import did not write, and import replaces the folder it writes whole; give it a folder of its own, such as tmp/imported\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			// The outputs are linked, not copied: a command replaces them
			// by renames, and the comparison below reads their content.
			for _, dir := range []string{"data", "generated", "imported"} {
				if out, err := exec.Command("cp", "-al", filepath.Join(base, dir), root).CombinedOutput(); err != nil {
					t.Fatalf("copy: %v\n%s", err, out)
				}
			}
			for _, dir := range []string{"sources", "published", "mapping.toml"} {
				if out, err := exec.Command("cp", "-a", filepath.Join(base, dir), root).CombinedOutput(); err != nil {
					t.Fatalf("copy: %v\n%s", err, out)
				}
			}
			b := &bed{t: t, root: root}
			if tt.setup != nil {
				tt.setup(b)
			}
			args := buildArgs(root)
			if tt.args != nil {
				args = tt.args(b)
			}
			stdout, stderr, err := run(t, args...)
			got := stderr
			if tt.ok {
				got = stdout + stderr
			}
			if err != nil && !errors.Is(err, ErrReported) {
				got += "generator: " + err.Error() + "\n"
			}
			got = strings.ReplaceAll(got, root+string(filepath.Separator), "")
			if (err == nil) != tt.ok {
				t.Errorf("error = %v, want ok %v", err, tt.ok)
			}
			if got != tt.want {
				t.Errorf("output (-want +got):\n%s\ngot: %q", cmp.Diff(tt.want, got), got)
			}
			for _, dir := range []string{"data", "generated", "imported"} {
				if diff := cmp.Diff(kept[dir], testhelp.ReadTree(t, b.path(dir))); diff != "" {
					t.Errorf("%s/ changed:\n%s", dir, diff)
				}
			}
		})
	}
}

// TestOutputFoldersWithTrailingSlash runs import -o DIR/ and build
// -downloads DIR/ end to end: they write what they write without the slash,
// and an import that fails leaves no folder behind.
func TestOutputFoldersWithTrailingSlash(t *testing.T) {
	world := testhelp.NodeModule(t, geo.WorldAtlasFile)
	b := &bed{t: t, root: t.TempDir()}
	b.write("mapping.toml", importMapping)
	good := b.write("published/good.csv", goodCSV)
	bad := b.write("published/bad.csv", "Period,Country,Requests,Accounts\n2023-06-30,DE,5\n")

	out := b.path("imported") + "/"
	if _, stderr, err := run(t, b.importArgs(out, bad)...); !errors.Is(err, ErrReported) {
		t.Fatalf("import of a bad file = %v\n%s", err, stderr)
	}
	if entries, _ := os.ReadDir(b.root); len(entries) != 2 {
		t.Errorf("a failed import left %d entries beside mapping.toml and published/", len(entries)-2)
	}
	for _, dir := range []string{b.path("imported") + "/", b.path("plain")} {
		if _, stderr, err := run(t, b.importArgs(dir, good)...); err != nil {
			t.Fatalf("import -o %s: %v\n%s", dir, err, stderr)
		}
	}
	if diff := cmp.Diff(testhelp.ReadTree(t, b.path("plain")), testhelp.ReadTree(t, b.path("imported"))); diff != "" {
		t.Errorf("import -o DIR/ and -o DIR differ:\n%s", diff)
	}

	sources := b.path("imported")
	for i, dl := range []string{b.path("slash") + "/", b.path("plain-downloads")} {
		charts := []string{b.path("slash-charts") + "/", b.path("plain-charts")}[i]
		_, stderr, err := run(t, "build", "-sources", sources, "-data", b.path("data"), "-downloads", dl, "-charts", charts, "-releases", b.path("releases"),
			"-world", world, "-taxonomy", taxonomyPath, "-i18n", i18nDir)
		if err != nil {
			t.Fatalf("build -downloads %s: %v\n%s", dl, err, stderr)
		}
	}
	if diff := cmp.Diff(testhelp.ReadTree(t, b.path("plain-downloads")), testhelp.ReadTree(t, b.path("slash"))); diff != "" {
		t.Errorf("build -downloads DIR/ and -downloads DIR differ:\n%s", diff)
	}
	if diff := cmp.Diff(testhelp.ReadTree(t, b.path("plain-charts")), testhelp.ReadTree(t, b.path("slash-charts"))); diff != "" {
		t.Errorf("build -charts DIR/ and -charts DIR differ:\n%s", diff)
	}
	entries, _ := os.ReadDir(b.root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// hugo-server.toml, beside the downloads folders: Hugo's server's alias
	// of /downloads/latest/ (both builds write the same).
	if want := []string{"data", "hugo-server.toml", "imported", "mapping.toml", "plain", "plain-charts", "plain-downloads", "published", "slash", "slash-charts"}; !cmp.Equal(names, want) {
		t.Errorf("folders after the commands = %q, want %q (nothing staged left behind)", names, want)
	}
}

// TestFailedBuildKeepsTheSite builds the whole site with Hugo, then fails
// builds on a few of the catalogue's inputs and builds the site again:
// data/, generated/ and public/ are as they were. (The catalogue compares
// data/ and generated/ for every case; Hugo makes public/ from them.)
func TestFailedBuildKeepsTheSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	site := t.TempDir()
	copySite(t, site)
	b := &bed{t: t, root: site}
	b.workbook("sources/"+period+"/emea.xlsx", good)
	build := func() error {
		_, stderr, err := run(t, "build", "-sources", b.path("sources"), "-data", b.path("data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir)
		if err != nil && !errors.Is(err, ErrReported) {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		return err
	}
	if err := build(); err != nil {
		t.Fatal("first build failed")
	}
	hugo(t, site)
	before := map[string]output.Tree{}
	for _, dir := range []string{"data", "generated", "public"} {
		before[dir] = testhelp.ReadTree(t, b.path(dir))
	}

	file := b.workbook(badBook, good)
	b.rezip(file, without(requestsPart), testhelp.ZipEntry{Name: requestsPart, Data: rowsXML(strings.Repeat(" ", 70<<20)), Header: declaring(4096)})
	if err := syscall.Mkfifo(b.path("sources/"+period+"/pipe.xlsx"), 0o644); err != nil {
		t.Log("no named pipes here:", err)
	}
	b.workbook("sources/"+period+"/uk.xlsx", []any{"UK", "Court order", nil, 1, 1})
	if err := build(); err == nil {
		t.Fatal("build of broken sources succeeded")
	}
	hugo(t, site)
	for _, dir := range []string{"data", "generated", "public"} {
		if diff := cmp.Diff(before[dir], testhelp.ReadTree(t, b.path(dir))); diff != "" {
			t.Errorf("%s/ changed after a failed build:\n%s", dir, diff)
		}
	}
}
