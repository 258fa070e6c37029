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
		{"UK", "", false}, // an alias of GB, not an ISO code
		{"EU", "", false}, // a grouping, not a country
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

func TestNames(t *testing.T) {
	tests := []struct{ code, lang, want string }{
		{"DE", "en", "Germany"},
		{"DE", "de", "Deutschland"},
		{"DE", "fr", "Allemagne"},
		{"XK", "en", "Kosovo"},
		{"CZ", "en", "Czechia"},
	}
	for _, tt := range tests {
		if got := Name(tt.code, tt.lang); got != tt.want {
			t.Errorf("Name(%s, %s) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
}

func TestAllAndNumeric(t *testing.T) {
	all := All()
	if len(all) != 250 { // 249 ISO 3166-1 codes and XK
		t.Errorf("All() has %d codes, want 250", len(all))
	}
	for _, tt := range []struct{ numeric, want string }{{"276", "DE"}, {"840", "US"}, {"036", "AU"}} {
		if got, ok := FromNumeric(tt.numeric); !ok || got != tt.want {
			t.Errorf("FromNumeric(%s) = %s, %v; want %s", tt.numeric, got, ok, tt.want)
		}
	}
	if code, ok := ByName("Czechia"); !ok || code != "CZ" {
		t.Errorf("ByName(Czechia) = %s, %v", code, ok)
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
