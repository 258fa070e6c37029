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
	"github.com/transparency-report/site/generator/internal/translations"
)

// TopCountries is how many countries a period's country chart shows; its
// table lists them all.
const TopCountries = 15

// Tree returns every data file, relative to data/report/:
//
//	summary.json              periods, countries, national-security bands
//	periods/KEY.json          one period in full (report.PeriodDetail)
//	countries/CC.json         one country's series (report.CountryDetail)
//	legal-bases/KEY.json      one legal basis over time (report.LegalBasisDetail)
//	outcomes/KEY.json         one outcome over time (report.OutcomeDetail)
//	charts/LANG/NAME.json     ECharts options: trend-KIND, period-KEY-legal-basis,
//	                          period-KEY-countries, country-CC, legal-basis-KEY,
//	                          outcome-KEY
//
// AddMap adds the world map's files.
//
// Chart words and period names come from the translations, one set per
// language of the report.
func Tree(rep *report.Report, tax *taxonomy.Taxonomy, words map[string]*translations.Set) (output.Tree, error) {
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
	for key, d := range rep.LegalBasisDetails(tax) {
		if err := t.AddJSON("legal-bases/"+key+".json", d); err != nil {
			return nil, err
		}
	}
	for key, d := range rep.OutcomeDetails(tax) {
		if err := t.AddJSON("outcomes/"+key+".json", d); err != nil {
			return nil, err
		}
	}
	for _, lang := range rep.Languages {
		tr := words[lang]
		if tr == nil {
			return nil, fmt.Errorf("no translations for language %q", lang)
		}
		if err := addCharts(t, rep, tax, tr); err != nil {
			return nil, fmt.Errorf("charts in %s: %w", lang, err)
		}
	}
	return t, nil
}

// periodLabel names a period as the site's templates do: "Q3 2026".
func periodLabel(tr *translations.Set, key string) (string, error) {
	p, err := report.ParsePeriod(key)
	if err != nil {
		return "", err
	}
	return tr.T("period_"+p.Kind.String(), map[string]int{"Year": p.Year, "Index": p.Index})
}

func periodLabels(tr *translations.Set, keys []string) ([]string, error) {
	out := make([]string, len(keys))
	for i, k := range keys {
		var err error
		if out[i], err = periodLabel(tr, k); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func addCharts(t output.Tree, rep *report.Report, tax *taxonomy.Taxonomy, tr *translations.Set) error {
	lang := tr.Lang()
	dir := "charts/" + lang + "/"
	var words charts.Words
	var err error
	if words.Requests, err = tr.T("col_requests", nil); err != nil {
		return err
	}
	if words.OutcomeNotCounted, err = tr.T("outcome_not_counted", nil); err != nil {
		return err
	}
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
		if err := addTrend(t, tr, tax, words, "trend-"+kind, keys, figures); err != nil {
			return err
		}
	}
	basisLabel := map[string]string{}
	for _, b := range tax.LegalBases {
		basisLabel[b.Key] = b.Label.In(lang)
	}
	for key, d := range rep.PeriodDetails {
		var labels []string
		var values []int64
		for _, b := range d.ByLegalBasis {
			labels = append(labels, basisLabel[b.Key])
			values = append(values, b.Figures.Requests)
		}
		opt, err := charts.Breakdown("period-"+key+"-legal-basis", words.Requests, labels, values)
		if err != nil {
			return err
		}
		t[dir+"period-"+key+"-legal-basis.json"] = append(opt, '\n')

		labels, values = nil, nil
		for _, c := range d.Countries {
			if len(labels) == TopCountries || c.Figures.Requests == 0 {
				break
			}
			labels = append(labels, taxonomy.Text(c.Names).In(lang))
			values = append(values, c.Figures.Requests)
		}
		opt, err = charts.Breakdown("period-"+key+"-countries", words.Requests, labels, values)
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
		if err := addTrend(t, tr, tax, words, "country-"+code, keys, figures); err != nil {
			return err
		}
	}
	return addTopicCharts(t, rep, tax, tr, words)
}

// addTopicCharts draws each legal basis and each outcome over the periods
// of the kind the sources are given in.
func addTopicCharts(t output.Tree, rep *report.Report, tax *taxonomy.Taxonomy, tr *translations.Set, words charts.Words) error {
	dir := "charts/" + tr.Lang() + "/"
	for key, d := range rep.LegalBasisDetails(tax) {
		series := d.Series[rep.SourceKind]
		keys := make([]string, len(series))
		figures := make([]report.Figures, len(series))
		for i, p := range series {
			keys[i], figures[i] = p.Period, p.Figures
		}
		if err := addTrend(t, tr, tax, words, "legal-basis-"+key, keys, figures); err != nil {
			return err
		}
	}
	outcomes := rep.OutcomeDetails(tax)
	for i, o := range tax.Outcomes {
		series := outcomes[o.Key].Series[rep.SourceKind]
		keys := make([]string, len(series))
		values := make([]int64, len(series))
		for j, p := range series {
			keys[j], values[j] = p.Period, p.Requests
		}
		labels, err := periodLabels(tr, keys)
		if err != nil {
			return err
		}
		opt, err := charts.Column("outcome-"+o.Key, o.Label.In(tr.Lang()), charts.Palette[i%len(charts.Palette)], labels, values)
		if err != nil {
			return err
		}
		t[dir+"outcome-"+o.Key+".json"] = append(opt, '\n')
	}
	return nil
}

// addTrend writes the chart charts/LANG/NAME.json: requests by outcome over
// the periods keys, named as readers name them.
func addTrend(t output.Tree, tr *translations.Set, tax *taxonomy.Taxonomy, words charts.Words, name string, keys []string, figures []report.Figures) error {
	labels, err := periodLabels(tr, keys)
	if err != nil {
		return err
	}
	opt, err := charts.OutcomeTrend(name, labels, figures, tax, tr.Lang(), words)
	if err != nil {
		return err
	}
	t["charts/"+tr.Lang()+"/"+name+".json"] = append(opt, '\n')
	return nil
}
