package draw

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

var tips = Tips{"en": "%c, %s: %v", "fr": "%c, %s : %v", "ar": "%c، %s: %v"}

func mustOption(t *testing.T) func(charts.Options, error) json.RawMessage {
	return func(opt charts.Options, err error) json.RawMessage {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return json.RawMessage(opt)
	}
}

// testCharts are one chart of each kind the view layer makes: bars over
// periods with a figure not published, horizontal bars, a matrix.
func testCharts(t *testing.T, lang string) []Chart {
	periods := []string{"Q1 2026", "Q2 2026", "Q3 2026"}
	must := mustOption(t)
	column := must(charts.Column("trend", "Requests", "", periods,
		[]report.Count{report.Exactly(1234), report.NotPublished(), report.Exactly(25000)}))
	breakdown := must(charts.Breakdown("bases", "Requests", []charts.Bar{
		{Label: "Court order", Value: report.Exactly(7623)},
		{Label: "Diplomatic request (MLAT)", Value: report.Exactly(1150)},
		{Label: "Preservation request", Value: report.Exactly(4600), Apart: true},
	}))
	three, five := report.Exactly(3), report.Exactly(98765)
	matrix := must(charts.Matrix("abroad", "Requests", []string{"Ireland", "United States"}, []string{"France", "Germany"},
		[][]*report.Count{{&three, nil}, {nil, &five}}))
	return []Chart{
		{Lang: lang, Name: "trend", Option: column},
		{Lang: lang, Name: "bases", Option: breakdown},
		{Lang: lang, Name: "abroad", Option: matrix},
	}
}

func drawn(t *testing.T, list []Chart) output.Tree {
	t.Helper()
	tree, err := Charts(context.Background(), list, tips, Options{ECharts: testhelp.NodeModule(t, EChartsFile)})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

var (
	svgOpen  = regexp.MustCompile(`<svg class="([^"]*)"`)
	titleRe  = regexp.MustCompile(`<title>([^<]*)</title>`)
	textRe   = regexp.MustCompile(`<text[^>]*transform="translate\(([-0-9.]+) ([-0-9.]+)\)"[^>]*>([^<]*)</text>`)
	unsafeRe = regexp.MustCompile(`<style|\sstyle="|ecmeta_|zr\d+-cls`)
)

// drawings splits a chart's markup into its drawings, by class.
func drawings(markup string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.SplitAfter(markup, "</svg>") {
		if m := svgOpen.FindStringSubmatch(part); m != nil {
			out[m[1]] = part
		}
	}
	return out
}

// TestCharts: every chart is drawn at the three widths, with a native
// tooltip per figure that gives it as the page writes numbers (none for a
// figure not published: no bar, no tooltip), nothing the site's
// Content-Security-Policy refuses, and the same markup every time.
func TestCharts(t *testing.T) {
	tree := drawn(t, append(testCharts(t, "en"), testCharts(t, "fr")...))
	if want := []string{"en/abroad.svg", "en/bases.svg", "en/trend.svg", "fr/abroad.svg", "fr/bases.svg", "fr/trend.svg"}; !slices.Equal(tree.Paths(), want) {
		t.Fatalf("paths = %v, want %v", tree.Paths(), want)
	}
	wantTitles := map[string][]string{
		"en/trend.svg":  {"Q1 2026, Requests: 1,234", "Q3 2026, Requests: 25,000"},
		"en/bases.svg":  {"Court order, Requests: 7,623", "Diplomatic request (MLAT), Requests: 1,150", "Preservation request, Requests: 4,600"},
		"en/abroad.svg": {"France, Ireland: 3", "Germany, United States: 98,765"},
		"fr/trend.svg":  {"Q1 2026, Requests : 1\u202f234", "Q3 2026, Requests : 25\u202f000"},
		"fr/abroad.svg": {"France, Ireland : 3", "Germany, United States : 98\u202f765"},
	}
	for path, markup := range tree {
		got := drawings(string(markup))
		if len(got) != 3 || got["chart-svg chart-narrow"] == "" || got["chart-svg chart-medium"] == "" || got["chart-svg chart-wide"] == "" {
			t.Errorf("%s: drawings %v, want chart-narrow, chart-medium and chart-wide", path, keys(got))
		}
		if m := unsafeRe.FindString(string(markup)); m != "" {
			t.Errorf("%s: has %q: a style the CSP refuses, or the renderer's bookkeeping", path, m)
		}
		want, ok := wantTitles[path]
		if !ok {
			continue
		}
		for class, svg := range got {
			var titles []string
			for _, m := range titleRe.FindAllStringSubmatch(svg, -1) {
				titles = append(titles, m[1])
			}
			slices.Sort(titles)
			if !slices.Equal(titles, want) {
				t.Errorf("%s %s: tooltips %q, want %q", path, class, titles, want)
			}
		}
	}
	if again := drawn(t, append(testCharts(t, "en"), testCharts(t, "fr")...)); !equalTrees(tree, again) {
		t.Error("the same charts drawn twice differ")
	}
	golden.Check(t, "testdata/en-bases.svg", tree["en/bases.svg"])
}

// TestChartsRightToLeft: in Arabic time runs leftwards (the first period's
// label is right of the last) and the labels of horizontal bars stand on
// their right.
func TestChartsRightToLeft(t *testing.T) {
	for _, tt := range []struct {
		lang        string
		firstRight  bool // the trend's first period right of its last
		labelsRight bool // the bars' labels in the right half
	}{
		{"en", false, false},
		{"ar", true, true},
	} {
		tree := drawn(t, testCharts(t, tt.lang))
		trend := textPositions(drawings(string(tree[tt.lang+"/trend.svg"]))["chart-svg chart-wide"])
		first, last := trend["Q1 2026"], trend["Q3 2026"]
		if first == nil || last == nil {
			t.Fatalf("%s: no period labels in the trend: %v", tt.lang, trend)
		}
		if got := first[0] > last[0]; got != tt.firstRight {
			t.Errorf("%s: the first period right of the last = %v, want %v (x %v, %v)", tt.lang, got, tt.firstRight, first[0], last[0])
		}
		bases := textPositions(drawings(string(tree[tt.lang+"/bases.svg"]))["chart-svg chart-wide"])
		court := bases["Court order"]
		if court == nil {
			t.Fatalf("%s: no label Court order: %v", tt.lang, bases)
		}
		if got := court[0] > 440; got != tt.labelsRight {
			t.Errorf("%s: the bars' labels on the right = %v, want %v (x %v of 880)", tt.lang, got, tt.labelsRight, court[0])
		}
	}
}

// TestChartsRefused: an option ECharts cannot draw, or a language without
// tooltip words, fails the build with the chart named, and a Node that
// cannot be run says so.
func TestChartsRefused(t *testing.T) {
	echarts := testhelp.NodeModule(t, EChartsFile)
	bad := []Chart{{Lang: "en", Name: "odd", Option: json.RawMessage(`{"series":[{"type":"sunburst","data":[1]}]}`)}}
	if _, err := Charts(context.Background(), bad, tips, Options{ECharts: echarts}); err == nil || !strings.Contains(err.Error(), "sunburst") {
		t.Errorf("an unknown series type: %v, want an error naming it", err)
	}
	de := testCharts(t, "de")
	if _, err := Charts(context.Background(), de, tips, Options{ECharts: echarts}); err == nil || !strings.Contains(err.Error(), "no tooltip words for language de") {
		t.Errorf("a language without words: %v", err)
	}
	if _, err := Charts(context.Background(), testCharts(t, "en"), tips, Options{Node: "/no/such/node", ECharts: echarts}); err == nil || !strings.Contains(err.Error(), "/no/such/node") {
		t.Errorf("no Node: %v", err)
	}
}

// TestChartsCache: a chart drawn once is taken from the cache, as it was
// drawn; a chart whose option, language or words changed is drawn again; a
// cache entry is the drawing, whole.
func TestChartsCache(t *testing.T) {
	o := Options{ECharts: testhelp.NodeModule(t, EChartsFile), Cache: t.TempDir()}
	ctx := context.Background()
	list := testCharts(t, "en")
	before := drawnInNode.Load()
	first, err := Charts(ctx, list, tips, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := drawnInNode.Load() - before; n != int64(len(list)) {
		t.Fatalf("a cold cache drew %d charts, want %d", n, len(list))
	}
	uncached, err := Charts(ctx, list, tips, Options{ECharts: o.ECharts})
	if err != nil {
		t.Fatal(err)
	}
	if !equalTrees(first, uncached) {
		t.Error("drawn with a cache and without differ")
	}
	changed := append([]Chart(nil), list...)
	must := mustOption(t)
	changed[0].Option = must(charts.Column("trend", "Requests", "", []string{"Q1 2026"}, []report.Count{report.Exactly(1235)}))
	before = drawnInNode.Load()
	second, err := Charts(ctx, changed, Tips{"en": "%c – %s: %v"}, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := drawnInNode.Load() - before; n != int64(len(list)) {
		t.Errorf("other words drew %d charts, want all %d", n, len(list))
	}
	before = drawnInNode.Load()
	third, err := Charts(ctx, changed, tips, o)
	if err != nil {
		t.Fatal(err)
	}
	if n := drawnInNode.Load() - before; n != 1 {
		t.Errorf("one option changed: %d charts drawn, want 1", n)
	}
	if !strings.Contains(string(third["en/trend.svg"]), "Q1 2026, Requests: 1,235") || string(third["en/bases.svg"]) != string(first["en/bases.svg"]) {
		t.Errorf("after one option changed: trend %.200s…", third["en/trend.svg"])
	}
	if strings.Contains(string(second["en/trend.svg"]), ", Requests:") {
		t.Error("other words: the drawing kept the old ones")
	}
}

// TestFromTree: the charts of the data tree are its charts/LANG/NAME.json
// but the map's, which the browser draws.
func TestFromTree(t *testing.T) {
	tree := output.Tree{
		"charts/en/trend-quarter.json":  []byte(`{}`),
		"charts/fr/map-2026-Q3.json":    []byte(`{}`),
		"charts/fr/period-2026-Q3.json": []byte(`{}`),
		"periods/2026-Q3.json":          []byte(`{}`),
	}
	var got []string
	for _, c := range FromTree(tree) {
		got = append(got, c.Lang+"/"+c.Name)
	}
	if want := []string{"en/trend-quarter", "fr/period-2026-Q3"}; !slices.Equal(got, want) {
		t.Errorf("FromTree = %v, want %v", got, want)
	}
}

func textPositions(svg string) map[string][]float64 {
	out := map[string][]float64{}
	for _, m := range textRe.FindAllStringSubmatch(svg, -1) {
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		out[m[3]] = []float64{x, y}
	}
	return out
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func equalTrees(a, b output.Tree) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if string(b[k]) != string(v) {
			return false
		}
	}
	return true
}
