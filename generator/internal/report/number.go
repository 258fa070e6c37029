package report

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ErrNotWhole is wrapped by WholeCount's error for text that is not a whole
// number, so callers can add advice (such as a thousands separator to set).
var ErrNotWhole = errors.New("not a whole number")

// WholeCount reads a count: a whole number of at least 0. Spreadsheets store
// numbers as floating point, so 12, 1.2E+3 and 12.0000000001 are all whole.
func WholeCount(text string) (int64, error) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is %w", text, ErrNotWhole)
	}
	whole := math.Round(f)
	switch {
	case math.Abs(f-whole) > 1e-9*math.Max(1, math.Abs(f)):
		return 0, fmt.Errorf("%q is %w", text, ErrNotWhole)
	case whole < 0:
		return 0, fmt.Errorf("%q is negative", text)
	case whole > 1<<53:
		return 0, fmt.Errorf("%q is too large", text)
	}
	return int64(whole), nil
}

// PercentNotation says how a percentage is written where it is not the
// workbooks' 54.5 or 54.5%: files imported may use a decimal comma, or store
// a fraction from 0 to 1.
type PercentNotation struct {
	DecimalComma bool
	Fraction     bool
}

// ParsePercent reads a percentage from 0 to 100, such as 54, 54.5 or 54.5%,
// in the notation given.
func ParsePercent(text string, notation PercentNotation) (float64, error) {
	number := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	if notation.DecimalComma {
		if strings.Contains(number, ".") {
			return 0, fmt.Errorf("%q is not a number with a decimal comma", text)
		}
		number = strings.Replace(number, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(number, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", text)
	}
	if notation.Fraction {
		// 0.54 × 100 is 54.000000000000007 in floating point.
		v = math.Round(v*100*1e9) / 1e9
	}
	if v < 0 || v > 100 {
		if notation.Fraction {
			return 0, fmt.Errorf("%q is not a fraction from 0 to 1", text)
		}
		return 0, fmt.Errorf("%q is not a percentage from 0 to 100", text)
	}
	return v, nil
}
