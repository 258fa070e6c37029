package translations

import (
	"os"
	"path/filepath"
	"testing"
)

func TestT(t *testing.T) {
	dir := t.TempDir()
	err := os.WriteFile(filepath.Join(dir, "en.toml"), []byte(`
period_quarter = "Q{{ .Index }} {{ .Year }}"
plain = "Requests"
[plural]
one = "one request"
other = "{{ .Count }} requests"
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir, "en")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key     string
		data    any
		want    string
		wantErr bool
	}{
		{"period_quarter", map[string]any{"Year": 2026, "Index": 3}, "Q3 2026", false},
		{"plain", nil, "Requests", false},
		{"plural", map[string]any{"Count": 5}, "5 requests", false},
		{"missing", nil, "", true},
		{"period_quarter", map[string]any{"Year": 2026}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, err := s.T(tt.key, tt.data)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("T(%q) = %q, %v; want %q, error %v", tt.key, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

// TestProjectTranslations checks the keys the generator needs exist.
func TestProjectTranslations(t *testing.T) {
	s, err := Load("../../../i18n", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"period_quarter", "period_half", "period_year", "col_requests", "outcome_not_counted"} {
		if _, err := s.T(key, map[string]any{"Year": 2026, "Index": 1}); err != nil {
			t.Error(err)
		}
	}
}

func TestCountryName(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "de.toml"), []byte(`requester_not_by_country = "Weltweit / nicht nach Land"`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir, "de")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ code, want string }{
		{"DE", "Deutschland"},                // CLDR's
		{"UN", "Vereinte Nationen"},          // CLDR's
		{"ZZ", "Weltweit / nicht nach Land"}, // the site's own
	} {
		t.Run(tt.code, func(t *testing.T) {
			if got, err := s.CountryName(tt.code); err != nil || got != tt.want {
				t.Errorf("CountryName(%s) = %q, %v; want %q", tt.code, got, err, tt.want)
			}
		})
	}
	if _, err := (&Set{lang: "fr"}).CountryName("ZZ"); err == nil {
		t.Error("CountryName(ZZ) with no translation: no error")
	}
}
