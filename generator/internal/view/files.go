package view

import (
	"fmt"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// Files returns every data file of the view, relative to data/report/:
//
//	summary.json              Report: periods, countries, the report's series, labels
//	periods/KEY.json          PeriodDetail
//	countries/CC.json         CountryDetail
//	legal-bases/KEY.json      LegalBasisDetail
//	outcomes/KEY.json         OutcomeDetail
//	corrections.json          Corrections, when there are any
//	abroad.json               Abroad: requests for data stored abroad
//	challenges.json           Challenges: the court cases and contested counts
//	notifications.json        Notifications: telling users and gag orders
//	charts/LANG/NAME.json     ECharts options: trend-KIND, period-KEY-legal-basis,
//	                          period-KEY-countries, country-CC, legal-basis-KEY,
//	                          outcome-KEY, abroad-KEY; and where only shares
//	                          were published, the trends' NAME-share (the
//	                          build draws them, package draw, and writes
//	                          the drawings instead: no template reads them)
//
// AddMap adds the world map's files. Chart words come from the
// translations, one set per language of the report.
func Files(rep *Report, tax *taxonomy.Taxonomy, words map[string]*translations.Set) (output.Tree, error) {
	t := output.Tree{}
	if err := t.AddJSON("summary.json", rep); err != nil {
		return nil, err
	}
	if err := t.AddJSON("challenges.json", rep.Challenges); err != nil {
		return nil, err
	}
	if err := t.AddJSON("notifications.json", rep.Notifications); err != nil {
		return nil, err
	}
	for _, err := range []error{
		addDetails(t, "periods", rep.PeriodDetails),
		addDetails(t, "countries", rep.CountryDetails),
		addDetails(t, "legal-bases", rep.LegalBasisDetails),
		addDetails(t, "outcomes", rep.OutcomeDetails),
		addCorrections(t, rep.Corrections),
		t.AddJSON("abroad.json", rep.Abroad),
	} {
		if err != nil {
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

// addDetails writes one file per key: dir/KEY.json.
func addDetails[D any](t output.Tree, dir string, details map[string]D) error {
	for key, d := range details {
		if err := t.AddJSON(dir+"/"+key+".json", d); err != nil {
			return err
		}
	}
	return nil
}

// chartWriter writes the charts of one language.
type chartWriter struct {
	t      output.Tree
	rep    *Report
	tax    *taxonomy.Taxonomy
	lang   string
	words  charts.Words
	labels map[string]PeriodLabel
}

func (w *chartWriter) put(name string, opt charts.Options, err error) error {
	if err != nil {
		return err
	}
	w.t["charts/"+w.lang+"/"+name+".json"] = append(opt, '\n')
	return nil
}

func (w *chartWriter) periodLabels(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = w.labels[k].Short
	}
	return out
}

// trend draws requests by outcome over the points of one kind of a series;
// where no outcome was published as counts, the requests alone, not one
// stack of "outcome not published", and where shares were published
// (Columns.SharesOnly) the share where some data was disclosed in a chart
// of its own, NAME-share; where outcomes do not apply (preservation
// requests), the requests alone in the colour of figures set apart.
func (w *chartWriter) trend(name string, s Series, kind string) error {
	switch {
	case s.Columns[kind].NoOutcomes:
		return w.requests(name, s, kind, charts.Apart)
	case !s.Columns[kind].Outcomes:
		if s.Columns[kind].SharesOnly {
			if err := w.shares(name+"-share", s, kind); err != nil {
				return err
			}
		}
		return w.requests(name, s, kind, charts.Palette[0])
	}
	points := s.Points[kind]
	keys := make([]string, len(points))
	figures := make([]report.Figures, len(points))
	for i, p := range points {
		keys[i], figures[i] = p.Period, p.Figures
	}
	opt, err := charts.OutcomeTrend(name, w.periodLabels(keys), figures, s.Columns[kind].OutcomesShown, w.tax, w.lang, w.words)
	return w.put(name, opt, err)
}

// requests draws the requests alone over the points of one kind of a
// series, in one colour.
func (w *chartWriter) requests(name string, s Series, kind, color string) error {
	points := s.Points[kind]
	keys := make([]string, len(points))
	values := make([]report.Count, len(points))
	for i, p := range points {
		keys[i], values[i] = p.Period, p.Figures.Requests
	}
	opt, err := charts.Column(name, w.words.Requests, color, w.periodLabels(keys), values)
	return w.put(name, opt, err)
}

// shares draws the share where some data was disclosed over the points of
// one kind of a series: the same percentages as the table's column.
func (w *chartWriter) shares(name string, s Series, kind string) error {
	points := s.Points[kind]
	keys := make([]string, len(points))
	values := make([]*float64, len(points))
	for i, p := range points {
		keys[i], values[i] = p.Period, p.Figures.DisclosedPercent
	}
	opt, err := charts.Shares(name, w.words.SharesDisclosed, w.words.PercentAxis, w.periodLabels(keys), values)
	return w.put(name, opt, err)
}

func addCharts(t output.Tree, rep *Report, tax *taxonomy.Taxonomy, tr *translations.Set) error {
	w := &chartWriter{t: t, rep: rep, tax: tax, lang: tr.Lang(), labels: rep.Labels[tr.Lang()]}
	var err error
	if w.words.Requests, err = tr.T("col_requests", nil); err != nil {
		return err
	}
	if w.words.OutcomeNotCounted, err = tr.T("outcome_not_counted", nil); err != nil {
		return err
	}
	if w.words.SharesDisclosed, err = tr.T("chart_shares_series", nil); err != nil {
		return err
	}
	if w.words.PercentAxis, err = tr.T("chart_percent_axis", nil); err != nil {
		return err
	}
	if w.words.NotSplitBySegment, err = tr.T("segments_not_split", nil); err != nil {
		return err
	}
	for kind := range rep.Trend.Points {
		if err := w.trend("trend-"+kind, rep.Trend, kind); err != nil {
			return err
		}
	}
	if err := w.abroadMatrices(tr); err != nil {
		return err
	}
	for key, d := range rep.PeriodDetails {
		if d.LegalBasisChart {
			var bars []charts.Bar
			for _, b := range d.ByLegalBasis {
				entry, _ := tax.LegalBasis(b.Key)
				bars = append(bars, charts.Bar{Label: entry.Label.In(w.lang), Value: b.Figures.Requests, Apart: !b.CountsTowardTotal})
			}
			name := "period-" + key + "-legal-basis"
			opt, err := charts.Breakdown(name, w.words.Requests, bars)
			if err := w.put(name, opt, err); err != nil {
				return err
			}
		}

		var bars []charts.Bar
		for _, c := range d.Countries[:d.TopCount] {
			bars = append(bars, charts.Bar{Label: c.Names[w.lang], Value: c.Figures.Requests})
		}
		name := "period-" + key + "-countries"
		opt, err := charts.Breakdown(name, w.words.Requests, bars)
		if err := w.put(name, opt, err); err != nil {
			return err
		}
	}
	for code, d := range rep.CountryDetails {
		if err := w.trend("country-"+code, d.Series, rep.SourceKind); err != nil {
			return err
		}
	}
	for key, d := range rep.LegalBasisDetails {
		if err := w.trend("legal-basis-"+key, d.Series, rep.SourceKind); err != nil {
			return err
		}
	}
	for i, o := range tax.Outcomes {
		series := rep.OutcomeDetails[o.Key].Series[rep.SourceKind]
		keys := make([]string, len(series))
		values := make([]report.Count, len(series))
		for j, p := range series {
			keys[j], values[j] = p.Period, p.Requests
		}
		name := "outcome-" + o.Key
		opt, err := charts.Column(name, o.Label.In(w.lang), charts.Palette[i%len(charts.Palette)], w.periodLabels(keys), values)
		if err := w.put(name, opt, err); err != nil {
			return err
		}
	}
	if err := w.segmentChart("segments-"+rep.SourceKind, rep.Segments); err != nil {
		return err
	}
	for code, d := range rep.CountryDetails {
		if err := w.segmentChart("country-"+code+"-segments", d.Segments); err != nil {
			return err
		}
	}
	return w.notificationChart(rep.Notifications)
}
