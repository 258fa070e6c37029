package downloads

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// SegmentsTable is the figures by customer segment: only in a release
// whose sources split some requests by segment.
const SegmentsTable = "segments"

func segmentsTable(w words, tax *taxonomy.Taxonomy, groups bool) Table {
	fields := concat(periodFields(w), countryFields(w), []Field{
		w.column("segment", TypeString, &Constraints{Enum: keysOf(tax.Segments)}),
	}, measureFields(w, tax, groups))
	t := w.table(SegmentsTable, "row", true)
	t.Schema = newSchema(fields, "period", "country_code", "segment")
	return t
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

// wideFigure is the CSV of a figure whose table has a row per period and
// a column per segment or measure, which no whole-report table has: its
// rows are the table's, in its order.
type wideFigure struct {
	file, name string
	table      Table
}

// segmentFigures are the files of the figures by segment: the report's
// (the home page) and each country's (its page).
func segmentFigures(english words, rep *view.Report, tax *taxonomy.Taxonomy) []wideFigure {
	if rep.Segments == nil {
		return nil
	}
	fields := func(s *view.Segments, country bool) []Field {
		out := periodFields(english)
		if country {
			out = concat(out, countryFields(english))
		}
		for _, k := range s.Keys {
			e, _ := tax.Segment(k)
			out = append(out, Field{Name: "requests_" + k, Title: "Requests: " + e.English(), Type: TypeInteger,
				Description: "Requests from " + strings.ToLower(e.English()) + " customers, every legal basis that counts toward the totals added together.", Constraints: &Constraints{Required: true, Minimum: ptr(0)}})
		}
		if s.Unsplit {
			out = append(out, Field{Name: "requests_not_split", Title: "Requests not split by segment", Type: TypeInteger,
				Description: "Requests of the rows that name no customer segment.", Constraints: &Constraints{Required: true, Minimum: ptr(0)}})
		}
		return out
	}
	rows := func(s *view.Segments, country []any) [][]any {
		var out [][]any
		for _, p := range s.Trend {
			row := concatValues(periodValues(rep.PeriodDetails[p.Period].PeriodSummary), country)
			for _, k := range s.Keys {
				row = append(row, p.Requests[k])
			}
			if s.Unsplit {
				row = append(row, p.Unsplit)
			}
			out = append(out, row)
		}
		return out
	}
	figure := func(file, name, title string, s *view.Segments, country []any) wideFigure {
		t := Table{Name: name, Title: title, Row: "one period: its requests per customer segment, as the figure's table shows them.",
			Schema: newSchema(fields(s, country != nil), "period")}
		t = t.withRows(rows(s, country))
		return wideFigure{file: file, name: name, table: planCounts(t).apply(english, t)}
	}
	out := []wideFigure{figure("by-kind/segments-"+rep.SourceKind+".csv", "segments-"+rep.SourceKind, "Requests by customer segment per "+rep.SourceKind, rep.Segments, nil)}
	for _, c := range rep.Countries {
		if s := rep.CountryDetails[c.Code].Segments; s != nil {
			out = append(out, figure("by-country/segments-"+c.Code+".csv", "segments-"+strings.ToLower(c.Code),
				fmt.Sprintf("Requests from %s by customer segment per %s", englishName(rep, c.Code), rep.SourceKind), s, countryValues(rep, c.Code)))
		}
	}
	return out
}
