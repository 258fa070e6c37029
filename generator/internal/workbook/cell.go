package workbook

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/report"
)

// Kind is what a cell holds, as a spreadsheet shows it: the type of the cell
// and, for a number, the kind of its number format.
type Kind int

const (
	Text     Kind = iota // a string, however it looks
	Number               // a number shown as a number
	Percent              // a number with a % format: 0.5 is shown as 50%
	Date                 // a number with a date format
	Time                 // a number with a time format
	DateTime             // a number with a format of both
	Bool                 // TRUE or FALSE
	Error                // a formula's error, such as #DIV/0!
)

// Cell is one cell as the person who filled it sees it: its kind and the
// value stored in the file (the text, the number as the file writes it, such
// as 1200 or 1.2E+3, or 1 and 0 for TRUE and FALSE).
type Cell struct {
	Kind     Kind
	Value    string
	date1904 bool
}

// Shown is the cell's value as a spreadsheet shows it, in the words of a
// message: a date as 2026-07-01, a time as 12:00, TRUE, 50%, a whole number
// as its digits (1200, not 1.2E+3). Another number is given as stored.
func (c Cell) Shown() string {
	switch c.Kind {
	case Number:
		if digits, ok := whole(c.Value); ok {
			return digits
		}
	case Bool:
		if c.Value == "1" {
			return "TRUE"
		}
		return "FALSE"
	case Percent:
		if v, err := strconv.ParseFloat(c.Value, 64); err == nil {
			return strconv.FormatFloat(percentOf(v), 'f', -1, 64) + "%"
		}
	case Date, Time, DateTime:
		v, err := strconv.ParseFloat(c.Value, 64)
		if err != nil {
			return c.Value
		}
		t, err := excelize.ExcelDateToTime(v, c.date1904)
		if err != nil {
			return c.Value
		}
		// Round to the second: serials rarely hold a time exactly.
		t = t.Round(time.Second)
		clock := "15:04"
		if t.Second() != 0 {
			clock = "15:04:05"
		}
		switch c.Kind {
		case Date:
			return t.Format(time.DateOnly)
		case Time:
			return t.Format(clock)
		}
		return t.Format(time.DateOnly + " " + clock)
	}
	return c.Value
}

// percentOf is 100 times a fraction, without the noise of floating point:
// 0.545 × 100 is 54.50000000000001.
func percentOf(fraction float64) float64 { return math.Round(fraction*100*1e9) / 1e9 }

// kindNames name the kinds that are never a count or a percentage.
var kindNames = map[Kind]string{
	Date:     "a date",
	Time:     "a time",
	DateTime: "a date and time",
	Bool:     "a true/false value",
	Error:    "an error",
	Percent:  "a percentage",
}

// Count reads a whole number of at least 0 and at most report.MaxCount: a
// number cell whose stored value is exactly such a number (1200, or 1.2E+3
// as some programs write it), or a text cell of its digits only (see
// report.WholeCount). A date, a time, TRUE or a percentage is refused by
// name, as the spreadsheet shows it.
func (c Cell) Count() (int64, error) {
	switch c.Kind {
	case Text:
		return report.WholeCount(c.Value)
	case Number:
		digits, err := wholeDigits(c.Value)
		if err != nil {
			return 0, err
		}
		return report.WholeCount(digits)
	}
	return 0, fmt.Errorf("%s is %s, not a whole number", c.Shown(), kindNames[c.Kind])
}

// Figure reads a measure: a count as Count reads it or, in a text cell, a
// range or "not published" as report.ParseCount reads them. Text that is
// neither gets Count's message, which says what the cell holds.
func (c Cell) Figure() (report.Count, error) {
	if c.Kind == Text {
		n, err := report.ParseCount(c.Value)
		if err == nil || rangeLike(c.Value) {
			return n, err
		}
	}
	n, err := c.Count()
	return report.Exactly(n), err
}

// rangeLike reports text written as a range ("11000-12000", "<10",
// "5000+"), whose own message says what a range may be.
func rangeLike(text string) bool {
	text = strings.TrimSpace(text)
	return strings.HasPrefix(text, "<") || strings.HasSuffix(text, "+") || strings.Contains(text, "–") ||
		(strings.Contains(text, "-") && !strings.HasPrefix(text, "-"))
}

// storedNumber is the form of a number in a cell's XML (xsd:double, with an
// exponent small enough to read exactly without running out of memory).
var storedNumber = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$`)

// wholeDigits are the digits of a number as a file stores it (1200,
// 1.2E+3, -3), read exactly: 1200.0000000001 is not 1200, nor
// 9007199254740993 rounded to 9007199254740992.
func wholeDigits(stored string) (string, error) {
	if digits, ok := whole(stored); ok {
		return digits, nil
	}
	if r, ok := new(big.Rat).SetString(stored); ok && storedNumber.MatchString(stored) && r.IsInt() {
		return "", fmt.Errorf("%q is negative", stored)
	}
	return "", fmt.Errorf("%q is %w", stored, report.ErrNotWhole)
}

// whole is wholeDigits without the reason: Shown asks it of every cell,
// blank ones included, and an error made for each was a twentieth of a
// build.
func whole(stored string) (string, bool) {
	if stored != "" && strings.Trim(stored, "0123456789") == "" {
		return stored, true // as most files store a whole number
	}
	if !storedNumber.MatchString(stored) {
		return "", false
	}
	r, ok := new(big.Rat).SetString(stored)
	if !ok || !r.IsInt() || r.Sign() < 0 {
		return "", false
	}
	return r.Num().String(), true
}

// Percent reads a percentage from 0 to 100: a cell with a % format by its
// format (0.5 shown as 50% is 50), a number as written (45.5), or text such
// as 45.5 or 45.5%.
func (c Cell) Percent() (float64, error) {
	switch c.Kind {
	case Text, Number:
		return report.ParsePercent(c.Value, report.PercentNotation{})
	case Percent:
		v, err := strconv.ParseFloat(c.Value, 64)
		if err != nil || v < 0 || v > 1 {
			return 0, fmt.Errorf("%s is not a percentage from 0 to 100", c.Shown())
		}
		return percentOf(v), nil
	}
	return 0, fmt.Errorf("%s is %s, not a percentage", c.Shown(), kindNames[c.Kind])
}

// builtInKinds are the kinds of the built-in number formats that are not
// shown as plain numbers (ECMA-376 Part 1, 18.8.30), and of the East Asian
// date formats excelize knows.
var builtInKinds = map[int]Kind{
	9: Percent, 10: Percent,
	14: Date, 15: Date, 16: Date, 17: Date, 22: DateTime,
	18: Time, 19: Time, 20: Time, 21: Time, 45: Time, 46: Time, 47: Time,
	27: Date, 28: Date, 29: Date, 30: Date, 31: Date, 36: Date,
	50: Date, 51: Date, 52: Date, 53: Date, 54: Date, 57: Date, 58: Date,
	32: Time, 33: Time, 34: Time, 35: Time, 55: Time, 56: Time,
}

// formatNoise is what a number format code holds besides its placeholders:
// quoted text, escaped characters, and bracketed colours and locales (but
// not [h], [m] and [s], elapsed time).
var formatNoise = regexp.MustCompile(`"[^"]*"|\\.|_.|\*.|\[(?:[^\]hms][^\]]*|)\]`)

// formatKind is the kind of a number shown with a custom format code.
func formatKind(code string) Kind {
	code = strings.ToLower(formatNoise.ReplaceAllString(code, ""))
	code = strings.ReplaceAll(code, "general", "")
	if strings.Contains(code, "%") {
		return Percent
	}
	date := strings.ContainsAny(code, "yd")
	clock := strings.ContainsAny(code, "hs")
	switch {
	case date && clock:
		return DateTime
	case clock:
		return Time
	case date || strings.Contains(code, "m"):
		return Date
	}
	return Number
}
