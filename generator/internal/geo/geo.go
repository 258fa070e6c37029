// Package geo turns the world geometry of the world-atlas npm package
// (Natural Earth, as TopoJSON) into the GeoJSON FeatureCollection that
// ECharts' registerMap takes, with one feature per country named by its
// ISO 3166-1 alpha-2 code.
//
// TopoJSON stores each border once, as an arc shared by the two countries
// on either side; arcs are quantized to integers and delta-encoded. Decoding
// undoes the delta encoding and the quantization (the topology's transform),
// then stitches each ring from its arcs, reversing the arcs whose index is
// negative (index ^i, that is -i-1, is arc i walked backwards). No released
// Go module does this, and it is small.
//
// world-atlas names countries by their ISO 3166-1 numeric code (the feature
// id, "276" for Germany), which CLDR maps to alpha-2. Features without a
// numeric code are dropped: in countries-110m.json, Kosovo, N. Cyprus and
// Somaliland; countries-50m.json also has Indian Ocean Ter. and Siachen
// Glacier. Countries dropped here, or too small for the 110m geometry (such
// as Malta, Singapore or Hong Kong), still appear in the table beside the
// map.
//
// Output is deterministic: features sorted by code, coordinates rounded to
// a fixed number of decimals, consecutive points that rounding made equal
// removed.
package geo

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/npm"
)

// WorldAtlasFile is the geometry the site's map uses, inside node_modules:
// Natural Earth's 1:110m countries. The 1:50m file would add the smallest
// states but is seven times larger; they are in the table beside the map.
const WorldAtlasFile = "world-atlas/countries-110m.json"

// CountriesObject is the name of the countries object in world-atlas files.
const CountriesObject = "countries"

// Options shape the conversion.
type Options struct {
	// Decimals is the number of decimal places of each coordinate (in
	// degrees); 1 is about 11 km at the equator, finer than a pixel of a
	// world map on any screen.
	Decimals int
	// Exclude lists alpha-2 codes to leave out, such as AQ (Antarctica, which
	// takes a fifth of the map's height and never makes requests).
	Exclude []string
}

// Dropped is a feature of the topology that is not in the output, and why.
type Dropped struct {
	Index  int    // position in the object's geometries
	ID     string // the feature's id, "" when it has none
	Name   string // properties.name, as world-atlas spells it
	Reason string
}

func (d Dropped) String() string {
	return fmt.Sprintf("geometries[%d] (id %q, %s): %s", d.Index, d.ID, d.Name, d.Reason)
}

// Topology is a decoded TopoJSON file.
type Topology struct {
	Type      string                     `json:"type"`
	Objects   map[string]json.RawMessage `json:"objects"`
	Arcs      [][][2]float64             `json:"arcs"`
	Transform *Transform                 `json:"transform"`
}

// Transform maps quantized positions back to longitude and latitude.
type Transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// geometry is one entry of a GeometryCollection. Arcs is [][]int for a
// Polygon and [][][]int for a MultiPolygon, so it is decoded by type.
type geometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs json.RawMessage `json:"arcs"`
}

type collection struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

// ReadTopology reads and decodes a TopoJSON file.
func ReadTopology(path string) (*Topology, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read world geometry: %w", err)
	}
	t, err := DecodeTopology(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// DecodeTopology decodes TopoJSON and resolves every arc to absolute
// positions.
func DecodeTopology(raw []byte) (*Topology, error) {
	var t Topology
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, fmt.Errorf("decode topology: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("type is %q, want Topology", t.Type)
	}
	if t.Transform != nil {
		for _, arc := range t.Arcs {
			var x, y float64
			for i, p := range arc {
				x, y = x+p[0], y+p[1]
				arc[i] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			}
		}
		t.Transform = nil // the arcs are absolute now
	}
	return &t, nil
}

// Countries converts one GeometryCollection of the topology (world-atlas
// calls it "countries") into features named by alpha-2 code. It returns the
// features and the geometries it left out, in their order.
func (t *Topology) Countries(object string, opts Options) (*FeatureCollection, []Dropped, error) {
	raw, ok := t.Objects[object]
	if !ok {
		return nil, nil, fmt.Errorf("topology has no object %q", object)
	}
	var c collection
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, nil, fmt.Errorf("object %q: %w", object, err)
	}
	if c.Type != "GeometryCollection" {
		return nil, nil, fmt.Errorf("object %q is a %s, want a GeometryCollection", object, c.Type)
	}
	scale := math.Pow(10, float64(opts.Decimals))
	fc := &FeatureCollection{Type: "FeatureCollection", Features: []Feature{}}
	var dropped []Dropped
	seen := map[string]int{}
	var errs []error
	for i, g := range c.Geometries {
		id := featureID(g.ID)
		drop := func(reason string) {
			dropped = append(dropped, Dropped{Index: i, ID: id, Name: g.Properties.Name, Reason: reason})
		}
		if id == "" {
			drop("no ISO 3166-1 numeric code")
			continue
		}
		code, ok := countries.FromNumeric(id)
		if !ok || !countries.Valid(code) {
			drop("not an ISO 3166-1 country code")
			continue
		}
		if slices.Contains(opts.Exclude, code) {
			drop("excluded")
			continue
		}
		if g.Type == "" {
			drop("no geometry")
			continue
		}
		polygons, err := t.polygons(g, scale)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s geometries[%d] (%s): %w", object, i, g.Properties.Name, err))
			continue
		}
		if len(polygons) == 0 {
			drop("no polygon left after rounding")
			continue
		}
		if j, dup := seen[code]; dup {
			// Natural Earth gives some dependencies their sovereign's code
			// (Ashmore and Cartier Is. are 036, Australia): one feature.
			fc.Features[j].Geometry.Polygons = append(fc.Features[j].Geometry.Polygons, polygons...)
			continue
		}
		seen[code] = len(fc.Features)
		fc.Features = append(fc.Features, Feature{
			Type:       "Feature",
			ID:         code,
			Properties: Properties{Name: code},
			Geometry:   Geometry{Polygons: polygons},
		})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	slices.SortFunc(fc.Features, func(a, b Feature) int { return cmp.Compare(a.ID, b.ID) })
	return fc, dropped, nil
}

// featureID reads an id given as a string ("276") or a number (276),
// padding numbers to the three digits of ISO 3166-1 numeric codes.
func featureID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n int
	if json.Unmarshal(raw, &n) == nil && n >= 0 {
		return fmt.Sprintf("%03d", n)
	}
	return ""
}

// polygons decodes a Polygon or MultiPolygon into rounded rings.
func (t *Topology) polygons(g geometry, scale float64) ([]Polygon, error) {
	var arcs [][][]int
	switch g.Type {
	case "Polygon":
		var rings [][]int
		if err := json.Unmarshal(g.Arcs, &rings); err != nil {
			return nil, fmt.Errorf("polygon arcs: %w", err)
		}
		arcs = [][][]int{rings}
	case "MultiPolygon":
		if err := json.Unmarshal(g.Arcs, &arcs); err != nil {
			return nil, fmt.Errorf("multipolygon arcs: %w", err)
		}
	default:
		return nil, fmt.Errorf("geometry type %s is not a Polygon or MultiPolygon", g.Type)
	}
	var out []Polygon
	for _, rings := range arcs {
		var polygon Polygon
		for _, ringArcs := range rings {
			ring, err := t.ring(ringArcs)
			if err != nil {
				return nil, err
			}
			polygon = append(polygon, ring)
		}
		for _, part := range splitAntimeridian(polygon) {
			var rounded Polygon
			for r, ring := range part {
				ring = round(ring, scale)
				if len(ring) < 4 {
					if r == 0 {
						break // the exterior vanished: so do its holes
					}
					continue
				}
				rounded = append(rounded, ring)
			}
			if len(rounded) > 0 {
				out = append(out, rounded)
			}
		}
	}
	return out, nil
}

// splitAntimeridian cuts a polygon that crosses the antimeridian in two.
// world-atlas's rings are spherical: eastern Russia or Fiji run from 179°
// to 180° and go on from -180°. Drawn on a flat map, such a ring would
// jump across the whole world; so each ring is unwrapped (longitudes past
// 180° continue as 181°, ...), the polygon is clipped at 180°, and what lies
// beyond is moved back by 360°. A ring that circles a pole is left as it is.
func splitAntimeridian(p Polygon) []Polygon {
	crosses := false
	for _, ring := range p {
		for i := 1; i < len(ring); i++ {
			if math.Abs(ring[i][0]-ring[i-1][0]) > 180 {
				crosses = true
			}
		}
	}
	if !crosses {
		return []Polygon{p}
	}
	unwrapped := make(Polygon, len(p))
	west := 180.0
	for r, ring := range p {
		u := make(Ring, len(ring))
		shift := 0.0
		for i, pos := range ring {
			if i > 0 {
				switch d := pos[0] + shift - u[i-1][0]; {
				case d > 180:
					shift -= 360
				case d < -180:
					shift += 360
				}
			}
			u[i] = [2]float64{pos[0] + shift, pos[1]}
			west = min(west, u[i][0])
		}
		if len(u) > 0 && u[0] != u[len(u)-1] {
			return []Polygon{p} // circles a pole
		}
		unwrapped[r] = u
	}
	edge, offset := 180.0, -360.0
	if west < -180 {
		edge, offset = -180, 360
	}
	inside := clipPolygon(unwrapped, edge, offset > 0)
	beyond := clipPolygon(unwrapped, edge, offset < 0)
	for _, ring := range beyond {
		for i := range ring {
			ring[i][0] += offset
		}
	}
	var out []Polygon
	for _, part := range []Polygon{inside, beyond} {
		if len(part) > 0 {
			out = append(out, part)
		}
	}
	return out
}

// clipPolygon keeps the part of each ring west of x = edge (or east of it
// when east is true), with Sutherland and Hodgman's algorithm. Rings left
// with no area are dropped; if the exterior is, the polygon is empty.
func clipPolygon(p Polygon, edge float64, east bool) Polygon {
	in := func(pos [2]float64) bool {
		if east {
			return pos[0] >= edge
		}
		return pos[0] <= edge
	}
	cross := func(a, b [2]float64) [2]float64 {
		t := (edge - a[0]) / (b[0] - a[0])
		return [2]float64{edge, a[1] + t*(b[1]-a[1])}
	}
	var out Polygon
	for r, ring := range p {
		open := ring[:len(ring)-1] // the last position repeats the first
		var clipped Ring
		for i, cur := range open {
			prev := open[(i+len(open)-1)%len(open)]
			switch {
			case in(cur) && !in(prev):
				clipped = append(clipped, cross(prev, cur), cur)
			case in(cur):
				clipped = append(clipped, cur)
			case in(prev):
				clipped = append(clipped, cross(prev, cur))
			}
		}
		if len(clipped) < 3 {
			if r == 0 {
				return nil
			}
			continue
		}
		out = append(out, append(clipped, clipped[0]))
	}
	return out
}

// ring stitches arcs end to end: each arc starts where the previous one
// ended, so that shared point is kept once.
func (t *Topology) ring(arcIndexes []int) (Ring, error) {
	var points Ring
	for _, i := range arcIndexes {
		index := i
		if i < 0 {
			index = ^i
		}
		if index >= len(t.Arcs) {
			return nil, fmt.Errorf("arc %d does not exist (the topology has %d)", i, len(t.Arcs))
		}
		arc := t.Arcs[index]
		if len(points) > 0 {
			points = points[:len(points)-1]
		}
		start := len(points)
		points = append(points, arc...)
		if i < 0 {
			slices.Reverse(points[start:])
		}
	}
	return points, nil
}

// round rounds every position, drops points that became equal to the one
// before, and keeps the ring closed.
func round(ring Ring, scale float64) Ring {
	out := make(Ring, 0, len(ring))
	for _, p := range ring {
		q := [2]float64{roundTo(p[0], scale), roundTo(p[1], scale)}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

func roundTo(v, scale float64) float64 {
	r := math.Round(v*scale) / scale
	if r == 0 {
		return 0 // not -0
	}
	return r
}

// FeatureCollection is GeoJSON as ECharts' registerMap takes it.
type FeatureCollection struct {
	Type     string    `json:"type"`
	Features []Feature `json:"features"`
}

// Feature is one country. Its name property, the key ECharts matches series
// data on, is the alpha-2 code; the chart's nameMap gives the CLDR name.
type Feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Properties Properties `json:"properties"`
	Geometry   Geometry   `json:"geometry"`
}

// Properties are a feature's properties.
type Properties struct {
	Name string `json:"name"`
}

// Ring is a closed line of [longitude, latitude] positions.
type Ring [][2]float64

// Polygon is an exterior ring followed by its holes. Rings keep the
// winding of the source, so holes wind against their exterior.
type Polygon []Ring

// Geometry is a Polygon, or a MultiPolygon when there is more than one.
type Geometry struct {
	Polygons []Polygon
}

// MarshalJSON writes the geometry as GeoJSON, positions with the shortest
// decimal form that reads back the same.
func (g Geometry) MarshalJSON() ([]byte, error) {
	b := []byte(`{"type":`)
	if len(g.Polygons) == 1 {
		b = append(b, `"Polygon","coordinates":`...)
		b = appendPolygon(b, g.Polygons[0])
	} else {
		b = append(b, `"MultiPolygon","coordinates":[`...)
		for i, p := range g.Polygons {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolygon(b, p)
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

func appendPolygon(b []byte, p Polygon) []byte {
	b = append(b, '[')
	for i, ring := range p {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, pos := range ring {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = strconv.AppendFloat(b, pos[0], 'f', -1, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, pos[1], 'f', -1, 64)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// Codes lists the alpha-2 codes of the features, sorted.
func (fc *FeatureCollection) Codes() []string {
	out := make([]string, len(fc.Features))
	for i, f := range fc.Features {
		out[i] = f.ID
	}
	return out
}

// World reads world-atlas's countries geometry at path ("" finds it from
// the working folder up) and converts it for the site's map: one decimal,
// Antarctica left out.
func World(path string) (*FeatureCollection, []Dropped, error) {
	if path == "" {
		var err error
		if path, err = npm.Find(".", WorldAtlasFile); err != nil {
			return nil, nil, err
		}
	}
	t, err := ReadTopology(path)
	if err != nil {
		return nil, nil, err
	}
	fc, dropped, err := t.Countries(CountriesObject, Options{Decimals: WorldDecimals, Exclude: []string{"AQ"}})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return fc, dropped, nil
}

// WorldDecimals is the precision of the site's map.
const WorldDecimals = 1
