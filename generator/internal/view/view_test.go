package view

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func q(year, index int) report.Period {
	return report.Period{Year: year, Kind: report.Quarter, Index: index}
}
func h(year, index int) report.Period {
	return report.Period{Year: year, Kind: report.Half, Index: index}
}

// build aggregates the sources and computes their view in English.
func build(t testing.TB, sources []report.Source, tax *taxonomy.Taxonomy) *Report {
	t.Helper()
	if probs := report.Check(sources, tax); probs.Len() > 0 {
		t.Fatal(probs.Err())
	}
	rep, err := Build(report.Aggregate(sources, tax), tax, report.DefaultAbout, []string{"en"}, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func counted(p report.Period, country, basis string, requests, accounts, content, nonContent, noData, rejected int64) report.Row {
	return report.Row{Period: p, Country: country, LegalBasis: basis, Requests: report.Exactly(requests), Accounts: report.Exactly(accounts),
		Outcomes: report.ExactCounts(map[string]int64{"content": content, "non_content": nonContent, "no_data": noData, "rejected": rejected})}
}

func percentOnly(p report.Period, country, basis string, requests int64, percent float64) report.Row {
	return report.Row{Period: p, Country: country, LegalBasis: basis, Requests: report.Exactly(requests), DisclosedPercent: &percent}
}

func ptr[T any](v T) *T { return &v }

func TestAggregate(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	type want struct {
		period     string
		requests   int64
		accounts   int64
		disclosed  *float64
		fromPct    bool
		notCounted int64
	}
	tests := []struct {
		name    string
		sources []report.Source
		periods []string // every period produced, in order
		checks  []want
		latest  string
	}{
		{
			name: "teams add up and quarters roll up into a half and a year",
			sources: []report.Source{
				{Period: q(2026, 1), Team: "emea", Rows: []report.Row{counted(q(2026, 1), "DE", "court_order", 10, 12, 2, 5, 2, 1)}},
				{Period: q(2026, 1), Team: "apac", Rows: []report.Row{counted(q(2026, 1), "IN", "court_order", 30, 31, 0, 10, 10, 10)}},
				{Period: q(2026, 2), Team: "emea", Rows: []report.Row{counted(q(2026, 2), "DE", "court_order", 20, 20, 10, 0, 5, 5)}},
				{Period: q(2026, 3), Team: "emea", Rows: []report.Row{counted(q(2026, 3), "DE", "court_order", 5, 5, 0, 0, 5, 0)}},
				{Period: q(2026, 4), Team: "emea", Rows: []report.Row{counted(q(2026, 4), "DE", "court_order", 5, 5, 5, 0, 0, 0)}},
			},
			periods: []string{"2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-Q4", "2026-H2", "2026"},
			latest:  "2026-Q4",
			checks: []want{
				{period: "2026-Q1", requests: 40, accounts: 43, disclosed: ptr(42.5)}, // (2+5+10)/40
				{period: "2026-H1", requests: 60, accounts: 63, disclosed: ptr(45.0)}, // 27/60
				{period: "2026", requests: 70, accounts: 73, disclosed: ptr(45.7)},    // 32/70
			},
		},
		{
			name: "preservation requests are kept apart from totals",
			sources: []report.Source{{Period: q(2026, 1), Team: "us", Rows: []report.Row{
				counted(q(2026, 1), "US", "search_warrant", 100, 150, 60, 20, 10, 10),
				counted(q(2026, 1), "US", "preservation", 40, 45, 0, 0, 0, 0),
			}}},
			periods: []string{"2026-Q1"},
			latest:  "2026-Q1",
			checks:  []want{{period: "2026-Q1", requests: 100, accounts: 150, disclosed: ptr(80.0), notCounted: 40}},
		},
		{
			name: "an incomplete half-year is not rolled up",
			sources: []report.Source{
				{Period: q(2026, 3), Team: "a", Rows: []report.Row{counted(q(2026, 3), "FR", "other", 1, 1, 0, 1, 0, 0)}},
			},
			periods: []string{"2026-Q3"},
			latest:  "2026-Q3",
		},
		{
			name: "published percentages are weighted by requests and flagged",
			sources: []report.Source{
				{Period: h(2023, 1), Team: "google", Rows: []report.Row{
					percentOnly(h(2023, 1), "DE", "not_broken_down", 100, 50),
					percentOnly(h(2023, 1), "FR", "not_broken_down", 300, 90),
				}},
				{Period: h(2023, 2), Team: "google", Rows: []report.Row{percentOnly(h(2023, 2), "DE", "not_broken_down", 7, 0)}},
			},
			periods: []string{"2023-H1", "2023-H2", "2023"},
			latest:  "2023-H2",
			checks: []want{
				{period: "2023-H1", requests: 400, disclosed: ptr(80.0), fromPct: true}, // (50+270)/400
				{period: "2023-H2", requests: 7, disclosed: ptr(0.0), fromPct: true},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := build(t, tt.sources, tax)
			var got []string
			for _, p := range rep.Periods {
				got = append(got, p.Key)
			}
			if diff := cmp.Diff(tt.periods, got); diff != "" {
				t.Errorf("periods -want +got:\n%s", diff)
			}
			if rep.Latest != tt.latest {
				t.Errorf("latest = %s, want %s", rep.Latest, tt.latest)
			}
			for _, c := range tt.checks {
				d := rep.PeriodDetails[c.period]
				if d == nil {
					t.Fatalf("no period %s", c.period)
				}
				gotWant := want{period: c.period, requests: d.Totals.Requests.Min, accounts: d.Totals.Accounts.Min,
					disclosed: d.Totals.DisclosedPercent, fromPct: d.Totals.FromPercentages, notCounted: d.NotCounted.Requests.Min}
				if diff := cmp.Diff(c, gotWant, cmp.AllowUnexported(want{})); diff != "" {
					t.Errorf("period %s -want +got:\n%s", c.period, diff)
				}
			}
		})
	}
}

func TestAggregateCountries(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	sources := []report.Source{
		{Period: q(2026, 1), Team: "a", Rows: []report.Row{
			counted(q(2026, 1), "DE", "court_order", 10, 10, 0, 10, 0, 0),
			counted(q(2026, 1), "FR", "court_order", 30, 30, 0, 30, 0, 0),
			counted(q(2026, 1), "XK", "preservation", 3, 3, 0, 0, 0, 0),
		}},
		{Period: q(2026, 2), Team: "a", Rows: []report.Row{counted(q(2026, 2), "FR", "court_order", 5, 5, 0, 5, 0, 0)}},
	}
	rep := build(t, sources, tax)
	q1 := rep.PeriodDetails["2026-Q1"]
	var ranks []string
	for _, c := range q1.Countries {
		ranks = append(ranks, c.Code+":"+string(rune('0'+c.Rank)))
	}
	if diff := cmp.Diff([]string{"FR:1", "DE:2", "XK:0"}, ranks); diff != "" {
		t.Errorf("ranks -want +got:\n%s", diff)
	}
	if got := q1.Countries[0].SharePercent; got == nil || *got != 75 {
		t.Errorf("FR share = %v, want 75", got)
	}
	de := rep.CountryDetails["DE"]
	var series []string
	for _, p := range de.Points["quarter"] {
		series = append(series, p.Period)
		if p.Period == "2026-Q2" && !p.NoRequests {
			t.Errorf("DE 2026-Q2 should be marked as no requests")
		}
	}
	if diff := cmp.Diff([]string{"2026-Q1", "2026-Q2"}, series); diff != "" {
		t.Errorf("DE series keeps periods without requests; -want +got:\n%s", diff)
	}
	if de.Names["en"] != "Germany" || rep.CountryDetails["XK"].Names["en"] != "Kosovo" {
		t.Errorf("names from CLDR: %v %v", de.Names, rep.CountryDetails["XK"].Names)
	}
	if got := rep.PeriodDetails["2026-Q2"].Change; got == nil || got.Requests == nil || *got.Requests != -35 || *got.RequestsPercent != -87.5 {
		t.Errorf("change = %+v, want -35 requests, -87.5%%", got)
	}
}

// TestRequestTypes checks the figures by request type: those of the legal
// bases counted in the totals, of the rows that name one, for the period and
// for each country; and, for the downloads, every row's under its legal
// basis, a row that names none included (key "").
func TestRequestTypes(t *testing.T) {
	rep, _ := fixtureRequestTypes(t)
	requests := func(rows []Breakdown) []string {
		var out []string
		for _, b := range rows {
			out = append(out, b.Key+" "+b.Figures.Requests.String())
		}
		return out
	}
	d := rep.PeriodDetails["2024-H1"]
	us := d.Countries[0]
	for _, tt := range []struct {
		name string
		got  []Breakdown
		want []string
	}{
		{"period", d.ByRequestType, []string{"account 43", "phone_number 2", "push_token 12"}},
		{"US", us.ByRequestType, []string{"account 43", "push_token 12"}},
		{"US subpoena", us.ByLegalBasis[0].ByRequestType, []string{"account 40", "push_token 12", " 5"}},
		{"US preservation", us.ByLegalBasis[2].ByRequestType, []string{"account 7"}},
		{"US latest point", rep.CountryDetails["US"].LatestPoint.ByRequestType, []string{"account 43", "push_token 12"}},
	} {
		if diff := cmp.Diff(tt.want, requests(tt.got)); diff != "" {
			t.Errorf("%s by request type -want +got:\n%s", tt.name, diff)
		}
	}
	if !rep.HasRequestTypes {
		t.Error("HasRequestTypes = false, want true")
	}

	plain, _ := fixture(t)
	for key, d := range plain.PeriodDetails {
		if len(d.ByRequestType) > 0 || len(d.Countries[0].ByRequestType) > 0 || len(d.Countries[0].ByLegalBasis[0].ByRequestType) > 0 {
			t.Errorf("%s: figures by request type where no row names one", key)
		}
	}
}

// TestNotCountries builds a period with a country, ZZ (figures not broken
// down by country) and the United Nations: the two are in the totals and
// have pages, but are not ranked, not counted as countries and not on the
// map.
func TestNotCountries(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	sources := []report.Source{{Period: q(2026, 1), Team: "a", Rows: []report.Row{
		counted(q(2026, 1), "DE", "court_order", 10, 10, 0, 10, 0, 0),
		counted(q(2026, 1), "ZZ", "court_order", 50, 60, 0, 50, 0, 0),
		counted(q(2026, 1), "UN", "court_order", 1, 1, 0, 0, 0, 1),
	}}}
	rep := build(t, sources, tax)
	d := rep.PeriodDetails["2026-Q1"]
	if total, _ := d.Totals.Requests.Value(); total != 61 {
		t.Errorf("total = %d, want 61: requests that are not from a country are requests", total)
	}
	var rows []string
	for _, c := range d.Countries {
		rows = append(rows, fmt.Sprintf("%s:%d:%s:%v", c.Code, c.Rank, c.Kind, c.IsCountry))
	}
	if diff := cmp.Diff([]string{"DE:1:country:true", "ZZ:0:not_by_country:false", "UN:0:organisation:false"}, rows); diff != "" {
		t.Errorf("countries first, the others after and unranked; -want +got:\n%s", diff)
	}
	if d.RankedCount != 1 || d.TopCount != 1 || len(d.Ranked()) != 1 {
		t.Errorf("ranked %d, top %d: want 1 (only DE is a country)", d.RankedCount, d.TopCount)
	}
	if got := d.Countries[1].SharePercent; got == nil || *got != 82 {
		t.Errorf("ZZ share = %v, want 82 (50 of 61)", got)
	}
	if rep.CountryCount != 1 || len(rep.Countries) != 3 {
		t.Errorf("country count %d of %d requesters, want 1 of 3", rep.CountryCount, len(rep.Countries))
	}
	if diff := cmp.Diff([]string{"DE", "UN", "ZZ"}, rep.CountriesByName["en"]); diff != "" {
		t.Errorf("by name -want +got:\n%s", diff)
	}
	if diff := cmp.Diff([]string{"United Nations", "Worldwide / not by country"}, rep.NotCountryNames["en"]); diff != "" {
		t.Errorf("names -want +got:\n%s", diff)
	}
	zz := rep.CountryDetails["ZZ"]
	if latest, _ := zz.Latest.Requests.Value(); zz.LatestRank != 0 || zz.LatestRankOf != 1 || latest != 50 || zz.Points["quarter"][0].Rank != 0 {
		t.Errorf("ZZ: rank %d of %d, %d requests, series rank %d; want no rank, 50 requests", zz.LatestRank, zz.LatestRankOf, latest, zz.Points["quarter"][0].Rank)
	}
	var byBasis []string
	for _, c := range rep.LegalBasisDetails["court_order"].Countries {
		byBasis = append(byBasis, fmt.Sprintf("%s:%d", c.Code, c.Rank))
	}
	if diff := cmp.Diff([]string{"DE:1", "ZZ:0", "UN:0"}, byBasis); diff != "" {
		t.Errorf("legal basis's countries -want +got:\n%s", diff)
	}

	tree := output.Tree{}
	if err := AddMap(tree, rep, world(t), testhelp.English(t)); err != nil {
		t.Fatal(err)
	}
	var coverage MapCoverage
	if err := json.Unmarshal(tree["map/coverage.json"], &coverage); err != nil {
		t.Fatal(err)
	}
	if got := coverage.NotOnMap["2026-Q1"]; len(got) != 0 {
		t.Errorf("not on map = %v: requesters that are not countries are not the map's gaps", got)
	}
	if diff := cmp.Diff([]string{"Worldwide / not by country", "United Nations"}, coverage.NotCountryNames["2026-Q1"]["en"]); diff != "" {
		t.Errorf("the map's note on requesters that are not countries, -want +got:\n%s", diff)
	}
}

// Equal requests share a rank, as competitions rank ("1, 2, 2, 4"), in a
// period's ranking and a legal basis's; a country with only preservation
// requests has none; the summary names every country tied with the last
// it names.
func TestRanksWithTies(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	tests := []struct {
		name    string
		rows    []report.Row
		ranks   []string // code:rank:tied, in order
		leading int
	}{
		{
			name: "a tie in the middle",
			rows: []report.Row{
				counted(q(2026, 1), "US", "court_order", 50, 50, 0, 50, 0, 0),
				counted(q(2026, 1), "AR", "court_order", 30, 30, 0, 30, 0, 0),
				counted(q(2026, 1), "KR", "court_order", 30, 30, 0, 30, 0, 0),
				counted(q(2026, 1), "DE", "court_order", 10, 10, 0, 10, 0, 0),
				counted(q(2026, 1), "XK", "preservation", 3, 3, 0, 0, 0, 0),
			},
			ranks:   []string{"US:1:false", "AR:2:true", "KR:2:true", "DE:4:false", "XK:0:false"},
			leading: 3,
		},
		{
			name: "a tie at the last place the summary names",
			rows: []report.Row{
				counted(q(2026, 1), "US", "court_order", 50, 50, 0, 50, 0, 0),
				counted(q(2026, 1), "FR", "court_order", 40, 40, 0, 40, 0, 0),
				counted(q(2026, 1), "AR", "court_order", 30, 30, 0, 30, 0, 0),
				counted(q(2026, 1), "KR", "court_order", 30, 30, 0, 30, 0, 0),
				counted(q(2026, 1), "DE", "court_order", 10, 10, 0, 10, 0, 0),
			},
			ranks:   []string{"US:1:false", "FR:2:false", "AR:3:true", "KR:3:true", "DE:5:false"},
			leading: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := build(t, []report.Source{{Period: q(2026, 1), Team: "a", Rows: tt.rows}}, tax)
			d := rep.PeriodDetails["2026-Q1"]
			var got, byBasis []string
			for _, c := range d.Countries {
				got = append(got, fmt.Sprintf("%s:%d:%v", c.Code, c.Rank, c.Tied))
			}
			if diff := cmp.Diff(tt.ranks, got); diff != "" {
				t.Errorf("period ranks -want +got:\n%s", diff)
			}
			if d.LeadingCount != tt.leading {
				t.Errorf("leading count %d, want %d", d.LeadingCount, tt.leading)
			}
			for _, c := range rep.LegalBasisDetails["court_order"].Countries {
				byBasis = append(byBasis, fmt.Sprintf("%s:%d:%v", c.Code, c.Rank, c.Tied))
			}
			if diff := cmp.Diff(got[:len(byBasis)], byBasis); diff != "" {
				t.Errorf("legal-basis ranks -want +got:\n%s", diff)
			}
		})
	}
}

// A period's legal bases, in its chart and its table, are those counted in
// the totals by requests, most first, then apart those that are not.
func TestLegalBasesByRequests(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	rep := build(t, []report.Source{{Period: q(2026, 1), Team: "a", Rows: []report.Row{
		counted(q(2026, 1), "US", "subpoena", 5, 5, 0, 5, 0, 0),
		counted(q(2026, 1), "US", "court_order", 50, 50, 0, 50, 0, 0),
		counted(q(2026, 1), "US", "preservation", 90, 90, 0, 0, 0, 0),
		counted(q(2026, 1), "US", "search_warrant", 50, 50, 50, 0, 0, 0),
	}}}, tax)
	var got []string
	for _, b := range rep.PeriodDetails["2026-Q1"].ByLegalBasis {
		got = append(got, b.Key)
	}
	if diff := cmp.Diff([]string{"court_order", "search_warrant", "subpoena", "preservation"}, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
	if diff := cmp.Diff([]string{"subpoena", "court_order", "search_warrant", "preservation"}, rep.PeriodDetails["2026-Q1"].LegalBasisKeys); diff != "" {
		t.Errorf("glossary keys, taxonomy order: -want +got:\n%s", diff)
	}
}

// Outcomes do not apply to preservation requests (nothing is disclosed in
// answer to them): their rows and their legal basis's tables say so
// instead of showing zeros and a share of 0%.
func TestPreservationHasNoOutcomes(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	rep := build(t, []report.Source{{Period: q(2026, 1), Team: "a", Rows: []report.Row{
		counted(q(2026, 1), "US", "court_order", 50, 50, 0, 50, 0, 0),
		counted(q(2026, 1), "US", "preservation", 90, 90, 0, 0, 0, 0),
	}}}, tax)
	var rows []string
	for _, b := range rep.PeriodDetails["2026-Q1"].ByLegalBasis {
		rows = append(rows, fmt.Sprintf("%s:%v", b.Key, b.NoOutcomes))
	}
	for _, b := range rep.PeriodDetails["2026-Q1"].Countries[0].ByLegalBasis {
		rows = append(rows, fmt.Sprintf("US %s:%v", b.Key, b.NoOutcomes))
	}
	if diff := cmp.Diff([]string{"court_order:false", "preservation:true", "US court_order:false", "US preservation:true"}, rows); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
	d := rep.LegalBasisDetails["preservation"]
	if c := d.Columns["quarter"]; !d.NoOutcomes || !c.NoOutcomes || c.Outcomes || len(c.OutcomesShown) > 0 || !d.CountryColumns.NoOutcomes {
		t.Errorf("preservation: no outcomes %v, columns %+v, country columns %+v; want outcomes that do not apply", d.NoOutcomes, c, d.CountryColumns)
	}
	if d := rep.LegalBasisDetails["court_order"]; d.NoOutcomes || d.Columns["quarter"].NoOutcomes {
		t.Errorf("court orders have outcomes")
	}
}

// A period whose requests were not broken down by legal basis has no
// chart of legal bases (one bar shows nothing to compare); one with
// several has one.
func TestLegalBasisChart(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	tests := []struct {
		name           string
		rows           []report.Row
		chart, unsplit bool
	}{
		{name: "not broken down", rows: []report.Row{counted(q(2026, 1), "US", "not_broken_down", 5, 5, 0, 5, 0, 0)}, unsplit: true},
		{name: "one legal basis", rows: []report.Row{counted(q(2026, 1), "US", "court_order", 5, 5, 0, 5, 0, 0)}, chart: true},
		{name: "several", rows: []report.Row{
			counted(q(2026, 1), "US", "court_order", 5, 5, 0, 5, 0, 0),
			counted(q(2026, 1), "US", "not_broken_down", 5, 5, 0, 5, 0, 0),
		}, chart: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, []report.Source{{Period: q(2026, 1), Team: "a", Rows: tt.rows}}, tax).PeriodDetails["2026-Q1"]
			if d.LegalBasisChart != tt.chart || d.LegalBasesUnsplit != tt.unsplit {
				t.Errorf("chart %v, unsplit %v; want %v, %v", d.LegalBasisChart, d.LegalBasesUnsplit, tt.chart, tt.unsplit)
			}
		})
	}
}

// A country's requests by legal basis over time (legal_basis_trend): one
// row per period of the kind the teams report in, one count per legal basis
// the country used in any period; 0 under one it did not use that period,
// not published where it did not split its requests (never 0), and "no
// requests" only where it made none under any legal basis, preservation
// requests (not counted in the totals) included.
func TestCountryLegalBasisTrend(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	other := counted(q(2026, 1), "FR", "court_order", 1, 1, 0, 1, 0, 0)
	at := func(p report.Period, r report.Row) report.Row { r.Period = p; return r }
	sources := []report.Source{
		{Period: q(2026, 1), Team: "a", Rows: []report.Row{
			counted(q(2026, 1), "US", "subpoena", 10, 10, 0, 10, 0, 0),
			counted(q(2026, 1), "US", "court_order", 5, 5, 0, 5, 0, 0),
			other,
		}},
		{Period: q(2026, 2), Team: "a", Rows: []report.Row{
			counted(q(2026, 2), "US", "not_broken_down", 7, 7, 0, 7, 0, 0),
			at(q(2026, 2), other),
		}},
		{Period: q(2026, 3), Team: "a", Rows: []report.Row{at(q(2026, 3), other)}},
		{Period: q(2026, 4), Team: "a", Rows: []report.Row{
			counted(q(2026, 4), "US", "preservation", 3, 3, 0, 0, 0, 0),
			at(q(2026, 4), other),
		}},
	}
	us := build(t, sources, tax).CountryDetails["US"]
	if diff := cmp.Diff([]string{"subpoena", "court_order", "not_broken_down", "preservation"}, us.LegalBases); diff != "" {
		t.Fatalf("legal bases (-want +got):\n%s", diff)
	}
	np := report.NotPublished()
	want := []LegalBasisRow{
		{Period: "2026-Q1", Requests: []report.Count{report.Exactly(10), report.Exactly(5), {}, {}}},
		{Period: "2026-Q2", Requests: []report.Count{np, np, report.Exactly(7), np}},
		{Period: "2026-Q3", NoRequests: true},
		{Period: "2026-Q4", Requests: []report.Count{{}, {}, {}, report.Exactly(3)}},
	}
	if diff := cmp.Diff(want, us.LegalBasisTrend); diff != "" {
		t.Errorf("legal-basis trend (-want +got):\n%s", diff)
	}
}
