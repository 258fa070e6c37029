package downloads_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// requestTypes is a half-year whose rows name what the requests named, but
// for one, with the project's taxonomy (the fixture's has no request types).
func requestTypes(t testing.TB) dataset {
	tax := loadTaxonomy(t, projectTaxonomy)
	p := testhelp.MustPeriod(t, "2024-H1")
	named := func(country, basis, requestType string, requests int64, note string) report.Row {
		return report.Row{Period: p, Team: "imported", Country: country, LegalBasis: basis, RequestType: requestType,
			Requests: report.Exactly(requests), Accounts: report.Exactly(requests), Note: note}
	}
	sources := []report.Source{{Period: p, Team: "imported", Rows: []report.Row{
		named("US", "subpoena", "push_token", 12, "tokens of one app"),
		named("US", "subpoena", "account", 40, ""),
		named("US", "subpoena", "", 5, "kind not recorded"),
		named("DE", "court_order", "device", 3, ""),
	}}}
	return dataset{"request types", tax, sources, aggregate(t, sources, tax, fixtureAbout)}
}

// TestRequestTypeColumn checks that the tidy tables have a request_type
// column where some row names one, and only there, and that the data
// package makes it part of each row's key.
func TestRequestTypeColumn(t *testing.T) {
	for _, tt := range []struct {
		d    dataset
		want []string // period country legal_basis request_type requests notes, of requests.csv
	}{
		{fixture(t), nil},
		{requestTypes(t), []string{
			"2024-H1 DE court_order device 3 ",
			"2024-H1 US subpoena account 40 ",
			"2024-H1 US subpoena push_token 12 tokens of one app",
			"2024-H1 US subpoena  5 kind not recorded",
		}},
	} {
		t.Run(tt.d.name, func(t *testing.T) {
			rel := build(t, tt.d)
			for _, name := range []string{"requests.csv", "by-period/requests-2024-H1.csv"} {
				header, _, _ := strings.Cut(string(rel.Files[name]), "\n")
				has := strings.Contains(header, ",counts_toward_total,request_type,requests,")
				if has != (tt.want != nil) || (tt.want == nil && strings.Contains(header, "request_type")) {
					t.Errorf("%s header %q: request_type column %v, want %v", name, header, has, tt.want != nil)
				}
			}
			for _, name := range []string{"periods.csv", "countries.csv"} {
				if header, _, _ := strings.Cut(string(rel.Files[name]), "\n"); strings.Contains(header, "request_type") {
					t.Errorf("%s header %q has a request_type column", name, header)
				}
			}
			if tt.want == nil {
				return
			}
			var got []string
			for _, r := range parseCSV(t, "requests.csv", rel.Files["requests.csv"]) {
				got = append(got, strings.Join([]string{r["period"], r["country_code"], r["legal_basis"], r["request_type"], r["requests"], r["notes"]}, " "))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("requests.csv rows -want +got:\n%s", diff)
			}
			var pkg packageDescriptor
			if err := json.Unmarshal(rel.Files[downloads.DataPackageFile], &pkg); err != nil {
				t.Fatal(err)
			}
			if key := pkg.Resources[0].Schema.PrimaryKey; !cmp.Equal(key, []string{"period", "country_code", "legal_basis", "request_type"}) {
				t.Errorf("%s primary key %v, want request_type in it", pkg.Resources[0].Name, key)
			}
			if readme := string(rel.Files[downloads.ReadmeFile]); !strings.Contains(readme, "request_type") {
				t.Errorf("%s does not explain request_type", downloads.ReadmeFile)
			}
		})
	}
}
