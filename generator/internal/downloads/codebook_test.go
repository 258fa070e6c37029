package downloads_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/downloads"
)

// TestCodebookTranslated checks the tables the site's codebook page shows
// in each language: the English ones are the downloads' own, and every
// other language has the same tables and columns, described in its words
// and labelled from the taxonomy in that language.
func TestCodebookTranslated(t *testing.T) {
	d := demoQuarters(t)
	rel := build(t, d)
	names := func(tables []downloads.Table) (out [][]string) {
		for _, tb := range tables {
			cols := []string{tb.Name}
			for _, f := range tb.Schema.Fields {
				cols = append(cols, f.Name)
			}
			out = append(out, cols)
		}
		return out
	}
	if diff := cmp.Diff(rel.Tables, rel.Codebook["en"], cmp.Comparer(func(a, b downloads.Table) bool {
		return cmp.Equal(a.Schema, b.Schema) && a.Name == b.Name && a.Title == b.Title && a.Description == b.Description && a.Row == b.Row
	})); diff != "" {
		t.Errorf("English codebook differs from the downloads' tables (-downloads +codebook):\n%s", diff)
	}
	content, _ := d.tax.Outcome("content")
	for _, lang := range []string{"fr", "de", "es", "pt-br", "ar"} {
		t.Run(lang, func(t *testing.T) {
			tables := rel.Codebook[lang]
			if diff := cmp.Diff(names(rel.Tables), names(tables)); diff != "" {
				t.Fatalf("tables and columns differ from English (-en +%s):\n%s", lang, diff)
			}
			for i, tb := range tables {
				if tb.Title == rel.Tables[i].Title || tb.Description == rel.Tables[i].Description {
					t.Errorf("%s: title or description is the English one", tb.Name)
				}
				for j, f := range tb.Schema.Fields {
					if f.Description == rel.Tables[i].Schema.Fields[j].Description {
						t.Errorf("%s.%s: description is the English one", tb.Name, f.Name)
					}
					if f.Name == "outcome_content" && f.Title != content.Label[lang] {
						t.Errorf("%s.%s: title %q, want the taxonomy's %q", tb.Name, f.Name, f.Title, content.Label[lang])
					}
				}
			}
		})
	}
}
