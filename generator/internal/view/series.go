package view

import (
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// SeriesPoint is one period of a series: a report's, a country's or a legal
// basis's figures in one period, or none (NoRequests) in a period without
// requests.
type SeriesPoint struct {
	Period     string         `json:"period"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	NoRequests bool           `json:"no_requests"`
	Rank       int            `json:"rank"` // a country's rank in the period; 0 otherwise
	Figures    report.Figures `json:"figures"`
	// Corrected are the figures a correction changed, by measure, each
	// with the correction's ID (Report.MarkCorrected); a country's points
	// only.
	Corrected map[string]string `json:"corrected,omitempty"`
}

// Series holds one list of points per kind of period ("quarter", "half",
// "year"), in order, with what its figure shows beside the chart: the
// columns of its table and the summary of its text.
type Series struct {
	Points  map[string][]SeriesPoint `json:"series"`
	Columns map[string]Columns       `json:"series_columns"`
	Summary map[string]TrendSummary  `json:"series_summary"`
}

func (s *Series) add(kind string, p SeriesPoint) {
	if s.Points == nil {
		s.Points = map[string][]SeriesPoint{}
	}
	s.Points[kind] = append(s.Points[kind], p)
}

// finish computes the columns and summaries once every point is added.
func (s *Series) finish(tax *taxonomy.Taxonomy) {
	s.Columns, s.Summary = map[string]Columns{}, map[string]TrendSummary{}
	for kind, points := range s.Points {
		s.Columns[kind] = trendColumns(points, tax)
		s.Summary[kind] = trendSummary(points, func(p SeriesPoint) Moment {
			return Moment{Period: p.Period, Requests: p.Figures.Requests}
		}, func(p SeriesPoint) bool { return !p.NoRequests })
	}
}

// Columns say which columns a table of figures has, decided once from its
// rows: the same decision serves the chart, the table and the download.
type Columns struct {
	// Outcomes: a column per outcome, when any row has outcomes reported as
	// counts. Sources that published only the share where data was
	// disclosed have none, and a column of zeros would say something false.
	Outcomes bool `json:"outcomes"`
	// OutcomesShown says, by outcome and outcome-group key, which of them
	// have a column: an outcome some row published, and a group some row
	// published without all of its outcomes. A column of nothing but
	// figures not published would say nothing.
	OutcomesShown map[string]bool `json:"outcomes_shown"`
	// OutcomeRequests: a column of the requests whose outcomes were counted,
	// when outcome columns are shown and some row with requests has
	// outcomes for only part of them.
	OutcomeRequests bool `json:"outcome_requests"`
	// ShareNote: the note under the table that explains the marker of a
	// share computed partly from published percentages.
	ShareNote bool `json:"share_note"`
	// ShareNoteEntirely: every share with the marker comes entirely from
	// published percentages, so the note says "entirely", not "partly".
	ShareNoteEntirely bool `json:"share_note_entirely,omitempty"`
	// Incomplete: the note under the table that explains a figure not
	// published, a range and a lower bound, when a row has one.
	Incomplete bool `json:"incomplete"`
	// NoOutcomes: outcomes do not apply to any row (preservation
	// requests): no outcome column, a share that says so, and the note
	// that explains why.
	NoOutcomes bool `json:"outcomes_do_not_apply"`
	// SharesOnly: no outcome was published as counts, but some row has a
	// share where some data was disclosed (sources that publish only that
	// percentage, like Google's): a trend figure draws the shares in a
	// chart of their own beside the requests', and its caption says so,
	// rather than a bar of "not published".
	SharesOnly bool `json:"shares_only,omitempty"`
}

// withoutOutcomes are the columns of rows to which outcomes do not apply.
func (c Columns) withoutOutcomes() Columns {
	c.Outcomes, c.OutcomesShown, c.OutcomeRequests, c.ShareNote, c.ShareNoteEntirely, c.NoOutcomes, c.SharesOnly = false, map[string]bool{}, false, false, false, true, false
	return c
}

func columnsOf[T any](rows []T, figures func(T) report.Figures, tax *taxonomy.Taxonomy) Columns {
	c := Columns{OutcomesShown: map[string]bool{}}
	shares := false
	for _, r := range rows {
		f := figures(r)
		shares = shares || f.DisclosedPercent != nil
		c.Outcomes = c.Outcomes || f.HasOutcomeCounts()
		for _, o := range tax.Outcomes {
			c.OutcomesShown[o.Key] = c.OutcomesShown[o.Key] || f.Outcomes[o.Key].Given > 0
		}
		for _, g := range tax.OutcomeGroups {
			partial := false
			for _, o := range tax.Leaves(g) {
				partial = partial || !f.Outcomes[o.Key].IsExact()
			}
			c.OutcomesShown[g.Key] = c.OutcomesShown[g.Key] || (partial && f.Outcomes[g.Key].Given > 0)
		}
		if f.FromPercentages {
			c.ShareNoteEntirely = f.OnlyFromPercentages && (c.ShareNoteEntirely || !c.ShareNote)
			c.ShareNote = true
		}
		c.Incomplete = c.Incomplete || !f.Complete()
	}
	c.SharesOnly = shares && !c.Outcomes
	return c
}

func trendColumns(points []SeriesPoint, tax *taxonomy.Taxonomy) Columns {
	c := columnsOf(points, func(p SeriesPoint) report.Figures { return p.Figures }, tax)
	for _, p := range points {
		if requests, exact := p.Figures.Requests.Value(); c.Outcomes && !p.NoRequests && (!exact || requests != p.Figures.OutcomeRequests) {
			c.OutcomeRequests = true
		}
	}
	return c
}

// Moment is one period of a series as a summary names it.
type Moment struct {
	Period   string       `json:"period"`
	Requests report.Count `json:"requests"`
	Percent  *float64     `json:"percent,omitempty"`
}

// TrendSummary is what the text beside a trend chart says: the first and
// the last period with requests, and the one with the most (the earliest of
// equals). Counted is how many periods had requests, Without how many had
// none; First, Last and Peak are nil when Counted is 0.
type TrendSummary struct {
	Counted int     `json:"counted"`
	Without int     `json:"without"`
	First   *Moment `json:"first"`
	Last    *Moment `json:"last"`
	Peak    *Moment `json:"peak"`
}

func trendSummary[T any](points []T, moment func(T) Moment, counts func(T) bool) TrendSummary {
	var s TrendSummary
	for _, p := range points {
		if !counts(p) {
			s.Without++
			continue
		}
		m := moment(p)
		s.Counted++
		if s.First == nil {
			s.First = &m
		}
		s.Last = &m
		if s.Peak == nil || m.Requests.Min > s.Peak.Requests.Min {
			s.Peak = &m
		}
	}
	return s
}
