package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/taxonomy"
)

func loadTaxonomy(t testing.TB) *taxonomy.Taxonomy {
	t.Helper()
	tax, err := taxonomy.Load("../../../data/taxonomy.toml")
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func q(year, index int) Period { return Period{year, Quarter, index} }
func h(year, index int) Period { return Period{year, Half, index} }

func ptr[T any](v T) *T { return &v }

func row(p Period, country, basis, segment string, requests int64) Row {
	return Row{Period: p, Country: country, LegalBasis: basis, Segment: segment, Requests: Exactly(requests), Accounts: Exactly(requests),
		Outcomes: ExactCounts(map[string]int64{"content": requests})}
}

func withRequestType(r Row, requestType string) Row {
	r.RequestType = requestType
	return r
}

func TestAggregate(t *testing.T) {
	tax := loadTaxonomy(t)
	tests := []struct {
		name    string
		sources []Source
		periods []string            // every period, in order
		given   []string            // the periods the sources give
		teams   map[string][]string // by period
		kind    Kind
		cells   map[string]int64 // requests by "period country basis segment[ request type]"
		// requestTypes is Table.HasRequestTypes.
		requestTypes bool
	}{
		{
			name: "teams add up and quarters roll up into a half and a year",
			sources: []Source{
				{Period: q(2026, 1), Team: "emea", Rows: []Row{row(q(2026, 1), "DE", "court_order", "", 10)}},
				{Period: q(2026, 1), Team: "apac", Rows: []Row{row(q(2026, 1), "DE", "court_order", "", 30)}},
				{Period: q(2026, 2), Team: "emea", Rows: []Row{row(q(2026, 2), "DE", "court_order", "", 20)}},
				{Period: q(2026, 3), Team: "emea", Rows: []Row{row(q(2026, 3), "DE", "court_order", "", 5)}},
				{Period: q(2026, 4), Team: "emea", Rows: []Row{row(q(2026, 4), "FR", "court_order", "consumer", 5)}},
			},
			periods: []string{"2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-Q4", "2026-H2", "2026"},
			given:   []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"},
			teams:   map[string][]string{"2026-Q1": {"apac", "emea"}, "2026-H1": {"apac", "emea"}, "2026": {"apac", "emea"}},
			kind:    Quarter,
			cells: map[string]int64{
				"2026-Q1 DE court_order ": 40, "2026-Q2 DE court_order ": 20, "2026-H1 DE court_order ": 60,
				"2026-Q3 DE court_order ": 5, "2026-H2 DE court_order ": 5, "2026 DE court_order ": 65,
				"2026-Q4 FR court_order consumer": 5, "2026-H2 FR court_order consumer": 5, "2026 FR court_order consumer": 5,
			},
		},
		{
			name: "an incomplete half-year is not rolled up",
			sources: []Source{
				{Period: q(2026, 3), Team: "a", Rows: []Row{row(q(2026, 3), "FR", "other", "", 1)}},
			},
			periods: []string{"2026-Q3"},
			given:   []string{"2026-Q3"},
			teams:   map[string][]string{"2026-Q3": {"a"}},
			kind:    Quarter,
			cells:   map[string]int64{"2026-Q3 FR other ": 1},
		},
		{
			name: "half-years roll up into a year",
			sources: []Source{
				{Period: h(2023, 1), Team: "g", Rows: []Row{row(h(2023, 1), "US", "subpoena", "", 7)}},
				{Period: h(2023, 2), Team: "g", Rows: []Row{row(h(2023, 2), "US", "subpoena", "", 8)}},
			},
			periods: []string{"2023-H1", "2023-H2", "2023"},
			given:   []string{"2023-H1", "2023-H2"},
			teams:   map[string][]string{"2023": {"g"}},
			kind:    Half,
			cells:   map[string]int64{"2023-H1 US subpoena ": 7, "2023-H2 US subpoena ": 8, "2023 US subpoena ": 15},
		},
		{
			name: "request types split cells",
			sources: []Source{
				{Period: h(2024, 1), Team: "a", Rows: []Row{
					withRequestType(row(h(2024, 1), "US", "subpoena", "", 7), "push_token"),
					withRequestType(row(h(2024, 1), "US", "subpoena", "", 2), "account"),
					row(h(2024, 1), "US", "subpoena", "", 1),
				}},
				{Period: h(2024, 1), Team: "b", Rows: []Row{withRequestType(row(h(2024, 1), "US", "subpoena", "", 3), "push_token")}},
			},
			periods: []string{"2024-H1"},
			given:   []string{"2024-H1"},
			teams:   map[string][]string{"2024-H1": {"a", "b"}},
			kind:    Half,
			cells: map[string]int64{
				"2024-H1 US subpoena  push_token": 10, "2024-H1 US subpoena  account": 2, "2024-H1 US subpoena ": 1,
			},
			requestTypes: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table := Aggregate(tt.sources, tax)
			var periods, given []string
			for _, p := range table.Periods {
				periods = append(periods, p.String())
				if table.Given[p] {
					given = append(given, p.String())
				}
			}
			if diff := cmp.Diff(tt.periods, periods); diff != "" {
				t.Errorf("periods -want +got:\n%s", diff)
			}
			if diff := cmp.Diff(tt.given, given); diff != "" {
				t.Errorf("given periods -want +got:\n%s", diff)
			}
			for key, want := range tt.teams {
				p, _ := ParsePeriod(key)
				if diff := cmp.Diff(want, table.Teams[p]); diff != "" {
					t.Errorf("teams of %s -want +got:\n%s", key, diff)
				}
			}
			if table.SourceKind != tt.kind {
				t.Errorf("source kind = %s, want %s", table.SourceKind, tt.kind)
			}
			cells := map[string]int64{}
			for k, tally := range table.Cells {
				key := k.Period.String() + " " + k.Country + " " + k.LegalBasis + " " + k.Segment
				if k.RequestType != "" {
					key += " " + k.RequestType
				}
				cells[key] = tally.Figures(tax).Requests.Min
			}
			if diff := cmp.Diff(tt.cells, cells); diff != "" {
				t.Errorf("cells -want +got:\n%s", diff)
			}
			if table.HasRequestTypes != tt.requestTypes {
				t.Errorf("HasRequestTypes = %v, want %v", table.HasRequestTypes, tt.requestTypes)
			}
		})
	}
}

// TestAggregateNationalSecurity checks that bands from every source are
// kept in order of the period they cover, then type.
func TestAggregateNationalSecurity(t *testing.T) {
	tax := loadTaxonomy(t)
	band := func(p Period, typ string) NationalSecurityRow {
		return NationalSecurityRow{Period: p, ReportedIn: q(2026, 4), Type: typ, Requests: BandOf(0, 499), Accounts: BandOf(0, 499)}
	}
	table := Aggregate([]Source{
		{Period: q(2026, 4), Team: "a", NationalSecurity: []NationalSecurityRow{band(h(2026, 1), "nsl"), band(h(2025, 2), "fisa_content")}},
		{Period: q(2026, 4), Team: "b", NationalSecurity: []NationalSecurityRow{band(h(2025, 2), "fisa_non_content")}},
	}, tax)
	var got []string
	for _, n := range table.NationalSecurity {
		got = append(got, n.Period.String()+" "+n.Type)
	}
	want := []string{"2025-H2 fisa_content", "2025-H2 fisa_non_content", "2026-H1 nsl"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bands -want +got:\n%s", diff)
	}
}
