package report

import "testing"

func TestWholeCount(t *testing.T) {
	for _, tc := range []struct {
		text    string
		want    int64
		wantErr string
	}{
		{text: "12", want: 12},
		{text: "0", want: 0},
		{text: "1.2E+3", want: 1200},
		{text: "12.0000000001", want: 12},
		{text: "11.9999999999", want: 12},
		{text: "-0", want: 0},
		{text: "12a", wantErr: `"12a" is not a whole number`},
		{text: "2.5", wantErr: `"2.5" is not a whole number`},
		{text: "-3", wantErr: `"-3" is negative`},
		{text: "NaN", wantErr: `"NaN" is not a whole number`},
		{text: "1e300", wantErr: `"1e300" is too large`},
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
