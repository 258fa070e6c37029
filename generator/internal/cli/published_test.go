package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestSiteSaysWhatWasPublished builds a report whose sources published some
// figures only as ranges, some not at all, and some outcomes only as the
// requests where some data was disclosed, and finds each said as such on
// the pages and in the downloads: never a 0 for a figure not published.
func TestSiteSaysWhatWasPublished(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	h1 := testhelp.MustPeriod(t, "2024-H1")
	np := report.NotPublished()
	site := buildSite(t, []report.Source{
		{Period: h1, Team: "legacy", Rows: []report.Row{
			{Period: h1, Country: "US", LegalBasis: "not_broken_down", Requests: report.Between(11000, 12000), Accounts: np},
			{Period: h1, Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(4321), Accounts: report.Exactly(5012),
				Outcomes: map[string]report.Count{"content": np, "non_content": np, "no_data": np, "rejected": np, "some_data_disclosed": report.Exactly(3000)}},
			{Period: h1, Country: "FR", LegalBasis: "court_order", Requests: report.Exactly(10286), Accounts: np, DisclosedPercent: ptrFloat(50)},
		}},
	})

	pageShows(t, site, []pageCheck{
		// 11,000–12,000 + 4,321 + 10,286: a range; the accounts of two
		// countries were not published: at least 5,012.
		{"periods/2024-h1", []string{"25,607–26,607", "at least 5,012", "United States: 11,000–12,000", notPublishedCell}, []string{">0<", ": 0</title>"}},
		{"countries/us", []string{"11,000–12,000", notPublishedCell}, nil},
		// Germany's outcomes: only the requests where some data was
		// disclosed were published; the share is worked out from them.
		{"countries/de", []string{"4,321", "69.4%"}, nil},
		{"faq", []string{"not published", "at least"}, nil},
	})

	// The download leaves what was not published empty, never 0, and gives
	// the bounds of the range.
	csv, err := os.ReadFile(filepath.Join(testhelp.NewestDownloads(t, site), "requests.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(csv), "\n")
	header := strings.Split(strings.TrimSpace(lines[0]), ",")
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, name := range []string{"requests", "requests_min", "requests_max", "accounts"} {
		if _, ok := col[name]; !ok {
			t.Fatalf("requests.csv has no %s column: %v", name, header)
		}
	}
	if _, ok := col["accounts_min"]; ok {
		t.Errorf("requests.csv has accounts_min, but no account figure was a range")
	}
	found := false
	for _, line := range lines[1:] {
		cells := strings.Split(line, ",")
		if len(cells) < len(header) || cells[col["country_code"]] != "US" {
			continue
		}
		found = true
		if got := [4]string{cells[col["requests"]], cells[col["requests_min"]], cells[col["requests_max"]], cells[col["accounts"]]}; got != [4]string{"", "11000", "12000", ""} {
			t.Errorf("US row: requests, _min, _max, accounts = %q, want empty, 11000, 12000, empty", got)
		}
	}
	if !found {
		t.Error("requests.csv has no row for the United States")
	}
}

func ptrFloat(v float64) *float64 { return &v }

// buildSite writes the sources as workbooks in a copy of the site, runs
// the generator's build and Hugo, and returns the copy's folder.
func buildSite(t *testing.T, sources []report.Source) string {
	t.Helper()
	site := t.TempDir()
	copySite(t, site)
	tree, err := sourceTree(sources, testhelp.ProjectTaxonomy(t))
	if err != nil {
		t.Fatal(err)
	}
	sourcesDir := filepath.Join(site, "sources")
	if err := output.Replace(sourcesDir, tree); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := run(t, "build", "-sources", sourcesDir, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	hugo(t, site)
	return site
}

// TestBuildRefusesEarlyNationalSecurity: a FISA band of the release being
// published that covers a half-year which ended last month is refused with
// its cell, and nothing is written.
func TestBuildRefusesEarlyNationalSecurity(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	q2 := testhelp.MustPeriod(t, "2026-Q2")
	h1 := testhelp.MustPeriod(t, "2026-H1")
	tree, err := sourceTree([]report.Source{{Period: q2, Team: "legal",
		Rows:             []report.Row{{Period: q2, Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(1), Accounts: report.Exactly(1)}},
		NationalSecurity: []report.NationalSecurityRow{{Period: h1, Type: "fisa_content", Requests: testhelp.MustBand(t, "0-499"), Accounts: testhelp.MustBand(t, "0-499")}},
	}}, tax)
	if err != nil {
		t.Fatal(err)
	}
	tree[report.AboutFile] = []byte("company = \"Example\"\npublished = 2026-07-15\n")
	sources := filepath.Join(t.TempDir(), "sources")
	if err := output.Replace(sources, tree); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "data")
	_, stderr, err := run(t, "build", "-sources", sources, "-data", data, "-taxonomy", taxonomyPath, "-i18n", i18nDir)
	want := sources + "/2026-Q2/legal.xlsx: National security!A2: FISA content requests for 2026-H1 (ended 2026-06-30) may be published only from 2026-12-27"
	if err == nil || !strings.Contains(stderr, want) || !strings.Contains(stderr, "\n1 problem(s) found") {
		t.Fatalf("build: %v\n%s\nwant a problem %q", err, stderr, want)
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("build wrote %s despite the problem", data)
	}
}
