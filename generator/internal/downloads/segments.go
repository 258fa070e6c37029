package downloads

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// SegmentsTable is the figures by customer segment: only in a release
// whose sources split some requests by segment.
const SegmentsTable = "segments"

func segmentsTable(tax *taxonomy.Taxonomy, groups bool) Table {
	fields := concat(periodFields(), countryFields(), []Field{
		{Name: "segment", Title: "Customer segment", Type: TypeString, Description: "Key of the customer segment, from the report's taxonomy: consumer or enterprise. Empty for the requests of rows that name no segment (a team that does not split them).",
			Constraints: &Constraints{Enum: keysOf(tax.Segments)}},
	}, measureFields(tax, groups))
	return Table{
		Name:  SegmentsTable,
		Title: "Requests by period, country and customer segment",
		Description: "The requests of each country in every period the sources were given in, split by customer segment, every legal basis that counts toward the totals added together. " +
			"Where it can, the company sends a government that asks for an enterprise customer's data to the customer itself (see the methodology).",
		Row:    "one customer segment of one country's requests in one period.",
		Schema: newSchema(fields, "period", "country_code", "segment"),
	}
}

func segmentRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	if rep.Segments == nil {
		return nil
	}
	var rows [][]any
	for _, key := range datasetPeriods(rep) {
		d := rep.PeriodDetails[key]
		countries := slices.Clone(d.Countries)
		slices.SortFunc(countries, func(a, b view.CountryFigures) int { return cmp.Compare(a.Code, b.Code) })
		for _, c := range countries {
			for _, b := range c.BySegment {
				rows = append(rows, concatValues(periodValues(d.PeriodSummary), countryValues(rep, c.Code), []any{optionalText(b.Key)}, measureValues(b.Figures, tax, rep.HasOutcomeGroups)))
			}
		}
	}
	return rows
}
