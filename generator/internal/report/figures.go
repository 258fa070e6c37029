package report

import (
	"math"
	"slices"

	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Figures are the measures of any group of rows: a country in a period, a
// legal basis, a whole period. Every figure on the site is one of these.
// A measure that some rows did not publish is a lower bound, and one that
// no row published is not published (Count): never a zero.
type Figures struct {
	Requests Count `json:"requests"`
	Accounts Count `json:"accounts"`

	// Outcomes counts requests per outcome and outcome-group key, over the
	// rows whose outcomes were reported as counts. Every key of the
	// taxonomy's outcomes and outcome groups is present: not published
	// where no row gave outcome counts, and 0 when there are no rows.
	Outcomes map[string]Count `json:"outcomes"`
	// OutcomeRequests are the requests whose share where some data was
	// disclosed is known from counts.
	OutcomeRequests int64 `json:"outcome_requests"`

	// PercentOnlyRequests are requests whose outcome was published only as a
	// percentage of requests where some data was disclosed.
	PercentOnlyRequests int64 `json:"percent_only_requests"`

	// DisclosedPercent is the share (0-100, one decimal) of requests where
	// some data was disclosed, over OutcomeRequests + PercentOnlyRequests; nil
	// when no outcome is known. When FromPercentages is true, some of it comes
	// from published percentages weighted by requests, not from counts.
	DisclosedPercent *float64 `json:"disclosed_percent"`
	FromPercentages  bool     `json:"disclosed_from_percentages"`
	// OnlyFromPercentages: all of DisclosedPercent comes from published
	// percentages, none from counts.
	OnlyFromPercentages bool `json:"disclosed_only_from_percentages,omitempty"`
	// DisclosedUnderTenth: DisclosedPercent is 0.0 but the share is above
	// 0 (below 0.05%): pages say "<0.1%", not a false 0.
	DisclosedUnderTenth bool `json:"disclosed_under_tenth,omitempty"`
	// DisclosedWhole: DisclosedPercent is one published percentage as it
	// was published, a whole number (Google's 83): pages show it without a
	// decimal, as published. A share computed from several figures keeps
	// its one decimal (83.0% is a computed share that happens to be whole).
	DisclosedWhole bool `json:"disclosed_whole,omitempty"`

	// Extraterritorial is the requests for data stored outside the
	// requesting country, over the rows that say (Row.StoredAbroad).
	// Extraterritorial and Contested are nil when no row reported them.
	Extraterritorial *Count `json:"extraterritorial"`
	Contested        *int64 `json:"contested"`

	// Rows is how many source rows were added together.
	Rows int `json:"rows"`
}

// HasOutcomeCounts reports whether some of the rows had their outcomes
// reported as counts, rather than only as a published percentage.
func (f Figures) HasOutcomeCounts() bool {
	for _, c := range f.Outcomes {
		if c.Given > 0 {
			return true
		}
	}
	return false
}

// Complete reports whether every figure is one exact count: none was a
// range, and none was not published.
func (f Figures) Complete() bool {
	if !f.Requests.IsExact() || !f.Accounts.IsExact() {
		return false
	}
	for _, c := range f.Outcomes {
		if f.HasOutcomeCounts() && !c.IsExact() {
			return false
		}
	}
	return true
}

// Tally accumulates rows into Figures. Tallies add up: the tally of a
// group of cells is the sum of theirs.
type Tally struct {
	requests, accounts   Count
	outcomes             map[string]Count // by outcome and outcome-group key
	outcomeRequests      int64            // requests whose disclosed share is known from counts
	disclosedCounted     int64            // of them, requests where some data was disclosed
	percentOnlyRequests  int64            // requests known only by a published percentage
	disclosedFromPercent float64          // Σ percent/100 × requests over percent-only rows
	percentRows          int              // percent-only rows
	lastPercent          float64          // the published percentage of such a row: the share when it is the only one
	extraterritorial     *Count
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

func addCount(dst **Count, v *Count) {
	if v == nil {
		return
	}
	if *dst == nil {
		*dst = &Count{}
	}
	(*dst).Add(*v)
}

// AddRow adds one source row.
func (t *Tally) AddRow(r Row, tax *taxonomy.Taxonomy) {
	t.requests.Add(r.Requests)
	t.accounts.Add(r.Accounts)
	t.rows++
	requests, exact := r.Requests.Value()
	switch {
	case r.Outcomes != nil:
		if t.outcomes == nil {
			t.outcomes = map[string]Count{}
		}
		for _, node := range slices.Concat(tax.Outcomes, tax.OutcomeGroups) {
			t.outcomes[node.Key] = t.outcomes[node.Key].Plus(r.Outcome(tax, node))
		}
		if disclosed, known := r.Outcome(tax, tax.Disclosed()).Value(); known && exact {
			t.outcomeRequests += requests
			t.disclosedCounted += disclosed
		}
	case r.DisclosedPercent != nil && exact:
		t.percentOnlyRequests += requests
		t.disclosedFromPercent += *r.DisclosedPercent / 100 * float64(requests)
		t.percentRows++
		t.lastPercent = *r.DisclosedPercent
	}
	if abroad, known := r.StoredAbroad(); known {
		addCount(&t.extraterritorial, &abroad)
	}
	addOptional(&t.contested, r.Contested)
}

// Add adds another tally.
func (t *Tally) Add(o *Tally) {
	t.requests.Add(o.requests)
	t.accounts.Add(o.accounts)
	t.rows += o.rows
	if o.outcomes != nil {
		if t.outcomes == nil {
			t.outcomes = map[string]Count{}
		}
		for k, v := range o.outcomes {
			t.outcomes[k] = t.outcomes[k].Plus(v)
		}
	}
	t.outcomeRequests += o.outcomeRequests
	t.disclosedCounted += o.disclosedCounted
	t.percentOnlyRequests += o.percentOnlyRequests
	t.disclosedFromPercent += o.disclosedFromPercent
	if o.percentRows > 0 {
		t.lastPercent = o.lastPercent
	}
	t.percentRows += o.percentRows
	addCount(&t.extraterritorial, o.extraterritorial)
	addOptional(&t.contested, o.contested)
}

// Figures are the tally's measures; every outcome and outcome-group key of
// the taxonomy is present.
func (t *Tally) Figures(tax *taxonomy.Taxonomy) Figures {
	f := Figures{
		Requests:            t.requests,
		Accounts:            t.accounts,
		Outcomes:            make(map[string]Count, len(tax.Outcomes)+len(tax.OutcomeGroups)),
		OutcomeRequests:     t.outcomeRequests,
		PercentOnlyRequests: t.percentOnlyRequests,
		Contested:           t.contested,
		Rows:                t.rows,
	}
	if t.extraterritorial != nil {
		abroad := *t.extraterritorial
		f.Extraterritorial = &abroad
	}
	for _, node := range slices.Concat(tax.Outcomes, tax.OutcomeGroups) {
		f.Outcomes[node.Key] = t.outcomes[node.Key]
		if t.outcomes == nil && t.rows > 0 {
			// No row gave outcome counts: they are not published, not zero.
			f.Outcomes[node.Key] = NotPublished()
		}
	}
	if known := t.outcomeRequests + t.percentOnlyRequests; known > 0 {
		exact := (float64(t.disclosedCounted) + t.disclosedFromPercent) / float64(known) * 100
		pct := Round1(exact)
		f.DisclosedPercent = &pct
		f.FromPercentages = t.percentOnlyRequests > 0
		f.OnlyFromPercentages = f.FromPercentages && t.outcomeRequests == 0
		f.DisclosedUnderTenth = pct == 0 && exact > 0
		f.DisclosedWhole = f.OnlyFromPercentages && t.percentRows == 1 && t.lastPercent == math.Trunc(t.lastPercent)
	}
	return f
}

// Round1 rounds half away from zero to one decimal place.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }
