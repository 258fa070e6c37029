// Package view computes everything a page of the site shows, once, from the
// aggregated table: each period, country, legal basis and outcome with its
// figures, ranks, shares, series, summaries (first, last and peak), the
// columns its tables need, the world map's rows and localised labels. The
// templates present these values and compute nothing; the charts and the
// downloads are made from the same values, so a chart, its table and its
// CSV cannot disagree. Files lays the view out as the JSON files the Hugo
// site reads (data/report/...).
package view

import (
	"cmp"
	"fmt"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// TopCountries is how many countries a period's country chart shows; its
// table lists them all.
const TopCountries = 15

// Leading is how many countries or legal bases a chart's text summary names.
const Leading = 3

// Report is the whole report as the site shows it: data/report/summary.json,
// and the details written to their own files.
type Report struct {
	// About is the publisher and the terms of the data, from report.toml.
	About report.About `json:"about"`
	// Latest is the most recent period of the kind the sources are given in.
	Latest     string          `json:"latest"`
	SourceKind string          `json:"source_kind"` // quarter or half: the kind teams report in
	Languages  []string        `json:"languages"`
	Periods    []PeriodSummary `json:"periods"` // every period, ordered by end date, shorter first
	// PeriodsNewest lists the periods of each kind, newest first;
	// PeriodKeysNewest every period's key by start date, newest first
	// (periods that start on the same day in the order of Periods).
	PeriodsNewest    map[string][]PeriodSummary `json:"periods_newest"`
	PeriodKeysNewest []string                   `json:"period_keys_newest"`
	// Countries are every requester with a row: the countries and those
	// that are not countries (countries.Kind), by code.
	Countries []CountryIndex `json:"countries"`
	// CountryCount is how many of them are countries.
	CountryCount int `json:"country_count"`
	// CountriesByName lists the codes of Countries in the order of their
	// names in each language, as that language sorts them: the countries,
	// then the requesters that are not countries.
	CountriesByName map[string][]string `json:"countries_by_name"`
	// NotCountryNames names, in each language, the requesters of Countries
	// that are not countries, in the order of CountriesByName.
	NotCountryNames map[string][]string `json:"not_country_names"`
	// LegalBases lists the taxonomy keys that appear in the data, in
	// taxonomy order.
	LegalBases []string `json:"legal_bases"`
	// HasOutcomeCounts and HasPercentOnly say which kinds of outcome data the
	// sources hold, so pages explain exactly what is shown.
	HasOutcomeCounts bool `json:"has_outcome_counts"`
	HasPercentOnly   bool `json:"has_percent_only"`
	// HasOutcomeGroups: some source gave outcome counts without all of its
	// outcomes (report.Table.HasOutcomeGroups).
	HasOutcomeGroups bool `json:"has_outcome_groups"`
	// Drafts are the periods not published yet that this preview build
	// shows; every page then carries a banner. Empty in production builds.
	Drafts []string `json:"drafts,omitempty"`
	// HasRequestTypes: some row names what its requests named
	// (report.Table.HasRequestTypes).
	HasRequestTypes bool `json:"has_request_types"`
	// AbroadLatest is the requests for data stored abroad in the latest
	// period (Abroad), for the home page; nil when there are none.
	AbroadLatest     *report.Count           `json:"abroad_latest"`
	NationalSecurity []NationalSecurityEntry `json:"national_security"`
	// NationalSecurityNewest are the bands of the most recent period that
	// has any, for the home page; NationalSecurityNewestFirst all of them,
	// the periods that end last first.
	NationalSecurityNewest      []NationalSecurityEntry `json:"national_security_newest"`
	NationalSecurityNewestFirst []NationalSecurityEntry `json:"national_security_newest_first"`
	// LegalBasisColumns are the columns of the table of every legal basis's
	// latest figures.
	LegalBasisColumns Columns `json:"legal_basis_columns"`
	// Trend is the report's series per kind of period: every period's
	// totals, for the home page's trend figure.
	Trend Series `json:"trend"`
	// Labels name every period as each language does:
	// Labels[lang][key].Short is "Q3 2026".
	Labels map[string]map[string]PeriodLabel `json:"labels"`
	// Terms are the taxonomy's labels and descriptions in each language:
	// Terms[lang][group][key].
	Terms map[string]map[string]map[string]Term `json:"terms"`

	// Corrections are the published figures restated since, with the
	// corrections file's reasons: their own data file.
	Corrections Corrections `json:"-"`

	// Abroad is the requests for data stored abroad: its own data file.
	Abroad *Abroad `json:"-"`

	PeriodDetails     map[string]*PeriodDetail     `json:"-"` // by period key
	CountryDetails    map[string]*CountryDetail    `json:"-"` // by country code
	LegalBasisDetails map[string]*LegalBasisDetail `json:"-"` // by legal-basis key
	OutcomeDetails    map[string]*OutcomeDetail    `json:"-"` // by outcome key

	// Challenges and Notifications are the pages of court cases and of
	// telling users: their own data files.
	Challenges    Challenges    `json:"-"`
	Notifications Notifications `json:"-"`
	// Segments are the report's figures by customer segment, where some
	// row names one (nil otherwise), for the home page.
	Segments *Segments `json:"segments,omitempty"`
}

// PeriodSummary is one period in the list of all periods.
type PeriodSummary struct {
	Key      string `json:"key"`
	Kind     string `json:"kind"`
	Year     int    `json:"year"`
	Index    int    `json:"index"`
	Start    string `json:"start"`
	End      string `json:"end"`
	RolledUp bool   `json:"rolled_up"` // added up from its shorter periods
	// Draft: the period is not published yet, and is here because the
	// build is a preview's (report.toml's drafts).
	Draft bool `json:"draft,omitempty"`
	// Published is the day the period's release was published
	// (report.toml's published, for the latest period); "" when the
	// sources do not say.
	Published string         `json:"published,omitempty"`
	Totals    report.Figures `json:"totals"`
	Previous  string         `json:"previous"` // the period of the same kind before, if any
	Next      string         `json:"next"`     // the period of the same kind after, if any
}

// Change compares a period's totals with the previous period of its kind.
type Change struct {
	Previous string `json:"previous"`
	// Requests and Accounts are nil where either period's figure is not
	// exact (a range, or not published): no change is known.
	Requests        *int64   `json:"requests"`
	RequestsPercent *float64 `json:"requests_percent"` // nil when the previous had none
	Accounts        *int64   `json:"accounts"`
	AccountsPercent *float64 `json:"accounts_percent"`
	DisclosedPoints *float64 `json:"disclosed_points"` // percentage points
	// Shown are the same changes as a page states them: Shown[name] for
	// each of the fields above (requests, requests_percent, accounts,
	// accounts_percent, disclosed_points) that has a value.
	Shown map[string]Delta `json:"shown"`
}

// Delta is a change as a page states it: its sign ("+", "−" or "" for
// none) and its size, which the page formats in the reader's language.
type Delta struct {
	Sign      string  `json:"sign"`
	Magnitude float64 `json:"magnitude"`
}

func deltaOf(v float64) Delta {
	switch {
	case v > 0:
		return Delta{Sign: "+", Magnitude: v}
	case v < 0:
		return Delta{Sign: "−", Magnitude: -v}
	}
	return Delta{}
}

// Breakdown is the figures of one key of a dimension (a legal basis, a
// segment, a request type).
type Breakdown struct {
	Key               string `json:"key"`
	CountsTowardTotal bool   `json:"counts_toward_total"`
	// NoOutcomes: outcomes do not apply to these requests (a legal basis
	// not counted in the totals: nothing is disclosed in answer to a
	// preservation request), so no outcome or share is shown for them.
	NoOutcomes bool           `json:"outcomes_do_not_apply"`
	Figures    report.Figures `json:"figures"`
	// ByRequestType splits a country's figures under one legal basis by
	// request type, for the downloads, where some row names one: in
	// taxonomy order, then (Key "") the requests of rows that name none.
	ByRequestType []Breakdown `json:"by_request_type,omitempty"`
}

// Requester is who made requests: a country, or a requester that is not
// one (countries.Kind), such as the United Nations or ZZ, the figures not
// broken down by country. Only countries are ranked and drawn on the map;
// the others' requests count in the totals all the same.
type Requester struct {
	Code      string            `json:"code"`
	Names     map[string]string `json:"names"`
	Kind      string            `json:"kind"` // country, organisation or not_by_country
	IsCountry bool              `json:"is_country"`
}

// CountryFigures is one country, or other requester, in a period.
type CountryFigures struct {
	Requester
	Rank int `json:"rank"` // 1 = most requests; 0 = no requests, or not a country
	// Tied: another country has the same requests, and so the same rank
	// (competitionRanks).
	Tied         bool     `json:"tied"`
	SharePercent *float64 `json:"share_percent"` // of the period's total requests; nil unless both are exact
	// ShareUnderTenth: SharePercent is 0.0 but the share is above 0.
	ShareUnderTenth bool           `json:"share_under_tenth,omitempty"`
	Figures         report.Figures `json:"figures"`
	// ByLegalBasis, ByRequestType and BySegment are for the downloads
	// (one row per period, country and legal basis or segment): no page
	// shows them, so periods/KEY.json leaves them out (they were nine
	// tenths of its size).
	ByLegalBasis []Breakdown `json:"-"`
	// ByRequestType splits Figures by request type, where some row names
	// one (rows that name none are in no row of it).
	ByRequestType []Breakdown `json:"-"`
	// Corrected are the figures a correction changed, by measure, each
	// with the correction's ID (Report.MarkCorrected).
	Corrected map[string]string `json:"corrected,omitempty"`
	// BySegment splits Figures by customer segment, where some row of the
	// report names one: in taxonomy order, then (Key "") the requests of
	// rows that name none (addSegments).
	BySegment []Breakdown `json:"-"`
}

// PeriodDetail is everything about one period: data/report/periods/KEY.json.
type PeriodDetail struct {
	PeriodSummary
	Change   *Change  `json:"change"`
	Parent   string   `json:"parent"`
	Children []string `json:"children"`
	Teams    []string `json:"teams"`
	// NotCounted sums the legal bases that do not count toward the total
	// (preservation requests); NotCountedKeys are those legal bases.
	NotCounted     report.Figures `json:"not_counted"`
	NotCountedKeys []string       `json:"not_counted_keys"`
	// ByLegalBasis are the legal bases counted in the totals, most
	// requests first, then those that are not.
	ByLegalBasis []Breakdown `json:"by_legal_basis"`
	// LegalBasisKeys are the keys of ByLegalBasis in taxonomy order, for
	// the glossary.
	LegalBasisKeys []string `json:"legal_basis_keys"`
	// LeadingLegalBases are the legal bases counted in the totals that were
	// used most, at most Leading, for the chart's summary.
	LeadingLegalBases []Breakdown `json:"leading_legal_bases"`
	// LegalBasisChart: the legal bases have a chart. Not when the period's
	// only legal basis is the requests not broken down by one: one bar
	// would show nothing a reader can compare, and the summary says why.
	LegalBasisChart bool `json:"legal_basis_chart"`
	// LegalBasesUnsplit: no request of the period was broken down by
	// legal basis.
	LegalBasesUnsplit bool        `json:"legal_bases_unsplit"`
	LegalBasisColumns Columns     `json:"legal_basis_columns"`
	BySegment         []Breakdown `json:"by_segment"`
	SegmentColumns    Columns     `json:"segment_columns"`
	// ByRequestType are the figures by what the requests named, of the rows
	// that name it; empty when none does.
	ByRequestType      []Breakdown `json:"by_request_type"`
	RequestTypeColumns Columns     `json:"request_type_columns"`
	// Countries are every country with a row in the period, in rank order
	// (countries with only preservation requests last), then the
	// requesters that are not countries, by requests.
	Countries      []CountryFigures `json:"countries"`
	CountryColumns Columns          `json:"country_columns"`
	// RankedCount is how many countries made requests: the first
	// RankedCount of Countries (requesters that are not countries have no
	// rank). TopCount is how many of them the chart draws (at most
	// TopCountries) and LeadingCount how many its summary names (at most
	// Leading, and those tied with the last of them).
	RankedCount int `json:"ranked_count"`
	// Inexact are the countries, in the order of Countries, whose requests
	// counted in the totals were not published exactly (a range, or not
	// published), so that the total can say which figures make it a range
	// or a lower bound.
	Inexact          []InexactFigure         `json:"inexact"`
	TopCount         int                     `json:"top_count"`
	LeadingCount     int                     `json:"leading_count"`
	NationalSecurity []NationalSecurityEntry `json:"national_security"`
}

// InexactFigure is a country's figure that was not published exactly.
type InexactFigure struct {
	Code     string            `json:"code"`
	Names    map[string]string `json:"names"`
	Requests report.Count      `json:"requests"`
}

// CountryIndex is one country, or other requester, in the list of all
// countries.
type CountryIndex struct {
	Requester
	LatestRank  int            `json:"latest_rank"` // 0: no requests, or not a country
	Latest      report.Figures `json:"latest"`      // in Report.Latest
	AllRequests report.Count   `json:"all_requests"`
	FirstPeriod string         `json:"first_period"` // first source period with requests
}

// CountryDetail is everything about one country: data/report/countries/CC.json.
type CountryDetail struct {
	CountryIndex
	// LatestRankOf is how many countries are ranked in the latest period.
	LatestRankOf int `json:"latest_rank_of"`
	// Series holds one point per period of each kind, in order, including
	// periods with no requests.
	Series
	// LatestPoint is the point of Series in the latest period, split by
	// legal basis and request type.
	LatestPoint CountryPoint `json:"latest_point"`
	// LegalBasisTrend is the country's requests under each of LegalBases,
	// one row per period of the kind the teams report in (the points of
	// that kind of Series, which are not split: the legal bases of every
	// period of every kind were nine tenths of the file, and no page
	// showed them).
	LegalBasisTrend []LegalBasisRow `json:"legal_basis_trend,omitempty"`
	// LatestChange compares LatestPoint with the previous period of its
	// kind, as the home page compares the totals; nil when the latest
	// period has no previous one.
	LatestChange      *Change  `json:"latest_change"`
	LegalBasisColumns Columns  `json:"legal_basis_columns"` // of LatestPoint.ByLegalBasis
	LegalBases        []string `json:"legal_bases"`         // keys that appear for this country
	// RequestTypeColumns are the columns of LatestPoint.ByRequestType.
	RequestTypeColumns Columns `json:"request_type_columns"`
	// Abroad are the country's requests for data stored abroad, per
	// period, newest first (AbroadPeriod without countries).
	Abroad []AbroadPeriod `json:"abroad"`
	// Segments are the country's figures by customer segment, where some
	// row of the report names one (nil otherwise).
	Segments *Segments `json:"segments,omitempty"`
	// Cases are the court cases in the country, as Challenges.Cases lists
	// them (newest filed first), by their anchor on the page of court
	// challenges.
	Cases []CaseRef `json:"cases"`
}

// CountryPoint is a country's point of a period with its figures split:
// ByLegalBasis by legal basis (in taxonomy order; in a period where the
// country did not split its requests, the others not published), and
// ByRequestType by request type where some row names one.
type CountryPoint struct {
	SeriesPoint
	ByLegalBasis  []Breakdown `json:"by_legal_basis,omitempty"`
	ByRequestType []Breakdown `json:"by_request_type,omitempty"`
}

// LegalBasisRow is one period of a country's requests by legal basis:
// Requests holds one count for each of CountryDetail.LegalBases, in that
// order (0 under one the country did not use that period; not published
// where it did not split its requests). NoRequests: the country made no
// request at all that period, under any legal basis, and Requests is empty.
type LegalBasisRow struct {
	Period     string         `json:"period"`
	NoRequests bool           `json:"no_requests"`
	Requests   []report.Count `json:"requests,omitempty"`
}

// NationalSecurityEntry is one published band.
type NationalSecurityEntry struct {
	Period     string      `json:"period"`
	Start      string      `json:"start"`
	End        string      `json:"end"`
	Type       string      `json:"type"`
	ReportedIn string      `json:"reported_in"`
	Requests   report.Band `json:"requests"`
	Accounts   report.Band `json:"accounts"`
	Note       string      `json:"note"`
}

// Build computes the view of the table in the site's languages, langs;
// words are their translations, which name the periods.
func Build(t *report.Table, tax *taxonomy.Taxonomy, about report.About, langs []string, words map[string]*translations.Set) (*Report, error) {
	named := slices.Clone(t.Periods)
	for _, n := range t.NationalSecurity {
		named = append(named, n.Period, n.ReportedIn)
	}
	periodLabels, err := labels(named, words)
	if err != nil {
		return nil, err
	}
	g := group(t, tax)
	rep := &Report{
		About:             about,
		Languages:         langs,
		SourceKind:        t.SourceKind.String(),
		HasOutcomeCounts:  t.HasOutcomeCounts,
		HasPercentOnly:    t.HasPercentOnly,
		HasOutcomeGroups:  t.HasOutcomeGroups,
		HasRequestTypes:   t.HasRequestTypes,
		Labels:            periodLabels,
		Terms:             terms(tax, langs),
		PeriodsNewest:     map[string][]PeriodSummary{},
		Countries:         []CountryIndex{},
		PeriodDetails:     map[string]*PeriodDetail{},
		CountryDetails:    map[string]*CountryDetail{},
		LegalBasisDetails: map[string]*LegalBasisDetail{},
		OutcomeDetails:    map[string]*OutcomeDetail{},
	}
	for _, b := range tax.LegalBases {
		if g.basesSeen[b.Key] {
			rep.LegalBases = append(rep.LegalBases, b.Key)
		}
	}
	requesters, err := requestersOf(g.countries, langs, words)
	if err != nil {
		return nil, err
	}
	rep.NationalSecurity = nationalSecurity(t.NationalSecurity)
	rep.NationalSecurityNewest = newestBands(rep.NationalSecurity)
	rep.NationalSecurityNewestFirst = slices.Clone(rep.NationalSecurity)
	slices.SortStableFunc(rep.NationalSecurityNewestFirst, func(a, b NationalSecurityEntry) int { return cmp.Compare(b.End, a.End) })

	for _, p := range t.Periods {
		d := periodDetail(p, t, g.periods[p], tax, requesters)
		for _, n := range rep.NationalSecurity {
			if n.Period == d.Key {
				d.NationalSecurity = append(d.NationalSecurity, n)
			}
		}
		rep.PeriodDetails[d.Key] = d
	}
	for _, p := range t.Periods {
		d := rep.PeriodDetails[p.String()]
		if d.Previous != "" {
			prev := rep.PeriodDetails[d.Previous]
			prev.Next = d.Key
			d.Change = change(prev.Totals, d.Totals, d.Previous)
		}
		if p.Kind == t.SourceKind {
			rep.Latest = d.Key
		}
	}
	if latest, err := report.ParsePeriod(rep.Latest); err == nil && !about.IsDraft(latest) {
		rep.PeriodDetails[rep.Latest].Published = about.PublishedOn()
	}
	// Draft periods are here only in a preview build: each is marked, and
	// so is a longer period that adds one up.
	for _, p := range t.Periods {
		d := rep.PeriodDetails[p.String()]
		d.Draft = about.IsDraft(p) || slices.ContainsFunc(p.Children(), about.IsDraft)
		if d.Draft {
			rep.Drafts = append(rep.Drafts, d.Key)
		}
	}
	// Summaries are copied once every Next is known.
	for _, p := range t.Periods {
		d := rep.PeriodDetails[p.String()]
		rep.Periods = append(rep.Periods, d.PeriodSummary)
	}
	for _, p := range slices.Backward(rep.Periods) {
		rep.PeriodsNewest[p.Kind] = append(rep.PeriodsNewest[p.Kind], p)
	}
	byStart := slices.Clone(rep.Periods)
	slices.SortStableFunc(byStart, func(a, b PeriodSummary) int { return cmp.Compare(b.Start, a.Start) })
	for _, p := range byStart {
		rep.PeriodKeysNewest = append(rep.PeriodKeysNewest, p.Key)
	}
	rep.Trend = Series{}
	for _, p := range rep.Periods {
		rep.Trend.add(p.Kind, SeriesPoint{Period: p.Key, Start: p.Start, End: p.End, Figures: p.Totals})
	}
	rep.Trend.finish(tax)

	latest := rep.PeriodDetails[rep.Latest]
	for _, code := range g.countries {
		cd := countryDetail(requesters[code], rep, latest, tax)
		rep.CountryDetails[code] = cd
		rep.Countries = append(rep.Countries, cd.CountryIndex)
		if cd.IsCountry {
			rep.CountryCount++
		}
	}
	rep.CountriesByName = countriesByName(rep.Countries, langs)
	rep.NotCountryNames = map[string][]string{}
	for _, lang := range langs {
		rep.NotCountryNames[lang] = []string{}
		for _, code := range rep.CountriesByName[lang] {
			if r := requesters[code]; !r.IsCountry {
				rep.NotCountryNames[lang] = append(rep.NotCountryNames[lang], r.Names[lang])
			}
		}
	}
	addTopics(rep, tax)
	perCountry := map[string][]AbroadPeriod{}
	if rep.Abroad, perCountry, err = abroad(t, tax, rep, langs, words); err != nil {
		return nil, err
	}
	for code, d := range rep.CountryDetails {
		d.Abroad = orEmpty(perCountry[code], []AbroadPeriod{})
	}
	if rep.Abroad.Latest != "" {
		rep.AbroadLatest = &rep.Abroad.Periods[0].Total
	}
	addSegments(t, rep, tax)
	if rep.Challenges, err = challenges(t, rep, tax, words); err != nil {
		return nil, err
	}
	for code, d := range rep.CountryDetails {
		d.Cases = casesIn(rep.Challenges.Cases, code)
	}
	if rep.Notifications, err = notifications(t, rep, tax, words); err != nil {
		return nil, err
	}
	rep.LegalBasisColumns = columnsOf(rep.LegalBases, func(key string) report.Figures { return rep.LegalBasisDetails[key].Latest }, tax)
	return rep, nil
}

// periodCells are the cells of one period grouped the ways its page shows
// them.
type periodCells struct {
	total, notCounted report.Tally
	byBasis           map[string]*report.Tally
	bySegment         map[string]*report.Tally
	byRequestType     map[string]*report.Tally
	byCountry         map[string]*report.Tally // legal bases counted in totals only
	byCountryBasis    map[string]map[string]*report.Tally
	// byCountryRequestType is counted in totals only, like byCountry;
	// byCountryBasisType, for the downloads, is every cell by its request
	// type ("" for none), and only where some row names one.
	byCountryRequestType map[string]map[string]*report.Tally
	byCountryBasisType   map[countryBasis]map[string]*report.Tally
}

type countryBasis struct{ country, legalBasis string }

type groups struct {
	periods   map[report.Period]*periodCells
	basesSeen map[string]bool
	countries []string // every country with a cell, sorted
}

// group adds the table's cells up per period, legal basis, segment, request
// type and country.
func group(t *report.Table, tax *taxonomy.Taxonomy) groups {
	counts := map[string]bool{}
	for _, b := range tax.LegalBases {
		counts[b.Key] = b.CountsTowardTotal
	}
	g := groups{periods: map[report.Period]*periodCells{}, basesSeen: map[string]bool{}}
	for _, p := range t.Periods {
		g.periods[p] = &periodCells{byBasis: map[string]*report.Tally{}, bySegment: map[string]*report.Tally{}, byRequestType: map[string]*report.Tally{},
			byCountry: map[string]*report.Tally{}, byCountryBasis: map[string]map[string]*report.Tally{},
			byCountryRequestType: map[string]map[string]*report.Tally{}, byCountryBasisType: map[countryBasis]map[string]*report.Tally{}}
	}
	allCountries := map[string]bool{}
	for k, cell := range t.Cells {
		pc := g.periods[k.Period]
		g.basesSeen[k.LegalBasis] = true
		allCountries[k.Country] = true
		get(pc.byBasis, k.LegalBasis).Add(cell)
		if pc.byCountryBasis[k.Country] == nil {
			pc.byCountryBasis[k.Country] = map[string]*report.Tally{}
		}
		get(pc.byCountryBasis[k.Country], k.LegalBasis).Add(cell)
		if t.HasRequestTypes {
			get(nested(pc.byCountryBasisType, countryBasis{k.Country, k.LegalBasis}), k.RequestType).Add(cell)
		}
		if !counts[k.LegalBasis] {
			pc.notCounted.Add(cell)
			continue
		}
		pc.total.Add(cell)
		get(pc.byCountry, k.Country).Add(cell)
		if k.Segment != "" {
			get(pc.bySegment, k.Segment).Add(cell)
		}
		if k.RequestType != "" {
			get(pc.byRequestType, k.RequestType).Add(cell)
			get(nested(pc.byCountryRequestType, k.Country), k.RequestType).Add(cell)
		}
	}
	for c := range allCountries {
		g.countries = append(g.countries, c)
	}
	slices.Sort(g.countries)
	return g
}

// breakdowns are the figures of the entries that m has, in taxonomy order.
// CountsTowardTotal is a legal basis's own; other entries have false.
func breakdowns(m map[string]*report.Tally, entries []taxonomy.Entry, tax *taxonomy.Taxonomy) []Breakdown {
	out := []Breakdown{}
	for _, e := range entries {
		if t, ok := m[e.Key]; ok {
			out = append(out, Breakdown{Key: e.Key, CountsTowardTotal: e.CountsTowardTotal, Figures: t.Figures(tax)})
		}
	}
	return out
}

// legalBases are the figures of the legal bases that m has, in taxonomy
// order; those not counted in the totals have no outcomes (NoOutcomes).
func legalBases(m map[string]*report.Tally, tax *taxonomy.Taxonomy) []Breakdown {
	out := breakdowns(m, tax.LegalBases, tax)
	for i := range out {
		out[i].NoOutcomes = !out[i].CountsTowardTotal
	}
	return out
}

// requestTypeBreakdowns are a country's figures under each legal basis split
// by request type (Breakdown.ByRequestType); nil where no row names one.
func requestTypeBreakdowns(bases []Breakdown, code string, pc *periodCells, tax *taxonomy.Taxonomy) []Breakdown {
	if len(pc.byCountryBasisType) == 0 {
		return bases
	}
	for i, b := range bases {
		m := pc.byCountryBasisType[countryBasis{code, b.Key}]
		bases[i].ByRequestType = breakdowns(m, tax.RequestTypes, tax)
		if t, ok := m[""]; ok {
			bases[i].ByRequestType = append(bases[i].ByRequestType, Breakdown{Figures: t.Figures(tax)})
		}
	}
	return bases
}

// requestersOf names each code in each language: CLDR's name, or the
// site's own (translations.Set.CountryName).
func requestersOf(codes, langs []string, words map[string]*translations.Set) (map[string]Requester, error) {
	out := map[string]Requester{}
	for _, code := range codes {
		r := Requester{Code: code, Names: map[string]string{}, Kind: countries.KindOf(code).String(), IsCountry: countries.IsCountry(code)}
		for _, lang := range langs {
			tr := words[lang]
			if tr == nil {
				return nil, fmt.Errorf("no translations for language %q", lang)
			}
			name, err := tr.CountryName(code)
			if err != nil {
				return nil, fmt.Errorf("name %s: %w", code, err)
			}
			r.Names[lang] = name
		}
		out[code] = r
	}
	return out, nil
}

func periodDetail(p report.Period, t *report.Table, pc *periodCells, tax *taxonomy.Taxonomy, requesters map[string]Requester) *PeriodDetail {
	summary := PeriodSummary{
		Key: p.String(), Kind: p.Kind.String(), Year: p.Year, Index: p.Index,
		Start: p.Start(), End: p.End(), RolledUp: !t.Given[p],
		Totals: pc.total.Figures(tax),
	}
	if prev := p.Previous(); t.Teams[prev] != nil {
		summary.Previous = prev.String()
	}
	d := &PeriodDetail{
		PeriodSummary:    summary,
		Children:         []string{},
		Teams:            t.Teams[p],
		NotCounted:       pc.notCounted.Figures(tax),
		NotCountedKeys:   []string{},
		ByLegalBasis:     legalBases(pc.byBasis, tax),
		LegalBasisKeys:   []string{},
		BySegment:        breakdowns(pc.bySegment, tax.Segments, tax),
		ByRequestType:    breakdowns(pc.byRequestType, tax.RequestTypes, tax),
		Countries:        []CountryFigures{},
		NationalSecurity: []NationalSecurityEntry{},
	}
	if parent, ok := p.Parent(); ok && t.Teams[parent] != nil {
		d.Parent = parent.String()
	}
	for _, c := range p.Children() {
		if t.Teams[c] != nil {
			d.Children = append(d.Children, c.String())
		}
	}
	for _, b := range d.ByLegalBasis {
		d.LegalBasisKeys = append(d.LegalBasisKeys, b.Key)
		if !b.CountsTowardTotal {
			d.NotCountedKeys = append(d.NotCountedKeys, b.Key)
		}
	}
	// The chart and its table list the legal bases counted in the totals by
	// requests, most first (equals in taxonomy order), then, apart, those
	// that are not counted.
	slices.SortStableFunc(d.ByLegalBasis, func(a, b Breakdown) int {
		return cmp.Or(cmp.Compare(flag(b.CountsTowardTotal), flag(a.CountsTowardTotal)), byRequests(a.Figures, b.Figures))
	})
	d.LeadingLegalBases = leadingBases(d.ByLegalBasis)
	d.LegalBasesUnsplit = len(d.ByLegalBasis) > 0 && !slices.ContainsFunc(d.ByLegalBasis, func(b Breakdown) bool {
		e, _ := tax.LegalBasis(b.Key)
		return !e.Unsplit
	})
	d.LegalBasisChart = len(d.ByLegalBasis) > 0 && !d.LegalBasesUnsplit
	d.LegalBasisColumns = columnsOf(d.ByLegalBasis, func(b Breakdown) report.Figures { return b.Figures }, tax)
	d.SegmentColumns = columnsOf(d.BySegment, func(b Breakdown) report.Figures { return b.Figures }, tax)
	d.RequestTypeColumns = columnsOf(d.ByRequestType, func(b Breakdown) report.Figures { return b.Figures }, tax)

	for code, tally := range pc.byCountry {
		f := tally.Figures(tax)
		cf := CountryFigures{Requester: requesters[code], Figures: f, ByLegalBasis: requestTypeBreakdowns(legalBases(pc.byCountryBasis[code], tax), code, pc, tax)}
		if m := pc.byCountryRequestType[code]; m != nil {
			cf.ByRequestType = breakdowns(m, tax.RequestTypes, tax)
		}
		cf.SharePercent = sharePercent(f.Requests, summary.Totals.Requests)
		cf.ShareUnderTenth = underTenth(f.Requests, summary.Totals.Requests)
		d.Countries = append(d.Countries, cf)
	}
	// Countries with only preservation requests still get a row.
	for code, m := range pc.byCountryBasis {
		if pc.byCountry[code] == nil {
			d.Countries = append(d.Countries, CountryFigures{Requester: requesters[code], Figures: (&report.Tally{}).Figures(tax), ByLegalBasis: requestTypeBreakdowns(legalBases(m, tax), code, pc, tax)})
		}
	}
	slices.SortFunc(d.Countries, func(a, b CountryFigures) int {
		return cmp.Or(countriesFirst(a.Requester, b.Requester), byRequests(a.Figures, b.Figures), cmp.Compare(a.Code, b.Code))
	})
	for _, c := range d.Countries {
		if c.IsCountry && rankable(c.Figures.Requests) {
			d.RankedCount++
		}
	}
	ranks := competitionRanks(d.Countries[:d.RankedCount], func(c CountryFigures) report.Count { return c.Figures.Requests })
	for i, r := range ranks {
		d.Countries[i].Rank, d.Countries[i].Tied = r.rank, r.tied
	}
	d.Inexact = []InexactFigure{}
	for _, c := range d.Countries {
		if !c.Figures.Requests.IsExact() {
			d.Inexact = append(d.Inexact, InexactFigure{Code: c.Code, Names: c.Names, Requests: c.Figures.Requests})
		}
	}
	d.CountryColumns = columnsOf(d.Countries, func(c CountryFigures) report.Figures { return c.Figures }, tax)
	d.TopCount = min(TopCountries, d.RankedCount)
	// A summary that names the leading countries names every country
	// tied with the last of them, or it would leave out one with as many.
	d.LeadingCount = min(Leading, d.RankedCount)
	for d.LeadingCount > 0 && d.LeadingCount < d.RankedCount && d.Countries[d.LeadingCount].Rank == d.Countries[d.LeadingCount-1].Rank {
		d.LeadingCount++
	}
	return d
}

// countriesFirst orders countries before the requesters that are not
// countries.
func countriesFirst(a, b Requester) int {
	switch {
	case a.IsCountry == b.IsCountry:
		return 0
	case a.IsCountry:
		return -1
	}
	return 1
}

// countriesByName orders the countries by name as each language sorts
// (its CLDR collation), then the requesters that are not countries.
func countriesByName(all []CountryIndex, langs []string) map[string][]string {
	out := map[string][]string{}
	for _, lang := range langs {
		tag, err := language.Parse(lang)
		if err != nil {
			tag = language.English
		}
		coll := collate.New(tag)
		sorted := slices.Clone(all)
		slices.SortStableFunc(sorted, func(a, b CountryIndex) int {
			return cmp.Or(countriesFirst(a.Requester, b.Requester), coll.CompareString(a.Names[lang], b.Names[lang]))
		})
		codes := []string{}
		for _, c := range sorted {
			codes = append(codes, c.Code)
		}
		out[lang] = codes
	}
	return out
}

// Ranked are the countries that made requests, in rank order.
func (d *PeriodDetail) Ranked() []CountryFigures { return d.Countries[:d.RankedCount] }

// leadingBases are the legal bases counted in the totals with the most
// requests, at most Leading, ties in taxonomy order.
func leadingBases(rows []Breakdown) []Breakdown {
	var counted []Breakdown
	for _, b := range rows {
		if b.CountsTowardTotal && !b.Figures.Requests.IsZero() {
			counted = append(counted, b)
		}
	}
	slices.SortStableFunc(counted, func(a, b Breakdown) int { return byRequests(a.Figures, b.Figures) })
	return counted[:min(Leading, len(counted))]
}

func countryDetail(requester Requester, rep *Report, latest *PeriodDetail, tax *taxonomy.Taxonomy) *CountryDetail {
	empty := (&report.Tally{}).Figures(tax)
	code := requester.Code
	cd := &CountryDetail{LegalBases: []string{}}
	cd.Requester, cd.Latest = requester, empty
	if latest != nil {
		cd.LatestRankOf = latest.RankedCount
	}
	// The country's figures in each period, split (by period key: a
	// period's key is unique across kinds).
	split := map[string]CountryPoint{}
	seenBasis := map[string]bool{}
	for _, p := range rep.Periods {
		d := rep.PeriodDetails[p.Key]
		point := CountryPoint{SeriesPoint: SeriesPoint{Period: d.Key, Start: d.Start, End: d.End, NoRequests: true, Figures: empty}, ByLegalBasis: []Breakdown{}}
		for _, cf := range d.Countries {
			if cf.Code == code {
				point.Figures, point.ByLegalBasis, point.ByRequestType, point.Rank = cf.Figures, cf.ByLegalBasis, cf.ByRequestType, cf.Rank
				point.NoRequests = cf.Figures.Requests.IsZero()
				for _, b := range cf.ByLegalBasis {
					seenBasis[b.Key] = true
				}
			}
		}
		split[d.Key] = point
		cd.Series.add(d.Kind, point.SeriesPoint)
		if d.Kind == rep.SourceKind {
			cd.AllRequests.Add(point.Figures.Requests)
			if cd.FirstPeriod == "" && !point.NoRequests {
				cd.FirstPeriod = d.Key
			}
		}
		if d.Key == rep.Latest {
			cd.Latest, cd.LatestRank = point.Figures, point.Rank
		}
	}
	for _, b := range rep.LegalBases {
		if seenBasis[b] {
			cd.LegalBases = append(cd.LegalBases, b)
		}
	}
	// In a period where the country did not split its requests by legal
	// basis, its other legal bases are not published, not zero.
	for key, point := range split {
		if !unsplit(point.ByLegalBasis, tax) {
			continue
		}
		for _, basis := range cd.LegalBases {
			if e, _ := tax.LegalBasis(basis); !e.Unsplit && !slices.ContainsFunc(point.ByLegalBasis, func(b Breakdown) bool { return b.Key == basis }) {
				f := (&report.Tally{}).Figures(tax)
				f.Requests, f.Accounts = report.NotPublished(), report.NotPublished()
				point.ByLegalBasis = append(point.ByLegalBasis, Breakdown{Key: basis, CountsTowardTotal: e.CountsTowardTotal, NoOutcomes: !e.CountsTowardTotal, Figures: f})
			}
		}
		slices.SortStableFunc(point.ByLegalBasis, func(a, b Breakdown) int {
			return cmp.Compare(slices.Index(rep.LegalBases, a.Key), slices.Index(rep.LegalBases, b.Key))
		})
		split[key] = point
	}
	cd.LatestPoint = split[rep.Latest]
	if len(cd.LegalBases) > 0 {
		for _, p := range cd.Series.Points[rep.SourceKind] {
			point := split[p.Period]
			row := LegalBasisRow{Period: p.Period, NoRequests: point.NoRequests && len(point.ByLegalBasis) == 0}
			if !row.NoRequests {
				row.Requests = make([]report.Count, len(cd.LegalBases))
				for i, basis := range cd.LegalBases {
					if j := slices.IndexFunc(point.ByLegalBasis, func(b Breakdown) bool { return b.Key == basis }); j >= 0 {
						row.Requests[i] = point.ByLegalBasis[j].Figures.Requests
					}
				}
			}
			cd.LegalBasisTrend = append(cd.LegalBasisTrend, row)
		}
	}
	if latest != nil && latest.Previous != "" {
		for _, point := range cd.Series.Points[latest.Kind] {
			if point.Period == latest.Previous {
				cd.LatestChange = change(point.Figures, cd.Latest, latest.Previous)
			}
		}
	}
	cd.Series.finish(tax)
	cd.LegalBasisColumns = columnsOf(cd.LatestPoint.ByLegalBasis, func(b Breakdown) report.Figures { return b.Figures }, tax)
	cd.RequestTypeColumns = columnsOf(cd.LatestPoint.ByRequestType, func(b Breakdown) report.Figures { return b.Figures }, tax)
	return cd
}

// nationalSecurity lists the bands in the table's order.
func nationalSecurity(rows []report.NationalSecurityRow) []NationalSecurityEntry {
	out := []NationalSecurityEntry{}
	for _, n := range rows {
		out = append(out, NationalSecurityEntry{
			Period: n.Period.String(), Start: n.Period.Start(), End: n.Period.End(), Type: n.Type,
			ReportedIn: n.ReportedIn.String(), Requests: n.Requests, Accounts: n.Accounts, Note: n.Note,
		})
	}
	return out
}

// newestBands are the bands of the period that ends last; of periods that
// end on the same day, the first listed (the longest).
func newestBands(all []NationalSecurityEntry) []NationalSecurityEntry {
	out := []NationalSecurityEntry{}
	if len(all) == 0 {
		return out
	}
	newest := all[0]
	for _, n := range all {
		if n.End > newest.End {
			newest = n
		}
	}
	for _, n := range all {
		if n.Period == newest.Period {
			out = append(out, n)
		}
	}
	return out
}

func change(prev, cur report.Figures, prevKey string) *Change {
	c := &Change{Previous: prevKey, Requests: difference(prev.Requests, cur.Requests), Accounts: difference(prev.Accounts, cur.Accounts)}
	if c.Requests != nil {
		c.RequestsPercent = sharePercent(report.Exactly(*c.Requests), prev.Requests)
	}
	if c.Accounts != nil {
		c.AccountsPercent = sharePercent(report.Exactly(*c.Accounts), prev.Accounts)
	}
	if prev.DisclosedPercent != nil && cur.DisclosedPercent != nil {
		v := report.Round1(*cur.DisclosedPercent - *prev.DisclosedPercent)
		c.DisclosedPoints = &v
	}
	c.Shown = map[string]Delta{}
	for name, v := range map[string]*int64{"requests": c.Requests, "accounts": c.Accounts} {
		if v != nil {
			c.Shown[name] = deltaOf(float64(*v))
		}
	}
	for name, v := range map[string]*float64{"requests_percent": c.RequestsPercent, "accounts_percent": c.AccountsPercent, "disclosed_points": c.DisclosedPoints} {
		if v != nil {
			c.Shown[name] = deltaOf(*v)
		}
	}
	return c
}

// nested is the map under k, made when it is missing.
func nested[K comparable](m map[K]map[string]*report.Tally, k K) map[string]*report.Tally {
	if m[k] == nil {
		m[k] = map[string]*report.Tally{}
	}
	return m[k]
}

func get(m map[string]*report.Tally, k string) *report.Tally {
	if m[k] == nil {
		m[k] = &report.Tally{}
	}
	return m[k]
}
