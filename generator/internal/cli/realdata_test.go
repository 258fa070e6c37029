package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/testhelp"
)

// The real data is shared beside the project, never copied into it.
const realData = "../../../../shared/real-data"

// importAndBuild imports the files of the shared real data matching globs
// with a shipped mapping into a copy of the site, builds it with the
// generator and Hugo as `make google` does, verifies the built site against
// the imported sources, and returns the copy's folder.
func importAndBuild(t *testing.T, mapping string, globs ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	var files []string
	for _, g := range globs {
		matched, _ := filepath.Glob(filepath.Join(realData, g))
		files = append(files, matched...)
	}
	if len(files) == 0 {
		testhelp.NoRealData(t, realData)
	}
	site := t.TempDir()
	copySite(t, site)
	sources := filepath.Join(site, "sources")
	args := append([]string{"import", "-mapping", filepath.Join(projectRoot, "examples", "mappings", mapping), "-o", sources, "-taxonomy", taxonomyPath}, files...)
	if _, stderr, err := run(t, args...); err != nil {
		t.Fatalf("import: %v\n%s", err, stderr)
	}
	if _, stderr, err := run(t, "build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	hugo(t, site, "--minify")
	// The built site is the one the sources make, cell for cell.
	if stdout, stderr, err := run(t, "verify", "-sources", sources, "-taxonomy", taxonomyPath, "-i18n", i18nDir, filepath.Join(site, "public")); err != nil {
		t.Fatalf("verify: %v\n%s%s", err, stdout, stderr)
	}
	return site
}

// pageShows checks that each page shows what it should, and not what it
// should not (outside the labels of its charts' axes).
func pageShows(t *testing.T, site string, pages []pageCheck) {
	t.Helper()
	for _, p := range pages {
		html := page(t, site, p.path)
		for _, w := range p.want {
			if !strings.Contains(html, w) {
				t.Errorf("/%s does not show %q", p.path, w)
			}
		}
		// A chart's axis labels (0, 10K) are not figures; its tooltips are.
		figures := chartLabel.ReplaceAllString(html, "")
		for _, w := range p.not {
			if strings.Contains(figures, w) {
				t.Errorf("/%s shows %q", p.path, w)
			}
		}
	}
}

// chartLabel is a label of a drawn chart: an axis's or a category's.
var chartLabel = regexp.MustCompile(`<text[^>]*>[^<]*</text>`)

type pageCheck struct {
	path      string
	want, not []string
}

// notPublishedCell is how a table cell shows a figure not published.
const notPublishedCell = `title="Not published: the source did not publish this figure. It is not zero.">—</abbr>`

// TestGoogleSite builds the site of Google's published figures and finds,
// on its pages, that what Google did not publish reads "not published":
// the accounts of 2009-H2 to 2010-H2, the share disclosed before 2010-H2,
// the legal bases it did not yet split out, and the figures of its two rows
// for China that have none; and that the United Nations has its page.
// Google publishes a share where some data was disclosed and no outcome
// counts: the trend figures and the outcomes page draw that share, never
// a series of "not published", and a whole-number percentage reads as
// published (80%), a share computed from several reads to one decimal.
func TestGoogleSite(t *testing.T) {
	site := importAndBuild(t, "google.toml", "google/*.csv")
	pageShows(t, site, []pageCheck{
		// 12,539 requests; accounts not published; no share published.
		{"periods/2009-h2", []string{"12,539", notPublishedCell, "n/a"}, []string{"0.0%"}},
		{"periods/2010-h2", []string{"14,201", notPublishedCell}, nil},
		// The first half-year with accounts.
		{"periods/2011-h1", []string{"15,744", "25,342"}, nil},
		// China's local-subsidiary requests of 2022-H2 were not published.
		{"periods/2022-h2", []string{"at least 192,442", "China: not published"}, nil},
		{"countries/un", []string{"United Nations"}, nil},
		// Subpoenas were not split out for most countries until 2014-H1:
		// their total before that is at least the United States' figure.
		{"legal-bases/subpoena", []string{"at least "}, nil},
		{"faq", []string{"not published"}, []string{"such gaps mean no requests"}},
		{"", []string{"data-chart=trend-half-share", "the second the share"}, []string{"Outcome not published as counts", "by outcome"}},
		{"outcomes", []string{"data-chart=trend-half-share", "79.8%"}, []string{"Outcome not published as counts"}},
		// Argentina, 2023-H1: emergency requests 80%, other legal process
		// 76%, as published; their total, 76.1%, is computed.
		{"countries/ar", []string{">80%<", ">76%<", ">76.1%<", "comes entirely from percentages"}, []string{"80.0%", "76.0%", "comes partly from percentages"}},
		{"periods", []string{"comes entirely from percentages"}, []string{"comes partly from percentages"}},
	})
	// The map of 2022-H2 leaves China without a colour and says why.
	noted := false
	eachFile(t, filepath.Join(site, "public"), []string{".html"}, func(path, content string) {
		noted = noted || strings.Contains(content, "because their requests were not published, which is not the same as none: China.")
	})
	if !noted {
		t.Error("no map fragment says that China's requests were not published")
	}
}

// TestGitHubSite builds the site of GitHub's published figures: worldwide
// requests on the requester's page, with the requests where some data was
// disclosed and the outcomes and accounts GitHub does not publish.
func TestGitHubSite(t *testing.T) {
	site := importAndBuild(t, "github.toml",
		"github/requests_to_disclose_user_information/*.csv", "github/requests_to_disclose_user_information/by_calendar_year_half/*.csv")
	pageShows(t, site, []pageCheck{
		// 2025: 385 + 115 + 92 + 35 + 23 requests, 517 with some data
		// disclosed; accounts not published.
		{"periods/2025", []string{"650", "517", "79.5%", notPublishedCell, "Worldwide / not by country"}, nil},
		{"countries/zz", []string{"Worldwide / not by country", "650"}, []string{"Rank"}},
		{"", []string{"650", "Requests with some data disclosed"}, []string{"Content disclosed</th>"}},
		// GitHub's cross-border requests by requesting government, for
		// data it stores in the US, through the Justice Department: 2025's
		// 33 from India and 10 from France; not added into the 650.
		{"data-stored-abroad", []string{"India", "33", "France", "10", "United States", "Through a treaty (MLAT)"}, nil},
		{"countries/in", []string{"Requests for data stored abroad", "33 requests sought data stored outside the requesting country"}, nil},
	})
}
