package workbook

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Read reads the workbook at path, whose folder name is the period it must
// cover. It checks that each cell holds a value of the right kind; what the
// values mean together is report.Check's to say. Every problem found is
// added to probs; the returned Source holds the rows that had none. Its
// period is the folder's, or About!B1's when the folder is not named for a
// period.
func Read(path string, tax *taxonomy.Taxonomy, probs *problem.List) report.Source {
	src := report.Source{File: path, TeamAt: report.Location{File: path, Sheet: AboutSheet, Row: aboutTeamRow, Col: aboutValueCol}}
	folderPeriod, err := report.ParsePeriod(filepath.Base(filepath.Dir(path)))
	if err != nil {
		probs.Addf(path, "", 0, 0, "folder name: %v", err)
	}
	f, sheets, err := Open(path)
	if err != nil {
		probs.Addf(path, "", 0, 0, "%v", err)
		src.Period = folderPeriod
		return src
	}
	defer f.Close()
	defer sheets.Close()

	r := &reader{path: path, f: f, sheets: sheets, tax: tax, probs: probs}
	r.period, r.team = r.about(folderPeriod)
	src.Period, src.Team = r.period, r.team
	src.Rows = r.requests()
	src.NationalSecurity = r.nationalSecurity()
	src.Challenges = r.challenges()
	src.Notifications = r.notifications()
	return src
}

// reader reads one open workbook.
type reader struct {
	path   string
	f      *excelize.File
	sheets *Sheets
	tax    *taxonomy.Taxonomy
	probs  *problem.List
	period report.Period // zero when neither the folder nor About!B1 gives one
	team   string
}

func (r *reader) addf(sheet string, row, col int, format string, args ...any) {
	r.probs.Addf(r.path, sheet, row, col, format, args...)
}

// hasSheet reports whether the workbook has a sheet that can be read: one
// that is visible (a hidden sheet, perhaps a stale copy, would publish
// figures nobody sees), whose XML is whole and gives each row once.
func (r *reader) hasSheet(sheet string) bool {
	if i, _ := r.f.GetSheetIndex(sheet); i < 0 {
		names := r.f.GetSheetList()
		for i, n := range names {
			names[i] = strconv.Quote(n)
		}
		r.addf(sheet, 0, 0, "missing sheet: the workbook has the sheets %s; give the sheet its name back, or start from the template", strings.Join(names, ", "))
		return false
	}
	readable := r.sheets.Check(r.path, sheet, r.probs)
	if visible, err := r.f.GetSheetVisible(sheet); err == nil && !visible {
		r.addf(sheet, 0, 0, "the sheet is hidden; unhide it, so that the figures published are ones people see")
		return false
	}
	return readable
}

// value is one cell, its value trimmed. It is false when the cell could not
// be read, a problem that has then been reported.
func (r *reader) value(sheet string, col, row int) (Cell, bool) {
	v, err := r.f.GetCellValue(sheet, cellName(col, row), excelize.Options{RawCellValue: true})
	if err != nil {
		r.addf(sheet, row, col, "read cell: %v", err)
		return Cell{}, false
	}
	if v == "" && r.formulaWithoutValue(sheet, col, row) {
		return Cell{}, false
	}
	return r.sheets.Cell(sheet, col, row, strings.TrimSpace(v)), true
}

// formulaWithoutValue reports a formula whose result was never stored, as
// when a program other than a spreadsheet wrote the file: its value is
// unknown, not blank. Loading formulas parses the whole sheet once, so it is
// only asked about cells that read as empty, in sheets that have formulas.
func (r *reader) formulaWithoutValue(sheet string, col, row int) bool {
	if !r.sheets.HasFormulas(sheet) {
		return false
	}
	formula, err := r.f.GetCellFormula(sheet, cellName(col, row))
	if err != nil || formula == "" {
		return false
	}
	r.addf(sheet, row, col, "formula =%s has no cached value; open and save the file in a spreadsheet program", formula)
	return true
}

// checkHeader compares a header or label cell with the text it should hold,
// ignoring case and repeated spaces.
func (r *reader) checkHeader(sheet string, col, row int, got, want string) bool {
	got = strings.Join(strings.Fields(got), " ")
	switch {
	case strings.EqualFold(got, want):
		return true
	case got == "":
		r.addf(sheet, row, col, "header is missing, want %q", want)
	default:
		r.addf(sheet, row, col, "header is %q, want %q", got, want)
	}
	return false
}

// about reads the About sheet and returns the workbook's period and team.
func (r *reader) about(folder report.Period) (report.Period, string) {
	if !r.hasSheet(AboutSheet) {
		return folder, ""
	}
	for i, label := range aboutLabels {
		if got, ok := r.value(AboutSheet, 1, i+1); ok {
			r.checkHeader(AboutSheet, 1, i+1, got.Shown(), label)
		}
	}

	period := folder
	if cell, ok := r.value(AboutSheet, aboutValueCol, aboutPeriodRow); ok {
		text := cell.Shown()
		p, err := report.ParsePeriod(text)
		switch {
		case text == "":
			r.addf(AboutSheet, aboutPeriodRow, aboutValueCol, "period is empty")
		case kindNames[cell.Kind] != "":
			r.addf(AboutSheet, aboutPeriodRow, aboutValueCol, "%s is %s, not a period such as 2026-Q3, 2026-H1 or 2026", text, kindNames[cell.Kind])
		case err != nil:
			r.addf(AboutSheet, aboutPeriodRow, aboutValueCol, "%v", err)
		case folder.IsZero():
			period = p
		case p != folder:
			r.addf(AboutSheet, aboutPeriodRow, aboutValueCol, "period %s disagrees with folder %s", p, folder)
		}
	}

	cell, ok := r.value(AboutSheet, aboutValueCol, aboutTeamRow)
	team := cell.Shown()
	if ok && team == "" {
		r.addf(AboutSheet, aboutTeamRow, aboutValueCol, "team is empty")
	}
	return period, team
}

// dataRows calls fn with each row below the header of sheet that is not
// blank, its cells' values trimmed and padded to the number of headers. It reads no
// rows when the sheet is missing or its header is wrong, and skips rows with
// formulas that have no value.
// Optional headers may follow: a workbook may end before any of them, but
// those it has must be in order.
func (r *reader) dataRows(sheet string, headers, optional []string, fn func(row int, cells []Cell)) {
	if !r.hasSheet(sheet) {
		return
	}
	rows, err := r.f.Rows(sheet)
	if err != nil {
		r.addf(sheet, 0, 0, "read sheet: %v", err)
		return
	}
	defer rows.Close()
	// Rows yields every row number in turn, including those missing from
	// the file, so counting gives the row number.
	for rowNum := 1; rows.Next(); rowNum++ {
		raw, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			r.addf(sheet, rowNum, 0, "read row: %v", err)
			return
		}
		if rowNum == 1 {
			headerOK := true
			for i, want := range headers {
				headerOK = r.checkHeader(sheet, i+1, 1, r.sheets.Cell(sheet, i+1, 1, at(raw, i)).Shown(), want) && headerOK
			}
			for i, want := range optional {
				col := len(headers) + i + 1
				if blankFrom(raw, col-1) {
					break
				}
				headerOK = r.checkHeader(sheet, col, 1, r.sheets.Cell(sheet, col, 1, at(raw, col-1)).Shown(), want) && headerOK
			}
			if !headerOK {
				return
			}
			headers = slices.Concat(headers, optional)
			continue
		}
		cells := make([]Cell, len(headers))
		readable, blank := true, true
		for i := range cells {
			cells[i] = r.sheets.Cell(sheet, i+1, rowNum, strings.TrimSpace(at(raw, i)))
			// A cell that reads as "" inside the row may be a gap or a
			// formula without a value; blank cells past the end cannot.
			if i < len(raw) && raw[i] == "" && r.formulaWithoutValue(sheet, i+1, rowNum) {
				readable = false
			}
			blank = blank && cells[i].Value == ""
		}
		if readable && !blank {
			fn(rowNum, cells)
		}
	}
	if err := rows.Error(); err != nil {
		r.addf(sheet, 0, 0, "read sheet: %v", err)
	}
}

// blankFrom reports whether every cell from index i on is blank.
func blankFrom(cells []string, i int) bool {
	for ; i < len(cells); i++ {
		if strings.TrimSpace(cells[i]) != "" {
			return false
		}
	}
	return true
}

func at(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}

// rowCheck validates the cells of one data row, reporting each problem and
// remembering whether there was any.
type rowCheck struct {
	r      *reader
	sheet  string
	row    int
	cells  []Cell
	failed bool
}

func (c *rowCheck) failf(col int, format string, args ...any) {
	c.failed = true
	c.r.addf(c.sheet, c.row, col, format, args...)
}

// text is a cell as the spreadsheet shows it.
func (c *rowCheck) text(col int) string { return c.cells[col-1].Shown() }

// count reads an optional whole number of at least 0; nil when the cell is
// blank or wrong.
func (c *rowCheck) count(col int) *int64 {
	if c.text(col) == "" {
		return nil
	}
	n, err := c.cells[col-1].Count()
	if err != nil {
		c.failf(col, "%v", err)
		return nil
	}
	return &n
}

// figure reads a measure (Cell.Figure): a count, a range or "not
// published"; false when the cell is blank or wrong. A required figure left
// blank is a problem; name is how the message calls it.
func (c *rowCheck) figure(col int, name string, required bool) (report.Count, bool) {
	if c.text(col) == "" {
		if required {
			c.failf(col, "%s is empty; write %q if the source did not publish it", name, report.NotPublishedText)
		}
		return report.Count{}, false
	}
	n, err := c.cells[col-1].Figure()
	if err != nil {
		c.failf(col, "%v", err)
		return report.Count{}, false
	}
	return n, true
}

// entry looks up a taxonomy entry by key or label. A blank cell gives the
// zero Entry, and a problem when the cell is required. The message about a
// value not in the taxonomy names the allowed entries, when given, for a
// column that has no drop-down list to show them.
func (c *rowCheck) entry(col int, lookup func(string) (taxonomy.Entry, bool), what string, required bool, allowed ...taxonomy.Entry) taxonomy.Entry {
	text := c.text(col)
	if text == "" {
		if required {
			c.failf(col, "%s is empty", what)
		}
		return taxonomy.Entry{}
	}
	e, ok := lookup(text)
	switch {
	case !ok && allowed != nil:
		c.failf(col, "%q is not a %s in the taxonomy; write one of: %s", text, what, strings.Join(englishLabels(allowed), ", "))
	case !ok:
		c.failf(col, "%q is not a %s in the taxonomy", text, what)
	}
	return e
}

// requests reads the Requests sheet.
func (r *reader) requests() []report.Row {
	layout := newRequestsLayout(r.tax)
	var out []report.Row
	r.dataRows(RequestsSheet, layout.headers(), layout.optionalHeaders(), func(rowNum int, cells []Cell) {
		c := &rowCheck{r: r, sheet: RequestsSheet, row: rowNum, cells: cells}
		row := r.requestRow(c, layout)
		if !c.failed {
			out = append(out, row)
		}
	})
	return out
}

// requestRow reads one row of the Requests sheet.
func (r *reader) requestRow(c *rowCheck, layout requestsLayout) report.Row {
	row := report.Row{
		Where:  report.Location{File: r.path, Sheet: c.sheet, Row: c.row},
		Cols:   layout.columns,
		Period: r.period,
		Team:   r.team,
		Note:   c.text(layout.note),
	}

	if text := c.text(colCountry); text == "" {
		c.failf(colCountry, "country is empty")
	} else if code, err := countries.Canonical(text); err != nil {
		c.failf(colCountry, "%v", err)
	} else {
		row.Country = code
	}
	basis := c.entry(colLegalBasis, r.tax.LegalBasis, "legal basis", true)
	segment := c.entry(colSegment, r.tax.Segment, "segment", false)
	// The template has no Request type column, so no drop-down for it.
	requestType := c.entry(layout.requestType, r.tax.RequestType, "request type", false, r.tax.RequestTypes...)
	row.LegalBasis, row.Segment, row.RequestType = basis.Key, segment.Key, requestType.Key

	row.Requests, _ = c.figure(colRequests, "requests", true)
	row.Accounts, _ = c.figure(colAccounts, "accounts", true)
	row.Outcomes = r.outcomes(c, layout)
	if c.text(layout.percent) != "" {
		if pct, err := c.cells[layout.percent-1].Percent(); err != nil {
			c.failf(layout.percent, "%v", err)
		} else {
			row.DisclosedPercent = &pct
		}
	}
	row.Extraterritorial = c.count(layout.extraterritorial)
	row.Contested = c.count(layout.contested)
	row.Storage, row.StoredIn = r.storage(c, layout)
	return row
}

// outcomes reads the outcome and outcome-group figures that are filled;
// nil when none is, or one is wrong.
func (r *reader) outcomes(c *rowCheck, layout requestsLayout) map[string]report.Count {
	counts := map[string]report.Count{}
	wrong := false
	for _, o := range slices.Concat(layout.outcomes, layout.groups) {
		col := layout.columns.Outcomes[o.Key]
		if n, ok := c.figure(col, o.English(), false); ok {
			counts[o.Key] = n
		} else if c.text(col) != "" {
			wrong = true
		}
	}
	if len(counts) == 0 || wrong {
		return nil
	}
	return counts
}

// nationalSecurity reads the National security sheet.
func (r *reader) nationalSecurity() []report.NationalSecurityRow {
	var out []report.NationalSecurityRow
	r.dataRows(NationalSecuritySheet, nationalSecurityHeaders, nil, func(rowNum int, cells []Cell) {
		c := &rowCheck{r: r, sheet: NationalSecuritySheet, row: rowNum, cells: cells}
		row := report.NationalSecurityRow{
			Where:      report.Location{File: r.path, Sheet: NationalSecuritySheet, Row: rowNum},
			Cols:       report.BandColumns{Period: colNSPeriod, Type: colNSType, Note: colNSNote},
			ReportedIn: r.period,
			Team:       r.team,
			Note:       c.text(colNSNote),
		}
		text := c.text(colNSPeriod)
		covered, err := report.ParsePeriod(text)
		switch {
		case text == "":
			c.failf(colNSPeriod, "period covered is empty")
		case err != nil:
			c.failf(colNSPeriod, "%v", err)
		default:
			row.Period = covered
		}
		kind := c.entry(colNSType, r.tax.NationalSecurity, "national-security request type", true)
		row.Type = kind.Key
		row.Requests = c.band(colNSRequests, "requests")
		row.Accounts = c.band(colNSAccounts, "accounts")
		if !c.failed {
			out = append(out, row)
		}
	})
	return out
}

// band reads a published band such as 0-499 or 5000+.
func (c *rowCheck) band(col int, name string) report.Band {
	text := c.text(col)
	if text == "" {
		c.failf(col, "%s is empty", name)
		return report.Band{}
	}
	b, err := report.ParseBand(text)
	if err != nil {
		c.failf(col, "%v", err)
	}
	return b
}
