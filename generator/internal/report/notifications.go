package report

import (
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// NotificationRow is one line of a team's Notifications sheet: what became
// of the notice owed to users for the requests of one country under one
// legal basis in one period, where the team knows them that finely.
type NotificationRow struct {
	Where  Location // the row (Col 0) it was read from
	Cols   NotificationColumns
	Period Period
	Team   string
	// Country is a requester's code as a row's; ZZ where the figures are
	// not broken down by country.
	Country string
	// LegalBasis is a taxonomy key; not_broken_down where the figures are
	// not broken down by legal basis.
	LegalBasis string
	// Measures are by taxonomy notification-measure key, as published:
	// every measure is present, not published where the cell is blank.
	Measures map[string]Count
	// MeasureAt locates the cells of measures read from other rows than
	// Where's (an import's rows of one measure each), by measure key.
	MeasureAt map[string]Location
	Note      string
}

// measureWhere is the cell of one measure, for a message about it.
func (r NotificationRow) measureWhere(key string) (Location, int) {
	if at, ok := r.MeasureAt[key]; ok {
		return at, at.Col
	}
	return r.Where, r.Cols.Measures[key]
}

// NotificationColumns are the 1-based columns of a notification row's
// fields, as Columns are a request row's.
type NotificationColumns struct {
	Country, LegalBasis, Note int
	Measures                  map[string]int // by measure key
}

// The measures that Check compares: notice given late is a part of the
// users notified.
const (
	MeasureNotified      = "notified"
	MeasureDelayedNotice = "delayed_notice"
)

// NotificationKey identifies one cell of the notification figures: a
// country under one legal basis in one period.
type NotificationKey struct {
	Period     Period
	Country    string
	LegalBasis string
}

// checkNotifications reports figures of a row that cannot both be true and
// a row given twice within a group of checkTeams.
func checkNotifications(sources []Source, groups []string, tax *taxonomy.Taxonomy, probs *problem.List) {
	type rowKey struct {
		group string
		NotificationKey
	}
	firstOf := map[rowKey]Location{}
	for i, src := range sources {
		for _, row := range src.Notifications {
			checkNote(row.Where, row.Cols.Note, row.Note, probs)
			notified, delayed := row.Measures[MeasureNotified], row.Measures[MeasureDelayedNotice]
			if notified.Bounded() && delayed.Published() && delayed.Min > notified.Upper() {
				where, col := row.measureWhere(MeasureDelayedNotice)
				probs.Add(at(where, col, "%v users notified late is more than the %v users notified: notice given late is a part of them", delayed, notified))
			}
			key := rowKey{groups[i], NotificationKey{row.Period, row.Country, row.LegalBasis}}
			if first, seen := firstOf[key]; seen {
				probs.Add(at(row.Where, row.Cols.Country, "same period, country and legal basis as %s (%s, %s)", RowName(first, row.Where), row.Country, taxonomy.Label(tax.LegalBasis, row.LegalBasis)))
				continue
			}
			firstOf[key] = row.Where
		}
	}
}

// aggregateNotifications adds the notification rows up by period, country
// and legal basis, into t.Notifications. A row counts in the longer periods
// that contain its own only where every part of the longer period has
// notification figures: a year of which one quarter gave none would
// otherwise read as the whole year's.
func aggregateNotifications(t *Table, sources []Source) {
	given := map[Period]bool{}
	for _, s := range sources {
		if len(s.Notifications) > 0 {
			given[s.Period] = true
		}
	}
	var covered func(p Period) bool
	covered = func(p Period) bool {
		if given[p] {
			return true
		}
		for _, c := range p.Children() {
			if !covered(c) {
				return false
			}
		}
		return len(p.Children()) > 0
	}
	for _, s := range sources {
		for _, r := range s.Notifications {
			for p, ok := r.Period, true; ok && t.Teams[p] != nil && covered(p); p, ok = p.Parent() {
				k := NotificationKey{Period: p, Country: r.Country, LegalBasis: r.LegalBasis}
				if t.Notifications[k] == nil {
					t.Notifications[k] = map[string]Count{}
				}
				for key, n := range r.Measures {
					t.Notifications[k][key] = t.Notifications[k][key].Plus(n)
				}
			}
		}
	}
}
