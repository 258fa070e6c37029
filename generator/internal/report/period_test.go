package report

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in         string
		want       string
		start, end string
		wantErr    bool
	}{
		{in: "2026-Q3", want: "2026-Q3", start: "2026-07-01", end: "2026-09-30"},
		{in: " 2026-q1 ", want: "2026-Q1", start: "2026-01-01", end: "2026-03-31"},
		{in: "2023-H1", want: "2023-H1", start: "2023-01-01", end: "2023-06-30"},
		{in: "2023-H2", want: "2023-H2", start: "2023-07-01", end: "2023-12-31"},
		{in: "2024", want: "2024", start: "2024-01-01", end: "2024-12-31"},
		{in: "2024-Q5", wantErr: true},
		{in: "2024-H3", wantErr: true},
		{in: "24-Q1", wantErr: true},
		{in: "Q1-2024", wantErr: true},
		{in: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := ParsePeriod(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParsePeriod(%q) = %v, want error", tt.in, p)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := []string{p.String(), p.Start(), p.End()}; !cmp.Equal(got, []string{tt.want, tt.start, tt.end}) {
				t.Errorf("ParsePeriod(%q): key, start, end = %v, want %v", tt.in, got, []string{tt.want, tt.start, tt.end})
			}
		})
	}
}

func TestPeriodEnding(t *testing.T) {
	tests := []struct {
		date    string
		kind    Kind
		want    string
		wantErr bool
	}{
		{"2023-06-30", Half, "2023-H1", false},
		{"2009-12-31", Half, "2009-H2", false},
		{"2026-09-30", Quarter, "2026-Q3", false},
		{"2026-12-31", Year, "2026", false},
		{"2023-06-29", Half, "", true},
		{"2023-03-31", Half, "", true},
		{"30/06/2023", Half, "", true},
		{"0001-12-31", Year, "", true}, // its key, 1, is not a period
	}
	for _, tt := range tests {
		t.Run(tt.date+"/"+tt.kind.String(), func(t *testing.T) {
			p, err := PeriodEnding(tt.date, tt.kind)
			if (err != nil) != tt.wantErr {
				t.Fatalf("PeriodEnding(%q) error = %v, want error %v", tt.date, err, tt.wantErr)
			}
			if err == nil && p.String() != tt.want {
				t.Errorf("PeriodEnding(%q) = %s, want %s", tt.date, p, tt.want)
			}
		})
	}
}

func TestPeriodRelations(t *testing.T) {
	q := Period{2026, Quarter, 1}
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"previous quarter across years", q.Previous().String(), "2025-Q4"},
		{"previous half", Period{2026, Half, 1}.Previous().String(), "2025-H2"},
		{"previous year", Period{2026, Year, 0}.Previous().String(), "2025"},
		{"parent of Q3", Period{2026, Quarter, 3}.parentKey(), "2026-H2"},
		{"parent of H1", Period{2026, Half, 1}.parentKey(), "2026"},
		{"year has no parent", Period{2026, Year, 0}.parentKey(), ""},
		{"children of H2", keys(Period{2026, Half, 2}.Children()), []string{"2026-Q3", "2026-Q4"}},
		{"children of year", keys(Period{2026, Year, 0}.Children()), []string{"2026-H1", "2026-H2"}},
		{"quarter before half ending same day", Period{2026, Quarter, 2}.Compare(Period{2026, Half, 1}) < 0, true},
		{"earlier end first", Period{2025, Year, 0}.Compare(Period{2026, Quarter, 1}) < 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func (p Period) parentKey() string {
	parent, ok := p.Parent()
	if !ok {
		return ""
	}
	return parent.String()
}

func keys(ps []Period) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func TestParseBand(t *testing.T) {
	tests := []struct {
		in      string
		want    Band
		wantErr bool
	}{
		{in: "0-499", want: Band{Low: 0, High: 499, Published: "0-499"}},
		{in: "0 - 249", want: Band{Low: 0, High: 249, Published: "0-249"}},
		{in: "1,000–1,499", want: Band{Low: 1000, High: 1499, Published: "1000-1499"}},
		{in: "5000+", want: Band{Low: 5000, Open: true, Published: "5000+"}},
		{in: "0", want: Band{Low: 0, High: 0, Published: "0"}},
		{in: "499-0", wantErr: true},
		{in: "a-b", wantErr: true},
		{in: "-5", wantErr: true},
		{in: "", wantErr: true},
		{in: "100-", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseBand(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseBand(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); err == nil && diff != "" {
				t.Errorf("ParseBand(%q) -want +got:\n%s", tt.in, diff)
			}
		})
	}
}
