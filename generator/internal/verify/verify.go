// Package verify compares a built site with the one the sources make: every
// cell of every table of every page, every text outside them (a headline's
// figures, a chart's summary), the data of its charts, the map's data
// files, every file of the downloads and the rule that serves the newest
// of them at /downloads/latest/, so that a
// figure changed after the build (by hand, by a stale cache, by a faulty
// step of a deploy) is named by its page and cell.
package verify

import (
	"bytes"
	"cmp"
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
// now: every HTML page's tables, cell by cell, its other texts and its
// charts' data, and every file under downloads/, the host's _redirects
// (where /downloads/latest/ points) and every JSON file (the map's data)
// byte for byte (a CSV cell by cell). A page or file of want that
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
		// _redirects makes /downloads/latest/ the newest release's folder
		// on the host: a wrong rule serves other figures there.
		isDownload := strings.HasPrefix(rel, "downloads/") || rel == "_redirects"
		if !isDownload && !strings.HasSuffix(rel, ".html") && !strings.HasSuffix(rel, ".json") {
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
		case strings.HasSuffix(rel, ".json") && !bytes.Equal(wantBytes, gotBytes):
			at, shown, given := firstDifference(string(gotBytes), string(wantBytes))
			probs.Addf(rel, "", 0, 0, "at character %d: the file has %q, the sources give %q", at, shown, given)
		case !bytes.Equal(wantBytes, gotBytes):
			probs.Addf(rel, "", 0, 0, "differs from the file the sources give (%d bytes built, %d from the sources)", len(gotBytes), len(wantBytes))
		}
		return nil
	})
	return probs, err
}

// table is one HTML table as a reader sees it: its caption and its rows of
// cell texts, the header row included, and each row's header (its
// th scope=row, or its first cell), which names the row in a problem.
type table struct {
	caption string
	rows    [][]string
	heads   []string
}

// chartData is the text of a page's script of JSON data, named by its id,
// or the markup of a chart's drawing (an <svg>, drawn at build time), named
// by its chart and its class.
type chartData struct {
	id, data string
}

// text is a block of a page's text outside its tables (a paragraph, a
// heading, a term or value of a description list), with what names it in a
// problem: the term it gives the value of, or the heading it is under.
type text struct {
	under, text string
}

func comparePage(page string, want, got []byte, probs *problem.List) {
	wantTables, wantTexts, wantData, err := read(want)
	if err != nil {
		probs.Addf(page, "", 0, 0, "the page the sources give cannot be read: %v", err)
		return
	}
	gotTables, gotTexts, gotData, err := read(got)
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
						w.caption, rowHead(w, r), cell(w.rows, 0, c), gv, wv)
				}
			}
		}
	}
	for i := range max(len(wantTexts), len(gotTexts)) {
		w, g := nth(wantTexts, i), nth(gotTexts, i)
		if w.text == g.text {
			continue
		}
		if named++; named <= maxPerPage {
			probs.Addf(page, "", 0, 0, "text under %q: the page shows %q, the sources give %q", cmp.Or(w.under, g.under), g.text, w.text)
		}
		// The texts after one missing or added are all shifted: the
		// first difference is the one to name.
		if len(wantTexts) != len(gotTexts) {
			break
		}
	}
	for i := range max(len(wantData), len(gotData)) {
		w, g := nth(wantData, i), nth(gotData, i)
		if w.data == g.data {
			continue
		}
		if named++; named <= maxPerPage {
			at, shown, given := firstDifference(g.data, w.data)
			probs.Addf(page, "", 0, 0, "chart data %q, at character %d: the page has %q, the sources give %q", cmp.Or(w.id, g.id), at, shown, given)
		}
	}
	if named > maxPerPage {
		probs.Addf(page, "", 0, 0, "…and %d more cells", named-maxPerPage)
	}
}

// firstDifference is where got and want first differ (counted from 1),
// and a few characters of each from a little before it.
func firstDifference(got, want string) (at int, gotPart, wantPart string) {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	part := func(s string) string {
		from, to := max(0, i-20), min(len(s), i+20)
		return strings.ToValidUTF8(s[from:to], "")
	}
	return i + 1, part(got), part(want)
}

// nth is s[i], or the zero value past the end of s.
func nth[T any](s []T, i int) T {
	if i < len(s) {
		return s[i]
	}
	var zero T
	return zero
}

// rowHead names row r of t by its header.
func rowHead(t table, r int) string {
	if r < len(t.heads) {
		return t.heads[r]
	}
	return ""
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

// blocks are the elements whose text is one text of a page; the text of
// the others (links, abbreviations, ...) is part of the block around them.
var blocks = map[string]bool{
	"body": true, "header": true, "main": true, "footer": true, "nav": true, "section": true, "article": true, "aside": true,
	"div": true, "p": true, "li": true, "dt": true, "dd": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"figure": true, "figcaption": true, "details": true, "summary": true, "blockquote": true, "label": true, "button": true, "option": true,
}

// read reads a page's tables (the text of each th and td, spaces
// collapsed, row by row), its texts outside them, in order, its scripts of
// JSON data and its drawings (SVG); other scripts and styles are not text.
func read(page []byte) ([]table, []text, []chartData, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, nil, nil, err
	}
	var tables []table
	var texts []text
	var data []chartData
	var heading, term string
	var walk func(n *html.Node, block *strings.Builder)
	walk = func(n *html.Node, block *strings.Builder) {
		switch {
		case n.Type == html.TextNode && block != nil:
			block.WriteString(n.Data)
			return
		case n.Type != html.ElementNode && n.Type != html.DocumentNode:
			return
		case n.Data == "table":
			tables = append(tables, readTable(n))
			return
		case n.Data == "script" && strings.HasSuffix(attr(n, "type"), "json"):
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				b.WriteString(c.Data)
			}
			data = append(data, chartData{id: attr(n, "id"), data: b.String()})
			return
		case n.Data == "svg":
			id := attr(n, "class")
			if n.Parent != nil && attr(n.Parent, "data-chart") != "" {
				id = attr(n.Parent, "data-chart") + " (" + id + ")"
			}
			data = append(data, chartData{id: id, data: drawingText(n)})
			return
		case n.Data == "script" || n.Data == "style" || n.Data == "template":
			return
		}
		own := block
		if blocks[n.Data] {
			own = &strings.Builder{}
			if block != nil {
				block.WriteString(" ") // a block ends a word of the one around it
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, own)
		}
		if own == block {
			return
		}
		t := strings.Join(strings.Fields(own.String()), " ")
		if t == "" {
			return
		}
		under := heading
		switch n.Data {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			heading = t
		case "dt":
			term = t
		case "dd":
			under = term
		}
		texts = append(texts, text{under: under, text: t})
	}
	walk(doc, nil)
	return tables, texts, data, nil
}

// drawingText is what a drawing (an <svg>) says: its labels and its
// figures' tooltips, each trimmed, in order, one per line. Its geometry is
// left out: a minified page writes the same drawing with other numbers.
func drawingText(svg *html.Node) string {
	var lines []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "text" || n.Data == "title") {
			if t := strings.Join(strings.Fields(cellText(n)), " "); t != "" {
				lines = append(lines, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(svg)
	return strings.Join(lines, "\n")
}

func readTable(t *html.Node) table {
	var tb table
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "caption":
				tb.caption = cellText(n)
				return
			case "tr":
				var row []string
				head := ""
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
						row = append(row, cellText(c))
						if head == "" && c.Data == "th" && attr(c, "scope") == "row" {
							head = row[len(row)-1]
						}
					}
				}
				if head == "" && len(row) > 0 {
					head = row[0]
				}
				tb.rows = append(tb.rows, row)
				tb.heads = append(tb.heads, head)
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

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func cellText(n *html.Node) string {
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
