package report

import (
	"cmp"
	"strconv"
	"strings"
	"testing"
)

func TestWholeCount(t *testing.T) {
	for _, tc := range []struct {
		text    string
		want    int64
		wantErr string
	}{
		{text: "12", want: 12},
		{text: "0", want: 0},
		{text: "007", want: 7},
		{text: "9007199254740992", want: 1 << 53},
		{text: "9007199254740993", wantErr: `"9007199254740993" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`},
		{text: "99999999999999999999999", wantErr: `"99999999999999999999999" is too large: the largest count a spreadsheet holds exactly is 9007199254740992`},
		{text: "-3", wantErr: `"-3" is negative`},
		{text: "-0", wantErr: `"-0" is negative`},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := WholeCount(tc.text)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Errorf("WholeCount(%q) = %d, %q; want %d, %q", tc.text, got, gotErr, tc.want, tc.wantErr)
			}
		})
	}
	// Text that is not the digits of a whole number, among it text that
	// strconv reads as a number whose figure is not the one written.
	for _, text := range []string{"", "12a", "2.5", "-", "NaN", "1.000", "1,000", "1_000", "0x1p10", "0x10", "1e3", "1.2E+3", "+5", "12.0", "TRUE", "1 000", "١٢"} {
		if _, err := WholeCount(text); err == nil || err.Error() != strconv.Quote(text)+" is not a whole number" {
			t.Errorf("WholeCount(%q): %v, want %q is not a whole number", text, err, text)
		}
	}
}

// FuzzWholeCount checks that a count read is exactly the digits written.
func FuzzWholeCount(f *testing.F) {
	for _, seed := range []string{"0", "12", "007", "9007199254740992", "9007199254740993", "1.000", "1_000", "0x1p10", "1e3", "+5", "-3", "", "١٢"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, err := WholeCount(text)
		if err != nil {
			return
		}
		if n < 0 || n > MaxCount {
			t.Fatalf("WholeCount(%q) = %d, outside 0 to 2^53", text, n)
		}
		if want := strings.TrimLeft(text, "0"); strconv.FormatInt(n, 10) != cmp.Or(want, "0") {
			t.Fatalf("WholeCount(%q) = %d, not the digits written", text, n)
		}
	})
}

func TestParsePercent(t *testing.T) {
	for _, tc := range []struct {
		text     string
		notation PercentNotation
		want     float64
		wantErr  string
	}{
		{text: "54", want: 54},
		{text: "54.5 %", want: 54.5},
		{text: "0", want: 0},
		{text: "100%", want: 100},
		{text: "54,5", notation: PercentNotation{DecimalComma: true}, want: 54.5},
		{text: "0.54", notation: PercentNotation{Fraction: true}, want: 54},
		{text: "120", wantErr: `"120" is not a percentage from 0 to 100`},
		{text: "-1", wantErr: `"-1" is not a percentage from 0 to 100`},
		{text: "half", wantErr: `"half" is not a number`},
		{text: "NaN", wantErr: `"NaN" is not a number`},
		{text: "54.5", notation: PercentNotation{DecimalComma: true}, wantErr: `"54.5" is not a number with a decimal comma`},
		{text: "1.5", notation: PercentNotation{Fraction: true}, wantErr: `"1.5" is not a fraction from 0 to 1`},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, err := ParsePercent(tc.text, tc.notation)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if got != tc.want || gotErr != tc.wantErr {
				t.Errorf("ParsePercent(%q, %+v) = %v, %q; want %v, %q", tc.text, tc.notation, got, gotErr, tc.want, tc.wantErr)
			}
		})
	}
}
