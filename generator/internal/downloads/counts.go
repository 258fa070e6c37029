package downloads

import (
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
)

// countPlan decides, once for a whole table, how its figures (report.Count
// values in its rows) become columns, so that every slice of the table has
// the same columns. An exact figure is written in its column; a figure not
// published leaves it empty, never 0. Where some row of the table holds a
// figure that is not one exact count (a range, or a sum of which some parts
// were not published), the column is followed by NAME_min and NAME_max,
// which every row fills with the bounds that are known.
type countPlan struct {
	ranged  map[string]bool // by field name
	missing map[string]bool // some row has no exact figure: the field is not required
	empty   map[string]bool // some row has no value at all: nor is this one
}

func planCounts(t Table) countPlan {
	p := countPlan{ranged: map[string]bool{}, missing: map[string]bool{}, empty: map[string]bool{}}
	for _, row := range t.Rows {
		for i, v := range row {
			name := t.Schema.Fields[i].Name
			c, ok := v.(report.Count)
			if v == nil {
				p.empty[name] = true
			}
			if !ok || c.IsExact() {
				continue
			}
			p.missing[name] = true
			if c.Published() {
				p.ranged[name] = true
			}
		}
	}
	return p
}

// apply writes t's figures as the plan says, the columns it adds and
// what it adds to the descriptions in w's language.
func (p countPlan) apply(w words, t Table) Table {
	var fields []Field
	for _, f := range t.Schema.Fields {
		bound := map[string]any{"Name": f.Name, "Title": f.Title, "Ranged": p.ranged[f.Name]}
		if p.missing[f.Name] {
			f.Constraints = clone(f.Constraints)
			f.Constraints.Required = false
			f.Description += " " + w.text("field", "not_published", "description", bound)
		}
		if p.empty[f.Name] && f.Constraints != nil && f.Constraints.Required {
			f.Constraints = clone(f.Constraints)
			f.Constraints.Required = false
		}
		fields = append(fields, f)
		if p.ranged[f.Name] {
			for _, b := range []string{"min", "max"} {
				fields = append(fields, Field{Name: f.Name + "_" + b, Title: w.text("field", b, "title", bound), Type: TypeInteger,
					Description: w.text("field", b, "description", bound), Constraints: &Constraints{Minimum: ptr(0)}})
			}
		}
	}
	rows := make([][]any, len(t.Rows))
	for r, row := range t.Rows {
		out := make([]any, 0, len(fields))
		for i, v := range row {
			c, ok := v.(report.Count)
			if !ok {
				out = append(out, v)
				continue
			}
			if n, exact := c.Value(); exact {
				out = append(out, n)
			} else {
				out = append(out, nil)
			}
			if p.ranged[t.Schema.Fields[i].Name] {
				out = append(out, lower(c), upper(c))
			}
		}
		rows[r] = out
	}
	t.Schema.Fields = fields
	t.Rows = rows
	return t
}

func lower(c report.Count) any {
	if !c.Published() {
		return nil
	}
	return c.Min
}

func upper(c report.Count) any {
	if !c.Bounded() {
		return nil
	}
	return c.Max
}

func clone(c *Constraints) *Constraints {
	if c == nil {
		return &Constraints{}
	}
	out := *c
	out.Enum = slices.Clone(c.Enum)
	return &out
}
