package workbook

import (
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// templateRows is how many rows of the Requests and National security sheets
// get drop-downs and number checks in a blank template, header included.
const templateRows = 5000

// Template returns a blank workbook for team's period p, with instructions,
// drop-down lists and number checks. Save it with File.Write or File.SaveAs.
// Its bytes are deterministic as far as excelize allows: no timestamps are
// added beyond excelize's fixed ones.
func Template(tax *taxonomy.Taxonomy, p report.Period, team string) (*excelize.File, error) {
	layout := newRequestsLayout(tax)
	optional := len(layout.optionalHeaders())
	f, err := newTemplate(tax, p, team, templateRows, optional)
	if err != nil {
		return nil, err
	}
	if err := writeOptionalHeaders(f, layout, optional); err != nil {
		f.Close()
		return nil, fmt.Errorf("write workbook template: %w", err)
	}
	return f, nil
}

// Build returns a workbook for src filled with its rows, as the demo data and
// the importer of historical reports write them. Numbers are stored as
// numbers; nil pointers and a nil outcome map leave their cells blank. The
// rows' Where, Period and Team are ignored: the source's period and team are
// written on the About sheet.
func Build(tax *taxonomy.Taxonomy, src report.Source) (*excelize.File, error) {
	lastRow := max(templateRows, len(src.Rows)+1, len(src.NationalSecurity)+1, len(src.Challenges)+1, len(src.Notifications)+1)
	layout := newRequestsLayout(tax)
	optional := layout.optionalUsed(src.Rows)
	f, err := newTemplate(tax, src.Period, src.Team, lastRow, optional)
	if err != nil {
		return nil, err
	}
	if err := writeOptionalHeaders(f, layout, optional); err != nil {
		f.Close()
		return nil, fmt.Errorf("build %s: %w", RequestsSheet, err)
	}
	for i, row := range src.Rows {
		if err := writeRequestRow(f, tax, layout, i+2, row); err != nil {
			f.Close()
			return nil, fmt.Errorf("build %s row %d: %w", RequestsSheet, i+2, err)
		}
	}
	for i, row := range src.NationalSecurity {
		if err := writeNationalSecurityRow(f, tax, i+2, row); err != nil {
			f.Close()
			return nil, fmt.Errorf("build %s row %d: %w", NationalSecuritySheet, i+2, err)
		}
	}
	for i, ch := range src.Challenges {
		if err := writeChallenge(f, tax, i+2, ch); err != nil {
			f.Close()
			return nil, fmt.Errorf("build %s row %d: %w", ChallengesSheet, i+2, err)
		}
	}
	for i, row := range src.Notifications {
		if err := writeNotification(f, tax, i+2, row); err != nil {
			f.Close()
			return nil, fmt.Errorf("build %s row %d: %w", NotificationsSheet, i+2, err)
		}
	}
	return f, nil
}

func writeRequestRow(f *excelize.File, tax *taxonomy.Taxonomy, layout requestsLayout, rowNum int, row report.Row) error {
	values := map[int]any{
		colCountry:         row.Country,
		colLegalBasis:      taxonomy.Label(tax.LegalBasis, row.LegalBasis),
		colSegment:         taxonomy.Label(tax.Segment, row.Segment),
		layout.requestType: taxonomy.Label(tax.RequestType, row.RequestType),
		colRequests:        figureValue(row.Requests),
		colAccounts:        figureValue(row.Accounts),
		layout.note:        row.Note,
		layout.storage:     taxonomy.Label(tax.StorageLocation, row.Storage),
		layout.storedIn:    row.StoredIn,
	}
	for key, n := range row.Outcomes {
		values[layout.columns.Outcomes[key]] = figureValue(n)
	}
	if row.DisclosedPercent != nil {
		values[layout.percent] = *row.DisclosedPercent
	}
	if row.Extraterritorial != nil {
		values[layout.extraterritorial] = *row.Extraterritorial
	}
	if row.Contested != nil {
		values[layout.contested] = *row.Contested
	}
	return setCells(f, RequestsSheet, rowNum, values)
}

func writeNationalSecurityRow(f *excelize.File, tax *taxonomy.Taxonomy, rowNum int, row report.NationalSecurityRow) error {
	values := map[int]any{
		colNSType:     taxonomy.Label(tax.NationalSecurity, row.Type),
		colNSRequests: bandText(row.Requests),
		colNSAccounts: bandText(row.Accounts),
		colNSNote:     row.Note,
	}
	if !row.Period.IsZero() {
		values[colNSPeriod] = row.Period.String()
	}
	return setCells(f, NationalSecuritySheet, rowNum, values)
}

// figureValue is how a workbook holds a figure: an exact count as a number,
// anything else as the text that report.ParseCount reads back.
func figureValue(n report.Count) any {
	if v, ok := n.Value(); ok {
		return v
	}
	return n.String()
}

// writeOptionalHeaders adds the headers of the first used optional columns
// (requestsLayout.optionalUsed), so that a workbook whose rows need none
// has the template's header row.
func writeOptionalHeaders(f *excelize.File, layout requestsLayout, used int) error {
	values := map[int]any{}
	for i, h := range layout.optionalHeaders()[:used] {
		values[layout.note+1+i] = h
	}
	return setCells(f, RequestsSheet, 1, values)
}

// setCells writes values by column in one row, leaving empty strings blank.
// Strings are always stored as text, so that a period such as 2026 stays the
// text the reader expects.
func setCells(f *excelize.File, sheet string, rowNum int, values map[int]any) error {
	for _, col := range slices.Sorted(maps.Keys(values)) {
		var err error
		switch v := values[col].(type) {
		case string:
			if v != "" {
				err = f.SetCellStr(sheet, cellName(col, rowNum), v)
			}
		default:
			err = f.SetCellValue(sheet, cellName(col, rowNum), v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func bandText(b report.Band) string {
	switch {
	case b.Published != "":
		return b.Published
	case b.Open:
		return strconv.FormatInt(b.Low, 10) + "+"
	}
	return report.BandOf(b.Low, b.High).Published
}

// templateWriter fills a new workbook's sheets.
type templateWriter struct {
	f           *excelize.File
	tax         *taxonomy.Taxonomy
	layout      requestsLayout
	lastRow     int // last row that gets drop-downs and number checks
	optional    int // how many of the optional Requests columns the workbook has
	headerStyle int
	titleStyle  int
	wrapStyle   int

	// The drop-down sources on the Lists sheet, such as Lists!$A$2:$A$251.
	countryList, legalBasisList, segmentList, nationalSecurityList string
	storageList                                                    string
	challengeStatusList                                            string
}

func newTemplate(tax *taxonomy.Taxonomy, p report.Period, team string, lastRow, optional int) (*excelize.File, error) {
	if p.IsZero() {
		return nil, fmt.Errorf("write workbook template: no period")
	}
	f := excelize.NewFile()
	w := &templateWriter{f: f, tax: tax, layout: newRequestsLayout(tax), lastRow: lastRow, optional: optional}
	steps := []func() error{
		w.sheetsAndStyles,
		func() error { return w.instructions(p, team) },
		func() error { return w.about(p, team) },
		w.lists, // before the sheets whose drop-downs refer to it
		w.requests,
		w.nationalSecurity,
		w.challengesSheet,
		w.notificationsSheet,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			f.Close()
			return nil, fmt.Errorf("write workbook template: %w", err)
		}
	}
	return f, nil
}

func (w *templateWriter) sheetsAndStyles() error {
	if err := w.f.SetSheetName("Sheet1", InstructionsSheet); err != nil {
		return err
	}
	for _, name := range []string{AboutSheet, RequestsSheet, NationalSecuritySheet, ChallengesSheet, NotificationsSheet, ListsSheet} {
		if _, err := w.f.NewSheet(name); err != nil {
			return err
		}
	}
	if err := w.f.SetSheetVisible(ListsSheet, false); err != nil {
		return err
	}
	if err := w.f.SetDocProps(&excelize.DocProperties{
		Creator: "transparency-report generator",
		Title:   "Government requests for user data",
	}); err != nil {
		return err
	}
	var err error
	w.headerStyle, err = w.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	})
	if err != nil {
		return err
	}
	w.titleStyle, err = w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	if err != nil {
		return err
	}
	w.wrapStyle, err = w.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	return err
}

// headerRow writes a styled, frozen header row and sets column widths.
func (w *templateWriter) headerRow(sheet string, headers []string, widths []float64) error {
	for i, h := range headers {
		if err := w.f.SetCellStr(sheet, cellName(i+1, 1), h); err != nil {
			return err
		}
		col := columnName(i + 1)
		if err := w.f.SetColWidth(sheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := w.f.SetCellStyle(sheet, "A1", cellName(len(headers), 1), w.headerStyle); err != nil {
		return err
	}
	return w.f.SetPanes(sheet, &excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	})
}

func (w *templateWriter) about(p report.Period, team string) error {
	values := []string{p.String(), team, "", ""}
	for i, label := range aboutLabels {
		if err := w.f.SetCellStr(AboutSheet, cellName(1, i+1), label); err != nil {
			return err
		}
		if values[i] != "" {
			if err := w.f.SetCellStr(AboutSheet, cellName(aboutValueCol, i+1), values[i]); err != nil {
				return err
			}
		}
	}
	if err := w.f.SetCellStyle(AboutSheet, "A1", cellName(1, len(aboutLabels)), w.headerStyle); err != nil {
		return err
	}
	if err := w.f.SetColWidth(AboutSheet, "A", "A", 16); err != nil {
		return err
	}
	return w.f.SetColWidth(AboutSheet, "B", "B", 60)
}

// lists writes the hidden sheet that the drop-down lists take their values
// from: a list typed into a validation itself may hold only 255 characters.
func (w *templateWriter) lists() error {
	codes := countries.All()
	columns := []struct {
		header string
		values []string
		width  float64
		ref    *string
	}{
		{"Code", codes, 8, &w.countryList},
		{"Country", countryNames(codes), 40, nil},
		{"Legal basis", englishLabels(w.tax.LegalBases), 36, &w.legalBasisList},
		{"Segment", englishLabels(w.tax.Segments), 14, &w.segmentList},
		{"National-security type", englishLabels(w.tax.NationalSecurityType), 30, &w.nationalSecurityList},
		{storageHeader, englishLabels(w.tax.StorageLocations), 26, &w.storageList},
		{"Challenge status", englishLabels(w.tax.ChallengeStatuses), 14, &w.challengeStatusList},
	}
	headers := make([]string, len(columns))
	widths := make([]float64, len(columns))
	for i, c := range columns {
		headers[i], widths[i] = c.header, c.width
		col := i + 1
		for j, v := range c.values {
			if err := w.f.SetCellStr(ListsSheet, cellName(col, j+2), v); err != nil {
				return err
			}
		}
		if c.ref != nil {
			*c.ref = fmt.Sprintf("%s!$%s$2:$%s$%d", ListsSheet, columnName(col), columnName(col), len(c.values)+1)
		}
	}
	return w.headerRow(ListsSheet, headers, widths)
}

// countryNames are the names the Lists sheet gives the codes: CLDR's, but
// for ZZ, whose CLDR name "Unknown Region" would tell the one filling in the
// workbook the wrong thing, what to type it for.
func countryNames(codes []string) []string {
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = countries.Name(code, "en")
		if code == countries.NotByCountry {
			names[i] = "Not by country: worldwide figures, or the rest of the world"
		}
	}
	return names
}

func englishLabels(entries []taxonomy.Entry) []string {
	labels := make([]string, len(entries))
	for i, e := range entries {
		labels[i] = e.English()
	}
	return labels
}

func (w *templateWriter) requests() error {
	l := w.layout
	widths := []float64{10, 34, 14, 12, 12}
	for range l.outcomes {
		widths = append(widths, 16)
	}
	widths = append(widths, 12, 16, 14, 40)
	if err := w.headerRow(RequestsSheet, l.headers(), widths); err != nil {
		return err
	}
	if err := w.f.SetRowHeight(RequestsSheet, 1, 45); err != nil {
		return err
	}
	validations := []*excelize.DataValidation{
		dropDown(w.columnRange(colCountry, colCountry), w.countryList,
			"Country", "The ISO 3166-1 two-letter code, such as DE or US."),
		dropDown(w.columnRange(colLegalBasis, colLegalBasis), w.legalBasisList,
			"Legal basis", "The kind of legal process; see the Instructions sheet."),
		dropDown(w.columnRange(colSegment, colSegment), w.segmentList,
			"Segment", "Leave blank unless your team splits consumer and enterprise customers."),
		wholeNumbers(w.columnRange(colRequests, l.lastOutcome()) + " " + w.columnRange(l.extraterritorial, l.contested)),
		percentage(w.columnRange(l.percent, l.percent)),
	}
	validations = append(validations, w.storageDropDowns()...)
	for _, dv := range validations {
		if err := w.f.AddDataValidation(RequestsSheet, dv); err != nil {
			return err
		}
	}
	return nil
}

func (w *templateWriter) nationalSecurity() error {
	if err := w.headerRow(NationalSecuritySheet, nationalSecurityHeaders, []float64{16, 30, 14, 14, 40}); err != nil {
		return err
	}
	dv := dropDown(w.columnRange(colNSType, colNSType), w.nationalSecurityList,
		"Type", "The kind of national-security request; see the Instructions sheet.")
	return w.f.AddDataValidation(NationalSecuritySheet, dv)
}

// columnRange is the range of data rows in columns first to last, such as D2:I5000.
func (w *templateWriter) columnRange(first, last int) string {
	return cellName(first, 2) + ":" + cellName(last, w.lastRow)
}

// dropDown offers the values of a Lists range. It only warns about other
// values, because the reader also accepts keys and lower-case codes.
func dropDown(sqref, listRef, title, prompt string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.SetSqrefDropList(listRef)
	dv.SetInput(title, prompt)
	dv.SetError(excelize.DataValidationErrorStyleWarning, title, "This value is not in the list.")
	return dv
}

func wholeNumbers(sqref string) *excelize.DataValidation {
	return numberRule(sqref, "whole", "Whole number", "Write a whole number, 0 or more.", "0")
}

func percentage(sqref string) *excelize.DataValidation {
	dv := numberRule(sqref, "decimal", "Percent disclosed", "Write a number from 0 to 100, such as 45.5.", "0", "100")
	dv.SetInput("Percent disclosed", "Only for old data without outcome counts: a number from 0 to 100, such as 45.5.")
	return dv
}

// numberRule refuses a value of the cells of sqref that is not a number of
// the kind ("whole" or "decimal") from bounds[0] (to bounds[1] when given).
func numberRule(sqref, kind, title, message string, bounds ...string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.Type = kind
	dv.Operator = "greaterThanOrEqual"
	dv.Formula1 = bounds[0]
	if len(bounds) > 1 {
		dv.Operator, dv.Formula2 = "between", bounds[1]
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, title, message)
	return dv
}
