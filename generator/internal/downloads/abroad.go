package downloads

import (
	"strings"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// AbroadTable is the table of requests for data stored abroad.
const AbroadTable = "data-stored-abroad"

// abroadTable is the requests for data stored outside the requesting
// country, by period, requesting country, where the data was stored and
// the route the requests came by.
func abroadTable(w words, tax *taxonomy.Taxonomy, groups bool) Table {
	var routes []string
	for _, r := range tax.Routes {
		routes = append(routes, r.Key)
	}
	fields := concat(periodFields(w), countryFields(w), []Field{
		w.column("stored_in", TypeString, &Constraints{Pattern: countryPattern}),
		w.column("stored_in_name", TypeString, nil),
		w.column("route", TypeString, &Constraints{Enum: routes}),
		w.column("route_label", TypeString, nil),
	}, measureFields(w, tax, groups))
	t := w.table(AbroadTable, "row", true)
	t.Schema = newSchema(fields, "period", "country_code", "stored_in", "route")
	return t
}

// abroadRows are the rows of abroadTable, newest period first, as the
// site's page lists them.
func abroadRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	summaries := map[string]view.PeriodSummary{}
	for _, p := range rep.Periods {
		summaries[p.Key] = p
	}
	var rows [][]any
	for _, p := range rep.Abroad.Periods {
		for _, c := range p.Cells {
			var name, label any
			if c.Place != "" {
				name = countries.Name(c.Place, "en")
			}
			if r, ok := tax.Route(c.Route); ok {
				label = r.English()
			}
			rows = append(rows, concatValues(periodValues(summaries[p.Period]), countryValues(rep, c.Country),
				[]any{optionalText(c.Place), name, optionalText(c.Route), label}, measureValues(c.Figures, tax, rep.HasOutcomeGroups)))
		}
	}
	return rows
}

const abroadCountriesTableName = "data-stored-abroad-countries"

// abroadCountriesTable is one period's requests for data stored abroad by
// requesting country: the rows of the figure of its matrix, whose table
// gives each country's requests over every place first.
func abroadCountriesTable(w words, tax *taxonomy.Taxonomy, groups bool) Table {
	t := w.table(abroadCountriesTableName, "row", false)
	t.Schema = newSchema(concat(periodFields(w), countryFields(w), measureFields(w, tax, groups)), "period", "country_code")
	return t
}

// abroadFigureTables are the files of the figures of requests for data
// stored abroad: each period's requesting countries, in the matrix's order.
func abroadFigureTables(rep *view.Report, tax *taxonomy.Taxonomy) []figureTable {
	summaries := map[string]view.PeriodSummary{}
	for _, p := range rep.Periods {
		summaries[p.Key] = p
	}
	var out []figureTable
	for _, p := range rep.Abroad.Periods {
		var rows [][]any
		for _, c := range p.Countries {
			rows = append(rows, concatValues(periodValues(summaries[p.Period]), countryValues(rep, c.Key), measureValues(c.Figures, tax, rep.HasOutcomeGroups)))
		}
		out = append(out, figureTable{file: "by-period/data-stored-abroad-" + p.Period + ".csv", name: "data-stored-abroad-" + strings.ToLower(p.Period),
			title: "Requests for data stored abroad in " + p.Period + ", by requesting country", table: abroadCountriesTableName, rows: rows})
	}
	return out
}
