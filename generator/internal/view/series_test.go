package view

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func point(period string, requests, outcomeRequests int64) SeriesPoint {
	f := report.Figures{Requests: report.Exactly(requests), OutcomeRequests: outcomeRequests}
	if outcomeRequests > 0 {
		f.Outcomes = report.ExactCounts(map[string]int64{"content": outcomeRequests, "non_content": 0, "no_data": 0, "rejected": 0,
			"some_data_disclosed": outcomeRequests, "no_data_disclosed": 0})
	}
	return SeriesPoint{Period: period, NoRequests: requests == 0, Figures: f}
}

func TestTrendSummary(t *testing.T) {
	moment := func(period string, requests int64) *Moment {
		return &Moment{Period: period, Requests: report.Exactly(requests)}
	}
	tests := []struct {
		name   string
		points []SeriesPoint
		want   TrendSummary
	}{
		{name: "no points", want: TrendSummary{}},
		{
			name:   "only periods without requests",
			points: []SeriesPoint{point("2026-Q1", 0, 0), point("2026-Q2", 0, 0)},
			want:   TrendSummary{Without: 2},
		},
		{
			name:   "one period with requests",
			points: []SeriesPoint{point("2026-Q1", 0, 0), point("2026-Q2", 7, 7)},
			want:   TrendSummary{Counted: 1, Without: 1, First: moment("2026-Q2", 7), Last: moment("2026-Q2", 7), Peak: moment("2026-Q2", 7)},
		},
		{
			name:   "the peak is the earliest of equals, and gaps are skipped",
			points: []SeriesPoint{point("2026-Q1", 5, 5), point("2026-Q2", 9, 9), point("2026-Q3", 0, 0), point("2026-Q4", 9, 9), point("2027-Q1", 3, 3)},
			want:   TrendSummary{Counted: 4, Without: 1, First: moment("2026-Q1", 5), Last: moment("2027-Q1", 3), Peak: moment("2026-Q2", 9)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Series{}
			for _, p := range tt.points {
				s.add("quarter", p)
			}
			s.finish(testhelp.ProjectTaxonomy(t))
			if diff := cmp.Diff(tt.want, s.Summary["quarter"]); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func TestTrendColumns(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	fromPercent := point("2023-H1", 10, 0)
	fromPercent.Figures.FromPercentages = true
	// As GitHub publishes: only the requests where some data was disclosed.
	groupOnly := point("2024", 10, 0)
	np := report.NotPublished()
	groupOnly.Figures.OutcomeRequests = 10
	groupOnly.Figures.Outcomes = map[string]report.Count{"content": np, "non_content": np, "no_data": np, "rejected": np,
		"some_data_disclosed": report.Exactly(7), "no_data_disclosed": np}
	leaves := map[string]bool{"content": true, "non_content": true, "no_data": true, "rejected": true, "some_data_disclosed": false, "no_data_disclosed": false}
	none := map[string]bool{"content": false, "non_content": false, "no_data": false, "rejected": false, "some_data_disclosed": false, "no_data_disclosed": false}
	tests := []struct {
		name   string
		points []SeriesPoint
		want   Columns
	}{
		{name: "every request counted", points: []SeriesPoint{point("2026-Q1", 5, 5), point("2026-Q2", 0, 0)}, want: Columns{Outcomes: true, OutcomesShown: leaves}},
		{name: "some requests without counted outcomes", points: []SeriesPoint{point("2026-Q1", 5, 5), point("2026-Q2", 6, 2)}, want: Columns{Outcomes: true, OutcomesShown: leaves, OutcomeRequests: true}},
		{name: "only percentages: no outcome columns", points: []SeriesPoint{fromPercent}, want: Columns{OutcomesShown: none, ShareNote: true}},
		{name: "percentages before counts", points: []SeriesPoint{fromPercent, point("2023-H2", 4, 4)}, want: Columns{Outcomes: true, OutcomesShown: leaves, OutcomeRequests: true, ShareNote: true}},
		{name: "only the group where some data was disclosed", points: []SeriesPoint{groupOnly}, want: Columns{Outcomes: true, Incomplete: true,
			OutcomesShown: map[string]bool{"content": false, "non_content": false, "no_data": false, "rejected": false, "some_data_disclosed": true, "no_data_disclosed": false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, trendColumns(tt.points, tax)); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func TestLeadingBases(t *testing.T) {
	b := func(key string, counts bool, requests int64) Breakdown {
		return Breakdown{Key: key, CountsTowardTotal: counts, Figures: report.Figures{Requests: report.Exactly(requests)}}
	}
	rows := []Breakdown{b("subpoena", true, 5), b("court_order", true, 9), b("search_warrant", true, 0), b("mlat", true, 5), b("other", true, 5), b("preservation", false, 99)}
	var got []string
	for _, l := range leadingBases(rows) {
		got = append(got, l.Key)
	}
	// Most requests first, ties in taxonomy order; never a legal basis
	// outside the totals or without requests.
	if diff := cmp.Diff([]string{"court_order", "subpoena", "mlat"}, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestNewestBands(t *testing.T) {
	e := func(period, end, typ string) NationalSecurityEntry {
		return NationalSecurityEntry{Period: period, End: end, Type: typ}
	}
	all := []NationalSecurityEntry{e("2025-H1", "2025-06-30", "nsl"), e("2025-H2", "2025-12-31", "fisa_content"), e("2025-H2", "2025-12-31", "nsl"), e("2025-Q4", "2025-12-31", "nsl")}
	want := []NationalSecurityEntry{all[1], all[2]}
	if diff := cmp.Diff(want, newestBands(all)); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
	if got := newestBands(nil); got == nil || len(got) != 0 {
		t.Errorf("newestBands(nil) = %#v, want an empty list", got)
	}
}

func TestCountriesByName(t *testing.T) {
	country := func(code, en, de string) CountryIndex {
		return CountryIndex{Requester: Requester{Code: code, Names: map[string]string{"en": en, "de": de}, IsCountry: true}}
	}
	all := []CountryIndex{
		{Requester: Requester{Code: "UN", Names: map[string]string{"en": "United Nations", "de": "Vereinte Nationen"}}},
		country("AT", "Austria", "Österreich"),
		{Requester: Requester{Code: "ZZ", Names: map[string]string{"en": "Worldwide / not by country", "de": "Nicht nach Land"}}},
		country("PL", "Poland", "Polen"),
		country("AE", "United Arab Emirates", "Vereinigte Arabische Emirate"),
	}
	got := countriesByName(all, []string{"en", "de"})
	// German collation sorts Ö with O, before P; byte order would not. The
	// requesters that are not countries come after the countries.
	want := map[string][]string{"en": {"AT", "PL", "AE", "UN", "ZZ"}, "de": {"AT", "PL", "AE", "ZZ", "UN"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestDeltaOf(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want Delta
	}{
		{1699, Delta{Sign: "+", Magnitude: 1699}},
		{-42, Delta{Sign: "−", Magnitude: 42}},
		{-0.9, Delta{Sign: "−", Magnitude: 0.9}},
		{0, Delta{}},
	} {
		if got := deltaOf(tt.v); got != tt.want {
			t.Errorf("deltaOf(%v) = %+v, want %+v", tt.v, got, tt.want)
		}
	}
}

// The note under a table says "entirely" only when every marked share
// comes entirely from published percentages.
func TestShareNoteEntirely(t *testing.T) {
	only := report.Figures{FromPercentages: true, OnlyFromPercentages: true}
	partly := report.Figures{FromPercentages: true}
	tests := []struct {
		name           string
		rows           []report.Figures
		note, entirely bool
	}{
		{name: "none", rows: []report.Figures{{}}},
		{name: "all entirely", rows: []report.Figures{{}, only, only}, note: true, entirely: true},
		{name: "one partly", rows: []report.Figures{only, partly, only}, note: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := columnsOf(tt.rows, func(f report.Figures) report.Figures { return f }, testhelp.ProjectTaxonomy(t))
			if c.ShareNote != tt.note || c.ShareNoteEntirely != tt.entirely {
				t.Errorf("note %v, entirely %v; want %v, %v", c.ShareNote, c.ShareNoteEntirely, tt.note, tt.entirely)
			}
		})
	}
}

// A series whose sources published only the share where some data was
// disclosed draws that share (SharesOnly); one with outcome counts, or
// with no share at all, does not, and neither do rows outcomes do not
// apply to.
func TestSharesOnly(t *testing.T) {
	pct := 80.0
	share := report.Figures{DisclosedPercent: &pct, FromPercentages: true, OnlyFromPercentages: true}
	counted := report.Figures{DisclosedPercent: &pct, Outcomes: map[string]report.Count{"content": report.Exactly(8)}}
	tests := []struct {
		name string
		rows []report.Figures
		want bool
	}{
		{name: "shares only", rows: []report.Figures{{}, share}, want: true},
		{name: "no share", rows: []report.Figures{{}, {}}},
		{name: "outcome counts", rows: []report.Figures{share, counted}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := columnsOf(tt.rows, func(f report.Figures) report.Figures { return f }, testhelp.ProjectTaxonomy(t))
			if c.SharesOnly != tt.want {
				t.Errorf("SharesOnly = %v, want %v", c.SharesOnly, tt.want)
			}
			if c.withoutOutcomes().SharesOnly {
				t.Error("SharesOnly where outcomes do not apply")
			}
		})
	}
}

// A country's share above 0 that rounds to 0.0% is flagged, so the page
// says "<0.1%".
func TestShareUnderTenth(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	rep := build(t, []report.Source{{Period: q(2026, 1), Team: "a", Rows: []report.Row{
		counted(q(2026, 1), "US", "court_order", 3000, 3000, 0, 3000, 0, 0),
		counted(q(2026, 1), "DE", "court_order", 1, 1, 0, 1, 0, 0),
	}}}, tax)
	var got []string
	for _, c := range rep.PeriodDetails["2026-Q1"].Countries {
		got = append(got, fmt.Sprintf("%s:%v:%v", c.Code, *c.SharePercent, c.ShareUnderTenth))
	}
	if diff := cmp.Diff([]string{"US:100:false", "DE:0:true"}, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

// A country page says what changed since the previous period, as the home
// page does for the totals, from the country's own figures; a country
// with no requests before has its change in requests, with no percentage.
func TestCountryLatestChange(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	rep := build(t, []report.Source{
		{Period: q(2026, 1), Team: "a", Rows: []report.Row{counted(q(2026, 1), "US", "court_order", 40, 50, 10, 10, 10, 10)}},
		{Period: q(2026, 2), Team: "a", Rows: []report.Row{
			counted(q(2026, 2), "US", "court_order", 50, 40, 10, 10, 20, 10),
			counted(q(2026, 2), "DE", "court_order", 5, 5, 1, 1, 2, 1),
		}},
	}, tax)
	us := rep.CountryDetails["US"].LatestChange
	if us == nil || us.Previous != "2026-Q1" || *us.Requests != 10 || *us.Accounts != -10 || *us.RequestsPercent != 25 {
		t.Fatalf("US change = %+v, want 2026-Q1: +10 requests (+25%%), −10 accounts", us)
	}
	de := rep.CountryDetails["DE"].LatestChange
	if de == nil || *de.Requests != 5 || de.RequestsPercent != nil {
		t.Errorf("DE change = %+v, want +5 requests and no percentage (none before)", de)
	}
}
