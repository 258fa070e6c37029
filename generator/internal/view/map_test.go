package view

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/charts"
	"github.com/transparency-report/site/generator/internal/translations"
)

// TestMapWordsWriteNumbersAsThePages: the map's legend writes its bands'
// numbers with the language's separators and in Western digits, as the
// pages write every figure (Hugo's lang.FormatNumber), Arabic included.
func TestMapWordsWriteNumbersAsThePages(t *testing.T) {
	bands := []charts.ColorBand{{Low: 1, High: 9}, {Low: 1000, High: 9999}, {Low: 10000, Open: true}}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"1–9", "1,000–9,999", "10,000 or more"}},
		{"de", []string{"1–9", "1.000–9.999", "10.000 oder mehr"}},
		{"ar", []string{"1–9", "1,000–9,999", "10,000 أو أكثر"}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			tr, err := translations.Load(filepath.Join("..", "..", "..", "i18n"), tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			words, err := mapWords(tr, bands)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, words.Bands); diff != "" {
				t.Errorf("band labels (-want +got):\n%s", diff)
			}
		})
	}
}
