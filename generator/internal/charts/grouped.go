package charts

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/transparency-report/site/generator/internal/report"
)

// Series is one named series of a Grouped chart: a value per period.
type Series struct {
	Name   string
	Values []report.Count
}

// Grouped is a vertical bar per period for each series: side by side, or,
// with stacked, one on the other (parts that add up to a whole, such as
// the requests of each customer segment). The series take the palette's
// colours in order.
func Grouped(title string, periods []string, series []Series, stacked bool) (Options, error) {
	bar := charts.NewBar()
	base(bar, title, false)
	bar.SetXAxis(periods)
	for _, s := range series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: Value(v)}
		}
		var options []charts.SeriesOpts
		if stacked {
			options = append(options, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		bar.AddSeries(s.Name, data, options...)
	}
	return encode(bar)
}
