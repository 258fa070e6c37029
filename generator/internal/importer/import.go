package importer

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Result is what an import read, ready to be written as the project's own
// sources.
type Result struct {
	Team    string
	Sources []report.Source // one per period, in period order
	// About is the mapping's report section, with notes added on anything
	// the files published that the import left out or qualified.
	About report.About
	Files []FileResult // one per file and table read, in the order given
	// Ignored are the files that the mapping's ignore rules matched.
	Ignored []IgnoredFile
	// Left are the rows and bands not imported, each with its reason.
	Left []LeftOut

	mapping *Mapping
}

// FileResult counts what one table of one file gave.
type FileResult struct {
	File     string
	Table    string
	Rows     int // data rows read
	Imported int // rows or bands imported
	// Filtered are the data rows that the table's filters leave to other
	// tables.
	Filtered []int
}

// IgnoredFile is a file given that the mapping says not to import.
type IgnoredFile struct {
	File   string
	Reason string
}

// LeftOut is a group of rows not imported for one reason.
type LeftOut struct {
	File   string
	Table  string
	Reason string
	Rows   []int
	// Requests sums the requests of the rows left out, where they give a
	// number, so that notes say what the totals leave out.
	Requests int64
	// Noted says whether the reason is stated in report.toml's notes, for
	// rows that published figures; rows that published none (a blank cell
	// under blank = "skip_row") are listed in README.md only.
	Noted bool
}

// Rows counts the request rows imported.
func (r *Result) Rows() int {
	n := 0
	for _, s := range r.Sources {
		n += len(s.Rows)
	}
	return n
}

// Bands counts the national-security bands imported.
func (r *Result) Bands() int {
	n := 0
	for _, s := range r.Sources {
		n += len(s.NationalSecurity)
	}
	return n
}

// importer holds the state of one import.
type importer struct {
	m     *Mapping
	tax   *taxonomy.Taxonomy
	probs *problem.List
	res   *Result

	rows    []readRow
	bands   []readBand
	notices []readNotice
	left    map[string]*LeftOut // by file, table and reason
	// ranges counts values read as "<N", by table and column;
	// unpublished the values read as not published, by rule.
	ranges      map[string]int
	unpublished map[*NotPublished]int
	cache       map[*Field]map[string]cached
}

type readRow struct {
	row   report.Row
	table *Table
	// summed lists the rows added into this one under duplicates = "sum".
	summed []report.Location
}

type readBand struct {
	band  report.NationalSecurityRow
	table *Table
}

type cached struct {
	value  string
	period report.Period
	err    error
}

// Import reads the files as the mapping describes. Every file must match a
// table or an ignore rule of the mapping, and every table that is not
// optional must match a file. Problems are returned all at once, sorted, as
// a *problem.Error.
func Import(m *Mapping, files []string, tax *taxonomy.Taxonomy) (*Result, error) {
	var probs problem.List
	imp := &importer{
		m: m, tax: tax, probs: &probs,
		res:         &Result{Team: m.Team, mapping: m},
		left:        map[string]*LeftOut{},
		ranges:      map[string]int{},
		unpublished: map[*NotPublished]int{},
		cache:       map[*Field]map[string]cached{},
	}
	if len(files) == 0 {
		return nil, errors.New("no files to import")
	}
	used := map[*Table]bool{}
	given := map[string]bool{}
	for _, file := range files {
		clean := filepath.Clean(file)
		if given[clean] {
			probs.Addf(file, "", 0, 0, "given twice")
			continue
		}
		given[clean] = true
		var tables []*Table
		for _, t := range m.Tables {
			if matches(t.Files, file) {
				tables = append(tables, t)
			}
		}
		var ignoredBy []int
		for i, ig := range m.Ignore {
			if matches(ig.Files, file) {
				ignoredBy = append(ignoredBy, i)
			}
		}
		switch {
		case len(tables) > 0 && len(ignoredBy) > 0:
			probs.Addf(file, "", 0, 0, "matches both %s and ignore[%d] of the mapping", tables[0].label, ignoredBy[0])
			continue
		case len(tables) == 0 && len(ignoredBy) == 0:
			probs.Addf(file, "", 0, 0, "matches no table of the mapping: add a table whose files match %q, or an [[ignore]] entry saying why it is not imported", filepath.Base(file))
			continue
		case len(ignoredBy) > 0:
			imp.res.Ignored = append(imp.res.Ignored, IgnoredFile{File: file, Reason: m.Ignore[ignoredBy[0]].Reason})
			continue
		}
		for _, t := range tables {
			used[t] = true
			imp.readTable(t, file)
		}
	}
	for _, t := range m.Tables {
		if !used[t] && !t.Optional {
			probs.Addf(m.file, "", 0, 0, "%s: none of the files given matches %s; give its file, or set optional = true", t.label, quoteAll(t.Files))
		}
	}
	imp.sumDuplicates()
	sources := imp.sources()
	imp.check(sources)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	if len(sources) == 0 {
		return nil, errors.New("the files hold no rows to import")
	}
	imp.res.Sources = sources
	imp.res.About = imp.about()
	for _, key := range sortedKeys(imp.left) {
		imp.res.Left = append(imp.res.Left, *imp.left[key])
	}
	return imp.res, nil
}

// readTable reads one file as one table of the mapping.
func (imp *importer) readTable(t *Table, file string) {
	in, ok := readInput(file, t, imp.probs)
	if !ok {
		return
	}
	columns, width, data, ok := in.header(t, imp.probs)
	if !ok {
		return
	}
	fr := FileResult{File: file, Table: t.name()}
	for _, ir := range data {
		fr.Rows++
		r := &rowReader{imp: imp, t: t, in: in, columns: columns, num: ir.num, cells: ir.cells}
		if !in.xlsx && len(ir.cells) != width && !(len(ir.cells) > width && blank(ir.cells[width:])) {
			hint := ""
			if len(ir.cells) > width {
				hint = ": a line break lost, or a value with an unquoted " + fmt.Sprintf("%q", t.Delimiter) + "?"
			}
			in.addf(imp.probs, ir.num, 0, "the row has %d fields but the header row has %d%s", len(ir.cells), width, hint)
			continue
		}
		if !r.read() {
			fr.Filtered = append(fr.Filtered, ir.num)
			continue
		}
		if r.skipByRule() || r.skipByField() {
			continue
		}
		switch t.Kind {
		case KindRequests:
			row := r.requestRow()
			if !r.failed {
				imp.rows = append(imp.rows, readRow{row: row, table: t})
				fr.Imported++
			}
		case KindNationalSecurity:
			band := r.band()
			if !r.failed {
				imp.bands = append(imp.bands, readBand{band: band, table: t})
				fr.Imported++
			}
		case KindNotifications:
			notice := r.notice()
			notice.table = t
			if !r.failed {
				imp.notices = append(imp.notices, notice)
				fr.Imported++
			}
		}
	}
	imp.res.Files = append(imp.res.Files, fr)
}

// name is how README.md names the table.
func (t *Table) name() string {
	if t.Name != "" {
		return t.Name
	}
	return t.label
}

// leave records a row not imported, with its requests where it gives them.
func (imp *importer) leave(file string, t *Table, row int, requests int64, reason string, noted bool) {
	// Tables that read the same file (one per column group) leave out the
	// same rows for the same reason: one entry says it for all of them.
	key := file + "\x00" + reason
	name := t.name()
	l := imp.left[key]
	if l == nil {
		l = &LeftOut{File: file, Table: name, Reason: reason, Noted: noted}
		imp.left[key] = l
	} else if !slices.Contains(strings.Split(l.Table, ", "), name) {
		l.Table += ", " + name
	}
	if !slices.Contains(l.Rows, row) {
		l.Rows = append(l.Rows, row)
		slices.Sort(l.Rows)
	}
	l.Requests += requests
}

// leaveRow records a data row not imported.
func (r *rowReader) leaveRow(reason string, noted bool) {
	var requests int64
	if r.t.Kind == KindRequests && !r.t.Requests.constant() {
		if text, _ := r.text(r.t.Requests); text != "" {
			requests, _ = r.t.Requests.parseCount(text)
		}
	}
	r.imp.leave(r.in.file, r.t, r.num, requests, reason, noted)
}

// rowReader reads the fields of one data row.
type rowReader struct {
	imp     *importer
	t       *Table
	in      *input
	columns map[string]int // folded header → 1-based column
	num     int
	cells   []string
	failed  bool
	// rowPeriod is the row's period once read, for not_published rules.
	rowPeriod report.Period
}

func (r *rowReader) failf(col int, format string, args ...any) {
	r.failed = true
	r.in.addf(r.imp.probs, r.num, col, format, args...)
}

// cell is the trimmed text of a column and its 1-based number. A text the
// table's blank_values list reads as blank.
func (r *rowReader) cell(column string) (string, int) {
	col := r.columns[fold(column)]
	if col == 0 || col > len(r.cells) {
		return "", col
	}
	text := strings.TrimSpace(r.cells[col-1])
	if r.t.blanks[fold(text)] {
		return "", col
	}
	return text, col
}

// text is a field's text: its constant, its cell, or its cells joined.
func (r *rowReader) text(f *Field) (string, int) {
	switch {
	case f.constant():
		return string(f.Value), 0
	case f.From == "file_name":
		base := filepath.Base(r.in.file)
		return strings.TrimSuffix(base, filepath.Ext(base)), 0
	case len(f.Columns) > 0:
		var parts []string
		col := 0
		for _, c := range f.Columns {
			text, at := r.cell(c)
			if col == 0 {
				col = at
			}
			if text != "" {
				parts = append(parts, text)
			}
		}
		return strings.Join(parts, " "), col
	}
	return r.cell(f.Column)
}

// read reports whether the table's filters let it read the row.
func (r *rowReader) read() bool {
	for _, f := range r.t.Filter {
		if text, _ := r.cell(f.Column); !f.reads(text) {
			return false
		}
	}
	return true
}

// skipByRule applies the table's skip rules.
func (r *rowReader) skipByRule() bool {
	for _, s := range r.t.Skip {
		if text, _ := r.cell(s.Column); s.folded[fold(text)] {
			r.leaveRow(s.Reason, true)
			return true
		}
	}
	return false
}

// skipByField leaves out a row whose fields' rules say so: a blank cell
// under blank = "skip_row", or a value such as "<10" under less_than =
// "skip_row". It is checked before reading the row, whose other cells then
// do not matter.
func (r *rowReader) skipByField() bool {
	for _, f := range r.t.fields() {
		if f.constant() {
			continue
		}
		text, _ := r.text(f)
		switch {
		case text == "" && f.Blank == BlankSkipRow:
			r.leaveRow(fmt.Sprintf("blank %s", f.describe()), false)
			return true
		case strings.HasPrefix(text, "<") && f.LessThan == LessThanSkipRow:
			r.leaveRow(fmt.Sprintf("%s was published only as an upper bound, such as %q", f.describe(), text), true)
			return true
		}
	}
	return false
}

// blankCell applies a field's blank rule to an empty cell. It returns
// whether the figure is present (as zero).
func (r *rowReader) blankCell(f *Field, name string, col int) (zero bool) {
	switch f.Blank {
	case BlankZero:
		return true
	case BlankMissing:
		return false
	case BlankSkipRow:
		return false // skipByField has left out the row
	}
	r.failf(col, "%s is empty; if a blank cell means something, set blank for %s in the mapping", name, f.name)
	return false
}

// lessThan applies a field's less_than rule to a value such as "<10".
func (r *rowReader) lessThan(f *Field, name string, col int, text string, count bool) (report.Count, bool) {
	switch f.LessThan {
	case LessThanSkipRow:
		return report.Count{}, false // skipByField has left out the row
	case LessThanRange:
		n, err := f.parseUpperBound(text)
		if err != nil {
			r.failf(col, "%s: %v", name, err)
			return report.Count{}, false
		}
		r.imp.ranges[r.t.label+"\x00"+name]++
		return n, true
	}
	what := "a count"
	if !count {
		what = "a percentage"
	}
	r.failf(col, "%s: %q is an upper bound, not %s; set less_than for %s in the mapping to say what it means", name, text, what, f.name)
	return report.Count{}, false
}

// notPublished reports whether a cell of field f holds a value that one of
// the field's not_published rules reads as not published in the row's
// period, and counts it for the notes.
func (r *rowReader) notPublished(f *Field, text string) bool {
	for _, n := range f.NotPublished {
		if n.matches(text, r.rowPeriod) {
			r.imp.unpublished[n]++
			return true
		}
	}
	return false
}

// values calls read with each cell of a field, and adds up what it returns.
// For a field of one column it is that cell's value. When every cell is
// blank, the field's blank rule applies (present is false when the figure
// is missing); when only some are, the blank ones count as 0 only under
// blank = "zero".
func values[T any](r *rowReader, f *Field, read func(name, text string, col int) (T, bool), add func(T, T) T) (total T, present bool) {
	columns := f.Columns
	if len(columns) == 0 {
		columns = []string{f.Column}
	}
	if f.constant() {
		return read(f.name, string(f.Value), 0)
	}
	var blankName string
	blankCol, given := 0, false
	for _, column := range columns {
		text, col := r.cell(column)
		if text == "" {
			if blankName == "" {
				blankName, blankCol = column, col
			}
			continue
		}
		v, ok := read(column, text, col)
		if !ok {
			return total, false
		}
		total = add(total, v)
		given = true
	}
	switch {
	case !given:
		return total, r.blankCell(f, f.describe(), blankCol)
	case blankName != "" && f.Blank != BlankZero:
		r.failf(blankCol, "%s is empty but the other columns of %s are not; if a blank cell means 0, set blank = \"zero\" for %s", blankName, f.name, f.name)
		var zero T
		return zero, false
	}
	return total, true
}

// figure reads a figure's field as published: a count, a range (where the
// field allows them), or not published (a blank cell under blank =
// "missing", a value of a not_published rule). A field of several columns
// adds them up. ok is false when the cell is wrong, a problem that has then
// been reported.
func (r *rowReader) figure(f *Field) (n report.Count, ok bool) {
	if f == nil {
		return report.NotPublished(), true
	}
	failed := r.failed
	total, present := values(r, f, func(name, text string, col int) (report.Count, bool) {
		if r.notPublished(f, text) {
			return report.NotPublished(), true
		}
		n, err := f.parseFigure(text)
		switch {
		case errors.Is(err, errLessThan):
			return r.lessThan(f, name, col, text, true)
		case err != nil:
			r.failf(col, "%s: %v", name, err)
			return report.Count{}, false
		}
		return n, true
	}, report.Count.Plus)
	if !present {
		return report.NotPublished(), r.failed == failed
	}
	return total, true
}

// count reads an optional whole number, such as the requests contested
// in court: nil when it is not published.
func (r *rowReader) count(f *Field) *int64 {
	n, ok := r.figure(f)
	v, exact := n.Value()
	switch {
	case !ok || !n.Published():
		return nil
	case !exact:
		_, col := r.text(f)
		r.failf(col, "%s: %v is a range; %s takes only exact counts", f.describe(), n, f.name)
		return nil
	}
	return &v
}

// percent reads the percentage disclosed; nil when blank and it may be, or
// not published.
// A field of several columns adds them up, such as the percentages of
// requests where content was disclosed and where only non-content data was.
func (r *rowReader) percent(f *Field) *float64 {
	if f == nil {
		return nil
	}
	unpublished := false
	total, ok := values(r, f, func(name, text string, col int) (float64, bool) {
		if r.notPublished(f, text) {
			unpublished = true
			return 0, true
		}
		v, err := f.parsePercent(text, r.in.xlsx)
		switch {
		case errors.Is(err, errLessThan):
			r.lessThan(f, name, col, text, false)
			return 0, false
		case err != nil:
			r.failf(col, "%s: %v", name, err)
			return 0, false
		}
		return v, true
	}, func(a, b float64) float64 { return a + b })
	if !ok || unpublished {
		return nil
	}
	if total > 100+1e-9 {
		_, col := r.text(f)
		r.failf(col, "%s add up to %v%%, more than 100%%", f.describe(), total)
		return nil
	}
	return &total
}

// lookup reads a field through a cached parser; ok is false when it is
// blank (and the blank rule has been applied) or wrong.
func (r *rowReader) lookup(f *Field, parse func(text string) cached) (cached, bool) {
	text, col := r.text(f)
	if text == "" {
		if f.Blank == BlankMissing {
			return cached{}, true
		}
		r.blankCell(f, f.describe(), col)
		return cached{}, false
	}
	byText := r.imp.cache[f]
	if byText == nil {
		byText = map[string]cached{}
		r.imp.cache[f] = byText
	}
	c, ok := byText[text]
	if !ok {
		c = parse(text)
		byText[text] = c
	}
	if c.err != nil {
		if f.From != "" {
			// About the file, not the row: said once.
			r.failed = true
			r.in.addf(r.imp.probs, 0, 0, "%s: %v", f.name, c.err)
			return cached{}, false
		}
		r.failf(col, "%s: %v", f.describe(), c.err)
		return cached{}, false
	}
	return c, true
}

func (r *rowReader) period(f *Field) (report.Period, bool) {
	c, ok := r.lookup(f, func(text string) cached {
		p, err := f.parsePeriod(text, r.in.xlsx)
		return cached{period: p, err: err}
	})
	return c.period, ok && !c.period.IsZero()
}

func (r *rowReader) key(f *Field, find func(string) (taxonomy.Entry, bool)) (string, bool) {
	if f == nil {
		return "", true
	}
	c, ok := r.lookup(f, func(text string) cached {
		key, err := f.parseKey(text, find)
		return cached{value: key, err: err}
	})
	return c.value, ok
}

func (r *rowReader) country(f *Field) (string, bool) {
	if f.NameColumn != "" {
		if code, _ := r.text(f); code == "" {
			return r.countryName(f)
		}
	}
	c, ok := r.lookup(f, func(text string) cached {
		code, err := f.parseCountry(text)
		return cached{value: code, err: err}
	})
	return c.value, ok
}

// countryName reads a country from the field's name column, for a row
// whose code is blank; the field's blank rule applies when the name is
// blank too.
func (r *rowReader) countryName(f *Field) (string, bool) {
	text, col := r.cell(f.NameColumn)
	if text == "" {
		if f.Blank == BlankMissing {
			return "", true
		}
		r.blankCell(f, f.describe(), col)
		return "", false
	}
	code, err := f.parseCountryName(text)
	if err != nil {
		r.failf(col, "%s: %v", f.NameColumn, err)
		return "", false
	}
	return code, true
}

// requestRow reads one row of a requests table.
func (r *rowReader) requestRow() report.Row {
	t := r.t
	row := report.Row{
		Where: r.in.where(r.num, 0),
		Cols: report.Columns{
			Period: r.col(t.Period), Country: r.col(t.Country), LegalBasis: r.col(t.LegalBasis), Segment: r.col(t.Segment), RequestType: r.col(t.RequestType),
			Requests: r.col(t.Requests), Accounts: r.col(t.Accounts),
			Percent: r.col(t.PercentDisclosed), Extraterritorial: r.col(t.Extraterritorial), Contested: r.col(t.Contested),
			Note: r.col(t.Note), Storage: r.col(t.Storage), StoredIn: r.col(t.StoredIn),
		},
		Team: r.imp.m.Team,
	}
	row.Period, _ = r.period(t.Period)
	r.rowPeriod = row.Period
	row.Country, _ = r.country(t.Country)
	row.LegalBasis, _ = r.key(t.LegalBasis, r.imp.tax.LegalBasis)
	row.Segment, _ = r.key(t.Segment, r.imp.tax.Segment)
	row.RequestType, _ = r.key(t.RequestType, r.imp.tax.RequestType)
	row.Storage, _ = r.key(t.Storage, r.imp.tax.StorageLocation)
	if t.StoredIn != nil {
		row.StoredIn, _ = r.country(t.StoredIn)
	}
	row.Requests, _ = r.figure(t.Requests)
	row.Accounts, _ = r.figure(t.Accounts)

	if len(t.Outcomes) > 0 {
		// The outcomes given, which report.Check wants all or none of.
		// Every outcome, as published or not published (those the
		// mapping does not map), and the groups the mapping maps.
		row.Outcomes = map[string]report.Count{}
		row.Cols.Outcomes = map[string]int{}
		for _, o := range slices.Concat(r.imp.tax.Outcomes, r.imp.tax.OutcomeGroups) {
			f, mapped := t.Outcomes[o.Key]
			if _, leaf := r.imp.tax.Outcome(o.Key); !mapped && !leaf {
				continue
			}
			row.Cols.Outcomes[o.Key] = r.col(f)
			row.Outcomes[o.Key], _ = r.figure(f)
		}
	}
	row.DisclosedPercent = r.percent(t.PercentDisclosed)
	row.Extraterritorial = r.count(t.Extraterritorial)
	row.Contested = r.count(t.Contested)
	if t.Note != nil {
		row.Note, _ = r.text(t.Note)
	}
	return row
}

// col is the column of a field, for report.Check's messages: its first
// column, or 0 when it has none.
func (r *rowReader) col(f *Field) int {
	if f == nil {
		return 0
	}
	_, col := r.text(f)
	return col
}

// band reads one row of a national-security table.
func (r *rowReader) band() report.NationalSecurityRow {
	t := r.t
	band := report.NationalSecurityRow{
		Where: r.in.where(r.num, 0),
		Cols:  report.BandColumns{Period: r.col(t.Period), Type: r.col(t.Type), Note: r.col(t.Note)},
		Team:  r.imp.m.Team,
	}
	band.Period, _ = r.period(t.Period)
	band.Type, _ = r.key(t.Type, r.imp.tax.NationalSecurity)
	band.Requests = r.bandField(t.Requests)
	band.Accounts = r.bandField(t.Accounts)
	if t.Note != nil {
		band.Note, _ = r.text(t.Note)
	}
	return band
}

// bandField reads a band from one cell ("0-499", "5000+") or from two
// cells holding its bounds.
func (r *rowReader) bandField(f *Field) report.Band {
	if f.Column != "" {
		text, col := r.text(f)
		if text == "" {
			r.failf(col, "%s is empty", f.describe())
			return report.Band{}
		}
		b, err := report.ParseBand(text)
		if err != nil {
			r.failf(col, "%s: %v", f.describe(), err)
		}
		return b
	}
	bound := func(column string) (int64, int, bool) {
		text, col := r.cell(column)
		if text == "" {
			r.failf(col, "%s is empty", column)
			return 0, col, false
		}
		n, err := f.parseCount(text)
		if err != nil {
			if errors.Is(err, errLessThan) {
				err = fmt.Errorf("%q is not a bound", text)
			}
			r.failf(col, "%s: %v", column, err)
			return 0, col, false
		}
		return n, col, true
	}
	low, _, okLow := bound(f.MinColumn)
	high, highCol, okHigh := bound(f.MaxColumn)
	if !okLow || !okHigh {
		return report.Band{}
	}
	if low > high {
		r.failf(highCol, "%s: %d is below the lower bound %d in %s", f.MaxColumn, high, low, f.MinColumn)
		return report.Band{}
	}
	return report.BandOf(low, high)
}

// sumDuplicates adds up two rows for the same period, country, legal basis,
// segment and request type where both tables say duplicates = "sum". Other
// rows given twice are kept, for report.Check to report.
func (imp *importer) sumDuplicates() {
	first := map[string]int{} // key → index into kept
	var kept []readRow
	for _, rr := range imp.rows {
		row := rr.row
		key := strings.Join([]string{row.Period.String(), row.Country, row.LegalBasis, row.Segment, row.RequestType, row.Storage, row.StoredIn}, "|")
		i, seen := first[key]
		if !seen {
			first[key] = len(kept)
		}
		if !seen || rr.table.Duplicates != "sum" || kept[i].table.Duplicates != "sum" {
			kept = append(kept, rr)
			continue
		}
		prev := &kept[i]
		if err := imp.sum(prev, rr); err != nil {
			imp.addAt(row.Where, 0, "cannot add to %s (%s): %v", report.RowName(prev.row.Where, row.Where), report.Describe(row, imp.tax), err)
		}
	}
	for i := range kept {
		if n := len(kept[i].summed); n > 0 {
			var files []string
			rowsOf := map[string][]int{}
			for _, loc := range append([]report.Location{kept[i].row.Where}, kept[i].summed...) {
				name := filepath.Base(loc.File)
				if loc.Sheet != "" {
					name += " " + loc.Sheet
				}
				if rowsOf[name] == nil {
					files = append(files, name)
				}
				rowsOf[name] = append(rowsOf[name], loc.Row)
			}
			var where []string
			for _, name := range files {
				where = append(where, name+" "+rowList(rowsOf[name]))
			}
			note := fmt.Sprintf("sum of %d published rows (%s)", n+1, strings.Join(where, "; "))
			if kept[i].row.DisclosedPercent != nil {
				note += "; percentage disclosed weighted by requests"
			}
			kept[i].row.Note = strings.TrimPrefix(kept[i].row.Note+"; "+note, "; ")
		}
	}
	imp.rows = kept
}

// check adds report.Check's problems, with advice on rows given twice that
// only a mapping can give.
func (imp *importer) check(sources []report.Source) {
	checked := report.Check(sources, imp.tax)
	for _, p := range checked.Sorted() {
		if strings.HasPrefix(p.Msg, report.DuplicateRowProblem) {
			p.Msg += "; map the two to different legal bases or segments, or set duplicates = \"sum\""
		}
		imp.probs.Add(p)
	}
}

// sum adds row rr into prev: counts add up, outcome counts too, and
// percentages are weighted by requests, as the report combines them.
func (imp *importer) sum(prev *readRow, rr readRow) error {
	a, b := &prev.row, rr.row
	if (a.Outcomes == nil) != (b.Outcomes == nil) {
		return errors.New("one row has outcome counts and the other has none")
	}
	if (a.DisclosedPercent == nil) != (b.DisclosedPercent == nil) {
		return errors.New("one row has a percentage disclosed and the other has none")
	}
	if a.DisclosedPercent != nil {
		aRequests, aExact := a.Requests.Value()
		bRequests, bExact := b.Requests.Value()
		if !aExact || !bExact {
			return errors.New("a percentage disclosed cannot be weighted by requests that are not exact counts")
		}
		total := aRequests + bRequests
		if total > 0 {
			v := (*a.DisclosedPercent*float64(aRequests) + *b.DisclosedPercent*float64(bRequests)) / float64(total)
			a.DisclosedPercent = &v
		} else if *a.DisclosedPercent != *b.DisclosedPercent {
			a.DisclosedPercent = nil
		}
	}
	for k, v := range b.Outcomes {
		a.Outcomes[k] = a.Outcomes[k].Plus(v)
	}
	a.Requests.Add(b.Requests)
	a.Accounts.Add(b.Accounts)
	for _, pair := range [][2]**int64{{&a.Extraterritorial, &b.Extraterritorial}, {&a.Contested, &b.Contested}} {
		dst, src := pair[0], pair[1]
		if *src != nil {
			n := **src
			if *dst != nil {
				n += **dst
			}
			*dst = &n
		}
	}
	if b.Note != "" {
		a.Note = strings.TrimPrefix(a.Note+"; "+b.Note, "; ")
	}
	prev.summed = append(prev.summed, b.Where)
	return nil
}

func (imp *importer) addAt(loc report.Location, col int, format string, args ...any) {
	p := loc
	p.Col = col
	p.Msg = fmt.Sprintf(format, args...)
	imp.probs.Add(p)
}

func sortedPeriods[V any](m map[report.Period]V) []report.Period {
	out := make([]report.Period, 0, len(m))
	for p := range m {
		out = append(out, p)
	}
	slices.SortFunc(out, report.Period.Compare)
	return out
}

// sources groups the rows into one source per period, and places each band
// in the workbook of the period it covers, or of the first later period of
// request figures: a workbook may publish bands about earlier periods, as
// companies do.
func (imp *importer) sources() []report.Source {
	byPeriod := map[report.Period]*report.Source{}
	get := func(p report.Period) *report.Source {
		if byPeriod[p] == nil {
			byPeriod[p] = &report.Source{Period: p, Team: imp.m.Team}
		}
		return byPeriod[p]
	}
	for _, rr := range imp.rows {
		s := get(rr.row.Period)
		s.Rows = append(s.Rows, rr.row)
	}
	requestPeriods := sortedPeriods(byPeriod)
	imp.leaveNoticesWithoutRequests(byPeriod)
	for p, rows := range imp.notificationRows() {
		s := get(p)
		s.Notifications = append(s.Notifications, rows...)
	}
	for _, rb := range imp.bands {
		b := rb.band
		if len(requestPeriods) == 0 {
			b.ReportedIn = b.Period
			s := get(b.Period)
			s.NationalSecurity = append(s.NationalSecurity, b)
			continue
		}
		i := slices.IndexFunc(requestPeriods, func(p report.Period) bool { return p.End() >= b.Period.End() })
		if i < 0 {
			last := requestPeriods[len(requestPeriods)-1]
			if rb.table.AfterLastPeriod == "skip" {
				for i := range imp.res.Files {
					if f := &imp.res.Files[i]; f.File == b.Where.File && f.Table == rb.table.name() {
						f.Imported--
					}
				}
				imp.leave(b.Where.File, rb.table, b.Where.Row, 0, fmt.Sprintf("%s for %s, requests %s and accounts %s, as the band covers a period after the last one with request figures (%s), which no period of the report can show",
					taxonomy.Label(imp.tax.NationalSecurity, b.Type), b.Period, b.Requests.Published, b.Accounts.Published, last), true)
				continue
			}
			imp.addAt(b.Where, 0, "the band covers %s, after the last period with request figures (%s), so no workbook can publish it; set after_last_period = \"skip\" in %s to leave it out and say so",
				b.Period, last, rb.table.label)
			continue
		}
		b.ReportedIn = requestPeriods[i]
		s := get(b.ReportedIn)
		s.NationalSecurity = append(s.NationalSecurity, b)
	}

	order := func(entries []taxonomy.Entry) map[string]int {
		m := map[string]int{}
		for i, e := range entries {
			m[e.Key] = i + 1
		}
		return m
	}
	basisOrder, segmentOrder, typeOrder := order(imp.tax.LegalBases), order(imp.tax.Segments), order(imp.tax.NationalSecurityType)
	requestTypeOrder := order(imp.tax.RequestTypes)
	var out []report.Source
	for _, p := range sortedPeriods(byPeriod) {
		s := byPeriod[p]
		slices.SortStableFunc(s.Rows, func(a, b report.Row) int {
			return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(basisOrder[a.LegalBasis], basisOrder[b.LegalBasis]), cmp.Compare(segmentOrder[a.Segment], segmentOrder[b.Segment]),
				cmp.Compare(requestTypeOrder[a.RequestType], requestTypeOrder[b.RequestType]))
		})
		slices.SortStableFunc(s.NationalSecurity, func(a, b report.NationalSecurityRow) int {
			return cmp.Or(a.Period.Compare(b.Period), cmp.Compare(typeOrder[a.Type], typeOrder[b.Type]))
		})
		out = append(out, *s)
	}
	return out
}

// about is the mapping's report section with notes on what the import left
// out or qualified, so that the site says so.
func (imp *importer) about() report.About {
	about := *imp.m.Report
	about.Notes = slices.Clone(about.Notes)
	for _, key := range sortedKeys(imp.left) {
		l := imp.left[key]
		if !l.Noted {
			continue
		}
		about.Notes = append(about.Notes, fmt.Sprintf("Not imported from %s (%s): %s.", filepath.Base(l.File), l.describe(), strings.TrimSuffix(l.Reason, ".")))
	}
	for _, key := range sortedKeys(imp.ranges) {
		_, column, _ := strings.Cut(key, "\x00")
		about.Notes = append(about.Notes, fmt.Sprintf("%s of %s published as an upper bound such as \"<10\" %s shown as the range from 0 to the largest whole number below it.", plural(imp.ranges[key], "figure", "figures"), column, cond(imp.ranges[key] == 1, "is", "are")))
	}
	for _, t := range imp.m.Tables {
		for _, f := range t.fields() {
			for _, n := range f.NotPublished {
				if count := imp.unpublished[n]; count > 0 {
					values := "every value"
					if len(n.Values) > 0 {
						values = quoteAll(n.Values)
					}
					about.Notes = append(about.Notes, fmt.Sprintf("%s of %s %s (%s) %s shown as not published, not as the value written: %s.",
						plural(count, "figure", "figures"), f.describe(), periodSpan(n), values, cond(count == 1, "is", "are"), strings.TrimSuffix(n.Reason, ".")))
				}
			}
		}
	}
	return about
}

// describe names the rows left out and the requests they hold.
func (l LeftOut) describe() string {
	switch {
	case l.Requests == 1:
		return rowList(l.Rows) + ", 1 request"
	case l.Requests > 1:
		return fmt.Sprintf("%s, %d requests", rowList(l.Rows), l.Requests)
	}
	return rowList(l.Rows)
}

// rowList names rows compactly: "row 614", "rows 3, 9 and 12", "14 rows".
func rowList(rows []int) string {
	switch {
	case len(rows) == 1:
		return fmt.Sprintf("row %d", rows[0])
	case len(rows) <= 5:
		parts := make([]string, len(rows))
		for i, r := range rows {
			parts[i] = fmt.Sprint(r)
		}
		return "rows " + strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return fmt.Sprintf("%d rows", len(rows))
}

// plural is "1 figure" or "3 figures".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func cond[T any](c bool, yes, no T) T {
	if c {
		return yes
	}
	return no
}

// periodSpan names the periods of a not_published rule: "up to 2010-H2",
// "from 2020", "from 2009-H2 to 2010-H2" or "in every period".
func periodSpan(n *NotPublished) string {
	switch {
	case n.From != "" && n.Until != "":
		return "from " + n.From + " to " + n.Until
	case n.From != "":
		return "from " + n.From
	case n.Until != "":
		return "up to " + n.Until
	}
	return "in every period"
}
