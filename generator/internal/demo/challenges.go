package demo

import (
	"cmp"
	"math"
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
)

// demoCase is one of the fictitious court cases of Lumen Mail: the team
// that lists it from the quarter it was filed in, and where it stands at
// the end of each quarter.
type demoCase struct {
	team      string
	challenge report.Challenge
	decided   string // the day decided, "" for a case still pending
	decision  string // the status it was decided with
}

// cases are invented, as are the courts' names; the links lead nowhere real.
var cases = []demoCase{
	{"americas", report.Challenge{
		Name: "In re Search Warrant for a Lumen Mail Account", Court: "Federal Court of Appeals, Second District", Country: "US", LegalBasis: "search_warrant",
		Filed: "2024-05-06", Summary: "A warrant ordered us to hand over the mail of a customer whose mailbox is stored in our data centre in Ireland. We refused and asked the court to quash it: the mail belongs to the customer, and a warrant cannot reach data stored abroad; the government must ask Ireland under the treaty.",
		Requests: report.Exactly(1), Accounts: report.Exactly(1),
	}, "2025-11-20", "won"},
	{"emea", report.Challenge{
		Name: "Lumen Mail v. Public Prosecutor", Court: "Court of Appeal of Westhaven", Country: "FR", LegalBasis: "search_warrant",
		Filed: "2024-10-15", Summary: "A demand for the content of two accounts without a judge's order. The prosecutor withdrew it after we appealed.",
		Requests: report.Exactly(2), Accounts: report.Exactly(2),
	}, "2025-01-20", "withdrawn"},
	{"emea", report.Challenge{
		Name: "In re Production Order 2025/114", Court: "Regional Court of Eastmark", Country: "DE", LegalBasis: "court_order",
		Filed: "2025-02-10", Summary: "An order for the metadata of every account that wrote to one address over a year. We agreed with the authority to narrow it to three named accounts over one month.",
		Requests: report.Exactly(1), Accounts: report.Exactly(3),
	}, "2025-06-30", "settled"},
	{"americas", report.Challenge{
		Name: "Lumen Mail v. State Police of Serra Alta", Court: "Superior Court of Justice", Country: "BR", LegalBasis: "court_order",
		Filed: "2025-09-01", Summary: "Orders to store Brazilian customers' mail in Brazil and hand it over within 24 hours. The court upheld the orders; we have appealed.",
		Requests: report.Exactly(12), Accounts: report.Exactly(40),
	}, "2026-03-12", "lost"},
	{"apac", report.Challenge{
		Name: "Lumen Mail v. Cyber Crime Unit", Court: "High Court of Northfield", Country: "IN", LegalBasis: "other",
		Filed: "2026-02-03", Summary: "Notices to disclose the accounts behind a newsletter critical of a public body. We say that they do not meet the standard the law sets.",
		Requests: report.Exactly(40), Accounts: report.NotPublished(),
	}, "", ""},
}

// challenges are the cases that team lists in its workbook for quarter p:
// those filed by the end of p, pending or decided as they stood then.
func challenges(p report.Period, team string) []report.Challenge {
	var out []report.Challenge
	for _, c := range cases {
		if c.team != team || c.challenge.Filed > p.End() {
			continue
		}
		ch := c.challenge
		ch.Period, ch.Team = p, team
		ch.Status = "pending"
		ch.Link = "https://lumen-mail.example/transparency/cases/" + ch.ID()
		if c.decided != "" && c.decided <= p.End() {
			ch.Status, ch.Decided = c.decision, c.decided
		}
		out = append(out, ch)
	}
	return out
}

// notifications are what became of the notice owed to users, for a
// team's two countries with the most requests, under every legal basis
// taken together; for the United States, by legal basis. The shares are
// fixed so that the figures do not draw on the random numbers of the
// requests, which stay as they were.
func notifications(team Team, p report.Period, growth float64) []report.NotificationRow {
	// The two with the most requests (none of the teams' ties).
	codes := sortedCodes(team.Countries)
	slices.SortStableFunc(codes, func(a, b string) int { return cmp.Compare(team.Countries[b], team.Countries[a]) })
	of := func(typical, part float64) report.Count { return report.Exactly(int64(math.Round(typical * part))) }
	row := func(code, basis string, typical float64) report.NotificationRow {
		notified := of(typical, 0.3)
		delayed, _ := notified.Value()
		return report.NotificationRow{Period: p, Team: team.Name, Country: code, LegalBasis: basis, Measures: map[string]report.Count{
			"gag_order": of(typical, 0.08), "notified": notified,
			"delayed_notice": report.Exactly(int64(math.Round(float64(delayed) * 0.15))), "emergency_no_notice": of(typical, 0.02),
		}}
	}
	var out []report.NotificationRow
	for _, code := range codes[:2] {
		typical := float64(team.Countries[code]) * growth
		if code == "US" {
			for _, b := range usBases {
				if b.basis != "preservation" {
					out = append(out, row(code, b.basis, typical*b.part))
				}
			}
			continue
		}
		out = append(out, row(code, "not_broken_down", typical))
	}
	return out
}
