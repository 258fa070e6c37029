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
	newestDE := Correction{Date: "2026-08-01", Period: "2026-Q1", Country: "DE", LegalBasis: "court_order", Measure: "outcome_some_data_disclosed",
		Term: &TermRef{Group: "outcome_groups", Key: "some_data_disclosed"}, Names: de, Before: report.Exactly(5), Removed: true, Reason: "r"}
	newestFR := Correction{Date: "2026-08-01", Period: "2026-Q1", Country: "FR", LegalBasis: "court_order", Measure: "outcome_content",
		Term: &TermRef{Group: "outcomes", Key: "content"}, Names: fr, Before: report.NotPublished(), After: report.Between(10, 19), Reason: "r"}
	oldDE := Correction{Date: "2026-07-01", Period: "2026-Q1", Country: "DE", LegalBasis: "court_order", Measure: "requests",
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
