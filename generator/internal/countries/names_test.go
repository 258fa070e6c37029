package countries

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestName pins names that CLDR 32, in golang.org/x/text, gave otherwise
// ("Turkey", "Macedonia", "Swaziland") and one name in each script.
func TestName(t *testing.T) {
	tests := []struct{ code, lang, want string }{
		{"TR", "en", "Türkiye"},
		{"MK", "en", "North Macedonia"},
		{"SZ", "en", "Eswatini"},
		{"HK", "en", "Hong Kong SAR China"}, // the standard name, not -alt-short's "Hong Kong"
		{"BA", "en", "Bosnia & Herzegovina"},
		{"CZ", "en", "Czechia"},
		{"XK", "en", "Kosovo"},
		{"DE", "en", "Germany"},
		{"DE", "de", "Deutschland"},
		{"DE", "fr", "Allemagne"},
		{"MK", "es", "Macedonia del Norte"},
		{"DE", "pt-BR", "Alemanha"}, // CLDR's pt
		{"NL", "pt-BR", "Países Baixos"},
		{"EG", "ar", "مصر"},
		{"UN", "en", "United Nations"},
		{"UN", "de", "Vereinte Nationen"},
		{"EU", "en", "European Union"},
		{"ZZ", "en", "Unknown Region"}, // CLDR's; the site says "Worldwide / not by country"
		{"QQ", "en", "QQ"},             // CLDR names no QQ
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.lang, func(t *testing.T) {
			if got := Name(tt.code, tt.lang); got != tt.want {
				t.Errorf("Name(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
			}
		})
	}
}

func TestByName(t *testing.T) {
	t.Cleanup(func() {
		if err := Load(); err != nil {
			t.Error(err)
		}
	})
	tests := []struct {
		langs []string // loaded; English always is
		name  string
		want  string
		ok    bool
	}{
		{nil, "Türkiye", "TR", true},
		{nil, "turkey", "TR", true}, // CLDR's -alt-variant
		{nil, "Eswatini", "SZ", true},
		{nil, "Swaziland", "SZ", true}, // CLDR 32's
		{nil, "North Macedonia", "MK", true},
		{nil, "Macedonia", "MK", true},
		{nil, "Czechia", "CZ", true},
		{nil, "Czech Republic", "CZ", true},
		{nil, "Hong Kong SAR China", "HK", true},
		{nil, "Hong Kong", "HK", true}, // -alt-short
		{nil, "Macau SAR China", "MO", true},
		{nil, "Ivory Coast", "CI", true},
		{nil, "Kosovo", "XK", true},
		{nil, "United Nations", "UN", true},
		{nil, " european union ", "EU", true},
		{nil, "Unknown Region", "ZZ", true},
		{nil, "Worldwide", "", false}, // a mapping names ZZ in its values
		{nil, "Eurozone", "", false},
		{nil, "Deutschland", "", false}, // German is not loaded
		{[]string{"de"}, "Deutschland", "DE", true},
		{[]string{"de"}, "Mazedonien", "MK", true},
		{[]string{"de"}, "Germany", "DE", true},
		{[]string{"ar", "pt-BR"}, "مصر", "EG", true},
		{[]string{"ar", "pt-BR"}, "Holanda", "NL", true}, // CLDR 32's pt
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := Load(tt.langs...); err != nil {
				t.Fatal(err)
			}
			if code, ok := ByName(tt.name); ok != tt.ok || code != tt.want {
				t.Errorf("after Load(%q), ByName(%q) = %s, %v; want %s, %v", tt.langs, tt.name, code, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLoadRefuses(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{
		{"tlh", "names of countries: CLDR has no names in tlh: no node_modules/cldr-localenames-full/main/tlh/territories.json"},
		{"not a tag", `names of countries: "not a tag" is not a language tag`},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			if err := Load(tt.lang); err == nil || err.Error() != tt.want {
				t.Errorf("Load(%q) = %v, want %q", tt.lang, err, tt.want)
			}
		})
	}
}

// TestReadLocale reads a language from its CLDR parent, and keeps the other
// forms of a name apart from its standard one.
func TestReadLocale(t *testing.T) {
	got, err := readLocale("testdata/main", "pt-BR")
	if err != nil {
		t.Fatal(err)
	}
	want := &localeNames{
		standard: map[string]string{"CZ": "Tchéquia", "DE": "Alemanha", "HK": "Hong Kong, RAE da China"},
		others:   map[string][]string{"CZ": {"República Tcheca", "Tchéquia (variante)"}, "HK": {"Hong Kong"}},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(localeNames{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNameLookupRanks: a current name wins over another code's other form
// or older name, and a name two codes share in one rank finds neither.
func TestNameLookupRanks(t *testing.T) {
	tables := []*localeNames{
		{standard: map[string]string{"TR": "Türkiye", "PE": "Peru", "CG": "Congo"}, others: map[string][]string{"TR": {"Peru", "Turkey"}}},
		{standard: map[string]string{"CD": "Congo"}, others: map[string][]string{}},
	}
	lookup := nameLookup([]string{"en"}, tables)
	for name, want := range map[string]string{
		"türkiye": "TR", "turkey": "TR", "peru": "PE",
		"congo":                "",   // ambiguous
		"congo - kinshasa":     "CD", // x/text's
		"macedonia":            "MK", // x/text's
		"germany":              "DE", // x/text's, since these tables lack it
		"united arab emirates": "AE",
	} {
		if got, ok := lookup[name]; !ok || got != want {
			t.Errorf("lookup[%q] = %q, %v; want %q", name, got, ok, want)
		}
	}
	if _, ok := lookup["eurozone"]; ok {
		t.Error("the lookup names EZ, which is not a requester")
	}
}

// TestLoadWithoutNodeModules: before `npm ci`, Load says what to run.
func TestLoadWithoutNodeModules(t *testing.T) {
	loaded.Lock()
	saved := loaded.dir
	loaded.dir = ""
	loaded.Unlock()
	t.Cleanup(func() {
		loaded.Lock()
		loaded.dir = saved
		loaded.Unlock()
	})
	dir := t.TempDir()
	t.Chdir(dir)
	want := "names of countries: no node_modules/cldr-localenames-full/main in " + dir + " or any folder above it: run npm ci"
	if err := Load("tlh"); err == nil || err.Error() != want { // a language not read yet
		t.Errorf("Load = %v, want %q", err, want)
	}
}
