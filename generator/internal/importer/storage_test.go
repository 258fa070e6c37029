package importer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestCheckStorage imports rows that say where their data was stored when
// that cannot be: the problems get the words of a workbook's
// (workbook/testdata/problems/storage.txtar), at the imported cell.
func TestCheckStorage(t *testing.T) {
	const mapping = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }
[[tables]]
files = ["requests.csv"]
period = { column = "Period", patterns = ["{year}-H{half}"] }
country = { column = "Country" }
legal_basis = { column = "Legal basis" }
requests = { column = "Requests" }
accounts = { column = "Accounts" }
extraterritorial = { column = "Extraterritorial", blank = "missing" }
storage = { column = "Storage", values = { "abroad" = "another_country" } }
stored_in = { column = "Stored in" }
`
	tax := testhelp.ProjectTaxonomy(t)
	for _, tt := range []struct {
		name string
		rows string
		want []string
	}{
		{"stored in Ireland, in the EU, not known where, at home", "2026-H1,DE,Search warrant,5,5,,abroad,IE\n2026-H1,FR,Court order,5,5,,another_country,EU\n2026-H1,IT,mlat,5,5,,In another country,\n2026-H1,ES,Court order,5,5,,In the requesting country,\n", nil},
		{"the requesting country as another country", "2026-H1,DE,Search warrant,5,5,,abroad,DE\n",
			[]string{`requests.csv: row 2, column 8: stored in DE is the requesting country, not another country: choose "In the requesting country", or give the country where the data was stored`}},
		{"a place for data stored at home", "2026-H1,DE,Court order,5,5,,requesting_country,IE\n",
			[]string{`requests.csv: row 2, column 8: stored in IE is given, but data stored is not "In another country": choose "In another country", or leave stored in blank`}},
		{"extraterritorial beside the storage", "2026-H1,FR,Search warrant,5,5,3,abroad,IE\n",
			[]string{"requests.csv: row 2, column 6: extraterritorial 3 is given together with where the data was stored, which says it already: leave extraterritorial blank"}},
		{"a European Production Order before the law applies", "2026-H1,FR,European Production Order,5,5,,abroad,IE\n",
			[]string{"requests.csv: row 2, column 3: European Production Order applies only from 18 August 2026, after period 2026-H1 ends"}},
		{"not a storage location", "2026-H1,FR,Court order,5,5,,offshore,\n",
			[]string{`requests.csv: row 2, column 7: Storage: "offshore" is not mapped: add it to storage.values in the mapping`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			text := "Period,Country,Legal basis,Requests,Accounts,Extraterritorial,Storage,Stored in\n" + tt.rows
			m, err := importer.Parse("mapping.toml", []byte(mapping), tax)
			if err != nil {
				t.Fatal(err)
			}
			_, err = importer.Import(m, []string{writeFile(t, dir, "requests.csv", text)}, tax)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Import: %v", err)
				}
				return
			}
			if diff := cmp.Diff(tt.want, problemsIn(t, err, dir)); diff != "" {
				t.Errorf("import problems -want +got:\n%s", diff)
			}
		})
	}
}
