package taxonomy

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/google/go-cmp/cmp"
)

// TestProjectTaxonomyLanguages checks that every label and description of
// data/taxonomy.toml is given in the same languages, and that these include
// every language hugo.toml builds the site in: a page in a language the
// taxonomy lacks would show its labels in English.
func TestProjectTaxonomyLanguages(t *testing.T) {
	tax, err := Load("../../../data/taxonomy.toml")
	if err != nil {
		t.Fatal(err)
	}
	var site struct {
		Languages map[string]any `toml:"languages"`
	}
	if _, err := toml.DecodeFile("../../../hugo.toml", &site); err != nil {
		t.Fatal(err)
	}
	// Hugo's language keys are case-insensitive; it names them in lower case.
	var siteLangs []string
	for lang := range site.Languages {
		siteLangs = append(siteLangs, strings.ToLower(lang))
	}
	if len(siteLangs) == 0 {
		t.Fatal("hugo.toml has no [languages]")
	}
	want := languages(tax.LegalBases[0].Label)
	for _, lang := range siteLangs {
		if !slices.Contains(want, lang) {
			t.Errorf("legal_bases[0]: label has no %q, a language of hugo.toml", lang)
		}
	}
	for _, g := range tax.groups() {
		for i, e := range g.entries {
			for field, text := range map[string]Text{"label": e.Label, "description": e.Description} {
				where := fmt.Sprintf("%s[%d] (%s): %s", g.name, i, e.Key, field)
				if diff := cmp.Diff(want, languages(text)); diff != "" {
					t.Errorf("%s: languages differ from legal_bases[0].label (-want +got):\n%s", where, diff)
				}
				for lang, s := range text {
					if strings.TrimSpace(s) == "" {
						t.Errorf("%s: %s is empty", where, lang)
					}
				}
			}
		}
	}
}

// languages are the languages text is given in, sorted.
func languages(text Text) []string { return slices.Sorted(maps.Keys(text)) }
