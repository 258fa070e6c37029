package release

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/report"
)

var (
	np      = report.NotPublished()
	exactly = report.Exactly
)

func key(period, country, measure string) Key {
	return Key{Period: period, Country: country, LegalBasis: "court_order", Measure: measure}
}

func TestReadFigures(t *testing.T) {
	csv := "period,country_code,legal_basis,requests,requests_min,requests_max,accounts,outcome_requests,outcome_content,notes\n" +
		"2026-Q1,DE,court_order,1987,1987,1987,,5,5,a note\n" +
		"2026-Q1,US,court_order,,11000,12000,30,0,,\n" +
		"2026-Q1,FR,court_order,,5000,,,0,,\n" +
		"2026-Q1,IT,court_order,,,,,0,,\n"
	got, err := ReadFigures([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	want := Figures{
		key("2026-Q1", "DE", "requests"): exactly(1987), key("2026-Q1", "DE", "accounts"): np, key("2026-Q1", "DE", "outcome_content"): exactly(5),
		key("2026-Q1", "US", "requests"): report.Between(11000, 12000), key("2026-Q1", "US", "accounts"): exactly(30), key("2026-Q1", "US", "outcome_content"): np,
		key("2026-Q1", "FR", "requests"): report.AtLeast(5000), key("2026-Q1", "FR", "accounts"): np, key("2026-Q1", "FR", "outcome_content"): np,
		key("2026-Q1", "IT", "requests"): np, key("2026-Q1", "IT", "accounts"): np, key("2026-Q1", "IT", "outcome_content"): np,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
}

func TestCompare(t *testing.T) {
	de := key("2026-Q1", "DE", "requests")
	for _, tt := range []struct {
		name          string
		before, after Figures
		want          []Change
		restated      bool
	}{
		{"unchanged", Figures{de: exactly(5)}, Figures{de: exactly(5)}, nil, false},
		{"new period", Figures{de: exactly(5)}, Figures{de: exactly(5), key("2026-Q2", "DE", "requests"): exactly(7)},
			[]Change{{Key: key("2026-Q2", "DE", "requests"), Kind: New, After: exactly(7)}}, false},
		{"no release", nil, Figures{de: exactly(5)}, []Change{{Key: de, Kind: New, After: exactly(5)}}, false},
		{"changed", Figures{de: exactly(1987)}, Figures{de: exactly(1990)}, []Change{{Key: de, Kind: Changed, Before: exactly(1987), After: exactly(1990)}}, true},
		{"removed", Figures{de: exactly(5)}, Figures{}, []Change{{Key: de, Kind: Removed, Before: exactly(5)}}, true},
		{"not published before", Figures{de: np}, Figures{de: exactly(5)}, []Change{{Key: de, Kind: Changed, Before: np, After: exactly(5)}}, true},
		{"not published after", Figures{de: exactly(5)}, Figures{de: np}, []Change{{Key: de, Kind: Changed, Before: exactly(5), After: np}}, true},
		{"range to exact", Figures{de: report.Between(11000, 12000)}, Figures{de: exactly(11500)},
			[]Change{{Key: de, Kind: Changed, Before: report.Between(11000, 12000), After: exactly(11500)}}, true},
		{"same range", Figures{de: report.Between(1, 9)}, Figures{de: report.Between(1, 9)}, nil, false},
		{"sorted by period, country, requests before accounts",
			Figures{},
			Figures{key("2026-Q2", "AT", "requests"): exactly(1), key("2026-Q1", "FR", "accounts"): exactly(2), key("2026-Q1", "FR", "requests"): exactly(3)},
			[]Change{
				{Key: key("2026-Q1", "FR", "requests"), Kind: New, After: exactly(3)},
				{Key: key("2026-Q1", "FR", "accounts"), Kind: New, After: exactly(2)},
				{Key: key("2026-Q2", "AT", "requests"), Kind: New, After: exactly(1)},
			}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.before, tt.after)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("changes (-want +got):\n%s", diff)
			}
			if r := Restated(got); r != tt.restated {
				t.Errorf("Restated = %v, want %v", r, tt.restated)
			}
		})
	}
}

func TestWriteText(t *testing.T) {
	changes := Compare(
		Figures{key("2026-Q2", "DE", "requests"): exactly(1987), key("2026-Q2", "DE", "accounts"): np, key("2026-Q1", "FR", "requests"): exactly(3)},
		Figures{key("2026-Q2", "DE", "requests"): exactly(1990), key("2026-Q2", "DE", "accounts"): exactly(2001), key("2026-Q3", "DE", "requests"): report.Between(11000, 12000)})
	var b bytes.Buffer
	if err := WriteText(&b, "2026-Q2", "sources/corrections.toml", changes); err != nil {
		t.Fatal(err)
	}
	want := `Compared with the published release 2026-Q2.

Changed (published figures; each needs an entry in sources/corrections.toml):
  2026-Q2 DE court_order: requests 1,987 → 1,990; accounts not published → 2,001

Removed (published figures the sources no longer have):
  2026-Q1 FR court_order: requests 3 → removed

New (not in the release):
  2026-Q3 DE court_order: requests 11,000–12,000

2 published figure(s) changed, 1 removed, 1 new.
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	b.Reset()
	if err := WriteCSV(&b, changes); err != nil {
		t.Fatal(err)
	}
	wantCSV := "period,country_code,legal_basis,request_type,measure,before,after,kind\n" +
		"2026-Q1,FR,court_order,,requests,3,,removed\n" +
		"2026-Q2,DE,court_order,,requests,1987,1990,changed\n" +
		"2026-Q2,DE,court_order,,accounts,not published,2001,changed\n" +
		"2026-Q3,DE,court_order,,requests,,11000-12000,new\n"
	if diff := cmp.Diff(wantCSV, b.String()); diff != "" {
		t.Errorf("csv (-want +got):\n%s", diff)
	}
}

func TestCheckCorrections(t *testing.T) {
	const path = "sources/corrections.toml"
	de := key("2026-Q1", "DE", "requests")
	fr := key("2026-Q1", "FR", "requests")
	q1 := Published{Key: "2026-Q1", Figures: Figures{de: exactly(1987), fr: exactly(40)}}
	cells := func(k Key) []report.Location {
		if k == de {
			return []report.Location{{File: "sources/2026-Q1/emea.xlsx", Sheet: "Requests", Row: 2, Col: 4}}
		}
		return nil
	}
	correction := func(measure, before, after string) report.Correction {
		return report.Correction{Date: "2026-07-20", Period: "2026-Q1", Country: "DE", LegalBasis: "court_order", Measure: measure, Before: before, After: after, Reason: "counted twice", Entry: 1}
	}
	missing := `sources/2026-Q1/emea.xlsx: Requests!D2: 2026-Q1 DE court_order requests: published as 1,987 in release 2026-Q1, now 1,990; a published figure changes only with a correction: add to sources/corrections.toml a [[correction]] with date, period = "2026-Q1", country = "DE", legal_basis = "court_order", measure = "requests", before = "1987", after = "1990" and the reason`
	for _, tt := range []struct {
		name        string
		releases    []Published
		current     Figures
		corrections []report.Correction
		want        []string
	}{
		{"nothing changed", []Published{q1}, Figures{de: exactly(1987), fr: exactly(40)}, nil, nil},
		{"no release yet", nil, Figures{de: exactly(1990)}, nil, nil},
		{"new figures only", []Published{q1}, Figures{de: exactly(1987), fr: exactly(40), key("2026-Q2", "DE", "requests"): exactly(1)}, nil, nil},
		{"restated without an entry", []Published{q1}, Figures{de: exactly(1990), fr: exactly(40)}, nil, []string{missing}},
		{"restated with its entry", []Published{q1}, Figures{de: exactly(1990), fr: exactly(40)}, []report.Correction{correction("requests", "1,987", "1990")}, nil},
		{"removed without an entry", []Published{q1}, Figures{de: exactly(1987)}, nil, []string{
			`sources/corrections.toml: 2026-Q1 FR court_order requests: published as 40 in release 2026-Q1, now removed; a published figure changes only with a correction: add to sources/corrections.toml a [[correction]] with date, period = "2026-Q1", country = "FR", legal_basis = "court_order", measure = "requests", before = "40", after = "removed" and the reason`,
		}},
		{"entry before does not match", []Published{q1}, Figures{de: exactly(1990), fr: exactly(40)}, []report.Correction{correction("requests", "1986", "1990")}, []string{
			"sources/corrections.toml: [[correction]] 1 (2026-Q1 DE court_order requests): before is 1,986, but release 2026-Q1 published 1,987",
		}},
		{"entry after does not match", []Published{q1}, Figures{de: exactly(1990), fr: exactly(40)}, []report.Correction{correction("requests", "1987", "not published")}, []string{
			"sources/corrections.toml: [[correction]] 1 (2026-Q1 DE court_order requests): after is not published, but the sources now give 1,990",
		}},
		{"entry for a figure that did not change", []Published{q1}, Figures{de: exactly(1987), fr: exactly(40)}, []report.Correction{correction("requests", "1980", "1987")}, []string{
			"sources/corrections.toml: [[correction]] 1 (2026-Q1 DE court_order requests): no release published 2026-Q1 DE court_order requests as 1,980; the figure did not change since release 2026-Q1 (it is 1,987 in the sources)",
		}},
		{"entry that corrects nothing", []Published{q1}, Figures{de: exactly(1987), fr: exactly(40)}, []report.Correction{correction("requests", "1987", "1987")}, []string{
			"sources/corrections.toml: [[correction]] 1 (2026-Q1 DE court_order requests): before and after are both 1,987: the entry corrects nothing",
		}},
		{"entry carried by a later release", []Published{q1, {Key: "2026-Q2", Figures: Figures{de: exactly(1990), fr: exactly(40)}}}, Figures{de: exactly(1990), fr: exactly(40)},
			[]report.Correction{correction("requests", "1987", "1990")}, nil},
		{"entry without a release", nil, Figures{de: exactly(1990)}, []report.Correction{correction("requests", "1987", "1990")}, []string{
			"sources/corrections.toml: [[correction]] 1 (2026-Q1 DE court_order requests): no release has been published yet, so there is nothing to correct",
		}},
		{"not published to a range", []Published{{Key: "2026-Q1", Figures: Figures{de: np}}}, Figures{de: report.Between(10, 19)},
			[]report.Correction{correction("requests", "not published", "10-19")}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			probs := CheckCorrections(tt.releases, tt.current, tt.corrections, path, cells)
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCells(t *testing.T) {
	q1, err := report.ParsePeriod("2026-Q1")
	if err != nil {
		t.Fatal(err)
	}
	at := func(row int) report.Location { return report.Location{File: "emea.xlsx", Sheet: "Requests", Row: row} }
	cols := report.Columns{Requests: 4, Accounts: 5, Outcomes: map[string]int{"content": 6}}
	sources := []report.Source{{Rows: []report.Row{
		{Where: at(2), Cols: cols, Period: q1, Country: "DE", LegalBasis: "court_order"},
		{Where: at(3), Cols: cols, Period: q1, Country: "DE", LegalBasis: "subpoena"},
		{Where: at(4), Cols: cols, Period: q1, Country: "DE", LegalBasis: "court_order", Segment: "enterprise"},
	}}}
	var got []string
	for _, l := range Cells(sources)(key("2026-Q1", "DE", "outcome_content")) {
		got = append(got, l.Where())
	}
	if want := []string{"emea.xlsx: Requests!F2", "emea.xlsx: Requests!F4"}; !cmp.Equal(want, got) {
		t.Errorf("cells = %v, want %v", got, want)
	}
}
