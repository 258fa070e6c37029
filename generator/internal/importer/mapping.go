// Package importer turns reports that a company has already published, in its
// own layout (CSV or XLSX files), into the project's own source workbooks
// (sources/<PERIOD>/<team>.xlsx plus report.toml), so that the usual build
// makes the site from them.
//
// What each column of someone else's file means is not coded here: a
// declarative mapping file (TOML, see docs/importing.md) names the columns
// that hold the period, the country, the legal basis and the figures, maps
// the file's own words onto the taxonomy, and says which ways of writing a
// value ("6,117", "54%", "<10", a blank cell) the file uses. Anything the
// mapping does not allow is reported with its file, row and column; every
// problem is collected before failing, and nothing is written on any problem.
package importer

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// The kinds of table a mapping describes.
const (
	KindRequests         = "requests"
	KindNationalSecurity = "national_security"
)

// Mapping is a parsed and checked mapping file: how to read one company's
// published files.
type Mapping struct {
	// Team names the workbooks written (<PERIOD>/<team>.xlsx).
	Team string `toml:"team" json:"team"`
	// Report is written to report.toml: the publisher and the terms of the
	// data. Its licence is required, so that no licence is claimed that the
	// publisher did not give.
	Report *report.About `toml:"report" json:"report"`
	// Ignore lists files that are deliberately not imported, with the reason.
	Ignore []Ignore `toml:"ignore" json:"ignore,omitempty"`
	// Values are maps of the files' words onto the project's, by name, for
	// fields of several tables to share: a field gives values = "name".
	Values map[string]map[string]string `toml:"values" json:"values,omitempty"`
	Tables []*Table                     `toml:"tables" json:"tables"`

	file   string // as given to Parse
	sha256 string // of the file's bytes, for README.md
}

// Ignore names files, by glob, that the import accepts and does not read.
type Ignore struct {
	Files  []string `toml:"files" json:"files"`
	Reason string   `toml:"reason" json:"reason"`
}

// Table describes one table of input: which files hold it and what each of
// its columns means. Several tables may read the same file, for example one
// per legal process when a file gives each in its own columns.
type Table struct {
	Name  string   `toml:"name" json:"name,omitempty"`
	Files []string `toml:"files" json:"files"` // globs matched against the file's base name
	Kind  string   `toml:"kind" json:"kind"`   // requests (default), national_security or notifications
	// Optional tables may match no file; others must match at least one.
	Optional bool `toml:"optional" json:"optional,omitempty"`

	Format    string `toml:"format" json:"format,omitempty"`       // csv or xlsx; default from the extension
	Delimiter string `toml:"delimiter" json:"delimiter,omitempty"` // CSV: one character, default ","
	Encoding  string `toml:"encoding" json:"encoding,omitempty"`   // CSV: utf-8 (default), windows-1252, iso-8859-1, utf-16
	Sheet     string `toml:"sheet" json:"sheet,omitempty"`         // XLSX: default the first sheet
	HeaderRow int    `toml:"header_row" json:"header_row"`         // 1-based, as a spreadsheet shows rows; rows above it are ignored
	// BlankValues are cell texts that mean "nothing here", such as "N/A"
	// or "-": such cells are read as blank, and the fields' blank rules
	// apply.
	BlankValues []string `toml:"blank_values" json:"blank_values,omitempty"`

	// Duplicates says what to do with two rows for the same period,
	// country, legal basis, segment and request type: "error" (default) or
	// "sum".
	Duplicates string `toml:"duplicates" json:"duplicates,omitempty"`
	// AfterLastPeriod, for national-security tables, says what to do with a
	// band covering a period later than every period of request figures,
	// which has no workbook to be published in: "error" (default) or "skip"
	// (left out, and said so in report.toml's notes).
	AfterLastPeriod string `toml:"after_last_period" json:"after_last_period,omitempty"`

	Filter []Filter `toml:"filter" json:"filter,omitempty"`
	Skip   []Skip   `toml:"skip" json:"skip,omitempty"`

	Period *Field `toml:"period" json:"period,omitempty"`
	// Requests tables.
	Country     *Field `toml:"country" json:"country,omitempty"`
	LegalBasis  *Field `toml:"legal_basis" json:"legal_basis,omitempty"`
	Segment     *Field `toml:"segment" json:"segment,omitempty"`
	RequestType *Field `toml:"request_type" json:"request_type,omitempty"`
	// Storage and StoredIn say where the data the requests sought was
	// stored: a storage-location key of the taxonomy, and a country code
	// (or EU), as a workbook's Data stored and Stored in columns do.
	Storage          *Field            `toml:"storage" json:"storage,omitempty"`
	StoredIn         *Field            `toml:"stored_in" json:"stored_in,omitempty"`
	Requests         *Field            `toml:"requests" json:"requests,omitempty"` // a count, or a band in national-security tables
	Accounts         *Field            `toml:"accounts" json:"accounts,omitempty"` // likewise
	Outcomes         map[string]*Field `toml:"outcomes" json:"outcomes,omitempty"` // by outcome key: all of them or none
	PercentDisclosed *Field            `toml:"percent_disclosed" json:"percent_disclosed,omitempty"`
	Extraterritorial *Field            `toml:"extraterritorial" json:"extraterritorial,omitempty"`
	Contested        *Field            `toml:"contested" json:"contested,omitempty"`
	Note             *Field            `toml:"note" json:"note,omitempty"`
	// National-security tables.
	Type *Field `toml:"type" json:"type,omitempty"`
	// Notifications tables: what a row counts, and the figure.
	Measure *Field `toml:"measure" json:"measure,omitempty"`
	Count   *Field `toml:"count" json:"count,omitempty"`

	label  string          // how messages name the table: tables[0] (requests)
	blanks map[string]bool // folded BlankValues
}

// Filter reads only the rows whose cell in Column is one of Keep, or is not
// one of Drop ("" matches a blank cell). It is for rows that another table
// of the mapping reads, such as totals listed in the same columns as their
// parts, or the other country's rows of a file of cross-border requests:
// they are not left out of the report, so unlike Skip the rows are not
// noted in report.toml; README.md lists them.
type Filter struct {
	Column string   `toml:"column" json:"column"`
	Keep   []string `toml:"keep" json:"keep,omitempty"`
	Drop   []string `toml:"drop" json:"drop,omitempty"`

	folded map[string]bool // of Keep or Drop
}

// reads reports whether the filter lets the table read a row whose cell in
// Column holds text.
func (f *Filter) reads(text string) bool { return f.folded[fold(text)] == (len(f.Keep) > 0) }

// describe says which rows the filter leaves to other tables: `Country is
// not "All"`, `Country is "Total" or ""`.
func (f *Filter) describe() string {
	values := f.Drop
	verb := "is"
	if len(f.Keep) > 0 {
		values, verb = f.Keep, "is not"
	}
	return fmt.Sprintf("%s %s %s", f.Column, verb, strings.ReplaceAll(quoteAll(values), ", ", " or "))
}

// Skip leaves out rows whose cell in Column is one of Values ("" matches a
// blank cell). The reason goes into report.toml's notes with the rows left out.
type Skip struct {
	Column string   `toml:"column" json:"column"`
	Values []string `toml:"values" json:"values"`
	Reason string   `toml:"reason" json:"reason"`

	folded map[string]bool
}

// Blank-cell rules.
const (
	BlankReject  = "reject"   // a blank cell is an error (the default)
	BlankZero    = "zero"     // a blank count is 0
	BlankMissing = "missing"  // the figure was not published: left empty (optional figures only)
	BlankSkipRow = "skip_row" // the row holds no figures and is not imported
)

// Rules for values written as "<10".
const (
	LessThanReject  = "reject"   // an error (the default)
	LessThanSkipRow = "skip_row" // the row is not imported
	LessThanRange   = "range"    // counts only: "<10" is the range 0-9, as published
)

// Field says where one value of a row comes from and how it is written.
// Which options apply depends on the field; Parse rejects the others.
type Field struct {
	// Where the value is: one column by its header; several (for a
	// period, joined with a space; for a number, added up); two for a
	// band's bounds; the file's name (period only: From = "file_name"); or
	// a constant.
	Column    string   `toml:"column" json:"column,omitempty"`
	Columns   []string `toml:"columns" json:"columns,omitempty"`
	MinColumn string   `toml:"min_column" json:"min_column,omitempty"`
	MaxColumn string   `toml:"max_column" json:"max_column,omitempty"`
	Value     scalar   `toml:"value" json:"value,omitempty"`
	From      string   `toml:"from" json:"from,omitempty"`

	// Values maps the file's words onto the project's: a legal process onto
	// a taxonomy key, a country name onto its code, a period label onto a
	// period key. Cells are matched ignoring case and repeated spaces. It is
	// a table of its own, or the name of a map under the mapping's [values]
	// that fields of several tables share.
	Values *valueMap `toml:"values" json:"values,omitempty"`

	// Period: by end_date, start_date or label; kind of period for dates;
	// date_format such as "YYYY-MM-DD" or "M/D/YYYY"; patterns for labels
	// such as "{year} H{half}".
	// Country: by code (default), alpha3, numeric or name; NameColumn,
	// for a column of codes, is a column of names read where the code is
	// blank, as reports leave it for a requester that has none (Google's
	// row for the United Nations). Names are matched as by name.
	By         string   `toml:"by" json:"by,omitempty"`
	NameColumn string   `toml:"name_column" json:"name_column,omitempty"`
	Kind       string   `toml:"kind" json:"kind,omitempty"`
	DateFormat string   `toml:"date_format" json:"date_format,omitempty"`
	Patterns   []string `toml:"patterns" json:"patterns,omitempty"`

	// Numbers.
	Thousands   string `toml:"thousands" json:"thousands,omitempty"`       // separator allowed between groups of three digits
	Decimal     string `toml:"decimal" json:"decimal,omitempty"`           // percentages: "." (default) or ","
	PercentSign bool   `toml:"percent_sign" json:"percent_sign,omitempty"` // percentages: a trailing % is allowed
	Fraction    bool   `toml:"fraction" json:"fraction,omitempty"`         // percentages written 0-1, as spreadsheets store them
	Blank       string `toml:"blank" json:"blank,omitempty"`
	LessThan    string `toml:"less_than" json:"less_than,omitempty"`
	// Ranges: counts only. A cell may hold a range as published,
	// "11,000 - 12,000", "0-249" or "5000+", which is kept as its bounds.
	Ranges bool `toml:"ranges" json:"ranges,omitempty"`
	// NotPublished lists the cell values that mean a figure was not
	// published, in the periods given: Google writes 0 for every account
	// figure before it began to publish them.
	NotPublished []*NotPublished `toml:"not_published" json:"not_published,omitempty"`

	name     string            // the field's key, for messages: legal_basis
	values   map[string]string // folded cell text → target
	layout   string            // Go time layout of DateFormat
	patterns []*labelPattern
	kind     report.Kind
}

// NotPublished is a rule of a figure's field: cells holding one of Values
// (any value, when Values is left out), in a row of a period from From to
// Until (both included; either may be left out, but not both when Values
// is), are figures the source did not publish, not the value written.
type NotPublished struct {
	Values []string `toml:"values" json:"values"`
	From   string   `toml:"from" json:"from,omitempty"`
	Until  string   `toml:"until" json:"until,omitempty"`
	// Reason says why, for report.toml's notes.
	Reason string `toml:"reason" json:"reason"`

	folded      map[string]bool
	from, until report.Period
}

// matches reports whether a cell's text in a row of period p is not
// published under the rule.
func (n *NotPublished) matches(text string, p report.Period) bool {
	return (len(n.Values) == 0 || n.folded[fold(text)]) && !p.IsZero() &&
		(n.from.IsZero() || p.Start() >= n.from.Start()) && (n.until.IsZero() || p.End() <= n.until.End())
}

// scalar is a constant value, written in TOML as a string or a number.
type scalar string

// UnmarshalTOML accepts strings, integers and floats.
func (s *scalar) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*s = scalar(v)
	case int64:
		*s = scalar(fmt.Sprint(v))
	case float64:
		*s = scalar(fmt.Sprint(v))
	default:
		return fmt.Errorf("value must be a string or a number, not %T", v)
	}
	return nil
}

// valueMap is a field's values: a table of its own, or the name of one of
// the mapping's [values] maps.
type valueMap struct {
	Name    string
	Entries map[string]string
}

// UnmarshalTOML accepts a table of strings or a name.
func (v *valueMap) UnmarshalTOML(data any) error {
	switch data := data.(type) {
	case string:
		if data == "" {
			return errors.New("values: the name of a map under [values] is empty")
		}
		v.Name = data
		return nil
	case map[string]any:
		v.Entries = map[string]string{}
		for from, to := range data {
			text, ok := to.(string)
			if !ok {
				return fmt.Errorf("values: %q must be mapped onto a string, not %v", from, to)
			}
			v.Entries[from] = text
		}
		return nil
	}
	return fmt.Errorf("values must be a table such as { \"All\" = \"not_broken_down\" } or the name of a map under [values], not %v", data)
}

// MarshalJSON writes the values as the mapping gives them: a name or a table.
func (v *valueMap) MarshalJSON() ([]byte, error) {
	if v.Name != "" {
		return json.Marshal(v.Name)
	}
	return json.Marshal(v.Entries)
}

// constant reports whether the field is a constant rather than a column.
func (f *Field) constant() bool { return f.Value != "" }

// columnNames are every header the field reads.
func (f *Field) columnNames() []string {
	var out []string
	for _, c := range append([]string{f.Column, f.MinColumn, f.MaxColumn, f.NameColumn}, f.Columns...) {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// describe names the field's column(s) for messages.
func (f *Field) describe() string {
	switch {
	case f.Column != "":
		return f.Column
	case len(f.Columns) > 0:
		return strings.Join(f.Columns, " + ")
	}
	return f.name
}

// Load reads and checks a mapping file.
func Load(file string, tax *taxonomy.Taxonomy) (*Mapping, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("read mapping: %w", err)
	}
	return Parse(file, raw, tax)
}

// Parse decodes and checks a mapping; file names it in messages. Every
// problem found is returned at once, as a *problem.Error.
func Parse(file string, raw []byte, tax *taxonomy.Taxonomy) (*Mapping, error) {
	var m Mapping
	var probs problem.List
	md, err := toml.Decode(string(raw), &m)
	if err != nil {
		var perr toml.ParseError
		if pe, ok := err.(toml.ParseError); ok {
			perr = pe
			probs.Addf(file, "", 0, 0, "line %d: %s", perr.Position.Line, perr.Message)
		} else {
			probs.Addf(file, "", 0, 0, "%v", err)
		}
		return nil, probs.Err()
	}
	for _, key := range md.Undecoded() {
		probs.Addf(file, "", 0, 0, "%s: unknown setting", key)
	}
	m.file = file
	m.sha256 = fmt.Sprintf("%x", sha256.Sum256(raw))
	c := &checker{file: file, tax: tax, probs: &probs, maps: m.Values, uses: map[string][]*Field{}}
	c.mapping(&m)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return &m, nil
}

// checker checks a decoded mapping and prepares its fields for use.
type checker struct {
	file  string
	tax   *taxonomy.Taxonomy
	probs *problem.List
	maps  map[string]map[string]string // the mapping's [values]
	uses  map[string][]*Field          // the fields that use each of maps
}

func (c *checker) addf(where, format string, args ...any) {
	c.probs.Addf(c.file, "", 0, 0, where+": "+format, args...)
}

var teamName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func (c *checker) mapping(m *Mapping) {
	if m.Team == "" {
		m.Team = "imported"
	}
	if !teamName.MatchString(m.Team) {
		c.addf("team", "%q must be letters, digits, - and _, as it names the workbooks", m.Team)
	}
	switch {
	case m.Report == nil:
		c.addf("report", "missing: give at least company and license")
	default:
		if m.Report.Company == "" {
			c.addf("report.company", "is empty")
		}
		if m.Report.License.Name == "" || m.Report.License.URL == "" {
			c.addf("report.license", "give name and url of the terms the data is published under (id too if it has an SPDX identifier)")
		}
		for _, p := range m.Report.Check() {
			c.addf("report."+p.Key, "%v", p.Err)
		}
	}
	for i, ig := range m.Ignore {
		where := fmt.Sprintf("ignore[%d]", i)
		c.globs(where, ig.Files)
		if strings.TrimSpace(ig.Reason) == "" {
			c.addf(where+".reason", "is empty: say why these files are not imported")
		}
	}
	if len(m.Tables) == 0 {
		c.addf("tables", "none: describe at least one table")
	}
	names := map[string]int{}
	for i, t := range m.Tables {
		t.label = fmt.Sprintf("tables[%d]", i)
		if t.Name != "" {
			t.label += " (" + t.Name + ")"
			if first, seen := names[t.Name]; seen {
				c.addf(t.label+".name", "also the name of tables[%d]", first)
			}
			names[t.Name] = i
		}
		c.table(t)
	}
	c.sharedValues()
}

// sharedValues checks each of the mapping's [values] maps once, as a map
// onto the kind of value of the fields that use it, and gives them the
// result. A map that no field uses is an error, as a misspelt setting is:
// it was written to be used, and a field meant to use it reads its cells
// some other way.
func (c *checker) sharedValues() {
	for _, name := range sortedKeys(c.maps) {
		where := "values." + name
		users := c.uses[name]
		var kinds []string
		for _, f := range users {
			if !slices.Contains(kinds, f.name) {
				kinds = append(kinds, f.name)
			}
		}
		switch {
		case len(c.maps[name]) == 0:
			c.addf(where, "is empty")
			continue
		case len(users) == 0:
			c.addf(where, "no field uses it: give values = %q in the fields it is for, or delete it", name)
			continue
		case len(kinds) > 1:
			slices.Sort(kinds)
			c.addf(where, "is used by fields of different kinds (%s): a map is onto one kind of value, such as legal bases", strings.Join(kinds, ", "))
			continue
		}
		values := c.values(where, kinds[0], c.maps[name])
		for _, f := range users {
			f.values = values
		}
	}
}

func (c *checker) globs(where string, globs []string) {
	if len(globs) == 0 {
		c.addf(where+".files", "is empty: give the file names or globs, such as \"*-requests.csv\"")
	}
	for _, g := range globs {
		if _, err := path.Match(g, ""); err != nil || strings.ContainsAny(g, `/\`) {
			c.addf(where+".files", "%q is not a file-name glob such as \"*-requests.csv\"", g)
		}
	}
}

func (c *checker) table(t *Table) {
	c.globs(t.label, t.Files)
	if t.Kind == "" {
		t.Kind = KindRequests
	}
	if t.HeaderRow == 0 {
		t.HeaderRow = 1
	}
	if t.HeaderRow < 0 {
		c.addf(t.label+".header_row", "must be 1 or more")
	}
	switch t.Format {
	case "", "csv", "xlsx":
	default:
		c.addf(t.label+".format", "%q: want csv or xlsx", t.Format)
	}
	if t.Delimiter == "" {
		t.Delimiter = ","
	}
	if r := []rune(t.Delimiter); len(r) != 1 || r[0] == '"' || r[0] == '\n' || r[0] == '\r' {
		c.addf(t.label+".delimiter", "%q must be one character, such as \",\", \";\" or \"\\t\"", t.Delimiter)
	}
	if t.Encoding == "" {
		t.Encoding = "utf-8"
	}
	if _, ok := encodings[strings.ToLower(t.Encoding)]; !ok {
		c.addf(t.label+".encoding", "%q: want one of %s", t.Encoding, strings.Join(encodingNames(), ", "))
	}
	if t.Duplicates == "" {
		t.Duplicates = "error"
	}
	if t.Duplicates != "error" && t.Duplicates != "sum" {
		c.addf(t.label+".duplicates", "%q: want error or sum", t.Duplicates)
	}
	t.blanks = map[string]bool{}
	for _, v := range t.BlankValues {
		if fold(v) == "" {
			c.addf(t.label+".blank_values", "an empty value: blank cells are blank already")
		}
		t.blanks[fold(v)] = true
	}
	for i := range t.Filter {
		c.filter(t, i)
	}
	for i := range t.Skip {
		s := &t.Skip[i]
		where := fmt.Sprintf("%s.skip[%d]", t.label, i)
		if s.Column == "" {
			c.addf(where+".column", "is empty")
		}
		if len(s.Values) == 0 {
			c.addf(where+".values", "is empty: list the cell values whose rows are left out (\"\" for a blank cell)")
		}
		if strings.TrimSpace(s.Reason) == "" {
			c.addf(where+".reason", "is empty: say why these rows are not imported; it is shown on the site")
		}
		s.folded = map[string]bool{}
		for _, v := range s.Values {
			s.folded[fold(v)] = true
		}
		for j, f := range t.Filter {
			for _, v := range s.Values {
				if fold(f.Column) == fold(s.Column) && !f.reads(v) {
					c.addf(where+".values", "%q: the table does not read these rows, as filter[%d] leaves them to other tables", v, j)
				}
			}
		}
	}

	switch t.Kind {
	case KindRequests:
		c.requestsTable(t)
	case KindNationalSecurity:
		c.nationalSecurityTable(t)
	case KindNotifications:
		c.notificationsTable(t)
	default:
		c.addf(t.label+".kind", "%q: want requests, national_security or notifications", t.Kind)
	}
	if t.Kind != KindNotifications {
		for name, f := range map[string]*Field{"measure": t.Measure, "count": t.Count} {
			if f != nil {
				c.addf(t.label+"."+name, "is only for notifications tables")
			}
		}
	}
}

// filter checks the table's filter i and prepares it for use.
func (c *checker) filter(t *Table, i int) {
	f := &t.Filter[i]
	where := fmt.Sprintf("%s.filter[%d]", t.label, i)
	if strings.TrimSpace(f.Column) == "" {
		c.addf(where+".column", "is empty")
	}
	values := f.Keep
	switch {
	case len(f.Keep) > 0 && len(f.Drop) > 0:
		c.addf(where, "give keep or drop, not both")
	case len(f.Keep) == 0 && len(f.Drop) == 0:
		c.addf(where, "give keep, the cell values of the rows the table reads, or drop, those of the rows it leaves to other tables (\"\" for a blank cell)")
	case len(f.Drop) > 0:
		values = f.Drop
	}
	f.folded = map[string]bool{}
	for _, v := range values {
		if f.folded[fold(v)] {
			c.addf(where, "%q is given twice, ignoring case and spaces", v)
		}
		f.folded[fold(v)] = true
	}
}

// fieldRule says which options a field accepts.
type fieldRule int

const (
	ruleMinMax fieldRule = 1 << iota
	ruleColumns
	ruleBy
	ruleKindDate // kind, date_format, patterns
	ruleValues
	ruleThousands
	rulePercent // decimal, percent_sign, fraction
	ruleBlankMissing
	ruleBlankZero
	ruleBlankSkip
	ruleLessThan
	ruleRange // ranges, less_than = "range"
	ruleNotPublished
	ruleConstant
	ruleFrom
	ruleNameColumn
)

// requestsTable checks the fields of a requests table.
func (c *checker) requestsTable(t *Table) {
	const count = ruleColumns | ruleThousands | ruleBlankZero | ruleBlankSkip | ruleLessThan | ruleRange | ruleNotPublished | ruleConstant
	// A blank segment or request type is a row not split by it; a blank note
	// is no note.
	for _, f := range []*Field{t.Segment, t.RequestType, t.Storage, t.StoredIn, t.Note} {
		if f != nil && f.Blank == "" && !f.constant() {
			f.Blank = BlankMissing
		}
	}
	c.required(t, "period", t.Period, ruleColumns|ruleFrom|ruleBy|ruleKindDate|ruleValues|ruleConstant|ruleBlankSkip)
	c.required(t, "country", t.Country, ruleBy|ruleValues|ruleConstant|ruleBlankSkip|ruleNameColumn)
	c.required(t, "legal_basis", t.LegalBasis, ruleValues|ruleConstant|ruleBlankSkip)
	c.optional(t, "segment", t.Segment, ruleValues|ruleConstant|ruleBlankMissing|ruleBlankSkip)
	c.optional(t, "request_type", t.RequestType, ruleValues|ruleConstant|ruleBlankMissing|ruleBlankSkip)
	c.optional(t, "storage", t.Storage, ruleValues|ruleConstant|ruleBlankMissing|ruleBlankSkip)
	c.optional(t, "stored_in", t.StoredIn, ruleValues|ruleConstant|ruleBlankMissing|ruleBlankSkip)
	// Imported reports may leave any figure unpublished: blank = "missing".
	c.required(t, "requests", t.Requests, count|ruleBlankMissing)
	c.required(t, "accounts", t.Accounts, count|ruleBlankMissing)
	c.optional(t, "percent_disclosed", t.PercentDisclosed, ruleColumns|rulePercent|ruleBlankMissing|ruleBlankSkip|ruleLessThan|ruleNotPublished)
	c.optional(t, "extraterritorial", t.Extraterritorial, count|ruleBlankMissing)
	c.optional(t, "contested", t.Contested, count|ruleBlankMissing)
	c.optional(t, "note", t.Note, ruleBlankMissing|ruleConstant)
	if len(t.Outcomes) > 0 {
		if t.PercentDisclosed != nil {
			c.addf(t.label, "give outcomes or percent_disclosed, not both: a row holds one or the other")
		}
		// Any outcome or outcome group may be given: the outcomes not
		// mapped are not published, never 0.
		nodes := keys(slices.Concat(c.tax.Outcomes, c.tax.OutcomeGroups))
		for _, key := range sortedKeys(t.Outcomes) {
			if !slices.Contains(nodes, key) {
				c.addf(t.label+".outcomes", "%q is not an outcome or outcome-group key of the taxonomy (%s)", key, strings.Join(nodes, ", "))
				continue
			}
			c.required(t, "outcomes."+key, t.Outcomes[key], count|ruleBlankMissing)
		}
	}
	if t.Type != nil {
		c.addf(t.label+".type", "is only for national_security tables")
	}
	if t.AfterLastPeriod != "" {
		c.addf(t.label+".after_last_period", "is only for national_security tables")
	}
	c.period(t)
	c.country(t)
	c.lookup(t, "legal_basis", t.LegalBasis)
	c.lookup(t, "segment", t.Segment)
	c.lookup(t, "request_type", t.RequestType)
	c.lookup(t, "storage", t.Storage)
}

// requestFields are the fields that only a requests table takes, and
// others that the calling kind of table refuses too: one list, so that a
// new field of requests is refused by every other kind of table (the
// notifications check once missed storage and stored_in).
func requestFields(t *Table, others map[string]*Field) map[string]*Field {
	fields := map[string]*Field{
		"segment": t.Segment, "request_type": t.RequestType, "percent_disclosed": t.PercentDisclosed,
		"extraterritorial": t.Extraterritorial, "contested": t.Contested, "storage": t.Storage, "stored_in": t.StoredIn,
	}
	for name, f := range others {
		fields[name] = f
	}
	return fields
}

// refuse reports each of fields that t gives, and its outcomes, as why.
func (c *checker) refuse(t *Table, fields map[string]*Field, why string) {
	for name, f := range fields {
		if f != nil {
			c.addf(t.label+"."+name, "%s", why)
		}
	}
	if len(t.Outcomes) > 0 {
		c.addf(t.label+".outcomes", "%s", why)
	}
}

// nationalSecurityTable checks the fields of a national-security table.
func (c *checker) nationalSecurityTable(t *Table) {
	const band = ruleMinMax | ruleThousands
	c.required(t, "period", t.Period, ruleColumns|ruleFrom|ruleBy|ruleKindDate|ruleValues|ruleConstant)
	c.required(t, "type", t.Type, ruleValues|ruleConstant)
	c.required(t, "requests", t.Requests, band)
	c.required(t, "accounts", t.Accounts, band)
	if t.Note != nil && t.Note.Blank == "" && !t.Note.constant() {
		t.Note.Blank = BlankMissing
	}
	c.optional(t, "note", t.Note, ruleBlankMissing|ruleConstant)
	c.refuse(t, requestFields(t, map[string]*Field{"country": t.Country, "legal_basis": t.LegalBasis}), "is only for requests tables")
	if t.Duplicates == "sum" {
		c.addf(t.label+".duplicates", "bands cannot be added: national-security tables take only \"error\"")
	}
	switch t.AfterLastPeriod {
	case "":
		t.AfterLastPeriod = "error"
	case "error", "skip":
	default:
		c.addf(t.label+".after_last_period", "%q: want error or skip", t.AfterLastPeriod)
	}
	c.period(t)
	c.lookup(t, "type", t.Type)
}

func (c *checker) required(t *Table, name string, f *Field, rules fieldRule) {
	if f == nil {
		c.addf(t.label+"."+name, "is missing")
		return
	}
	c.field(t, name, f, rules)
}

func (c *checker) optional(t *Table, name string, f *Field, rules fieldRule) {
	if f != nil {
		c.field(t, name, f, rules)
	}
}

// field checks where a field's value comes from and that it uses only the
// options its rules allow.
func (c *checker) field(t *Table, name string, f *Field, rules fieldRule) {
	f.name = name
	where := t.label + "." + name
	sources := 0
	for _, given := range []bool{f.Column != "", len(f.Columns) > 0, f.MinColumn != "" || f.MaxColumn != "", f.constant(), f.From != ""} {
		if given {
			sources++
		}
	}
	switch {
	case sources == 0 && rules&ruleMinMax != 0:
		c.addf(where, "give column (a band such as 0-499) or min_column and max_column")
	case sources == 0 && rules&ruleConstant != 0:
		c.addf(where, "give column or value")
	case sources == 0:
		c.addf(where, "give column")
	case sources > 1:
		c.addf(where, "give only one of column, columns, min_column/max_column, from and value")
	}
	if (f.MinColumn == "") != (f.MaxColumn == "") {
		c.addf(where, "give both min_column and max_column")
	}
	reject := func(given bool, option string, rule fieldRule) {
		if given && rules&rule == 0 {
			c.addf(where+"."+option, "does not apply to %s", name)
		}
	}
	reject(f.MinColumn != "" || f.MaxColumn != "", "min_column", ruleMinMax)
	reject(len(f.Columns) > 0, "columns", ruleColumns)
	reject(f.constant(), "value", ruleConstant)
	reject(f.From != "", "from", ruleFrom)
	reject(f.NameColumn != "", "name_column", ruleNameColumn)
	if f.From != "" && f.From != "file_name" {
		c.addf(where+".from", "%q: the only place besides a column is \"file_name\"", f.From)
	}
	reject(f.By != "", "by", ruleBy)
	reject(f.Kind != "", "kind", ruleKindDate)
	reject(f.DateFormat != "", "date_format", ruleKindDate)
	reject(len(f.Patterns) > 0, "patterns", ruleKindDate)
	reject(f.Values != nil, "values", ruleValues)
	reject(f.Thousands != "", "thousands", ruleThousands)
	reject(f.Decimal != "", "decimal", rulePercent)
	reject(f.PercentSign, "percent_sign", rulePercent)
	reject(f.Fraction, "fraction", rulePercent)
	reject(f.LessThan != "", "less_than", ruleLessThan)
	reject(f.Ranges, "ranges", ruleRange)
	reject(len(f.NotPublished) > 0, "not_published", ruleNotPublished)
	for i, n := range f.NotPublished {
		c.notPublished(fmt.Sprintf("%s.not_published[%d]", where, i), n)
	}
	if (f.constant() || f.From != "") && (f.Blank != "" || f.LessThan != "") {
		c.addf(where, "a constant value has no blank or less_than rule")
	}

	// Defaults are filled in where they apply, so that the checked mapping
	// says what happens.
	if f.Blank == "" && !f.constant() && f.From == "" {
		f.Blank = BlankReject
	}
	switch f.Blank {
	case "", BlankReject:
	case BlankZero:
		if rules&ruleBlankZero == 0 {
			c.addf(where+".blank", "\"zero\" does not apply to %s", name)
		}
	case BlankMissing:
		if rules&ruleBlankMissing == 0 {
			c.addf(where+".blank", "\"missing\" is only for figures that may be left out; use \"zero\", \"skip_row\" or \"reject\"")
		}
	case BlankSkipRow:
		if rules&ruleBlankSkip == 0 {
			c.addf(where+".blank", "\"skip_row\" does not apply to %s", name)
		}
	default:
		c.addf(where+".blank", "%q: want reject, zero, missing or skip_row", f.Blank)
	}
	if f.LessThan == "" && rules&ruleLessThan != 0 && !f.constant() && f.From == "" {
		f.LessThan = LessThanReject
	}
	switch f.LessThan {
	case "":
	case LessThanReject, LessThanSkipRow:
	case LessThanRange:
		if rules&ruleRange == 0 {
			c.addf(where+".less_than", "\"range\" is only for counts")
		}
	case "upper_bound":
		c.addf(where+".less_than", "\"upper_bound\" would publish 9 for \"<10\", a figure the source did not give: use \"range\", which keeps it as the range 0-9")
	default:
		c.addf(where+".less_than", "%q: want reject, skip_row or range", f.LessThan)
	}
	if f.Thousands != "" && (len([]rune(f.Thousands)) != 1 || strings.ContainsAny(f.Thousands, "0123456789-+<%")) {
		c.addf(where+".thousands", "%q must be one character, such as \",\", \".\", \" \" or \"'\"", f.Thousands)
	}
	switch f.Decimal {
	case "", ".", ",":
	default:
		c.addf(where+".decimal", "%q: want \".\" or \",\"", f.Decimal)
	}
	if f.Decimal != "" && f.Decimal == f.Thousands {
		c.addf(where, "decimal and thousands are both %q", f.Decimal)
	}
	switch {
	case f.Values == nil || rules&ruleValues == 0:
	case f.Values.Name == "":
		f.values = c.values(where+".values", name, f.Values.Entries)
	case c.maps[f.Values.Name] == nil:
		have := "none"
		if len(c.maps) > 0 {
			have = quoteAll(sortedKeys(c.maps))
		}
		c.addf(where+".values", "no map %q under [values] (the mapping has %s)", f.Values.Name, have)
	default:
		c.uses[f.Values.Name] = append(c.uses[f.Values.Name], f)
	}
	for _, col := range f.columnNames() {
		if strings.TrimSpace(col) == "" {
			c.addf(where, "a column name is blank")
		}
	}
}

// notPublished checks a not_published rule and prepares it.
func (c *checker) notPublished(where string, n *NotPublished) {
	if len(n.Values) == 0 && n.From == "" && n.Until == "" {
		c.addf(where, "give the values that mean the figure was not published, such as [\"0\"], or the periods (from, until) in which no value of the column is a published figure")
	}
	n.folded = map[string]bool{}
	for _, v := range n.Values {
		if strings.TrimSpace(v) == "" {
			c.addf(where+".values", "a blank cell is not a value: use blank = \"missing\" for it")
		}
		n.folded[fold(v)] = true
	}
	for _, bound := range []struct {
		name, text string
		dst        *report.Period
	}{{"from", n.From, &n.from}, {"until", n.Until, &n.until}} {
		if bound.text == "" {
			continue
		}
		p, err := report.ParsePeriod(bound.text)
		if err != nil {
			c.addf(where+"."+bound.name, "%v", err)
		}
		*bound.dst = p
	}
	if !n.from.IsZero() && !n.until.IsZero() && n.from.Start() > n.until.End() {
		c.addf(where, "from %s is after until %s", n.From, n.Until)
	}
	if strings.TrimSpace(n.Reason) == "" {
		c.addf(where+".reason", "is missing: say why these figures were not published, for the report's notes")
	}
}

// period prepares the period field: how its text becomes a period.
func (c *checker) period(t *Table) {
	f := t.Period
	if f == nil {
		return
	}
	where := t.label + ".period"
	if f.constant() {
		if _, err := report.ParsePeriod(string(f.Value)); err != nil {
			c.addf(where+".value", "%v", err)
		}
		if f.By != "" || f.Kind != "" || f.DateFormat != "" || len(f.Patterns) > 0 {
			c.addf(where, "a constant period takes no by, kind, date_format or patterns")
		}
		return
	}
	if f.By == "" {
		f.By = "label"
	}
	switch f.By {
	case "end_date", "start_date":
		if f.From != "" {
			c.addf(where+".from", "a period in the file's name is found by patterns (by = \"label\")")
		}
		switch f.Kind {
		case "quarter":
			f.kind = report.Quarter
		case "half":
			f.kind = report.Half
		case "year":
			f.kind = report.Year
		default:
			c.addf(where+".kind", "%q: a period given by its %s needs kind = quarter, half or year", f.Kind, strings.ReplaceAll(f.By, "_", " "))
		}
		if f.DateFormat == "" {
			f.DateFormat = "YYYY-MM-DD"
		}
		layout, err := dateLayout(f.DateFormat)
		if err != nil {
			c.addf(where+".date_format", "%v", err)
		}
		f.layout = layout
		if len(f.Patterns) > 0 {
			c.addf(where+".patterns", "are for by = \"label\"")
		}
	case "label":
		if f.From == "file_name" && len(f.Patterns) == 0 {
			c.addf(where+".patterns", "give the patterns to look for in the file's name, such as \"{year}-H{half}\"")
		}
		if f.Kind != "" || f.DateFormat != "" {
			c.addf(where, "kind and date_format are for by = \"end_date\" or \"start_date\"; a label's pattern says its kind")
		}
		for i, p := range f.Patterns {
			lp, err := compileLabel(p)
			if err != nil {
				c.addf(fmt.Sprintf("%s.patterns[%d]", where, i), "%v", err)
				continue
			}
			f.patterns = append(f.patterns, lp)
		}
	default:
		c.addf(where+".by", "%q: want end_date, start_date or label", f.By)
	}
}

// country prepares the country field.
func (c *checker) country(t *Table) {
	f := t.Country
	if f == nil {
		return
	}
	where := t.label + ".country"
	if f.By == "" {
		f.By = "code"
	}
	switch f.By {
	case "code", "alpha3", "numeric", "name":
	default:
		c.addf(where+".by", "%q: want code, alpha3, numeric or name", f.By)
	}
	if f.NameColumn != "" && (f.By == "name" || f.Column == "") {
		c.addf(where+".name_column", "applies only to a column of codes")
	}
	if f.constant() {
		if _, err := canonicalCountry(string(f.Value)); err != nil {
			c.addf(where+".value", "%v", err)
		}
	}
}

// values checks a map of cell texts onto values of the field kind (its
// name: period, country, legal_basis, segment, request_type or type), and returns it
// with its cell texts folded and taxonomy entries given by their keys.
func (c *checker) values(where, kind string, entries map[string]string) map[string]string {
	folded := map[string]string{}
	for _, from := range sortedKeys(entries) {
		to := entries[from]
		k := fold(from)
		if other, dup := folded[k]; dup && other != to {
			c.addf(where, "%q is given twice, ignoring case and spaces", from)
		}
		folded[k] = to
	}
	for _, from := range sortedKeys(entries) {
		to := entries[from]
		var err error
		switch kind {
		case "period":
			_, err = report.ParsePeriod(to)
		case "country":
			_, err = canonicalCountry(to)
		default:
			find, what := c.entries(kind)
			if e, ok := find(to); ok {
				folded[fold(from)] = e.Key
			} else {
				err = fmt.Errorf("%q is not a %s in the taxonomy", to, what)
			}
		}
		if err != nil {
			c.addf(where, "%q: %v", from, err)
		}
	}
	return folded
}

// entries finds the taxonomy entries that a field of the kind names, and
// says what they are.
func (c *checker) entries(kind string) (find func(string) (taxonomy.Entry, bool), what string) {
	switch kind {
	case "legal_basis":
		return c.tax.LegalBasis, "legal basis"
	case "segment":
		return c.tax.Segment, "segment"
	case "request_type":
		return c.tax.RequestType, "request type"
	case "storage":
		return c.tax.StorageLocation, "storage location"
	case "measure":
		return c.tax.NotificationMeasure, "notification measure"
	}
	return c.tax.NationalSecurity, "national-security type"
}

// lookup checks that a field's constant names a taxonomy entry, and stores
// its key.
func (c *checker) lookup(t *Table, name string, f *Field) {
	if f == nil {
		return
	}
	where := t.label + "." + name
	find, what := c.entries(name)
	if f.constant() {
		if e, ok := find(string(f.Value)); ok {
			f.Value = scalar(e.Key)
		} else {
			c.addf(where+".value", "%q is not a %s in the taxonomy", f.Value, what)
		}
	}
}

// fold is how cells and mapping keys are compared: case and repeated or
// surrounding spaces ignored.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.TrimPrefix(s, "\ufeff")), " "))
}

func keys(entries []taxonomy.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Key
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// matches reports whether a file's base name matches one of globs.
func matches(globs []string, file string) bool {
	base := filepath.Base(file)
	for _, g := range globs {
		if ok, _ := path.Match(g, base); ok {
			return true
		}
	}
	return false
}
