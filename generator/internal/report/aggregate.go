package report

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Key identifies one cell of the aggregated table: the requests of one
// country under one legal basis, segment and request type in one period. A
// new dimension of the report is a new field here.
type Key struct {
	Period      Period
	Country     string // ISO 3166-1 alpha-2, XK, or a requester that is not a country (ZZ, UN, EU)
	LegalBasis  string // taxonomy key
	Segment     string // taxonomy key; empty when the source does not split segments
	RequestType string // taxonomy key; empty when the source does not split by what requests named
	Storage     string // taxonomy storage-location key; empty when not known
	StoredIn    string // where data stored in another country was; empty when not known
}

// Table is the sources added up: one cell per key, in every period that
// exists. It holds figures only; what the site shows of them (ranks, shares,
// series, labels) is the view's business.
type Table struct {
	// Cells are the tallies by key. Teams' rows for the same key are added
	// together, and every row is added into the longer periods that contain
	// its own, where those exist.
	Cells map[Key]*Tally
	// Periods are the periods that exist, ordered by Period.Compare: every
	// source period, and every longer period whose shorter parts all exist.
	Periods []Period
	// Teams are the teams whose workbooks a period adds up, sorted.
	Teams map[Period][]string
	// Given says which periods the sources give; the others are rolled up
	// from their parts.
	Given map[Period]bool
	// SourceKind is the finest kind of period the sources are given in.
	SourceKind Kind
	// NationalSecurity are the published bands, ordered by the period they
	// cover (end, then start) and type.
	NationalSecurity []NationalSecurityRow
	// HasOutcomeCounts and HasPercentOnly say which kinds of outcome data
	// the sources hold.
	HasOutcomeCounts bool
	HasPercentOnly   bool
	// HasOutcomeGroups says that some row gave outcome counts without all of
	// its outcomes: the outcome groups' own figures are then worth showing.
	HasOutcomeGroups bool
	// HasRequestTypes says that some row names a request type: the figures
	// by request type are then worth showing.
	HasRequestTypes bool
	// HasStorage says that some row says where its data was stored (or
	// counts its requests for data stored abroad the older way).
	HasStorage bool
	// Challenges are the court cases, each as the latest period that lists
	// it says, newest filed first; Notifications the figures of telling
	// users, by period, country and legal basis, then measure key.
	Challenges    []Challenge
	Notifications map[NotificationKey]map[string]Count
}

// Aggregate adds the sources up into a table. It assumes sources that Check
// found no problem in.
func Aggregate(sources []Source, tax *taxonomy.Taxonomy) *Table {
	given := map[Period][]string{} // period → teams
	for _, s := range sources {
		given[s.Period] = append(given[s.Period], s.Team)
	}
	t := &Table{Cells: map[Key]*Tally{}, Teams: rollUps(given), Given: map[Period]bool{}, SourceKind: Year,
		Challenges: latestChallenges(sources), Notifications: map[NotificationKey]map[string]Count{}}
	for p := range given {
		t.Given[p] = true
		t.SourceKind = min(t.SourceKind, p.Kind)
	}
	for p := range t.Teams {
		t.Periods = append(t.Periods, p)
	}
	slices.SortFunc(t.Periods, Period.Compare)

	for _, s := range sources {
		for _, r := range s.Rows {
			for p, ok := r.Period, true; ok && t.Teams[p] != nil; p, ok = p.Parent() {
				k := Key{Period: p, Country: r.Country, LegalBasis: r.LegalBasis, Segment: r.Segment, RequestType: r.RequestType, Storage: r.Storage, StoredIn: r.StoredIn}
				if t.Cells[k] == nil {
					t.Cells[k] = &Tally{}
				}
				t.Cells[k].AddRow(r, tax)
			}
			t.HasRequestTypes = t.HasRequestTypes || r.RequestType != ""
			t.HasStorage = t.HasStorage || r.Storage != "" || r.Extraterritorial != nil
			if r.Outcomes != nil {
				t.HasOutcomeCounts = true
				for _, o := range tax.Outcomes {
					t.HasOutcomeGroups = t.HasOutcomeGroups || !r.Outcome(tax, o).IsExact()
				}
			} else if r.DisclosedPercent != nil {
				t.HasPercentOnly = true
			}
		}
		t.NationalSecurity = append(t.NationalSecurity, s.NationalSecurity...)
	}
	aggregateNotifications(t, sources)
	slices.SortStableFunc(t.NationalSecurity, func(a, b NationalSecurityRow) int {
		return cmp.Or(cmp.Compare(a.Period.End(), b.Period.End()), cmp.Compare(a.Period.Start(), b.Period.Start()), cmp.Compare(a.Type, b.Type))
	})
	return t
}

// rollUps decides which periods exist: every source period, and every longer
// period whose shorter parts all exist. It returns the teams per period.
func rollUps(given map[Period][]string) map[Period][]string {
	available := map[Period][]string{}
	for p, teams := range given {
		available[p] = sortedUnique(teams)
	}
	for _, kind := range []Kind{Half, Year} {
		candidates := map[Period]bool{}
		for p := range available {
			if parent, ok := p.Parent(); ok && parent.Kind == kind && available[parent] == nil {
				candidates[parent] = true
			}
		}
		for parent := range candidates {
			var teams []string
			complete := true
			for _, c := range parent.Children() {
				if available[c] == nil {
					complete = false
				}
				teams = append(teams, available[c]...)
			}
			if complete {
				available[parent] = sortedUnique(teams)
			}
		}
	}
	return available
}

func sortedUnique(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
