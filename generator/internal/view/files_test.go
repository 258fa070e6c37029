package view

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func fixture(t *testing.T) (*Report, *taxonomy.Taxonomy) {
	t.Helper()
	tax := testhelp.ProjectTaxonomy(t)
	q1 := report.Period{Year: 2026, Kind: report.Quarter, Index: 1}
	q2 := report.Period{Year: 2026, Kind: report.Quarter, Index: 2}
	out := func(c, n, d, r int64) map[string]report.Count {
		return report.ExactCounts(map[string]int64{"content": c, "non_content": n, "no_data": d, "rejected": r})
	}
	five := int64(5)
	sources := []report.Source{
		{Period: q1, Team: "emea", Rows: []report.Row{
			{Period: q1, Country: "DE", LegalBasis: "court_order", Segment: "consumer", Requests: report.Exactly(120), Accounts: report.Exactly(140), Outcomes: out(10, 80, 20, 10), Extraterritorial: &five},
			{Period: q1, Country: "DE", LegalBasis: "preservation", Segment: "consumer", Requests: report.Exactly(30), Accounts: report.Exactly(31), Outcomes: out(0, 0, 0, 0)},
			{Period: q1, Country: "XK", LegalBasis: "not_broken_down", Requests: report.Exactly(2), Accounts: report.Exactly(2), Outcomes: out(0, 1, 1, 0)},
		}},
		{Period: q2, Team: "emea", Rows: []report.Row{
			{Period: q2, Country: "DE", LegalBasis: "search_warrant", Segment: "enterprise", Requests: report.Exactly(9), Accounts: report.Exactly(9), Outcomes: out(6, 1, 1, 1)},
		}, NationalSecurity: []report.NationalSecurityRow{
			{ReportedIn: q2, Period: report.Period{Year: 2025, Kind: report.Half, Index: 1}, Type: "nsl", Requests: report.BandOf(0, 499), Accounts: report.BandOf(500, 999)},
		}},
	}
	return build(t, sources, tax), tax
}

// world is the geo package's hand-written geometry: DE, FR, US, ZA and
// others, but not XK, which the fixture's sources have.
func world(t *testing.T) *geo.FeatureCollection {
	t.Helper()
	top, err := geo.ReadTopology("../geo/testdata/tiny.topojson")
	if err != nil {
		t.Fatal(err)
	}
	fc, _, err := top.Countries("countries", geo.Options{Decimals: 1})
	if err != nil {
		t.Fatal(err)
	}
	return fc
}

// TestFilesGolden compares every generated data file, the map's included,
// with testdata/golden/.
// Run `go test ./generator/internal/view -update` after an intended change.
func TestFilesGolden(t *testing.T) {
	rep, tax := fixture(t)
	tree, err := Files(rep, tax, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := AddMap(tree, rep, world(t), testhelp.English(t)); err != nil {
		t.Fatal(err)
	}
	golden.CheckTree(t, filepath.Join("testdata", "golden"), tree)
}

// TestFilesDeterministic aggregates and lays out the same sources twice.
func TestFilesDeterministic(t *testing.T) {
	rep1, tax := fixture(t)
	rep2, _ := fixture(t)
	a, err := Files(rep1, tax, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Files(rep2, tax, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
}

// TestFilesReconcile checks that per-country figures add up to the period
// totals, and the chart of each period carries the table's numbers.
func TestFilesReconcile(t *testing.T) {
	rep, _ := fixture(t)
	for key, d := range rep.PeriodDetails {
		var sum report.Count
		for _, c := range d.Countries {
			sum.Add(c.Figures.Requests)
		}
		if sum.String() != d.Totals.Requests.String() {
			t.Errorf("%s: countries add up to %v requests, total says %v", key, sum, d.Totals.Requests)
		}
		var counted, notCounted report.Count
		for _, b := range d.ByLegalBasis {
			if b.CountsTowardTotal {
				counted.Add(b.Figures.Requests)
			} else {
				notCounted.Add(b.Figures.Requests)
			}
		}
		if counted != d.Totals.Requests || notCounted != d.NotCounted.Requests {
			t.Errorf("%s: legal bases add up to %v (+%v not counted), totals say %v (+%v)", key, counted, notCounted, d.Totals.Requests, d.NotCounted.Requests)
		}
	}
	if got := rep.PeriodDetails["2026-H1"].Totals.Requests; got.String() != "131" {
		t.Errorf("2026-H1 requests = %v, want 120+2+9 = 131", got)
	}
}

// TestTopicsReconcile checks the legal-basis and outcome files against the
// periods they come from: a legal basis's series is the period's row for
// it, its countries add up to it, and an outcome's series is the period's
// count.
func TestTopicsReconcile(t *testing.T) {
	rep, _ := fixture(t)
	bases := rep.LegalBasisDetails
	if len(bases) != len(rep.LegalBases) {
		t.Fatalf("%d legal-basis files, want one per legal basis in the data (%d)", len(bases), len(rep.LegalBases))
	}
	for key, d := range bases {
		for kind, series := range d.Points {
			for _, point := range series {
				var want report.Count
				for _, b := range rep.PeriodDetails[point.Period].ByLegalBasis {
					if b.Key == key {
						want = b.Figures.Requests
					}
				}
				// A country that did not split its requests by legal basis
				// published none under this one.
				for _, c := range rep.PeriodDetails[point.Period].Countries {
					split := true
					for _, b := range c.ByLegalBasis {
						split = split && b.Key != "not_broken_down"
					}
					if !split && key != "not_broken_down" && !slices.ContainsFunc(c.ByLegalBasis, func(b Breakdown) bool { return b.Key == key }) {
						want.Add(report.NotPublished())
					}
				}
				if point.Figures.Requests != want || point.NoRequests != want.IsZero() {
					t.Errorf("%s %s %s: %v requests (no_requests %v), period says %v", key, kind, point.Period, point.Figures.Requests, point.NoRequests, want)
				}
			}
		}
		var sum report.Count
		for _, c := range d.Countries {
			sum.Add(c.Figures.Requests)
		}
		if sum.String() != d.Latest.Requests.String() {
			t.Errorf("%s: countries add up to %v, latest says %v", key, sum, d.Latest.Requests)
		}
	}
	if got := bases["preservation"]; got == nil || got.CountsTowardTotal || got.LatestSharePercent != nil {
		t.Errorf("preservation: %+v, want a legal basis not counted toward totals, with no share of them", got)
	}
	for key, d := range rep.OutcomeDetails {
		for kind, series := range d.Series {
			for _, point := range series {
				totals := rep.PeriodDetails[point.Period].Totals
				if point.Requests != totals.Outcomes[key] || point.OutcomeRequests != totals.OutcomeRequests {
					t.Errorf("%s %s %s: %v of %d, period says %v of %d", key, kind, point.Period, point.Requests, point.OutcomeRequests, totals.Outcomes[key], totals.OutcomeRequests)
				}
			}
		}
	}
}

// fixtureRequestTypes is a half-year whose rows name what the requests
// named, but for one row that names nothing and a preservation request,
// which counts toward no total.
func fixtureRequestTypes(t *testing.T) (*Report, *taxonomy.Taxonomy) {
	t.Helper()
	tax := testhelp.ProjectTaxonomy(t)
	p := h(2024, 1)
	named := func(country, basis, requestType string, requests int64) report.Row {
		return report.Row{Period: p, Country: country, LegalBasis: basis, RequestType: requestType, Requests: report.Exactly(requests), Accounts: report.Exactly(requests)}
	}
	sources := []report.Source{{Period: p, Team: "imported", Rows: []report.Row{
		named("US", "subpoena", "push_token", 12),
		named("US", "subpoena", "account", 40),
		named("US", "subpoena", "", 5),
		named("US", "court_order", "account", 3),
		named("US", "preservation", "account", 7),
		named("DE", "not_broken_down", "phone_number", 2),
	}}}
	return build(t, sources, tax), tax
}

// TestRequestTypesGolden compares the files of a period and a country by
// request type with testdata/request-types/.
func TestRequestTypesGolden(t *testing.T) {
	rep, tax := fixtureRequestTypes(t)
	tree, err := Files(rep, tax, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"periods/2024-H1.json", "countries/US.json"} {
		golden.Check(t, filepath.Join("testdata", "request-types", filepath.FromSlash(name)), tree[name])
	}
}

// The maps of one kind of period share their colour bands, up to the
// largest figure of that kind: no quarter's legend has a band that only a
// half-year reaches.
func TestMapBandsByKind(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	q1, q2 := report.Period{Year: 2026, Kind: report.Quarter, Index: 1}, report.Period{Year: 2026, Kind: report.Quarter, Index: 2}
	rep := build(t, []report.Source{
		{Period: q1, Team: "a", Rows: []report.Row{counted(q1, "DE", "court_order", 600, 600, 0, 600, 0, 0)}},
		{Period: q2, Team: "a", Rows: []report.Row{counted(q2, "DE", "court_order", 700, 700, 0, 700, 0, 0)}},
	}, tax)
	tree := output.Tree{}
	if err := AddMap(tree, rep, world(t), testhelp.English(t)); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"2026-Q1": "100 or more", "2026-Q2": "100 or more", "2026-H1": "1,000 or more"} {
		var opt struct {
			VisualMap []struct {
				Pieces []struct{ Label string } `json:"pieces"`
			} `json:"visualMap"`
		}
		if err := json.Unmarshal(tree["charts/en/map-"+key+".json"], &opt); err != nil {
			t.Fatal(err)
		}
		pieces := opt.VisualMap[0].Pieces
		if got := pieces[len(pieces)-1].Label; got != want {
			t.Errorf("%s: the last band is %q, want %q", key, got, want)
		}
	}
}
