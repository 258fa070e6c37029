package bench

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestBareRead counts every row of every sheet of every workbook under a
// folder, in subfolders too, and fails on a file that is not a workbook.
func TestBareRead(t *testing.T) {
	dir := t.TempDir()
	for name, rows := range map[string]int{"2026-Q1/a.xlsx": 3, "2026-Q2/b.xlsx": 5} {
		f := excelize.NewFile()
		if _, err := f.NewSheet("Second"); err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= rows; i++ {
			for _, sheet := range []string{"Sheet1", "Second"} {
				if err := f.SetCellValue(sheet, "A"+string(rune('0'+i)), i); err != nil {
					t.Fatal(err)
				}
			}
		}
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "report.toml"), []byte("company = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := BareRead(dir)
	if err != nil || got != 2*(3+5) {
		t.Errorf("BareRead = %d, %v; want 16 rows", got, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.xlsx"), []byte("not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := BareRead(dir); err == nil {
		t.Error("BareRead read a file that is not a workbook without an error")
	}
}

// TestFloorSite writes as many pages as asked, each a content file.
func TestFloorSite(t *testing.T) {
	dir := t.TempDir()
	if err := writeFloorSite(dir, 7); err != nil {
		t.Fatal(err)
	}
	pages, _, err := count(filepath.Join(dir, "content", "p"), ".md")
	if err != nil || pages != 7+1 { // and the section's _index.md
		t.Errorf("%d content files, %v; want 8", pages, err)
	}
}
