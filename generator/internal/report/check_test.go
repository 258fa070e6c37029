package report

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestCheck(t *testing.T) {
	tax := loadTaxonomy(t)
	// The columns of a workbook's Requests sheet, as its reader gives them.
	cols := Columns{
		Country: 1, LegalBasis: 2, Segment: 3, Requests: 4, Accounts: 5,
		Outcomes: map[string]int{"content": 6, "non_content": 7, "no_data": 8, "rejected": 9},
		Percent:  10, Extraterritorial: 11, Contested: 12, Note: 13,
	}
	const file = "sources/2026-Q1/emea.xlsx"
	row := func(n int, country, basis, segment string, requests int64) Row {
		return Row{
			Where: Location{File: file, Sheet: "Requests", Row: n}, Cols: cols,
			Period: q(2026, 1), Team: "EMEA", Country: country, LegalBasis: basis, Segment: segment, Requests: Exactly(requests), Accounts: Exactly(requests),
		}
	}
	withOutcomes := func(r Row, content, nonContent, noData, rejected int64) Row {
		r.Outcomes = ExactCounts(map[string]int64{"content": content, "non_content": nonContent, "no_data": noData, "rejected": rejected})
		return r
	}
	band := func(file string, n int, covered Period, kind string, reportedIn Period) NationalSecurityRow {
		return NationalSecurityRow{
			Where: Location{File: file, Sheet: "National security", Row: n}, Cols: BandColumns{Period: 1, Type: 2},
			ReportedIn: reportedIn, Period: covered, Type: kind, Requests: BandOf(0, 499), Accounts: BandOf(0, 499),
		}
	}
	source := func(file string, p Period, team string, rows ...Row) Source {
		return Source{File: file, Period: p, Team: team, TeamAt: Location{File: file, Sheet: "About", Row: 2, Col: 2}, Rows: rows}
	}
	partial := withOutcomes(row(2, "DE", "court_order", "", 10), 1, 1, 1, 1)
	delete(partial.Outcomes, "no_data")
	percent := withOutcomes(row(2, "DE", "court_order", "", 10), 1, 1, 1, 1)
	percent.DisclosedPercent = ptr(20.0)
	parts := row(2, "DE", "court_order", "", 10)
	parts.Extraterritorial, parts.Contested = ptr(int64(11)), ptr(int64(10))
	overridden := row(4, "DE", "court_order", "", 10)
	overridden.Note = "estimated: \u202e01 ton"
	longNote := row(5, "FR", "court_order", "", 10)
	longNote.Note = strings.Repeat("x", MaxText+1)
	longestNote := row(6, "IT", "court_order", "", 10)
	longestNote.Note = strings.Repeat("x", MaxText)
	bandNote := band("sources/2026-Q3/legal.xlsx", 2, h(2026, 1), "nsl", q(2026, 3))
	bandNote.Cols.Note = 7
	bandNote.Note = "\u2067see below\u2069"

	for _, tt := range []struct {
		name    string
		sources []Source
		want    []string
	}{
		{
			name: "consistent rows",
			sources: []Source{
				source(file, q(2026, 1), "EMEA", withOutcomes(row(2, "DE", "court_order", "", 10), 4, 3, 2, 1), row(3, "DE", "court_order", "consumer", 5)),
				source("sources/2026-Q1/apac.xlsx", q(2026, 1), "APAC", row(2, "DE", "court_order", "", 10)),
			},
		},
		{
			name:    "a row given twice",
			sources: []Source{source(file, q(2026, 1), "EMEA", row(2, "FR", "court_order", "", 1), row(3, "DE", "court_order", "", 1), row(5, "FR", "court_order", "", 2))},
			want:    []string{file + ": Requests!A5: same period, country, legal basis and segment as row 2 (FR, Court order, no segment)"},
		},
		{
			name: "a row given twice in two files of an import",
			sources: []Source{{Period: q(2026, 1), Team: "Example", Rows: []Row{
				{Where: Location{File: "a.csv", Row: 2}, Cols: Columns{Country: 3}, Period: q(2026, 1), Country: "PL", LegalBasis: "preservation", Segment: "consumer"},
				{Where: Location{File: "b.xlsx", Sheet: "Data", Row: 7}, Cols: Columns{Country: 3}, Period: q(2026, 1), Country: "PL", LegalBasis: "preservation", Segment: "consumer"},
			}}},
			want: []string{"b.xlsx: Data!C7: same period, country, legal basis and segment as a.csv row 2 (PL, Preservation request, Consumer)"},
		},
		{
			name: "a row given twice with a request type",
			sources: []Source{source(file, q(2026, 1), "EMEA",
				withRequestType(row(2, "FR", "court_order", "", 1), "push_token"),
				withRequestType(row(3, "FR", "court_order", "", 1), "account"),
				row(4, "FR", "court_order", "", 1),
				withRequestType(row(5, "FR", "court_order", "", 2), "push_token"))},
			want: []string{file + ": Requests!A5: same period, country, legal basis, segment and request type as row 2 (FR, Court order, no segment, Push token)"},
		},
		{
			name:    "outcomes add up to more than the requests",
			sources: []Source{source(file, q(2026, 1), "EMEA", withOutcomes(row(7, "FR", "court_order", "", 10), 5, 5, 5, 0))},
			want:    []string{file + ": Requests!D7: outcomes add up to 15, more than the 10 requests"},
		},
		{
			name:    "only some outcomes",
			sources: []Source{source(file, q(2026, 1), "EMEA", partial)},
			want:    []string{file + ": Requests!H2: only some outcome counts are given: give all 4, with \"not published\" for any the source did not publish, or none"},
		},
		{
			name:    "percent disclosed with outcome counts",
			sources: []Source{source(file, q(2026, 1), "EMEA", percent)},
			want:    []string{file + ": Requests!J2: percent disclosed 20 is given together with outcome counts: give one or the other"},
		},
		{
			name:    "extraterritorial and contested more than the requests",
			sources: []Source{source(file, q(2026, 1), "EMEA", parts)},
			want:    []string{file + ": Requests!K2: extraterritorial 11 is more than the 10 requests"},
		},
		{
			name: "a quarter inside a half given whole",
			sources: []Source{
				source("sources/2026-H1/x.xlsx", h(2026, 1), "x"),
				source("sources/2026-Q1/x.xlsx", q(2026, 1), "x"),
				source("sources/2026-Q2/x.xlsx", q(2026, 2), "y"),
			},
			want: []string{
				"sources/2026-Q1/x.xlsx: period 2026-Q1 lies inside period 2026-H1, which is also given: its requests would be counted twice",
				"sources/2026-Q2/x.xlsx: period 2026-Q2 lies inside period 2026-H1, which is also given: its requests would be counted twice",
			},
		},
		{
			name: "a quarter inside a half in an import is located at its first row",
			sources: []Source{
				{Period: h(2024, 1), Team: "x", Rows: []Row{{Where: Location{File: "r.csv", Row: 2}, Period: h(2024, 1)}}},
				{Period: q(2024, 1), Team: "x", Rows: []Row{{Where: Location{File: "r.csv", Row: 9}, Period: q(2024, 1), Country: "DE"}, {Where: Location{File: "r.csv", Row: 3}, Period: q(2024, 1), Country: "FR"}}},
			},
			want: []string{"r.csv: row 3: period 2024-Q1 lies inside period 2024-H1, which is also given: its requests would be counted twice"},
		},
		{
			name: "a team with two workbooks for a period",
			sources: []Source{
				source("sources/2026-Q1/emea.xlsx", q(2026, 1), "Legal", row(2, "DE", "court_order", "", 1)),
				source("sources/2026-Q1/legal.xlsx", q(2026, 1), "LEGAL", row(2, "DE", "court_order", "", 1)),
				source("sources/2026-Q2/legal.xlsx", q(2026, 2), "Legal"),
			},
			want: []string{`sources/2026-Q1/legal.xlsx: About!B2: team "LEGAL" already has a workbook for 2026-Q1: sources/2026-Q1/emea.xlsx`},
		},
		{
			name: "bands given twice, within and across workbooks",
			sources: []Source{
				{File: "sources/2026-Q2/legal.xlsx", Period: q(2026, 2), NationalSecurity: []NationalSecurityRow{
					band("sources/2026-Q2/legal.xlsx", 2, h(2025, 2), "fisa_content", q(2026, 2)),
					band("sources/2026-Q2/legal.xlsx", 3, h(2025, 2), "nsl", q(2026, 2)),
					band("sources/2026-Q2/legal.xlsx", 4, h(2025, 2), "nsl", q(2026, 2)),
				}},
				{File: "sources/2026-Q3/legal.xlsx", Period: q(2026, 3), NationalSecurity: []NationalSecurityRow{
					band("sources/2026-Q3/legal.xlsx", 2, h(2025, 2), "fisa_content", q(2026, 3)),
					band("sources/2026-Q3/legal.xlsx", 3, h(2026, 1), "fisa_content", q(2026, 3)),
				}},
			},
			want: []string{
				"sources/2026-Q2/legal.xlsx: National security!A4: same period covered and type as row 3 (2025-H2, National Security Letters)",
				"sources/2026-Q3/legal.xlsx: National security!A2: same period covered and type as sources/2026-Q2/legal.xlsx row 2 (2025-H2, FISA content requests)",
			},
		},
		{
			name:    "notes with a bidirectional override or longer than a cell",
			sources: []Source{source(file, q(2026, 1), "EMEA", overridden, longNote, longestNote)},
			want: []string{
				file + ": Requests!M4: note holds the invisible bidirectional control character U+202E at character 12, which can change how the text beside it reads: remove it",
				file + ": Requests!M5: note is 32768 characters long, more than the 32767 a spreadsheet cell holds",
			},
		},
		{
			name:    "a band's note with bidirectional isolates",
			sources: []Source{{File: "sources/2026-Q3/legal.xlsx", Period: q(2026, 3), NationalSecurity: []NationalSecurityRow{bandNote}}},
			want:    []string{"sources/2026-Q3/legal.xlsx: National security!G2: note holds the invisible bidirectional control character U+2067 at character 1, which can change how the text beside it reads: remove it"},
		},
		{
			name: "a band covering a period after the workbook's",
			sources: []Source{{File: "sources/2026-Q3/legal.xlsx", Period: q(2026, 3), NationalSecurity: []NationalSecurityRow{
				band("sources/2026-Q3/legal.xlsx", 5, q(2026, 4), "nsl", q(2026, 3)),
				band("sources/2026-Q3/legal.xlsx", 6, h(2026, 2), "fisa_content", q(2026, 3)),
				band("sources/2026-Q3/legal.xlsx", 7, q(2026, 3), "fisa_content", q(2026, 3)),
			}}},
			want: []string{
				"sources/2026-Q3/legal.xlsx: National security!A5: period covered 2026-Q4 ends after the workbook's period 2026-Q3",
				"sources/2026-Q3/legal.xlsx: National security!A6: period covered 2026-H2 ends after the workbook's period 2026-Q3",
			},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			probs := Check(tt.sources, tax)
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems -want +got:\n%s", diff)
			}
		})
	}
}

func TestRowName(t *testing.T) {
	from := Location{File: "a.xlsx", Sheet: "Requests", Row: 9}
	for _, tt := range []struct {
		loc  Location
		want string
	}{
		{Location{File: "a.xlsx", Sheet: "Requests", Row: 5}, "row 5"},
		{Location{File: "b.xlsx", Sheet: "Requests", Row: 2}, "b.xlsx row 2"},
		{Location{File: "b.xlsx", Sheet: "Data", Row: 2}, "b.xlsx: Data row 2"},
		{Location{File: "b.csv", Row: 2}, "b.csv row 2"},
	} {
		if got := RowName(tt.loc, from); got != tt.want {
			t.Errorf("RowName(%+v) = %q, want %q", tt.loc, got, tt.want)
		}
	}
}

// TestCheckPublication: a release is published after its period ends; a
// FISA band of the release being published must cover a period that ended
// 180 days before its publication day; a National Security Letter band has
// no delay; earlier releases' bands and a report without a publication day
// are not checked.
func TestCheckPublication(t *testing.T) {
	tax := loadTaxonomy(t)
	day := func(s string) *time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	band := func(in Period, covered, kind string, row int) NationalSecurityRow {
		p, err := ParsePeriod(covered)
		if err != nil {
			t.Fatal(err)
		}
		return NationalSecurityRow{Where: Location{File: "sources/" + in.String() + "/legal.xlsx", Sheet: "National security", Row: row}, Cols: BandColumns{Period: 1}, ReportedIn: in, Period: p, Type: kind}
	}
	q3, q1 := q(2026, 3), q(2026, 1)
	sources := []Source{
		{Period: q1, NationalSecurity: []NationalSecurityRow{band(q1, "2026-Q1", "fisa_content", 2)}}, // an earlier release: not checked
		{Period: q3, NationalSecurity: []NationalSecurityRow{
			band(q3, "2025-H2", "fisa_content", 2),     // ended 2025-12-31: from 2026-06-29
			band(q3, "2026-H1", "fisa_non_content", 3), // ended 2026-06-30: from 2026-12-27
			band(q3, "2026-Q3", "nsl", 4),              // no delay
		}},
	}
	tests := []struct {
		name      string
		published *time.Time
		want      []string
	}{
		{"no publication day", nil, nil},
		{"published in October", day("2026-10-20"), []string{
			"sources/2026-Q3/legal.xlsx: National security!A3: FISA non-content requests for 2026-H1 (ended 2026-06-30) may be published only from 2026-12-27, 180 days after the period, under 50 U.S.C. § 1874(b); this report is published on 2026-10-20 (report.toml: published)",
		}},
		{"published after the delay", day("2026-12-27"), nil},
		{"published before the period ends", day("2026-09-30"), []string{
			"sources/2026-Q3/legal.xlsx: National security!A3: FISA non-content requests for 2026-H1 (ended 2026-06-30) may be published only from 2026-12-27, 180 days after the period, under 50 U.S.C. § 1874(b); this report is published on 2026-09-30 (report.toml: published)",
			"sources/report.toml: published is 2026-09-30, but the latest period, 2026-Q3, ends on 2026-09-30: a release is published after its period ends; give the day this release is published",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			probs := CheckPublication(sources, About{Company: "x", Published: tt.published}, "sources/report.toml", tax)
			var got []string
			for _, p := range probs.Sorted() {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}
