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

// MaxCount is the largest count a spreadsheet holds exactly: 2^53. Larger
// whole numbers are stored rounded, so the figure published could differ
// from the one typed.
const MaxCount = 1 << 53

// WholeCount reads a count written as text: the digits of a whole number of
// at least 0 and at most MaxCount, and nothing else. Signs, exponents,
// decimals, underscores, hexadecimal and separators between thousands are
// refused, so that the figure published is the one written: "1.000" is not
// read as 1, nor "1e3" as 1000. Readers turn a number stored in a
// spreadsheet into these digits before calling it.
func WholeCount(text string) (int64, error) {
	if text == "" || strings.Trim(text, "0123456789") != "" {
		if len(text) > 1 && text[0] == '-' && strings.Trim(text[1:], "0123456789") == "" {
			return 0, fmt.Errorf("%q is negative", text)
		}
		return 0, fmt.Errorf("%q is %w", text, ErrNotWhole)
	}
	n, err := strconv.ParseUint(text, 10, 64)
	if err != nil || n > MaxCount {
		return 0, fmt.Errorf("%q is too large: the largest count a spreadsheet holds exactly is %d", text, uint64(MaxCount))
	}
	return int64(n), nil
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

// NotPublishedText is what a cell says for a figure the source did not
// publish. A blank cell is not enough: a required figure left blank is a
// mistake, not a statement.
const NotPublishedText = "not published"

// ParseCount reads a figure written as text: a whole count (WholeCount),
// "not published", or a published range as the digits of its bounds:
// "11000-12000" (or with an en dash, or spaces around it), "<10" (0 to 9)
// or "5000+" (5000 or more). As in WholeCount, nothing but digits is read
// as a number.
func ParseCount(text string) (Count, error) {
	text = strings.TrimSpace(text)
	if strings.EqualFold(strings.Join(strings.Fields(text), " "), NotPublishedText) {
		return NotPublished(), nil
	}
	bound := func(s string) (int64, error) {
		n, err := WholeCount(strings.TrimSpace(s))
		if err != nil {
			return 0, fmt.Errorf("%q is not a count, a range such as 11000-12000, <10 or 5000+, or %q", text, NotPublishedText)
		}
		return n, nil
	}
	if low, ok := strings.CutSuffix(text, "+"); ok {
		n, err := bound(low)
		return AtLeast(n), err
	}
	if high, ok := strings.CutPrefix(text, "<"); ok {
		n, err := bound(high)
		if err == nil && n == 0 {
			return Count{}, fmt.Errorf("%q is below zero", text)
		}
		return Between(0, n-1), err
	}
	if low, high, ok := strings.Cut(strings.ReplaceAll(text, "–", "-"), "-"); ok && strings.TrimSpace(low) != "" {
		lo, err := bound(low)
		if err != nil {
			return Count{}, err
		}
		hi, err := bound(high)
		switch {
		case err != nil:
			return Count{}, err
		case lo > hi:
			return Count{}, fmt.Errorf("range %q: %d is above %d", text, lo, hi)
		case lo == hi:
			return Exactly(lo), nil
		}
		return Between(lo, hi), nil
	}
	n, err := WholeCount(text)
	if errors.Is(err, ErrNotWhole) {
		return Count{}, fmt.Errorf("%q is not a count, a range such as 11000-12000, <10 or 5000+, or %q", text, NotPublishedText)
	}
	return Exactly(n), err
}
