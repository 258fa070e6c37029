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
func abroadTable(tax *taxonomy.Taxonomy, groups bool) Table {
	var routes []string
	for _, r := range tax.Routes {
		routes = append(routes, r.Key)
	}
	fields := concat(periodFields(), countryFields(), []Field{
		{Name: "stored_in", Title: "Data stored in", Type: TypeString, Description: "ISO 3166-1 alpha-2 code of the country where the data the requests sought was stored, or EU for somewhere in the European Union. Empty where the source did not say which country, only that it was not the requesting one.",
			Constraints: &Constraints{Pattern: countryPattern}},
		{Name: "stored_in_name", Title: "Data stored in (name)", Type: TypeString, Description: "The English name of that country, from CLDR. Empty with stored_in."},
		{Name: "route", Title: "Route", Type: TypeString, Description: "Key of the route by which the requests came (directly, through a treaty, under a CLOUD Act agreement, as a European Production Order, as a UK overseas production order, or another), from the report's taxonomy: the route of their legal basis. Empty where the legal basis was not recorded.",
			Constraints: &Constraints{Enum: routes}},
		{Name: "route_label", Title: "Route (name)", Type: TypeString, Description: "The route's English name, as the site shows it. Empty with route."},
	}, measureFields(tax, groups))
	return Table{
		Name:  AbroadTable,
		Title: "Requests for data stored abroad",
		Description: "Requests that sought data stored outside the country whose authorities made them, as the sources' rows say where the data was stored, in every period the sources were given in. " +
			"Every legal basis is included, also those that do not count toward the totals. Requests that a source counted as for data stored abroad without saying where (the older extraterritorial count) are not here: they are in the extraterritorial column of requests.csv.",
		Row:    "one requesting country's requests in one period for data stored in one place, that came by one route.",
		Schema: newSchema(fields, "period", "country_code", "stored_in", "route"),
	}
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
func abroadCountriesTable(tax *taxonomy.Taxonomy, groups bool) Table {
	return Table{
		Name:   abroadCountriesTableName,
		Title:  "Requests for data stored abroad per requesting country",
		Row:    "one requesting country's requests for data stored abroad in one period, every place and route added together.",
		Schema: newSchema(concat(periodFields(), countryFields(), measureFields(tax, groups)), "period", "country_code"),
	}
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
