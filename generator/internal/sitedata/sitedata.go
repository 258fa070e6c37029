// Package sitedata lays out the aggregated report as the JSON data files the
// Hugo site reads through hugo.Data (data/report/...), chart options
// included.
package sitedata

import (
	"fmt"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// TopCountries is how many countries a period's country chart shows; its
// table lists them all.
const TopCountries = 15

// Tree returns every data file, relative to data/report/:
//
//	summary.json              periods, countries, national-security bands
//	periods/KEY.json          one period in full (report.PeriodDetail)
//	countries/CC.json         one country's series (report.CountryDetail)
//	charts/LANG/NAME.json     ECharts options: trend-KIND, period-KEY-legal-basis,
//	                          period-KEY-countries, country-CC
func Tree(rep *report.Report, tax *taxonomy.Taxonomy) (output.Tree, error) {
	t := output.Tree{}
	if err := t.AddJSON("summary.json", rep); err != nil {
		return nil, err
	}
	for key, d := range rep.PeriodDetails {
		if err := t.AddJSON("periods/"+key+".json", d); err != nil {
			return nil, err
		}
	}
	for code, d := range rep.CountryDetails {
		if err := t.AddJSON("countries/"+code+".json", d); err != nil {
			return nil, err
		}
	}
	for _, lang := range rep.Languages {
		if err := addCharts(t, rep, tax, lang); err != nil {
			return nil, fmt.Errorf("charts in %s: %w", lang, err)
		}
	}
	return t, nil
}

func addCharts(t output.Tree, rep *report.Report, tax *taxonomy.Taxonomy, lang string) error {
	dir := "charts/" + lang + "/"
	byKind := map[string][]report.PeriodSummary{}
	for _, p := range rep.Periods {
		byKind[p.Kind] = append(byKind[p.Kind], p)
	}
	for kind, periods := range byKind {
		keys := make([]string, len(periods))
		figures := make([]report.Figures, len(periods))
		for i, p := range periods {
			keys[i], figures[i] = p.Key, p.Totals
		}
		opt, err := charts.OutcomeTrend("trend-"+kind, keys, figures, tax, lang)
		if err != nil {
			return err
		}
		t[dir+"trend-"+kind+".json"] = append(opt, '\n')
	}
	basisLabel := map[string]string{}
	for _, b := range tax.LegalBases {
		basisLabel[b.Key] = text(b.Label, lang)
	}
	requestsLabel := text(taxonomy.Text{"en": "Requests"}, lang)
	for key, d := range rep.PeriodDetails {
		var labels []string
		var values []int64
		for _, b := range d.ByLegalBasis {
			labels = append(labels, basisLabel[b.Key])
			values = append(values, b.Figures.Requests)
		}
		opt, err := charts.Breakdown("period-"+key+"-legal-basis", requestsLabel, labels, values)
		if err != nil {
			return err
		}
		t[dir+"period-"+key+"-legal-basis.json"] = append(opt, '\n')

		labels, values = nil, nil
		for _, c := range d.Countries {
			if len(labels) == TopCountries || c.Figures.Requests == 0 {
				break
			}
			labels = append(labels, text(c.Names, lang))
			values = append(values, c.Figures.Requests)
		}
		opt, err = charts.Breakdown("period-"+key+"-countries", requestsLabel, labels, values)
		if err != nil {
			return err
		}
		t[dir+"period-"+key+"-countries.json"] = append(opt, '\n')
	}
	for code, d := range rep.CountryDetails {
		series := d.Series[rep.SourceKind]
		keys := make([]string, len(series))
		figures := make([]report.Figures, len(series))
		for i, p := range series {
			keys[i], figures[i] = p.Period, p.Figures
		}
		opt, err := charts.OutcomeTrend("country-"+code, keys, figures, tax, lang)
		if err != nil {
			return err
		}
		t[dir+"country-"+code+".json"] = append(opt, '\n')
	}
	return nil
}

func text(t map[string]string, lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}
