package view

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestAbroad: the requests for data stored abroad of each period, by
// requesting country, place and route, with the matrix's numbers those of
// its rows, the older counts apart, and a country's own on its page.
func TestAbroad(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	stored := func(r report.Row, storage, in string) report.Row {
		r.Storage, r.StoredIn = storage, in
		return r
	}
	older := counted(q(2026, 2), "IT", "court_order", 50, 50, 10, 30, 5, 5)
	older.Extraterritorial = ptr(int64(4))
	challenged := stored(counted(q(2026, 3), "FR", "search_warrant", 12, 12, 0, 1, 0, 11), "another_country", "IE")
	challenged.Contested = ptr(int64(9))
	sources := []report.Source{
		{Period: q(2026, 2), Team: "emea", Rows: []report.Row{older, counted(q(2026, 2), "DE", "court_order", 5, 5, 1, 1, 1, 2)}},
		{Period: q(2026, 3), Team: "emea", Rows: []report.Row{
			challenged,
			stored(counted(q(2026, 3), "FR", "search_warrant", 40, 40, 20, 10, 5, 5), "requesting_country", ""),
			stored(counted(q(2026, 3), "FR", "mlat", 3, 3, 1, 1, 0, 1), "another_country", "US"),
			stored(counted(q(2026, 3), "BR", "mlat", 7, 7, 2, 2, 0, 3), "another_country", "US"),
			stored(counted(q(2026, 3), "BR", "search_warrant", 2, 2, 0, 0, 0, 2), "another_country", ""),
		}},
	}
	rep := build(t, sources, tax)
	if rep.Abroad.Latest != "2026-Q3" || rep.AbroadLatest == nil || rep.AbroadLatest.String() != "24" {
		t.Errorf("latest %q, %v; want 2026-Q3, 24", rep.Abroad.Latest, rep.AbroadLatest)
	}
	type row struct{ Key, Requests string }
	rows := func(rs []AbroadRow) []row {
		var out []row
		for _, r := range rs {
			out = append(out, row{r.Key, r.Figures.Requests.String()})
		}
		return out
	}
	latest := rep.Abroad.Periods[0]
	for _, tt := range []struct {
		name string
		got  []row
		want []row
	}{
		{"countries", rows(latest.Countries), []row{{"FR", "15"}, {"BR", "9"}}},
		{"places, not known last", rows(latest.Places), []row{{"IE", "12"}, {"US", "10"}, {"", "2"}}},
		{"routes", rows(latest.Routes), []row{{"direct", "14"}, {"mlat", "10"}}},
		{"France's page", rows(rep.CountryDetails["FR"].Abroad[0].Places), []row{{"IE", "12"}, {"US", "3"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
	var matrix [][]string
	for _, r := range latest.Matrix.Rows {
		var cells []string
		for _, c := range r.Cells {
			if c == nil {
				cells = append(cells, "-")
			} else {
				cells = append(cells, c.String())
			}
		}
		matrix = append(matrix, append([]string{r.Code}, append(cells, r.Total.String())...))
	}
	if diff := cmp.Diff([][]string{{"FR", "12", "3", "-", "15"}, {"BR", "-", "7", "2", "9"}}, matrix); diff != "" {
		t.Errorf("matrix -want +got:\n%s", diff)
	}
	if got := latest.Figures.Outcomes["rejected"].String(); got != "17" {
		t.Errorf("rejected %s, want 17", got)
	}
	if got := *latest.Figures.Contested; got != 9 {
		t.Errorf("contested %d, want 9", got)
	}
	// 2026-Q2 has only an older count: a total, no place or outcome.
	q2 := rep.Abroad.Periods[1]
	if q2.Period != "2026-Q2" || q2.Total.String() != "4" || q2.Unplaced == nil || len(q2.Countries) != 0 {
		t.Errorf("2026-Q2: %+v, want only 4 unplaced", q2)
	}
	if got := rep.CountryDetails["DE"].Abroad; len(got) != 0 {
		t.Errorf("Germany's page: %+v, want no requests for data stored abroad", got)
	}
	// The totals' extraterritorial figure is the page's: one meaning.
	if got := rep.PeriodDetails["2026-Q3"].Totals.Extraterritorial; got == nil || got.String() != "24" {
		t.Errorf("2026-Q3 totals' extraterritorial %v, want 24", got)
	}
}
