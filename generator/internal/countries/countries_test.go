package countries

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"DE", "DE", true},
		{" de ", "DE", true},
		{"XK", "XK", true},
		{"GB", "GB", true},
		{"UK", "", false},  // an alias of GB, not an ISO code
		{"EU", "EU", true}, // the European Union: a requester, not a country
		{"un", "UN", true},
		{"ZZ", "ZZ", true},
		{"EZ", "", false}, // the eurozone makes no requests
		{"QO", "", false}, // outlying Oceania: a group of territories
		{"QU", "", false}, // CLDR's old code for the EU
		{"001", "", false},
		{"AC", "", false}, // CLDR-only territory
		{"YU", "", false}, // withdrawn
		{"QQ", "", false},
		{"DEU", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Canonical(tt.in)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("Canonical(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
			}
		})
	}
}

func TestAllAndNumeric(t *testing.T) {
	all := All()
	if len(all) != 253 { // 249 ISO 3166-1 codes, XK, ZZ, UN and EU
		t.Errorf("All() has %d codes, want 253", len(all))
	}
	for _, tt := range []struct{ numeric, want string }{{"276", "DE"}, {"840", "US"}, {"036", "AU"}} {
		if got, ok := FromNumeric(tt.numeric); !ok || got != tt.want {
			t.Errorf("FromNumeric(%s) = %s, %v; want %s", tt.numeric, got, ok, tt.want)
		}
	}
}

func TestKind(t *testing.T) {
	tests := []struct {
		code      string
		kind      Kind
		isCountry bool
		nameKey   string
	}{
		{"DE", Country, true, ""},
		{"XK", Country, true, ""},
		{"UN", Organisation, false, ""},
		{"EU", Organisation, false, ""},
		{"ZZ", Unattributed, false, "requester_not_by_country"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			key, _ := NameKey(tt.code)
			if KindOf(tt.code) != tt.kind || IsCountry(tt.code) != tt.isCountry || key != tt.nameKey {
				t.Errorf("%s: kind %v, country %v, name key %q; want %v, %v, %q", tt.code, KindOf(tt.code), IsCountry(tt.code), key, tt.kind, tt.isCountry, tt.nameKey)
			}
		})
	}
}

func TestCanonicalSaysWhatToType(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"UK", `"UK" is not an ISO 3166-1 country code; use GB for United Kingdom`},
		{"el", `"el" is not an ISO 3166-1 country code; use GR for Greece`},
		{"Germany", `"Germany" is not a two-letter country code; use DE`},
		{"Atlantis", `"Atlantis" is not a two-letter country code`},
		{"qq", `"qq" is not an ISO 3166-1 country code`},
	} {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Canonical(tt.in)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Canonical(%q) error = %v, want %q", tt.in, err, tt.want)
			}
		})
	}
}
