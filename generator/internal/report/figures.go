package report

import (
	"math"

	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Figures are the measures of any group of rows: a country in a period, a
// legal basis, a whole period. Every figure on the site is one of these.
type Figures struct {
	Requests int64 `json:"requests"`
	Accounts int64 `json:"accounts"`

	// Outcomes counts requests per outcome key, over the requests whose
	// outcomes were reported as counts (OutcomeRequests). Every outcome key
	// of the taxonomy is present, zeros included.
	Outcomes        map[string]int64 `json:"outcomes"`
	OutcomeRequests int64            `json:"outcome_requests"`

	// PercentOnlyRequests are requests whose outcome was published only as a
	// percentage of requests where some data was disclosed.
	PercentOnlyRequests int64 `json:"percent_only_requests"`

	// DisclosedPercent is the share (0-100, one decimal) of requests where
	// some data was disclosed, over OutcomeRequests + PercentOnlyRequests; nil
	// when no outcome is known. When FromPercentages is true, some of it comes
	// from published percentages weighted by requests, not from counts.
	DisclosedPercent *float64 `json:"disclosed_percent"`
	FromPercentages  bool     `json:"disclosed_from_percentages"`

	// Extraterritorial and Contested are nil when no row reported them.
	Extraterritorial *int64 `json:"extraterritorial"`
	Contested        *int64 `json:"contested"`

	// Rows is how many source rows were added together.
	Rows int `json:"rows"`
}

// HasOutcomeCounts reports whether some of the requests had their outcomes
// reported as counts, rather than only as a published percentage.
func (f Figures) HasOutcomeCounts() bool { return f.OutcomeRequests > 0 }

// Tally accumulates rows into Figures. Tallies add up: the tally of a
// group of cells is the sum of theirs.
type Tally struct {
	requests, accounts   int64
	outcomes             map[string]int64
	outcomeRequests      int64
	disclosedCounted     int64   // requests with a data-disclosed outcome, from counts
	percentOnlyRequests  int64   // requests known only by a published percentage
	disclosedFromPercent float64 // Σ percent/100 × requests over percent-only rows
	extraterritorial     *int64
	contested            *int64
	rows                 int
}

func addOptional(dst **int64, v *int64) {
	if v == nil {
		return
	}
	if *dst == nil {
		*dst = new(int64)
	}
	**dst += *v
}

// AddRow adds one source row.
func (t *Tally) AddRow(r Row, tax *taxonomy.Taxonomy) {
	t.requests += r.Requests
	t.accounts += r.Accounts
	t.rows++
	switch {
	case r.Outcomes != nil:
		if t.outcomes == nil {
			t.outcomes = map[string]int64{}
		}
		t.outcomeRequests += r.Requests
		for _, o := range tax.Outcomes {
			n := r.Outcomes[o.Key]
			t.outcomes[o.Key] += n
			if o.DataDisclosed {
				t.disclosedCounted += n
			}
		}
	case r.DisclosedPercent != nil:
		t.percentOnlyRequests += r.Requests
		t.disclosedFromPercent += *r.DisclosedPercent / 100 * float64(r.Requests)
	}
	addOptional(&t.extraterritorial, r.Extraterritorial)
	addOptional(&t.contested, r.Contested)
}

// Add adds another tally.
func (t *Tally) Add(o *Tally) {
	t.requests += o.requests
	t.accounts += o.accounts
	t.rows += o.rows
	if o.outcomes != nil {
		if t.outcomes == nil {
			t.outcomes = map[string]int64{}
		}
		for k, v := range o.outcomes {
			t.outcomes[k] += v
		}
	}
	t.outcomeRequests += o.outcomeRequests
	t.disclosedCounted += o.disclosedCounted
	t.percentOnlyRequests += o.percentOnlyRequests
	t.disclosedFromPercent += o.disclosedFromPercent
	addOptional(&t.extraterritorial, o.extraterritorial)
	addOptional(&t.contested, o.contested)
}

// Figures are the tally's measures; every outcome key of the taxonomy is
// present, zeros included.
func (t *Tally) Figures(tax *taxonomy.Taxonomy) Figures {
	f := Figures{
		Requests:            t.requests,
		Accounts:            t.accounts,
		Outcomes:            make(map[string]int64, len(tax.Outcomes)),
		OutcomeRequests:     t.outcomeRequests,
		PercentOnlyRequests: t.percentOnlyRequests,
		Extraterritorial:    t.extraterritorial,
		Contested:           t.contested,
		Rows:                t.rows,
	}
	for _, o := range tax.Outcomes {
		f.Outcomes[o.Key] = t.outcomes[o.Key]
	}
	if known := t.outcomeRequests + t.percentOnlyRequests; known > 0 {
		pct := Round1((float64(t.disclosedCounted) + t.disclosedFromPercent) / float64(known) * 100)
		f.DisclosedPercent = &pct
		f.FromPercentages = t.percentOnlyRequests > 0
	}
	return f
}

// Round1 rounds half away from zero to one decimal place.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }
