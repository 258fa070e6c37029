package view

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func TestNewCorrections(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	rep := build(t, []report.Source{{Period: q(2026, 1), Team: "emea", Rows: []report.Row{counted(q(2026, 1), "DE", "court_order", 10, 10, 1, 2, 3, 4)}}}, tax)
	entry := func(date, period, country, measure, before, after string) report.Correction {
		return report.Correction{Date: date, Period: period, Country: country, LegalBasis: "court_order", Measure: measure, Before: before, After: after, Reason: "r"}
	}
	got, err := NewCorrections([]report.Correction{
		entry("2026-07-01", "2026-Q1", "DE", "requests", "1,987", "1990"),
		entry("2026-08-01", "2026-Q1", "FR", "outcome_content", "not published", "10-19"),
		entry("2026-08-01", "2026-Q1", "DE", "outcome_some_data_disclosed", "5", "removed"),
	}, rep, tax)
	if err != nil {
		t.Fatal(err)
	}
	de := map[string]string{"en": "Germany"}
	fr := map[string]string{"en": "France"}
	newestDE := Correction{ID: "corrected-2026-q1-de-court_order-outcome_some_data_disclosed-2026-08-01", Date: "2026-08-01", Period: "2026-Q1", Country: "DE", LegalBasis: "court_order", Measure: "outcome_some_data_disclosed",
		Term: &TermRef{Group: "outcome_groups", Key: "some_data_disclosed"}, Names: de, Before: report.Exactly(5), Removed: true, Reason: "r"}
	newestFR := Correction{ID: "corrected-2026-q1-fr-court_order-outcome_content-2026-08-01", Date: "2026-08-01", Period: "2026-Q1", Country: "FR", LegalBasis: "court_order", Measure: "outcome_content",
		Term: &TermRef{Group: "outcomes", Key: "content"}, Names: fr, Before: report.NotPublished(), After: report.Between(10, 19), Reason: "r"}
	oldDE := Correction{ID: "corrected-2026-q1-de-court_order-requests-2026-07-01", Date: "2026-07-01", Period: "2026-Q1", Country: "DE", LegalBasis: "court_order", Measure: "requests",
		Names: de, Before: report.Exactly(1987), After: report.Exactly(1990), Reason: "r"}
	want := Corrections{
		All:       []Correction{newestDE, newestFR, oldDE},
		ByPeriod:  map[string][]Correction{"2026-Q1": {newestDE, newestFR, oldDE}},
		ByCountry: map[string][]Correction{"DE": {newestDE, oldDE}, "FR": {newestFR}},
		Latest:    "2026-08-01",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("corrections (-want +got):\n%s", diff)
	}
	tree, err := Files(rep, tax, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tree[CorrectionsFile]; ok {
		t.Errorf("a report without corrections has %s", CorrectionsFile)
	}
}

// TestMarkCorrected: a correction marks the figure it changed on the pages
// of its period and its country, in the quarter and in the half-year and
// year that add it up, linking to the newest correction of the figure;
// other countries' figures and other periods are not marked.
func TestMarkCorrected(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	var sources []report.Source
	for i := 1; i <= 4; i++ {
		sources = append(sources, report.Source{Period: q(2026, i), Team: "emea", Rows: []report.Row{
			counted(q(2026, i), "DE", "court_order", 10, 10, 1, 2, 3, 4),
			counted(q(2026, i), "FR", "court_order", 5, 5, 1, 1, 1, 2),
		}})
	}
	rep := build(t, sources, tax)
	entry := func(date, measure, before, after string) report.Correction {
		return report.Correction{Date: date, Period: "2026-Q2", Country: "DE", LegalBasis: "court_order", Measure: measure, Before: before, After: after, Reason: "r"}
	}
	var err error
	rep.Corrections, err = NewCorrections([]report.Correction{
		entry("2026-07-01", "requests", "9", "11"),
		entry("2026-08-01", "requests", "11", "10"),
		entry("2026-08-01", "outcome_content", "2", "1"),
	}, rep, tax)
	if err != nil {
		t.Fatal(err)
	}
	rep.MarkCorrected()
	corrected := map[string]string{
		"requests":        "corrected-2026-q2-de-court_order-requests-2026-08-01",
		"outcome_content": "corrected-2026-q2-de-court_order-outcome_content-2026-08-01",
	}
	marks := func(country, period string) map[string]string {
		if country == "DE" && (period == "2026-Q2" || period == "2026-H1" || period == "2026") {
			return corrected
		}
		return nil
	}
	for _, period := range []string{"2026-Q1", "2026-Q2", "2026-Q3", "2026-H1", "2026-H2", "2026"} {
		for _, c := range rep.PeriodDetails[period].Countries {
			if diff := cmp.Diff(marks(c.Code, period), c.Corrected); diff != "" {
				t.Errorf("period %s, %s: marks (-want +got):\n%s", period, c.Code, diff)
			}
		}
	}
	for _, country := range []string{"DE", "FR"} {
		for kind, points := range rep.CountryDetails[country].Series.Points {
			for _, p := range points {
				if diff := cmp.Diff(marks(country, p.Period), p.Corrected); diff != "" {
					t.Errorf("country %s, %s %s: marks (-want +got):\n%s", country, kind, p.Period, diff)
				}
			}
		}
	}
}
