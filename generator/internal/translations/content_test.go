package translations

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// translatedParams are the front matter keys whose values are words of the
// page's language; every other key (layout, type, weight, outputs) shapes
// the page and must be the same in every language.
var translatedParams = []string{"title", "description"}

// siteWide are the front matter keys of an English page that make a file of
// the whole site rather than of the page, which its translations leave out:
// the home page's outputs add the host's /_redirects, one per site, at its
// root (layouts/home.redirects).
var siteWide = map[string][]string{"content/_index.md": {"outputs"}}

var shortcode = regexp.MustCompile(`\{\{<.*?>\}\}`)

// TestContentTranslations checks the pages of content/ against their
// translations, which Hugo finds by name (methodology.fr.md beside
// methodology.md): every English page has one in every language that
// content/ or hugo.toml has, each with the same front matter keys, the same
// values for the keys that are not words, and the same shortcodes. A
// translation into a language hugo.toml does not configure must be ignored
// by its ignoreFiles (Hugo would build it as an English page), and one into
// a configured language must not be.
func TestContentTranslations(t *testing.T) {
	const project = "../../.."
	var site struct {
		Languages   map[string]any `toml:"languages"`
		IgnoreFiles []string       `toml:"ignoreFiles"`
	}
	if _, err := toml.DecodeFile(filepath.Join(project, "hugo.toml"), &site); err != nil {
		t.Fatal(err)
	}
	configured := map[string]bool{}
	for lang := range site.Languages {
		configured[strings.ToLower(lang)] = true // Hugo's keys are lower case
	}
	langs := maps.Clone(configured)
	var ignore []*regexp.Regexp
	for _, pattern := range site.IgnoreFiles {
		ignore = append(ignore, regexp.MustCompile(pattern))
	}
	pages := map[string]map[string]page{} // English path, then language
	err := filepath.WalkDir(filepath.Join(project, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		rel, err := filepath.Rel(project, path)
		if err != nil {
			return err
		}
		stem, lang := strings.TrimSuffix(rel, ".md"), "en"
		if ext := filepath.Ext(stem); ext != "" {
			stem, lang = strings.TrimSuffix(stem, ext), ext[1:]
		}
		p, err := readPage(project, rel)
		if err != nil {
			t.Error(err)
			return nil
		}
		english := stem + ".md"
		if pages[english] == nil {
			pages[english] = map[string]page{}
		}
		pages[english][lang] = p
		langs[lang] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, english := range slices.Sorted(maps.Keys(pages)) {
		en, ok := pages[english]["en"]
		if !ok {
			t.Errorf("%s: translated, but there is no English page", english)
			continue
		}
		for _, lang := range slices.Sorted(maps.Keys(langs)) {
			name := strings.TrimSuffix(english, ".md") + "." + lang + ".md"
			t.Run(strings.TrimPrefix(name, "content/"), func(t *testing.T) {
				if lang == "en" {
					t.SkipNow()
				}
				tr, ok := pages[english][lang]
				if !ok {
					t.Fatalf("missing: the translation of %s", english)
				}
				ignored := slices.ContainsFunc(ignore, func(re *regexp.Regexp) bool { return re.MatchString(name) })
				switch {
				case configured[lang] && ignored:
					t.Errorf("hugo.toml configures %s, but its ignoreFiles ignore this page", lang)
				case !configured[lang] && !ignored:
					t.Errorf("hugo.toml neither configures %s nor ignores this page: Hugo would build it as an English page", lang)
				}
				enKeys := slices.DeleteFunc(slices.Sorted(maps.Keys(en.params)), func(k string) bool { return slices.Contains(siteWide[english], k) })
				if diff := cmp.Diff(enKeys, slices.Sorted(maps.Keys(tr.params))); diff != "" {
					t.Errorf("front matter keys differ from %s (-English +%s):\n%s", english, lang, diff)
				}
				for key, v := range en.params {
					switch {
					case slices.Contains(siteWide[english], key):
						// Only the English page has it (see siteWide).
					case slices.Contains(translatedParams, key):
						if s, _ := tr.params[key].(string); strings.TrimSpace(s) == "" {
							t.Errorf("%s is empty", key)
						}
					case !cmp.Equal(v, tr.params[key]):
						t.Errorf("%s is %v, not %v as in %s", key, tr.params[key], v, english)
					}
				}
				if diff := cmp.Diff(en.shortcodes, tr.shortcodes); diff != "" {
					t.Errorf("shortcodes differ from %s (-English +%s):\n%s", english, lang, diff)
				}
			})
		}
	}
}

// page is what TestContentTranslations compares of a content file.
type page struct {
	params     map[string]any
	shortcodes []string // sorted
}

// readPage reads the content file at path, relative to project.
func readPage(project, path string) (page, error) {
	raw, err := os.ReadFile(filepath.Join(project, path))
	if err != nil {
		return page{}, err
	}
	front, body, ok := bytes.Cut(bytes.TrimPrefix(raw, []byte("---\n")), []byte("\n---\n"))
	if !ok || !bytes.HasPrefix(raw, []byte("---\n")) {
		return page{}, &os.PathError{Op: "read front matter", Path: path, Err: os.ErrInvalid}
	}
	p := page{}
	if err := yaml.Unmarshal(front, &p.params); err != nil {
		return page{}, &os.PathError{Op: "parse front matter", Path: path, Err: err}
	}
	for _, m := range shortcode.FindAll(body, -1) {
		p.shortcodes = append(p.shortcodes, string(m))
	}
	slices.Sort(p.shortcodes)
	return p, nil
}
