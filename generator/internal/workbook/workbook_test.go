package workbook

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func ptr[T any](v T) *T { return &v }

// save writes f to path, creating its folders, and closes f.
func save(t testing.TB, f *excelize.File, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// problemLines formats problems one per line, with paths relative to root so
// that they do not depend on the temporary folder.
func problemLines(probs *problem.List, root string) []string {
	var lines []string
	for _, p := range probs.Sorted() {
		line := strings.ReplaceAll(p.String(), root+string(filepath.Separator), "")
		lines = append(lines, filepath.ToSlash(line))
	}
	return lines
}

func TestTemplate(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	for _, tc := range []struct {
		period string
		team   string
	}{
		{"2026-Q3", "EMEA"},
		{"2023-H1", "Legacy import"},
	} {
		t.Run(tc.period, func(t *testing.T) {
			f, err := Template(tax, testhelp.MustPeriod(t, tc.period), tc.team)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()

			wantSheets := []string{InstructionsSheet, AboutSheet, RequestsSheet, NationalSecuritySheet, ChallengesSheet, NotificationsSheet, ListsSheet}
			if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
			for _, sheet := range wantSheets {
				visible, err := f.GetSheetVisible(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if want := sheet != ListsSheet; visible != want {
					t.Errorf("sheet %s visible = %v, want %v", sheet, visible, want)
				}
			}

			for _, sheet := range []string{RequestsSheet, NationalSecuritySheet} {
				panes, err := f.GetPanes(sheet)
				if err != nil {
					t.Fatal(err)
				}
				if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
					t.Errorf("%s panes = %+v, want the header row frozen", sheet, panes)
				}
			}

			cells := map[string]string{
				AboutSheet + "!A1":            "Period",
				AboutSheet + "!B1":            tc.period,
				AboutSheet + "!B2":            tc.team,
				RequestsSheet + "!A1":         "Country",
				RequestsSheet + "!F1":         tax.Outcomes[0].English(),
				RequestsSheet + "!I1":         tax.Outcomes[3].English(),
				RequestsSheet + "!M1":         "Note",
				RequestsSheet + "!P1":         "Request type",
				RequestsSheet + "!Q1":         "Data stored",
				RequestsSheet + "!R1":         "Stored in",
				ListsSheet + "!F2":            "In the requesting country",
				NationalSecuritySheet + "!C1": "Requests",
				ListsSheet + "!A2":            countries.All()[0],
				ListsSheet + "!C2":            tax.LegalBases[0].English(),
				// After the 250 countries, the requesters that are not.
				ListsSheet + "!A252": "ZZ",
				ListsSheet + "!B252": "Not by country: worldwide figures, or the rest of the world",
				ListsSheet + "!A253": "UN",
				ListsSheet + "!B253": "United Nations",
				ListsSheet + "!B254": "European Union",
			}
			for ref, want := range cells {
				sheet, cell, _ := strings.Cut(ref, "!")
				got, err := f.GetCellValue(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s = %q, want %q", ref, got, want)
				}
			}

			lastCountry := len(countries.All()) + 1
			wantValidations := map[string][]string{
				RequestsSheet: {
					"A2:A5000 list Lists!$A$2:$A$" + strconv.Itoa(lastCountry),
					"B2:B5000 list Lists!$C$2:$C$" + strconv.Itoa(len(tax.LegalBases)+1),
					"C2:C5000 list Lists!$D$2:$D$" + strconv.Itoa(len(tax.Segments)+1),
					"D2:I5000 K2:L5000 whole greaterThanOrEqual 0",
					"J2:J5000 decimal between 0 100",
					"Q2:Q5000 list Lists!$F$2:$F$" + strconv.Itoa(len(tax.StorageLocations)+1),
					"R2:R5000 list Lists!$A$2:$A$" + strconv.Itoa(lastCountry),
				},
				NationalSecuritySheet: {
					"B2:B5000 list Lists!$E$2:$E$" + strconv.Itoa(len(tax.NationalSecurityType)+1),
				},
			}
			for sheet, want := range wantValidations {
				dvs, err := f.GetDataValidations(sheet)
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, dv := range dvs {
					got = append(got, strings.Join(strings.Fields(strings.Join([]string{dv.Sqref, dv.Type, dv.Operator, dv.Formula1, dv.Formula2}, " ")), " "))
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s validations (-want +got):\n%s", sheet, diff)
				}
			}
		})
	}
}

func TestTemplateIsDeterministic(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	write := func() []byte {
		f, err := Template(tax, testhelp.MustPeriod(t, "2026-Q3"), "EMEA")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(write(), write()) {
		t.Error("two templates for the same period and team differ")
	}
}

// TestBuildOptionalColumns checks that Build writes the headers of the
// optional Requests columns up to the last one a row uses, and explains the
// Request type column on the Instructions sheet only where it is there, so
// that a workbook without them is the template's.
func TestBuildOptionalColumns(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	requests := func(requestType string, outcomes map[string]report.Count) report.Row {
		return report.Row{Country: "US", LegalBasis: "court_order", RequestType: requestType, Requests: report.Exactly(1), Accounts: report.Exactly(1), Outcomes: outcomes}
	}
	groupOnly := map[string]report.Count{"content": report.NotPublished(), "non_content": report.NotPublished(), "no_data": report.NotPublished(), "rejected": report.NotPublished(), "some_data_disclosed": report.Exactly(1)}
	for _, tc := range []struct {
		name         string
		rows         []report.Row
		headers      []string // after Note
		instructions bool     // whether the Instructions sheet explains Request type
	}{
		{"none", []report.Row{requests("", nil)}, nil, false},
		{"an outcome group", []report.Row{requests("", groupOnly)}, []string{"Requests with some data disclosed", "Requests with no data disclosed"}, false},
		{"a request type", []report.Row{requests("", nil), requests("device", nil)}, []string{"Requests with some data disclosed", "Requests with no data disclosed", "Request type"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Build(tax, report.Source{Period: testhelp.MustPeriod(t, "2026-Q3"), Team: "EMEA", Rows: tc.rows})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows(RequestsSheet)
			if err != nil {
				t.Fatal(err)
			}
			layout := newRequestsLayout(tax)
			if diff := cmp.Diff(tc.headers, rows[0][layout.note:], cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("optional headers (-want +got):\n%s", diff)
			}
			instructions, err := f.GetRows(InstructionsSheet)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, line := range instructions {
				found = found || (len(line) > 0 && line[0] == "Request types")
			}
			if found != tc.instructions {
				t.Errorf("Instructions list the request types: %v, want %v", found, tc.instructions)
			}
		})
	}
}

func TestBuildReadRoundTrip(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	for _, tc := range []struct {
		name string
		src  report.Source
	}{
		{
			name: "quarter with outcome counts",
			src: report.Source{
				Period: testhelp.MustPeriod(t, "2026-Q3"),
				Team:   "EMEA",
				Rows: []report.Row{
					{
						Country: "US", LegalBasis: "court_order", Segment: "consumer",
						Requests: report.Exactly(120), Accounts: report.Exactly(300),
						Outcomes:         report.ExactCounts(map[string]int64{"content": 10, "non_content": 50, "no_data": 20, "rejected": 40}),
						Extraterritorial: ptr[int64](5), Contested: ptr[int64](1),
						Note: "includes one follow-up",
					},
					{
						Country: "US", LegalBasis: "court_order", Segment: "enterprise",
						Requests: report.Exactly(3), Accounts: report.Exactly(3),
						Outcomes: report.ExactCounts(map[string]int64{"content": 0, "non_content": 1, "no_data": 0, "rejected": 2}),
					},
					{Country: "DE", LegalBasis: "search_warrant", Requests: report.Exactly(0), Accounts: report.Exactly(0),
						Outcomes: report.ExactCounts(map[string]int64{"content": 0, "non_content": 0, "no_data": 0, "rejected": 0})},
					{Country: "FR", LegalBasis: "preservation", Requests: report.Exactly(7), Accounts: report.Exactly(9)},
					{Country: "XK", LegalBasis: "emergency", Requests: report.Exactly(1234567), Accounts: report.Exactly(1), Contested: ptr[int64](0)},
				},
				NationalSecurity: []report.NationalSecurityRow{
					{Period: testhelp.MustPeriod(t, "2026-H1"), Type: "fisa_content", Requests: testhelp.MustBand(t, "0-499"), Accounts: testhelp.MustBand(t, "5000+")},
					{Period: testhelp.MustPeriod(t, "2025-H2"), Type: "nsl", Requests: testhelp.MustBand(t, "0-249"), Accounts: testhelp.MustBand(t, "0-249"), Note: "late"},
				},
			},
		},
		{
			name: "imported half-year with percentages",
			src: report.Source{
				Period: testhelp.MustPeriod(t, "2023-H1"),
				Team:   "legacy",
				Rows: []report.Row{
					{Country: "BR", LegalBasis: "not_broken_down", Requests: report.Exactly(1500), Accounts: report.Exactly(2100), DisclosedPercent: ptr(45.5)},
					{Country: "IN", LegalBasis: "not_broken_down", Requests: report.Exactly(10), Accounts: report.Exactly(10), DisclosedPercent: ptr(0.0)},
					{Country: "JP", LegalBasis: "not_broken_down", Requests: report.Exactly(3), Accounts: report.Exactly(4), DisclosedPercent: ptr(100.0)},
				},
			},
		},
		{
			name: "imported half-year with ranges, figures not published and outcome groups",
			src: report.Source{
				Period: testhelp.MustPeriod(t, "2024-H1"),
				Team:   "legacy",
				Rows: []report.Row{
					{Country: "US", LegalBasis: "not_broken_down", Requests: report.Between(11000, 12000), Accounts: report.NotPublished()},
					{Country: "FR", LegalBasis: "not_broken_down", Requests: report.AtLeast(5000), Accounts: report.Between(0, 9), DisclosedPercent: ptr(50.0)},
					{Country: "DE", LegalBasis: "not_broken_down", Requests: report.Exactly(10), Accounts: report.Exactly(12),
						Outcomes: map[string]report.Count{
							"content": report.NotPublished(), "non_content": report.NotPublished(), "no_data": report.NotPublished(), "rejected": report.NotPublished(),
							"some_data_disclosed": report.Exactly(7),
						}},
					{Country: "IT", LegalBasis: "not_broken_down", Requests: report.NotPublished(), Accounts: report.NotPublished()},
				},
			},
		},
		{
			name: "imported half-year by request type",
			src: report.Source{
				Period: testhelp.MustPeriod(t, "2024-H1"),
				Team:   "imported",
				Rows: []report.Row{
					{Country: "US", LegalBasis: "not_broken_down", RequestType: "push_token", Requests: report.Exactly(12), Accounts: report.Exactly(30)},
					{Country: "US", LegalBasis: "not_broken_down", RequestType: "account", Requests: report.Exactly(40), Accounts: report.Exactly(41),
						Outcomes: map[string]report.Count{"content": report.NotPublished(), "non_content": report.NotPublished(), "no_data": report.NotPublished(), "rejected": report.NotPublished(), "some_data_disclosed": report.Exactly(30)}},
					{Country: "US", LegalBasis: "not_broken_down", Requests: report.Exactly(5), Accounts: report.Exactly(5)},
				},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Build(tax, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), tc.src.Period.String(), tc.src.Team+".xlsx")
			save(t, f, path)

			var probs problem.List
			got := Read(path, tax, &probs)
			if err := probs.Err(); err != nil {
				t.Fatalf("problems:\n%v", err)
			}

			want := tc.src
			want.File = path
			want.TeamAt = report.Location{File: path, Sheet: AboutSheet, Row: aboutTeamRow, Col: aboutValueCol}
			want.Rows = nil
			for i, row := range tc.src.Rows {
				row.Where = report.Location{File: path, Sheet: RequestsSheet, Row: i + 2}
				row.Cols = newRequestsLayout(tax).columns
				row.Period, row.Team = want.Period, want.Team
				want.Rows = append(want.Rows, row)
			}
			want.NationalSecurity = nil
			for i, row := range tc.src.NationalSecurity {
				row.Where = report.Location{File: path, Sheet: NationalSecuritySheet, Row: i + 2}
				row.Cols = report.BandColumns{Period: colNSPeriod, Type: colNSType, Note: colNSNote}
				row.ReportedIn, row.Team = want.Period, want.Team
				want.NationalSecurity = append(want.NationalSecurity, row)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Read(Build(src)) (-want +got):\n%s", diff)
			}
		})
	}
}
