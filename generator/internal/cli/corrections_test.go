package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestQuarterlyRelease walks through a quarter's release: a release is
// made, a new quarter alone changes no published figure (diff exits 0), a
// restated past figure makes diff exit 1 and validate and the build fail at
// its cell until a correction is written, and then the site and the
// downloads show the correction, the figure is marked where it is shown, the
// old release's files stay as they were and verify passes.
func TestQuarterlyRelease(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	site := t.TempDir()
	copySite(t, site)
	sourcesDir := filepath.Join(site, "sources")
	releasesDir := filepath.Join(site, "releases")
	q1, q2 := testhelp.MustPeriod(t, "2026-Q1"), testhelp.MustPeriod(t, "2026-Q2")
	row := func(p report.Period, country string, requests, accounts int64) report.Row {
		return report.Row{Period: p, Country: country, LegalBasis: "court_order", Requests: report.Exactly(requests), Accounts: report.Exactly(accounts),
			Outcomes: report.ExactCounts(map[string]int64{"content": 0, "non_content": requests, "no_data": 0, "rejected": 0})}
	}
	write := func(sources ...report.Source) {
		t.Helper()
		tree, err := sourceTree(sources, testhelp.ProjectTaxonomy(t))
		if err != nil {
			t.Fatal(err)
		}
		if err := output.Replace(sourcesDir, tree); err != nil {
			t.Fatal(err)
		}
	}
	args := func(cmd string, more ...string) []string {
		return append([]string{cmd, "-sources", sourcesDir, "-taxonomy", taxonomyPath, "-i18n", i18nDir}, more...)
	}
	build := func() (string, error) {
		t.Helper()
		_, stderr, err := run(t, args("build", "-data", filepath.Join(site, "data"))...)
		return stderr, err
	}
	first := report.Source{Period: q1, Team: "emea", Rows: []report.Row{row(q1, "DE", 1987, 2001), row(q1, "FR", 40, 41)}}
	write(first)
	if _, stderr, err := run(t, args("release")...); err != nil {
		t.Fatalf("release: %v\n%s", err, stderr)
	}
	published := testhelp.ReadTree(t, filepath.Join(releasesDir, "2026-Q1"))

	// A new quarter alone: only new figures.
	second := report.Source{Period: q2, Team: "emea", Rows: []report.Row{row(q2, "DE", 2100, 2200)}}
	write(first, second)
	out, stderr, err := run(t, args("diff")...)
	if err != nil {
		t.Fatalf("diff of a new quarter: %v, want exit 0\n%s", err, stderr)
	}
	if !strings.Contains(out, "2026-Q2 DE court_order: requests 2,100; accounts 2,200") || strings.Contains(out, "Changed") {
		t.Errorf("diff of a new quarter printed\n%s", out)
	}

	// A past figure restated.
	first.Rows[0].Requests = report.Exactly(1990)
	write(first, second)
	out, _, err = run(t, args("diff")...)
	if !errors.Is(err, ErrRestated) || ExitCode(err) != 1 {
		t.Errorf("diff of a restated figure: %v (exit %d), want ErrRestated (exit 1)", err, ExitCode(err))
	}
	if !strings.Contains(out, "2026-Q1 DE court_order: requests 1,987 → 1,990") {
		t.Errorf("diff does not show the restated figure:\n%s", out)
	}
	out, _, _ = run(t, args("diff", "-format", "csv")...)
	if !strings.Contains(out, "2026-Q1,DE,court_order,,requests,1987,1990,changed\n") {
		t.Errorf("diff -format csv does not show the restated figure:\n%s", out)
	}
	stderr, err = build()
	if !errors.Is(err, ErrReported) {
		t.Fatalf("build of a restated figure without a correction: %v, want it refused", err)
	}
	workbook := filepath.Join(sourcesDir, "2026-Q1", "emea.xlsx")
	if want := workbook + ": Requests!D2: 2026-Q1 DE court_order requests: published as 1,987 in release 2026-Q1, now 1,990"; !strings.Contains(stderr, want) {
		t.Errorf("build says\n%s\nwant it to say %q", stderr, want)
	}
	_, validateStderr, err := run(t, args("validate")...)
	if !errors.Is(err, ErrReported) {
		t.Errorf("validate of a restated figure without a correction: %v, want it refused", err)
	}
	if validateStderr != stderr {
		t.Errorf("validate says\n%s\nbuild says\n%s\nwant the same", validateStderr, stderr)
	}

	// The correction written, the build passes.
	corrections := filepath.Join(sourcesDir, report.CorrectionsFile)
	if err := os.WriteFile(corrections, []byte(`[[correction]]
date = 2026-07-20
period = "2026-Q1"
country = "DE"
legal_basis = "court_order"
measure = "requests"
before = 1987
after = "1,990"
reason = "Three requests were counted twice."
`), 0o644); err != nil {
		t.Fatal(err)
	}
	if stderr, err := build(); err != nil {
		t.Fatalf("build with the correction: %v\n%s", err, stderr)
	}
	hugo(t, site)
	// The corrected figure, in its quarter and in the half-year that adds
	// it up, is marked and links to its correction.
	const anchor = "corrected-2026-q1-de-court_order-requests-2026-07-20"
	mark := func(figure string) string {
		return figure + ` <sup><a class="corrected-mark" href="/corrections/#` + anchor + `">corrected</a></sup>`
	}
	for _, tt := range []struct{ path, want string }{
		{"corrections", "Three requests were counted twice."},
		{"corrections", `<a href="/periods/2026-q1/">`},
		{"corrections", `<a href="/countries/de/">`},
		{"corrections", `<tr id="` + anchor + `">`},
		// The reason is the company's words, in English: marked as such on
		// the other languages' pages, with a note saying so.
		{"de/corrections", `<td lang="en-GB" dir="ltr">Three requests were counted twice.</td>`},
		{"de/corrections", "nur in der Originalsprache des Berichts verfasst"},
		{"periods/2026-q1", "Corrected on 20 July 2026"},
		{"periods/2026-q1", mark("1,990")},
		{"periods/2026-h1", mark("4,090")},
		{"countries/de", "Corrected on 20 July 2026"},
		{"countries/de", mark("1,990")},
		{"countries/de", mark("4,090")},
		{"periods/2026-q2", ""},
	} {
		html := page(t, site, tt.path)
		if tt.want == "" {
			if strings.Contains(html, "Corrected on") || strings.Contains(html, "corrected-mark") {
				t.Errorf("/%s says a figure was corrected", tt.path)
			}
			continue
		}
		if !strings.Contains(html, tt.want) {
			t.Errorf("/%s does not show %q", tt.path, tt.want)
		}
	}
	for _, w := range []string{"1,987", "1,990"} {
		if !strings.Contains(page(t, site, "corrections"), w) {
			t.Errorf("/corrections does not show %s", w)
		}
	}
	feed, err := os.ReadFile(filepath.Join(site, "public", "periods", "index.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(feed), "<title>Correction: Requests for Germany in Q1 2026</title>") {
		t.Errorf("the feed does not announce the correction:\n%s", feed)
	}
	if diff := cmp.Diff(published, testhelp.ReadTree(t, filepath.Join(releasesDir, "2026-Q1"))); diff != "" {
		t.Errorf("the published release changed:\n%s", diff)
	}
	if diff := cmp.Diff(published, testhelp.ReadTree(t, filepath.Join(site, "public", "downloads", "2026-Q1"))); diff != "" {
		t.Errorf("the site serves the published release changed:\n%s", diff)
	}
	if stdout, stderr, err := run(t, args("verify", filepath.Join(site, "public"))...); err != nil {
		t.Errorf("verify of the corrected site: %v\n%s%s", err, stdout, stderr)
	}
	latest := testhelp.NewestDownloads(t, site)
	csv, err := os.ReadFile(filepath.Join(latest, "corrections.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "2026-07-20,2026-Q1,DE,court_order,,requests,1987,1990,Three requests were counted twice.\n"; !strings.HasSuffix(string(csv), want) {
		t.Errorf("corrections.csv is\n%s\nwant it to end with %q", csv, want)
	}
	for _, file := range []string{"datapackage.json", "SHA256SUMS", "README.md"} {
		data, err := os.ReadFile(filepath.Join(latest, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "corrections.csv") {
			t.Errorf("%s does not name corrections.csv", file)
		}
	}
}
