package cli

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/testhelp"
)

// githubCrossBorder is GitHub's published file of requests from governments
// outside the US, which reached it through the US Justice Department (an
// MLAT or similar): data stored in the US, sought from abroad.
const githubCrossBorder = "github/requests_to_disclose_user_information/by_calendar_year_half/cross_border_data_requests_by_calendar_year_half.csv"

// TestNewUserStoredAbroadScenario is the check, done as a new user
// does it: a blank template for a half-year from the template command,
// filled in cell by cell in the words of its headers and drop-downs, then
// validate, build, Hugo and verify. The half-year holds
//   - the figures GitHub actually published for its latest half-year of
//     requests for data stored in the US from governments abroad, typed in
//     as requests through a treaty for data stored in another country, the
//     United States, with no outcome (GitHub published none);
//   - Germany's search warrants for mail stored in Ireland, all refused and
//     contested, beside its warrants for data stored in Germany;
//   - the court case about those warrants, on the Challenges sheet.
//
// Every figure must come out of data-stored-abroad.csv and challenges.csv as
// it was typed, the outcomes GitHub did not publish blank (not zero), and
// the pages of data stored abroad, of court challenges, of Germany and the
// home page must show them.
func TestNewUserStoredAbroadScenario(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	published, half := latestGitHubCrossBorder(t)
	period := fmt.Sprintf("%d-H%d", half[0], half[1])

	site := t.TempDir()
	copySite(t, site)
	sources := filepath.Join(site, "sources")
	file := filepath.Join(sources, period, "legal.xlsx")
	if _, stderr, err := run(t, "template", "-quarter", period, "-o", file, "-taxonomy", taxonomyPath); err != nil {
		t.Fatalf("template: %v\n%s", err, stderr)
	}

	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	requests := sheetWriter{t: t, f: f, sheet: "Requests"}
	requests.readHeaders()
	row := 2
	var githubTotal int64
	for _, p := range published {
		requests.set(row, map[string]any{"Country": p.code, "Legal basis": "Diplomatic request (MLAT)", "Requests": p.count, "Accounts": "not published",
			"Data stored": "In another country", "Stored in": "US", "Note": "GitHub, cross-border requests through the DOJ"})
		githubTotal += p.count
		row++
	}
	requests.set(row, map[string]any{"Country": "DE", "Legal basis": "Search warrant", "Requests": 12, "Accounts": 15,
		"Content disclosed": 0, "Only non-content data disclosed": 0, "No data found": 0, "Rejected or challenged": 12,
		"Contested in court": 12, "Data stored": "In another country", "Stored in": "IE"})
	requests.set(row+1, map[string]any{"Country": "DE", "Legal basis": "Search warrant", "Requests": 40, "Accounts": 44,
		"Content disclosed": 20, "Only non-content data disclosed": 10, "No data found": 5, "Rejected or challenged": 5,
		"Data stored": "In the requesting country"})
	challenges := sheetWriter{t: t, f: f, sheet: "Challenges"}
	challenges.readHeaders()
	challenges.set(2, map[string]any{"Case": "Example Mail v. Public Prosecutor of Eastmark", "Court": "Regional Court of Eastmark",
		"Country": "DE", "Legal basis challenged": "Search warrant", "Date filed": "2025-03-04", "Status": "Pending",
		"Summary": "Warrants for mail stored in Ireland.", "Documents (link)": "https://example.com/cases/eastmark",
		"Requests concerned": 12, "Accounts concerned": 15})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	rows := len(published) + 2
	out, stderr, err := run(t, "validate", "-sources", sources, "-taxonomy", taxonomyPath, "-i18n", i18nDir)
	if err != nil {
		t.Fatalf("validate: %v\n%s", err, stderr)
	}
	if want := fmt.Sprintf("ok: 1 files, %d rows, 1 periods\n", rows); out != want {
		t.Errorf("validate printed %q, want %q", out, want)
	}
	if _, stderr, err := run(t, "build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	hugo(t, site)
	if stdout, stderr, err := run(t, "verify", "-sources", sources, "-taxonomy", taxonomyPath, "-i18n", i18nDir, filepath.Join(site, "public")); err != nil {
		t.Fatalf("verify: %v\n%s%s", err, stdout, stderr)
	}

	// data-stored-abroad.csv: one row per requesting country, place and
	// route, each as typed.
	latest := testhelp.NewestDownloads(t, site)
	want := map[string]string{period + " DE IE direct": "12 0 0 0 12 12"}
	for _, p := range published {
		want[period+" "+p.code+" US mlat"] = strconv.FormatInt(p.count, 10) + "     " // no outcome, no contested count: blank
	}
	got := map[string]string{}
	for _, r := range readCSV(t, filepath.Join(latest, "data-stored-abroad.csv")) {
		got[r["period"]+" "+r["country_code"]+" "+r["stored_in"]+" "+r["route"]] = strings.Join([]string{r["requests"],
			r["outcome_content"], r["outcome_non_content"], r["outcome_no_data"], r["outcome_rejected"], r["contested"]}, " ")
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("data-stored-abroad.csv %s: requests, outcomes and contested %q, want %q", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("data-stored-abroad.csv has a row %s that nobody typed: %q", k, got[k])
		}
	}

	cases := readCSV(t, filepath.Join(latest, "challenges.csv"))
	if len(cases) != 1 {
		t.Fatalf("challenges.csv has %d cases, want 1", len(cases))
	}
	for col, w := range map[string]string{"case_name": "Example Mail v. Public Prosecutor of Eastmark", "court": "Regional Court of Eastmark",
		"country_code": "DE", "legal_basis": "search_warrant", "date_filed": "2025-03-04", "status": "pending", "date_decided": "",
		"summary": "Warrants for mail stored in Ireland.", "documents_url": "https://example.com/cases/eastmark", "requests": "12", "accounts": "15"} {
		if got, ok := cases[0][col]; !ok || got != w {
			t.Errorf("challenges.csv %s = %q (present %v), want %q", col, got, ok, w)
		}
	}

	abroad := thousands(githubTotal + 12)
	label := fmt.Sprintf("H%d %d", half[1], half[0])
	pageShows(t, site, []pageCheck{
		{path: "data-stored-abroad", want: []string{abroad + " requests sought data stored outside the requesting country",
			"Ireland", "United States", "Through a treaty (MLAT)", "Directly"}},
		{path: "countries/de", want: []string{"Requests for data stored abroad", "Ireland", "Example Mail v. Public Prosecutor of Eastmark</a>: Pending, filed on 4 March 2025"}},
		{path: "court-challenges", want: []string{"Example Mail v. Public Prosecutor of Eastmark", "Regional Court of Eastmark",
			`data-status="pending"`, "4 March 2025", `href="https://example.com/cases/eastmark"`}},
		{path: "", want: []string{"Requests for data stored abroad, " + label, abroad}},
	})
	// Each government GitHub named is on the page with its own figure.
	html := page(t, site, "data-stored-abroad")
	for _, p := range published {
		if !strings.Contains(html, ">"+thousands(p.count)+"<") {
			t.Errorf("/data-stored-abroad/ does not show %s's %d requests", p.code, p.count)
		}
	}
}

type crossBorder struct {
	code  string
	count int64
}

// latestGitHubCrossBorder reads GitHub's cross-border requests of its
// latest half-year, as [year, half] and one entry per government.
func latestGitHubCrossBorder(t *testing.T) ([]crossBorder, [2]int) {
	t.Helper()
	path := filepath.Join(realData, githubCrossBorder)
	if _, err := os.Stat(path); err != nil {
		testhelp.NoRealData(t, realData)
	}
	byHalf := map[[2]int][]crossBorder{}
	for _, r := range readCSV(t, path) {
		year, err1 := strconv.Atoi(r["year"])
		half, err2 := strconv.Atoi(r["half"])
		count, err3 := strconv.ParseInt(r["count"], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("%s: row %v: not a year, half and count", path, r)
		}
		k := [2]int{year, half}
		byHalf[k] = append(byHalf[k], crossBorder{r["government_iso2_code"], count})
	}
	var latest [2]int
	for k := range byHalf {
		if k[0] > latest[0] || k[0] == latest[0] && k[1] > latest[1] {
			latest = k
		}
	}
	if len(byHalf[latest]) < 3 {
		t.Fatalf("%s: %d governments in %v, want a half-year with several", path, len(byHalf[latest]), latest)
	}
	return byHalf[latest], latest
}

// readCSV reads a CSV file with a header row as one map per row.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return testhelp.CSVRows(t, raw)
}

// sheetWriter fills a template's sheet by its headers, as a person does.
type sheetWriter struct {
	t       *testing.T
	f       *excelize.File
	sheet   string
	columns map[string]int
}

func (w *sheetWriter) readHeaders() {
	w.t.Helper()
	rows, err := w.f.GetRows(w.sheet)
	if err != nil || len(rows) == 0 {
		w.t.Fatalf("template has no %s sheet with headers: %v", w.sheet, err)
	}
	w.columns = map[string]int{}
	for i, h := range rows[0] {
		w.columns[h] = i + 1
	}
}

func (w *sheetWriter) set(row int, values map[string]any) {
	w.t.Helper()
	for _, header := range slices.Sorted(maps.Keys(values)) {
		col, ok := w.columns[header]
		if !ok {
			w.t.Fatalf("the template's %s sheet has no column %q", w.sheet, header)
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if err := w.f.SetCellValue(w.sheet, cell, values[header]); err != nil {
			w.t.Fatal(err)
		}
	}
}
