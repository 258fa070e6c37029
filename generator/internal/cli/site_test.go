package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/demo"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

const projectRoot = "../../.."

// copySite copies what Hugo reads from the project into dir, so the test
// builds the real site without touching the project's data/ or public/.
func copySite(t *testing.T, dir string) {
	t.Helper()
	modules := filepath.Dir(testhelp.NodeModule(t, "echarts"))
	for _, name := range []string{"hugo.toml", "layouts", "content", "assets", "i18n", "static", "data/taxonomy.toml"} {
		src := filepath.Join(projectRoot, name)
		if _, err := os.Stat(src); os.IsNotExist(err) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("cp", "-R", src, filepath.Join(dir, name)).CombinedOutput(); err != nil {
			t.Fatalf("copy %s: %v\n%s", name, err, out)
		}
	}
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
}

func hugo(t *testing.T, site string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"tool", "hugo", "--source", site, "--destination", filepath.Join(site, "public"), "--panicOnWarning", "--quiet"}, args...)...)
	cmd.Dir = projectRoot // go tool hugo needs the project's go.mod
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
}

func page(t *testing.T, site, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, "public", filepath.FromSlash(path), "index.html"))
	if err != nil {
		t.Fatalf("page %s: %v", path, err)
	}
	return string(b)
}

// TestSiteEndToEnd writes workbooks with known figures, runs the generator
// and Hugo, and finds the figures on the right pages.
func TestSiteEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	q1, _ := report.ParsePeriod("2026-Q1")
	q2, _ := report.ParsePeriod("2026-Q2")
	outcomes := func(c, n, d, r int64) map[string]report.Count {
		return report.ExactCounts(map[string]int64{"content": c, "non_content": n, "no_data": d, "rejected": r})
	}
	sources := []report.Source{
		{Period: q1, Team: "emea", Rows: []report.Row{
			{Period: q1, Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(4321), Accounts: report.Exactly(5012), Outcomes: outcomes(100, 3000, 721, 500)},
			{Period: q1, Country: "KR", LegalBasis: "search_warrant", Requests: report.Exactly(77), Accounts: report.Exactly(80), Outcomes: outcomes(40, 20, 10, 7)},
			// Requesters that are not countries: figures not broken down
			// by country, and the United Nations.
			{Period: q1, Country: "ZZ", LegalBasis: "court_order", Requests: report.Exactly(500), Accounts: report.Exactly(600), Outcomes: outcomes(0, 400, 50, 50)},
			{Period: q1, Country: "UN", LegalBasis: "court_order", Requests: report.Exactly(3), Accounts: report.Exactly(3), Outcomes: outcomes(0, 0, 0, 3)},
		}},
		{Period: q2, Team: "emea", Rows: []report.Row{
			// What the requests named: a column of the workbook only where a row names it.
			{Period: q2, Country: "DE", LegalBasis: "court_order", RequestType: "device", Requests: report.Exactly(1987), Accounts: report.Exactly(2001), Outcomes: outcomes(0, 1000, 900, 87)},
			{Period: q2, Country: "DE", LegalBasis: "preservation", Requests: report.Exactly(613), Accounts: report.Exactly(700), Outcomes: outcomes(0, 0, 0, 0)},
		}},
	}
	site := buildSite(t, sources)

	tests := []struct {
		path string
		want []string
	}{
		{"countries/de", []string{"Germany", "4,321", "5,012", "1,987"}},
		{"countries/kr", []string{"South Korea", "77"}},
		{"periods/2026-q1", []string{"4,901", "Germany", "South Korea", "Worldwide / not by country", "United Nations", "Not ranked: not a country"}}, // 4321 + 77 + 500 + 3
		{"periods/2026-q2", []string{"1,987", "613"}}, // preservation shown apart
		{"periods/2026-h1", []string{"6,888"}},        // 4901 + 1987
		{"countries", []string{"Germany", "South Korea", "2 countries made requests", "requests that are not from a country", "United Nations and Worldwide / not by country"}},
		{"countries/zz", []string{"Worldwide / not by country", "does not attribute to one country", "500"}},
		{"countries/un", []string{"United Nations", "international organisation", "3"}},
		{"", []string{"1,987"}},
	}
	for _, tt := range tests {
		t.Run("/"+tt.path, func(t *testing.T) {
			html := page(t, site, tt.path)
			for _, w := range tt.want {
				if !strings.Contains(html, w) {
					t.Errorf("/%s does not show %q", tt.path, w)
				}
			}
		})
	}
	// Ranks count only countries: 2026-Q1 has two, whatever ZZ's 500
	// requests; ZZ and the United Nations have no rank, and the map, which
	// cannot draw them, does not call them its gaps but names them apart.
	q1page := page(t, site, "periods/2026-q1")
	if !strings.Contains(q1page, "2 countries made requests") {
		t.Errorf("/periods/2026-q1/ counts requesters that are not countries as countries")
	}
	for _, path := range []string{"countries/zz", "countries/un"} {
		if html := page(t, site, path); strings.Contains(html, "Rank by requests") || strings.Contains(html, "rank among countries") {
			t.Errorf("/%s/ ranks a requester that is not a country", path)
		}
	}
	coverage, err := os.ReadFile(filepath.Join(site, "data", "report", "map", "coverage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var named struct {
		NotCountryNames map[string]map[string][]string `json:"not_country_names"`
	}
	if err := json.Unmarshal(coverage, &named); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(named.NotCountryNames["2026-Q1"]["en"], []string{"Worldwide / not by country", "United Nations"}) ||
		strings.Contains(string(coverage), `"ZZ"`) || strings.Contains(string(coverage), `"UN"`) {
		t.Errorf("map/coverage.json: ZZ and UN are named apart, never as codes the map lacks:\n%s", coverage)
	}
	// South Korea made no requests in 2026-Q2: its page says so instead of
	// leaving the quarter out.
	kr := page(t, site, "countries/kr")
	if !strings.Contains(kr, "No requests") {
		t.Errorf("/countries/kr/ does not mark 2026-Q2 as a quarter with no requests")
	}
	// The figures by what the requests named are shown where rows name it.
	for path, want := range map[string]bool{"periods/2026-q2": true, "periods/2026-h1": true, "countries/de": true, "periods/2026-q1": false} {
		html := page(t, site, path)
		if got := strings.Contains(html, `id="request-types"`) && strings.Contains(html, ">Device</th>"); got != want {
			t.Errorf("/%s shows requests by what they named: %v, want %v", path, got, want)
		}
	}
	if !strings.Contains(page(t, site, "glossary"), `id="glossary-request_types"`) {
		t.Error("/glossary/ does not explain what requests named")
	}
	// The Q2 total leaves preservation requests out.
	if q2page := page(t, site, "periods/2026-q2"); strings.Contains(q2page, "2,600") {
		t.Errorf("/periods/2026-q2/ adds preservation requests into a total (2,600)")
	}
	checkNoOtherHosts(t, filepath.Join(site, "public"))

	// Every page type exists and can be found: a title with the company's
	// name from the sources (these have no report.toml: the default), a
	// description, a canonical address and Open Graph tags.
	pageTypes := []string{
		"", "countries", "countries/de", "countries/zz", "periods", "periods/2026-q2", "periods/2026-h1",
		"legal-bases", "legal-bases/court_order", "legal-bases/preservation",
		"outcomes", "outcomes/content", "national-security", "methodology", "faq", "glossary",
	}
	company := report.DefaultAbout.Company
	for _, path := range pageTypes {
		t.Run("seo /"+path, func(t *testing.T) {
			html := page(t, site, path)
			for _, want := range []string{
				"<title>", company + " Transparency Report</title>",
				`<meta name="description" content="`,
				`<link rel="canonical" href="http://localhost:1313/` + path,
				`<meta property="og:title"`, `<meta property="og:url"`,
				`<html lang="en-GB"`, `<main id="main"`, `href="#main"`,
			} {
				if !strings.Contains(html, want) {
					t.Errorf("/%s has no %s", path, want)
				}
			}
			if strings.Contains(html, "Lumen Mail") {
				t.Errorf("/%s names the demo company, not the sources' publisher", path)
			}
		})
	}
	public := filepath.Join(site, "public")
	for _, file := range []string{"sitemap.xml", "robots.txt", "periods/index.xml", "404.html"} {
		if _, err := os.Stat(filepath.Join(public, file)); err != nil {
			t.Errorf("no /%s: %v", file, err)
		}
	}
	// The feed has one release per quarter, newest first.
	feed, _ := os.ReadFile(filepath.Join(public, "periods", "index.xml"))
	items := regexp.MustCompile(`<link>([^<]+)</link>\s*<guid`).FindAllStringSubmatch(string(feed), -1)
	var links []string
	for _, m := range items {
		links = append(links, m[1])
	}
	if want := []string{"http://localhost:1313/periods/2026-q2/", "http://localhost:1313/periods/2026-q1/"}; strings.Join(links, " ") != strings.Join(want, " ") {
		t.Errorf("feed items link to %v, want %v", links, want)
	}
	// Only the periods section has a feed.
	if _, err := os.Stat(filepath.Join(public, "index.xml")); err == nil {
		t.Error("the home page has a feed; only /periods/ should")
	}
	checkLinks(t, public, "http://localhost:1313/")
}

// linkRef finds the addresses in href and src attributes, quoted or not
// (the test site is not minified, but be safe).
var linkRef = regexp.MustCompile(`(?i)\s(?:href|src|data-bundle|data-geometry|data-option)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)

// checkLinks fails for every link of a built page to this site (a path
// from the root, or an absolute address under baseURL) that leads to no
// file of the site: a broken link, image or script.
func checkLinks(t *testing.T, public, baseURL string) {
	t.Helper()
	checked := 0
	eachFile(t, public, []string{".html"}, func(path, content string) {
		for _, m := range linkRef.FindAllStringSubmatch(content, -1) {
			ref := strings.Join(m[1:], "")
			ref = strings.ReplaceAll(ref, "&amp;", "&")
			switch {
			case strings.HasPrefix(ref, baseURL):
				ref = "/" + strings.TrimPrefix(ref, baseURL)
			case strings.HasPrefix(ref, "//") || !strings.HasPrefix(ref, "/"):
				continue // another host, a fragment, data: or a relative link
			}
			ref, _, _ = strings.Cut(ref, "#")
			ref, _, _ = strings.Cut(ref, "?")
			target := filepath.Join(public, filepath.FromSlash(ref))
			if strings.HasSuffix(ref, "/") {
				target = filepath.Join(target, "index.html")
			}
			checked++
			if _, err := os.Stat(target); err != nil {
				rel, _ := filepath.Rel(public, path)
				t.Errorf("%s links to %s, which does not exist", rel, ref)
			}
		}
	})
	if checked == 0 {
		t.Error("no links found to check")
	}
}

// externalRef finds references that make a browser fetch something: src,
// href of stylesheets, scripts, preloads and icons, url() in CSS, imports.
var externalRef = regexp.MustCompile(`(?i)(?:src|srcset|data|poster)\s*=\s*["']?\s*(?:https?:)?//([^/"'\s>]+)|<link[^>]+href\s*=\s*["']?(?:https?:)?//([^/"'\s>]+)|url\(\s*["']?(?:https?:)?//([^/"')\s]+)|@import\s+["'](?:https?:)?//([^/"'\s]+)`)

// checkNoOtherHosts fails if any built file makes the browser request a host
// other than the site's own (localhost in tests).
func checkNoOtherHosts(t *testing.T, public string) {
	t.Helper()
	eachFile(t, public, []string{".html", ".css", ".xml"}, func(path, content string) {
		for _, m := range externalRef.FindAllStringSubmatch(content, -1) {
			host := strings.Join(m[1:], "")
			if !strings.HasPrefix(host, "localhost") && !strings.HasPrefix(host, "127.0.0.1") {
				t.Errorf("%s requests another host: %s", path, m[0])
			}
		}
	})
}

// eachFile calls visit with the path and content of every file under dir
// whose extension is one of exts.
func eachFile(t *testing.T, dir string, exts []string, visit func(path, content string)) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !slices.Contains(exts, filepath.Ext(path)) {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		visit(path, string(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDemoSite builds the site from the committed demo sources and checks
// that every country's page shows its figures as the workbooks give them.
func TestDemoSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	site := t.TempDir()
	copySite(t, site)
	demoSources := filepath.Join(projectRoot, "sources")
	if _, stderr, err := run(t, "build", "-sources", demoSources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	hugo(t, site)
	checkFigureDownloads(t, filepath.Join(site, "public"))

	// Sum the workbooks directly: requests per country per quarter, leaving
	// out legal bases that do not count toward totals.
	tax := testhelp.ProjectTaxonomy(t)
	var probs problem.List
	sources := workbook.ReadDir(demoSources, tax, &probs, nil)
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	type key struct{ country, period string }
	requests := map[key]int64{}
	countries := map[string]bool{}
	for _, s := range sources {
		for _, r := range s.Rows {
			countries[r.Country] = true
			if b, _ := tax.LegalBasis(r.LegalBasis); b.CountsTowardTotal {
				requests[key{r.Country, r.Period.String()}] += r.Requests.Min
			}
		}
	}
	if len(countries) < 60 {
		t.Fatalf("demo has %d countries, want about 60 or more", len(countries))
	}
	checkLinks(t, filepath.Join(site, "public"), "http://localhost:1313/")
	checkSharing(t, site)
	checkNoEnglish(t, filepath.Join(site, "public"))
	checkCountryFiguresInEveryLanguage(t, filepath.Join(site, "public"), []string{"US", "DE", "BR"})
	// National-security bands read as prose writes a range.
	if html := page(t, site, "national-security"); !strings.Contains(html, "11,500–11,999") || strings.Contains(html, "11500-11999") {
		t.Errorf("/national-security/: want the band 11500-11999 written 11,500–11,999")
	}
	cell := regexp.MustCompile(`<td[^>]*>\s*([0-9,]+)\s*</td>`)
	for code := range countries {
		html := page(t, site, "countries/"+strings.ToLower(code))
		shown := map[string]bool{}
		for _, m := range cell.FindAllStringSubmatch(html, -1) {
			shown[m[1]] = true
		}
		for _, p := range demoPeriods() {
			n := requests[key{code, p}]
			if n == 0 {
				continue // shown as "No requests", checked in TestSiteEndToEnd
			}
			if !shown[thousands(n)] {
				t.Errorf("/countries/%s/: no table cell shows %s requests for %s", strings.ToLower(code), thousands(n), p)
			}
		}
	}
}

func demoPeriods() []string {
	var out []string
	for _, p := range demo.Periods() {
		out = append(out, p.String())
	}
	return out
}

// thousands formats n as the English site does: 12,345.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

var (
	figureBlock  = regexp.MustCompile(`(?s)<figure[^>]*>.*?</figure>`)
	downloadHref = regexp.MustCompile(`class=["']?figure-download["']?>\s*<a class=["']?download-link["']? href=["']?(/downloads/[^"' >]+)`)
)

// checkFigureDownloads fails if a chart's figure on any page does not link
// to the CSV of its numbers, or links to a file the site does not serve.
func checkFigureDownloads(t *testing.T, public string) {
	t.Helper()
	figures := 0
	err := filepath.WalkDir(public, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, fig := range figureBlock.FindAllString(string(b), -1) {
			figures++
			m := downloadHref.FindStringSubmatch(fig)
			if m == nil {
				t.Errorf("%s: a figure has no download link: %.120s", path, fig)
				continue
			}
			file, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(m[1])))
			if err != nil {
				t.Errorf("%s: figure links to %s, which the site does not serve", path, m[1])
				continue
			}
			if why := figureFileDiffers(fig, file); why != "" {
				t.Errorf("%s: the figure's table and %s differ: %s", path, m[1], why)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if figures < 100 {
		t.Errorf("found %d figures in the demo site, want one per chart on every page", figures)
	}
}

var (
	tableBlock = regexp.MustCompile(`(?s)<table.*?</table>`)
	bodyBlock  = regexp.MustCompile(`(?s)<tbody([^>]*)>(.*?)</tbody>`)
	rowBlock   = regexp.MustCompile(`(?s)<tr>(.*?)</tr>`)
	// requestsCell is a row's first cell after its header: its requests,
	// or the cell that says it had none.
	requestsCell = regexp.MustCompile(`(?s)<th scope=["']?row["']?>.*?</th>\s*<td[^>]*>(.*?)</td>`)
	markup       = regexp.MustCompile(`<[^>]+>`)
	outcomeChart = regexp.MustCompile(`data-chart=["']?outcome-([a-z_]+)`)
)

// figureFileDiffers says how the first table of a figure and the CSV its
// link gives differ ("" when they do not): every row of the table (not its
// total) is a row of the file, in the same order, with the same requests
// (an outcome's figure: the requests with that outcome). The map's table is the exception: it follows the period the reader
// picks, and its file (countries.csv) holds every period.
func figureFileDiffers(figure string, file []byte) string {
	if strings.Contains(figure, "data-map") {
		return ""
	}
	table := tableBlock.FindString(figure)
	var shown []string
	for _, body := range bodyBlock.FindAllStringSubmatch(table, -1) {
		if strings.Contains(body[1], "total") {
			continue
		}
		for _, row := range rowBlock.FindAllStringSubmatch(body[2], -1) {
			m := requestsCell.FindStringSubmatch(row[0])
			if m == nil {
				continue // a header of a group of rows
			}
			// Compared by digits: each language writes numbers its way.
			text := digitsOf(m[1])
			if strings.Contains(m[0], "colspan") {
				text = "0" // "No requests"
			}
			shown = append(shown, text)
		}
	}
	records, err := csv.NewReader(strings.NewReader(string(file))).ReadAll()
	if err != nil || len(records) == 0 {
		return "the file is not a CSV"
	}
	column := "requests"
	if m := outcomeChart.FindStringSubmatch(figure); m != nil {
		column = "outcome_" + m[1]
	}
	col := slices.Index(records[0], column)
	var inFile []string
	for _, r := range records[1:] {
		v := "?"
		if col >= 0 {
			if n, err := strconv.ParseInt(r[col], 10, 64); err == nil {
				v = strconv.FormatInt(n, 10)
			}
		}
		inFile = append(inFile, v)
	}
	if len(shown) != len(inFile) {
		return fmt.Sprintf("the table has %d rows, the file %d", len(shown), len(inFile))
	}
	for i := range shown {
		if inFile[i] != "?" && shown[i] != inFile[i] {
			return fmt.Sprintf("row %d: the table shows %s requests, the file %s", i+1, shown[i], inFile[i])
		}
	}
	return ""
}

// checkSharing checks what a reader of the demo gets beside the figures:
// a shared link's preview image, made at build (1200 × 630 px, in og:image
// and twitter:card), the company's guidelines and principles in the
// footer, and on a country page what changed since the previous period.
func checkSharing(t *testing.T, site string) {
	t.Helper()
	pageShows(t, site, []pageCheck{
		{"", []string{`<meta name="twitter:card" content="summary_large_image">`,
			`<a href="https://lumen-mail.example/legal/law-enforcement-guidelines">`, "guidelines for law enforcement</a>",
			`<a href="https://lumen-mail.example/legal/government-requests-principles">`}, nil},
		{"countries/us", []string{"compared with Q2 2026", `property="og:image"`}, nil},
	})
	m := regexp.MustCompile(`<meta property="og:image" content="http://localhost:1313/([^"]+)">`).FindStringSubmatch(page(t, site, ""))
	if m == nil {
		t.Fatal("the home page has no og:image at the site's address")
	}
	f, err := os.Open(filepath.Join(site, "public", filepath.FromSlash(m[1])))
	if err != nil {
		t.Fatalf("og:image: %v", err)
	}
	defer f.Close()
	if c, err := png.DecodeConfig(f); err != nil || c.Width != 1200 || c.Height != 630 {
		t.Errorf("og:image %s: %d × %d px (%v), want a 1200 × 630 PNG", m[1], c.Width, c.Height, err)
	}
}
