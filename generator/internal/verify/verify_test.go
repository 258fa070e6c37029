package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/problem"
)

// TestComparePage changes one figure of a built page at a time and finds
// it named by its page and cell: a table's row by its header (not the rank
// before it), a headline's value by its term, a paragraph by its heading,
// a chart's drawing by its chart and class.
func TestComparePage(t *testing.T) {
	const page = `<!doctype html><html><head><title>Q2 2026</title><script>var x = 1;</script></head><body>
<main><h1>Q2 2026</h1>
<dl class=headline><div><dt>Requests</dt><dd class=value>25,772</dd><dd class=change>+1,077 (+4.4%) compared with Q1 2026</dd></div></dl>
<h2>Countries</h2><div class=chart data-chart=countries role=img aria-label="Bar chart"><svg class="chart-svg chart-narrow" viewBox="0 0 320 384"><path d="M1 1L9 1"><title>Germany, Requests: 1,987</title></path><text>2K</text></svg></div><p class=chart-summary>Germany made the most requests: <a href=/countries/de/>1,987</a>.</p>
<table><caption>Requests by country</caption>
<tr><th>Rank</th><th>Country</th><th>Requests</th></tr>
<tr><td class=num>1</td><th scope=row><a href=/countries/de/>Germany</a></th><td class=num>1,987</td></tr>
</table></main>
<footer><p>Latest figures: Q2 2026.</p></footer></body></html>`
	tests := []struct {
		name, old, new string
		want           []string
	}{
		{"unchanged", "", "", nil},
		{"table cell", "<td class=num>1,987", "<td class=num>1,988",
			[]string{`p.html: table "Requests by country", row "Germany", column "Requests": the page shows "1,988", the sources give "1,987"`}},
		{"headline", "25,772", "25,778",
			[]string{`p.html: text under "Requests": the page shows "25,778", the sources give "25,772"`}},
		{"summary", ">1,987</a>", ">1,997</a>",
			[]string{`p.html: text under "Countries": the page shows "Germany made the most requests: 1,997.", the sources give "Germany made the most requests: 1,987."`}},
		{"footer", "Q2 2026.", "Q3 2026.",
			[]string{`p.html: text under "Countries": the page shows "Latest figures: Q3 2026.", the sources give "Latest figures: Q2 2026."`}},
		{"text added", "</main>", "<p>1</p></main>",
			[]string{`p.html: text under "Countries": the page shows "1", the sources give "Latest figures: Q2 2026."`}},
		{"script", "var x = 1", "var x = 2", nil},
		{"chart", "Requests: 1,987", "Requests: 1,988",
			[]string{`p.html: chart data "countries (chart-svg chart-narrow)", at character 24: the page has "many, Requests: 1,988\n2K", the sources give "many, Requests: 1,987\n2K"`}},
		{"chart label", "<text>2K", "<text>3K",
			[]string{`p.html: chart data "countries (chart-svg chart-narrow)", at character 26: the page has "ny, Requests: 1,987\n3K", the sources give "ny, Requests: 1,987\n2K"`}},
		// A minified page draws the same chart with other numbers.
		{"chart geometry", "M1 1L9 1", "M1 1 9 1", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Replace(page, tt.old, tt.new, 1)
			if tt.old != "" && got == page {
				t.Fatalf("%q is not in the page", tt.old)
			}
			var probs problem.List
			comparePage("p.html", []byte(page), []byte(got), &probs)
			if diff := cmp.Diff(tt.want, lines(&probs)); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSitesJSON: a figure changed in a JSON download or in the map's data
// is named by its file and where it differs; a file of the sources' site
// that the built one lacks is named too.
func TestSitesJSON(t *testing.T) {
	want, got := t.TempDir(), t.TempDir()
	write := func(dir, name, data string) {
		t.Helper()
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(want, "downloads/latest/requests.json", `[{"country":"DE","requests":1987}]`)
	write(got, "downloads/latest/requests.json", `[{"country":"DE","requests":1988}]`)
	write(want, "map/en/2026-q2.json", `{"DE":1987}`)
	write(got, "map/en/2026-q2.json", `{"DE":1987}`)
	write(want, "map/en/2026-q3.json", `{"DE":5}`)
	probs, err := Sites(want, got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{
		`downloads/latest/requests.json: at character 32: the file has ":\"DE\",\"requests\":1988}]", the sources give ":\"DE\",\"requests\":1987}]"`,
		`map/en/2026-q3.json: missing from the built site: the sources give it`,
	}, lines(&probs)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// lines are the problems as verify prints them, sorted.
func lines(probs *problem.List) []string {
	var out []string
	for _, p := range probs.Sorted() {
		out = append(out, p.String())
	}
	return out
}
