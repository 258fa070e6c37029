package downloads_test

import (
	"path/filepath"
	"testing"

	"github.com/transparency-report/site/generator/internal/demo"
	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/view"
)

const (
	fixtureTaxonomy = "testdata/taxonomy.toml"
	projectTaxonomy = "../../../data/taxonomy.toml"
	projectRoot     = "../../.."
)

// The notes that try to become formulas in a spreadsheet program.
const (
	hyperlinkNote = `=HYPERLINK("http://x","y")`
	plusNote      = "+44 20 7946 0000"
	minusNote     = "-5 requests were withdrawn"
	atNote        = "@SUM(A1:A9)"
	tabNote       = "\tTabbed, \"quoted\"\r\nsecond line"
	crNote        = "\rstarts with a carriage return"
)

func count(n int64) *int64 { return &n }

func percent(x float64) *float64 { return &x }

func outcomes(content, nonContent, noData, rejected int64) map[string]report.Count {
	return report.ExactCounts(map[string]int64{"content": content, "non_content": nonContent, "no_data": noData, "rejected": rejected})
}

// fixtureSources cover what the downloads must handle: a half-year imported
// with percentages only, two quarters of counts from two teams, segments
// added together, preservation requests, optional counts, notes that try
// formula injection, and national-security bands, one of them open.
func fixtureSources(t testing.TB) []report.Source {
	h1, q1, q2 := testhelp.MustPeriod(t, "2023-H1"), testhelp.MustPeriod(t, "2024-Q1"), testhelp.MustPeriod(t, "2024-Q2")
	band := func(s string) report.Band { return testhelp.MustBand(t, s) }
	return []report.Source{
		{Period: h1, Team: "legacy", Rows: []report.Row{
			{Period: h1, Team: "legacy", Country: "US", LegalBasis: "subpoena", Requests: report.Exactly(100), Accounts: report.Exactly(120), DisclosedPercent: percent(80)},
			{Period: h1, Team: "legacy", Country: "DE", LegalBasis: "not_broken_down", Requests: report.Exactly(40), Accounts: report.Exactly(44), DisclosedPercent: percent(52.5), Note: "Imported from the 2023 report."},
			{Period: h1, Team: "legacy", Country: "US", LegalBasis: "preservation", Requests: report.Exactly(10), Accounts: report.Exactly(10)},
		}},
		{Period: q1, Team: "americas", Rows: []report.Row{
			{Period: q1, Team: "americas", Country: "US", LegalBasis: "subpoena", Segment: "consumer", Requests: report.Exactly(50), Accounts: report.Exactly(60), Outcomes: outcomes(0, 40, 5, 5), Note: tabNote},
			{Period: q1, Team: "americas", Country: "BR", LegalBasis: "court_order", Segment: "consumer", Requests: report.Exactly(7), Accounts: report.Exactly(9), Outcomes: outcomes(1, 2, 3, 1), Note: crNote},
		}, NationalSecurity: []report.NationalSecurityRow{
			{ReportedIn: q1, Period: h1, Team: "americas", Type: "fisa_content", Requests: band("0-499"), Accounts: band("0-499")},
			{ReportedIn: q1, Period: h1, Team: "americas", Type: "nsl", Requests: band("5000+"), Accounts: band("1000-1499"), Note: "=1+1"},
		}},
		{Period: q1, Team: "emea", Rows: []report.Row{
			{Period: q1, Team: "emea", Country: "DE", LegalBasis: "court_order", Segment: "consumer", Requests: report.Exactly(10), Accounts: report.Exactly(12), Outcomes: outcomes(2, 5, 1, 2), Note: hyperlinkNote},
			{Period: q1, Team: "emea", Country: "DE", LegalBasis: "court_order", Segment: "enterprise", Requests: report.Exactly(3), Accounts: report.Exactly(3), Outcomes: outcomes(1, 1, 0, 1), Note: plusNote},
			{Period: q1, Team: "emea", Country: "DE", LegalBasis: "preservation", Segment: "consumer", Requests: report.Exactly(4), Accounts: report.Exactly(4)},
			{Period: q1, Team: "emea", Country: "FR", LegalBasis: "search_warrant", Segment: "consumer", Requests: report.Exactly(5), Accounts: report.Exactly(5), Outcomes: outcomes(5, 0, 0, 0), Extraterritorial: count(2), Contested: count(1), Note: minusNote},
			{Period: q1, Team: "emea", Country: "XK", LegalBasis: "not_broken_down", Requests: report.Exactly(1), Accounts: report.Exactly(1), Outcomes: outcomes(0, 0, 0, 1), Note: atNote},
		}},
		{Period: q2, Team: "americas", Rows: []report.Row{
			{Period: q2, Team: "americas", Country: "US", LegalBasis: "subpoena", Segment: "consumer", Requests: report.Exactly(55), Accounts: report.Exactly(70), Outcomes: outcomes(0, 45, 5, 5)},
			{Period: q2, Team: "americas", Country: "US", LegalBasis: "preservation", Segment: "consumer", Requests: report.Exactly(6), Accounts: report.Exactly(6)},
			{Period: q2, Team: "americas", Country: "CA", LegalBasis: "emergency", Segment: "consumer", Requests: report.Exactly(2), Accounts: report.Exactly(2), Outcomes: outcomes(0, 2, 0, 0), Note: "Plain note, with a comma."},
		}},
		{Period: q2, Team: "emea", Rows: []report.Row{
			{Period: q2, Team: "emea", Country: "DE", LegalBasis: "court_order", Segment: "consumer", Requests: report.Exactly(12), Accounts: report.Exactly(12), Outcomes: outcomes(3, 6, 1, 2), Note: hyperlinkNote},
			{Period: q2, Team: "emea", Country: "FR", LegalBasis: "search_warrant", Segment: "consumer", Requests: report.Exactly(0), Accounts: report.Exactly(0), Outcomes: outcomes(0, 0, 0, 0)},
		}},
	}
}

var fixtureAbout = report.About{
	Company: "Example Mail",
	Website: "https://mail.example",
	License: report.DefaultAbout.License,
	Notes:   []string{"Figures for 2023-H1 come from the 2023 report, which published percentages only."},
}

func loadTaxonomy(t testing.TB, path string) *taxonomy.Taxonomy {
	t.Helper()
	tax, err := taxonomy.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func aggregate(t testing.TB, sources []report.Source, tax *taxonomy.Taxonomy, about report.About) *view.Report {
	t.Helper()
	if probs := report.Check(sources, tax); probs.Len() > 0 {
		t.Fatal(probs.Err())
	}
	rep, err := view.Build(report.Aggregate(sources, tax), tax, about, []string{"en"}, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// dataset is one set of sources with its taxonomy, aggregated.
type dataset struct {
	name    string
	tax     *taxonomy.Taxonomy
	sources []report.Source
	rep     *view.Report
}

func fixture(t testing.TB) dataset {
	tax := loadTaxonomy(t, fixtureTaxonomy)
	sources := fixtureSources(t)
	return dataset{"fixture", tax, sources, aggregate(t, sources, tax, fixtureAbout)}
}

// fixtureOtherTerms is the fixture published under terms that have no SPDX
// identifier, as imported reports are.
func fixtureOtherTerms(t testing.TB) dataset {
	d := fixture(t)
	d.name = "fixture under other terms"
	d.rep.About.License = report.License{Name: "Example Mail's terms", URL: "https://mail.example/terms"}
	return d
}

// demoQuarters is the demo company's first quarters with the project's
// taxonomy: a year, so that half-years and a year are rolled up.
func demoQuarters(t testing.TB) dataset {
	tax := loadTaxonomy(t, projectTaxonomy)
	keep := map[report.Period]bool{}
	for _, p := range demo.Periods()[:4] {
		keep[p] = true
	}
	var sources []report.Source
	for _, s := range demo.Sources() {
		if keep[s.Period] {
			sources = append(sources, s)
		}
	}
	about, err := report.LoadAbout(filepath.Join(projectRoot, "sources", report.AboutFile))
	if err != nil {
		t.Fatal(err)
	}
	return dataset{"demo", tax, sources, aggregate(t, sources, tax, about)}
}

func build(t testing.TB, d dataset) *downloads.Release {
	t.Helper()
	rel, err := downloads.Build(d.rep, d.tax, d.sources)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}
