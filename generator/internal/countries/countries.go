// Package countries names countries and territories by their ISO 3166-1
// alpha-2 code, with names taken from CLDR (golang.org/x/text), never from a
// hand-typed list.
package countries

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Kosovo has no ISO 3166-1 code; CLDR and most reports use the user-assigned XK.
const Kosovo = "XK"

// withdrawn are codes CLDR still parses but ISO 3166-1 has withdrawn: the
// Netherlands Antilles, Serbia and Montenegro, the Soviet Union, Yugoslavia
// and the Neutral Zone.
var withdrawn = map[string]bool{"AN": true, "CS": true, "SU": true, "YU": true, "NT": true}

// Valid reports whether code is an ISO 3166-1 alpha-2 country code or XK.
func Valid(code string) bool {
	_, err := Canonical(code)
	return err == nil
}

// commonCodes are codes that are not ISO 3166-1 but are often typed for
// one that is: UK (used by the EU and in .uk) and EL (the EU's code for
// Greece).
var commonCodes = map[string]string{"UK": "GB", "EL": "GR"}

// Canonical upper-cases and checks a code, returning an error that quotes
// it as typed and, where it can, says which code to use instead.
func Canonical(code string) (string, error) {
	typed := strings.TrimSpace(code)
	code = strings.ToUpper(typed)
	if code == Kosovo {
		return code, nil
	}
	if len(code) != 2 {
		if c, ok := ByName(typed); ok {
			return "", fmt.Errorf("%q is not a two-letter country code; use %s", typed, c)
		}
		return "", fmt.Errorf("%q is not a two-letter country code", typed)
	}
	if c, ok := commonCodes[code]; ok {
		return "", fmt.Errorf("%q is not an ISO 3166-1 country code; use %s for %s", typed, c, Name(c, "en"))
	}
	r, err := language.ParseRegion(code)
	// M49 is zero for CLDR's extra territories (AC, CP, DG, EA, IC, TA) and
	// Canonicalize maps aliases such as UK to GB.
	if err != nil || !r.IsCountry() || r.M49() == 0 || r.Canonicalize().String() != code || withdrawn[code] {
		return "", fmt.Errorf("%q is not an ISO 3166-1 country code", typed)
	}
	return code, nil
}

// Name is the CLDR name of the country in the given language ("en", "de", ...).
func Name(code, lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(tag).Name(r); name != "" {
		return name
	}
	return code
}

// Names returns the country's name in each language, keyed by language code.
func Names(code string, langs []string) map[string]string {
	out := make(map[string]string, len(langs))
	for _, l := range langs {
		out[l] = Name(code, l)
	}
	return out
}

// FromNumeric converts an ISO 3166-1 numeric code ("276") to alpha-2 ("DE").
func FromNumeric(numeric string) (string, bool) {
	r, err := language.ParseRegion(numeric)
	if err != nil || !r.IsCountry() {
		return "", false
	}
	return r.String(), true
}

// All returns every valid alpha-2 code known to CLDR, plus XK, sorted. It
// feeds the country drop-down of the spreadsheet template.
func All() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if Valid(code) {
				out = append(out, code)
			}
		}
	}
	if !slices.Contains(out, Kosovo) {
		out = append(out, Kosovo)
		slices.Sort(out)
	}
	return out
}

// ByName finds a code by an English name as published in reports
// ("Germany", "Türkiye", "Czechia"), using CLDR's names.
func ByName(name string) (string, bool) {
	code, ok := codesByName()[fold(name)]
	return code, ok
}

var (
	byNameOnce sync.Once
	byName     map[string]string
)

// codesByName maps each folded English name to its code, made once: a
// column of names typed for codes asks for every row.
func codesByName() map[string]string {
	byNameOnce.Do(func() {
		byName = map[string]string{}
		for _, code := range All() {
			byName[fold(Name(code, "en"))] = code
		}
	})
	return byName
}

func fold(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
