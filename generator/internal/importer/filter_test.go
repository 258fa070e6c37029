package importer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// sectionsMapping reads one file that lists request figures and
// national-security ranges in the same columns, told apart by its Section
// column: each table reads its own rows.
const sectionsMapping = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }

[[tables]]
name = "requests"
files = ["*.csv"]
period = { column = "Period", patterns = ["{year}-H{half}"] }
country = { column = "Country" }
legal_basis = { column = "Kind", values = { "Preservation" = "preservation" } }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
[[tables.filter]]
column = "Section"
keep = ["Requests"]
[[tables.skip]]
column = "Country"
values = ["All"]
reason = "Example's own totals"

[[tables]]
name = "national-security"
files = ["*.csv"]
kind = "national_security"
period = { column = "Period", patterns = ["{year}-H{half}"] }
type = { column = "Kind", values = { "FISA content" = "fisa_content" } }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
[[tables.filter]]
column = "Section"
drop = ["Requests", ""]
`

const sectionsCSV = "Section,Period,Country,Kind,Requests,Accounts\n" +
	"Requests,2026-H1,DE,Court order,10,12\n" + // row 2
	"requests,2026-H1,FR,Preservation,3,3\n" + // row 3
	"National security,2026-H1,US,FISA content,0-499,0-499\n" + // row 4
	"Requests,2026-H1,All,Court order,13,15\n" + // row 5: skipped, and noted
	",2026-H1,,Note,,\n" // row 6: read by neither table

// TestFilter imports a file whose rows two tables share out with filters:
// each table reads its own rows, and the rows it leaves to the other are
// neither left out of the report nor noted, but listed in README.md.
func TestFilter(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	res, err := importText(t, tax, sectionsMapping, "sections.csv", sectionsCSV)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Sources {
		for _, r := range s.Rows {
			got = append(got, fmt.Sprintf("%s %s %s %v %v", s.Period, r.Country, r.LegalBasis, r.Requests, r.Accounts))
		}
		for _, b := range s.NationalSecurity {
			got = append(got, fmt.Sprintf("%s %s %s %s", b.Period, b.Type, b.Requests.Published, b.Accounts.Published))
		}
	}
	want := []string{"2026-H1 DE court_order 10 12", "2026-H1 FR preservation 3 3", "2026-H1 fisa_content 0-499 0-499"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("imported -want +got:\n%s", diff)
	}
	var files []string
	for _, f := range res.Files {
		files = append(files, fmt.Sprintf("%s: %d rows, %d imported, %v filtered", f.Table, f.Rows, f.Imported, f.Filtered))
	}
	wantFiles := []string{"requests: 5 rows, 2 imported, [4 6] filtered", "national-security: 5 rows, 1 imported, [2 3 5 6] filtered"}
	if diff := cmp.Diff(wantFiles, files); diff != "" {
		t.Errorf("files read -want +got:\n%s", diff)
	}
	if len(res.Left) != 1 || fmt.Sprint(res.Left[0].Rows) != "[5]" {
		t.Errorf("left out = %+v, want only the skipped row 5", res.Left)
	}
	wantNotes := []string{"Not imported from sections.csv (row 5, 13 requests): Example's own totals."}
	if diff := cmp.Diff(wantNotes, res.About.Notes); diff != "" {
		t.Errorf("notes -want +got:\n%s", diff)
	}
	tree, err := res.Tree(tax)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(tree[importer.ReadmeFile])
	_, section, _ := strings.Cut(readme, "## Rows left to other tables\n")
	wantSection := "\nRows that a table's filters do not read, as other tables of the mapping read them.\n\n" +
		"- `sections.csv` (table requests), rows 4 and 6: Section is not \"Requests\"\n" +
		"- `sections.csv` (table national-security), rows 2, 3, 5 and 6: Section is \"Requests\" or \"\"\n"
	if diff := cmp.Diff(wantSection, section); diff != "" {
		t.Errorf("README.md's rows left to other tables -want +got:\n%s", diff)
	}
}

// TestFilterMistakes checks filters that cannot work: each is a located
// problem of the mapping, or of the file's header row for a column the
// file does not have.
func TestFilterMistakes(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	table := strings.Split(sectionsMapping, "[[tables.filter]]")[0]
	for _, tc := range []struct {
		name, filter string
		want         []string
	}{
		{
			name:   "keep and drop",
			filter: `column = "Section"` + "\nkeep = [\"Requests\"]\ndrop = [\"\"]",
			want:   []string{"mapping.toml: tables[0] (requests).filter[0]: give keep or drop, not both"},
		},
		{
			name:   "neither",
			filter: `column = " "` + "\nkeep = []",
			want: []string{
				"mapping.toml: tables[0] (requests).filter[0].column: is empty",
				`mapping.toml: tables[0] (requests).filter[0]: give keep, the cell values of the rows the table reads, or drop, those of the rows it leaves to other tables ("" for a blank cell)`,
			},
		},
		{
			name:   "a value twice",
			filter: `column = "Section"` + "\ndrop = [\"Totals\", \" totals\"]",
			want:   []string{`mapping.toml: tables[0] (requests).filter[0]: " totals" is given twice, ignoring case and spaces`},
		},
		{
			name:   "a skip of rows the filter does not read",
			filter: `column = "country"` + "\ndrop = [\"All\"]",
			want:   []string{`mapping.toml: tables[0] (requests).skip[0].values: "All": the table does not read these rows, as filter[0] leaves them to other tables`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mapping := table + "[[tables.filter]]\n" + tc.filter + "\n[[tables.skip]]\ncolumn = \"Country\"\nvalues = [\"All\"]\nreason = \"totals\"\n"
			_, err := importer.Parse("mapping.toml", []byte(mapping), tax)
			if diff := cmp.Diff(tc.want, problemsIn(t, err, t.TempDir())); diff != "" {
				t.Errorf("problems -want +got:\n%s", diff)
			}
		})
	}

	t.Run("a column the file does not have", func(t *testing.T) {
		mapping := strings.Replace(sectionsMapping, `column = "Section"`+"\nkeep", `column = "Part"`+"\nkeep", 1)
		dir := t.TempDir()
		file := writeFile(t, dir, "sections.csv", sectionsCSV)
		m, err := importer.Parse("mapping.toml", []byte(mapping), tax)
		if err != nil {
			t.Fatal(err)
		}
		_, err = importer.Import(m, []string{file}, tax)
		want := []string{`sections.csv: row 1: no column "Part" (for tables[0] (requests).filter[0]) in the header row, which has "Section", "Period", "Country", "Kind", "Requests", "Accounts"`}
		if diff := cmp.Diff(want, problemsIn(t, err, dir)); diff != "" {
			t.Errorf("problems -want +got:\n%s", diff)
		}
	})
}
