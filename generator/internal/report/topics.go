package report

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// SeriesPoint is one period of a series: a legal basis's figures in one
// period, or none (NoRequests) in a period in which nobody used it.
type SeriesPoint struct {
	Period     string  `json:"period"`
	Start      string  `json:"start"`
	End        string  `json:"end"`
	NoRequests bool    `json:"no_requests"`
	Figures    Figures `json:"figures"`
}

// RankedCountry is one country's figures under one legal basis in one
// period, ranked by requests (ties by code).
type RankedCountry struct {
	Code    string            `json:"code"`
	Names   map[string]string `json:"names"`
	Rank    int               `json:"rank"`
	Figures Figures           `json:"figures"`
}

// LegalBasisDetail is everything about one legal basis:
// data/report/legal-bases/KEY.json.
type LegalBasisDetail struct {
	Key               string `json:"key"`
	CountsTowardTotal bool   `json:"counts_toward_total"`
	// Series holds one point per period of each kind, in order, including
	// periods with no requests under this legal basis.
	Series map[string][]SeriesPoint `json:"series"`
	// Latest is the figures in Report.Latest; LatestSharePercent their share
	// of that period's total requests (0 for legal bases that do not count
	// toward totals).
	Latest             Figures `json:"latest"`
	LatestSharePercent float64 `json:"latest_share_percent"`
	// AllRequests adds up the periods of the kind the sources are given in.
	AllRequests int64 `json:"all_requests"`
	// Countries are the countries that used this legal basis in the latest
	// period, most requests first.
	Countries []RankedCountry `json:"countries"`
}

// OutcomePoint is how many requests had one outcome in one period, out of
// the requests whose outcomes were reported as counts.
type OutcomePoint struct {
	Period          string `json:"period"`
	Start           string `json:"start"`
	End             string `json:"end"`
	Requests        int64  `json:"requests"`
	OutcomeRequests int64  `json:"outcome_requests"`
	// Percent is Requests ÷ OutcomeRequests × 100, to one decimal; nil when
	// no outcome was reported as counts.
	Percent *float64 `json:"percent"`
}

// OutcomeShare is one legal basis's requests with an outcome in one period.
type OutcomeShare struct {
	Key             string   `json:"key"`
	Requests        int64    `json:"requests"`
	OutcomeRequests int64    `json:"outcome_requests"`
	Percent         *float64 `json:"percent"`
}

// OutcomeDetail is everything about one outcome: data/report/outcomes/KEY.json.
type OutcomeDetail struct {
	Key           string `json:"key"`
	DataDisclosed bool   `json:"data_disclosed"`
	// Series holds one point per period of each kind, in order.
	Series map[string][]OutcomePoint `json:"series"`
	Latest OutcomePoint              `json:"latest"`
	// ByLegalBasis splits the latest period by legal basis, in taxonomy
	// order, for the legal bases counted in the totals.
	ByLegalBasis []OutcomeShare `json:"by_legal_basis"`
}

// orderedPeriods returns the report's period details in the order of
// Report.Periods.
func (r *Report) orderedPeriods() []*PeriodDetail {
	out := make([]*PeriodDetail, 0, len(r.Periods))
	for _, p := range r.Periods {
		out = append(out, r.PeriodDetails[p.Key])
	}
	return out
}

// LegalBasisDetails makes one LegalBasisDetail per legal basis that appears
// in the data (Report.LegalBases), by key.
func (r *Report) LegalBasisDetails(tax *taxonomy.Taxonomy) map[string]*LegalBasisDetail {
	empty := (&tally{}).figures(tax)
	out := map[string]*LegalBasisDetail{}
	for _, key := range r.LegalBases {
		entry, _ := tax.LegalBasis(key)
		d := &LegalBasisDetail{Key: key, CountsTowardTotal: entry.CountsTowardTotal, Series: map[string][]SeriesPoint{}, Latest: empty, Countries: []RankedCountry{}}
		for _, p := range r.orderedPeriods() {
			point := SeriesPoint{Period: p.Key, Start: p.Start, End: p.End, NoRequests: true, Figures: empty}
			for _, b := range p.ByLegalBasis {
				if b.Key == key {
					point.Figures, point.NoRequests = b.Figures, b.Figures.Requests == 0
				}
			}
			d.Series[p.Kind] = append(d.Series[p.Kind], point)
			if p.Kind == r.SourceKind {
				d.AllRequests += point.Figures.Requests
			}
			if p.Key != r.Latest {
				continue
			}
			d.Latest = point.Figures
			if d.CountsTowardTotal && p.Totals.Requests > 0 {
				d.LatestSharePercent = Round1(float64(point.Figures.Requests) / float64(p.Totals.Requests) * 100)
			}
			for _, c := range p.Countries {
				for _, b := range c.ByLegalBasis {
					if b.Key == key && b.Figures.Requests > 0 {
						d.Countries = append(d.Countries, RankedCountry{Code: c.Code, Names: c.Names, Figures: b.Figures})
					}
				}
			}
		}
		slices.SortFunc(d.Countries, func(a, b RankedCountry) int {
			return cmp.Or(cmp.Compare(b.Figures.Requests, a.Figures.Requests), cmp.Compare(a.Code, b.Code))
		})
		for i := range d.Countries {
			d.Countries[i].Rank = i + 1
		}
		out[key] = d
	}
	return out
}

func outcomePoint(p PeriodSummary, f Figures, key string) OutcomePoint {
	point := OutcomePoint{Period: p.Key, Start: p.Start, End: p.End, Requests: f.Outcomes[key], OutcomeRequests: f.OutcomeRequests}
	if f.OutcomeRequests > 0 {
		v := Round1(float64(point.Requests) / float64(f.OutcomeRequests) * 100)
		point.Percent = &v
	}
	return point
}

// OutcomeDetails makes one OutcomeDetail per outcome of the taxonomy, by
// key, from the periods' totals (requests counted toward totals only).
func (r *Report) OutcomeDetails(tax *taxonomy.Taxonomy) map[string]*OutcomeDetail {
	out := map[string]*OutcomeDetail{}
	for _, o := range tax.Outcomes {
		d := &OutcomeDetail{Key: o.Key, DataDisclosed: o.DataDisclosed, Series: map[string][]OutcomePoint{}, ByLegalBasis: []OutcomeShare{}}
		for _, p := range r.orderedPeriods() {
			point := outcomePoint(p.PeriodSummary, p.Totals, o.Key)
			d.Series[p.Kind] = append(d.Series[p.Kind], point)
			if p.Key != r.Latest {
				continue
			}
			d.Latest = point
			for _, b := range p.ByLegalBasis {
				if !b.CountsTowardTotal || b.Figures.OutcomeRequests == 0 {
					continue
				}
				share := outcomePoint(p.PeriodSummary, b.Figures, o.Key)
				d.ByLegalBasis = append(d.ByLegalBasis, OutcomeShare{Key: b.Key, Requests: share.Requests, OutcomeRequests: share.OutcomeRequests, Percent: share.Percent})
			}
		}
		out[o.Key] = d
	}
	return out
}
