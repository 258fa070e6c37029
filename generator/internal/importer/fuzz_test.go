package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/testhelp"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// fuzzMapping reads files in the layout of Google's download, as
// examples/mappings/google.toml does, with a few of the rules a mapping
// may set for blank cells, upper bounds, shared values, and rows to filter
// and to skip.
const fuzzMapping = `team = "fuzz"
[report]
company = "Fuzz"
license = { name = "As published", url = "https://example.com/terms" }

[values.legal_process]
"All" = "not_broken_down"
"Other Legal Requests" = "other"
"Preservation Requests" = "preservation"

[[tables]]
files = ["*.csv"]
period = { column = "Period Ending", by = "end_date", kind = "half" }
country = { column = "CLDR Territory Code" }
requests = { column = "User Data Requests" }
accounts = { column = "Accounts", less_than = "range" }
percent_disclosed = { column = "Percentage disclosed", blank = "missing" }
legal_basis = { column = "Legal Process", values = "legal_process" }
[[tables.filter]]
column = "Legal Process"
drop = ["Read by another table"]
[[tables.skip]]
column = "Country/Region"
values = ["United Nations"]
reason = "not a country"
`

// FuzzImport imports any CSV text with a mapping of Google's layout. Every
// problem is located in the file, at a row and a line it has; every row imported has
// as its requests the digits of its cell and a period a workbook can hold;
// and the workbooks written read back as the rows imported. The seeds are
// testdata/fuzz/FuzzImport.
func FuzzImport(f *testing.F) {
	tax := testhelp.ProjectTaxonomy(f)
	m, err := Parse("fuzz.toml", []byte(fuzzMapping), tax)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		dir := t.TempDir()
		file := filepath.Join(dir, "requests.csv")
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Import(m, []string{file}, tax)
		var perr *problem.Error
		switch {
		case errors.As(err, &perr):
			// Old Mac files, with no line feed, break lines at carriage returns.
			lines := 1 + max(strings.Count(text, "\n"), strings.Count(text, "\r"))
			for _, p := range perr.Problems {
				// A row spans one line or more; a problem found before the
				// records are read has only a line.
				if p.File != file || p.Sheet != "" || max(p.Row, p.Line) < 1 || p.Row > lines || p.Line > lines || p.Col < 0 || p.Col > 1+strings.Count(text, ",") || p.Msg == "" {
					t.Fatalf("problem %+v is not at a row, line and column of the file's %d lines", p, lines)
				}
			}
			return
		case err != nil:
			if err.Error() != "the files hold no rows to import" {
				t.Fatalf("Import = %v, not located problems", err)
			}
			return
		}

		// The file's requests cells, by line, as the import split them.
		requestsCells := map[int]string{}
		in, _ := readCSV(file, m.Tables[0], &problem.List{})
		columns, _, data, _ := in.header(m.Tables[0], &problem.List{})
		for _, ir := range data {
			requestsCells[ir.num] = ir.cells[columns[fold("User Data Requests")]-1]
		}
		for _, src := range res.Sources {
			if back, err := report.ParsePeriod(src.Period.String()); err != nil || back != src.Period {
				t.Fatalf("imported period %+v, whose key reads back as %v, %v", src.Period, back, err)
			}
			for _, row := range src.Rows {
				cell := requestsCells[row.Where.Row]
				if n, err := report.WholeCount(strings.TrimSpace(cell)); row.Where.File != file || err != nil || report.Exactly(n) != row.Requests {
					t.Fatalf("%s: imported %v requests from the cell %q", row.Where, row.Requests, cell)
				}
			}
		}
		checkWorkbooksReadBack(t, res, tax)
	})
}

// checkWorkbooksReadBack writes an import's workbooks and reads them as a
// build does: they read back as the rows imported.
func checkWorkbooksReadBack(t *testing.T, res *Result, tax *taxonomy.Taxonomy) {
	tree, err := res.Tree(tax)
	if err != nil {
		t.Fatalf("Tree: %v", err)
	}
	dir := t.TempDir()
	if err := Write(dir, tree); err != nil {
		t.Fatal(err)
	}
	var probs problem.List
	read := workbook.ReadDir(dir, tax, &probs, nil)
	if err := probs.Err(); err != nil {
		t.Fatalf("the workbooks imported do not read back:\n%v", err)
	}
	type figures struct {
		Period                       report.Period
		Country, LegalBasis, Segment string
		Requests, Accounts           report.Count
		DisclosedPercent             *float64
	}
	summary := func(sources []report.Source) []figures {
		var out []figures
		for _, s := range sources {
			for _, r := range s.Rows {
				out = append(out, figures{Period: r.Period, Country: r.Country, LegalBasis: r.LegalBasis, Segment: r.Segment,
					Requests: r.Requests, Accounts: r.Accounts, DisclosedPercent: r.DisclosedPercent})
			}
		}
		return out
	}
	if diff := cmp.Diff(summary(res.Sources), summary(read)); diff != "" {
		t.Fatalf("the workbooks imported read back otherwise -imported +read:\n%s", diff)
	}
}

// FuzzParse checks that every problem of a mapping names the file, and
// that a mapping accepted is checked the same way each time it is parsed.
// The seeds are the example mapping for Google's files and
// testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	tax := testhelp.ProjectTaxonomy(f)
	example, err := os.ReadFile("../../../examples/mappings/google.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example)
	const file = "mapping.toml"
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(file, raw, tax)
		var perr *problem.Error
		switch {
		case errors.As(err, &perr):
			for _, p := range perr.Problems {
				if p.File != file || p.Msg == "" {
					t.Fatalf("problem %+v does not name %s", p, file)
				}
			}
			return
		case err != nil:
			t.Fatalf("Parse = %v, not a list of problems", err)
		}
		if !teamName.MatchString(m.Team) || m.Report == nil || m.Report.License.Name == "" || len(m.Tables) == 0 {
			t.Fatalf("accepted a mapping with team %q, report %+v and %d tables", m.Team, m.Report, len(m.Tables))
		}
		for _, tb := range m.Tables {
			if tb.Kind != KindRequests && tb.Kind != KindNationalSecurity {
				t.Fatalf("%s: accepted kind %q", tb.label, tb.Kind)
			}
		}
		again, err := Parse(file, raw, tax)
		if err != nil {
			t.Fatalf("parsed once, refused the second time: %v", err)
		}
		first, _ := json.Marshal(m)
		second, _ := json.Marshal(again)
		if !bytes.Equal(first, second) {
			t.Fatalf("parsed twice otherwise:\n%s\n%s", first, second)
		}
	})
}
