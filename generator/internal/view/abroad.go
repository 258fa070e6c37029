package view

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// Abroad is what the site shows of requests for data stored outside the
// requesting country: data/report/abroad.json. Every legal basis counts,
// also those left out of the headline totals, since the page is about
// where the data was, not about the totals.
type Abroad struct {
	// Periods are the periods of the kind the sources are given in that
	// have any such request, newest first.
	Periods []AbroadPeriod `json:"periods"`
	// Latest is the key of the first of Periods when it is the report's
	// latest period; "" otherwise.
	Latest string `json:"latest"`
}

// AbroadPeriod is one period's requests for data stored abroad, of every
// requesting country (the report's page) or of one (a country's page).
type AbroadPeriod struct {
	Period string `json:"period"`
	// Total is every request for data stored abroad: those whose row says
	// the data was stored in another country (Figures), and those a source
	// counted the older way (Unplaced).
	Total report.Count `json:"total"`
	// Figures are the requests whose row says the data was stored in
	// another country, with what was done with them.
	Figures report.Figures `json:"figures"`
	// Unplaced are requests counted as for data stored abroad without a
	// row of their own (a workbook's Extraterritorial count): where the
	// data was and what was done with them are not known. Nil when none.
	Unplaced *report.Count `json:"unplaced"`
	// Countries are the requesting countries (the report's page only),
	// Places where the data was stored ("" not known), Routes by route
	// key: most requests first, then by key.
	Countries []AbroadRow `json:"countries,omitempty"`
	Places    []AbroadRow `json:"places"`
	Routes    []AbroadRow `json:"routes"`
	// Columns are the outcome columns of the three tables.
	Columns Columns `json:"columns"`
	// Matrix is requesting country → where stored, for the chart and its
	// table (the report's page only).
	Matrix *AbroadMatrix `json:"matrix,omitempty"`
	// Cells are the figures per requesting country, place and route, the
	// rows of the download (the report's page only), in that order.
	Cells []AbroadCell `json:"-"`
}

// AbroadCell is the requests of one country for data stored in one place
// ("" not known) that came by one route ("" not known).
type AbroadCell struct {
	Country, Place, Route string
	Figures               report.Figures
}

// AbroadRow is the figures of one requesting country, place or route.
type AbroadRow struct {
	Key     string            `json:"key"`
	Names   map[string]string `json:"names,omitempty"` // countries and places, by language
	Figures report.Figures    `json:"figures"`
}

// AbroadMatrix is the requests of each requesting country (Rows, in the
// order of AbroadPeriod.Countries) for data stored in each place (Places,
// in the order of AbroadPeriod.Places): the numbers of the chart and of
// its table.
type AbroadMatrix struct {
	Places []AbroadRow       `json:"places"`
	Rows   []AbroadMatrixRow `json:"rows"`
}

// AbroadMatrixRow is one requesting country's requests per place.
type AbroadMatrixRow struct {
	Code  string            `json:"code"`
	Names map[string]string `json:"names"`
	// Cells are in the order of AbroadMatrix.Places; nil where the country
	// made no request for data stored there.
	Cells []*report.Count `json:"cells"`
	Total report.Count    `json:"total"`
}

// abroadCells are one period's cells of data stored abroad, grouped.
type abroadCells struct {
	all      report.Tally
	unplaced *report.Count
	byPlace  map[string]*report.Tally
	byRoute  map[string]*report.Tally
	byPair   map[[2]string]*report.Tally // requesting country, place
	byCell   map[[3]string]*report.Tally // requesting country, place, route
}

func newAbroadCells() *abroadCells {
	return &abroadCells{byPlace: map[string]*report.Tally{}, byRoute: map[string]*report.Tally{}, byPair: map[[2]string]*report.Tally{}, byCell: map[[3]string]*report.Tally{}}
}

// abroad groups the table's cells of data stored abroad per period (and
// per requesting country, for the country pages) and lays them out.
func abroad(t *report.Table, tax *taxonomy.Taxonomy, rep *Report, langs []string, words map[string]*translations.Set) (*Abroad, map[string][]AbroadPeriod, error) {
	all := map[report.Period]*abroadCells{}
	byCountry := map[string]map[report.Period]*abroadCells{}
	var places []string
	for k, cell := range t.Cells {
		if k.Period.Kind != t.SourceKind {
			continue
		}
		f := cell.Figures(tax)
		if k.Storage != taxonomy.AnotherCountry && (k.Storage != "" || f.Extraterritorial == nil) {
			continue
		}
		if byCountry[k.Country] == nil {
			byCountry[k.Country] = map[report.Period]*abroadCells{}
		}
		for _, groups := range []map[report.Period]*abroadCells{all, byCountry[k.Country]} {
			if groups[k.Period] == nil {
				groups[k.Period] = newAbroadCells()
			}
			g := groups[k.Period]
			if k.Storage == "" {
				if g.unplaced == nil {
					g.unplaced = &report.Count{}
				}
				g.unplaced.Add(*f.Extraterritorial)
				continue
			}
			basis, _ := tax.LegalBasis(k.LegalBasis)
			g.all.Add(cell)
			get(g.byPlace, k.StoredIn).Add(cell)
			get(g.byRoute, basis.Route).Add(cell)
			if g.byPair[[2]string{k.Country, k.StoredIn}] == nil {
				g.byPair[[2]string{k.Country, k.StoredIn}] = &report.Tally{}
			}
			g.byPair[[2]string{k.Country, k.StoredIn}].Add(cell)
			if g.byCell[[3]string{k.Country, k.StoredIn, basis.Route}] == nil {
				g.byCell[[3]string{k.Country, k.StoredIn, basis.Route}] = &report.Tally{}
			}
			g.byCell[[3]string{k.Country, k.StoredIn, basis.Route}].Add(cell)
		}
		if k.StoredIn != "" {
			places = append(places, k.StoredIn)
		}
	}
	slices.Sort(places)
	names, err := requestersOf(slices.Compact(places), langs, words)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range rep.Countries {
		names[c.Code] = c.Requester
	}
	lay := func(p report.Period, g *abroadCells, countries bool) AbroadPeriod {
		ap := AbroadPeriod{Period: p.String(), Figures: g.all.Figures(tax), Unplaced: g.unplaced}
		ap.Total = ap.Figures.Requests
		if g.unplaced != nil {
			ap.Total.Add(*g.unplaced)
		}
		ap.Places = abroadRows(g.byPlace, tax, names)
		ap.Routes = abroadRows(g.byRoute, tax, nil)
		rows := slices.Concat(ap.Places, ap.Routes)
		if countries {
			byCountry := map[string]*report.Tally{}
			for pair, cell := range g.byPair {
				get(byCountry, pair[0]).Add(cell)
			}
			ap.Countries = abroadRows(byCountry, tax, names)
			rows = append(rows, ap.Countries...)
			ap.Matrix = abroadMatrix(ap, g, tax)
			for key, cell := range g.byCell {
				ap.Cells = append(ap.Cells, AbroadCell{Country: key[0], Place: key[1], Route: key[2], Figures: cell.Figures(tax)})
			}
			slices.SortFunc(ap.Cells, func(a, b AbroadCell) int {
				return cmp.Or(cmp.Compare(a.Country, b.Country), cmp.Compare(a.Place, b.Place), cmp.Compare(a.Route, b.Route))
			})
		}
		ap.Columns = columnsOf(rows, func(r AbroadRow) report.Figures { return r.Figures }, tax)
		return ap
	}
	out := &Abroad{Periods: []AbroadPeriod{}}
	for _, p := range slices.Backward(t.Periods) {
		if g := all[p]; g != nil {
			out.Periods = append(out.Periods, lay(p, g, true))
		}
	}
	if len(out.Periods) > 0 && out.Periods[0].Period == rep.Latest {
		out.Latest = rep.Latest
	}
	perCountry := map[string][]AbroadPeriod{}
	for code, periods := range byCountry {
		for _, p := range slices.Backward(t.Periods) {
			if g := periods[p]; g != nil {
				perCountry[code] = append(perCountry[code], lay(p, g, false))
			}
		}
	}
	return out, perCountry, nil
}

// abroadRows are the rows of m, most requests first (by their lower
// bound), then by key; names, when given, name each key.
func abroadRows(m map[string]*report.Tally, tax *taxonomy.Taxonomy, names map[string]Requester) []AbroadRow {
	out := []AbroadRow{}
	for key, cell := range m {
		row := AbroadRow{Key: key, Figures: cell.Figures(tax)}
		if names != nil {
			row.Names = names[key].Names
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b AbroadRow) int {
		return cmp.Or(cmp.Compare(b.Figures.Requests.Min, a.Figures.Requests.Min), cmp.Compare(unknownLast(a.Key), unknownLast(b.Key)), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// abroadMatrix lays the requests of each requesting country for data
// stored in each place out as the chart and its table show them.
func abroadMatrix(ap AbroadPeriod, g *abroadCells, tax *taxonomy.Taxonomy) *AbroadMatrix {
	m := &AbroadMatrix{Places: ap.Places, Rows: []AbroadMatrixRow{}}
	for _, c := range ap.Countries {
		row := AbroadMatrixRow{Code: c.Key, Names: c.Names, Total: c.Figures.Requests, Cells: make([]*report.Count, len(ap.Places))}
		for i, place := range ap.Places {
			if cell := g.byPair[[2]string{c.Key, place.Key}]; cell != nil {
				requests := cell.Figures(tax).Requests
				row.Cells[i] = &requests
			}
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// unknownLast sorts the row of a key not known ("") after the others.
func unknownLast(key string) int {
	if key == "" {
		return 1
	}
	return 0
}

// orEmpty is s, or empty when s is nil, so that the data files say [] for
// none.
func orEmpty(s, empty []AbroadPeriod) []AbroadPeriod {
	if s == nil {
		return empty
	}
	return s
}

// abroadMatrices draws each period's matrix of requests for data stored
// abroad (abroad-KEY), from the numbers of its table; a place not known is
// named by the translations' abroad_place_unknown.
func (w *chartWriter) abroadMatrices(tr *translations.Set) error {
	unknown, err := tr.T("abroad_place_unknown", nil)
	if err != nil {
		return err
	}
	for _, p := range w.rep.Abroad.Periods {
		var columns, rows []string
		for _, place := range p.Matrix.Places {
			columns = append(columns, cmp.Or(place.Names[w.lang], unknown))
		}
		cells := make([][]*report.Count, len(p.Matrix.Rows))
		for i, r := range p.Matrix.Rows {
			rows = append(rows, r.Names[w.lang])
			cells[i] = r.Cells
		}
		name := "abroad-" + p.Period
		opt, err := charts.Matrix(name, w.words.Requests, columns, rows, cells)
		if err := w.put(name, opt, err); err != nil {
			return err
		}
	}
	return nil
}
