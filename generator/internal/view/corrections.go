package view

import (
	"cmp"
	"slices"
	"strings"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// CorrectionsFile is the data file of the corrections, relative to
// data/report/; it is written only when there are corrections, so a report
// without any has no corrections page.
const CorrectionsFile = "corrections.json"

// Correction is a published figure restated, as the corrections page and
// the pages of the figure's period and country show it.
type Correction struct {
	// ID is the correction's anchor on the corrections page, which the
	// figures it changed link to.
	ID          string `json:"id"`
	Date        string `json:"date"`
	Period      string `json:"period"`
	Country     string `json:"country"`
	LegalBasis  string `json:"legal_basis"`
	RequestType string `json:"request_type,omitempty"`
	Measure     string `json:"measure"`
	// Term names an outcome measure (outcome_KEY): the taxonomy group
	// (outcomes or outcome_groups) and key of func/term; empty for
	// requests, accounts and the others, which the i18n files name.
	Term *TermRef `json:"term,omitempty"`
	// Names are the country's names by language, for country-link.
	Names map[string]string `json:"names"`
	// Before and After are the figure as published and as corrected;
	// Removed: the figure's row was withdrawn, and After is not used.
	Before  report.Count `json:"before"`
	After   report.Count `json:"after"`
	Removed bool         `json:"removed"`
	Reason  string       `json:"reason"`
}

// TermRef is an entry of the taxonomy, as func/term takes it.
type TermRef struct {
	Group string `json:"group"`
	Key   string `json:"key"`
}

// Corrections are the corrections file's entries for the site: every one,
// newest first, and those of each period and each country.
type Corrections struct {
	All       []Correction            `json:"all"`
	ByPeriod  map[string][]Correction `json:"by_period"`
	ByCountry map[string][]Correction `json:"by_country"`
	// Latest is the date of the newest, for the notes under the pages'
	// figures.
	Latest string `json:"latest"`
}

// NewCorrections makes the site's corrections from the file's entries,
// which package release checks against the figures.
func NewCorrections(entries []report.Correction, rep *Report, tax *taxonomy.Taxonomy) (Corrections, error) {
	out := Corrections{ByPeriod: map[string][]Correction{}, ByCountry: map[string][]Correction{}}
	for _, e := range entries {
		c := Correction{Date: e.Date, Period: e.Period, Country: e.Country, LegalBasis: e.LegalBasis,
			RequestType: e.RequestType, Measure: e.Measure, Reason: e.Reason, Names: map[string]string{}}
		c.ID = correctionID(c)
		if key, ok := strings.CutPrefix(e.Measure, "outcome_"); ok {
			if _, leaf := tax.Outcome(key); leaf {
				c.Term = &TermRef{Group: "outcomes", Key: key}
			} else {
				c.Term = &TermRef{Group: "outcome_groups", Key: key}
			}
		}
		for _, lang := range rep.Languages {
			c.Names[lang] = countries.Name(e.Country, lang)
			if d, ok := rep.CountryDetails[e.Country]; ok && d.Names[lang] != "" {
				c.Names[lang] = d.Names[lang]
			}
		}
		var err error
		if c.Before, c.After, c.Removed, err = e.Counts(); err != nil {
			return Corrections{}, err
		}
		out.All = append(out.All, c)
	}
	// Newest first; the same day's in the order of the figures.
	slices.SortStableFunc(out.All, func(a, b Correction) int {
		return cmp.Or(strings.Compare(b.Date, a.Date), strings.Compare(a.Period, b.Period), strings.Compare(a.Country, b.Country),
			strings.Compare(a.LegalBasis, b.LegalBasis), strings.Compare(a.RequestType, b.RequestType), strings.Compare(a.Measure, b.Measure))
	})
	for _, c := range out.All {
		out.ByPeriod[c.Period] = append(out.ByPeriod[c.Period], c)
		out.ByCountry[c.Country] = append(out.ByCountry[c.Country], c)
	}
	if len(out.All) > 0 {
		out.Latest = out.All[0].Date
	}
	return out, nil
}

// correctionID names a correction by its figure and its day, which no two
// entries share.
func correctionID(c Correction) string {
	parts := []string{"corrected", c.Period, c.Country, c.LegalBasis, c.RequestType, c.Measure, c.Date}
	return strings.ToLower(strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), "-"))
}

// MarkCorrected marks, on the pages of their periods and countries, the
// figures that r.Corrections changed: a country's row of a period's table
// and a period's row of a country's tables, in the period corrected and in
// every period that adds it up (its half-year and year). Each mark names
// the measure's column (requests, accounts, outcome_KEY) and links to the
// correction, the newest where several changed the same figure.
func (r *Report) MarkCorrected() {
	mark := func(marks *map[string]string, c Correction) {
		if *marks == nil {
			*marks = map[string]string{}
		}
		if _, ok := (*marks)[c.Measure]; !ok {
			(*marks)[c.Measure] = c.ID
		}
	}
	for _, c := range r.Corrections.All { // newest first
		for _, period := range periodsAddingUp(c.Period) {
			if d, ok := r.PeriodDetails[period]; ok {
				for i := range d.Countries {
					if d.Countries[i].Code == c.Country {
						mark(&d.Countries[i].Corrected, c)
					}
				}
			}
			if d, ok := r.CountryDetails[c.Country]; ok {
				for _, points := range d.Series.Points {
					for i := range points {
						if points[i].Period == period {
							mark(&points[i].Corrected, c)
						}
					}
				}
			}
		}
	}
}

// periodsAddingUp are the keys of a period and of every longer period that
// adds it up.
func periodsAddingUp(key string) []string {
	p, err := report.ParsePeriod(key)
	if err != nil {
		return []string{key}
	}
	keys := []string{p.String()}
	for parent, ok := p.Parent(); ok; parent, ok = parent.Parent() {
		keys = append(keys, parent.String())
	}
	return keys
}

// addCorrections writes the corrections file, when there are corrections.
func addCorrections(t output.Tree, c Corrections) error {
	if len(c.All) == 0 {
		return nil
	}
	return t.AddJSON(CorrectionsFile, c)
}
