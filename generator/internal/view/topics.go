package view

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// RankedCountry is one country's figures under one legal basis in one
// period, ranked by requests (equal requests share a rank, listed by
// code); a requester that is not a
// country comes after the countries, with rank 0.
type RankedCountry struct {
	Requester
	Rank    int            `json:"rank"`
	Tied    bool           `json:"tied"` // another country has the same requests, and rank
	Figures report.Figures `json:"figures"`
}

// LegalBasisDetail is everything about one legal basis:
// data/report/legal-bases/KEY.json.
type LegalBasisDetail struct {
	Key               string `json:"key"`
	CountsTowardTotal bool   `json:"counts_toward_total"`
	// NoOutcomes: outcomes do not apply (not counted in the totals:
	// nothing is disclosed in answer to these requests); the page shows
	// no outcome and no share, and its chart only the requests.
	NoOutcomes bool `json:"outcomes_do_not_apply"`
	// Series holds one point per period of each kind, in order, including
	// periods with no requests under this legal basis.
	Series
	// Latest is the figures in Report.Latest; LatestSharePercent their share
	// of that period's total requests (0 for legal bases that do not count
	// toward totals).
	Latest             report.Figures `json:"latest"`
	LatestSharePercent *float64       `json:"latest_share_percent"`
	// LatestShareUnderTenth: LatestSharePercent is 0.0 but the share is
	// above 0.
	LatestShareUnderTenth bool `json:"latest_share_under_tenth,omitempty"`
	// AllRequests adds up the periods of the kind the sources are given in.
	AllRequests report.Count `json:"all_requests"`
	// Countries are the countries that used this legal basis in the latest
	// period, most requests first.
	Countries      []RankedCountry `json:"countries"`
	CountryColumns Columns         `json:"country_columns"`
}

// OutcomePoint is how many requests had one outcome in one period, out of
// the requests whose outcomes were reported as counts.
type OutcomePoint struct {
	Period          string       `json:"period"`
	Start           string       `json:"start"`
	End             string       `json:"end"`
	Requests        report.Count `json:"requests"`
	OutcomeRequests int64        `json:"outcome_requests"`
	// Percent is Requests ÷ OutcomeRequests × 100, to one decimal; nil when
	// no outcome was reported as counts.
	Percent *float64 `json:"percent"`
}

// OutcomeShare is one legal basis's requests with an outcome in one period.
type OutcomeShare struct {
	Key             string       `json:"key"`
	Requests        report.Count `json:"requests"`
	OutcomeRequests int64        `json:"outcome_requests"`
	Percent         *float64     `json:"percent"`
}

// OutcomeDetail is everything about one outcome: data/report/outcomes/KEY.json.
type OutcomeDetail struct {
	Key           string `json:"key"`
	DataDisclosed bool   `json:"data_disclosed"`
	// Series holds one point per period of each kind, in order; Summary
	// what the text beside its chart says (every period counts, with or
	// without requests, and Percent is the share of the outcome).
	Series  map[string][]OutcomePoint `json:"series"`
	Summary map[string]TrendSummary   `json:"series_summary"`
	Latest  OutcomePoint              `json:"latest"`
	// ByLegalBasis splits the latest period by legal basis, in taxonomy
	// order, for the legal bases counted in the totals.
	ByLegalBasis []OutcomeShare `json:"by_legal_basis"`
}

// addTopics makes one LegalBasisDetail per legal basis that appears in the
// data and one OutcomeDetail per outcome of the taxonomy.
func addTopics(rep *Report, tax *taxonomy.Taxonomy) {
	for _, key := range rep.LegalBases {
		rep.LegalBasisDetails[key] = legalBasisDetail(rep, key, tax)
	}
	for _, o := range tax.Outcomes {
		rep.OutcomeDetails[o.Key] = outcomeDetail(rep, o)
	}
}

func legalBasisDetail(rep *Report, key string, tax *taxonomy.Taxonomy) *LegalBasisDetail {
	empty := (&report.Tally{}).Figures(tax)
	entry, _ := tax.LegalBasis(key)
	d := &LegalBasisDetail{Key: key, CountsTowardTotal: entry.CountsTowardTotal, NoOutcomes: !entry.CountsTowardTotal, Latest: empty, Countries: []RankedCountry{}}
	for _, p := range rep.Periods {
		pd := rep.PeriodDetails[p.Key]
		point := SeriesPoint{Period: p.Key, Start: p.Start, End: p.End, NoRequests: true, Figures: empty}
		for _, b := range pd.ByLegalBasis {
			if b.Key == key {
				point.Figures = b.Figures
			}
		}
		if !entry.Unsplit {
			// Countries that did not split their requests by legal basis
			// published no figure under this one.
			for _, c := range pd.Countries {
				if unsplit(c.ByLegalBasis, tax) && !slices.ContainsFunc(c.ByLegalBasis, func(b Breakdown) bool { return b.Key == key }) {
					point.Figures.Requests.Add(report.NotPublished())
					point.Figures.Accounts.Add(report.NotPublished())
				}
			}
		}
		point.NoRequests = point.Figures.Requests.IsZero()
		d.add(p.Kind, point)
		if p.Kind == rep.SourceKind {
			d.AllRequests.Add(point.Figures.Requests)
		}
		if p.Key != rep.Latest {
			continue
		}
		d.Latest = point.Figures
		if d.CountsTowardTotal {
			d.LatestSharePercent = sharePercent(point.Figures.Requests, p.Totals.Requests)
			d.LatestShareUnderTenth = underTenth(point.Figures.Requests, p.Totals.Requests)
		}
		for _, c := range pd.Countries {
			for _, b := range c.ByLegalBasis {
				if b.Key == key && !b.Figures.Requests.IsZero() {
					d.Countries = append(d.Countries, RankedCountry{Requester: c.Requester, Figures: b.Figures})
				}
			}
		}
	}
	d.finish(tax)
	slices.SortFunc(d.Countries, func(a, b RankedCountry) int {
		return cmp.Or(countriesFirst(a.Requester, b.Requester), byRequests(a.Figures, b.Figures), cmp.Compare(a.Code, b.Code))
	})
	countryCount := 0
	for _, c := range d.Countries {
		if c.IsCountry {
			countryCount++
		}
	}
	for i, r := range competitionRanks(d.Countries[:countryCount], func(c RankedCountry) report.Count { return c.Figures.Requests }) {
		d.Countries[i].Rank, d.Countries[i].Tied = r.rank, r.tied
	}
	d.CountryColumns = columnsOf(d.Countries, func(c RankedCountry) report.Figures { return c.Figures }, tax)
	if d.NoOutcomes {
		for kind, c := range d.Columns {
			d.Columns[kind] = c.withoutOutcomes()
		}
		d.CountryColumns = d.CountryColumns.withoutOutcomes()
	}
	return d
}

// unsplit reports whether a country's breakdown by legal basis has
// requests that the source did not split by legal basis.
func unsplit(rows []Breakdown, tax *taxonomy.Taxonomy) bool {
	return slices.ContainsFunc(rows, func(b Breakdown) bool {
		e, _ := tax.LegalBasis(b.Key)
		return e.Unsplit
	})
}

func outcomePoint(p PeriodSummary, f report.Figures, key string) OutcomePoint {
	point := OutcomePoint{Period: p.Key, Start: p.Start, End: p.End, Requests: f.Outcomes[key], OutcomeRequests: f.OutcomeRequests}
	point.Percent = sharePercent(point.Requests, report.Exactly(f.OutcomeRequests))
	return point
}

// outcomeDetail is one outcome from the periods' totals (requests counted
// toward totals only).
func outcomeDetail(rep *Report, o taxonomy.Entry) *OutcomeDetail {
	d := &OutcomeDetail{Key: o.Key, DataDisclosed: o.DataDisclosed, Series: map[string][]OutcomePoint{}, Summary: map[string]TrendSummary{}, ByLegalBasis: []OutcomeShare{}}
	for _, p := range rep.Periods {
		point := outcomePoint(p, p.Totals, o.Key)
		d.Series[p.Kind] = append(d.Series[p.Kind], point)
		if p.Key != rep.Latest {
			continue
		}
		d.Latest = point
		bases := slices.Clone(rep.PeriodDetails[p.Key].ByLegalBasis)
		slices.SortStableFunc(bases, func(a, b Breakdown) int {
			return cmp.Compare(slices.Index(rep.LegalBases, a.Key), slices.Index(rep.LegalBases, b.Key))
		})
		for _, b := range bases {
			if !b.CountsTowardTotal || b.Figures.OutcomeRequests == 0 {
				continue
			}
			share := outcomePoint(p, b.Figures, o.Key)
			d.ByLegalBasis = append(d.ByLegalBasis, OutcomeShare{Key: b.Key, Requests: share.Requests, OutcomeRequests: share.OutcomeRequests, Percent: share.Percent})
		}
	}
	for kind, points := range d.Series {
		d.Summary[kind] = trendSummary(points, func(p OutcomePoint) Moment {
			return Moment{Period: p.Period, Requests: p.Requests, Percent: p.Percent}
		}, func(OutcomePoint) bool { return true })
	}
	return d
}
