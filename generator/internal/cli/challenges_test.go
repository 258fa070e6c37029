package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestChallengesAndNotificationsEndToEnd writes the workbooks of a
// half-year in which Germany's search warrants sought mail stored abroad and
// were refused, with a court case about them on the Challenges sheet and
// the notice given to users on the Notifications sheet; runs the generator
// and Hugo; and finds the case, the contested counts and the figures of
// telling users on their pages and in the release's CSV files.
func TestChallengesAndNotificationsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	q1, _ := report.ParsePeriod("2026-Q1")
	q2, _ := report.ParsePeriod("2026-Q2")
	contested := int64(12)
	refused := report.ExactCounts(map[string]int64{"content": 0, "non_content": 0, "no_data": 0, "rejected": 12})
	won := report.Challenge{
		Name: "Lumen Mail v. Public Prosecutor of Eastmark", Court: "Regional Court of Eastmark", Country: "DE", LegalBasis: "search_warrant",
		Filed: "2026-02-03", Status: "pending", Summary: "Warrants for mail stored in Ireland.", Link: "https://lumen-mail.example/cases/eastmark",
		Requests: report.Exactly(12), Accounts: report.Exactly(15),
	}
	decided := won
	decided.Status, decided.Decided = "won", "2026-05-20"
	notified := map[string]report.Count{"gag_order": report.Exactly(41), "notified": report.Exactly(1723), "delayed_notice": report.Exactly(5), "emergency_no_notice": report.NotPublished()}
	sources := []report.Source{
		{Period: q1, Team: "emea",
			Rows:          []report.Row{{Period: q1, Country: "DE", LegalBasis: "search_warrant", Requests: report.Exactly(12), Accounts: report.Exactly(15), Outcomes: refused, Contested: &contested}},
			Challenges:    []report.Challenge{won},
			Notifications: []report.NotificationRow{{Period: q1, Country: "ZZ", LegalBasis: "not_broken_down", Measures: notified}},
		},
		{Period: q2, Team: "emea",
			Rows:       []report.Row{{Period: q2, Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(3), Accounts: report.Exactly(3)}},
			Challenges: []report.Challenge{decided},
			Notifications: []report.NotificationRow{{Period: q2, Country: "DE", LegalBasis: "search_warrant",
				Measures: map[string]report.Count{"gag_order": report.Exactly(7), "notified": report.NotPublished(), "delayed_notice": report.NotPublished(), "emergency_no_notice": report.Exactly(2)}}},
		},
	}
	site := buildSite(t, sources)
	const id = "de-2026-02-03-lumen-mail-v-public-prosecutor-of-eastmark"
	for path, want := range map[string][]string{
		// The case as the newest workbook says: won, with the day.
		"court-challenges": {`id="` + id + `"`, `href="#` + id + `"`, "Lumen Mail v. Public Prosecutor of Eastmark", "Regional Court of Eastmark",
			`data-status="won"`, `data-country="DE"`, "20 May 2026", "3 February 2026", `href="https://lumen-mail.example/cases/eastmark"`, "Warrants for mail stored in Ireland.",
			"Requests contested in court", ">12<", "data-case-filter hidden"},
		"telling-users": {"Our policy, in plain words", "1,723", ">41<", ">7<", "Q1 2026", "Q2 2026", "chart-notifications-quarter", "Germany"},
	} {
		html := page(t, site, path)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("/%s/ does not show %q", path, w)
			}
		}
	}
	// The case's name, court and summary are the company's words, in
	// English: marked as such on the pages of other languages, with a note
	// that says so in the page's language; unmarked in English.
	pageShows(t, site, []pageCheck{
		{"fr/court-challenges", []string{`<p lang="en-GB" dir="ltr">Warrants for mail stored in Ireland.</p>`, `<dd lang="en-GB" dir="ltr">Regional Court of Eastmark</dd>`,
			`<span lang="en-GB" dir="ltr">Lumen Mail v. Public Prosecutor of Eastmark</span>`, "que dans la langue d’origine du rapport"}, nil},
		{"ar/countries/de", []string{`lang="en-GB" dir="ltr">Lumen Mail v. Public Prosecutor of Eastmark</a>`, "إلا بلغة التقرير الأصلية"}, nil},
		{"court-challenges", []string{"<p>Warrants for mail stored in Ireland.</p>"}, []string{`dir="ltr">Warrants`, `dir="ltr">Lumen Mail v.`, "original language"}},
		{"countries/de", []string{">Lumen Mail v. Public Prosecutor of Eastmark</a>"}, []string{`dir="ltr">Lumen Mail v.`, "original language"}},
	})
	if html := page(t, site, "court-challenges"); strings.Contains(html, `data-status="pending"`) {
		t.Error("/court-challenges/ lists the case as pending, as the older workbook did")
	}
	// 2026-H1 adds up both quarters' notices: 41 + 7 requests with a gag order.
	latest := testhelp.NewestDownloads(t, site)
	for file, want := range map[string][]string{
		"challenges.csv": {id + ",Lumen Mail v. Public Prosecutor of Eastmark,Regional Court of Eastmark,DE,DEU,Germany,search_warrant,Search warrant,2026-02-03,won,Won,2026-05-20,Warrants for mail stored in Ireland.,https://lumen-mail.example/cases/eastmark,12,15,2026-Q2"},
		"notifications.csv": {
			"2026-Q1,quarter,2026-01-01,2026-03-31,ZZ,ZZZ,Worldwide / not by country,not_broken_down,Not broken down,notified,Users notified,1723",
			"2026-Q1,quarter,2026-01-01,2026-03-31,ZZ,ZZZ,Worldwide / not by country,not_broken_down,Not broken down,emergency_no_notice,No notice: emergency,",
			"2026-Q2,quarter,2026-04-01,2026-06-30,DE,DEU,Germany,search_warrant,Search warrant,gag_order,Requests with a non-disclosure order,7",
			"2026-H1,half,2026-01-01,2026-06-30,DE,DEU,Germany,search_warrant,Search warrant,emergency_no_notice,No notice: emergency,2",
		},
	} {
		raw, err := os.ReadFile(filepath.Join(latest, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(raw), w+"\n") {
				t.Errorf("%s has no row %q:\n%s", file, w, raw)
			}
		}
	}
	sums, err := os.ReadFile(filepath.Join(latest, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"challenges.csv", "notifications.csv"} {
		if !strings.Contains(string(sums), file) {
			t.Errorf("SHA256SUMS does not list %s", file)
		}
	}
	if codebook := page(t, site, "codebook"); !strings.Contains(codebook, "case_id") || !strings.Contains(codebook, "emergency_no_notice") {
		t.Error("/codebook/ does not describe the tables of cases and of telling users")
	}
}
