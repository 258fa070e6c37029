package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestDataStoredAbroadEndToEnd fills workbooks for a half-year in which
// France's warrants sought data stored in Ireland and were mostly refused
// and challenged, runs the generator and Hugo, and finds the workbook's
// figures on the page of requests for data stored abroad, on France's
// page, on the home page and in the CSV.
func TestDataStoredAbroadEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	h1 := testhelp.MustPeriod(t, "2026-H1")
	outcomes := func(c, n, d, r int64) map[string]report.Count {
		return report.ExactCounts(map[string]int64{"content": c, "non_content": n, "no_data": d, "rejected": r})
	}
	contested := func(n int64) *int64 { return &n }
	sources := []report.Source{{Period: h1, Team: "legal", Rows: []report.Row{
		{Period: h1, Country: "FR", LegalBasis: "search_warrant", Storage: "another_country", StoredIn: "IE",
			Requests: report.Exactly(1234), Accounts: report.Exactly(1301), Outcomes: outcomes(0, 23, 10, 1201), Contested: contested(977)},
		{Period: h1, Country: "FR", LegalBasis: "search_warrant", Storage: "requesting_country",
			Requests: report.Exactly(4000), Accounts: report.Exactly(4100), Outcomes: outcomes(2000, 1000, 500, 500)},
		{Period: h1, Country: "BR", LegalBasis: "mlat", Storage: "another_country", StoredIn: "US",
			Requests: report.Exactly(67), Accounts: report.Exactly(70), Outcomes: outcomes(20, 10, 0, 37)},
		{Period: h1, Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(900), Accounts: report.Exactly(950), Outcomes: outcomes(0, 800, 50, 50)},
	}}}
	site := buildSite(t, sources)

	for path, want := range map[string][]string{
		// 1234 + 67 requests for data stored abroad; France's refused
		// (1,201) and challenged (977).
		"data-stored-abroad": {"1,301 requests sought data stored outside the requesting country", "France", "Brazil", "Ireland", "United States",
			"1,234", "1,201", "977", "67", "Through a treaty (MLAT)", "Directly", "2013", "CLOUD Act", "2023/1543"},
		"countries/fr": {"Requests for data stored abroad", "1,234 requests sought data stored outside the requesting country", "Ireland", "1,201", "977"},
		"countries/de": {"No source says that a request from Germany sought data stored outside it."},
		"":             {"Requests for data stored abroad, H1 2026", "1,301"},
	} {
		html := page(t, site, path)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("/%s does not show %q", path, w)
			}
		}
	}
	if html := page(t, site, "data-stored-abroad"); strings.Contains(html, "Germany") {
		t.Error("/data-stored-abroad/ shows Germany, whose rows do not say where the data was stored")
	}
	if _, err := os.Stat(filepath.Join(site, "generated", "charts", "en", "abroad-2026-H1.svg")); err != nil {
		t.Errorf("no matrix chart: %v", err)
	}

	got := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(testhelp.NewestDownloads(t, site), "data-stored-abroad.csv")) {
		got[r["period"]+" "+r["country_code"]+" "+r["stored_in"]+" "+r["route"]] = r["requests"] + " " + r["outcome_rejected"] + " " + r["contested"]
	}
	want := map[string]string{"2026-H1 FR IE direct": "1234 1201 977", "2026-H1 BR US mlat": "67 37 "}
	if len(got) != len(want) {
		t.Errorf("data-stored-abroad.csv has %d rows, want %d: %v", len(got), len(want), got)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("data-stored-abroad.csv %s: requests, rejected, contested %q, want %q", k, got[k], w)
		}
	}
}
