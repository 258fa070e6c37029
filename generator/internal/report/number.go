package report

import (
	"errors"
	"fmt"
	"math"
	"strconv"
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
