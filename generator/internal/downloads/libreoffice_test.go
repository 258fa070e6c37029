package downloads_test

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// libreOfficeCSV is LibreOffice's CSV import filter set to be as eager as a
// spreadsheet program can be: comma-separated UTF-8 from line 1, special
// numbers detected and, token 13, formulas evaluated. Older versions that
// lack the token evaluate formulas anyway.
const libreOfficeCSV = "CSV:44,34,76,1,,0,false,true,false,false,false,false,true"

// convertWithLibreOffice opens CSV files in LibreOffice Calc, headless, and
// saves them as workbooks, so that the test reads back what a person would
// see. It skips when soffice is missing on a developer's machine; in CI
// (CI set), scripts/install-test-deps.sh installs it and its absence fails.
func convertWithLibreOffice(t *testing.T, files map[string][]byte) map[string]*excelize.File {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "" {
			t.Skip("soffice (Debian's libreoffice-calc) is not installed; scripts/install-test-deps.sh installs it")
		}
		t.Fatal("soffice is not installed: scripts/install-test-deps.sh should have installed libreoffice-calc")
	}
	dir := t.TempDir()
	args := []string{
		"-env:UserInstallation=" + (&url.URL{Scheme: "file", Path: filepath.Join(dir, "profile")}).String(),
		"--headless", "--norestore", "--infilter=" + libreOfficeCSV, "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "out"),
	}
	for name, data := range files {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, file)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	books := map[string]*excelize.File{}
	for name := range files {
		book, err := excelize.OpenFile(filepath.Join(dir, "out", strings.TrimSuffix(name, ".csv")+".xlsx"))
		if err != nil {
			t.Fatalf("LibreOffice did not convert %s: %v", name, err)
		}
		t.Cleanup(func() { book.Close() })
		books[name] = book
	}
	return books
}

// cell finds the first cell whose shown text contains substr.
func cell(t *testing.T, book *excelize.File, substr string) (string, string) {
	t.Helper()
	sheet := book.GetSheetList()[0]
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, v := range row {
			if strings.Contains(v, substr) {
				name, _ := excelize.CoordinatesToCellName(j+1, i+1)
				return name, v
			}
		}
	}
	return "", ""
}

func formulas(t *testing.T, book *excelize.File) []string {
	t.Helper()
	sheet := book.GetSheetList()[0]
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, row := range rows {
		for j := range row {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if f, err := book.GetCellFormula(sheet, name); err == nil && f != "" {
				out = append(out, name+": ="+f)
			}
		}
	}
	return out
}

// TestCSVIsInertInLibreOffice opens the fixture's CSV files, whose notes try
// formula injection, in LibreOffice: no cell may become a formula, the note
// reads back as plain text, and numbers stay numbers. A control file with
// the same note left raw must become a formula, or the test proves nothing.
func TestCSVIsInertInLibreOffice(t *testing.T) {
	rel := build(t, fixture(t))
	control := "text,count\n\"" + strings.ReplaceAll(hyperlinkNote, `"`, `""`) + "\",-5\n"
	books := convertWithLibreOffice(t, map[string][]byte{
		"requests.csv":          rel.Files["requests.csv"],
		"national-security.csv": rel.Files["national-security.csv"],
		"control.csv":           []byte(control),
	})

	if len(formulas(t, books["control.csv"])) == 0 {
		t.Fatal("LibreOffice did not make a formula of the raw control note; the test cannot tell inert from injected")
	}
	for _, name := range []string{"requests.csv", "national-security.csv"} {
		if f := formulas(t, books[name]); len(f) > 0 {
			t.Errorf("%s: LibreOffice made formulas: %v", name, f)
		}
	}

	// Every note reads back as the CSV's plain text, apostrophe included.
	book := books["requests.csv"]
	sheet := book.GetSheetList()[0]
	for i, r := range parseCSV(t, "requests.csv", rel.Files["requests.csv"]) {
		name, _ := excelize.CoordinatesToCellName(24, i+2) // column X: notes
		got, err := book.GetCellValue(sheet, name)
		if err != nil {
			t.Fatal(err)
		}
		if got != r["notes"] {
			t.Errorf("%s reads %q, want %q", name, got, r["notes"])
		}
		if typ, _ := book.GetCellType(sheet, name); got != "" && typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("%s %q is cell type %v, want text", name, got, typ)
		}
	}
	if h, _ := book.GetCellValue(sheet, "X1"); h != "notes" {
		t.Errorf("X1 = %q, want the notes header", h)
	}
	for _, note := range []string{hyperlinkNote, minusNote, atNote} {
		if name, _ := cell(t, book, "'"+note); name == "" {
			t.Errorf("no cell shows %q as text", "'"+note)
		}
	}
	// Numbers stay numbers: the requests of the row with the hyperlink note.
	name, _ := cell(t, book, hyperlinkNote)
	_, row, _ := excelize.CellNameToCoordinates(name)
	requests, _ := excelize.CoordinatesToCellName(11, row) // column K: requests
	if typ, _ := book.GetCellType(sheet, requests); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("%s is cell type %v, want a number", requests, typ)
	}
	if v, _ := book.GetCellValue(sheet, requests); v != "13" {
		t.Errorf("%s = %q, want 13", requests, v)
	}
	if h, _ := book.GetCellValue(sheet, "K1"); h != "requests" {
		t.Errorf("K1 = %q, want the requests header", h)
	}
}
