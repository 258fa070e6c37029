package downloads

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// codebookTOML holds the words of the tables and columns in every language
// of the site: the downloads say them in English, the site's codebook page
// in the page's language.
//
//go:embed codebook.toml
var codebookTOML string

// codebookFile names codebook.toml in messages.
const codebookFile = "generator/internal/downloads/codebook.toml"

// codebook is codebook.toml: its texts by kind (table, field), name
// (requests, period) and part (title, description, row).
type codebook map[string]map[string]map[string]taxonomy.Text

func loadCodebook() (codebook, error) {
	var c codebook
	if _, err := toml.Decode(codebookTOML, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", codebookFile, err)
	}
	return c, nil
}

// languages are every language the codebook has a text in, sorted.
func (c codebook) languages() []string {
	langs := map[string]bool{}
	for _, names := range c {
		for _, parts := range names {
			for _, text := range parts {
				for lang := range text {
					langs[lang] = true
				}
			}
		}
	}
	return slices.Sorted(maps.Keys(langs))
}

// words are the codebook's texts in one language. A text that is missing
// or whose template fails is added to errs and reads as "", so that one
// build reports every such problem.
type words struct {
	lang string
	book codebook
	errs *[]error
}

// text is the part of the codebook's kind.name in w's language (English
// where it has none), its template executed with data.
func (w words) text(kind, name, part string, data any) string {
	where := fmt.Sprintf("%s: %s.%s.%s", codebookFile, kind, name, part)
	text, ok := w.book[kind][name][part]
	if !ok {
		*w.errs = append(*w.errs, fmt.Errorf("%s: missing", where))
		return ""
	}
	tmpl, err := template.New(part).Option("missingkey=error").Parse(text.In(w.lang))
	var b strings.Builder
	if err == nil {
		err = tmpl.Execute(&b, data)
	}
	if err != nil {
		*w.errs = append(*w.errs, fmt.Errorf("%s (%s): %w", where, w.lang, err))
	}
	return b.String()
}

// field is the column name, described by the codebook's field.id.
func (w words) field(id, name, typ string, c *Constraints) Field {
	return Field{Name: name, Title: w.text("field", id, "title", nil), Type: typ,
		Description: w.text("field", id, "description", nil), Constraints: c}
}

// column is the column name, described by the codebook's field.name.
func (w words) column(name, typ string, c *Constraints) Field { return w.field(name, name, typ, c) }

// date is a column of dates, described by the codebook's field.id.
func (w words) date(id, name string, c *Constraints) Field {
	f := w.field(id, name, TypeDate, c)
	f.Format = "default"
	return f
}

// table is the table name without its schema, described by the codebook's
// table.name (its row: the part row, or the one given).
func (w words) table(name, row string, description bool) Table {
	t := Table{Name: name, Title: w.text("table", name, "title", nil), Row: w.text("table", name, row, nil)}
	if description {
		t.Description = w.text("table", name, "description", nil)
	}
	return t
}
