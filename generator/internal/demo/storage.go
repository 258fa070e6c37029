package demo

import (
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// dataCentres are where Lumen Mail stores its users' mail: a row's data
// stored abroad is in the first of them, counting from one the row picks,
// that is not the requesting country.
var dataCentres = []string{"IE", "US", "SG"}

// byStorage says where the data a row's requests sought was stored: the
// requests it counted as for data stored abroad (Extraterritorial) become
// a row of their own, for data stored in one of the data centres, which
// gets the most refusals and challenges; the others were for data stored
// in the requesting country. Every figure of the row is kept, only split
// in two, and no random number is drawn, so the demo's other figures stay
// as they were. A row that counted none keeps its storage not known.
func byStorage(r report.Row) []report.Row {
	if r.Extraterritorial == nil {
		return []report.Row{r}
	}
	abroad := *r.Extraterritorial
	home := r
	home.Storage, home.Extraterritorial = "requesting_country", nil
	if abroad == 0 {
		return []report.Row{home}
	}
	requests, _ := r.Requests.Value()
	accounts, _ := r.Accounts.Value()
	outcome := func(key string) int64 { v, _ := r.Outcomes[key].Value(); return v }

	// Refused first, up to half of them; the rest in proportion to the
	// row's other outcomes, what rounding leaves over to the first that can
	// take it.
	split := map[string]int64{"rejected": min(outcome("rejected"), (abroad+1)/2)}
	left := abroad - split["rejected"]
	others := []string{"content", "non_content", "no_data"}
	var pool int64
	for _, key := range others {
		pool += outcome(key)
	}
	for _, key := range others {
		split[key] = min(outcome(key), left*outcome(key)/max(pool, 1))
	}
	for _, key := range slices.Concat([]string{"rejected"}, others) {
		rest := abroad - split["rejected"] - split["content"] - split["non_content"] - split["no_data"]
		split[key] += min(outcome(key)-split[key], rest)
	}

	away := r
	away.Storage, away.Extraterritorial = taxonomy.AnotherCountry, nil
	away.StoredIn = dataCentre(r)
	away.Requests, away.Accounts = report.Exactly(abroad), report.Exactly(abroad)
	home.Requests, home.Accounts = report.Exactly(requests-abroad), report.Exactly(accounts-abroad)
	away.Outcomes, home.Outcomes = map[string]report.Count{}, map[string]report.Count{}
	for key := range r.Outcomes {
		away.Outcomes[key] = report.Exactly(split[key])
		home.Outcomes[key] = report.Exactly(outcome(key) - split[key])
	}
	if r.Contested != nil {
		contestedAway := min(*r.Contested, split["rejected"])
		contestedHome := *r.Contested - contestedAway
		away.Contested, home.Contested = &contestedAway, &contestedHome
	}
	return []report.Row{home, away}
}

// dataCentre is where a row's data stored abroad was: a data centre that
// is not in the requesting country, picked from the row's own figures.
func dataCentre(r report.Row) string {
	requests, _ := r.Requests.Value()
	for i := range dataCentres {
		if dc := dataCentres[(int(requests)+len(r.LegalBasis)+i)%len(dataCentres)]; dc != r.Country {
			return dc
		}
	}
	return ""
}
