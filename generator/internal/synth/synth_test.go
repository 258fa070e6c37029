package synth

import (
	"testing"

	"reflect"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestSources: the synthetic sources have every quarter, team, country
// and applicable legal basis; the model's check accepts them; each row's
// outcomes add up to its requests; the same seed gives the same sources and
// another seed other figures.
func TestSources(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	if err := countries.Load(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []Scale{{Years: 1, Teams: 2, Seed: 1}, {Years: 2, Teams: 1, Seed: 7}} {
		sources := Sources(s, tax)
		if want := 4 * s.Years * s.Teams; len(sources) != want {
			t.Fatalf("%+v: %d sources, want %d", s, len(sources), want)
		}
		if got := sources[len(sources)-1].Period; got != Last {
			t.Errorf("%+v: last period %s, want %s", s, got, Last)
		}
		wantRows := len(countries.All()) * len(everywhereBases(tax))
		for _, src := range sources {
			if len(src.Rows) != wantRows {
				t.Fatalf("%s %s: %d rows, want %d", src.Period, src.Team, len(src.Rows), wantRows)
			}
			for _, r := range src.Rows {
				var sum int64
				for _, c := range r.Outcomes {
					sum += c.Min
				}
				if sum != r.Requests.Min {
					t.Fatalf("%s %s %s: outcomes add up to %d, requests %d", src.Period, r.Country, r.LegalBasis, sum, r.Requests.Min)
				}
			}
		}
		if probs := report.Check(sources, tax); probs.Err() != nil {
			t.Errorf("%+v: the model's check refuses the synthetic sources: %v", s, probs.Err())
		}
	}
	a, b := Sources(Scale{Years: 1, Teams: 1, Seed: 3}, tax), Sources(Scale{Years: 1, Teams: 1, Seed: 3}, tax)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different sources")
	}
	if c := Sources(Scale{Years: 1, Teams: 1, Seed: 4}, tax); reflect.DeepEqual(a, c) {
		t.Error("another seed gave the same sources")
	}
}
