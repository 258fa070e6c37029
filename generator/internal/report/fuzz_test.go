package report

import (
	"math"
	"strings"
	"testing"
)

// The seed corpora of these targets are under testdata/fuzz/FuzzXxx; make
// fuzz runs each for a few seconds.

// FuzzParsePeriod checks that a period read is the key written, give or
// take case and spaces, and that its key, first day and last day each read
// back as the same period.
func FuzzParsePeriod(f *testing.F) {
	f.Fuzz(func(t *testing.T, key string) {
		p, err := ParsePeriod(key)
		if err != nil {
			return
		}
		if !strings.EqualFold(p.String(), strings.TrimSpace(key)) {
			t.Fatalf("ParsePeriod(%q) = %s, not the key written", key, p)
		}
		if back, err := ParsePeriod(p.String()); err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %s, whose key reads back as %v, %v", key, p, back, err)
		}
		if p.Start() > p.End() {
			t.Fatalf("%s starts on %s, after its last day %s", p, p.Start(), p.End())
		}
		if back, err := PeriodStarting(p.Start(), p.Kind); err != nil || back != p {
			t.Fatalf("%s starts on %s, which reads back as %v, %v", p, p.Start(), back, err)
		}
		if back, err := PeriodEnding(p.End(), p.Kind); err != nil || back != p {
			t.Fatalf("%s ends on %s, which reads back as %v, %v", p, p.End(), back, err)
		}
	})
}

// FuzzPeriodOn checks that a period found by its first or last day is of
// the kind asked for, starts or ends on that day, and has a key that reads
// back as the same period, so that an import writes only periods a
// workbook can hold.
func FuzzPeriodOn(f *testing.F) {
	f.Fuzz(func(t *testing.T, date string, kindIndex uint8, starting bool) {
		kind := Kind(kindIndex%3) + Quarter
		find, day := PeriodEnding, Period.End
		if starting {
			find, day = PeriodStarting, Period.Start
		}
		p, err := find(date, kind)
		if err != nil {
			return
		}
		if p.Kind != kind || day(p) != strings.TrimSpace(date) {
			t.Fatalf("the %s on %q (starting %v) is %s, from %s to %s", kind, date, starting, p, p.Start(), p.End())
		}
		if back, err := ParsePeriod(p.String()); err != nil || back != p {
			t.Fatalf("the %s on %q is %+v, whose key %q reads back as %v, %v", kind, date, p, p.String(), back, err)
		}
	})
}

// FuzzParseBand checks that a band read is a range from low to high, or
// open above low, and that the form it is published in reads back as the
// same band.
func FuzzParseBand(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		b, err := ParseBand(text)
		if err != nil {
			return
		}
		switch {
		case b.Low < 0:
			t.Fatalf("ParseBand(%q) = %+v, below 0", text, b)
		case b.Open && b.High != 0:
			t.Fatalf("ParseBand(%q) = %+v, open with an upper bound", text, b)
		case !b.Open && b.Low > b.High:
			t.Fatalf("ParseBand(%q) = %+v, its lower bound above its upper one", text, b)
		}
		if back, err := ParseBand(b.Published); err != nil || back != b {
			t.Fatalf("ParseBand(%q) = %+v, published as %q, which reads back as %+v, %v", text, b, b.Published, back, err)
		}
	})
}

// FuzzParsePercent checks that a percentage read is a number from 0 to 100
// in every notation.
func FuzzParsePercent(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string, decimalComma, fraction bool) {
		notation := PercentNotation{DecimalComma: decimalComma, Fraction: fraction}
		v, err := ParsePercent(text, notation)
		if err != nil {
			return
		}
		if math.IsNaN(v) || v < 0 || v > 100 {
			t.Fatalf("ParsePercent(%q, %+v) = %v, not from 0 to 100", text, notation, v)
		}
	})
}

// FuzzParseDate checks that a day read is a day written back the same way.
func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{"2026-03-14", "2026-02-30", "14/03/2026", " 2024-02-29"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		day, err := ParseDate(text)
		if err != nil {
			return
		}
		if back, err := ParseDate(day); err != nil || back != day {
			t.Fatalf("ParseDate(%q) = %q, which reads back as %q, %v", text, day, back, err)
		}
	})
}

// FuzzParseLink checks that a link read is https, and an address CheckURL
// accepts.
func FuzzParseLink(f *testing.F) {
	for _, seed := range []string{"https://lumen-mail.example/cases/1", "http://x", "javascript:alert(1)", "https://a@b/"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		link, err := ParseLink(text)
		if err != nil {
			return
		}
		if !strings.HasPrefix(strings.ToLower(link), "https://") || CheckURL(link) != nil {
			t.Fatalf("ParseLink(%q) = %q, not an https address", text, link)
		}
	})
}
