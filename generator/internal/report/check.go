package report

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// DuplicateRowProblem starts the message about a row given twice, so that a
// front-end can recognise it and add advice of its own after the same words.
// The message goes on to name the segment, and the request type where the
// rows name one: "same period, country, legal basis and segment as row 2
// (...)".
const DuplicateRowProblem = "same period, country, legal basis"

// Check finds every problem of meaning in the sources, whichever front-end
// read them: figures that contradict each other, and rows, bands, periods or
// workbooks given twice, which the report would count twice. The readers
// have already checked that each cell holds a value of the right kind; Check
// names the cell of each problem from the row's Where and Cols.
func Check(sources []Source, tax *taxonomy.Taxonomy) problem.List {
	var probs problem.List
	groups := checkTeams(sources, &probs)
	checkPeriods(sources, &probs)
	checkRows(sources, groups, tax, &probs)
	checkBands(sources, tax, &probs)
	checkChallenges(sources, tax, &probs)
	checkNotifications(sources, groups, tax, &probs)
	return probs
}

// at is a problem in one cell of the row at where.
func at(where Location, col int, format string, args ...any) problem.Problem {
	p := where
	p.Col = col
	p.Msg = fmt.Sprintf(format, args...)
	return p
}

// checkTeams reports a team that fills two workbooks for the same period,
// whose rows would otherwise be counted twice. It returns the group of each
// source within which a row may be given once: the period and team, or the
// file itself for a second workbook of a team, whose rows are then not
// reported again one by one.
func checkTeams(sources []Source, probs *problem.List) []string {
	groups := make([]string, len(sources))
	firstFileOf := map[string]string{} // by period and team
	for i, src := range sources {
		groups[i] = "file " + src.File
		if src.Team == "" || src.Period.IsZero() {
			continue
		}
		key := src.Period.String() + "|" + strings.ToLower(src.Team)
		if first, seen := firstFileOf[key]; seen {
			where := src.TeamAt
			if where.File == "" {
				where.File = src.File
			}
			probs.Add(at(where, where.Col, "team %q already has a workbook for %s: %s", src.Team, src.Period, first))
			continue
		}
		firstFileOf[key] = src.File
		groups[i] = "team " + key
	}
	return groups
}

// checkPeriods reports a source period inside another source period
// (2026-Q1 and 2026-H1), whose requests the longer one already counts.
func checkPeriods(sources []Source, probs *problem.List) {
	given := map[Period]bool{}
	for _, src := range sources {
		given[src.Period] = true
	}
	for _, src := range sources {
		if src.Period.IsZero() {
			continue
		}
		for longer, ok := src.Period.Parent(); ok; longer, ok = longer.Parent() {
			if given[longer] {
				probs.Add(at(sourceWhere(src), 0, "period %s lies inside period %s, which is also given: its requests would be counted twice", src.Period, longer))
			}
		}
	}
}

// sourceWhere locates a source: its file, or, for an import, the first row
// read for its period.
func sourceWhere(src Source) Location {
	if src.File != "" {
		return Location{File: src.File}
	}
	var where []Location
	for _, row := range src.Rows {
		where = append(where, row.Where)
	}
	for _, band := range src.NationalSecurity {
		where = append(where, band.Where)
	}
	var first Location
	for i, w := range where {
		if i == 0 || cmp.Or(strings.Compare(w.File, first.File), strings.Compare(w.Sheet, first.Sheet), cmp.Compare(w.Row, first.Row)) < 0 {
			first = w
		}
	}
	return first
}

// checkRows reports a row whose figures contradict each other, and a row
// given twice within a group of checkTeams.
func checkRows(sources []Source, groups []string, tax *taxonomy.Taxonomy, probs *problem.List) {
	type rowKey struct {
		group       string
		period      Period
		country     string
		legalBasis  string
		segment     string
		requestType string
		storage     string
		storedIn    string
	}
	firstOf := map[rowKey]Location{}
	for i, src := range sources {
		for _, row := range src.Rows {
			checkFigures(row, tax, probs)
			checkNote(row.Where, row.Cols.Note, row.Note, probs)
			checkStorage(row, tax, probs)
			key := rowKey{groups[i], row.Period, row.Country, row.LegalBasis, row.Segment, row.RequestType, row.Storage, row.StoredIn}
			if first, seen := firstOf[key]; seen {
				same := " and segment as "
				switch {
				case row.RequestType != "" && row.Storage != "":
					same = ", segment, request type and storage as "
				case row.RequestType != "":
					same = ", segment and request type as "
				case row.Storage != "":
					same = ", segment and storage as "
				}
				probs.Add(at(row.Where, row.Cols.Country, DuplicateRowProblem+same+"%s (%s)", RowName(first, row.Where), Describe(row, tax)))
				continue
			}
			firstOf[key] = row.Where
		}
	}
}

// checkNote reports a note that CheckText refuses. The readers only read
// text; what text may say is checked here, once for every front-end.
func checkNote(where Location, col int, note string, probs *problem.List) {
	if err := CheckText(note); err != nil {
		probs.Add(at(where, col, "note %v", err))
	}
}

// checkFigures reports figures of one row that cannot all be true. A
// range or a figure not published contradicts another only where even its
// bounds do.
func checkFigures(row Row, tax *taxonomy.Taxonomy, probs *problem.List) {
	if row.Outcomes != nil {
		checkOutcomes(row, tax, probs)
	}
	for _, part := range []struct {
		name  string
		count *int64
		col   int
	}{
		{"extraterritorial", row.Extraterritorial, row.Cols.Extraterritorial},
		{"contested in court", row.Contested, row.Cols.Contested},
	} {
		if part.count != nil && row.Requests.Bounded() && *part.count > row.Requests.Upper() {
			probs.Add(at(row.Where, part.col, "%s %d is more than the %v requests", part.name, *part.count, row.Requests))
		}
	}
}

// checkOutcomes reports outcome counts that leave some outcome blank, a
// group whose outcomes add up to another figure than the group's, and
// outcomes that add up to more than the requests.
func checkOutcomes(row Row, tax *taxonomy.Taxonomy, probs *problem.List) {
	for _, o := range tax.Outcomes {
		if _, ok := row.Outcomes[o.Key]; !ok {
			probs.Add(at(row.Where, row.Cols.Outcomes[o.Key], "only some outcome counts are given: give all %d, with \"not published\" for any the source did not publish, or none", len(tax.Outcomes)))
			return
		}
	}
	var all Count
	for _, group := range tax.OutcomeGroups {
		given, ok := row.Outcomes[group.Key]
		var leaves Count
		for _, leaf := range tax.Leaves(group) {
			leaves.Add(row.Outcomes[leaf.Key])
		}
		switch {
		case !ok || !given.Published():
		case leaves.IsExact() && given.IsExact() && leaves.Min != given.Min:
			probs.Add(at(row.Where, row.Cols.Outcomes[group.Key], "%s %v is not the sum of its outcomes, %v", group.English(), given, leaves))
		case given.Bounded() && leaves.Min > given.Upper():
			probs.Add(at(row.Where, row.Cols.Outcomes[group.Key], "%s %v is less than its outcomes, which add up to %v", group.English(), given, leaves))
		}
		all.Add(row.Outcome(tax, group))
	}
	if row.Requests.Bounded() && all.Min > row.Requests.Upper() {
		probs.Add(at(row.Where, row.Cols.Requests, "outcomes add up to %v, more than the %v requests", all, row.Requests))
	}
	if row.DisclosedPercent != nil {
		probs.Add(at(row.Where, row.Cols.Percent, "percent disclosed %v is given together with outcome counts: give one or the other", *row.DisclosedPercent))
	}
}

// checkBands reports a band published before the end of the period it
// covers, and a band given twice for a period and type: bands are
// company-wide, so this holds across sources too.
func checkBands(sources []Source, tax *taxonomy.Taxonomy, probs *problem.List) {
	type bandKey struct {
		period Period
		kind   string
	}
	firstOf := map[bandKey]Location{}
	for _, src := range sources {
		for _, band := range src.NationalSecurity {
			checkNote(band.Where, band.Cols.Note, band.Note, probs)
			if !band.ReportedIn.IsZero() && band.Period.End() > band.ReportedIn.End() {
				probs.Add(at(band.Where, band.Cols.Period, "period covered %s ends after the workbook's period %s", band.Period, band.ReportedIn))
			}
			key := bandKey{band.Period, band.Type}
			if first, seen := firstOf[key]; seen {
				probs.Add(at(band.Where, band.Cols.Period, "same period covered and type as %s (%s, %s)",
					RowName(first, band.Where), band.Period, taxonomy.Label(tax.NationalSecurity, band.Type)))
				continue
			}
			firstOf[key] = band.Where
		}
	}
}

// Describe names a row's country, legal basis and segment, and its request
// type where it has one, for messages about another row: "FR, Court order,
// no segment", "FR, Court order, Consumer, Push token".
func Describe(row Row, tax *taxonomy.Taxonomy) string {
	segment := "no segment"
	if row.Segment != "" {
		segment = taxonomy.Label(tax.Segment, row.Segment)
	}
	s := fmt.Sprintf("%s, %s, %s", row.Country, taxonomy.Label(tax.LegalBasis, row.LegalBasis), segment)
	if row.RequestType != "" {
		s += ", " + taxonomy.Label(tax.RequestType, row.RequestType)
	}
	if row.Storage != "" {
		s += ", data stored " + strings.ToLower(taxonomy.Label(tax.StorageLocation, row.Storage))
	}
	if row.StoredIn != "" {
		s += " (" + row.StoredIn + ")"
	}
	return s
}

// RowName names the row at loc for a message about the row at from: "row 5"
// in the same sheet, "sources/2026-Q2/legal.xlsx row 2" in another file,
// with the sheet's name where it differs.
func RowName(loc, from Location) string {
	switch {
	case loc.File == from.File && loc.Sheet == from.Sheet:
		return fmt.Sprintf("row %d", loc.Row)
	case loc.Sheet == from.Sheet || loc.Sheet == "":
		return fmt.Sprintf("%s row %d", loc.File, loc.Row)
	}
	return fmt.Sprintf("%s: %s row %d", loc.File, loc.Sheet, loc.Row)
}

// CheckPublication reports a publication day (About.Published, read from
// aboutPath) on which the release being published, that of the latest
// period, could not be published: one before that period ends (a
// report.toml left from the release before), or one on which the law does
// not yet let the report publish a national-security band of the latest
// period's workbooks, one that covers a period which ended fewer days
// before than the type's publication_delay_days. Earlier workbooks were
// published on days the sources do not record, and without a publication
// day nothing is checked.
func CheckPublication(sources []Source, about About, aboutPath string, tax *taxonomy.Taxonomy) problem.List {
	var probs problem.List
	if about.Published == nil {
		return probs
	}
	published := about.PublishedOn()
	var latest Period
	for _, src := range sources {
		if latest.IsZero() || src.Period.End() > latest.End() {
			latest = src.Period
		}
	}
	if !latest.IsZero() && published <= latest.End() {
		probs.Addf(aboutPath, "", 0, 0, "published is %s, but the latest period, %s, ends on %s: a release is published after its period ends; give the day this release is published", published, latest, latest.End())
	}
	for _, src := range sources {
		if src.Period != latest {
			continue
		}
		for _, band := range src.NationalSecurity {
			kind, ok := tax.NationalSecurity(band.Type)
			if !ok || band.Period.IsZero() {
				continue
			}
			end, err := time.Parse(time.DateOnly, band.Period.End())
			if err != nil {
				continue
			}
			from := end.AddDate(0, 0, kind.PublicationDelayDays).Format(time.DateOnly)
			if from > published {
				probs.Add(at(band.Where, band.Cols.Period, "%s for %s (ended %s) may be published only from %s, %d days after the period, under 50 U.S.C. § 1874(b); this report is published on %s (%s: published)",
					kind.English(), band.Period, band.Period.End(), from, kind.PublicationDelayDays, published, AboutFile))
			}
		}
	}
	return probs
}
