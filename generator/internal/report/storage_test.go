package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheckStorage: where a row says its data was stored, and the route
// its legal basis stands for, are checked with the words of the sheet.
func TestCheckStorage(t *testing.T) {
	tax := loadTaxonomy(t)
	cols := Columns{Country: 1, LegalBasis: 2, Extraterritorial: 11, Storage: 17, StoredIn: 18}
	row := func(country, basis, storage, storedIn string, p Period) Row {
		return Row{
			Where: Location{File: "sources/2026-Q3/emea.xlsx", Sheet: "Requests", Row: 2}, Cols: cols, Period: p, Team: "EMEA",
			Country: country, LegalBasis: basis, Storage: storage, StoredIn: storedIn, Requests: Exactly(4), Accounts: Exactly(4),
		}
	}
	legacy := row("DE", "search_warrant", "another_country", "IE", q(2026, 3))
	legacy.Extraterritorial = ptr(int64(4))
	for _, tt := range []struct {
		name string
		row  Row
		want []string
	}{
		{"stored abroad, in Ireland", row("DE", "search_warrant", "another_country", "IE", q(2026, 3)), nil},
		{"stored abroad, not known where", row("DE", "mlat", "another_country", "", q(2026, 3)), nil},
		{"stored in the EU", row("US", "search_warrant", "another_country", "EU", q(2026, 3)), nil},
		{"the requesting country as another country", row("DE", "search_warrant", "another_country", "DE", q(2026, 3)),
			[]string{`sources/2026-Q3/emea.xlsx: Requests!R2: stored in DE is the requesting country, not another country: choose "In the requesting country", or give the country where the data was stored`}},
		{"a place for data stored at home", row("DE", "search_warrant", "requesting_country", "IE", q(2026, 3)),
			[]string{`sources/2026-Q3/emea.xlsx: Requests!R2: stored in IE is given, but data stored is not "In another country": choose "In another country", or leave stored in blank`}},
		{"a place for data whose storage is not known", row("DE", "search_warrant", "", "IE", q(2026, 3)),
			[]string{`sources/2026-Q3/emea.xlsx: Requests!R2: stored in IE is given, but data stored is not "In another country": choose "In another country", or leave stored in blank`}},
		{"not a place", row("DE", "search_warrant", "another_country", "ZZ", q(2026, 3)),
			[]string{`sources/2026-Q3/emea.xlsx: Requests!R2: stored in ZZ is not a place where data is stored: give a country's code, or EU, or leave it blank if not known`}},
		{"extraterritorial beside the storage", legacy,
			[]string{`sources/2026-Q3/emea.xlsx: Requests!K2: extraterritorial 4 is given together with where the data was stored, which says it already: leave extraterritorial blank`}},
		{"a European Production Order once the law applies", row("FR", "european_production_order", "another_country", "IE", q(2026, 3)), nil},
		{"a European Production Order before the law applies", row("FR", "european_production_order", "another_country", "IE", q(2026, 2)),
			[]string{`sources/2026-Q3/emea.xlsx: Requests!B2: European Production Order applies only from 18 August 2026, after period 2026-Q2 ends`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := Source{File: "sources/2026-Q3/emea.xlsx", Period: tt.row.Period, Team: "EMEA", Rows: []Row{tt.row}}
			var got []string
			probs := Check([]Source{src}, tax)
			for _, p := range probs.Sorted() {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestStoredAbroad: the one figure of requests for data stored abroad.
func TestStoredAbroad(t *testing.T) {
	for _, tt := range []struct {
		name    string
		row     Row
		want    Count
		present bool
	}{
		{"stored in another country", Row{Storage: "another_country", Requests: Between(10, 20)}, Between(10, 20), true},
		{"stored in the requesting country", Row{Storage: "requesting_country", Requests: Exactly(7)}, Exactly(0), true},
		{"the older count", Row{Requests: Exactly(7), Extraterritorial: ptr(int64(3))}, Exactly(3), true},
		{"not said", Row{Requests: Exactly(7)}, Count{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, present := tt.row.StoredAbroad()
			if got != tt.want || present != tt.present {
				t.Errorf("StoredAbroad() = %v, %v; want %v, %v", got, present, tt.want, tt.present)
			}
		})
	}
}
