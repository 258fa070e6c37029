package report

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckChallenges(t *testing.T) {
	tax := loadTaxonomy(t)
	cols := ChallengeColumns{Name: 1, Court: 2, Country: 3, LegalBasis: 4, Filed: 5, Status: 6, Decided: 7, Summary: 8, Link: 9, Requests: 10, Accounts: 11}
	challenge := func(file string, n int, p Period, name, status, filed, decided string) Challenge {
		return Challenge{
			Where: Location{File: file, Sheet: "Challenges", Row: n}, Cols: cols, Period: p, Team: "EMEA",
			Name: name, Court: "Regional Court", Country: "DE", LegalBasis: "search_warrant",
			Filed: filed, Status: status, Decided: decided, Requests: Exactly(1), Accounts: NotPublished(),
		}
	}
	const file, other = "sources/2026-Q3/emea.xlsx", "sources/2026-Q3/legal.xlsx"
	summary := challenge(file, 2, q(2026, 3), "A v. B", "pending", "2026-01-02", "")
	summary.Summary = "\u202eniw"
	imported := challenge("github.csv", 2, q(2026, 3), "A v. B", "won", "2026-01-02", "")
	imported.Cols = ChallengeColumns{}
	for _, tt := range []struct {
		name       string
		challenges []Challenge
		want       []string
	}{
		{"decided with its day", []Challenge{challenge(file, 2, q(2026, 3), "A v. B", "won", "2026-01-02", "2026-07-01")}, nil},
		{"pending without one", []Challenge{challenge(file, 2, q(2026, 3), "A v. B", "pending", "2026-01-02", "")}, nil},
		{"decided without its day", []Challenge{challenge(file, 4, q(2026, 3), "A v. B", "won", "2026-01-02", "")},
			[]string{`sources/2026-Q3/emea.xlsx: Challenges!F4: "won" needs a date decided in column G`}},
		{"an import has no column to name", []Challenge{imported},
			[]string{`github.csv: Challenges!2:2: "won" needs a date decided`}},
		{"pending with a day decided", []Challenge{challenge(file, 2, q(2026, 3), "A v. B", "pending", "2026-01-02", "2026-02-03")},
			[]string{`sources/2026-Q3/emea.xlsx: Challenges!G2: a pending case has no date decided yet: leave it blank, or give the status it was decided with`}},
		{"decided before filed", []Challenge{challenge(file, 2, q(2026, 3), "A v. B", "lost", "2026-01-02", "2025-12-31")},
			[]string{`sources/2026-Q3/emea.xlsx: Challenges!G2: date decided 2025-12-31 is before the date filed, 2026-01-02`}},
		{"after the period", []Challenge{challenge(file, 2, q(2026, 3), "A v. B", "settled", "2026-10-01", "2026-10-02")},
			[]string{
				`sources/2026-Q3/emea.xlsx: Challenges!E2: date filed 2026-10-01 is after the end of the period 2026-Q3 (2026-09-30): list the case as it stood then`,
				`sources/2026-Q3/emea.xlsx: Challenges!G2: date decided 2026-10-02 is after the end of the period 2026-Q3 (2026-09-30): list the case as it stood then`,
			}},
		{"twice in a period, across teams", []Challenge{
			challenge(file, 2, q(2026, 3), "A v. B", "pending", "2026-01-02", ""),
			challenge(other, 5, q(2026, 3), "A  v B", "pending", "2026-01-02", ""),
		}, []string{`sources/2026-Q3/legal.xlsx: Challenges!A5: same case as sources/2026-Q3/emea.xlsx row 2 (DE, filed 2026-01-02, "A  v B"): list a case once in a period`}},
		{"once per period as it goes on", []Challenge{
			challenge("sources/2026-Q2/emea.xlsx", 2, q(2026, 2), "A v. B", "pending", "2026-01-02", ""),
			challenge(file, 2, q(2026, 3), "A v. B", "won", "2026-01-02", "2026-08-01"),
		}, nil},
		{"a summary with a bidirectional control", []Challenge{summary},
			[]string{`sources/2026-Q3/emea.xlsx: Challenges!H2: summary holds the invisible bidirectional control character U+202E at character 1, which can change how the text beside it reads: remove it`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var sources []Source
			for _, c := range tt.challenges {
				sources = append(sources, Source{File: c.Where.File, Period: c.Period, Team: c.Where.File, Challenges: []Challenge{c}})
			}
			var got []string
			probs := Check(sources, tax)
			for _, p := range probs.Sorted() {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckNotifications(t *testing.T) {
	tax := loadTaxonomy(t)
	cols := NotificationColumns{Country: 1, LegalBasis: 2, Note: 7, Measures: map[string]int{"gag_order": 3, "notified": 4, "delayed_notice": 5, "emergency_no_notice": 6}}
	row := func(n int, country string, notified, delayed Count) NotificationRow {
		return NotificationRow{
			Where: Location{File: "sources/2026-Q3/emea.xlsx", Sheet: "Notifications", Row: n}, Cols: cols, Period: q(2026, 3), Team: "EMEA",
			Country: country, LegalBasis: "not_broken_down",
			Measures: map[string]Count{"gag_order": NotPublished(), "notified": notified, "delayed_notice": delayed, "emergency_no_notice": NotPublished()},
		}
	}
	for _, tt := range []struct {
		name string
		rows []NotificationRow
		want []string
	}{
		{"late notice within the notified", []NotificationRow{row(2, "ZZ", Exactly(5), Exactly(5))}, nil},
		{"notified not published", []NotificationRow{row(2, "ZZ", NotPublished(), Exactly(5))}, nil},
		{"a range that may hold them", []NotificationRow{row(2, "ZZ", Between(0, 9), Exactly(5))}, nil},
		{"more late than notified", []NotificationRow{row(3, "ZZ", Exactly(2), Exactly(5))},
			[]string{`sources/2026-Q3/emea.xlsx: Notifications!E3: 5 users notified late is more than the 2 users notified: notice given late is a part of them`}},
		{"a country twice", []NotificationRow{row(2, "DE", Exactly(1), Exactly(0)), row(4, "DE", Exactly(1), Exactly(0))},
			[]string{`sources/2026-Q3/emea.xlsx: Notifications!A4: same period, country and legal basis as row 2 (DE, Not broken down)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := Source{File: "sources/2026-Q3/emea.xlsx", Period: q(2026, 3), Team: "EMEA", Notifications: tt.rows}
			var got []string
			probs := Check([]Source{src}, tax)
			for _, p := range probs.Sorted() {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct{ text, want, err string }{
		{"2026-03-14", "2026-03-14", ""},
		{" 2026-03-14 ", "2026-03-14", ""},
		{"2026-02-30", "", `"2026-02-30" is not a date such as 2026-03-14 (year, month, day)`},
		{"14/03/2026", "", `"14/03/2026" is not a date such as 2026-03-14 (year, month, day)`},
		{"2026-3-14", "", `"2026-3-14" is not a date such as 2026-03-14 (year, month, day)`},
		{"46095", "", `"46095" is not a date such as 2026-03-14 (year, month, day)`},
	} {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseDate(tt.text)
			if msg := errText(err); got != tt.want || msg != tt.err {
				t.Errorf("ParseDate(%q) = %q, %q; want %q, %q", tt.text, got, msg, tt.want, tt.err)
			}
		})
	}
}

func TestParseLink(t *testing.T) {
	for _, tt := range []struct{ text, want, err string }{
		{"https://lumen-mail.example/cases/1", "https://lumen-mail.example/cases/1", ""},
		{"HTTPS://lumen-mail.example/", "HTTPS://lumen-mail.example/", ""},
		{"http://lumen-mail.example/", "", `"http://lumen-mail.example/" is not an https: address: give the public address of the documents, starting with https://`},
		{"javascript:alert(1)", "", `"javascript:alert(1)" is not an https: or http: address`},
		{"https://x@lumen-mail.example/", "", `"https://x@lumen-mail.example/" holds a user name before the host, which hides where it leads`},
		{"https://lumen mail.example/", "", `"https://lumen mail.example/" holds ' ', which an address cannot: percent-encode it`},
	} {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseLink(tt.text)
			if msg := errText(err); got != tt.want || msg != tt.err {
				t.Errorf("ParseLink(%q) = %q, %q; want %q, %q", tt.text, got, msg, tt.want, tt.err)
			}
		})
	}
}

func TestChallengeID(t *testing.T) {
	for _, tt := range []struct{ country, filed, name, want string }{
		{"DE", "2025-03-14", "Lumen Mail v. Public Prosecutor", "de-2025-03-14-lumen-mail-v-public-prosecutor"},
		{"FR", "2025-01-02", "  Société Lumen — « Procureur »  ", "fr-2025-01-02-societe-lumen-procureur"},
		{"JP", "2025-01-02", "東京地方裁判所 2025", "jp-2025-01-02-東京地方裁判所-2025"},
		{"US", "2025-01-02", strings.Repeat("a", 100), "us-2025-01-02-" + strings.Repeat("a", maxSlug)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := Challenge{Country: tt.country, Filed: tt.filed, Name: tt.name}
			if got := c.ID(); got != tt.want {
				t.Errorf("ID() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLatestChallenges(t *testing.T) {
	c := func(p Period, name, status, filed string) Challenge {
		return Challenge{Period: p, Name: name, Country: "DE", Status: status, Filed: filed}
	}
	sources := []Source{
		{Period: q(2026, 3), Challenges: []Challenge{c(q(2026, 3), "A v. B", "won", "2026-01-02")}},
		{Period: q(2026, 2), Challenges: []Challenge{c(q(2026, 2), "A v. B", "pending", "2026-01-02"), c(q(2026, 2), "C v. D", "pending", "2026-04-01")}},
	}
	var got []string
	for _, ch := range latestChallenges(sources) {
		got = append(got, ch.ID()+" "+ch.Status)
	}
	want := []string{"de-2026-04-01-c-v-d pending", "de-2026-01-02-a-v-b won"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("latest (-want +got):\n%s", diff)
	}
}

func TestAggregateNotifications(t *testing.T) {
	tax := loadTaxonomy(t)
	row := func(p Period, notified int64) NotificationRow {
		return NotificationRow{Period: p, Country: "ZZ", LegalBasis: "not_broken_down", Measures: map[string]Count{"notified": Exactly(notified), "gag_order": NotPublished()}}
	}
	var sources []Source
	for i := 1; i <= 4; i++ {
		src := Source{Period: q(2025, i), Team: "EMEA"}
		if i != 4 { // the last quarter gives no notification figures
			src.Notifications = []NotificationRow{row(q(2025, i), int64(i))}
		}
		sources = append(sources, src)
	}
	table := Aggregate(sources, tax)
	key := func(p Period) NotificationKey { return NotificationKey{p, "ZZ", "not_broken_down"} }
	if got, exact := table.Notifications[key(h(2025, 1))]["notified"].Value(); !exact || got != 3 {
		t.Errorf("2025-H1 notified = %v, want 3", got)
	}
	if got := table.Notifications[key(h(2025, 1))]["gag_order"]; got.Published() {
		t.Errorf("2025-H1 gag orders = %v, want not published", got)
	}
	if _, ok := table.Notifications[key(h(2025, 2))]; ok {
		t.Errorf("2025-H2 has notification figures, though 2025-Q4 gave none")
	}
	if _, ok := table.Notifications[key(Period{Year: 2025, Kind: Year})]; ok {
		t.Errorf("2025 has notification figures, though 2025-Q4 gave none")
	}
}
