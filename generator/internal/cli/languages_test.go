package cli

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// otherLanguages are the site's languages besides English, each in its
// folder of the built site.
func otherLanguages(t *testing.T) []string {
	t.Helper()
	var site struct {
		Languages map[string]any `toml:"languages"`
	}
	if _, err := toml.DecodeFile(filepath.Join(projectRoot, "hugo.toml"), &site); err != nil {
		t.Fatal(err)
	}
	var langs []string
	for lang := range site.Languages {
		if lang != "en" {
			langs = append(langs, lang)
		}
	}
	slices.Sort(langs)
	return langs
}

// sameAsEnglish are, per language, the site's English words that it
// writes the same way.
var sameAsEnglish = map[string][]string{
	"fr": {"Documents", "Licence"},
}

// englishPhrases are the phrases of the site's English words (i18n/en.toml
// the taxonomy's labels and descriptions and the codebook's words) that a page in lang must not
// show: the literal parts between template actions, of two words or more,
// unless the language's own texts use them too (a name such as "National
// Security Letters", a column of the workbook such as "Stored in").
func englishPhrases(t *testing.T, lang string) []string {
	t.Helper()
	read := func(lang string) map[string]any {
		var entries map[string]any
		if _, err := toml.DecodeFile(filepath.Join(projectRoot, "i18n", lang+".toml"), &entries); err != nil {
			t.Fatal(err)
		}
		return entries
	}
	flat := func(v any) string {
		if m, ok := v.(map[string]any); ok {
			var parts []string
			for _, form := range m {
				parts = append(parts, form.(string))
			}
			return strings.Join(parts, "\n")
		}
		return v.(string)
	}
	type pair struct{ en, own string }
	var pairs []pair
	en, own := read("en"), read(lang)
	for key, v := range en {
		pairs = append(pairs, pair{flat(v), flat(own[key])})
	}
	var tax, codebook map[string]any
	if _, err := toml.DecodeFile(filepath.Join(projectRoot, "data", "taxonomy.toml"), &tax); err != nil {
		t.Fatal(err)
	}
	if _, err := toml.DecodeFile(filepath.Join(projectRoot, "generator", "internal", "downloads", "codebook.toml"), &codebook); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if e, ok := v["en"].(string); ok {
				o, _ := v[lang].(string)
				pairs = append(pairs, pair{e, o})
				return
			}
			for _, c := range v {
				walk(c)
			}
		case []map[string]any:
			for _, c := range v {
				walk(c)
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(tax)
	walk(codebook)

	// What the language's own texts say, English names included: its
	// pages, its taxonomy and codebook words and its i18n file.
	var corpus strings.Builder
	for _, p := range pairs {
		if p.own != p.en { // an untranslated text vouches for nothing
			corpus.WriteString(p.own + "\n")
		}
	}
	pages, _ := filepath.Glob(filepath.Join(projectRoot, "content", "*."+lang+".md"))
	more, _ := filepath.Glob(filepath.Join(projectRoot, "content", "*", "*."+lang+".md"))
	for _, f := range append(pages, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		corpus.Write(b)
	}
	// Words the language writes as English does, which no other text of
	// it happens to use.
	for _, w := range sameAsEnglish[lang] {
		corpus.WriteString(w + "\n")
	}
	ownWords := corpus.String()

	split := regexp.MustCompile(`\{\{.*?\}\}|<[^>]*>|[.:;,()“”"?!]`)
	var phrases []string
	for _, p := range pairs {
		for _, part := range split.Split(p.en, -1) {
			part = strings.TrimSpace(part)
			if strings.Contains(ownWords, part) {
				continue
			}
			// A phrase, or a label of one long word ("Requests"), matched
			// as a whole word.
			if words := len(strings.Fields(part)); words < 2 && (part != strings.TrimSpace(p.en) || len(part) < 6) || len(part) < 6 {
				continue
			}
			phrases = append(phrases, part)
		}
	}
	slices.Sort(phrases)
	return slices.Compact(phrases)
}

// pageText is what a reader meets on a page: its text outside scripts and
// styles, and the labels of its attributes (aria-label, alt, title,
// placeholder), with spaces collapsed.
func pageText(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if n.Data == "script" || n.Data == "style" {
				return
			}
			// Text marked as English is meant to be: the data set's title.
			if slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "lang" && strings.HasPrefix(a.Val, "en") }) && n.Data != "html" {
				return
			}
			for _, a := range n.Attr {
				switch a.Key {
				case "aria-label", "alt", "title", "placeholder":
					b.WriteString(" " + a.Val + " ")
				case "content":
					if slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "name" && a.Val == "description" }) {
						b.WriteString(" " + a.Val + " ")
					}
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
			if c.Type == html.ElementNode {
				b.WriteString(" ")
			}
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " ")
}

// checkNoEnglish checks that no page of another language shows an English
// phrase of the site's own words (the sources' notes are the company's,
// in the language it wrote them).
func checkNoEnglish(t *testing.T, public string) {
	t.Helper()
	for _, lang := range otherLanguages(t) {
		phrases := englishPhrases(t, lang)
		if len(phrases) < 300 {
			t.Fatalf("%s: only %d English phrases to look for", lang, len(phrases))
		}
		found := map[string][]string{}
		err := filepath.WalkDir(filepath.Join(public, lang), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
				return err
			}
			text := pageText(t, path)
			for _, p := range phrases {
				if containsWord(text, p) {
					rel, _ := filepath.Rel(public, path)
					found[p] = append(found[p], rel)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range slices.Sorted(maps.Keys(found)) {
			pages := found[p]
			t.Errorf("/%s/: English %q on %d pages, such as %s", lang, p, len(pages), pages[0])
		}
	}
}

// checkCountryFiguresInEveryLanguage: a country's page in each language
// shows the English page's figures, cell for cell, written as the language
// writes numbers (compared by their digits, whatever the digits' script).
func checkCountryFiguresInEveryLanguage(t *testing.T, public string, codes []string) {
	t.Helper()
	cell := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	cells := func(path string) []string {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range cell.FindAllStringSubmatch(string(raw), -1) {
			out = append(out, digitsOf(m[1]))
		}
		return out
	}
	for _, code := range codes {
		page := filepath.Join("countries", strings.ToLower(code), "index.html")
		want := cells(filepath.Join(public, page))
		if len(want) == 0 {
			t.Fatalf("/%s has no figures", page)
		}
		for _, lang := range otherLanguages(t) {
			if got := cells(filepath.Join(public, lang, page)); !slices.Equal(got, want) {
				t.Errorf("/%s/%s: its table cells' figures differ from the English page's (%d cells, English %d)", lang, page, len(got), len(want))
			}
		}
	}
}

// digitsOf are the digits a cell shows, in ASCII, without its markup,
// separators and signs: 12,345 / 12 345 / 12.345 / ١٢٬٣٤٥ are all 12345.
func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range markup.ReplaceAllString(s, "") {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '٠' && r <= '٩': // Arabic-Indic digits
			b.WriteRune('0' + (r - '٠'))
		case r >= '۰' && r <= '۹': // Extended Arabic-Indic digits
			b.WriteRune('0' + (r - '۰'))
		}
	}
	return b.String()
}

// containsWord reports whether text has phrase, not as part of a longer
// word.
func containsWord(text, phrase string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(phrase):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		from = i + 1
	}
}

// TestNetlifyNotFoundPerLanguage: netlify.toml sends a missing page under
// each language's folder to that language's 404 page, with status 404.
func TestNetlifyNotFoundPerLanguage(t *testing.T) {
	type redirect struct {
		From, To string
		Status   int
	}
	var config struct{ Redirects []redirect }
	if _, err := toml.DecodeFile(filepath.Join(projectRoot, "netlify.toml"), &config); err != nil {
		t.Fatal(err)
	}
	for _, lang := range otherLanguages(t) {
		want := redirect{From: "/" + lang + "/*", To: "/" + lang + "/404.html", Status: 404}
		if !slices.Contains(config.Redirects, want) {
			t.Errorf("netlify.toml: no redirect of /%s/* to /%s/404.html with status 404", lang, lang)
		}
	}
}

// TestListsJoinAsTheLanguageDoes builds a report whose countries with the
// most requests end with Italy in one quarter and Hungary in the next, and
// finds each summary's list joined as its language joins one: Spanish
// writes "e" for "y" before the sound "i" (Francia e Italia) but not before
// another (Francia y Hungría); English always "and".
func TestListsJoinAsTheLanguageDoes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	var sources []report.Source
	for _, q := range []struct{ period, last string }{{"2026-Q1", "IT"}, {"2026-Q2", "HU"}} {
		p := testhelp.MustPeriod(t, q.period)
		var rows []report.Row
		for i, code := range []string{"US", "FR", q.last} {
			n := int64(300 - 100*i)
			rows = append(rows, report.Row{Period: p, Country: code, LegalBasis: "court_order", Requests: report.Exactly(n), Accounts: report.Exactly(n)})
		}
		sources = append(sources, report.Source{Period: p, Team: "legal", Rows: rows})
	}
	site := buildSite(t, sources)
	pageShows(t, site, []pageCheck{
		{"es/periods/2026-q1", []string{"Francia (200) e Italia (100)"}, []string{"y Italia"}},
		{"es/periods/2026-q2", []string{"Francia (200) y Hungría (100)"}, []string{"e Hungría"}},
		{"periods/2026-q1", []string{"France (200) and Italy (100)"}, nil},
	})
}
