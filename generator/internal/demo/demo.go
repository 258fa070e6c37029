// Package demo makes the sources of a fictitious company, Lumen Mail, so
// that a newcomer's first build shows a full site. The figures are invented
// but shaped like real reports: a few countries make most requests, the
// United States uses every kind of process, and national-security bands
// arrive six months late. It publishes a few court cases, one of them
// about mail stored abroad, and what became of the notice owed to users.
// The same seed always gives the same sources.
package demo

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
)

// Team is one reporting team and the countries it handles, each with a
// typical number of requests per quarter.
type Team struct {
	Name      string
	Countries map[string]int
}

// Teams are the demo company's three regional legal teams: 62 countries.
var Teams = []Team{
	{"americas", map[string]int{
		"US": 5200, "BR": 1400, "MX": 310, "AR": 240, "CA": 190, "CO": 120, "CL": 95,
		"PE": 40, "EC": 18, "UY": 12, "CR": 9, "PA": 7, "GT": 5, "DO": 4, "JM": 2, "TT": 2,
	}},
	{"emea", map[string]int{
		"DE": 2100, "FR": 1900, "GB": 1700, "IT": 650, "ES": 610, "PL": 330, "NL": 240,
		"TR": 260, "BE": 140, "CH": 110, "AT": 90, "SE": 85, "PT": 80, "IE": 60, "CZ": 55,
		"HU": 45, "GR": 40, "RO": 38, "DK": 35, "FI": 30, "NO": 28, "IL": 120, "ZA": 45,
		"AE": 26, "SA": 15, "EG": 12, "NG": 10, "KE": 8, "MA": 6, "UA": 22, "LT": 9,
		"EE": 7, "LU": 6, "MT": 4, "XK": 3, "RS": 11, "HR": 8, "SI": 5,
	}},
	{"apac", map[string]int{
		"IN": 2600, "AU": 720, "JP": 330, "KR": 260, "SG": 230, "TW": 210, "HK": 90,
		"ID": 85, "PH": 55, "MY": 50, "TH": 40, "NZ": 38, "VN": 12, "PK": 20, "BD": 9,
		"LK": 6, "FJ": 2,
	}},
}

// Periods are the quarters the demo covers: 2024-Q1 to 2026-Q3.
func Periods() []report.Period {
	var out []report.Period
	for y := 2024; y <= 2026; y++ {
		for q := 1; q <= 4; q++ {
			if y == 2026 && q == 4 {
				break
			}
			out = append(out, report.Period{Year: y, Kind: report.Quarter, Index: q})
		}
	}
	return out
}

// basis shares of a country's requests; the US uses more kinds of process.
var (
	usBases = []share{
		{"subpoena", 0.34}, {"court_order", 0.18}, {"search_warrant", 0.27},
		{"interception", 0.02}, {"emergency", 0.11}, {"preservation", 0.21},
	}
	bigBases = []share{
		{"court_order", 0.30}, {"search_warrant", 0.20}, {"other", 0.32},
		{"emergency", 0.12}, {"mlat", 0.06}, {"preservation", 0.15},
	}
	smallBases = []share{{"not_broken_down", 1.0}}
	cloudAct   = map[string]bool{"GB": true, "AU": true}
)

type share struct {
	basis string
	part  float64
}

// Sources makes every team's workbook content for every demo quarter.
func Sources() []report.Source {
	rng := rand.New(rand.NewPCG(2026, 11))
	var out []report.Source
	periods := Periods()
	for i, p := range periods {
		growth := 1 + 0.025*float64(i) // requests grow a little each quarter
		for _, team := range Teams {
			src := report.Source{Period: p, Team: team.Name}
			for _, code := range sortedCodes(team.Countries) {
				typical := float64(team.Countries[code]) * growth
				bases := bigBases
				switch {
				case code == "US":
					bases = usBases
				case typical < 20:
					bases = smallBases
				}
				for _, b := range bases {
					n := int64(math.Round(typical * b.part * (0.8 + 0.4*rng.Float64())))
					if typical < 5 && rng.IntN(3) == 0 {
						n = 0 // small countries make no requests in some quarters
					}
					if n == 0 {
						continue
					}
					src.Rows = append(src.Rows, byStorage(row(rng, p, team.Name, code, b.basis, "consumer", n))...)
				}
				if cloudAct[code] && p.Compare(report.Period{Year: 2025, Kind: report.Quarter, Index: 1}) >= 0 {
					src.Rows = append(src.Rows, byStorage(row(rng, p, team.Name, code, "cloud_act", "consumer", int64(5+rng.IntN(20))))...)
				}
				if typical > 500 {
					src.Rows = append(src.Rows, byStorage(row(rng, p, team.Name, code, "search_warrant", "enterprise", int64(typical*0.01)+int64(rng.IntN(8))))...)
				}
			}
			if team.Name == "americas" && (p.Index == 1 || p.Index == 3) {
				src.NationalSecurity = nationalSecurity(p)
			}
			src.Challenges = challenges(p, team.Name)
			src.Notifications = notifications(team, p, growth)
			out = append(out, src)
		}
	}
	return out
}

func row(rng *rand.Rand, p report.Period, team, code, basis, segment string, requests int64) report.Row {
	r := report.Row{
		Period: p, Team: team, Country: code, LegalBasis: basis, Segment: segment,
		Requests: report.Exactly(requests),
		Accounts: report.Exactly(requests + int64(float64(requests)*0.6*rng.Float64())),
	}
	if basis == "preservation" {
		r.Outcomes = report.ExactCounts(map[string]int64{"content": 0, "non_content": 0, "no_data": 0, "rejected": 0})
		return r
	}
	// Split requests over outcomes: warrants disclose content most often;
	// emergency and subpoena requests only non-content data.
	contentShare := 0.0
	switch basis {
	case "search_warrant", "interception", "mlat", "cloud_act":
		contentShare = 0.45 + 0.2*rng.Float64()
	case "not_broken_down", "other", "court_order":
		contentShare = 0.05 + 0.1*rng.Float64()
	}
	content := int64(float64(requests) * contentShare)
	nonContent := int64(float64(requests-content) * (0.55 + 0.25*rng.Float64()))
	noData := int64(float64(requests-content-nonContent) * (0.3 + 0.4*rng.Float64()))
	rejected := requests - content - nonContent - noData
	r.Outcomes = report.ExactCounts(map[string]int64{"content": content, "non_content": nonContent, "no_data": noData, "rejected": rejected})
	if basis != "emergency" && requests >= 10 {
		v := int64(float64(requests) * 0.04 * rng.Float64())
		r.Extraterritorial = &v
		c := int64(float64(rejected) * 0.1 * rng.Float64())
		r.Contested = &c
	}
	if code == "XK" {
		r.Note = "Kosovo is reported under the code XK, as CLDR does."
	}
	return r
}

// nationalSecurity gives the bands that the workbook of quarter p
// publishes. US law lets bands out only after a delay, so the first quarter
// of a year reports the first half of the year before, and the third quarter
// its second half.
func nationalSecurity(p report.Period) []report.NationalSecurityRow {
	covered := report.Period{Year: p.Year - 1, Kind: report.Half, Index: 1}
	if p.Index == 3 {
		covered.Index = 2
	}
	step := int64(covered.Year-2023)*2 + int64(covered.Index)
	band := func(low, width int64) report.Band { return report.BandOf(low, low+width-1) }
	return []report.NationalSecurityRow{
		{ReportedIn: p, Period: covered, Type: "fisa_content", Requests: band(0, 500), Accounts: band(11000+step*500, 500)},
		{ReportedIn: p, Period: covered, Type: "fisa_non_content", Requests: band(0, 500), Accounts: band(1000+step*500, 500)},
		{ReportedIn: p, Period: covered, Type: "nsl", Requests: band(0, 500), Accounts: band(500, 500)},
	}
}

func sortedCodes(m map[string]int) []string {
	// A fixed order keeps the random draws, and so the figures, reproducible.
	return slices.Sorted(maps.Keys(m))
}
