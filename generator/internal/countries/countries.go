// Package countries names the requesters of a report, by code, with names
// taken from Unicode's CLDR, never from a hand-typed list: the countries and
// territories by their ISO 3166-1 alpha-2 code (XK for Kosovo), and the few
// CLDR codes that are not countries but can stand where a report names one
// (NotByCountry, UnitedNations, EuropeanUnion; see Kind).
//
// Codes are parsed and checked with golang.org/x/text, whose tables know
// every code. Its names are CLDR 32's, of 2017 ("Turkey", "Swaziland"), so
// the names the site shows come from CLDR's current JSON release instead,
// read at build time from the npm package cldr-localenames-full (see
// Load); x/text's older names are still accepted by ByName.
package countries

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Kosovo has no ISO 3166-1 code; CLDR and most reports use the user-assigned XK.
const Kosovo = "XK"

// withdrawn are codes CLDR still parses but ISO 3166-1 has withdrawn: the
// Netherlands Antilles, Serbia and Montenegro, the Soviet Union, Yugoslavia
// and the Neutral Zone.
var withdrawn = map[string]bool{"AN": true, "CS": true, "SU": true, "YU": true, "NT": true}

// CLDR's codes for requesters that are not countries.
const (
	// NotByCountry is CLDR's "unknown region": the figures a report gives
	// for the whole world, or for what it does not break down by country
	// (a "rest of the world"). The site's name for it is its own, from the
	// translations (NameKey), not CLDR's.
	NotByCountry = "ZZ"
	// UnitedNations and EuropeanUnion are international organisations
	// whose bodies make requests of their own (a UN tribunal, Europol).
	UnitedNations = "UN"
	EuropeanUnion = "EU"
)

// Of CLDR's other codes that are not countries, none is a requester: EZ (the
// eurozone) is a currency area and QO (outlying Oceania) a group of
// territories, neither of them an authority that makes requests; the
// numeric macro-regions (001 World, 150 Europe) are not codes a report
// writes for a requester, and the world's figures not broken down by country
// are ZZ's.

// Kind tells a country from a requester that is not one.
type Kind int

const (
	Country      Kind = iota // a country or territory: ISO 3166-1, or XK
	Organisation             // an international organisation: UN, EU
	Unattributed             // not by country: ZZ
)

// String names the kind as the view's data does: country, organisation or
// not_by_country.
func (k Kind) String() string {
	switch k {
	case Organisation:
		return "organisation"
	case Unattributed:
		return "not_by_country"
	}
	return "country"
}

// nonCountries are the requesters that are not countries.
var nonCountries = map[string]Kind{NotByCountry: Unattributed, UnitedNations: Organisation, EuropeanUnion: Organisation}

// KindOf is the kind of a valid code.
func KindOf(code string) Kind {
	if k, ok := nonCountries[code]; ok {
		return k
	}
	return Country
}

// IsCountry reports whether a valid code names a country or territory,
// which the map can draw and ranks count, rather than an organisation or
// figures not broken down by country.
func IsCountry(code string) bool { return KindOf(code) == Country }

// NameKey is the translation key of the name the site gives a code instead
// of CLDR's, if it has one: CLDR calls ZZ "Unknown Region", but a report's
// ZZ row is known, only not broken down by country.
func NameKey(code string) (string, bool) {
	if code == NotByCountry {
		return "requester_not_by_country", true
	}
	return "", false
}

// Valid reports whether code is an ISO 3166-1 alpha-2 country code, XK, or
// one of the requesters that are not countries (ZZ, UN, EU).
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
	if _, ok := nonCountries[code]; ok || code == Kosovo {
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

// FromNumeric converts an ISO 3166-1 numeric code ("276") to alpha-2 ("DE").
func FromNumeric(numeric string) (string, bool) {
	r, err := language.ParseRegion(numeric)
	if err != nil || !r.IsCountry() {
		return "", false
	}
	return r.String(), true
}

// All returns every valid code: every alpha-2 code known to CLDR, plus XK,
// sorted, then the requesters that are not countries (ZZ, UN, EU). It feeds
// the country drop-down of the spreadsheet template.
func All() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			code := string([]rune{a, b})
			if Valid(code) && IsCountry(code) {
				out = append(out, code)
			}
		}
	}
	if !slices.Contains(out, Kosovo) {
		out = append(out, Kosovo)
		slices.Sort(out)
	}
	return append(out, NotByCountry, UnitedNations, EuropeanUnion)
}
