// Package translations reads the site's Hugo translation files (i18n/LANG.toml)
// so that the few words the generator writes into chart options (period
// names, series names) come from the same place as the templates' words.
package translations

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/transparency-report/site/generator/internal/countries"
)

// DefaultLanguage is the site's default language (hugo.toml's
// defaultContentLanguage): its words are the downloads' and the fallback of
// every other language.
const DefaultLanguage = "en"

// DefaultDir is the site's translation folder, relative to the project root.
const DefaultDir = "i18n"

// Set is one language's translations.
type Set struct {
	lang  string
	texts map[string]string
}

// Load reads dir/LANG.toml. Entries are either `key = "text"` or Hugo's
// plural form `[key] other = "text"` (the "other" form is used).
func Load(dir, lang string) (*Set, error) {
	path := filepath.Join(dir, lang+".toml")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read translations: %w", err)
	}
	var entries map[string]any
	if err := toml.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	s := &Set{lang: lang, texts: make(map[string]string, len(entries))}
	for key, v := range entries {
		switch v := v.(type) {
		case string:
			s.texts[key] = v
		case map[string]any:
			if other, ok := v["other"].(string); ok {
				s.texts[key] = other
			}
		}
	}
	return s, nil
}

// Lang is the set's language code.
func (s *Set) Lang() string { return s.lang }

// T renders the translation of key with data, as Hugo's T function does.
func (s *Set) T(key string, data any) (string, error) {
	text, ok := s.texts[key]
	if !ok {
		return "", fmt.Errorf("translation %q missing from i18n/%s.toml", key, s.lang)
	}
	tmpl, err := template.New(key).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", fmt.Errorf("translation %q: %w", key, err)
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("translation %q: %w", key, err)
	}
	return b.String(), nil
}

// CountryName is the name the site gives a requester in the set's
// language: CLDR's, or the translation of the code's countries.NameKey
// (ZZ's "Worldwide / not by country").
func (s *Set) CountryName(code string) (string, error) {
	if key, ok := countries.NameKey(code); ok {
		return s.T(key, nil)
	}
	return countries.Name(code, s.lang), nil
}

// LoadAll reads every dir/LANG.toml: the site's languages are the languages
// it has translations for. It returns the sets by language and the sorted
// language codes.
func LoadAll(dir string) (map[string]*Set, []string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		return nil, nil, fmt.Errorf("list translations: %w", err)
	}
	if len(files) == 0 {
		return nil, nil, fmt.Errorf("no translations in %s", dir)
	}
	sets := map[string]*Set{}
	var langs []string
	for _, f := range files { // Glob sorts
		lang := strings.TrimSuffix(filepath.Base(f), ".toml")
		s, err := Load(dir, lang)
		if err != nil {
			return nil, nil, err
		}
		sets[lang] = s
		langs = append(langs, lang)
	}
	return sets, langs, nil
}
