package geo

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func tiny(t *testing.T) *Topology {
	t.Helper()
	top, err := ReadTopology(filepath.Join("testdata", "tiny.topojson"))
	if err != nil {
		t.Fatal(err)
	}
	return top
}

// TestCountriesGolden converts the hand-written topology of testdata/ with
// several options and compares the GeoJSON with testdata/*.golden.json.
// Run `go test ./generator/internal/geo -update` after an intended change.
func TestCountriesGolden(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		codes   []string
		dropped []string // "ID Name: reason"
	}{
		{
			name:  "one-decimal",
			opts:  Options{Decimals: 1},
			codes: []string{"AQ", "DE", "FR", "MC", "US", "ZA"},
			dropped: []string{
				` Kosovo: no ISO 3166-1 numeric code`,
				`-99 Somaliland: not an ISO 3166-1 country code`,
				`092 British Virgin Is.: no geometry`,
			},
		},
		{
			name:  "whole-degrees-without-antarctica",
			opts:  Options{Decimals: 0, Exclude: []string{"AQ"}},
			codes: []string{"DE", "FR", "US", "ZA"},
			dropped: []string{
				` Kosovo: no ISO 3166-1 numeric code`,
				`-99 Somaliland: not an ISO 3166-1 country code`,
				`010 Antarctica: excluded`,
				`492 Monaco: no polygon left after rounding`, // 0.1° wide
				`092 British Virgin Is.: no geometry`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fc, dropped, err := tiny(t).Countries("countries", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.codes, fc.Codes()); diff != "" {
				t.Errorf("codes (-want +got):\n%s", diff)
			}
			var gotDropped []string
			for _, d := range dropped {
				gotDropped = append(gotDropped, d.ID+" "+d.Name+": "+d.Reason)
			}
			if diff := cmp.Diff(tt.dropped, gotDropped); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
			got, err := json.MarshalIndent(fc, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", tt.name+".golden.json"), got)
		})
	}
}

// TestStitching checks rings made of shared arcs, one of them walked
// backwards, against coordinates worked out by hand.
func TestStitching(t *testing.T) {
	fc, _, err := tiny(t).Countries("countries", Options{Decimals: 1})
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]Geometry{}
	for _, f := range fc.Features {
		if f.Properties.Name != f.ID {
			t.Errorf("feature %s is named %q, want its code", f.ID, f.Properties.Name)
		}
		byCode[f.ID] = f.Geometry
	}
	tests := []struct {
		code string
		want []Polygon
	}{
		// Arc 0 is the border (12,20)-(12,22); Germany walks it forwards,
		// then arc 1 round its west side.
		{"DE", []Polygon{{{{12, 20}, {12, 22}, {10, 22}, {10, 20}, {12, 20}}}}},
		// France walks arc 0 backwards (index -1), then arc 2 round its east.
		{"FR", []Polygon{{{{12, 22}, {12, 20}, {14, 20}, {14, 22}, {12, 22}}}}},
		// Two polygons: a MultiPolygon.
		{"US", []Polygon{
			{{{20, 30}, {21, 30}, {21, 31}, {20, 31}, {20, 30}}},
			{{{30, 30}, {30, 31}, {31, 31}, {31, 30}, {30, 30}}},
		}},
		// An exterior and a hole winding the other way.
		{"ZA", []Polygon{{
			{{40, 20}, {40, 26}, {46, 26}, {46, 20}, {40, 20}},
			{{42, 22}, {44, 22}, {44, 24}, {42, 24}, {42, 22}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, byCode[tt.code].Polygons); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.code, diff)
			}
		})
	}
}

func TestGeometryJSON(t *testing.T) {
	square := Polygon{{{0, 0}, {1.5, 0}, {1.5, -2.25}, {0, 0}}}
	tests := []struct {
		name string
		g    Geometry
		want string
	}{
		{"polygon", Geometry{Polygons: []Polygon{square}}, `{"type":"Polygon","coordinates":[[[0,0],[1.5,0],[1.5,-2.25],[0,0]]]}`},
		{"multipolygon", Geometry{Polygons: []Polygon{square, square}}, `{"type":"MultiPolygon","coordinates":[[[[0,0],[1.5,0],[1.5,-2.25],[0,0]]],[[[0,0],[1.5,0],[1.5,-2.25],[0,0]]]]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.g)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, topology, object, want string
	}{
		{"not a topology", `{"type":"FeatureCollection"}`, "countries", `type is "FeatureCollection", want Topology`},
		{"no such object", `{"type":"Topology","objects":{},"arcs":[]}`, "countries", `topology has no object "countries"`},
		{"missing arc", `{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","id":"276","arcs":[[3]]}]}},"arcs":[]}`, "countries", `arc 3 does not exist`},
		{"unsupported type", `{"type":"Topology","objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"LineString","id":"276","arcs":[0]}]}},"arcs":[[[0,0],[1,1]]]}`, "countries", `LineString is not a Polygon or MultiPolygon`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, err := DecodeTopology([]byte(tt.topology))
			if err == nil {
				_, _, err = top.Countries(tt.object, Options{Decimals: 1})
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestAbsoluteArcs reads a topology without a transform: arcs are plain
// positions, not deltas.
func TestAbsoluteArcs(t *testing.T) {
	top, err := DecodeTopology([]byte(`{"type":"Topology","objects":{"c":{"type":"GeometryCollection","geometries":[
		{"type":"Polygon","id":"276","arcs":[[0]]}]}},
		"arcs":[[[5.04,50.11],[15.01,50.11],[15.01,55.02],[5.04,50.11]]]}`))
	if err != nil {
		t.Fatal(err)
	}
	fc, _, err := top.Countries("c", Options{Decimals: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []Polygon{{{{5, 50.1}, {15, 50.1}, {15, 55}, {5, 50.1}}}}
	if diff := cmp.Diff(want, fc.Features[0].Geometry.Polygons); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestWorldAtlas converts the real world-atlas file the site uses.
func TestWorldAtlas(t *testing.T) {
	testhelp.NodeModule(t, WorldAtlasFile)
	fc, dropped, err := World("")
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, c := range fc.Codes() {
		codes[c] = true
	}
	for _, c := range []string{"DE", "US", "FR", "BR", "IN", "JP", "ZA", "AU", "TW", "GB"} {
		if !codes[c] {
			t.Errorf("no feature named %s", c)
		}
	}
	if codes["AQ"] {
		t.Error("Antarctica is on the map")
	}
	if len(fc.Features) < 170 {
		t.Errorf("%d features, want about 173", len(fc.Features))
	}
	var names []string
	for _, d := range dropped {
		names = append(names, d.Name)
	}
	if diff := cmp.Diff([]string{"Antarctica", "N. Cyprus", "Somaliland", "Kosovo"}, names); diff != "" {
		t.Errorf("dropped features (-want +got):\n%s", diff)
	}
	for _, f := range fc.Features {
		for _, p := range f.Geometry.Polygons {
			for _, ring := range p {
				for i := 1; i < len(ring); i++ {
					if math.Abs(ring[i][0]-ring[i-1][0]) > 180 {
						t.Errorf("%s: a ring jumps from %v to %v, across the whole map", f.ID, ring[i-1], ring[i])
					}
				}
			}
		}
	}
	raw, err := json.Marshal(fc)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) > 200_000 {
		t.Errorf("the world map is %d bytes, want it under 200 kB", len(raw))
	}
	if !json.Valid(raw) {
		t.Fatal("the world map is not valid JSON")
	}
}

// TestAntimeridian splits a rectangle from 179° to -179° (181°) into its
// parts on either side of the antimeridian (rounded, as the output is, which
// removes the repeated positions that clipping leaves).
func TestAntimeridian(t *testing.T) {
	tests := []struct {
		name string
		in   Polygon
		want []Polygon
	}{
		{
			name: "east then west",
			in:   Polygon{{{179, 0}, {180, 0}, {-180, 0}, {-179, 0}, {-179, 1}, {-180, 1}, {180, 1}, {179, 1}, {179, 0}}},
			want: []Polygon{
				{{{179, 0}, {180, 0}, {180, 1}, {179, 1}, {179, 0}}},
				{{{-180, 0}, {-179, 0}, {-179, 1}, {-180, 1}, {-180, 0}}},
			},
		},
		{
			name: "west then east",
			in:   Polygon{{{-179, 0}, {-179, 1}, {179, 1}, {179, 0}, {-179, 0}}},
			want: []Polygon{
				{{{-180, 0}, {-179, 0}, {-179, 1}, {-180, 1}, {-180, 0}}},
				{{{180, 0}, {180, 1}, {179, 1}, {179, 0}, {180, 0}}},
			},
		},
		{
			name: "does not cross",
			in:   Polygon{{{10, 0}, {11, 0}, {11, 1}, {10, 0}}},
			want: []Polygon{{{{10, 0}, {11, 0}, {11, 1}, {10, 0}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := splitAntimeridian(tt.in)
			for _, p := range got {
				for i := range p {
					p[i] = round(p[i], 10)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
