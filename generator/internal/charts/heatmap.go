package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/transparency-report/site/generator/internal/report"
)

// Matrix is a heatmap of requests from each row (a requesting country) to
// each column (where the data was stored): the numbers of a table, cell by
// cell. A nil cell is no request and draws nothing; a cell not published
// draws nothing either (Value).
func Matrix(title, seriesName string, columns, rows []string, cells [][]*report.Count) (Options, error) {
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Top: "24", Bottom: "56", ContainLabel: opts.Bool(true)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		charts.WithAnimation(false),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: columns, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		// The first row on top, as in the table.
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: rows, Inverse: opts.Bool(true), SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
	)
	var data []opts.HeatMapData
	var most int64
	for y, row := range cells {
		for x, c := range row {
			if c == nil {
				continue
			}
			v := Value(*c)
			if n, ok := v.(int64); ok {
				most = max(most, n)
			}
			data = append(data, opts.HeatMapData{Value: [3]any{x, y, v}})
		}
	}
	hm.SetGlobalOptions(charts.WithVisualMapOpts(opts.VisualMap{
		Calculable: opts.Bool(false), Min: 0, Max: float32(max(most, 1)), Orient: "horizontal", Left: "center", Bottom: "0",
		InRange: &opts.VisualMapInRange{Color: []string{"#DCEBF5", Palette[0]}},
	}))
	hm.AddSeries(seriesName, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	hm.Validate()
	raw, err := json.Marshal(hm.JSON())
	if err != nil {
		return nil, fmt.Errorf("encode chart: %w", err)
	}
	return raw, nil
}
