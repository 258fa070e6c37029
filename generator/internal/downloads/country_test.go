package downloads

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/view"
)

// TestCountryValues checks the country columns of a requester that is not a
// country: ZZ has the user-assigned ZZZ and the site's name, UN no alpha-3.
func TestCountryValues(t *testing.T) {
	rep := &view.Report{CountryDetails: map[string]*view.CountryDetail{
		"ZZ": {CountryIndex: view.CountryIndex{Requester: view.Requester{Code: "ZZ", Names: map[string]string{"en": "Worldwide / not by country"}}}},
	}}
	tests := []struct {
		code string
		want []any
	}{
		{"DE", []any{"DE", "DEU", "Germany"}},
		{"XK", []any{"XK", "XKK", "Kosovo"}},
		{"ZZ", []any{"ZZ", "ZZZ", "Worldwide / not by country"}},
		{"UN", []any{"UN", nil, "United Nations"}},
		{"EU", []any{"EU", nil, "European Union"}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, countryValues(rep, tt.code)); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}
