package report

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Report is the whole aggregated dataset, ready to be written as JSON for the
// site and as downloads.
type Report struct {
	// About is the publisher and the terms of the data, from report.toml.
	About About `json:"about"`
	// Latest is the most recent period of the kind the sources are given in.
	Latest     string          `json:"latest"`
	SourceKind string          `json:"source_kind"` // quarter or half: the kind teams report in
	Languages  []string        `json:"languages"`
	Periods    []PeriodSummary `json:"periods"` // every period, ordered by end date, shorter first
	Countries  []CountryIndex  `json:"countries"`
	// LegalBases lists the taxonomy keys that appear in the data, in
	// taxonomy order.
	LegalBases []string `json:"legal_bases"`
	// HasOutcomeCounts and HasPercentOnly say which kinds of outcome data the
	// sources hold, so pages explain exactly what is shown.
	HasOutcomeCounts bool                    `json:"has_outcome_counts"`
	HasPercentOnly   bool                    `json:"has_percent_only"`
	NationalSecurity []NationalSecurityEntry `json:"national_security"`

	PeriodDetails  map[string]*PeriodDetail  `json:"-"` // by period key
	CountryDetails map[string]*CountryDetail `json:"-"` // by country code
}

// PeriodSummary is one period in the list of all periods.
type PeriodSummary struct {
	Key      string  `json:"key"`
	Kind     string  `json:"kind"`
	Year     int     `json:"year"`
	Index    int     `json:"index"`
	Start    string  `json:"start"`
	End      string  `json:"end"`
	Derived  bool    `json:"derived"` // rolled up from shorter periods
	Totals   Figures `json:"totals"`
	Previous string  `json:"previous"` // the period of the same kind before, if any
}

// Change compares a period's totals with the previous period of its kind.
type Change struct {
	Previous        string   `json:"previous"`
	Requests        int64    `json:"requests"`
	RequestsPercent *float64 `json:"requests_percent"` // nil when the previous had none
	Accounts        int64    `json:"accounts"`
	AccountsPercent *float64 `json:"accounts_percent"`
	DisclosedPoints *float64 `json:"disclosed_points"` // percentage points
}

// Breakdown is the figures of one key of a dimension (a legal basis, a
// segment).
type Breakdown struct {
	Key               string  `json:"key"`
	CountsTowardTotal bool    `json:"counts_toward_total"`
	Figures           Figures `json:"figures"`
}

// CountryFigures is one country in a period.
type CountryFigures struct {
	Code         string            `json:"code"`
	Names        map[string]string `json:"names"`
	Rank         int               `json:"rank"`          // 1 = most requests; 0 = no requests
	SharePercent float64           `json:"share_percent"` // of the period's total requests
	Figures      Figures           `json:"figures"`
	ByLegalBasis []Breakdown       `json:"by_legal_basis"`
}

// PeriodDetail is everything about one period: data/report/periods/KEY.json.
type PeriodDetail struct {
	PeriodSummary
	Change   *Change  `json:"change"`
	Parent   string   `json:"parent"`
	Children []string `json:"children"`
	Teams    []string `json:"teams"`
	// NotCounted sums the legal bases that do not count toward the total
	// (preservation requests).
	NotCounted       Figures                 `json:"not_counted"`
	ByLegalBasis     []Breakdown             `json:"by_legal_basis"`
	BySegment        []Breakdown             `json:"by_segment"`
	Countries        []CountryFigures        `json:"countries"`
	NationalSecurity []NationalSecurityEntry `json:"national_security"`
}

// CountryIndex is one country in the list of all countries.
type CountryIndex struct {
	Code        string            `json:"code"`
	Names       map[string]string `json:"names"`
	LatestRank  int               `json:"latest_rank"`
	Latest      Figures           `json:"latest"` // in Report.Latest
	AllRequests int64             `json:"all_requests"`
	FirstPeriod string            `json:"first_period"` // first source period with requests
}

// CountryPoint is one country in one period of its series.
type CountryPoint struct {
	Period       string      `json:"period"`
	Start        string      `json:"start"`
	End          string      `json:"end"`
	NoRequests   bool        `json:"no_requests"`
	Rank         int         `json:"rank"`
	Figures      Figures     `json:"figures"`
	ByLegalBasis []Breakdown `json:"by_legal_basis"`
}

// CountryDetail is everything about one country: data/report/countries/CC.json.
type CountryDetail struct {
	CountryIndex
	// Series holds one point per period of each kind ("quarter", "half",
	// "year"), in order, including periods with no requests.
	Series     map[string][]CountryPoint `json:"series"`
	LegalBases []string                  `json:"legal_bases"` // keys that appear for this country
}

// NationalSecurityEntry is one published band.
type NationalSecurityEntry struct {
	Period     string `json:"period"`
	Start      string `json:"start"`
	End        string `json:"end"`
	Type       string `json:"type"`
	ReportedIn string `json:"reported_in"`
	Requests   Band   `json:"requests"`
	Accounts   Band   `json:"accounts"`
	Note       string `json:"note"`
}

type cellKey struct {
	period     Period
	country    string
	legalBasis string
	segment    string
}

// Aggregate combines the teams' sources into the report. It does not check
// them: Check does.
func Aggregate(sources []Source, tax *taxonomy.Taxonomy, langs []string) *Report {
	sourcePeriods := map[Period][]string{} // period → teams
	for _, s := range sources {
		sourcePeriods[s.Period] = append(sourcePeriods[s.Period], s.Team)
	}
	available := rollUps(sourcePeriods)

	cells := map[cellKey]*tally{}
	for _, s := range sources {
		for _, r := range s.Rows {
			for p, ok := r.Period, true; ok && available[p] != nil; p, ok = p.Parent() {
				k := cellKey{p, r.Country, r.LegalBasis, r.Segment}
				if cells[k] == nil {
					cells[k] = &tally{}
				}
				cells[k].addRow(r, tax)
			}
		}
	}
	rep := &Report{
		About:          DefaultAbout,
		Languages:      langs,
		PeriodDetails:  map[string]*PeriodDetail{},
		CountryDetails: map[string]*CountryDetail{},
	}
	counts := map[string]bool{}
	for _, b := range tax.LegalBases {
		counts[b.Key] = b.CountsTowardTotal
	}
	// Group cells per period.
	periods := make([]Period, 0, len(available))
	for p := range available {
		periods = append(periods, p)
	}
	slices.SortFunc(periods, Period.Compare)
	type periodCells struct {
		total, notCounted tally
		byBasis           map[string]*tally
		bySegment         map[string]*tally
		byCountry         map[string]*tally
		byCountryBasis    map[string]map[string]*tally
	}
	perPeriod := map[Period]*periodCells{}
	for _, p := range periods {
		perPeriod[p] = &periodCells{byBasis: map[string]*tally{}, bySegment: map[string]*tally{}, byCountry: map[string]*tally{}, byCountryBasis: map[string]map[string]*tally{}}
	}
	basesSeen := map[string]bool{}
	allCountries := map[string]bool{}
	for k, t := range cells {
		pc := perPeriod[k.period]
		basesSeen[k.legalBasis] = true
		allCountries[k.country] = true
		get(pc.byBasis, k.legalBasis).add(t)
		if pc.byCountryBasis[k.country] == nil {
			pc.byCountryBasis[k.country] = map[string]*tally{}
		}
		get(pc.byCountryBasis[k.country], k.legalBasis).add(t)
		if !counts[k.legalBasis] {
			pc.notCounted.add(t)
			continue
		}
		pc.total.add(t)
		get(pc.byCountry, k.country).add(t)
		if k.segment != "" {
			get(pc.bySegment, k.segment).add(t)
		}
	}
	for _, b := range tax.LegalBases {
		if basesSeen[b.Key] {
			rep.LegalBases = append(rep.LegalBases, b.Key)
		}
	}
	for _, s := range sources {
		for _, r := range s.Rows {
			if r.Outcomes != nil {
				rep.HasOutcomeCounts = true
			} else if r.DisclosedPercent != nil {
				rep.HasPercentOnly = true
			}
		}
	}
	breakdowns := func(m map[string]*tally, entries []taxonomy.Entry) []Breakdown {
		out := []Breakdown{}
		for _, e := range entries {
			if t, ok := m[e.Key]; ok {
				out = append(out, Breakdown{Key: e.Key, CountsTowardTotal: counts[e.Key] || e.CountsTowardTotal, Figures: t.figures(tax)})
			}
		}
		return out
	}
	codes := sortedKeys(allCountries)
	names := map[string]map[string]string{}
	for _, c := range codes {
		names[c] = countries.Names(c, langs)
	}
	natsec := nationalSecurity(sources)
	rep.NationalSecurity = natsec

	for _, p := range periods {
		pc := perPeriod[p]
		summary := PeriodSummary{
			Key: p.String(), Kind: p.Kind.String(), Year: p.Year, Index: p.Index,
			Start: p.Start(), End: p.End(), Derived: sourcePeriods[p] == nil,
			Totals: pc.total.figures(tax),
		}
		if prev := p.Previous(); available[prev] != nil {
			summary.Previous = prev.String()
		}
		detail := &PeriodDetail{
			PeriodSummary: summary,
			Children:      []string{},
			Teams:         available[p],
			NotCounted:    pc.notCounted.figures(tax),
			ByLegalBasis:  breakdowns(pc.byBasis, tax.LegalBases),
			BySegment:     breakdowns(pc.bySegment, tax.Segments),
			Countries:     []CountryFigures{},
		}
		if parent, ok := p.Parent(); ok && available[parent] != nil {
			detail.Parent = parent.String()
		}
		for _, c := range p.Children() {
			if available[c] != nil {
				detail.Children = append(detail.Children, c.String())
			}
		}
		for code, t := range pc.byCountry {
			f := t.figures(tax)
			cf := CountryFigures{Code: code, Names: names[code], Figures: f, ByLegalBasis: breakdowns(pc.byCountryBasis[code], tax.LegalBases)}
			if summary.Totals.Requests > 0 {
				cf.SharePercent = Round1(float64(f.Requests) / float64(summary.Totals.Requests) * 100)
			}
			detail.Countries = append(detail.Countries, cf)
		}
		// Countries with only preservation requests still get a row.
		for code, m := range pc.byCountryBasis {
			if pc.byCountry[code] == nil {
				detail.Countries = append(detail.Countries, CountryFigures{Code: code, Names: names[code], Figures: (&tally{}).figures(tax), ByLegalBasis: breakdowns(m, tax.LegalBases)})
			}
		}
		slices.SortFunc(detail.Countries, func(a, b CountryFigures) int {
			return cmp.Or(cmp.Compare(b.Figures.Requests, a.Figures.Requests), cmp.Compare(a.Code, b.Code))
		})
		for i := range detail.Countries {
			if detail.Countries[i].Figures.Requests > 0 {
				detail.Countries[i].Rank = i + 1
			}
		}
		for _, n := range natsec {
			if n.Period == summary.Key {
				detail.NationalSecurity = append(detail.NationalSecurity, n)
			}
		}
		if detail.NationalSecurity == nil {
			detail.NationalSecurity = []NationalSecurityEntry{}
		}
		rep.Periods = append(rep.Periods, summary)
		rep.PeriodDetails[summary.Key] = detail
	}
	for _, d := range rep.PeriodDetails {
		if d.Previous != "" {
			d.Change = change(rep.PeriodDetails[d.Previous].Totals, d.Totals, d.Previous)
		}
	}

	// The latest period is the last one of the finest kind that teams report.
	finest := Year
	for p := range sourcePeriods {
		finest = min(finest, p.Kind)
	}
	rep.SourceKind = finest.String()
	for _, p := range periods {
		if p.Kind == finest {
			rep.Latest = p.String()
		}
	}

	for _, code := range codes {
		cd := &CountryDetail{Series: map[string][]CountryPoint{}, LegalBases: []string{}}
		cd.Code, cd.Names = code, names[code]
		seenBasis := map[string]bool{}
		for _, p := range periods {
			d := rep.PeriodDetails[p.String()]
			point := CountryPoint{Period: d.Key, Start: d.Start, End: d.End, NoRequests: true, Figures: (&tally{}).figures(tax), ByLegalBasis: []Breakdown{}}
			for _, cf := range d.Countries {
				if cf.Code == code {
					point.Figures, point.ByLegalBasis, point.Rank = cf.Figures, cf.ByLegalBasis, cf.Rank
					point.NoRequests = cf.Figures.Requests == 0
					for _, b := range cf.ByLegalBasis {
						seenBasis[b.Key] = true
					}
				}
			}
			cd.Series[d.Kind] = append(cd.Series[d.Kind], point)
			if p.Kind == finest {
				cd.AllRequests += point.Figures.Requests
				if cd.FirstPeriod == "" && !point.NoRequests {
					cd.FirstPeriod = d.Key
				}
			}
			if d.Key == rep.Latest {
				cd.Latest, cd.LatestRank = point.Figures, point.Rank
			}
		}
		if cd.Latest.Outcomes == nil {
			cd.Latest = (&tally{}).figures(tax)
		}
		for _, b := range rep.LegalBases {
			if seenBasis[b] {
				cd.LegalBases = append(cd.LegalBases, b)
			}
		}
		rep.CountryDetails[code] = cd
		rep.Countries = append(rep.Countries, cd.CountryIndex)
	}
	if rep.Countries == nil {
		rep.Countries = []CountryIndex{}
	}
	return rep
}

// rollUps decides which periods exist: every source period, and every longer
// period whose shorter parts all exist. It returns the teams per period.
func rollUps(sourcePeriods map[Period][]string) map[Period][]string {
	available := map[Period][]string{}
	for p, teams := range sourcePeriods {
		available[p] = sortedUnique(teams)
	}
	for _, kind := range []Kind{Half, Year} {
		candidates := map[Period]bool{}
		for p := range available {
			if parent, ok := p.Parent(); ok && parent.Kind == kind && available[parent] == nil {
				candidates[parent] = true
			}
		}
		for parent := range candidates {
			var teams []string
			complete := true
			for _, c := range parent.Children() {
				if available[c] == nil {
					complete = false
				}
				teams = append(teams, available[c]...)
			}
			if complete {
				available[parent] = sortedUnique(teams)
			}
		}
	}
	return available
}

// nationalSecurity lists the bands in order. Workbook reading has already
// rejected a period and type given twice.
func nationalSecurity(sources []Source) []NationalSecurityEntry {
	out := []NationalSecurityEntry{}
	for _, s := range sources {
		for _, n := range s.NationalSecurity {
			out = append(out, NationalSecurityEntry{
				Period: n.Period.String(), Start: n.Period.Start(), End: n.Period.End(), Type: n.Type,
				ReportedIn: n.ReportedIn.String(), Requests: n.Requests, Accounts: n.Accounts, Note: n.Note,
			})
		}
	}
	slices.SortFunc(out, func(a, b NationalSecurityEntry) int {
		return cmp.Or(cmp.Compare(a.End, b.End), cmp.Compare(a.Start, b.Start), cmp.Compare(a.Type, b.Type))
	})
	return out
}

func change(prev, cur Figures, prevKey string) *Change {
	c := &Change{Previous: prevKey, Requests: cur.Requests - prev.Requests, Accounts: cur.Accounts - prev.Accounts}
	if prev.Requests > 0 {
		v := Round1(float64(c.Requests) / float64(prev.Requests) * 100)
		c.RequestsPercent = &v
	}
	if prev.Accounts > 0 {
		v := Round1(float64(c.Accounts) / float64(prev.Accounts) * 100)
		c.AccountsPercent = &v
	}
	if prev.DisclosedPercent != nil && cur.DisclosedPercent != nil {
		v := Round1(*cur.DisclosedPercent - *prev.DisclosedPercent)
		c.DisclosedPoints = &v
	}
	return c
}

func get(m map[string]*tally, k string) *tally {
	if m[k] == nil {
		m[k] = &tally{}
	}
	return m[k]
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedUnique(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
