package importer_test

import (
	"path/filepath"
	"testing"
)

// TestGitHubCrossBorder imports GitHub's yearly files with the shipped
// mapping and finds every row of its cross-border requests by requesting
// government on the report's page of requests for data stored abroad:
// from that country, for data stored in the US, by the MLAT route, and
// not added into the totals (TestGitHub checks that they are unchanged).
func TestGitHubCrossBorder(t *testing.T) {
	rep := importGitHub(t, githubMapping, "*.csv", "by_calendar_year_half/*.csv")
	rows := readCSV(t, filepath.Join(githubDir, "cross_border_data_requests.csv"))
	if len(rows) == 0 {
		t.Fatal("GitHub's cross-border file has no rows")
	}
	periods := map[string]int{}
	for i, p := range rep.Abroad.Periods {
		periods[p.Period] = i
	}
	for i, row := range rows {
		at, ok := periods[row["year"]]
		if !ok {
			t.Errorf("row %d: no period %s of data stored abroad", i+2, row["year"])
			continue
		}
		p := rep.Abroad.Periods[at]
		var got string
		for _, m := range p.Matrix.Rows {
			if m.Code == row["government_iso2_code"] {
				for j, place := range p.Matrix.Places {
					if place.Key == "US" && m.Cells[j] != nil {
						got = m.Cells[j].String()
					}
				}
			}
		}
		if got != row["count"] {
			t.Errorf("row %d (%s, %s): %q stored in the US, GitHub %s", i+2, row["year"], row["government_iso2_code"], got, row["count"])
		}
		for _, r := range p.Routes {
			if r.Key != "mlat" {
				t.Errorf("%s: route %q; GitHub's cross-border requests come through the Justice Department (mlat)", row["year"], r.Key)
			}
		}
	}
}
