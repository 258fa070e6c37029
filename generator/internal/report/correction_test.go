package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadCorrections(t *testing.T) {
	const entry = `[[correction]]
date = 2026-07-20
period = "2026-Q1"
country = "DE"
legal_basis = "court_order"
measure = "requests"
before = 1987
after = "1,990"
reason = "counted twice"
`
	for _, tt := range []struct {
		name, text string
		want       []Correction
		wantErr    string
	}{
		{"an entry", entry, []Correction{{Date: "2026-07-20", Period: "2026-Q1", Country: "DE", LegalBasis: "court_order", Measure: "requests", Before: "1987", After: "1,990", Reason: "counted twice", Entry: 1}}, ""},
		{"fields missing", "[[correction]]\nperiod = \"2026-Q1\"\n", nil,
			"FILE: [[correction]] 1: missing date, country, legal_basis, measure, reason, before, after"},
		{"not a count", entry + "[[correction]]\ndate = 2026-07-21\nperiod = \"2026-Q1\"\ncountry = \"FR\"\nlegal_basis = \"court_order\"\nmeasure = \"requests\"\nbefore = \"many\"\nafter = 3\nreason = \"r\"\n", nil,
			`FILE: [[correction]] 2: before: "many" is not a count, a range such as 11000-12000, <10 or 5000+, or "not published"`},
		{"unknown field", entry + "typo = 1\n", nil, `FILE: unknown field "correction.typo"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), CorrectionsFile)
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := LoadCorrections(path)
			if tt.wantErr != "" {
				if err == nil || err.Error() != strings.ReplaceAll(tt.wantErr, "FILE", path) {
					t.Fatalf("error %v, want %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("corrections (-want +got):\n%s", diff)
			}
		})
	}
	if got, err := LoadCorrections(filepath.Join(t.TempDir(), "none.toml")); got != nil || err != nil {
		t.Errorf("a missing file: %v, %v; want none", got, err)
	}
}
