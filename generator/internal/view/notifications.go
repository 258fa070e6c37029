package view

import (
	"cmp"
	"maps"
	"slices"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// Notifications is the page of telling users and gag orders:
// data/report/notifications.json.
type Notifications struct {
	// Measures are the taxonomy's notification measures, in order: the
	// columns of every table.
	Measures []string `json:"measures"`
	// Kind is the finest kind of period with figures, that the chart and
	// its table show; Latest its newest period with figures ("" for none).
	Kind   string `json:"kind"`
	Latest string `json:"latest"`
	// Trend are the periods of Kind with figures, oldest first: the chart
	// and its table. Periods are every period with figures, newest first.
	Trend   []NotificationPeriod `json:"trend"`
	Periods []NotificationPeriod `json:"periods"`
	// ByCountry and ByLegalBasis: some figure is broken down by country
	// (not ZZ), or by legal basis, so that pages show those tables.
	ByCountry    bool `json:"by_country"`
	ByLegalBasis bool `json:"by_legal_basis"`
}

// NotificationPeriod is one period's figures of telling users.
type NotificationPeriod struct {
	Period string `json:"period"`
	Kind   string `json:"kind"`
	Start  string `json:"start"`
	End    string `json:"end"`
	// Totals, by measure key, add up every country and legal basis.
	Totals map[string]report.Count `json:"totals"`
	// Countries and LegalBases split them, countries by English name (ZZ,
	// the figures not broken down by country, last), legal bases in
	// taxonomy order; Cells are the figures as given, by country then
	// legal basis.
	Countries  []NotificationGroup `json:"countries"`
	LegalBases []NotificationGroup `json:"legal_bases"`
	Cells      []NotificationCell  `json:"cells"`
}

// NotificationGroup is the figures of one country (Requester) or one
// legal basis (Key) in a period.
type NotificationGroup struct {
	Requester *Requester              `json:"requester,omitempty"`
	Key       string                  `json:"key,omitempty"`
	Figures   map[string]report.Count `json:"figures"`
}

// NotificationCell is the figures of one country under one legal basis.
type NotificationCell struct {
	Country    string                  `json:"country"`
	LegalBasis string                  `json:"legal_basis"`
	Figures    map[string]report.Count `json:"figures"`
}

func addFigures(dst map[string]report.Count, src map[string]report.Count) {
	for k, v := range src {
		dst[k] = dst[k].Plus(v)
	}
}

// notifications is the view of the table's notification figures.
func notifications(t *report.Table, rep *Report, tax *taxonomy.Taxonomy, words map[string]*translations.Set) (Notifications, error) {
	out := Notifications{Measures: []string{}, Trend: []NotificationPeriod{}, Periods: []NotificationPeriod{}}
	for _, m := range tax.NotificationMeasures {
		out.Measures = append(out.Measures, m.Key)
	}
	byPeriod := map[string][]NotificationCell{}
	var codes []string
	for k, figures := range t.Notifications {
		byPeriod[k.Period.String()] = append(byPeriod[k.Period.String()], NotificationCell{Country: k.Country, LegalBasis: k.LegalBasis, Figures: figures})
		codes = append(codes, k.Country)
		out.ByCountry = out.ByCountry || k.Country != "ZZ"
		if e, _ := tax.LegalBasis(k.LegalBasis); !e.Unsplit {
			out.ByLegalBasis = true
		}
	}
	slices.Sort(codes)
	requesters, err := requestersOf(slices.Compact(codes), rep.Languages, words)
	if err != nil {
		return out, err
	}
	basisOrder := func(key string) int {
		return slices.IndexFunc(tax.LegalBases, func(e taxonomy.Entry) bool { return e.Key == key })
	}
	// Countries by English name, as the filter of cases lists them; ZZ,
	// the figures not broken down by country, last.
	countryOrder := func(a, b string) int {
		return cmp.Or(cmp.Compare(flag(a == "ZZ"), flag(b == "ZZ")), cmp.Compare(requesters[a].Names["en"], requesters[b].Names["en"]), cmp.Compare(a, b))
	}
	finest := report.Year
	for _, key := range rep.PeriodKeysNewest {
		cells := byPeriod[key]
		if cells == nil {
			continue
		}
		slices.SortFunc(cells, func(a, b NotificationCell) int {
			return cmp.Or(countryOrder(a.Country, b.Country), cmp.Compare(basisOrder(a.LegalBasis), basisOrder(b.LegalBasis)))
		})
		d := rep.PeriodDetails[key]
		np := NotificationPeriod{Period: key, Kind: d.Kind, Start: d.Start, End: d.End, Totals: map[string]report.Count{}, Cells: cells}
		countries, bases := map[string]map[string]report.Count{}, map[string]map[string]report.Count{}
		for _, c := range cells {
			addFigures(np.Totals, c.Figures)
			addFigures(figuresOf(countries, c.Country), c.Figures)
			addFigures(figuresOf(bases, c.LegalBasis), c.Figures)
		}
		for _, code := range slices.SortedFunc(maps.Keys(countries), countryOrder) {
			r := requesters[code]
			np.Countries = append(np.Countries, NotificationGroup{Requester: &r, Figures: countries[code]})
		}
		for _, b := range tax.LegalBases {
			if f, ok := bases[b.Key]; ok {
				np.LegalBases = append(np.LegalBases, NotificationGroup{Key: b.Key, Figures: f})
			}
		}
		out.Periods = append(out.Periods, np)
		if p, err := report.ParsePeriod(key); err == nil {
			finest = min(finest, p.Kind)
		}
	}
	if len(out.Periods) == 0 {
		return out, nil
	}
	out.Kind = finest.String()
	for _, np := range slices.Backward(out.Periods) {
		if np.Kind == out.Kind {
			out.Trend = append(out.Trend, np)
		}
	}
	// Periods that start on the same day are newest first by length.
	slices.SortStableFunc(out.Trend, func(a, b NotificationPeriod) int { return cmp.Compare(a.Start, b.Start) })
	out.Latest = out.Trend[len(out.Trend)-1].Period
	return out, nil
}

// figuresOf is the figures under key, made when missing.
func figuresOf(m map[string]map[string]report.Count, key string) map[string]report.Count {
	if m[key] == nil {
		m[key] = map[string]report.Count{}
	}
	return m[key]
}

// notificationChart draws the measures of telling users per period of
// the notifications' kind, side by side: the figure of the page.
func (w *chartWriter) notificationChart(n Notifications) error {
	if len(n.Trend) == 0 {
		return nil
	}
	keys := make([]string, len(n.Trend))
	for i, p := range n.Trend {
		keys[i] = p.Period
	}
	var series []charts.Series
	for _, m := range w.tax.NotificationMeasures {
		s := charts.Series{Name: m.Label.In(w.lang)}
		for _, p := range n.Trend {
			s.Values = append(s.Values, p.Totals[m.Key])
		}
		series = append(series, s)
	}
	name := "notifications-" + n.Kind
	opt, err := charts.Grouped(name, w.periodLabels(keys), series, false)
	return w.put(name, opt, err)
}
