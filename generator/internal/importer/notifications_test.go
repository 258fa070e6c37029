package importer_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// notificationsMapping reads requests, and the figures of telling users one
// measure per row, as GitHub publishes them.
const notificationsMapping = `
[report]
company = "Example"
license = { name = "As published", url = "https://example.com" }
[values.notice]
"gag order" = "gag_order"
"notification" = "notified"
"late" = "delayed_notice"
[[tables]]
files = ["requests.csv"]
period = { column = "Period" }
country = { value = "ZZ" }
legal_basis = { value = "not_broken_down" }
requests = { column = "Requests" }
accounts = { value = "not published" }
[[tables]]
kind = "notifications"
files = ["notices.csv"]
period = { column = "Period" }
country = { column = "Country" }
measure = { column = "Type", values = "notice" }
count = { column = "Count" }
`

// TestImportNotifications imports notices one measure per row: the
// measures of a period and country make one row, every other measure not
// published; a measure given twice, and notice given late to more users
// than were notified (in the words a workbook gets), are problems; and the
// notices of a period without request figures are left out, and noted.
func TestImportNotifications(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	const requests = "Period,Requests\n2026-H1,10\n"
	for _, tc := range []struct {
		name    string
		notices string
		want    []report.NotificationRow
		left    string
		probs   []string
	}{
		{
			name:    "measures of a period make one row",
			notices: "Period,Country,Type,Count\n2026-H1,DE,gag order,3\n2026-H1,DE,notification,2\n",
			want: []report.NotificationRow{{Period: report.Period{Year: 2026, Kind: report.Half, Index: 1}, Team: "imported", Country: "DE", LegalBasis: "not_broken_down",
				Measures: map[string]report.Count{"gag_order": report.Exactly(3), "notified": report.Exactly(2), "delayed_notice": report.NotPublished(), "emergency_no_notice": report.NotPublished()}}},
		},
		{
			name:    "a measure given twice",
			notices: "Period,Country,Type,Count\n2026-H1,DE,gag order,3\n2026-H1,DE,Gag Order,4\n",
			probs:   []string{"notices.csv: row 3, column 4: Requests with a non-disclosure order for 2026-H1, DE, Not broken down is given twice: also in row 2"},
		},
		{
			name:    "more notified late than notified",
			notices: "Period,Country,Type,Count\n2026-H1,DE,notification,2\n2026-H1,DE,late,5\n",
			probs:   []string{"notices.csv: row 3, column 4: 5 users notified late is more than the 2 users notified: notice given late is a part of them"},
		},
		{
			name:    "a period without request figures",
			notices: "Period,Country,Type,Count\n2026-H2,DE,gag order,3\n",
			left:    "the figures of telling users for 2026-H2, a period without request figures, which the report cannot show without showing its requests as none",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			files := []string{writeFile(t, dir, "requests.csv", requests), writeFile(t, dir, "notices.csv", tc.notices)}
			m, err := importer.Parse("mapping.toml", []byte(notificationsMapping), tax)
			if err != nil {
				t.Fatal(err)
			}
			res, err := importer.Import(m, files, tax)
			var perr *problem.Error
			if errors.As(err, &perr) {
				got := strings.Split(strings.ReplaceAll(perr.Error(), dir+string(filepath.Separator), ""), "\n")
				if diff := cmp.Diff(tc.probs, got); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.probs != nil {
				t.Fatalf("no problems, want %q", tc.probs)
			}
			var got []report.NotificationRow
			for _, s := range res.Sources {
				for _, n := range s.Notifications {
					n.Where, n.Cols, n.MeasureAt = report.Location{}, report.NotificationColumns{}, nil
					got = append(got, n)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("notification rows (-want +got):\n%s", diff)
			}
			var left []string
			for _, l := range res.Left {
				left = append(left, l.Reason)
			}
			if tc.left != "" && !slices.Contains(left, tc.left) {
				t.Errorf("left out %q, want %q", left, tc.left)
			}
		})
	}
}

// TestGitHubNotifications imports GitHub's half-year files with the shipped
// mapping and finds every figure of its file of user notifications on the
// report's page of telling users, figure for figure: worldwide and not by
// legal basis, the notices given late not published (GitHub does not say),
// and the half-year 2024-H2, for which GitHub published no request figures,
// left out. Without the shared data the test is skipped, except in CI.
func TestGitHubNotifications(t *testing.T) {
	const file = "by_calendar_year_half/user_notifications_of_legal_request_disclosures_by_calendar_year_half.csv"
	if _, err := os.Stat(filepath.Join(githubDir, file)); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no real data in %s: %v", githubDir, err)
		}
		t.Skipf("no real data in %s", githubDir)
	}
	files, _ := filepath.Glob(filepath.Join(githubDir, "by_calendar_year_half", "*.csv"))
	rep, _ := importAndView(t, githubHalvesMapping, files)
	measure := map[string]string{"gag order": "gag_order", "notification": "notified", "exigent circumstances": "emergency_no_notice"}
	byPeriod := map[string]map[string]report.Count{}
	for _, p := range rep.Notifications.Periods {
		if len(p.Cells) != 1 || p.Cells[0].Country != "ZZ" || p.Cells[0].LegalBasis != "not_broken_down" {
			t.Errorf("%s: cells %+v, want one, worldwide and not by legal basis", p.Period, p.Cells)
		}
		byPeriod[p.Period] = p.Totals
	}
	rows := readCSV(t, filepath.Join(githubDir, file))
	if len(rows) == 0 {
		t.Fatal("GitHub's file of notifications has no rows")
	}
	for _, row := range rows {
		period := row["year"] + "-H" + row["half"]
		totals, ok := byPeriod[period]
		if !ok {
			if rep.PeriodDetails[period] != nil {
				t.Errorf("%s: no figures of telling users", period)
			}
			continue
		}
		key := measure[row["type"]]
		if key == "" {
			t.Errorf("%s: GitHub's measure %q is not mapped", period, row["type"])
			continue
		}
		if got := totals[key].String(); got != row["count"] {
			t.Errorf("%s %s = %s, want GitHub's %s", period, key, got, row["count"])
		}
		if totals["delayed_notice"].Published() {
			t.Errorf("%s delayed_notice = %v, want not published", period, totals["delayed_notice"])
		}
	}
	if _, ok := byPeriod["2024-H2"]; ok {
		t.Error("2024-H2 has figures of telling users, though GitHub published no request figures for it")
	}
}
