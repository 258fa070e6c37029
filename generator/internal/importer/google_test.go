package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/cli"
	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/view"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// The real data is shared beside the project, never copied into it.
const (
	googleDir     = "../../../../shared/real-data/google"
	googleMapping = "../../../examples/mappings/google.toml"
)

// googleBasis is Google's "Legal Process" onto the taxonomy, written out
// here again so that the test checks the mapping rather than trusting it.
var googleBasis = map[string]string{
	"All":                                   "not_broken_down",
	"Other Legal Requests":                  "other",
	"Emergency Disclosure Requests":         "emergency",
	"Preservation Requests":                 "preservation",
	"Subpoenas":                             "subpoena",
	"Search Warrants":                       "search_warrant",
	"Other Court Orders":                    "court_order",
	"Court Orders":                          "court_order",
	"Pen Register Orders":                   "pen_register",
	"Wiretap Orders":                        "interception",
	"Police Requests":                       "subpoena",
	"Requests for data of local subsidiary": "local_subsidiary",
	"CLOUD Act - IPA CDRs":                  "cloud_act",
	"CLOUD ACT - OPOs":                      "cloud_act_court_order",
}

func googleFiles(t testing.TB) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(googleDir, "*.csv"))
	if len(files) == 0 {
		testhelp.NoRealData(t, googleDir)
	}
	return files
}

func readCSV(t testing.TB, file string) []map[string]string {
	t.Helper()
	raw, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		testhelp.NoRealData(t, filepath.Dir(file))
	}
	if err != nil {
		t.Fatal(err)
	}
	return testhelp.CSVRows(t, raw)
}

func halfEnding(t testing.TB, date string) report.Period {
	t.Helper()
	p, err := report.PeriodEnding(date, report.Half)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func number(t testing.TB, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}

// importAndView imports files with a mapping, as the import command does,
// and builds the report from the workbooks written, as `build` does: the
// values the site's JSON files hold.
func importAndView(t *testing.T, mapping string, files []string) (*view.Report, report.About) {
	t.Helper()
	tax := testhelp.ProjectTaxonomy(t)
	sources := filepath.Join(t.TempDir(), "sources")
	var stdout, stderr bytes.Buffer
	args := append([]string{"import", "-mapping", mapping, "-o", sources, "-taxonomy", taxonomyPath}, files...)
	if err := cli.Run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr.String())
	}
	t.Log(strings.TrimSpace(stdout.String()))
	var probs problem.List
	read := workbook.ReadDir(sources, tax, &probs, nil)
	checked := report.Check(read, tax)
	probs.Merge(&checked)
	if err := probs.Err(); err != nil {
		t.Fatalf("the imported workbooks do not validate:\n%v", err)
	}
	about, err := report.LoadAbout(filepath.Join(sources, report.AboutFile))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := view.Build(report.Aggregate(read, tax), tax, about, []string{"en"}, testhelp.English(t))
	if err != nil {
		t.Fatal(err)
	}
	return rep, about
}

// TestGoogle imports Google's published files with the documented mapping,
// builds the report from the workbooks written, and compares every row (of
// the view, from which the requests download is written), every period
// total of the site's JSON, and every national-security range, with
// Google's CSV files.
func TestGoogle(t *testing.T) {
	rep, about := importAndView(t, googleMapping, googleFiles(t))
	// The site's JSON: periods/KEY.json is a view.PeriodDetail and
	// summary.json the report, as package view writes them.
	periodJSON := func(key string) *view.PeriodDetail {
		d, ok := rep.PeriodDetails[key]
		if !ok {
			return nil
		}
		var decoded view.PeriodDetail
		jsonRoundTrip(t, d, &decoded)
		return &decoded
	}
	var summary view.Report
	jsonRoundTrip(t, rep, &summary)

	// Every row of the requests CSV.
	type figures struct {
		requests, accounts string // as report.Count writes them
		percent            *float64
	}
	published := func(text, period, first string) report.Count { return googlePublished(t, text, period, first) }
	csvRows := readCSV(t, filepath.Join(googleDir, "google-global-user-data-requests.csv"))
	if len(csvRows) != 3456 {
		t.Errorf("the CSV has %d rows, want 3456", len(csvRows))
	}
	totals := map[string]*total{}
	compared := 0
	details := map[string]*view.PeriodDetail{}
	for i, row := range csvRows {
		line := i + 2
		period := halfEnding(t, row["Period Ending"]).String()
		basis, ok := googleBasis[row["Legal Process"]]
		if !ok {
			t.Fatalf("row %d: legal process %q unknown to the test", line, row["Legal Process"])
		}
		requests := published(row["User Data Requests"], period, "2009-H2")
		accounts := published(row["Accounts"], period, "2011-H1")
		want := figures{requests: requests.String(), accounts: accounts.String()}
		if pct := published(row["Percentage disclosed"], period, "2010-H2"); pct.Published() {
			v := float64(pct.Min)
			want.percent = &v
		}
		if totals[period] == nil {
			totals[period] = &total{}
		}
		if basis == "preservation" {
			totals[period].notCounted.Add(requests)
		} else {
			totals[period].requests.Add(requests)
			totals[period].accounts.Add(accounts)
		}
		code := googleCode(t, line, row)
		if requests.IsZero() || !requests.Published() {
			// A percentage of no requests cannot be weighted into any
			// figure, so the report gives none.
			want.percent = nil
		}

		if details[period] == nil {
			if details[period] = periodJSON(period); details[period] == nil {
				t.Fatalf("row %d: no periods/%s.json", line, period)
			}
		}
		// A country's legal bases are not in the JSON (no page shows them):
		// they are the rows of the requests download, from the view.
		var got *view.Breakdown
		for _, c := range rep.PeriodDetails[period].Countries {
			if c.Code == code {
				for j := range c.ByLegalBasis {
					if c.ByLegalBasis[j].Key == basis {
						got = &c.ByLegalBasis[j]
					}
				}
			}
		}
		if got == nil {
			t.Errorf("row %d (%s, %s, %s): not in the view of %s", line, period, code, row["Legal Process"], period)
			continue
		}
		compared++
		gotFigures := figures{requests: got.Figures.Requests.String(), accounts: got.Figures.Accounts.String(), percent: got.Figures.DisclosedPercent}
		if diff := cmp.Diff(want, gotFigures, cmp.AllowUnexported(figures{})); diff != "" || got.Figures.Rows != 1 {
			t.Errorf("row %d (%s, %s, %s): -csv +json (from %d rows):\n%s", line, period, code, row["Legal Process"], got.Figures.Rows, diff)
		}
		if got.Figures.HasOutcomeCounts() || got.Figures.OutcomeRequests != 0 {
			t.Errorf("row %d: outcome counts %v invented where Google published only a percentage", line, got.Figures.Outcomes)
		}
	}
	// Every row is imported, the United Nations' (which has no code) too.
	if compared != 3456 {
		t.Errorf("compared %d rows, want 3456", compared)
	}

	// No row in the JSON that the CSV does not have.
	inView := 0
	for key, d := range details {
		for _, c := range rep.PeriodDetails[key].Countries {
			inView += len(c.ByLegalBasis)
		}
		if d.Kind != "half" {
			t.Errorf("period %s is a %s, want a half-year", key, d.Kind)
		}
	}
	if inView != compared {
		t.Errorf("the view has %d country × legal basis rows, the CSV %d", inView, compared)
	}

	// Every half-year's totals: the sum of its rows, preservation requests
	// apart, the United Nations' one request of 2015-H1 included.
	var halves []string
	for _, p := range summary.Periods {
		if p.Kind == "half" {
			halves = append(halves, p.Key)
		}
	}
	if len(halves) != 28 || halves[0] != "2009-H2" || halves[27] != "2023-H1" {
		t.Errorf("half-years = %v, want 28 from 2009-H2 to 2023-H1", halves)
	}
	for _, key := range halves {
		d, want := details[key], totals[key]
		got := total{requests: d.Totals.Requests, accounts: d.Totals.Accounts, notCounted: d.NotCounted.Requests}
		if got.String() != want.String() {
			t.Errorf("%s totals: json %v, csv %v", key, got, want)
		}
		if d.Totals.DisclosedPercent != nil && !d.Totals.FromPercentages {
			t.Errorf("%s: percentage disclosed not marked as from published percentages", key)
		}
	}
	if got := details["2009-H2"].Totals.Requests; got.String() != "12539" {
		t.Errorf("2009-H2 total = %v, want Google's published 12,539", got)
	}
	// Figures Google did not publish are not published, never 0.
	for _, tt := range []struct{ period, accounts, requests string }{
		{"2009-H2", "not published", "12539"},
		{"2010-H2", "not published", "14201"},
		{"2021-H1", "", "at least "},
		{"2022-H2", "", "at least "},
	} {
		d := details[tt.period]
		if tt.accounts != "" && d.Totals.Accounts.String() != tt.accounts {
			t.Errorf("%s accounts = %v, want %s", tt.period, d.Totals.Accounts, tt.accounts)
		}
		if !strings.HasPrefix(d.Totals.Requests.String(), tt.requests) {
			t.Errorf("%s requests = %v, want %s…", tt.period, d.Totals.Requests, tt.requests)
		}
	}
	if got := details["2009-H2"].Totals.DisclosedPercent; got != nil {
		t.Errorf("2009-H2 percentage disclosed = %v, want none: Google did not publish it", *got)
	}
	if !summary.HasPercentOnly || summary.HasOutcomeCounts {
		t.Errorf("has_percent_only = %v, has_outcome_counts = %v; want true, false", summary.HasPercentOnly, summary.HasOutcomeCounts)
	}

	// The United Nations has its page but is no country: not ranked, not
	// counted among the countries.
	if un, ok := rep.CountryDetails["UN"]; !ok || un.IsCountry || un.AllRequests.String() != "1" || un.Names["en"] != "United Nations" {
		t.Errorf("countries/UN.json: %+v; want the United Nations' one request, not a country", un)
	}
	for _, c := range details["2015-H1"].Countries {
		if c.Code == "UN" && (c.Rank != 0 || c.IsCountry || c.Figures.Requests.String() != "1") {
			t.Errorf("2015-H1: the United Nations has rank %d and %v requests; want no rank and 1", c.Rank, c.Figures.Requests)
		}
		if c.Rank > details["2015-H1"].RankedCount {
			t.Errorf("2015-H1: %s has rank %d of %d", c.Code, c.Rank, details["2015-H1"].RankedCount)
		}
	}
	if summary.CountryCount != len(summary.Countries)-1 {
		t.Errorf("%d countries of %d requesters; want all but the United Nations", summary.CountryCount, len(summary.Countries))
	}

	// Renamed countries keep one history under their CLDR code; Kosovo is XK.
	for _, code := range []string{"TR", "CZ", "MO", "XK"} {
		if _, ok := rep.CountryDetails[code]; !ok {
			t.Errorf("no countries/%s.json", code)
		}
	}

	// National-security ranges, exactly as published, with their periods.
	type band struct{ period, kind, requests, accounts string }
	var wantBands, gotBands []band
	for file, kind := range map[string]string{
		"google-usnationalsecurity-fisa-content-requests.csv":     "fisa_content",
		"google-usnationalsecurity-fisa-non-content-requests.csv": "fisa_non_content",
		"google-usnationalsecurity-nsl-requests.csv":              "nsl",
	} {
		for _, row := range readCSV(t, filepath.Join(googleDir, file)) {
			period := halfEnding(t, row["Reporting period ending date"]).String()
			if period == "2023-H2" {
				continue // after the last half-year of request figures: left out and noted
			}
			wantBands = append(wantBands, band{period, kind,
				row["Number of requests (range MIN)"] + "-" + row["Number of requests (range MAX)"],
				row["Number of accounts (range MIN)"] + "-" + row["Number of accounts (range MAX)"]})
		}
	}
	for _, n := range summary.NationalSecurity {
		gotBands = append(gotBands, band{n.Period, n.Type, n.Requests.Published, n.Accounts.Published})
	}
	sortBands := func(b []band) {
		slices.SortFunc(b, func(x, y band) int { return strings.Compare(x.period+x.kind, y.period+y.kind) })
	}
	sortBands(wantBands)
	sortBands(gotBands)
	if diff := cmp.Diff(wantBands, gotBands, cmp.AllowUnexported(band{})); diff != "" {
		t.Errorf("national-security bands -csv +json:\n%s", diff)
	}
	if len(gotBands) != 87 {
		t.Errorf("%d bands, want 87", len(gotBands))
	}
	for _, note := range []string{"National Security Letters for 2023-H2, requests 500-999 and accounts 2000-2499", "preservation requests are shown separately"} {
		if !slices.ContainsFunc(about.Notes, func(n string) bool { return strings.Contains(n, note) }) {
			t.Errorf("report.toml's notes do not say %q", note)
		}
	}
}

// total is a half-year's totals in the Google tests.
type total struct{ requests, accounts, notCounted report.Count }

func (t total) String() string {
	return fmt.Sprintf("requests %v, accounts %v, not counted %v", t.requests, t.accounts, t.notCounted)
}

// googlePublished is a figure of Google's CSV as published: Google wrote 0
// for figures it did not yet publish, before the period first (README.md),
// and left the figures of two rows blank.
func googlePublished(t *testing.T, text, period, first string) report.Count {
	p, _ := report.ParsePeriod(period)
	f, _ := report.ParsePeriod(first)
	if text == "" || (text == "0" && p.End() < f.Start()) {
		return report.NotPublished()
	}
	return report.Exactly(number(t, text))
}

// TestGoogleNames: Google names countries as CLDR does now ("Türkiye",
// "North Macedonia", "Czechia"), or by CLDR's short and variant forms ("Hong
// Kong", "Falkland Islands (Islas Malvinas)"); every name finds its row's
// code, as a mapping that reads countries by name would place it.
func TestGoogleNames(t *testing.T) {
	googleFiles(t)
	for file, column := range map[string]string{
		"google-global-user-data-requests.csv":     "Country/Region",
		"google-global-user-data-dlr-requests.csv": "Country/Region of Origin",
	} {
		names := 0
		for i, row := range readCSV(t, filepath.Join(googleDir, file)) {
			name, want := row[column], row["CLDR Territory Code"]
			if want == "" {
				want = countries.UnitedNations // the one requester without a code (see googleCode)
			}
			if got, ok := countries.ByName(name); !ok || got != want {
				t.Errorf("%s row %d: ByName(%q) = %q, %v; want %s", file, i+2, name, got, ok, want)
			}
			names++
		}
		if names == 0 {
			t.Errorf("%s: no rows", file)
		}
	}
}

// TestGoogleBuild runs the documented commands, import then build, and
// compares the requests download, one row per period × country × legal
// basis, with Google's CSV.
func TestGoogleBuild(t *testing.T) {
	files := googleFiles(t)
	testhelp.NodeModule(t, geo.WorldAtlasFile) // build draws the map
	root := t.TempDir()
	sources := filepath.Join(root, "google-sources")
	run := func(args ...string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if err := cli.Run(context.Background(), args, &stdout, &stderr); err != nil {
			t.Fatalf("%s: %v\n%s", args[0], err, stderr.String())
		}
	}
	run(append([]string{"import", "-mapping", googleMapping, "-o", sources, "-taxonomy", taxonomyPath}, files...)...)
	run("build", "-sources", sources, "-taxonomy", taxonomyPath, "-i18n", "../../../i18n", "-data", filepath.Join(root, "data"))
	download := filepath.Join(testhelp.NewestDownloads(t, root), "requests.csv")
	if _, err := os.Stat(download); err != nil {
		t.Fatalf("build wrote no requests download: %v", err)
	}
	type key struct{ period, country, basis string }
	got := map[key][3]string{}
	for _, row := range readCSV(t, download) {
		if row["period_kind"] == "half" {
			got[key{row["period"], row["country_code"], row["legal_basis"]}] = [3]string{row["requests"], row["accounts"], row["disclosed_percent"]}
		}
	}
	compared := 0
	for i, row := range readCSV(t, filepath.Join(googleDir, "google-global-user-data-requests.csv")) {
		period := halfEnding(t, row["Period Ending"]).String()
		k := key{period, googleCode(t, i+2, row), googleBasis[row["Legal Process"]]}
		// The download leaves a figure not published empty.
		cell := func(c report.Count) string {
			if !c.Published() {
				return ""
			}
			return c.String()
		}
		requests := googlePublished(t, row["User Data Requests"], period, "2009-H2")
		want := [3]string{cell(requests), cell(googlePublished(t, row["Accounts"], period, "2011-H1")), cell(googlePublished(t, row["Percentage disclosed"], period, "2010-H2"))}
		if requests.IsZero() || !requests.Published() {
			want[2] = "" // a percentage of no requests, or of requests not published, is given for none
		}
		if got[k] != want {
			t.Errorf("row %d %v: download %q, csv %q", i+2, k, got[k], want)
		}
		compared++
	}
	if compared != len(got) {
		t.Errorf("the download has %d half-year rows, the CSV %d", len(got), compared)
	}
}

func jsonRoundTrip(t testing.TB, v, decoded any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, decoded); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkImportGoogle(b *testing.B) {
	files := googleFiles(b)
	tax := testhelp.ProjectTaxonomy(b)
	m, err := importer.Load(googleMapping, tax)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := importer.Import(m, files, tax); err != nil {
			b.Fatal(err)
		}
	}
}

// googleCode is the requester of a row of Google's CSV: its CLDR code, or
// for the one row without, the United Nations by its name.
func googleCode(t *testing.T, line int, row map[string]string) string {
	t.Helper()
	if code := row["CLDR Territory Code"]; code != "" {
		return code
	}
	if row["Country/Region"] != "United Nations" {
		t.Errorf("row %d: %q has no code", line, row["Country/Region"])
	}
	return "UN"
}
