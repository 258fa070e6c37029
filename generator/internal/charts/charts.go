// Package charts builds the ECharts option JSON of every chart on the site,
// with go-echarts, from the same aggregated figures that fill the tables
// beside the charts. Options hold data and labels only: no JavaScript
// functions, which would not survive JSON.
package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Palette is Okabe and Ito's colour-blind-safe palette, in the order of the
// taxonomy's outcomes: content, non-content, no data, rejected, then others.
var Palette = []string{"#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#999999", "#009E73", "#CC79A7", "#F0E442"}

// Words are the chart labels that are not in the taxonomy, in one language,
// from the site's translation files.
type Words struct {
	Requests          string // the series name of single-series charts
	OutcomeNotCounted string // the stack of requests whose outcome was not published as counts
	SharesDisclosed   string // the series of a chart of shares where some data was disclosed
	PercentAxis       string // the value axis's labels of a chart of shares: "{value}%"
	NotSplitBySegment string // the stack of requests of rows that name no customer segment
}

// Options is one chart's ECharts option object.
type Options = json.RawMessage

func base(bar *charts.Bar, title string, horizontal bool) {
	bar.SetGlobalOptions(
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		// A plain legend wraps onto more lines where the screen is narrow
		// (the client makes room for them under the grid); a scrolling one
		// would page it and hide colours.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "plain", Bottom: "0"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "24", Bottom: "48", ContainLabel: opts.Bool(true)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		charts.WithAnimation(false),
	)
	bar.Colors = Palette
	bar.Theme = "white"
	// Every value axis counts requests: no tick between two whole numbers.
	if horizontal {
		bar.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{MinInterval: 1}))
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{MinInterval: 1}))
	}
}

// Apart is the colour of a bar set apart from the others, such as the
// requests that are not counted in the totals: grey.
var Apart = Palette[4]

// Value is how a chart draws a figure: a gap where it was not published,
// never a zero, and the lower bound of a range or of a sum of which some
// parts were not published (the table beside the chart says which).
func Value(n report.Count) any {
	if !n.Published() {
		return nil
	}
	return n.Min
}

func encode(bar *charts.Bar) (Options, error) {
	bar.Validate()
	raw, err := json.Marshal(bar.JSON())
	if err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return raw, nil
}

// OutcomeTrend is a stacked bar per period of requests by outcome: the
// periods' figures in order, labelled as readers name the periods. shown
// says which outcomes and outcome groups the figures' table has columns for
// (view.Columns.OutcomesShown): a period whose outcomes of a group were all
// published draws them, one whose outcomes were not draws the group's own
// figure, so that no request is drawn twice. Without any (the sources
// published only the share where data was disclosed) there is no empty
// series: the rest of the bar, in grey, is the requests whose outcome was not
// published as counts.
func OutcomeTrend(title string, periods []string, figures []report.Figures, shown map[string]bool, tax *taxonomy.Taxonomy, lang string, words Words) (Options, error) {
	bar := charts.NewBar()
	base(bar, title, false)
	bar.SetXAxis(periods)
	drawn := make([]int64, len(figures))
	// split says whether a period's outcomes of group g were all published.
	split := func(f report.Figures, g taxonomy.Entry) bool {
		for _, o := range tax.Leaves(g) {
			if !f.Outcomes[o.Key].IsExact() {
				return false
			}
		}
		return true
	}
	add := func(node taxonomy.Entry, color string, draw func(report.Figures) bool) {
		data := make([]opts.BarData, len(figures))
		for i, f := range figures {
			if !draw(f) {
				continue
			}
			data[i] = opts.BarData{Value: Value(f.Outcomes[node.Key])}
			drawn[i] += f.Outcomes[node.Key].Min
		}
		options := []charts.SeriesOpts{charts.WithBarChartOpts(opts.BarChart{Stack: "requests"})}
		if color != "" {
			options = append(options, charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
		}
		bar.AddSeries(node.Label.In(lang), data, options...)
	}
	for _, o := range tax.Outcomes {
		if shown[o.Key] {
			group := tax.GroupOf(o)
			add(o, "", func(f report.Figures) bool { return !shown[group.Key] || split(f, group) })
		}
	}
	// The groups' colours come after the outcomes' and the grey.
	for i, g := range tax.OutcomeGroups {
		if shown[g.Key] {
			add(g, Palette[(len(tax.Outcomes)+1+i)%len(Palette)], func(f report.Figures) bool { return !split(f, g) })
		}
	}
	unknown := make([]opts.BarData, len(figures))
	anyUnknown := false
	for i, f := range figures {
		n := f.Requests.Min - drawn[i]
		unknown[i] = opts.BarData{Value: n}
		anyUnknown = anyUnknown || n > 0
	}
	if anyUnknown {
		// Its colour is the one after the outcomes' whether or not they are
		// drawn: grey.
		bar.AddSeries(words.OutcomeNotCounted, unknown, charts.WithBarChartOpts(opts.BarChart{Stack: "requests"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: Palette[len(tax.Outcomes)%len(Palette)]}))
	}
	return encode(bar)
}

// Bar is one bar of a Breakdown.
type Bar struct {
	Label string
	Value report.Count
	// Apart: drawn in the colour Apart, as figures that are not added to
	// the others (preservation requests, which the totals leave out).
	Apart bool
}

// Breakdown is a horizontal bar of requests per key of one dimension (legal
// basis, country), in the order given.
func Breakdown(title, seriesName string, bars []Bar) (Options, error) {
	bar := charts.NewBar()
	base(bar, title, true)
	// Horizontal bars draw the first category at the bottom: reverse so the
	// chart reads in the same order as its table.
	labels := make([]string, len(bars))
	data := make([]opts.BarData, len(bars))
	for i, b := range bars {
		j := len(bars) - 1 - i
		labels[j] = b.Label
		data[j] = opts.BarData{Value: Value(b.Value)}
		if b.Apart {
			data[j].ItemStyle = &opts.ItemStyle{Color: Apart}
		}
	}
	bar.SetXAxis(labels)
	bar.AddSeries(seriesName, data)
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	return encode(bar)
}

// Column is a vertical bar per period of one series (such as the requests
// with one outcome), in the given colour.
func Column(title, seriesName, color string, periods []string, values []report.Count) (Options, error) {
	bar := charts.NewBar()
	base(bar, title, false)
	bar.SetXAxis(periods)
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		data[i] = opts.BarData{Value: Value(v)}
	}
	bar.AddSeries(seriesName, data)
	bar.SetGlobalOptions(charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	if color != "" {
		bar.Colors = []string{color}
	}
	return encode(bar)
}

// Shares is a vertical bar per period of a percentage (0–100), such as the
// share of requests where some data was disclosed: a gap where it is not
// known. Its value axis runs from 0 to 100, so that no change looks larger
// than it is, and labels its ticks with axisFormat ("{value}%", as the
// page's language writes a percentage).
func Shares(title, seriesName, axisFormat string, periods []string, values []*float64) (Options, error) {
	bar := charts.NewBar()
	base(bar, title, false)
	bar.SetXAxis(periods)
	data := make([]opts.BarData, len(values))
	for i, v := range values {
		if v != nil {
			data[i] = opts.BarData{Value: *v}
		}
	}
	bar.AddSeries(seriesName, data)
	bar.SetGlobalOptions(
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithYAxisOpts(opts.YAxis{Min: 0, Max: 100, MinInterval: 1, AxisLabel: &opts.AxisLabel{Formatter: types.FuncStr(axisFormat)}}),
	)
	bar.Colors = []string{Palette[5]}
	return encode(bar)
}
