package view

import (
	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Segments are the figures by customer segment (consumer, enterprise) of
// the whole report or of one country, where some team splits them: the
// latest period's, and the trend per period of the kind the sources are
// given in.
type Segments struct {
	// Keys are the segments that some row names, in taxonomy order.
	Keys []string `json:"keys"`
	// Latest is the latest period's figures per segment, with the columns
	// of its table; LatestUnsplit the requests of rows that name no
	// segment (nil for none).
	Latest        []Breakdown   `json:"latest"`
	LatestColumns Columns       `json:"latest_columns"`
	LatestUnsplit *report.Count `json:"latest_unsplit"`
	// Trend is one point per period, in order; Unsplit says that some
	// point has requests of rows that name no segment, which its table
	// then shows in a column of their own.
	Trend   []SegmentPoint `json:"trend"`
	Unsplit bool           `json:"unsplit"`
}

// SegmentPoint is one period's requests per segment, by segment key, and
// those of rows that name none.
type SegmentPoint struct {
	Period   string                  `json:"period"`
	Requests map[string]report.Count `json:"requests"`
	Unsplit  report.Count            `json:"unsplit"`
}

// addSegments fills the figures by segment of every country in every
// period (CountryFigures.BySegment), and the Segments of the report and of
// each country, when some row names a segment. Only the legal bases
// counted in the totals are split, as the totals are.
func addSegments(t *report.Table, rep *Report, tax *taxonomy.Taxonomy) {
	counts := map[string]bool{}
	for _, b := range tax.LegalBases {
		counts[b.Key] = b.CountsTowardTotal
	}
	type periodCountry struct {
		period  string
		country string
	}
	cells := map[periodCountry]map[string]*report.Tally{}
	periods := map[string]map[string]*report.Tally{}
	seen := map[string]bool{}
	for k, cell := range t.Cells {
		if !counts[k.LegalBasis] {
			continue
		}
		get(nested(cells, periodCountry{k.Period.String(), k.Country}), k.Segment).Add(cell)
		get(nested(periods, k.Period.String()), k.Segment).Add(cell)
		seen[k.Segment] = true
	}
	var keys []string
	for _, s := range tax.Segments {
		if seen[s.Key] {
			keys = append(keys, s.Key)
		}
	}
	if keys == nil {
		return
	}
	for key, d := range rep.PeriodDetails {
		for i, c := range d.Countries {
			m := cells[periodCountry{key, c.Code}]
			d.Countries[i].BySegment = breakdowns(m, tax.Segments, tax)
			if unsplit, ok := m[""]; ok {
				d.Countries[i].BySegment = append(d.Countries[i].BySegment, Breakdown{Figures: unsplit.Figures(tax)})
			}
		}
	}
	rep.Segments = segmentsOf(rep, keys, tax, func(period string) map[string]*report.Tally { return periods[period] })
	for code, cd := range rep.CountryDetails {
		cd.Segments = segmentsOf(rep, keys, tax, func(period string) map[string]*report.Tally { return cells[periodCountry{period, code}] })
	}
}

// segmentsOf is the Segments of the tallies by segment key ("" for rows
// that name none) that tallies gives for each period (nil where there
// were no requests: 0 in every segment).
func segmentsOf(rep *Report, keys []string, tax *taxonomy.Taxonomy, tallies func(period string) map[string]*report.Tally) *Segments {
	s := &Segments{Keys: keys, Latest: []Breakdown{}, Trend: []SegmentPoint{}}
	for _, p := range rep.Periods {
		if p.Kind != rep.SourceKind {
			continue
		}
		m := tallies(p.Key)
		point := SegmentPoint{Period: p.Key, Requests: map[string]report.Count{}, Unsplit: report.Exactly(0)}
		for _, k := range keys {
			point.Requests[k] = report.Exactly(0)
			if t, ok := m[k]; ok {
				point.Requests[k] = t.Figures(tax).Requests
			}
		}
		if t, ok := m[""]; ok {
			point.Unsplit = t.Figures(tax).Requests
			s.Unsplit = s.Unsplit || !point.Unsplit.IsZero()
		}
		s.Trend = append(s.Trend, point)
		if p.Key == rep.Latest {
			s.Latest = breakdowns(m, tax.Segments, tax)
			s.LatestColumns = columnsOf(s.Latest, func(b Breakdown) report.Figures { return b.Figures }, tax)
			if !point.Unsplit.IsZero() {
				s.LatestUnsplit = &point.Unsplit
			}
		}
	}
	return s
}

// segmentChart draws requests per segment, stacked, per period.
func (w *chartWriter) segmentChart(name string, s *Segments) error {
	if s == nil {
		return nil
	}
	keys := make([]string, len(s.Trend))
	for i, p := range s.Trend {
		keys[i] = p.Period
	}
	var series []charts.Series
	for _, k := range s.Keys {
		e, _ := w.tax.Segment(k)
		c := charts.Series{Name: e.Label.In(w.lang)}
		for _, p := range s.Trend {
			c.Values = append(c.Values, p.Requests[k])
		}
		series = append(series, c)
	}
	if s.Unsplit {
		c := charts.Series{Name: w.words.NotSplitBySegment}
		for _, p := range s.Trend {
			c.Values = append(c.Values, p.Unsplit)
		}
		series = append(series, c)
	}
	opt, err := charts.Grouped(name, w.periodLabels(keys), series, true)
	return w.put(name, opt, err)
}
