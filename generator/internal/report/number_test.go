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
