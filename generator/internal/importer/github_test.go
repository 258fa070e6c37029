package importer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/view"
)

// GitHub's transparency data, shared beside the project like Google's.
const (
	githubDir            = "../../../../shared/real-data/github/requests_to_disclose_user_information"
	githubMapping        = "../../../examples/mappings/github.toml"
	githubHalvesMapping  = "../../../examples/mappings/github-half-years.toml"
	githubRequestsByYear = "requests_received_and_disclosed.csv"
	githubRequestsByHalf = "by_calendar_year_half/requests_received_and_disclosed_by_calendar_year_half.csv"
)

// githubProcess is GitHub's kind of process onto the taxonomy, written out
// again so that the test checks the mapping rather than trusting it.
var githubProcess = map[string]string{
	"criminal or government agency subpoena": "subpoena",
	"criminal court order":                   "court_order",
	"criminal search warrant":                "search_warrant",
	"civil subpoena":                         "other",
	"cross-border request":                   "mlat",
	"exigent circumstances":                  "emergency",
}

// importGitHub imports the files of dir matching globs with the mapping
// and builds the report from the workbooks written, as `build` does.
func importGitHub(t *testing.T, mapping string, globs ...string) *view.Report {
	t.Helper()
	var files []string
	for _, g := range globs {
		matched, _ := filepath.Glob(filepath.Join(githubDir, g))
		files = append(files, matched...)
	}
	if len(files) == 0 {
		testhelp.NoRealData(t, githubDir)
	}
	rep, _ := importAndView(t, mapping, files)
	var decoded view.Report
	jsonRoundTrip(t, rep, &decoded) // the figures as the site's JSON holds them
	decoded.Abroad = &view.Abroad{}
	jsonRoundTrip(t, rep.Abroad, decoded.Abroad)
	decoded.PeriodDetails = map[string]*view.PeriodDetail{}
	for key, d := range rep.PeriodDetails {
		var p view.PeriodDetail
		jsonRoundTrip(t, d, &p)
		// A country's breakdowns are not in the JSON (no page shows them):
		// they are the rows of the downloads, from the view.
		for i := range p.Countries {
			c := d.Countries[i]
			p.Countries[i].ByLegalBasis, p.Countries[i].BySegment, p.Countries[i].ByRequestType = c.ByLegalBasis, c.BySegment, c.ByRequestType
		}
		decoded.PeriodDetails[key] = &p
	}
	return &decoded
}

// githubFigures are one kind of process in one period: requests, and the
// requests where some data was disclosed, as report.Count writes them.
type githubFigures struct{ requests, disclosed string }

// TestGitHub imports GitHub's yearly files with the shipped mapping and
// finds every row of its requests file, and every year's total, in the
// site's JSON: worldwide (ZZ, never ranked), with the requests where some
// data was disclosed as GitHub counts them, the four outcomes and the
// accounts not published, and 2021's count of disclosures, which is larger
// than the requests, not published either.
func TestGitHub(t *testing.T) {
	rep := importGitHub(t, githubMapping, "*.csv", "by_calendar_year_half/*.csv")
	checkGitHub(t, rep, readCSV(t, filepath.Join(githubDir, githubRequestsByYear)), func(row map[string]string) string { return row["year"] })
	for _, year := range []string{"2021", "2022", "2023", "2024", "2025"} {
		if rep.PeriodDetails[year] == nil {
			t.Errorf("no period %s", year)
		}
	}
	if got := rep.PeriodDetails["2021"].Totals.DisclosedPercent; got != nil {
		t.Errorf("2021 share disclosed = %v, want none: GitHub's 2021 count of disclosures is not one of requests", *got)
	}
	// 2022: (244 + 77 + 1 + 22 + 6) ÷ 411.
	if got := rep.PeriodDetails["2022"].Totals.DisclosedPercent; got == nil || *got != 85.2 {
		t.Errorf("2022 share disclosed = %v, want 85.2 (350 of 411)", got)
	}
}

// TestGitHubHalfYears imports the half-year files with the other shipped
// mapping: every row is found, and 2023, the one year whose two halves
// GitHub published, adds up to GitHub's yearly figures for it.
func TestGitHubHalfYears(t *testing.T) {
	rep := importGitHub(t, githubHalvesMapping, "by_calendar_year_half/*.csv")
	checkGitHub(t, rep, readCSV(t, filepath.Join(githubDir, githubRequestsByHalf)), func(row map[string]string) string { return row["year"] + "-H" + row["half"] })
	var yearly []map[string]string
	for _, row := range readCSV(t, filepath.Join(githubDir, githubRequestsByYear)) {
		if row["year"] == "2023" {
			yearly = append(yearly, row)
		}
	}
	if len(yearly) == 0 {
		t.Fatal("GitHub's yearly file has no 2023")
	}
	checkGitHub(t, rep, yearly, func(row map[string]string) string { return row["year"] })
	if rep.PeriodDetails["2024"] != nil {
		t.Error("2024 is rolled up, but GitHub's half-year file has no 2024-H2")
	}
}

// checkGitHub finds each row of one of GitHub's requests files in the
// report's period of the row, and the period totals.
func checkGitHub(t *testing.T, rep *view.Report, rows []map[string]string, period func(map[string]string) string) {
	t.Helper()
	totals := map[string]*report.Count{}
	for i, row := range rows {
		key := period(row)
		basis, ok := githubProcess[strings.TrimSpace(row["type"])]
		if !ok {
			t.Fatalf("row %d: kind of process %q unknown to the test", i+2, row["type"])
		}
		want := githubFigures{requests: row["count_requests_received"], disclosed: row["count_disclosed"]}
		if key == "2021" {
			want.disclosed = "not published"
		}
		d := rep.PeriodDetails[key]
		if d == nil {
			t.Fatalf("row %d: no period %s", i+2, key)
		}
		if totals[key] == nil {
			totals[key] = &report.Count{}
		}
		totals[key].Add(report.Exactly(number(t, row["count_requests_received"])))
		var got *view.Breakdown
		for _, c := range d.Countries {
			if c.Code != "ZZ" {
				// By country, GitHub publishes only its cross-border
				// requests (TestGitHubCrossBorder).
				for _, b := range c.ByLegalBasis {
					if b.Key != "cross_border_by_government" {
						t.Errorf("%s: a requester %s under %s; GitHub publishes no country but for cross-border requests", key, c.Code, b.Key)
					}
				}
				continue
			}
			for j := range c.ByLegalBasis {
				if c.ByLegalBasis[j].Key == basis {
					got = &c.ByLegalBasis[j]
				}
			}
		}
		if got == nil {
			t.Errorf("row %d (%s, %s): not in the report", i+2, key, row["type"])
			continue
		}
		f := got.Figures
		if g := (githubFigures{requests: f.Requests.String(), disclosed: f.Outcomes["some_data_disclosed"].String()}); g != want {
			t.Errorf("row %d (%s, %s): report %+v, GitHub %+v", i+2, key, row["type"], g, want)
		}
		for _, o := range []string{"content", "non_content", "no_data", "rejected"} {
			if f.Outcomes[o].Published() {
				t.Errorf("row %d (%s, %s): %s = %v, which GitHub does not publish", i+2, key, row["type"], o, f.Outcomes[o])
			}
		}
		if f.Accounts.Published() {
			t.Errorf("row %d (%s, %s): accounts %v, which GitHub does not publish by kind of process", i+2, key, row["type"], f.Accounts)
		}
	}
	for key, want := range totals {
		d := rep.PeriodDetails[key]
		if got := d.Totals.Requests.String(); got != want.String() {
			t.Errorf("%s total = %s, GitHub's rows add up to %v", key, got, want)
		}
		if d.RankedCount != 0 {
			t.Errorf("%s: %d countries ranked; worldwide figures have no rank", key, d.RankedCount)
		}
	}
}
