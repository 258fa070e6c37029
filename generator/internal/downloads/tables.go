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

func periodFields(w words) []Field {
	return []Field{
		w.column("period", TypeString, &Constraints{Required: true, Pattern: periodPattern}),
		w.column("period_kind", TypeString, &Constraints{Required: true, Enum: []string{"quarter", "half", "year"}}),
		w.date("period_start", "period_start", &Constraints{Required: true}),
		w.date("period_end", "period_end", &Constraints{Required: true}),
	}
}

func periodValues(p view.PeriodSummary) []any {
	return []any{p.Key, p.Kind, p.Start, p.End}
}

func countryFields(w words) []Field {
	return []Field{
		w.column("country_code", TypeString, &Constraints{Required: true, Pattern: countryPattern}),
		w.column("country_alpha3", TypeString, &Constraints{Pattern: alpha3Pattern}),
		w.column("country_name", TypeString, &Constraints{Required: true}),
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
func measureFields(w words, tax *taxonomy.Taxonomy, groups bool) []Field {
	count := func(name string, required bool) Field {
		return w.column(name, TypeInteger, &Constraints{Required: required, Minimum: ptr(0)})
	}
	// node is the column of an outcome or outcome group, titled with its
	// label and described from its description.
	node := func(id string, e taxonomy.Entry) Field {
		return Field{Name: "outcome_" + e.Key, Title: e.Label.In(w.lang), Type: TypeInteger,
			Description: w.text("field", id, "description", map[string]string{"Description": strings.TrimSpace(e.Description.In(w.lang))}),
			Constraints: &Constraints{Minimum: ptr(0)}}
	}
	var disclosed []string
	for _, o := range tax.Outcomes {
		if o.DataDisclosed {
			disclosed = append(disclosed, "outcome_"+o.Key)
		}
	}
	fields := []Field{count("requests", true), count("accounts", true), count("outcome_requests", true)}
	for _, o := range tax.Outcomes {
		fields = append(fields, node("outcome", o))
	}
	if groups {
		for _, g := range tax.OutcomeGroups {
			fields = append(fields, node("outcome_group", g))
		}
	}
	share := Field{Name: "disclosed_percent", Title: w.text("field", "disclosed_percent", "title", nil), Type: TypeNumber,
		Description: w.text("field", "disclosed_percent", "description", map[string]string{"Outcomes": strings.Join(disclosed, " + ")}),
		Constraints: &Constraints{Minimum: ptr(0), Maximum: ptr(100)}}
	fields = append(fields,
		count("percent_only_requests", true),
		share,
		w.column("disclosed_from_percentages", TypeBoolean, &Constraints{Required: true}),
		count("extraterritorial", false),
		count("contested", false),
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
func requestsTable(w words, tax *taxonomy.Taxonomy, groups, requestTypes bool) Table {
	var requestType []Field
	primaryKey := []string{"period", "country_code", "legal_basis"}
	row := "row"
	if requestTypes {
		var names []string
		for _, r := range tax.RequestTypes {
			names = append(names, r.Key)
		}
		requestType = []Field{w.column("request_type", TypeString, &Constraints{Enum: names})}
		primaryKey = append(primaryKey, "request_type")
		row = "row_by_request_type"
	}
	fields := concat(periodFields(w), countryFields(w), legalBasisFields(w, tax), requestType, measureFields(w, tax, groups), []Field{
		w.column("source_rows", TypeInteger, &Constraints{Required: true, Minimum: ptr(1)}),
		w.column("notes", TypeString, nil),
	})
	t := w.table(RequestsTable, row, true)
	t.Schema = newSchema(fields, primaryKey...)
	return t
}

// legalBasisFields are a legal basis's key, name and whether it counts
// toward the totals, as the requests table has them.
func legalBasisFields(w words, tax *taxonomy.Taxonomy) []Field {
	var keys []string
	for _, b := range tax.LegalBases {
		keys = append(keys, b.Key)
	}
	return []Field{
		w.column("legal_basis", TypeString, &Constraints{Required: true, Enum: keys}),
		w.column("legal_basis_label", TypeString, &Constraints{Required: true}),
		w.column("counts_toward_total", TypeBoolean, &Constraints{Required: true}),
	}
}

const legalBasesTableName = "legal-bases"

// legalBasesTable is the figures of legal bases in periods, every country
// added together: the rows of a figure's table (figureTables), not a
// whole-report table (requests.csv holds the same figures by country).
func legalBasesTable(w words, tax *taxonomy.Taxonomy, groups bool) Table {
	t := w.table(legalBasesTableName, "row", false)
	t.Schema = newSchema(concat(periodFields(w), legalBasisFields(w, tax), measureFields(w, tax, groups)), "period", "legal_basis")
	return t
}

func legalBasisRow(rep *view.Report, tax *taxonomy.Taxonomy, p view.PeriodSummary, key string, f report.Figures) []any {
	entry, _ := tax.LegalBasis(key)
	return concatValues(periodValues(p), []any{key, entry.English(), entry.CountsTowardTotal}, measureValues(f, tax, rep.HasOutcomeGroups))
}

func periodsTable(w words, tax *taxonomy.Taxonomy, groups bool) Table {
	fields := concat(periodFields(w), []Field{
		w.column("rolled_up", TypeBoolean, &Constraints{Required: true}),
	}, measureFields(w, tax, groups), []Field{
		w.column("not_counted_requests", TypeInteger, &Constraints{Required: true, Minimum: ptr(0)}),
		w.column("not_counted_accounts", TypeInteger, &Constraints{Required: true, Minimum: ptr(0)}),
	})
	t := w.table(PeriodsTable, "row", true)
	t.Schema = newSchema(fields, "period")
	return t
}

func countriesTable(w words, tax *taxonomy.Taxonomy, groups bool) Table {
	fields := concat(periodFields(w), countryFields(w), measureFields(w, tax, groups), []Field{
		w.column("rank", TypeInteger, &Constraints{Minimum: ptr(1)}),
		w.column("share_percent", TypeNumber, &Constraints{Required: true, Minimum: ptr(0), Maximum: ptr(100)}),
	})
	t := w.table(CountriesTable, "row", true)
	t.Schema = newSchema(fields, "period", "country_code")
	return t
}

func nationalSecurityTable(w words, tax *taxonomy.Taxonomy) Table {
	var keys []string
	for _, n := range tax.NationalSecurityType {
		keys = append(keys, n.Key)
	}
	band := func(prefix string) []Field {
		return []Field{
			w.column(prefix+"_band", TypeString, &Constraints{Required: true}),
			w.column(prefix+"_lower", TypeInteger, &Constraints{Required: true, Minimum: ptr(0)}),
			w.column(prefix+"_upper", TypeInteger, &Constraints{Minimum: ptr(0)}),
		}
	}
	fields := concat(periodFields(w), []Field{
		w.column("type", TypeString, &Constraints{Required: true, Enum: keys}),
		w.column("type_label", TypeString, &Constraints{Required: true}),
		w.column("reported_in", TypeString, &Constraints{Required: true, Pattern: periodPattern}),
	}, band("requests"), band("accounts"), []Field{
		w.column("note", TypeString, nil),
	})
	t := w.table(NationalSecurityTable, "row", true)
	t.Schema = newSchema(fields, "period", "type")
	return t
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
func correctionsTable(w words, tax *taxonomy.Taxonomy) Table {
	var keys []string
	for _, b := range tax.LegalBases {
		keys = append(keys, b.Key)
	}
	column := func(name, typ string, c *Constraints) Field { return w.field("correction_"+name, name, typ, c) }
	fields := []Field{
		w.date("correction_date", "date", &Constraints{Required: true}),
		column("period", TypeString, &Constraints{Required: true, Pattern: periodPattern}),
		column("country_code", TypeString, &Constraints{Required: true, Pattern: countryPattern}),
		column("legal_basis", TypeString, &Constraints{Required: true, Enum: keys}),
		column("request_type", TypeString, nil),
		column("measure", TypeString, &Constraints{Required: true}),
		column("before", TypeString, &Constraints{Required: true}),
		column("after", TypeString, &Constraints{Required: true}),
		column("reason", TypeString, &Constraints{Required: true}),
	}
	t := w.table(CorrectionsTable, "row", true)
	t.Schema = newSchema(fields, "date", "period", "country_code", "legal_basis", "request_type", "measure")
	return t
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
