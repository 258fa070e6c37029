package importer_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// sharedMapping reads a CSV file and an XLSX file in two layouts whose
// legal processes are written the same way: one map under [values] serves
// both tables.
const sharedMapping = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }

[values.legal_process]
"All" = "not_broken_down"
"Search Warrants" = "Search warrant"   # a taxonomy label, stored by its key
"Wiretap orders" = "interception"

[[tables]]
files = ["*.csv"]
period = { column = "Period", patterns = ["{year}-H{half}"] }
country = { column = "Country" }
legal_basis = { column = "Legal Process", values = "legal_process" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }

[[tables]]
files = ["*.xlsx"]
period = { column = "Half-year", patterns = ["H{half} {year}"] }
country = { column = "Code" }
requests = { column = "Number of requests" }
accounts = { column = "Number of accounts" }
[tables.legal_basis]
column = "Process"
values = "legal_process"
`

func TestSharedValues(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	dir := t.TempDir()
	csv := writeFile(t, dir, "a.csv", "Period,Country,Legal Process,Requests,Accounts\n"+
		"2026-H1,DE,all,3,3\n"+
		"2026-H1,US,Search  warrants,5,6\n")
	xlsx := filepath.Join(dir, "b.xlsx")
	writeXLSX(t, xlsx, "Data", [][]any{
		{"Half-year", "Code", "Process", "Number of requests", "Number of accounts"},
		{"H2 2026", "US", "WIRETAP ORDERS", 1, 1},
		{"H2 2026", "FR", "All", 2, 2},
	})
	m, err := importer.Parse("mapping.toml", []byte(sharedMapping), tax)
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(m, []string{csv, xlsx}, tax)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Sources {
		for _, r := range s.Rows {
			got = append(got, fmt.Sprintf("%s %s %s", s.Period, r.Country, r.LegalBasis))
		}
	}
	want := []string{"2026-H1 DE not_broken_down", "2026-H1 US search_warrant", "2026-H2 FR not_broken_down", "2026-H2 US interception"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("imported -want +got:\n%s", diff)
	}

	// A word the map lacks is to be added to the map.
	unknown := writeFile(t, dir, "c.csv", "Period,Country,Legal Process,Requests,Accounts\n2026-H1,DE,Pen registers,3,3\n")
	_, err = importer.Import(m, []string{unknown, xlsx}, tax)
	wantProblems := []string{`c.csv: row 2, column 3: Legal Process: "Pen registers" is not mapped: add it to [values.legal_process] in the mapping`}
	if diff := cmp.Diff(wantProblems, problemsIn(t, err, dir)); diff != "" {
		t.Errorf("problems -want +got:\n%s", diff)
	}
}

// TestSharedValuesMistakes: each mistake in a map under [values], or in a
// field's reference to one, is a problem of the mapping that names the map
// and its entry, or the table and the field.
func TestSharedValuesMistakes(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	for _, tc := range []struct {
		name, from, to string
		want           []string
	}{
		{
			name: "an entry not in the taxonomy",
			from: `"Wiretap orders" = "interception"`, to: `"Wiretap orders" = "wiretap"`,
			want: []string{`mapping.toml: values.legal_process: "Wiretap orders": "wiretap" is not a legal basis in the taxonomy`},
		},
		{
			name: "an entry twice",
			from: `"All" = "not_broken_down"`, to: `"All" = "not_broken_down"` + "\n\"ALL \" = \"other\"",
			want: []string{`mapping.toml: values.legal_process: "All" is given twice, ignoring case and spaces`},
		},
		{
			name: "an unknown map",
			from: `values = "legal_process"` + "\n", to: `values = "legal_processes"` + "\n",
			want: []string{`mapping.toml: tables[1].legal_basis.values: no map "legal_processes" under [values] (the mapping has "legal_process")`},
		},
		{
			name: "a map no field uses",
			from: "[[tables]]", to: "[values.periods]\n\"First half\" = \"2026-H1\"\n[[tables]]",
			want: []string{`mapping.toml: values.periods: no field uses it: give values = "periods" in the fields it is for, or delete it`},
		},
		{
			name: "a map for two kinds of field",
			from: `country = { column = "Code" }`, to: `country = { column = "Code", values = "legal_process" }`,
			want: []string{`mapping.toml: values.legal_process: is used by fields of different kinds (country, legal_basis): a map is onto one kind of value, such as legal bases`},
		},
		{
			name: "neither a table nor a name",
			from: `values = "legal_process"` + "\n", to: "values = 3\n",
			want: []string{`mapping.toml: line 27: values must be a table such as { "All" = "not_broken_down" } or the name of a map under [values], not 3`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(sharedMapping, tc.from) {
				t.Fatalf("the mapping has no %q", tc.from)
			}
			mapping := strings.Replace(sharedMapping, tc.from, tc.to, 1)
			_, err := importer.Parse("mapping.toml", []byte(mapping), tax)
			if diff := cmp.Diff(tc.want, problemsIn(t, err, t.TempDir())); diff != "" {
				t.Errorf("problems -want +got:\n%s", diff)
			}
		})
	}
}
