package downloads

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
)

var action = regexp.MustCompile(`\{\{.*?\}\}`)

// TestCodebookLanguages checks that every text of codebook.toml is given in
// every language of the codebook, which include every language hugo.toml
// builds the site in, and that each translation has the template actions
// of the English text, so that it is given the same data.
func TestCodebookLanguages(t *testing.T) {
	book, err := loadCodebook()
	if err != nil {
		t.Fatal(err)
	}
	langs := book.languages()
	var site struct {
		Languages map[string]any `toml:"languages"`
	}
	if _, err := toml.DecodeFile("../../../hugo.toml", &site); err != nil {
		t.Fatal(err)
	}
	for lang := range site.Languages {
		if !slices.Contains(langs, strings.ToLower(lang)) {
			t.Errorf("codebook.toml has no text in %s, a language of hugo.toml", lang)
		}
	}
	for kind, names := range book {
		for name, parts := range names {
			for part, text := range parts {
				where := kind + "." + name + "." + part
				english := action.FindAllString(text["en"], -1)
				for _, lang := range langs {
					s, ok := text[lang]
					if !ok || strings.TrimSpace(s) == "" {
						t.Errorf("%s: no text in %s", where, lang)
						continue
					}
					if diff := cmp.Diff(english, action.FindAllString(s, -1)); diff != "" {
						t.Errorf("%s (%s): template actions differ from English (-en +%s):\n%s", where, lang, lang, diff)
					}
				}
			}
		}
	}
}
