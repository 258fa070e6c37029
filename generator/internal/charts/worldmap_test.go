package charts

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestBands(t *testing.T) {
	tests := []struct {
		max  int64
		want []ColorBand
	}{
		{0, []ColorBand{{Low: 1, Open: true}}},
		{9, []ColorBand{{Low: 1, Open: true}}},
		{10, []ColorBand{{Low: 1, High: 9}, {Low: 10, Open: true}}},
		{6639, []ColorBand{{Low: 1, High: 9}, {Low: 10, High: 99}, {Low: 100, High: 999}, {Low: 1000, Open: true}}},
		// Never more bands than colours: the last one takes the rest.
		{5_000_000_000, []ColorBand{{Low: 1, High: 9}, {Low: 10, High: 99}, {Low: 100, High: 999}, {Low: 1000, High: 9999}, {Low: 10000, High: 99999}, {Low: 100000, Open: true}}},
	}
	for _, tt := range tests {
		got := Bands(tt.max)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Bands(%d) (-want +got):\n%s", tt.max, diff)
		}
		if len(got) > len(MapPalette) {
			t.Errorf("Bands(%d): %d bands for %d colours", tt.max, len(got), len(MapPalette))
		}
	}
}

// TestWorldMap checks what the page's script relies on: one data item per
// country of the geometry, with its code, and none for the countries with
// requests that it lacks (the table beside the map lists them); names for
// the tooltip; labelled pieces.
func TestWorldMap(t *testing.T) {
	bands := Bands(2000)
	opt, err := WorldMap("map-2026-Q3", []string{"DE", "FR"}, map[string]string{"DE": "Germany", "FR": "France", "XK": "Kosovo"},
		[]MapCountry{{Code: "DE", Requests: 2000}, {Code: "XK", Requests: 2}},
		bands, MapWords{Series: "Requests", NoRequests: "No requests", Bands: []string{"1–9", "10–99", "100–999", "1,000 or more"}})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Series []struct {
			Type             string            `json:"type"`
			Map              string            `json:"map"`
			NameMap          map[string]string `json:"nameMap"`
			SelectedMode     bool              `json:"selectedMode"`
			ShowLegendSymbol bool              `json:"showLegendSymbol"`
			Data             []mapItem         `json:"data"`
		} `json:"series"`
		VisualMap []struct {
			Type   string  `json:"type"`
			Pieces []piece `json:"pieces"`
		} `json:"visualMap"`
	}
	if err := json.Unmarshal(opt, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Series) != 1 || got.Series[0].Type != "map" || got.Series[0].Map != MapName {
		t.Fatalf("series = %+v, want one map series of %q", got.Series, MapName)
	}
	wantData := []mapItem{
		{Name: "Germany", Value: ptr(2000), Code: "DE"},
		{Name: "France", Value: ptr(0), Code: "FR"},
	}
	if diff := cmp.Diff(wantData, got.Series[0].Data); diff != "" {
		t.Errorf("data (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"DE": "Germany", "FR": "France"}, got.Series[0].NameMap); diff != "" {
		t.Errorf("nameMap (-want +got):\n%s", diff)
	}
	var labels []string
	for _, p := range got.VisualMap[0].Pieces {
		labels = append(labels, p.Label)
	}
	if diff := cmp.Diff([]string{"No requests", "1–9", "10–99", "100–999", "1,000 or more"}, labels); diff != "" {
		t.Errorf("legend (-want +got):\n%s", diff)
	}
	if _, err := WorldMap("m", nil, nil, nil, bands, MapWords{Bands: []string{"one"}}); err == nil {
		t.Error("no error for a label missing for a band")
	}
}

// TestWorldMapNotPublished: a country whose requests were not published has
// no value (null), never 0, and is coloured apart from "no requests".
func TestWorldMapNotPublished(t *testing.T) {
	words := MapWords{Series: "Requests", NoRequests: "No requests", Bands: []string{"1–9"}}
	for _, tt := range []struct {
		name       string
		countries  []MapCountry
		wantValue  *int64
		outOfRange bool
	}{
		{"published", []MapCountry{{Code: "CN", Requests: 3}}, ptr(3), false},
		{"not published", []MapCountry{{Code: "CN", NotPublished: true}}, nil, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opt, err := WorldMap("map-2022-H2", []string{"CN"}, map[string]string{"CN": "China"}, tt.countries, Bands(9), words)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Series []struct {
					Data []mapItem `json:"data"`
				} `json:"series"`
				VisualMap []struct {
					OutOfRange *struct {
						Color string `json:"color"`
					} `json:"outOfRange"`
				} `json:"visualMap"`
			}
			if err := json.Unmarshal(opt, &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantValue, got.Series[0].Data[0].Value); diff != "" {
				t.Errorf("value (-want +got):\n%s", diff)
			}
			if (got.VisualMap[0].OutOfRange != nil) != tt.outOfRange || (tt.outOfRange && got.VisualMap[0].OutOfRange.Color != MapNotPublished) {
				t.Errorf("outOfRange = %+v, want the not-published colour: %v", got.VisualMap[0].OutOfRange, tt.outOfRange)
			}
		})
	}
}
