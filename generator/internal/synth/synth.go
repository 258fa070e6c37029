// Package synth makes the sources of a big synthetic provider, for the
// benchmarks (make bench): every quarter of a number of years, a number of
// teams each reporting every country and every legal basis the taxonomy
// allows there, with outcomes. It is not a demo: the figures are random,
// shaped only so that every country's and every period's pages are full.
// The same scale and seed always give the same sources.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Scale is the size of a synthetic report.
type Scale struct {
	Years int    // quarters: 4 a year, ending with Last
	Teams int    // workbooks per quarter
	Seed  uint64 // the random figures' seed
}

// Last is the last quarter of every synthetic report.
var Last = report.Period{Year: 2026, Kind: report.Quarter, Index: 3}

// Periods are the scale's quarters, oldest first, ending with Last.
func (s Scale) Periods() []report.Period {
	n := 4 * s.Years
	out := make([]report.Period, n)
	p := Last
	for i := n - 1; i >= 0; i-- {
		out[i] = p
		p = p.Previous()
	}
	return out
}

// About is the report.toml of a synthetic report: its company, and a
// publication date 30 days after its last quarter.
func (s Scale) About() []byte {
	end, _ := time.Parse(time.DateOnly, Last.End())
	published := end.AddDate(0, 0, 30).Format(time.DateOnly)
	return fmt.Appendf(nil, "company = %q\npublished = %s\n", "Synthetic Provider", published)
}

// Sources makes every team's workbook content for every quarter: every
// country (countries.All) with every legal basis of the taxonomy that
// applies in any period (a basis with applies_from is left out), each row with accounts and
// its four outcomes adding up to its requests.
func Sources(s Scale, tax *taxonomy.Taxonomy) []report.Source {
	rng := rand.New(rand.NewPCG(s.Seed, 2026))
	codes := countries.All()
	bases := everywhereBases(tax)
	var out []report.Source
	for _, p := range s.Periods() {
		for t := range s.Teams {
			src := report.Source{Period: p, Team: fmt.Sprintf("team-%02d", t+1)}
			for i, code := range codes {
				// A few countries make most requests, as in real reports.
				typical := 2 + 4000/(1+i*i/8)
				for _, basis := range bases {
					n := int64(rng.IntN(typical + 1))
					content := n * int64(rng.IntN(30)) / 100
					nonContent := (n - content) * int64(rng.IntN(60)) / 100
					noData := (n - content - nonContent) * int64(rng.IntN(50)) / 100
					src.Rows = append(src.Rows, report.Row{
						Period: p, Team: src.Team, Country: code, LegalBasis: basis,
						Requests: report.Exactly(n), Accounts: report.Exactly(n + n*int64(rng.IntN(40))/100),
						Outcomes: report.ExactCounts(map[string]int64{
							"content": content, "non_content": nonContent, "no_data": noData,
							"rejected": n - content - nonContent - noData,
						}),
					})
				}
			}
			out = append(out, src)
		}
	}
	return out
}

// everywhereBases are the taxonomy's legal bases that apply in any period.
func everywhereBases(tax *taxonomy.Taxonomy) []string {
	var out []string
	for _, b := range tax.LegalBases {
		if b.AppliesFrom == "" {
			out = append(out, b.Key)
		}
	}
	return out
}
