package downloads

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// NoteSeparator joins the notes of the source rows added into one row.
const NoteSeparator = " | "

const (
	periodPattern  = `^[0-9]{4}(-(Q[1-4]|H[12]))?$`
	countryPattern = `^[A-Z]{2}$`
	alpha3Pattern  = `^[A-Z]{3}$`
)

func periodFields() []Field {
	return []Field{
		{Name: "period", Title: "Period", Type: TypeString, Description: "The reporting period: a quarter (2026-Q3), a half-year (2026-H1) or a year (2026).",
			Constraints: &Constraints{Required: true, Pattern: periodPattern}},
		{Name: "period_kind", Title: "Kind of period", Type: TypeString, Description: "quarter, half or year. Filter on one kind before adding rows up: a half-year is the sum of its quarters, so adding kinds together counts requests twice.",
			Constraints: &Constraints{Required: true, Enum: []string{"quarter", "half", "year"}}},
		{Name: "period_start", Title: "Start", Type: TypeDate, Format: "default", Description: "The first day of the period (ISO 8601, YYYY-MM-DD).",
			Constraints: &Constraints{Required: true}},
		{Name: "period_end", Title: "End", Type: TypeDate, Format: "default", Description: "The last day of the period (ISO 8601, YYYY-MM-DD).",
			Constraints: &Constraints{Required: true}},
	}
}

func periodValues(p view.PeriodSummary) []any {
	return []any{p.Key, p.Kind, p.Start, p.End}
}

func countryFields() []Field {
	return []Field{
		{Name: "country_code", Title: "Country code", Type: TypeString, Description: "ISO 3166-1 alpha-2 code of the country whose authorities made the requests; XK for Kosovo, which has no ISO code (the user-assigned code that CLDR uses). Three CLDR codes stand for requesters that are not countries: UN (the United Nations), EU (the European Union) and ZZ (requests not broken down by country: worldwide figures, or the rest of the world after the countries listed). Their requests count in the totals; they have no rank among countries.",
			Constraints: &Constraints{Required: true, Pattern: countryPattern}},
		{Name: "country_alpha3", Title: "Country code (alpha-3)", Type: TypeString, Description: "ISO 3166-1 alpha-3 code of the same country, from CLDR; XKK for Kosovo, ZZZ for ZZ (both user-assigned codes). Empty for UN and EU, which have none.",
			Constraints: &Constraints{Pattern: alpha3Pattern}},
		{Name: "country_name", Title: "Country", Type: TypeString, Description: "The country's English name from the Unicode Common Locale Data Repository (CLDR), as the site shows it; for ZZ, the site's own \"Worldwide / not by country\" (CLDR's \"Unknown Region\" would mislead).",
			Constraints: &Constraints{Required: true}},
	}
}

func countryValues(rep *view.Report, code string) []any {
	return []any{code, alpha3(code), englishName(rep, code)}
}

// englishName is the requester's name as the site shows it in English:
// CLDR's, but ZZ's from the translations.
func englishName(rep *view.Report, code string) string {
	if d, ok := rep.CountryDetails[code]; ok && d.Names["en"] != "" {
		return d.Names["en"]
	}
	return countries.Name(code, "en")
}

// alpha3 is the ISO 3166-1 alpha-3 code of an alpha-2 code, from CLDR: ZZZ
// for ZZ, and none (nil) for the organisations, for which CLDR's ZZZ and QUU
// are no codes of theirs.
func alpha3(code string) any {
	if countries.KindOf(code) == countries.Organisation {
		return nil
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return nil
	}
	return r.ISO3()
}

// measureFields are the figures of any group of requests: report.Figures.
// With groups, the outcome groups have columns too: some source gave a
// group's figure without all of its outcomes.
func measureFields(tax *taxonomy.Taxonomy, groups bool) []Field {
	count := func(name, title, desc string, required bool) Field {
		return Field{Name: name, Title: title, Type: TypeInteger, Description: desc, Constraints: &Constraints{Required: required, Minimum: ptr(0)}}
	}
	var disclosed []string
	for _, o := range tax.Outcomes {
		if o.DataDisclosed {
			disclosed = append(disclosed, "outcome_"+o.Key)
		}
	}
	fields := []Field{
		count("requests", "Requests", "Requests received: each demand for data, whatever the number of accounts it names.", true),
		count("accounts", "Accounts", "Accounts named in those requests. One request can name several accounts, and one account can be named in several requests.", true),
		count("outcome_requests", "Requests with outcomes as counts", "Requests whose outcome was reported as a count of each outcome. The outcome columns add up to this figure, not to requests: the difference is requests whose outcome was published only as a percentage (percent_only_requests).", true),
	}
	for _, o := range tax.Outcomes {
		fields = append(fields, count("outcome_"+o.Key, o.English(),
			fmt.Sprintf("%s Requests that ended this way, among outcome_requests; each request is counted once, under the most that was disclosed. Empty when there were requests but none had its outcome reported as counts.", strings.TrimSpace(o.Description["en"])), false))
	}
	if groups {
		for _, g := range tax.OutcomeGroups {
			fields = append(fields, count("outcome_"+g.Key, g.English(),
				fmt.Sprintf("%s The sum of the outcome columns of this group, or the figure a source published for the group as a whole where it did not split it into outcomes.", strings.TrimSpace(g.Description["en"])), false))
		}
	}
	fields = append(fields,
		count("percent_only_requests", "Requests with a published percentage only", "Requests whose outcome is known only from a published percentage of requests where some data was disclosed (imported historical reports), not from counts of each outcome.", true),
		Field{Name: "disclosed_percent", Title: "Some data disclosed (%)", Type: TypeNumber,
			Description: fmt.Sprintf("The share of requests with a known outcome where some data was disclosed, in percent, rounded half away from zero to one decimal: (%s + published percentage × requests of the percentage-only rows) ÷ (outcome_requests + percent_only_requests) × 100. Empty when no outcome is known.", strings.Join(disclosed, " + ")),
			Constraints: &Constraints{Minimum: ptr(0), Maximum: ptr(100)}},
		Field{Name: "disclosed_from_percentages", Title: "Share partly from published percentages", Type: TypeBoolean,
			Description: "true when disclosed_percent comes at least in part from percentages published in earlier reports, weighted by their requests, rather than from counts of each outcome.",
			Constraints: &Constraints{Required: true}},
		count("extraterritorial", "Extraterritorial requests", "Requests for data stored outside the requesting country. Empty when no source reported it.", false),
		count("contested", "Contested in court", "Requests the company challenged in court. Empty when no source reported it.", false),
	)
	return fields
}

// hasOutcomeCounts reports whether the outcome columns hold counts: they
// are left empty when there were requests but none with outcome counts, so
// that a percentage-only row does not read as zero of each outcome.
func hasOutcomeCounts(f report.Figures) bool { return f.HasOutcomeCounts() || f.Requests.IsZero() }

// measureValues are the values of measureFields; figures are report.Count
// values, which countPlan writes as columns.
func measureValues(f report.Figures, tax *taxonomy.Taxonomy, groups bool) []any {
	out := []any{f.Requests, f.Accounts, f.OutcomeRequests}
	nodes := tax.Outcomes
	if groups {
		nodes = slices.Concat(tax.Outcomes, tax.OutcomeGroups)
	}
	for _, o := range nodes {
		if hasOutcomeCounts(f) {
			out = append(out, f.Outcomes[o.Key])
		} else {
			out = append(out, nil)
		}
	}
	out = append(out, f.PercentOnlyRequests)
	if f.DisclosedPercent != nil {
		out = append(out, *f.DisclosedPercent)
	} else {
		out = append(out, nil)
	}
	out = append(out, f.FromPercentages, optionalCount(f.Extraterritorial), optional(f.Contested))
	return out
}

// optionalText is nil for "", so that JSON says null where CSV leaves the
// cell empty.
func optionalText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func optionalFloat(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func optional(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

// optionalCount is nil for a figure no source reported, and otherwise the
// count, which countPlan writes.
func optionalCount(c *report.Count) any {
	if c == nil {
		return nil
	}
	return *c
}

func concat(parts ...[]Field) []Field {
	var out []Field
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func concatValues(parts ...[]any) []any {
	var out []any
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func newSchema(fields []Field, primaryKey ...string) Schema {
	return Schema{Fields: fields, PrimaryKey: primaryKey, MissingValues: []string{""}}
}

// requestsTable is the tidy dataset's definition, without rows. With
// requestTypes, its rows are split by what the requests named too.
func requestsTable(tax *taxonomy.Taxonomy, groups, requestTypes bool) Table {
	var requestType []Field
	primaryKey := []string{"period", "country_code", "legal_basis"}
	row := "one legal basis used by one country's authorities in one period, all teams and customer segments added together."
	if requestTypes {
		var names []string
		for _, r := range tax.RequestTypes {
			names = append(names, r.Key)
		}
		requestType = []Field{{Name: "request_type", Title: "What the requests named", Type: TypeString,
			Description: "Key of what the requests named (an account, a device, a phone number, ...), from the report's taxonomy; the codebook explains each one. Empty for requests whose source does not say.",
			Constraints: &Constraints{Enum: names}}}
		primaryKey = append(primaryKey, "request_type")
		row = "one legal basis used by one country's authorities in one period, for one kind of thing the requests named, all teams and customer segments added together."
	}
	fields := concat(periodFields(), countryFields(), legalBasisFields(tax), requestType, measureFields(tax, groups), []Field{
		{Name: "source_rows", Title: "Source rows", Type: TypeInteger, Description: "How many rows of the teams' workbooks were added together into this row (teams, and the consumer and enterprise segments where a team splits them).",
			Constraints: &Constraints{Required: true, Minimum: ptr(1)}},
		{Name: "notes", Title: "Notes", Type: TypeString, Description: "The notes the teams wrote beside those rows, each once, joined with \" | \". Empty when there are none."},
	})
	return Table{
		Name:  RequestsTable,
		Title: "Requests by period, country and legal basis",
		Description: "The whole dataset in tidy form: every measure of every country and legal basis in every period the sources were given in (quarters, or half-years for imported reports). " +
			"Half-years and years are not included because they are sums of these rows: adding them in would count requests twice. Their rows are in the per-period files. " +
			"Rows that do not count toward the totals (counts_toward_total = false) are included: leave them out before adding up totals.",
		Row:    row,
		Schema: newSchema(fields, primaryKey...),
	}
}

// legalBasisFields are a legal basis's key, name and whether it counts
// toward the totals, as the requests table has them.
func legalBasisFields(tax *taxonomy.Taxonomy) []Field {
	var keys []string
	for _, b := range tax.LegalBases {
		keys = append(keys, b.Key)
	}
	return []Field{
		{Name: "legal_basis", Title: "Legal basis", Type: TypeString, Description: "Key of the kind of legal process used, from the report's taxonomy; the codebook explains each one.",
			Constraints: &Constraints{Required: true, Enum: keys}},
		{Name: "legal_basis_label", Title: "Legal basis (name)", Type: TypeString, Description: "The legal basis's English name, as the site shows it.",
			Constraints: &Constraints{Required: true}},
		{Name: "counts_toward_total", Title: "Counts toward the totals", Type: TypeBoolean, Description: "true when these requests are added into the report's totals; false for kinds that are shown apart and never added, such as preservation requests (nothing is disclosed in answer to them).",
			Constraints: &Constraints{Required: true}},
	}
}

const legalBasesTableName = "legal-bases"

// legalBasesTable is the figures of legal bases in periods, every country
// added together: the rows of a figure's table (figureTables), not a
// whole-report table (requests.csv holds the same figures by country).
func legalBasesTable(tax *taxonomy.Taxonomy, groups bool) Table {
	return Table{
		Name:   legalBasesTableName,
		Title:  "Totals per legal basis and period",
		Row:    "one legal basis in one period, every country added together.",
		Schema: newSchema(concat(periodFields(), legalBasisFields(tax), measureFields(tax, groups)), "period", "legal_basis"),
	}
}

func legalBasisRow(rep *view.Report, tax *taxonomy.Taxonomy, p view.PeriodSummary, key string, f report.Figures) []any {
	entry, _ := tax.LegalBasis(key)
	return concatValues(periodValues(p), []any{key, entry.English(), entry.CountsTowardTotal}, measureValues(f, tax, rep.HasOutcomeGroups))
}

func periodsTable(tax *taxonomy.Taxonomy, groups bool) Table {
	fields := concat(periodFields(), []Field{
		{Name: "rolled_up", Title: "Rolled up", Type: TypeBoolean, Description: "true for a half-year or year added up from its shorter periods; false for a period the sources were given in.",
			Constraints: &Constraints{Required: true}},
	}, measureFields(tax, groups), []Field{
		{Name: "not_counted_requests", Title: "Requests not counted", Type: TypeInteger, Description: "Requests of the kinds that are not counted in the totals above (preservation requests).",
			Constraints: &Constraints{Required: true, Minimum: ptr(0)}},
		{Name: "not_counted_accounts", Title: "Accounts in requests not counted", Type: TypeInteger, Description: "Accounts named in the requests that are not counted in the totals.",
			Constraints: &Constraints{Required: true, Minimum: ptr(0)}},
	})
	return Table{
		Name:  PeriodsTable,
		Title: "Totals per period",
		Description: "The report's totals for every quarter, half-year and year, as the site's charts and tables of periods show them. " +
			"Filter on period_kind before adding rows up. Only legal bases that count toward the totals are included in the measures.",
		Row:    "one period, with its totals over every country and every legal basis that counts toward the totals.",
		Schema: newSchema(fields, "period"),
	}
}

func countriesTable(tax *taxonomy.Taxonomy, groups bool) Table {
	fields := concat(periodFields(), countryFields(), measureFields(tax, groups), []Field{
		{Name: "rank", Title: "Rank", Type: TypeInteger, Description: "The country's rank by requests in the period (1 = most requests; countries with the same requests share a rank, and the next rank counts them all: 1, 2, 2, 4). Empty when the country made no request counted in the totals, and for UN, EU and ZZ, which are not countries.",
			Constraints: &Constraints{Minimum: ptr(1)}},
		{Name: "share_percent", Title: "Share of all requests (%)", Type: TypeNumber, Description: "The country's requests as a percentage of all requests in the period, to one decimal.",
			Constraints: &Constraints{Required: true, Minimum: ptr(0), Maximum: ptr(100)}},
	})
	return Table{
		Name:  CountriesTable,
		Title: "Totals per country and period",
		Description: "Every country's totals in every quarter, half-year and year, as the site's tables of countries show them. " +
			"Filter on period_kind before adding rows up. Only legal bases that count toward the totals are included; a country with only preservation requests has a row of zeros.",
		Row:    "one country in one period, with its totals over every legal basis that counts toward the totals.",
		Schema: newSchema(fields, "period", "country_code"),
	}
}

func nationalSecurityTable(tax *taxonomy.Taxonomy) Table {
	var keys []string
	for _, n := range tax.NationalSecurityType {
		keys = append(keys, n.Key)
	}
	band := func(prefix, what string) []Field {
		return []Field{
			{Name: prefix + "_band", Title: what + " (band as published)", Type: TypeString, Description: "The range of " + strings.ToLower(what) + " exactly as published, such as 0-499 or 5000+ (no upper bound).",
				Constraints: &Constraints{Required: true}},
			{Name: prefix + "_lower", Title: what + " (lower bound)", Type: TypeInteger, Description: "The band's lower bound, included.",
				Constraints: &Constraints{Required: true, Minimum: ptr(0)}},
			{Name: prefix + "_upper", Title: what + " (upper bound)", Type: TypeInteger, Description: "The band's upper bound, included. Empty for a band with no upper bound, such as 5000+.",
				Constraints: &Constraints{Minimum: ptr(0)}},
		}
	}
	fields := concat(periodFields(), []Field{
		{Name: "type", Title: "Type of request", Type: TypeString, Description: "Key of the type of US national-security request, from the report's taxonomy.",
			Constraints: &Constraints{Required: true, Enum: keys}},
		{Name: "type_label", Title: "Type of request (name)", Type: TypeString, Description: "The type's English name.",
			Constraints: &Constraints{Required: true}},
		{Name: "reported_in", Title: "Published in", Type: TypeString, Description: "The period of the report that first published the band; the law allows publication only after a delay.",
			Constraints: &Constraints{Required: true, Pattern: periodPattern}},
	}, band("requests", "Requests"), band("accounts", "Accounts"), []Field{
		{Name: "note", Title: "Note", Type: TypeString, Description: "The note written beside the band, if any."},
	})
	return Table{
		Name:  NationalSecurityTable,
		Title: "US national-security requests",
		Description: "US national-security requests, which the law lets companies publish only as bands and only after a delay, exactly as published. " +
			"Bands are never added up: a sum of ranges is not a figure.",
		Row:    "one type of request in one period covered (usually a half-year).",
		Schema: newSchema(fields, "period", "type"),
	}
}

// noteKey locates the notes of one row of the tidy dataset; requestType is
// "" unless the dataset is split by it.
type noteKey struct{ period, country, legalBasis, requestType string }

// collectNotes gathers the notes of the source rows under every period the
// rows are added into (their own and the longer periods that contain it),
// each note once per row, in source order.
func collectNotes(sources []report.Source, rep *view.Report) map[noteKey][]string {
	notes := map[noteKey][]string{}
	for _, s := range sources {
		for _, r := range s.Rows {
			note := strings.TrimSpace(r.Note)
			if note == "" {
				continue
			}
			for p, ok := r.Period, true; ok && rep.PeriodDetails[p.String()] != nil; p, ok = p.Parent() {
				k := noteKey{p.String(), r.Country, r.LegalBasis, r.RequestType}
				if !slices.Contains(notes[k], note) {
					notes[k] = append(notes[k], note)
				}
			}
		}
	}
	return notes
}

// requestRows are the tidy rows of one period, by country code, then legal
// basis in taxonomy order, then, where the report has request types, by
// request type (view.Breakdown.ByRequestType).
func requestRows(rep *view.Report, tax *taxonomy.Taxonomy, notes map[noteKey][]string, period string) [][]any {
	d := rep.PeriodDetails[period]
	countries := slices.Clone(d.Countries)
	slices.SortFunc(countries, func(a, b view.CountryFigures) int { return cmp.Compare(a.Code, b.Code) })
	label := map[string]string{}
	for _, b := range tax.LegalBases {
		label[b.Key] = b.English()
	}
	var rows [][]any
	for _, c := range countries {
		for _, b := range c.ByLegalBasis {
			// Without request types, the legal basis's figures are one row,
			// whose request type is none.
			parts := []view.Breakdown{{Figures: b.Figures}}
			if rep.HasRequestTypes {
				parts = b.ByRequestType
			}
			for _, part := range parts {
				var requestType []any
				if rep.HasRequestTypes {
					requestType = []any{optionalText(part.Key)}
				}
				rows = append(rows, concatValues(
					periodValues(d.PeriodSummary),
					countryValues(rep, c.Code),
					[]any{b.Key, label[b.Key], b.CountsTowardTotal},
					requestType,
					measureValues(part.Figures, tax, rep.HasOutcomeGroups),
					[]any{int64(part.Figures.Rows), strings.Join(notes[noteKey{period, c.Code, b.Key, part.Key}], NoteSeparator)},
				))
			}
		}
	}
	return rows
}

func periodRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	var rows [][]any
	for _, p := range rep.Periods {
		rows = append(rows, periodRow(rep, tax, p))
	}
	return rows
}

func periodRow(rep *view.Report, tax *taxonomy.Taxonomy, p view.PeriodSummary) []any {
	d := rep.PeriodDetails[p.Key]
	return concatValues(periodValues(p), []any{p.RolledUp}, measureValues(p.Totals, tax, rep.HasOutcomeGroups),
		[]any{d.NotCounted.Requests, d.NotCounted.Accounts})
}

func countryRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	var rows [][]any
	for _, p := range rep.Periods {
		countries := slices.Clone(rep.PeriodDetails[p.Key].Countries)
		slices.SortFunc(countries, func(a, b view.CountryFigures) int { return cmp.Compare(a.Code, b.Code) })
		for _, c := range countries {
			rows = append(rows, countryRow(rep, tax, p, c))
		}
	}
	return rows
}

func countryRow(rep *view.Report, tax *taxonomy.Taxonomy, p view.PeriodSummary, c view.CountryFigures) []any {
	var rank any
	if c.Rank > 0 {
		rank = int64(c.Rank)
	}
	return concatValues(periodValues(p), countryValues(rep, c.Code), measureValues(c.Figures, tax, rep.HasOutcomeGroups),
		[]any{rank, optionalFloat(c.SharePercent)})
}

func nationalSecurityRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	label := map[string]string{}
	for _, n := range tax.NationalSecurityType {
		label[n.Key] = n.English()
	}
	band := func(b report.Band) []any {
		var upper any
		if !b.Open {
			upper = b.High
		}
		return []any{b.Published, b.Low, upper}
	}
	var rows [][]any
	for _, n := range rep.NationalSecurity {
		p, err := report.ParsePeriod(n.Period)
		kind := ""
		if err == nil {
			kind = p.Kind.String()
		}
		rows = append(rows, concatValues(
			[]any{n.Period, kind, n.Start, n.End, n.Type, label[n.Type], n.ReportedIn},
			band(n.Requests), band(n.Accounts), []any{n.Note}))
	}
	return rows
}

// correctionsTable lists the published figures restated since, from the
// corrections file; a release has it only when there are corrections.
func correctionsTable(tax *taxonomy.Taxonomy) Table {
	var keys []string
	for _, b := range tax.LegalBases {
		keys = append(keys, b.Key)
	}
	count := func(name, title, desc string) Field {
		return Field{Name: name, Title: title, Type: TypeString, Description: desc + " Written as a count (1987), a range as published (11000-12000, 5000+) or \"not published\".",
			Constraints: &Constraints{Required: true}}
	}
	fields := []Field{
		{Name: "date", Title: "Corrected on", Type: TypeDate, Format: "default", Description: "The day the correction was made (ISO 8601, YYYY-MM-DD).",
			Constraints: &Constraints{Required: true}},
		{Name: "period", Title: "Period", Type: TypeString, Description: "The period of the corrected figure, as in requests.csv.",
			Constraints: &Constraints{Required: true, Pattern: periodPattern}},
		{Name: "country_code", Title: "Country code", Type: TypeString, Description: "The country of the corrected figure, as in requests.csv.",
			Constraints: &Constraints{Required: true, Pattern: countryPattern}},
		{Name: "legal_basis", Title: "Legal basis", Type: TypeString, Description: "The legal basis of the corrected figure, as in requests.csv.",
			Constraints: &Constraints{Required: true, Enum: keys}},
		{Name: "request_type", Title: "What the requests named", Type: TypeString, Description: "The request type of the corrected figure, as in requests.csv; empty where the report does not split by it."},
		{Name: "measure", Title: "Measure", Type: TypeString, Description: "The column of requests.csv that was corrected, such as requests or accounts.",
			Constraints: &Constraints{Required: true}},
		count("before", "Before", "The figure as an earlier release published it."),
		count("after", "After", "The figure as corrected, as this release publishes it; \"removed\" where its row was withdrawn."),
		{Name: "reason", Title: "Reason", Type: TypeString, Description: "Why the figure was corrected.",
			Constraints: &Constraints{Required: true}},
	}
	return Table{
		Name:  CorrectionsTable,
		Title: "Corrections of published figures",
		Description: "Every figure that an earlier release published and that a later one restated, newest first, with the figure before and after and the reason. " +
			"Earlier releases keep their files unchanged; the figures of this release are the corrected ones.",
		Row:    "one corrected figure: one measure of one row of requests.csv.",
		Schema: newSchema(fields, "date", "period", "country_code", "legal_basis", "request_type", "measure"),
	}
}

func correctionRows(corrections []view.Correction) [][]any {
	var rows [][]any
	for _, c := range corrections {
		after := c.After.String()
		if c.Removed {
			after = report.RemovedText
		}
		rows = append(rows, []any{c.Date, c.Period, c.Country, c.LegalBasis, optionalText(c.RequestType), c.Measure, c.Before.String(), after, c.Reason})
	}
	return rows
}

// figureTable is the CSV of one figure's table: the rows of the countries
// table (or, with periods, the periods table) that the figure's table
// shows, in its order, so that the file beside a table holds that table.
type figureTable struct {
	file, name, title string
	table             string // CountriesTable, PeriodsTable or legal-bases
	rows              [][]any
}

// figureTables are the CSVs of the figures' tables: a period's countries
// (all, and the chart's top ones) and legal bases, a country's and a legal
// basis's totals per period of the kind the sources are given in (periods
// without requests included, as zeros), and the report's totals per period
// of each kind.
func figureTables(rep *view.Report, tax *taxonomy.Taxonomy) []figureTable {
	var out []figureTable
	byKind := map[string][][]any{}
	for _, p := range rep.Periods {
		d := rep.PeriodDetails[p.Key]
		var rows [][]any
		for _, c := range d.Countries {
			rows = append(rows, countryRow(rep, tax, p, c))
		}
		var bases [][]any
		for _, b := range d.ByLegalBasis {
			bases = append(bases, legalBasisRow(rep, tax, p, b.Key, b.Figures))
		}
		key := strings.ToLower(p.Key)
		out = append(out,
			figureTable{file: "by-period/countries-" + p.Key + ".csv", name: "countries-" + key, title: "Countries in " + p.Key + ", in rank order", table: CountriesTable, rows: rows},
			figureTable{file: "by-period/top-countries-" + p.Key + ".csv", name: "top-countries-" + key, title: fmt.Sprintf("The %d countries with the most requests in %s", d.TopCount, p.Key), table: CountriesTable, rows: rows[:d.TopCount]},
			figureTable{file: "by-period/legal-bases-" + p.Key + ".csv", name: "legal-bases-" + key, title: "Legal bases in " + p.Key + ", counted in the totals by requests, then those not counted", table: legalBasesTableName, rows: bases})
		byKind[p.Kind] = append(byKind[p.Kind], periodRow(rep, tax, p))
	}
	for _, kind := range []string{"quarter", "half", "year"} {
		if rows := byKind[kind]; rows != nil {
			out = append(out, figureTable{file: "by-kind/periods-" + kind + ".csv", name: "periods-" + kind, title: "Totals per " + kind, table: PeriodsTable, rows: rows})
		}
	}
	for _, key := range rep.LegalBases {
		var rows [][]any
		for _, point := range rep.LegalBasisDetails[key].Points[rep.SourceKind] {
			rows = append(rows, legalBasisRow(rep, tax, rep.PeriodDetails[point.Period].PeriodSummary, key, point.Figures))
		}
		out = append(out, figureTable{file: "by-legal-basis/periods-" + key + ".csv", name: "legal-basis-periods-" + strings.ReplaceAll(key, "_", "-"),
			title: fmt.Sprintf("Totals of %s per %s", key, rep.SourceKind), table: legalBasesTableName, rows: rows})
	}
	empty := (&report.Tally{}).Figures(tax)
	for _, c := range rep.Countries {
		var rows [][]any
		for _, p := range rep.PeriodsNewest[rep.SourceKind] {
			d := rep.PeriodDetails[p.Key]
			figures := view.CountryFigures{Requester: c.Requester, Figures: empty}
			if total, ok := p.Totals.Requests.Value(); ok && total > 0 {
				figures.SharePercent = new(float64) // none of the period's requests
			}
			if i := slices.IndexFunc(d.Countries, func(f view.CountryFigures) bool { return f.Code == c.Code }); i >= 0 {
				figures = d.Countries[i]
			}
			rows = append(rows, countryRow(rep, tax, p, figures))
		}
		slices.Reverse(rows) // oldest first, as the country's trend table
		out = append(out, figureTable{file: "by-country/periods-" + c.Code + ".csv", name: "periods-" + strings.ToLower(c.Code),
			title: fmt.Sprintf("Totals of %s per %s", englishName(rep, c.Code), rep.SourceKind), table: CountriesTable, rows: rows})
	}
	return out
}
