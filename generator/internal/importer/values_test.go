package importer

import (
	"errors"
	"testing"
	"time"

	"github.com/transparency-report/site/generator/internal/problem"
)

func TestParseCount(t *testing.T) {
	plain := &Field{name: "requests"}
	comma := &Field{name: "requests", Thousands: ","}
	dot := &Field{name: "requests", Thousands: "."}
	space := &Field{name: "requests", Thousands: " "}
	tests := []struct {
		field   *Field
		in      string
		want    int64
		wantErr string
	}{
		{plain, "6117", 6117, ""},
		{plain, " 12 ", 12, ""},
		{plain, "0", 0, ""},
		// Text that a program reads as another figure than the one
		// written. An XLSX number cell is read as its digits first.
		{plain, "1.2E+3", 0, `"1.2E+3" is not a whole number`},
		{plain, "12.0000000001", 0, `"12.0000000001" is not a whole number`},
		{plain, "1.000", 0, `"1.000" is not a whole number; if "." separates thousands, set thousands = "." for requests in the mapping`},
		{plain, "TRUE", 0, `"TRUE" is not a whole number`},
		{plain, "+5", 0, `"+5" is not a whole number`},
		{plain, "1_000", 0, `"1_000" is not a whole number`},
		{plain, "0x1p10", 0, `"0x1p10" is not a whole number`},
		{plain, "9007199254740993", 0, `"9007199254740993" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`},
		{dot, "1.000", 1000, ""},
		{dot, "1.000.0", 0, `"1.000.0" is not a whole number with "." between thousands`},
		{plain, "6,117", 0, `"6,117" is not a whole number; if "," separates thousands, set thousands = "," for requests in the mapping`},
		{plain, "6.117", 0, `"6.117" is not a whole number; if "." separates thousands, set thousands = "." for requests in the mapping`},
		{plain, "12.5", 0, `"12.5" is not a whole number`},
		{plain, "-3", 0, `"-3" is negative`},
		{plain, "n/a", 0, `"n/a" is not a whole number`},
		{plain, "<10", 0, errLessThan.Error()},
		{comma, "6,117", 6117, ""},
		{comma, "1,234,567", 1234567, ""},
		{comma, "117", 117, ""},
		{comma, "61,17", 0, `"61,17" is not a whole number with "," between thousands`},
		{comma, "6,1170", 0, `"6,1170" is not a whole number with "," between thousands`},
		{comma, ",117", 0, `",117" is not a whole number with "," between thousands`},
		{comma, "6.117", 0, `"6.117" is not a whole number`},
		{dot, "6.117", 6117, ""},
		{space, "6 117", 6117, ""},
		{space, "6\u00a0117", 6117, ""}, // a no-break space, as French spreadsheets write
		{space, "6\u202f117", 6117, ""}, // a narrow no-break space
	}
	for _, tt := range tests {
		t.Run(tt.field.Thousands+"/"+tt.in, func(t *testing.T) {
			got, err := tt.field.parseCount(tt.in)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("parseCount(%q) error = %q, want %q", tt.in, msg, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("parseCount(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseUpperBound(t *testing.T) {
	f := &Field{name: "requests", Thousands: ","}
	tests := []struct {
		in      string
		want    string
		wantErr string
	}{
		{"<10", "0-9", ""},
		{"< 1,000", "0-999", ""},
		{"<1", "0", ""},
		{"<0", "", `"<0": no whole number is below 0`},
		{"<ten", "", `"ten" is not a whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := f.parseUpperBound(tt.in)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("parseUpperBound(%q) error = %q, want %q", tt.in, msg, tt.wantErr)
			}
			if err == nil && got.String() != tt.want {
				t.Errorf("parseUpperBound(%q) = %v, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestParsePercent(t *testing.T) {
	plain := &Field{name: "percent_disclosed"}
	sign := &Field{name: "percent_disclosed", PercentSign: true}
	comma := &Field{name: "percent_disclosed", PercentSign: true, Decimal: ","}
	fraction := &Field{name: "percent_disclosed", Fraction: true}
	tests := []struct {
		name    string
		field   *Field
		in      string
		want    float64
		wantErr string
	}{
		{"plain", plain, "54", 54, ""},
		{"plain", plain, "54.5", 54.5, ""},
		{"plain", plain, "0", 0, ""},
		{"plain", plain, "100", 100, ""},
		{"plain", plain, "54%", 0, `"54%" has a percent sign; to accept it, set percent_sign = true for percent_disclosed in the mapping`},
		{"plain", plain, "54,5", 0, `"54,5" is not a number; if "," is its decimal mark, set decimal = "," for percent_disclosed in the mapping`},
		{"plain", plain, "101", 0, `"101" is not a percentage from 0 to 100`},
		{"plain", plain, "-1", 0, `"-1" is not a percentage from 0 to 100`},
		{"plain", plain, "most", 0, `"most" is not a number`},
		{"plain", plain, "<1", 0, errLessThan.Error()},
		{"sign", sign, "54%", 54, ""},
		{"sign", sign, "54 %", 54, ""},
		{"sign", sign, "54", 54, ""},
		{"comma", comma, "54,5 %", 54.5, ""},
		{"comma", comma, "54.5", 0, `"54.5" is not a number with a decimal comma`},
		{"fraction", fraction, "0.54", 54, ""},
		{"fraction", fraction, "0.07", 7, ""},
		{"fraction", fraction, "1", 100, ""},
		{"fraction", fraction, "54", 0, `"54" is not a fraction from 0 to 1`},
		// An XLSX cell with a percentage format reads as its shown value.
		{"xlsx", fraction, "54%", 54, ""},
		{"xlsx", plain, "54.5%", 54.5, ""},
		{"xlsx", plain, "0.54", 0.54, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.in, func(t *testing.T) {
			got, err := tt.field.parsePercent(tt.in, tt.name == "xlsx")
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("parsePercent(%q) error = %q, want %q", tt.in, msg, tt.wantErr)
			}
			if err == nil && got != tt.want {
				t.Errorf("parsePercent(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateLayout(t *testing.T) {
	tests := []struct {
		format  string
		want    string
		wantErr string
	}{
		{"YYYY-MM-DD", "2006-01-02", ""},
		{"M/D/YYYY", "1/2/2006", ""},
		{"DD.MM.YYYY", "02.01.2006", ""},
		{"D MMM YYYY", "2 Jan 2006", ""},
		{"MMMM D, YYYY", "January 2, 2006", ""},
		{"YYYY-MM", "", `"YYYY-MM" needs a year (YYYY), a month (MM, M, MMM or MMMM) and a day (DD or D)`},
		{"YY-MM-DD", "", `"YY-MM-DD": "Y" is not part of a date format; use YYYY, MMMM, MMM, MM, M, DD, D and punctuation`},
		{"MM/DD", "", `"MM/DD" needs a year (YYYY), a month (MM, M, MMM or MMMM) and a day (DD or D)`},
		{"YYYY-MM-DDThh", "", `"YYYY-MM-DDThh": "T" is not part of a date format; use YYYY, MMMM, MMM, MM, M, DD, D and punctuation`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			got, err := dateLayout(tt.format)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("dateLayout(%q) error = %q, want %q", tt.format, msg, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("dateLayout(%q) = %q, want %q", tt.format, got, tt.want)
			}
		})
	}
}

func TestParsePeriod(t *testing.T) {
	field := func(f Field) *Field {
		t.Helper()
		var probs problem.List
		c := &checker{file: "test.toml", probs: &probs}
		f.Column = "Period"
		tbl := &Table{label: "tables[0]", Period: &f}
		c.field(tbl, "period", &f, ruleColumns|ruleBy|ruleKindDate|ruleValues|ruleConstant)
		c.period(tbl)
		if err := probs.Err(); err != nil {
			t.Fatal(err)
		}
		return &f
	}
	endHalf := field(Field{By: "end_date", Kind: "half"})
	startQuarter := field(Field{By: "start_date", Kind: "quarter", DateFormat: "DD/MM/YYYY"})
	endUS := field(Field{By: "end_date", Kind: "half", DateFormat: "M/D/YYYY"})
	labels := field(Field{By: "label", Patterns: []string{"{year} H{half}", "H{half} {year}", "Q{quarter} {yy}", "{start_month}-{end_month} {year}", "{start_month} {day} - {end_month} {day}, {year}"},
		Values: &valueMap{Entries: map[string]string{"First half of 2013": "2013-H1"}}})
	keys := field(Field{By: "label"})
	tests := []struct {
		name    string
		field   *Field
		xlsx    bool
		in      string
		want    string
		wantErr string
	}{
		{"end date", endHalf, false, "2023-06-30", "2023-H1", ""},
		{"end date", endHalf, false, "2009-12-31", "2009-H2", ""},
		{"end date not the last day", endHalf, false, "2023-03-31", "", "2023-03-31 is not the last day of a half"},
		{"end date in another format", endHalf, false, "30/06/2023", "", `"30/06/2023" is not a date written as YYYY-MM-DD`},
		{"end date as an XLSX serial number", endHalf, true, "45107", "2023-H1", ""},
		{"start date in an XLSX date cell", startQuarter, true, "2024-07-01", "2024-Q3", ""},
		{"start date in an XLSX date and time cell", startQuarter, true, "2024-07-01 00:00", "2024-Q3", ""},
		{"serial numbers only from XLSX", endHalf, false, "45107", "", `"45107" is not a date written as YYYY-MM-DD`},
		{"start date", startQuarter, false, "01/07/2024", "2024-Q3", ""},
		{"start date not the first day", startQuarter, false, "02/07/2024", "", "2024-07-02 is not the first day of a quarter"},
		{"US date", endUS, false, "6/30/2023", "2023-H1", ""},
		{"label year H", labels, false, "2013 H1", "2013-H1", ""},
		{"label H year", labels, false, "h2 2013", "2013-H2", ""},
		{"label without space", labels, false, "2013H2", "2013-H2", ""},
		{"label quarter two-digit year", labels, false, "Q3 24", "2024-Q3", ""},
		{"label month range half", labels, false, "Jul-Dec 2013", "2013-H2", ""},
		{"label month range with spaces", labels, false, "July - December 2013", "2013-H2", ""},
		{"label month range quarter", labels, false, "Apr-Jun 2024", "2024-Q2", ""},
		{"label month range year", labels, false, "Jan-Dec 2024", "2024", ""},
		{"label with days", labels, false, "Jan 1 - Jun 30, 2024", "2024-H1", ""},
		{"label month range not a period", labels, false, "Feb-Apr 2024", "", `"Feb-Apr 2024" is not a calendar quarter, half-year or year`},
		{"label not a month", labels, false, "Foo-Bar 2024", "", `"Foo-Bar 2024": "foo" is not a month`},
		{"label from values", labels, false, "first half of  2013", "2013-H1", ""},
		{"label project key", labels, false, "2013-H1", "2013-H1", ""},
		{"label of no form", labels, false, "2013 S1", "", `"2013 S1" has none of the forms "{year} H{half}", "H{half} {year}", "Q{quarter} {yy}", "{start_month}-{end_month} {year}", "{start_month} {day} - {end_month} {day}, {year}"`},
		{"project keys", keys, false, "2026-Q3", "2026-Q3", ""},
		{"project keys only", keys, false, "Q3 2026", "", `"Q3 2026" is not a period such as 2023-H1; give patterns (such as "{year} H{half}") or values in the mapping`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.field.parsePeriod(tt.in, tt.xlsx)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("parsePeriod(%q) error = %q, want %q", tt.in, msg, tt.wantErr)
			}
			if err == nil && got.String() != tt.want {
				t.Errorf("parsePeriod(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompileLabel(t *testing.T) {
	tests := []struct {
		pattern string
		wantErr string
	}{
		{"{year} H{half}", ""},
		{"{start_month}-{end_month} {year}", ""},
		{"H{half}", `"H{half}" has no {year} or {yy}`},
		{"{year} H{half} Q{quarter}", `"{year} H{half} Q{quarter}": give the period by {half}, {quarter} or {start_month} and {end_month}, not several`},
		{"{start_month} {year}", `"{start_month} {year}": give both {start_month} and {end_month}`},
		{"{year} {semester}", `"{year} {semester}": unknown token {semester}; use {year}, {yy}, {half}, {quarter}, {start_month}, {end_month} or {day}`},
		{"{year} H{half", `"{year} H{half": a brace that does not start a token such as {year}`},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			_, err := compileLabel(tt.pattern)
			if msg := errText(err); msg != tt.wantErr {
				t.Errorf("compileLabel(%q) error = %q, want %q", tt.pattern, msg, tt.wantErr)
			}
		})
	}
}

func TestParseCountry(t *testing.T) {
	byCode := &Field{name: "country", By: "code", values: map[string]string{"uk": "GB"}}
	byName := &Field{name: "country", By: "name", values: map[string]string{"turkiye": "TR", "korea, republic of": "KR"}}
	byAlpha3 := &Field{name: "country", By: "alpha3", values: map[string]string{"xkx": "XK"}}
	byNumeric := &Field{name: "country", By: "numeric"}
	tests := []struct {
		field   *Field
		in      string
		want    string
		wantErr string
	}{
		{byCode, "de", "DE", ""},
		{byCode, "XK", "XK", ""},
		{byCode, "UK", "GB", ""},
		{byCode, "EU", "EU", ""},
		{byCode, "ZZ", "ZZ", ""},
		{byCode, "EZ", "", `"EZ" is not an ISO 3166-1 country code; to use another code, add it to country.values in the mapping`},
		{byCode, "DEU", "", `"DEU" is not a two-letter country code; to use another code, add it to country.values in the mapping`},
		{byName, "Germany", "DE", ""},
		{byName, "  czechia ", "CZ", ""},
		{byName, "Kosovo", "XK", ""},
		{byName, "Türkiye", "TR", ""}, // CLDR's current name
		{byName, "Turkey", "TR", ""},  // its variant, and CLDR 32's name
		{byName, "Turkiye", "TR", ""}, // the mapping's
		{byName, "Eswatini", "SZ", ""},
		{byName, "Swaziland", "SZ", ""},
		{byName, "Czech Republic", "CZ", ""},
		{byName, "North Macedonia", "MK", ""},
		{byName, "Macedonia", "MK", ""},
		{byName, "Hong Kong", "HK", ""},
		{byName, "Korea,  Republic of", "KR", ""},
		{byName, "United Nations", "UN", ""},
		{byName, "Narnia", "", `"Narnia" is not a country name that CLDR knows; add it with its code to country.values in the mapping`},
		{byAlpha3, "DEU", "DE", ""},
		{byAlpha3, "usa", "US", ""},
		{byAlpha3, "DE", "", `"DE" is not an ISO 3166-1 alpha-3 country code; add it with its two-letter code to country.values in the mapping`},
		{byAlpha3, "XKX", "XK", ""},
		{byNumeric, "276", "DE", ""},
		{byNumeric, "DEU", "", `"DEU" is not an ISO 3166-1 numeric country code; add it with its two-letter code to country.values in the mapping`},
	}
	for _, tt := range tests {
		t.Run(tt.field.By+"/"+tt.in, func(t *testing.T) {
			got, err := tt.field.parseCountry(tt.in)
			if msg := errText(err); msg != tt.wantErr {
				t.Fatalf("parseCountry(%q) error = %q, want %q", tt.in, msg, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("parseCountry(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMonthOf(t *testing.T) {
	for in, want := range map[string]int{"Jan": 1, "january": 1, "Sept": 9, "sep.": 9, "12": 12, "7": 7} {
		if got, err := monthOf(in); err != nil || got != want {
			t.Errorf("monthOf(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"Ju", "13", "0", "Foo"} {
		if _, err := monthOf(in); err == nil {
			t.Errorf("monthOf(%q) gave no error", in)
		}
	}
}

func TestParseDateFromXLSXSerial(t *testing.T) {
	f := &Field{layout: "2006-01-02", DateFormat: "YYYY-MM-DD"}
	d, err := f.parseDate("45107", true)
	if err != nil || !d.Equal(time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("parseDate(45107) = %v, %v; want 2023-06-30", d, err)
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, errLessThan) {
		return errLessThan.Error()
	}
	return err.Error()
}
