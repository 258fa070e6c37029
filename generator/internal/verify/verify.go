// Package verify compares a built site with the one the sources make: every
// cell of every table of every page, and every file of the downloads, so
// that a figure changed after the build (by hand, by a stale cache, by a
// faulty step of a deploy) is named by its page and cell.
package verify

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"

	"github.com/transparency-report/site/generator/internal/problem"
)

// maxPerPage bounds the cells named per page: a page wholly wrong says so
// in a few lines rather than thousands.
const maxPerPage = 5

// Sites compares the built site in got with want, the site the sources make
// now: every HTML page's tables, cell by cell, and every file under
// downloads/ byte for byte (a CSV cell by cell). A page or file of want that
// got lacks is a problem too; got may have more (other builds' leftovers are
// not figures).
func Sites(want, got string) (problem.List, error) {
	var probs problem.List
	err := filepath.WalkDir(want, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		rel = filepath.ToSlash(rel)
		isDownload := strings.HasPrefix(rel, "downloads/")
		if !isDownload && !strings.HasSuffix(rel, ".html") {
			return nil
		}
		wantBytes, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		gotBytes, err := os.ReadFile(filepath.Join(got, filepath.FromSlash(rel)))
		if err != nil {
			probs.Addf(rel, "", 0, 0, "missing from the built site: the sources give it")
			return nil
		}
		switch {
		case strings.HasSuffix(rel, ".html"):
			comparePage(rel, wantBytes, gotBytes, &probs)
		case strings.HasSuffix(rel, ".csv"):
			compareCSV(rel, wantBytes, gotBytes, &probs)
		case !bytes.Equal(wantBytes, gotBytes):
			probs.Addf(rel, "", 0, 0, "differs from the file the sources give (%d bytes built, %d from the sources)", len(gotBytes), len(wantBytes))
		}
		return nil
	})
	return probs, err
}

// table is one HTML table as a reader sees it: its caption and its rows of
// cell texts, the header row included.
type table struct {
	caption string
	rows    [][]string
}

func comparePage(page string, want, got []byte, probs *problem.List) {
	wantTables, err := tables(want)
	if err != nil {
		probs.Addf(page, "", 0, 0, "the page the sources give cannot be read: %v", err)
		return
	}
	gotTables, err := tables(got)
	if err != nil {
		probs.Addf(page, "", 0, 0, "cannot be read: %v", err)
		return
	}
	if len(gotTables) != len(wantTables) {
		probs.Addf(page, "", 0, 0, "has %d tables; the sources give %d", len(gotTables), len(wantTables))
		return
	}
	named := 0
	for i, w := range wantTables {
		g := gotTables[i]
		for r := range max(len(w.rows), len(g.rows)) {
			for c := range max(rowLen(w.rows, r), rowLen(g.rows, r)) {
				wv, gv := cell(w.rows, r, c), cell(g.rows, r, c)
				if wv == gv {
					continue
				}
				if named++; named <= maxPerPage {
					probs.Addf(page, "", 0, 0, "table %q, row %q, column %q: the page shows %q, the sources give %q",
						w.caption, cell(w.rows, r, 0), cell(w.rows, 0, c), gv, wv)
				}
			}
		}
	}
	if named > maxPerPage {
		probs.Addf(page, "", 0, 0, "…and %d more cells", named-maxPerPage)
	}
}

func rowLen(rows [][]string, r int) int {
	if r < len(rows) {
		return len(rows[r])
	}
	return 0
}

func cell(rows [][]string, r, c int) string {
	if r < len(rows) && c < len(rows[r]) {
		return rows[r][c]
	}
	return ""
}

// tables reads a page's tables: the text of each th and td, spaces
// collapsed, row by row.
func tables(page []byte) ([]table, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	var out []table
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "table" {
			out = append(out, readTable(n))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out, nil
}

func readTable(t *html.Node) table {
	var tb table
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "caption":
				tb.caption = text(n)
				return
			case "tr":
				var row []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						row = append(row, text(c))
					}
				}
				tb.rows = append(tb.rows, row)
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(t)
	return tb
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// compareCSV names the first cells of a download that differ, by row and
// column header; the file's checksum, in SHA256SUMS, differs too.
func compareCSV(file string, want, got []byte, probs *problem.List) {
	if bytes.Equal(want, got) {
		return
	}
	wantRows, err := csv.NewReader(bytes.NewReader(want)).ReadAll()
	if err != nil {
		probs.Addf(file, "", 0, 0, "the file the sources give cannot be read: %v", err)
		return
	}
	gotRows, err := csv.NewReader(bytes.NewReader(got)).ReadAll()
	if err != nil {
		probs.Addf(file, "", 0, 0, "cannot be read as CSV: %v", err)
		return
	}
	named := 0
	for r := range max(len(wantRows), len(gotRows)) {
		for c := range max(rowLen(wantRows, r), rowLen(gotRows, r)) {
			wv, gv := cell(wantRows, r, c), cell(gotRows, r, c)
			if wv == gv {
				continue
			}
			if named++; named <= maxPerPage {
				probs.Addf(file, "", r+1, 0, "column %q: the file holds %q, the sources give %q", cell(wantRows, 0, c), gv, wv)
			}
		}
	}
	if named > maxPerPage {
		probs.Addf(file, "", 0, 0, "…and %d more cells", named-maxPerPage)
	}
}
