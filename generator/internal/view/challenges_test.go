package view

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func TestChallenges(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	row := counted(q(2026, 1), "DE", "search_warrant", 10, 10, 0, 0, 0, 10)
	row.Contested = ptr(int64(4))
	fr := counted(q(2026, 1), "FR", "court_order", 5, 5, 0, 0, 0, 5)
	fr.Contested = ptr(int64(0))
	us := counted(q(2026, 1), "US", "subpoena", 3, 3, 0, 0, 0, 3) // no contested count
	c := func(name, country, status, filed, decided string) report.Challenge {
		return report.Challenge{Period: q(2026, 1), Name: name, Court: "Court", Country: country, LegalBasis: "search_warrant", Status: status, Filed: filed, Decided: decided,
			Requests: report.Exactly(1), Accounts: report.NotPublished()}
	}
	rep := build(t, []report.Source{{Period: q(2026, 1), Team: "emea", Rows: []report.Row{row, fr, us}, Challenges: []report.Challenge{
		c("A v. B", "IE", "won", "2026-01-05", "2026-03-01"), // a court's country need not have made requests
		c("C v. D", "DE", "pending", "2026-02-01", ""),
	}}}, tax)
	ch := rep.Challenges
	var ids, statuses []string
	for _, cs := range ch.Cases {
		ids = append(ids, cs.ID)
		statuses = append(statuses, cs.Status)
		if cs.Country.Names["en"] == "" {
			t.Errorf("case %s: its country %s has no name", cs.ID, cs.Country.Code)
		}
	}
	if diff := cmp.Diff([]string{"de-2026-02-01-c-v-d", "ie-2026-01-05-a-v-b"}, ids); diff != "" {
		t.Errorf("cases, newest filed first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"pending", "won"}, ch.Statuses); diff != "" {
		t.Errorf("statuses of the filter, in taxonomy order (-want +got):\n%s", diff)
	}
	var names []string
	for _, r := range ch.Countries {
		names = append(names, r.Names["en"])
	}
	if diff := cmp.Diff([]string{"Germany", "Ireland"}, names); diff != "" {
		t.Errorf("countries of the filter, by name (-want +got):\n%s", diff)
	}
	// A country page lists the cases in its courts; a country with none, none.
	wantCases := map[string][]CaseRef{"DE": {{ID: "de-2026-02-01-c-v-d", Name: "C v. D", Status: "pending", Filed: "2026-02-01"}}, "FR": {}, "US": {}}
	for code, want := range wantCases {
		if diff := cmp.Diff(want, rep.CountryDetails[code].Cases); diff != "" {
			t.Errorf("%s's cases (-want +got):\n%s", code, diff)
		}
	}
	// Contested: the period's total, and only the countries that contested some.
	if len(ch.Contested) != 1 || ch.Contested[0].Total != 4 || len(ch.Contested[0].Countries) != 1 || ch.Contested[0].Countries[0].Code != "DE" {
		t.Errorf("contested = %+v, want 2026-Q1: 4, all from DE", ch.Contested)
	}
}

func TestNotifications(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	notice := func(p report.Period, country, basis string, gag, notified int64) report.NotificationRow {
		return report.NotificationRow{Period: p, Country: country, LegalBasis: basis, Measures: map[string]report.Count{
			"gag_order": report.Exactly(gag), "notified": report.Exactly(notified), "delayed_notice": report.NotPublished(), "emergency_no_notice": report.NotPublished()}}
	}
	var sources []report.Source
	for i := 1; i <= 2; i++ {
		sources = append(sources, report.Source{Period: q(2026, i), Team: "emea", Rows: []report.Row{counted(q(2026, i), "DE", "court_order", 10, 10, 1, 1, 1, 7)},
			Notifications: []report.NotificationRow{notice(q(2026, i), "ZZ", "not_broken_down", 10, 20), notice(q(2026, i), "DE", "search_warrant", int64(i), 1)}})
	}
	n := build(t, sources, tax).Notifications
	if n.Kind != "quarter" || n.Latest != "2026-Q2" || !n.ByCountry || !n.ByLegalBasis {
		t.Errorf("kind %q, latest %q, by country %v, by legal basis %v; want quarter, 2026-Q2, true, true", n.Kind, n.Latest, n.ByCountry, n.ByLegalBasis)
	}
	var trend []string
	for _, p := range n.Trend {
		trend = append(trend, p.Period+" "+p.Totals["gag_order"].String()+" "+p.Totals["delayed_notice"].String())
	}
	if diff := cmp.Diff([]string{"2026-Q1 11 not published", "2026-Q2 12 not published"}, trend); diff != "" {
		t.Errorf("trend: gag orders and late notices (-want +got):\n%s", diff)
	}
	var periods, countries []string
	for _, p := range n.Periods {
		periods = append(periods, p.Period)
	}
	for _, g := range n.Periods[2].Countries {
		countries = append(countries, g.Requester.Code+" "+g.Figures["notified"].String())
	}
	if diff := cmp.Diff([]string{"2026-Q2", "2026-Q1", "2026-H1"}, periods); diff != "" {
		t.Errorf("periods, newest start first (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"DE 2", "ZZ 40"}, countries); diff != "" {
		t.Errorf("2026-H1 by country, ZZ last (-want +got):\n%s", diff)
	}
}

func TestSegments(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	row := func(p report.Period, country, segment string, requests int64) report.Row {
		r := counted(p, country, "court_order", requests, requests, 0, 0, 0, requests)
		r.Segment = segment
		return r
	}
	t.Run("no segment, no figures", func(t *testing.T) {
		rep := build(t, []report.Source{{Period: q(2026, 1), Team: "emea", Rows: []report.Row{row(q(2026, 1), "DE", "", 5)}}}, tax)
		if rep.Segments != nil || rep.CountryDetails["DE"].Segments != nil {
			t.Errorf("segments %+v, want none", rep.Segments)
		}
	})
	t.Run("split, with rows that name none", func(t *testing.T) {
		rep := build(t, []report.Source{
			{Period: q(2026, 1), Team: "emea", Rows: []report.Row{row(q(2026, 1), "DE", "consumer", 5), row(q(2026, 1), "DE", "enterprise", 2), row(q(2026, 1), "FR", "", 3)}},
			{Period: q(2026, 2), Team: "emea", Rows: []report.Row{row(q(2026, 2), "FR", "consumer", 4)}},
		}, tax)
		var trend []string
		for _, p := range rep.Segments.Trend {
			trend = append(trend, p.Period+" "+p.Requests["consumer"].String()+" "+p.Requests["enterprise"].String()+" "+p.Unsplit.String())
		}
		if diff := cmp.Diff([]string{"2026-Q1 5 2 3", "2026-Q2 4 0 0"}, trend); diff != "" {
			t.Errorf("trend: consumer, enterprise, not split (-want +got):\n%s", diff)
		}
		if !rep.Segments.Unsplit || rep.Segments.LatestUnsplit != nil || len(rep.Segments.Latest) != 1 {
			t.Errorf("unsplit %v, latest unsplit %v, latest %+v; want true, none, consumer only", rep.Segments.Unsplit, rep.Segments.LatestUnsplit, rep.Segments.Latest)
		}
		de := rep.CountryDetails["DE"].Segments
		if got := de.Trend[1].Requests["consumer"]; !got.IsZero() {
			t.Errorf("DE in 2026-Q2, without requests: consumer %v, want 0", got)
		}
	})
}
