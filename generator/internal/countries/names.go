package countries

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/transparency-report/site/generator/internal/npm"
)

// CLDRFolder is the folder of CLDR's locales inside node_modules: the npm
// package cldr-localenames-full, pinned in package-lock.json, holds
// main/<locale>/territories.json for every locale of the CLDR release.
const CLDRFolder = "cldr-localenames-full/main"

// territories is what a locale's territories.json holds: the standard name
// of each code ("TR": "Türkiye") and its other forms, keyed "TR-alt-variant"
// ("Turkey") or "HK-alt-short" ("Hong Kong").
type territories struct {
	Main map[string]struct {
		LocaleDisplayNames struct {
			Territories map[string]string `json:"territories"`
		} `json:"localeDisplayNames"`
	} `json:"main"`
}

// localeNames are one language's names of codes.
type localeNames struct {
	standard map[string]string   // the name a page shows
	others   map[string][]string // -alt-short and -alt-variant forms, sorted
}

// loaded holds the names read so far, by language as asked for ("pt-BR"),
// and ByName's lookup: reading a locale takes a few milliseconds, and a
// build names every country on every page.
var loaded = struct {
	sync.Mutex
	dir    string // CLDRFolder, once found
	byLang map[string]*localeNames
	lookup map[string]string // folded name → code, "" where ambiguous
}{byLang: map[string]*localeNames{}}

// Load reads CLDR's names in English and in langs, and makes ByName accept
// the names of those languages. The names are read from node_modules,
// found from the working folder up as Node finds packages, where `npm ci`
// installs cldr-localenames-full.
//
// Name and ByName load what they need when first called, and panic if
// they cannot: the commands call Load first, so that a missing package or
// an unknown language is an error that says what to do.
func Load(langs ...string) error {
	langs = append([]string{"en"}, langs...)
	tables := make([]*localeNames, len(langs))
	for i, lang := range langs {
		t, err := namesIn(lang)
		if err != nil {
			return err
		}
		tables[i] = t
	}
	lookup := nameLookup(langs, tables)
	loaded.Lock()
	defer loaded.Unlock()
	loaded.lookup = lookup
	return nil
}

// Name is CLDR's name of the code in the given language ("en", "de",
// "pt-BR", ...): its standard name, never a short form ("Hong Kong SAR
// China", not "Hong Kong"). For a code with a NameKey, the site uses its
// translation instead. A code CLDR does not name is given as it is.
func Name(code, lang string) string {
	t, err := namesIn(lang)
	if err != nil {
		panic(err)
	}
	if name, ok := t.standard[code]; ok {
		return name
	}
	return code
}

// ByName finds a code by a name as published in reports ("Germany",
// "Türkiye", "Czechia", "United Nations"): CLDR's current name in any of
// the languages loaded (see Load; English alone without it), its short and
// variant forms ("Turkey", "Czech Republic", "Hong Kong"), or the older
// name of x/text's CLDR 32 ("Swaziland", "Macedonia"). A name that two
// codes share at the same rank is ambiguous and finds neither.
//
// No name reaches ZZ but CLDR's own, "Unknown Region": a row named
// "Worldwide" or "Total" is often the sum of the rows beside it, which only
// the one who maps a report can tell from a remainder, so a mapping names
// ZZ in its values.
func ByName(name string) (string, bool) {
	loaded.Lock()
	lookup := loaded.lookup
	loaded.Unlock()
	if lookup == nil {
		if err := Load(); err != nil {
			panic(err)
		}
		return ByName(name)
	}
	code := lookup[fold(name)]
	return code, code != ""
}

// nameLookup maps the folded names of every code to the code, in three
// ranks: current standard names, then their other forms, then x/text's
// older names. A name keeps the code of its first rank; two codes with the
// same name in one rank leave it to neither.
func nameLookup(langs []string, tables []*localeNames) map[string]string {
	codes := All()
	lookup, rank := map[string]string{}, map[string]string{}
	add := func(name, code string) {
		key := fold(name)
		if _, earlier := lookup[key]; earlier {
			return
		}
		if other, ok := rank[key]; ok && other != code {
			code = ""
		}
		rank[key] = code
	}
	nextRank := func() {
		maps.Copy(lookup, rank)
		clear(rank)
	}
	for _, t := range tables {
		for _, code := range codes {
			if name, ok := t.standard[code]; ok {
				add(name, code)
			}
		}
	}
	nextRank()
	for _, t := range tables {
		for _, code := range codes {
			for _, name := range t.others[code] {
				add(name, code)
			}
		}
	}
	nextRank()
	for _, lang := range langs {
		older := display.Regions(language.Make(lang))
		for _, code := range codes {
			if r, err := language.ParseRegion(code); err == nil && older.Name(r) != "" {
				add(older.Name(r), code)
			}
		}
	}
	nextRank()
	return lookup
}

// namesIn returns the names of lang, reading them on first use.
func namesIn(lang string) (*localeNames, error) {
	loaded.Lock()
	defer loaded.Unlock()
	if t, ok := loaded.byLang[lang]; ok {
		return t, nil
	}
	if loaded.dir == "" {
		dir, err := npm.Find(".", CLDRFolder)
		if err != nil {
			return nil, fmt.Errorf("names of countries: %w", err)
		}
		loaded.dir = dir
	}
	t, err := readLocale(loaded.dir, lang)
	if err != nil {
		return nil, fmt.Errorf("names of countries: %w", err)
	}
	loaded.byLang[lang] = t
	return t, nil
}

// readLocale reads the names of the CLDR locale nearest to lang: lang
// itself or its parent. CLDR has no "pt-BR", since Brazilian Portuguese is
// its "pt" (European Portuguese is "pt-PT"); each locale's file holds every
// name, inherited ones included.
func readLocale(dir, lang string) (*localeNames, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("%q is not a language tag", lang)
	}
	for locale := tag.String(); ; {
		raw, err := os.ReadFile(filepath.Join(dir, locale, "territories.json"))
		if err == nil {
			return decodeLocale(raw, locale)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		i := strings.LastIndex(locale, "-")
		if i < 0 {
			return nil, fmt.Errorf("CLDR has no names in %s: no node_modules/%s/%s/territories.json", lang, CLDRFolder, tag)
		}
		locale = locale[:i]
	}
}

func decodeLocale(raw []byte, locale string) (*localeNames, error) {
	var file territories
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("%s/territories.json: %w", locale, err)
	}
	t := &localeNames{standard: map[string]string{}, others: map[string][]string{}}
	for key, name := range file.Main[locale].LocaleDisplayNames.Territories {
		if code, _, alt := strings.Cut(key, "-alt-"); alt {
			t.others[code] = append(t.others[code], name)
		} else {
			t.standard[key] = name
		}
	}
	if len(t.standard) == 0 {
		return nil, fmt.Errorf("%s/territories.json names no territory", locale)
	}
	for _, names := range t.others {
		slices.Sort(names)
	}
	return t, nil
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
