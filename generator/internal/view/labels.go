package view

import (
	"fmt"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
)

// PeriodLabel names a period as readers do, from the site's i18n strings:
// Short is "Q3 2026", "H1 2026" or "2026"; Long is "third quarter of 2026"
// for headings where Q3 would need explaining (a year's is its Short).
type PeriodLabel struct {
	Short string `json:"short"`
	Long  string `json:"long"`
}

// labels names every period in every language.
func labels(periods []report.Period, words map[string]*translations.Set) (map[string]map[string]PeriodLabel, error) {
	out := map[string]map[string]PeriodLabel{}
	for lang, tr := range words {
		byKey := map[string]PeriodLabel{}
		for _, p := range periods {
			l, err := periodLabel(tr, p)
			if err != nil {
				return nil, fmt.Errorf("label of %s in %s: %w", p, lang, err)
			}
			byKey[p.String()] = l
		}
		out[lang] = byKey
	}
	return out, nil
}

func periodLabel(tr *translations.Set, p report.Period) (PeriodLabel, error) {
	data := map[string]int{"Year": p.Year, "Index": p.Index}
	short, err := tr.T("period_"+p.Kind.String(), data)
	if err != nil || p.Kind == report.Year {
		return PeriodLabel{Short: short, Long: short}, err
	}
	long, err := tr.T(fmt.Sprintf("period_%s_%d_long", p.Kind, p.Index), data)
	return PeriodLabel{Short: short, Long: long}, err
}

// Term is one taxonomy entry's words in one language.
type Term struct {
	Label       string `json:"label"`
	Description string `json:"description"`
}

// terms gives every taxonomy entry's label and description in every
// language, with the taxonomy's one fallback rule (taxonomy.Text.In):
// terms[lang][group][key], groups named as in data/taxonomy.toml.
func terms(tax *taxonomy.Taxonomy, langs []string) map[string]map[string]map[string]Term {
	groups := map[string][]taxonomy.Entry{
		"legal_bases":             tax.LegalBases,
		"outcomes":                tax.Outcomes,
		"outcome_groups":          tax.OutcomeGroups,
		"segments":                tax.Segments,
		"national_security_types": tax.NationalSecurityType,
		"request_types":           tax.RequestTypes,
		"routes":                  tax.Routes,
		"storage_locations":       tax.StorageLocations,
		"challenge_statuses":      tax.ChallengeStatuses,
		"notification_measures":   tax.NotificationMeasures,
	}
	out := map[string]map[string]map[string]Term{}
	for _, lang := range langs {
		out[lang] = map[string]map[string]Term{}
		for group, entries := range groups {
			byKey := map[string]Term{}
			for _, e := range entries {
				byKey[e.Key] = Term{Label: e.Label.In(lang), Description: e.Description.In(lang)}
			}
			out[lang][group] = byKey
		}
	}
	return out
}
