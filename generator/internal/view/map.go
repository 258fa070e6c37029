package view

import (
	"encoding/json"
	"fmt"
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/translations"
)

// MapCoverage says which countries the map can draw, for the note beside
// it: data/report/map/coverage.json.
type MapCoverage struct {
	// Codes are the countries of the geometry, sorted.
	Codes []string `json:"codes"`
	// NotOnMap lists, per period, the countries with requests that the
	// geometry lacks (too small for it, or without an ISO numeric code, such
	// as Kosovo), by code. The table beside the map lists them.
	NotOnMap map[string][]string `json:"not_on_map"`
	// NotOnMapNames names the same countries per period and language, in
	// rank order, for the note under the map.
	NotOnMapNames map[string]map[string][]string `json:"not_on_map_names"`
	// NotCountryNames names, per period and language, the requesters with
	// requests that are not countries (the United Nations, ZZ's figures not
	// broken down by country), by requests. No map can draw them: the note
	// says so apart from the countries the geometry lacks, and neither the
	// map's table nor its colour bands count them.
	NotCountryNames map[string]map[string][]string `json:"not_country_names"`
	// NotPublishedNames names, per period and language, the countries whose
	// requests were not published: the map colours them apart, and the note
	// under it names them.
	NotPublishedNames map[string]map[string][]string `json:"not_published_names"`
}

// AddMap adds the world map to the tree:
//
//	map/world.json            the geometry (GeoJSON, features named by alpha-2 code)
//	map/coverage.json         MapCoverage
//	charts/LANG/map-KEY.json  one map option per period: requests by country
//
// The maps of one kind of period (quarters, half-years, years) use the same
// colour bands, powers of ten up to the largest number of requests any
// country made in a period of that kind, so that colours compare across the
// periods a reader compares, and no band is one that no country of such a
// period reaches (a year's largest is several quarters').
func AddMap(t output.Tree, rep *Report, world *geo.FeatureCollection, words map[string]*translations.Set) error {
	// The geometry is served as it is: compact, not indented.
	geometry, err := json.Marshal(world)
	if err != nil {
		return fmt.Errorf("encode map/world.json: %w", err)
	}
	t["map/world.json"] = append(geometry, '\n')
	codes := world.Codes()
	onMap := map[string]bool{}
	for _, c := range codes {
		onMap[c] = true
	}
	coverage := MapCoverage{Codes: codes, NotOnMap: map[string][]string{}, NotOnMapNames: map[string]map[string][]string{}, NotCountryNames: map[string]map[string][]string{}, NotPublishedNames: map[string]map[string][]string{}}
	largest := map[string]int64{} // by kind of period
	for key, d := range rep.PeriodDetails {
		largest[d.Kind] = max(largest[d.Kind], 0) // a kind without requests has one band
		missing := []string{}
		names, notCountries, notPublished := map[string][]string{}, map[string][]string{}, map[string][]string{}
		for _, lang := range rep.Languages {
			names[lang], notCountries[lang], notPublished[lang] = []string{}, []string{}, []string{}
		}
		for _, c := range d.Countries {
			if c.IsCountry && !c.Figures.Requests.Published() {
				for _, lang := range rep.Languages {
					notPublished[lang] = append(notPublished[lang], c.Names[lang])
				}
			}
		}
		for _, c := range d.Countries {
			if c.IsCountry || c.Figures.Requests.IsZero() {
				continue
			}
			for _, lang := range rep.Languages {
				notCountries[lang] = append(notCountries[lang], c.Names[lang])
			}
		}
		for _, c := range d.Ranked() {
			largest[d.Kind] = max(largest[d.Kind], c.Figures.Requests.Min)
			if onMap[c.Code] {
				continue
			}
			missing = append(missing, c.Code)
			for _, lang := range rep.Languages {
				names[lang] = append(names[lang], c.Names[lang])
			}
		}
		slices.Sort(missing)
		coverage.NotOnMap[key] = missing
		coverage.NotOnMapNames[key] = names
		coverage.NotCountryNames[key] = notCountries
		coverage.NotPublishedNames[key] = notPublished
	}
	if err := t.AddJSON("map/coverage.json", coverage); err != nil {
		return err
	}
	bands := map[string][]charts.ColorBand{}
	for kind, n := range largest {
		bands[kind] = charts.Bands(n)
	}
	for _, lang := range rep.Languages {
		tr := words[lang]
		if tr == nil {
			return fmt.Errorf("no translations for language %q", lang)
		}
		wordsOf := map[string]charts.MapWords{}
		for kind, b := range bands {
			w, err := mapWords(tr, b)
			if err != nil {
				return fmt.Errorf("map in %s: %w", lang, err)
			}
			wordsOf[kind] = w
		}
		names := map[string]string{}
		for _, c := range codes {
			names[c] = countries.Name(c, lang)
		}
		for key, d := range rep.PeriodDetails {
			var figures []charts.MapCountry
			for _, c := range d.Countries {
				figures = append(figures, charts.MapCountry{Code: c.Code, Requests: c.Figures.Requests.Min, NotPublished: !c.Figures.Requests.Published()})
				names[c.Code] = c.Names[lang]
			}
			opt, err := charts.WorldMap("map-"+key, codes, names, figures, bands[d.Kind], wordsOf[d.Kind])
			if err != nil {
				return err
			}
			t["charts/"+lang+"/map-"+key+".json"] = append(opt, '\n')
		}
	}
	return nil
}

// mapWords labels the bands with numbers written as the language writes
// them: "1,000–9,999" in English, "1.000–9.999" in German.
func mapWords(tr *translations.Set, bands []charts.ColorBand) (charts.MapWords, error) {
	var w charts.MapWords
	var err error
	if w.Series, err = tr.T("col_requests", nil); err != nil {
		return w, err
	}
	if w.NoRequests, err = tr.T("no_requests", nil); err != nil {
		return w, err
	}
	tag, err := language.Parse(tr.Lang())
	if err != nil {
		return w, fmt.Errorf("language %q: %w", tr.Lang(), err)
	}
	// In Western digits, as the pages write every figure in every language
	// (Hugo's lang.FormatNumber), Arabic included: x/text would write
	// Arabic's native digits (١٬٠٠٠) without the nu=latn extension.
	if tag, err = tag.SetTypeForKey("nu", "latn"); err != nil {
		return w, fmt.Errorf("language %q: %w", tr.Lang(), err)
	}
	p := message.NewPrinter(tag)
	for _, b := range bands {
		data := map[string]string{"Low": p.Sprintf("%d", b.Low), "High": p.Sprintf("%d", b.High)}
		key := "map_band"
		if b.Open {
			key = "map_band_open"
		}
		label, err := tr.T(key, data)
		if err != nil {
			return w, err
		}
		w.Bands = append(w.Bands, label)
	}
	return w, nil
}
