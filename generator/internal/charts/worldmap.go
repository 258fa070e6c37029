package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// MapName is the name the site's script registers the world geometry under
// (echarts.registerMap) and every map option refers to.
const MapName = "world"

// MapPalette is the map's sequential scale, light to dark: ColorBrewer's
// Blues, one hue whose lightness alone orders the bands, so it reads the
// same with any colour vision. MapNoRequests colours the countries that made
// none; MapBorder draws the borders.
var (
	MapPalette    = []string{"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"}
	MapNoRequests = "#e8e8e8"
	// MapNotPublished colours the countries whose requests were not
	// published: neither none nor a band.
	MapNotPublished = "#ffffff"
	MapBorder       = "#8a8a8a"
	MapHighlight    = "#E69F00" // Okabe and Ito's orange: the country under the pointer
)

// ColorBand is one colour band of the map: Low to High requests, or Low and more
// when Open.
type ColorBand struct {
	Low, High int64
	Open      bool
}

// Bands splits 1 to max requests into powers of ten (1–9, 10–99, 100–999,
// ...), at most len(MapPalette) bands, the last one open. Counts span
// several orders of magnitude, so equal-width bands would put every
// country but the largest in the first one.
func Bands(max int64) []ColorBand {
	var out []ColorBand
	for low := int64(1); ; low *= 10 {
		if len(out) == len(MapPalette)-1 || low*10 > max {
			return append(out, ColorBand{Low: low, Open: true})
		}
		out = append(out, ColorBand{Low: low, High: low*10 - 1})
	}
}

// MapWords are the map's words in one language.
type MapWords struct {
	Series     string   // what the value is: "Requests"
	NoRequests string   // the legend entry of countries without requests
	Bands      []string // one label per band, such as "1,000–9,999"
}

// MapCountry is one country's requests in the period a map shows.
type MapCountry struct {
	Code     string
	Requests int64
	// NotPublished: the country's requests were not published, so it has
	// no value, and is coloured MapNotPublished.
	NotPublished bool
}

// mapItem is one entry of the map series' data: ECharts' name and value,
// and the code, with which the page's script links a country to its page.
type mapItem struct {
	Name  string `json:"name"`
	Value *int64 `json:"value"` // null: not published
	Code  string `json:"code"`
}

// WorldMap colours each country of the geometry (codes) by its requests in
// one period; countries without requests get the no-requests colour.
// Countries the geometry lacks are not in it: the table beside the map,
// which the site renders, lists them. names gives each code's name in the
// page's language: the tooltip's (ECharts' nameMap).
func WorldMap(title string, codes []string, names map[string]string, countries []MapCountry, bands []ColorBand, words MapWords) (Options, error) {
	if len(words.Bands) != len(bands) {
		return nil, fmt.Errorf("map %s: %d band labels for %d bands", title, len(words.Bands), len(bands))
	}
	if len(bands) > len(MapPalette) {
		return nil, fmt.Errorf("map %s: %d bands, the palette has %d colours", title, len(bands), len(MapPalette))
	}
	m := charts.NewMap()
	m.RegisterMapType(MapName)
	m.Colors = MapPalette // the series' colours come from the pieces
	m.SetGlobalOptions(
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: title}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}: {c}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		charts.WithAnimation(false),
		charts.WithVisualMapOpts(opts.VisualMap{Type: "piecewise", Left: "left", Bottom: "0", Orient: "vertical"}),
	)
	requests := map[string]*int64{}
	notPublished := false
	for _, c := range countries {
		requests[c.Code] = ptr(c.Requests)
		if c.NotPublished {
			requests[c.Code], notPublished = nil, true
		}
	}
	nameMap := make(map[string]string, len(codes))
	items := make([]mapItem, len(codes))
	for i, code := range codes {
		name := names[code]
		if name == "" {
			name = code
		}
		nameMap[code] = name
		value, ok := requests[code]
		if !ok {
			value = ptr(0)
		}
		items[i] = mapItem{Name: name, Value: value, Code: code}
	}
	m.AddSeries(words.Series, nil,
		charts.WithItemStyleOpts(opts.ItemStyle{AreaColor: MapNoRequests, BorderColor: MapBorder, BorderWidth: 0.5}),
		charts.WithEmphasisOpts(opts.Emphasis{Label: &opts.Label{Show: opts.Bool(false)}, ItemStyle: &opts.ItemStyle{AreaColor: MapHighlight}}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Top, s.Bottom, s.Left, s.Right = "8", "8", "8", "8"
			s.Data = items
		}),
	)
	pieces := []piece{{Lt: ptr(1), Label: words.NoRequests, Color: MapNoRequests}}
	for i, b := range bands {
		p := piece{Min: ptr(b.Low), Label: words.Bands[i], Color: MapPalette[i]}
		if !b.Open {
			p.Max = ptr(b.High)
		}
		pieces = append(pieces, p)
	}
	m.Accept(mapVisitor{nameMap: nameMap, pieces: pieces, notPublished: notPublished})
	m.Validate()
	raw, err := json.Marshal(m.JSON())
	if err != nil {
		return nil, fmt.Errorf("encode map %s: %w", title, err)
	}
	return raw, nil
}

func ptr(v int64) *int64 { return &v }

// piece is a band of a piecewise visualMap. go-echarts' Piece has no label
// and omits zero bounds, so the visitor writes these instead.
type piece struct {
	Lt    *int64 `json:"lt,omitempty"`
	Min   *int64 `json:"min,omitempty"`
	Max   *int64 `json:"max,omitempty"`
	Label string `json:"label"`
	Color string `json:"color"`
}

// mapVisitor adds what go-echarts has no field for: the series' nameMap and
// selectedMode, and labelled legend pieces. Visitors are go-echarts' way to
// extend an option before it is encoded.
type mapVisitor struct {
	charts.BaseConfigurationVisitor
	nameMap map[string]string
	pieces  []piece
	// notPublished: some country has no value, which ECharts colours
	// as out of range.
	notPublished bool
}

func (v mapVisitor) VisitSeriesOpt(series charts.MultiSeries) interface{} {
	return extend(series, func(m map[string]interface{}) {
		m["nameMap"] = v.nameMap
		m["selectedMode"] = false     // a click opens the country's page instead
		m["showLegendSymbol"] = false // no dot on each country: the colour says it all
	})
}

func (v mapVisitor) VisitVisualMaps(visualMaps []opts.VisualMap) interface{} {
	return extend(visualMaps, func(m map[string]interface{}) {
		m["pieces"] = v.pieces
		if v.notPublished {
			m["outOfRange"] = map[string]interface{}{"color": MapNotPublished}
		}
	})
}

// extend turns each option into a map of its JSON fields and sets more of
// them, which go-echarts has no fields for.
func extend[T any](options []T, set func(map[string]interface{})) []map[string]interface{} {
	out := make([]map[string]interface{}, len(options))
	for i, o := range options {
		raw, _ := json.Marshal(o)
		var m map[string]interface{}
		_ = json.Unmarshal(raw, &m)
		set(m)
		out[i] = m
	}
	return out
}
