package report

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseBand reads a published range: "0-499", "0 - 249", "1000–1499" (en
// dash), "5000+" or a single exact figure "0". Thousands separators in the
// numbers (",") are accepted.
func ParseBand(s string) (Band, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return Band{}, fmt.Errorf("band is empty")
	}
	bad := fmt.Errorf("%q is not a band such as 0-499 or 5000+", s)
	num := func(v string) (int64, bool) {
		v = strings.ReplaceAll(strings.TrimSpace(v), ",", "")
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil && n >= 0
	}
	if low, ok := strings.CutSuffix(text, "+"); ok {
		n, ok := num(low)
		if !ok {
			return Band{}, bad
		}
		return Band{Low: n, Open: true, Published: fmt.Sprintf("%d+", n)}, nil
	}
	text = strings.NewReplacer("–", "-", "—", "-", " to ", "-").Replace(text)
	lowText, highText, isRange := strings.Cut(text, "-")
	if !isRange {
		n, ok := num(text)
		if !ok {
			return Band{}, bad
		}
		return Band{Low: n, High: n, Published: strconv.FormatInt(n, 10)}, nil
	}
	low, okLow := num(lowText)
	high, okHigh := num(highText)
	if !okLow || !okHigh {
		return Band{}, bad
	}
	if low > high {
		return Band{}, fmt.Errorf("band %q: lower bound %d is above upper bound %d", s, low, high)
	}
	return BandOf(low, high), nil
}

// BandOf is the closed band low-high, as published in two MIN/MAX columns.
func BandOf(low, high int64) Band {
	return Band{Low: low, High: high, Published: fmt.Sprintf("%d-%d", low, high)}
}
