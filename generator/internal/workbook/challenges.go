package workbook

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// The optional sheets of court cases and of telling users. A workbook made
// before them, without them, stays valid: a sheet that is missing is read
// as empty.
const (
	ChallengesSheet    = "Challenges"
	NotificationsSheet = "Notifications"
)

// The columns of the Challenges sheet.
const (
	colChName = 1 + iota
	colChCourt
	colChCountry
	colChLegalBasis
	colChFiled
	colChStatus
	colChDecided
	colChSummary
	colChLink
	colChRequests
	colChAccounts
)

var challengeHeaders = []string{"Case", "Court", "Country", "Legal basis challenged", "Date filed", "Status", "Date decided", "Summary", "Documents (link)", "Requests concerned", "Accounts concerned"}

var challengeColumns = report.ChallengeColumns{
	Name: colChName, Court: colChCourt, Country: colChCountry, LegalBasis: colChLegalBasis, Filed: colChFiled,
	Status: colChStatus, Decided: colChDecided, Summary: colChSummary, Link: colChLink, Requests: colChRequests, Accounts: colChAccounts,
}

// The columns of the Notifications sheet: the measures follow the legal
// basis, one per taxonomy measure, then the note.
const (
	colNoCountry = 1 + iota
	colNoLegalBasis
	colNoFirstMeasure
)

func notificationHeaders(tax *taxonomy.Taxonomy) []string {
	return append(append([]string{"Country", "Legal basis"}, englishLabels(tax.NotificationMeasures)...), "Note")
}

func notificationColumns(tax *taxonomy.Taxonomy) report.NotificationColumns {
	cols := report.NotificationColumns{Country: colNoCountry, LegalBasis: colNoLegalBasis, Note: colNoFirstMeasure + len(tax.NotificationMeasures), Measures: map[string]int{}}
	for i, m := range tax.NotificationMeasures {
		cols.Measures[m.Key] = colNoFirstMeasure + i
	}
	return cols
}

// optionalSheet reports whether the workbook has sheet, which it may leave
// out; hasSheet then checks it like any other.
func (r *reader) optionalSheet(sheet string) bool {
	i, _ := r.f.GetSheetIndex(sheet)
	return i >= 0
}

// challenges reads the Challenges sheet.
func (r *reader) challenges() []report.Challenge {
	if !r.optionalSheet(ChallengesSheet) {
		return nil
	}
	var out []report.Challenge
	r.dataRows(ChallengesSheet, challengeHeaders, nil, func(rowNum int, cells []Cell) {
		c := &rowCheck{r: r, sheet: ChallengesSheet, row: rowNum, cells: cells}
		ch := report.Challenge{
			Where: report.Location{File: r.path, Sheet: ChallengesSheet, Row: rowNum}, Cols: challengeColumns,
			Period: r.period, Team: r.team,
			Name: c.required(colChName, "case name"), Court: c.required(colChCourt, "court"),
			Country: c.country(colChCountry, true), Summary: c.text(colChSummary),
		}
		ch.LegalBasis = c.entry(colChLegalBasis, r.tax.LegalBasis, "legal basis", true).Key
		ch.Status = c.entry(colChStatus, r.tax.ChallengeStatus, "status", true, r.tax.ChallengeStatuses...).Key
		ch.Filed = c.date(colChFiled, "date filed", true)
		ch.Decided = c.date(colChDecided, "date decided", false)
		if text := c.text(colChLink); text != "" {
			link, err := report.ParseLink(text)
			if err != nil {
				c.failf(colChLink, "documents: %v", err)
			}
			ch.Link = link
		}
		ch.Requests = c.optionalFigure(colChRequests, "requests concerned")
		ch.Accounts = c.optionalFigure(colChAccounts, "accounts concerned")
		if !c.failed {
			out = append(out, ch)
		}
	})
	return out
}

// notifications reads the Notifications sheet.
func (r *reader) notifications() []report.NotificationRow {
	if !r.optionalSheet(NotificationsSheet) {
		return nil
	}
	cols := notificationColumns(r.tax)
	var out []report.NotificationRow
	r.dataRows(NotificationsSheet, notificationHeaders(r.tax), nil, func(rowNum int, cells []Cell) {
		c := &rowCheck{r: r, sheet: NotificationsSheet, row: rowNum, cells: cells}
		row := report.NotificationRow{
			Where: report.Location{File: r.path, Sheet: NotificationsSheet, Row: rowNum}, Cols: cols,
			Period: r.period, Team: r.team, Note: c.text(cols.Note),
			Country: c.country(colNoCountry, false), LegalBasis: c.entry(colNoLegalBasis, r.tax.LegalBasis, "legal basis", false).Key,
			Measures: map[string]report.Count{},
		}
		// Blank country and legal basis: the figures are not broken down by them.
		if row.Country == "" && c.text(colNoCountry) == "" {
			row.Country = countries.NotByCountry
		}
		if row.LegalBasis == "" && c.text(colNoLegalBasis) == "" {
			row.LegalBasis = notBrokenDown(r.tax)
		}
		given := false
		for _, m := range r.tax.NotificationMeasures {
			row.Measures[m.Key] = c.optionalFigure(cols.Measures[m.Key], m.English())
			given = given || c.text(cols.Measures[m.Key]) != ""
		}
		if !given {
			c.failf(colNoFirstMeasure, "the row gives no figure: fill at least one of %s", joinLabels(r.tax.NotificationMeasures))
		}
		if !c.failed {
			out = append(out, row)
		}
	})
	return out
}

// notBrokenDown is the legal basis of figures not broken down by one.
func notBrokenDown(tax *taxonomy.Taxonomy) string {
	for _, b := range tax.LegalBases {
		if b.Unsplit {
			return b.Key
		}
	}
	return ""
}

func joinLabels(entries []taxonomy.Entry) string {
	labels := englishLabels(entries)
	out := ""
	for i, l := range labels {
		switch {
		case i == 0:
		case i == len(labels)-1:
			out += " or "
		default:
			out += ", "
		}
		out += l
	}
	return out
}

// required is a text cell that must not be blank.
func (c *rowCheck) required(col int, name string) string {
	text := c.text(col)
	if text == "" {
		c.failf(col, "%s is empty", name)
	}
	return text
}

// country reads a requester's code; "" when blank or wrong.
func (c *rowCheck) country(col int, required bool) string {
	text := c.text(col)
	if text == "" {
		if required {
			c.failf(col, "country is empty")
		}
		return ""
	}
	code, err := countries.Canonical(text)
	if err != nil {
		c.failf(col, "%v", err)
	}
	return code
}

// date reads a day (report.ParseDate), from a date cell or text.
func (c *rowCheck) date(col int, name string, required bool) string {
	text := c.text(col)
	if text == "" {
		if required {
			c.failf(col, "%s is empty", name)
		}
		return ""
	}
	day, err := report.ParseDate(text)
	if err != nil {
		c.failf(col, "%s: %v", name, err)
	}
	return day
}

// optionalFigure is a figure that may be left blank: not published.
func (c *rowCheck) optionalFigure(col int, name string) report.Count {
	if n, ok := c.figure(col, name, false); ok {
		return n
	}
	return report.NotPublished()
}

// writeChallenge writes one case as the reader reads it back.
func writeChallenge(f *excelize.File, tax *taxonomy.Taxonomy, rowNum int, ch report.Challenge) error {
	values := map[int]any{
		colChName: ch.Name, colChCourt: ch.Court, colChCountry: ch.Country,
		colChLegalBasis: taxonomy.Label(tax.LegalBasis, ch.LegalBasis), colChFiled: ch.Filed,
		colChStatus: taxonomy.Label(tax.ChallengeStatus, ch.Status), colChDecided: ch.Decided,
		colChSummary: ch.Summary, colChLink: ch.Link,
	}
	for col, n := range map[int]report.Count{colChRequests: ch.Requests, colChAccounts: ch.Accounts} {
		if n.Published() {
			values[col] = figureValue(n)
		}
	}
	return setCells(f, ChallengesSheet, rowNum, values)
}

// writeNotification writes one row of the Notifications sheet.
func writeNotification(f *excelize.File, tax *taxonomy.Taxonomy, rowNum int, row report.NotificationRow) error {
	cols := notificationColumns(tax)
	values := map[int]any{cols.Note: row.Note}
	if row.Country != countries.NotByCountry {
		values[colNoCountry] = row.Country
	}
	if row.LegalBasis != notBrokenDown(tax) {
		values[colNoLegalBasis] = taxonomy.Label(tax.LegalBasis, row.LegalBasis)
	}
	for key, n := range row.Measures {
		if n.Published() {
			values[cols.Measures[key]] = figureValue(n)
		}
	}
	return setCells(f, NotificationsSheet, rowNum, values)
}

// challengesSheet writes the Challenges sheet's header and checks.
func (w *templateWriter) challengesSheet() error {
	widths := []float64{36, 30, 10, 30, 12, 12, 12, 50, 40, 12, 12}
	if err := w.headerRow(ChallengesSheet, challengeHeaders, widths); err != nil {
		return err
	}
	validations := []*excelize.DataValidation{
		dropDown(w.columnRange(colChCountry, colChCountry), w.countryList, "Country", "Where the court sits: the ISO 3166-1 two-letter code, such as DE or US."),
		dropDown(w.columnRange(colChLegalBasis, colChLegalBasis), w.legalBasisList, "Legal basis", "The kind of legal process the case challenges."),
		dropDown(w.columnRange(colChStatus, colChStatus), w.challengeStatusList, "Status", "Where the case stands: pending, won, lost, settled or withdrawn."),
		wholeNumbers(w.columnRange(colChRequests, colChAccounts)),
	}
	for _, col := range []int{colChFiled, colChDecided} {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = w.columnRange(col, col)
		dv.SetInput(challengeHeaders[col-1], "Write the day as 2026-03-14 (year, month, day).")
		validations = append(validations, dv)
	}
	for _, dv := range validations {
		if err := w.f.AddDataValidation(ChallengesSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// notificationsSheet writes the Notifications sheet's header and checks.
func (w *templateWriter) notificationsSheet() error {
	widths := []float64{10, 34}
	for range w.tax.NotificationMeasures {
		widths = append(widths, 18)
	}
	widths = append(widths, 40)
	if err := w.headerRow(NotificationsSheet, notificationHeaders(w.tax), widths); err != nil {
		return err
	}
	if err := w.f.SetRowHeight(NotificationsSheet, 1, 45); err != nil {
		return err
	}
	validations := []*excelize.DataValidation{
		dropDown(w.columnRange(colNoCountry, colNoCountry), w.countryList, "Country", "Leave blank for figures not broken down by country."),
		dropDown(w.columnRange(colNoLegalBasis, colNoLegalBasis), w.legalBasisList, "Legal basis", "Leave blank for figures not broken down by legal basis."),
	}
	if n := len(w.tax.NotificationMeasures); n > 0 {
		validations = append(validations, wholeNumbers(w.columnRange(colNoFirstMeasure, colNoFirstMeasure+n-1)))
	}
	for _, dv := range validations {
		if err := w.f.AddDataValidation(NotificationsSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

// challengeInstructions explain the two sheets on the Instructions sheet.
func challengeInstructions(tax *taxonomy.Taxonomy) []instructionLine {
	lines := []instructionLine{
		{},
		{"Challenges sheet", ""},
		{"", "Optional: one row per case in which we challenged a government's demand in court. List a case again in each period's workbook while it goes on, as it stands at the end of the period."},
		{"Case", "Required: the case's name, as the court gives it. With the country and the date filed, it makes the case's permanent address on the site: keep it the same from one period to the next."},
		{"Court", "Required: the court that hears the case."},
		{"Country", "Required: the two-letter code of the country where the court sits."},
		{"Legal basis challenged", "Required: the kind of legal process we challenged, from the legal bases below."},
		{"Date filed", "Required: the day the case was filed, as 2026-03-14."},
		{"Status", fmt.Sprintf("Required: one of %s (see below).", joinLabels(tax.ChallengeStatuses))},
		{"Date decided", "The day the case was decided, as 2026-03-14: required for every status but Pending, and left blank while the case is pending."},
		{"Summary", "Optional: what the case is about and what was decided, in a sentence or two, for the public."},
		{"Documents (link)", "Optional: the public address of the case's documents, starting with https://."},
		{"Requests concerned", "Optional: how many requests the case concerns. Leave blank if not published."},
		{"Accounts concerned", "Optional: how many accounts the case concerns. Leave blank if not published."},
	}
	for _, s := range tax.ChallengeStatuses {
		lines = append(lines, instructionLine{s.English(), s.Description["en"]})
	}
	lines = append(lines,
		instructionLine{},
		instructionLine{"Notifications sheet", ""},
		instructionLine{"", "Optional: what became of the notice we owe a user whose data was requested. One row per country and legal basis where you know them; leave Country, Legal basis or both blank for figures not broken down by them. Leave a figure blank if it is not known."},
	)
	for _, m := range tax.NotificationMeasures {
		lines = append(lines, instructionLine{m.English(), m.Description["en"]})
	}
	return lines
}
