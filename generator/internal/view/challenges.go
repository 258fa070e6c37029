package view

import (
	"cmp"
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// Challenges is the page of court challenges: data/report/challenges.json.
type Challenges struct {
	// Cases are every case as it stands (report.Table.Challenges), newest
	// filed first.
	Cases []Case `json:"cases"`
	// Statuses and Countries are the filter's choices: the statuses that
	// some case has, in taxonomy order, and the courts' countries, by
	// English name.
	Statuses  []string    `json:"statuses"`
	Countries []Requester `json:"countries"`
	// Contested are the requests contested in court (the Requests sheet's
	// optional count) per period of the kind the sources are given in,
	// newest first, with the countries that reported some; empty when no
	// row reported the count.
	Contested []ContestedPeriod `json:"contested"`
}

// Case is one court case as a page shows it.
type Case struct {
	// ID is its permanent anchor (report.Challenge.ID).
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Court      string       `json:"court"`
	Country    Requester    `json:"country"`
	LegalBasis string       `json:"legal_basis"`
	Status     string       `json:"status"`
	Decided    bool         `json:"decided"`
	Filed      string       `json:"filed"`
	DecidedOn  string       `json:"decided_on"`
	Summary    string       `json:"summary"`
	Link       string       `json:"link"`
	Requests   report.Count `json:"requests"`
	Accounts   report.Count `json:"accounts"`
	// ReportedIn is the period of the workbook that last listed it.
	ReportedIn string `json:"reported_in"`
}

// CaseRef is a court case as a country page lists it: a link to its
// anchor on the page of court challenges.
type CaseRef struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Filed  string `json:"filed"`
}

// casesIn are the cases of cases whose court is in country code, in order.
func casesIn(cases []Case, code string) []CaseRef {
	refs := []CaseRef{}
	for _, c := range cases {
		if c.Country.Code == code {
			refs = append(refs, CaseRef{ID: c.ID, Name: c.Name, Status: c.Status, Filed: c.Filed})
		}
	}
	return refs
}

// ContestedPeriod is one period's requests contested in court.
type ContestedPeriod struct {
	Period    string             `json:"period"`
	Total     int64              `json:"total"`
	Countries []ContestedCountry `json:"countries"`
}

// ContestedCountry is one country's requests contested in a period.
type ContestedCountry struct {
	Requester
	Contested int64 `json:"contested"`
}

// challenges is the view of the table's court cases and contested counts.
func challenges(t *report.Table, rep *Report, tax *taxonomy.Taxonomy, words map[string]*translations.Set) (Challenges, error) {
	out := Challenges{Cases: []Case{}, Statuses: []string{}, Countries: []Requester{}, Contested: []ContestedPeriod{}}
	var codes []string
	for _, c := range t.Challenges {
		codes = append(codes, c.Country)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	requesters, err := requestersOf(codes, rep.Languages, words)
	if err != nil {
		return out, err
	}
	statuses := map[string]bool{}
	for _, c := range t.Challenges {
		status, _ := tax.ChallengeStatus(c.Status)
		out.Cases = append(out.Cases, Case{
			ID: c.ID(), Name: c.Name, Court: c.Court, Country: requesters[c.Country], LegalBasis: c.LegalBasis,
			Status: c.Status, Decided: status.Decided, Filed: c.Filed, DecidedOn: c.Decided, Summary: c.Summary, Link: c.Link,
			Requests: c.Requests, Accounts: c.Accounts, ReportedIn: c.Period.String(),
		})
		statuses[c.Status] = true
	}
	for _, s := range tax.ChallengeStatuses {
		if statuses[s.Key] {
			out.Statuses = append(out.Statuses, s.Key)
		}
	}
	for _, code := range codes {
		out.Countries = append(out.Countries, requesters[code])
	}
	slices.SortStableFunc(out.Countries, func(a, b Requester) int { return cmp.Compare(a.Names["en"], b.Names["en"]) })

	for _, p := range rep.PeriodsNewest[rep.SourceKind] {
		d := rep.PeriodDetails[p.Key]
		if d.Totals.Contested == nil {
			continue
		}
		cp := ContestedPeriod{Period: p.Key, Total: *d.Totals.Contested, Countries: []ContestedCountry{}}
		for _, c := range d.Countries {
			if c.Figures.Contested != nil && *c.Figures.Contested > 0 {
				cp.Countries = append(cp.Countries, ContestedCountry{Requester: c.Requester, Contested: *c.Figures.Contested})
			}
		}
		slices.SortStableFunc(cp.Countries, func(a, b ContestedCountry) int {
			return cmp.Or(cmp.Compare(b.Contested, a.Contested), cmp.Compare(a.Code, b.Code))
		})
		out.Contested = append(out.Contested, cp)
	}
	return out, nil
}
