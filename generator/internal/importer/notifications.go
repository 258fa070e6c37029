package importer

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// KindNotifications is a table of the figures of telling users, one
// measure per row (GitHub's "gag order", "notification", "exigent
// circumstances"): its measure field names the measure (the taxonomy's
// notification_measures), its count field the figure. Rows of the same
// period, country and legal basis make one notification row.
const KindNotifications = "notifications"

// readNotice is one row of a notifications table: one measure.
type readNotice struct {
	where      report.Location
	cols       report.NotificationColumns
	key        report.NotificationKey
	measure    string
	count      report.Count
	measureCol int
	table      *Table
}

// notificationsTable checks the fields of a notifications table. Country
// and legal basis may be left out: the figures are then not broken down
// by them (ZZ, and the taxonomy's legal basis for figures not split).
func (c *checker) notificationsTable(t *Table) {
	const count = ruleColumns | ruleThousands | ruleBlankZero | ruleBlankSkip | ruleLessThan | ruleRange | ruleNotPublished | ruleConstant | ruleBlankMissing
	c.required(t, "period", t.Period, ruleColumns|ruleFrom|ruleBy|ruleKindDate|ruleValues|ruleConstant|ruleBlankSkip)
	c.optional(t, "country", t.Country, ruleBy|ruleValues|ruleConstant|ruleBlankSkip|ruleNameColumn)
	c.optional(t, "legal_basis", t.LegalBasis, ruleValues|ruleConstant|ruleBlankSkip)
	c.required(t, "measure", t.Measure, ruleValues|ruleConstant|ruleBlankSkip)
	c.required(t, "count", t.Count, count)
	c.refuse(t, requestFields(t, map[string]*Field{"requests": t.Requests, "accounts": t.Accounts, "note": t.Note, "type": t.Type}), "is not for notifications tables")
	if t.Duplicates == "sum" {
		c.addf(t.label+".duplicates", "notifications tables take only \"error\": a measure given twice for a period, country and legal basis is a mistake")
	}
	c.period(t)
	c.country(t)
	c.lookup(t, "legal_basis", t.LegalBasis)
	c.lookup(t, "measure", t.Measure)
}

// notice reads one row of a notifications table.
func (r *rowReader) notice() readNotice {
	t := r.t
	n := readNotice{where: r.in.where(r.num, 0), cols: report.NotificationColumns{Country: r.col(t.Country), LegalBasis: r.col(t.LegalBasis), Measures: map[string]int{}}}
	n.key.Period, _ = r.period(t.Period)
	r.rowPeriod = n.key.Period
	n.key.Country = countries.NotByCountry
	if t.Country != nil {
		n.key.Country, _ = r.country(t.Country)
	}
	n.key.LegalBasis = notBrokenDown(r.imp.tax)
	if t.LegalBasis != nil {
		n.key.LegalBasis, _ = r.key(t.LegalBasis, r.imp.tax.LegalBasis)
	}
	n.measure, _ = r.key(t.Measure, r.imp.tax.NotificationMeasure)
	n.count, _ = r.figure(t.Count)
	n.measureCol = r.col(t.Count)
	return n
}

// notBrokenDown is the legal basis of figures not split by one.
func notBrokenDown(tax *taxonomy.Taxonomy) string {
	for _, b := range tax.LegalBases {
		if b.Unsplit {
			return b.Key
		}
	}
	return ""
}

// notificationRows gathers the notices into one row per period, country
// and legal basis, located at the first of their rows; every measure is
// present, not published where no row gives it. A measure given twice is
// a problem, named at its second row.
func (imp *importer) notificationRows() map[report.Period][]report.NotificationRow {
	type group struct {
		row   report.NotificationRow
		first map[string]report.Location
	}
	groups := map[report.NotificationKey]*group{}
	var order []report.NotificationKey
	for _, n := range imp.notices {
		g := groups[n.key]
		if g == nil {
			row := report.NotificationRow{Where: n.where, Cols: n.cols, Period: n.key.Period, Team: imp.m.Team, Country: n.key.Country, LegalBasis: n.key.LegalBasis, Measures: map[string]report.Count{}}
			row.Cols.Measures, row.MeasureAt = map[string]int{}, map[string]report.Location{}
			for _, m := range imp.tax.NotificationMeasures {
				row.Measures[m.Key] = report.NotPublished()
			}
			g = &group{row: row, first: map[string]report.Location{}}
			groups[n.key] = g
			order = append(order, n.key)
		}
		if first, seen := g.first[n.measure]; seen {
			imp.addAt(n.where, n.measureCol, "%s for %s, %s, %s is given twice: also in %s",
				taxonomy.Label(imp.tax.NotificationMeasure, n.measure), n.key.Period, n.key.Country, taxonomy.Label(imp.tax.LegalBasis, n.key.LegalBasis), report.RowName(first, n.where))
			continue
		}
		g.first[n.measure] = n.where
		g.row.Measures[n.measure] = n.count
		g.row.Cols.Measures[n.measure] = n.measureCol
		if n.where != g.row.Where {
			at := n.where
			at.Col = n.measureCol
			g.row.MeasureAt[n.measure] = at
		}
	}
	out := map[report.Period][]report.NotificationRow{}
	for _, k := range order {
		out[k.Period] = append(out[k.Period], groups[k].row)
	}
	for _, rows := range out {
		slices.SortStableFunc(rows, func(a, b report.NotificationRow) int {
			return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.LegalBasis, b.LegalBasis))
		})
	}
	return out
}

// leaveNoticesWithoutRequests leaves out, and notes, the notices of a
// period that has no request figures: the report would show it as a
// period of no requests, and not published is not zero.
func (imp *importer) leaveNoticesWithoutRequests(byPeriod map[report.Period]*report.Source) {
	kept := imp.notices[:0]
	for _, n := range imp.notices {
		if byPeriod[n.key.Period] != nil {
			kept = append(kept, n)
			continue
		}
		for i := range imp.res.Files {
			if f := &imp.res.Files[i]; f.File == n.where.File && f.Table == n.table.name() {
				f.Imported--
			}
		}
		imp.leave(n.where.File, n.table, n.where.Row, 0, fmt.Sprintf("the figures of telling users for %s, a period without request figures, which the report cannot show without showing its requests as none", n.key.Period), true)
	}
	imp.notices = kept
}
