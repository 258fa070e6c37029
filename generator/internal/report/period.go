package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kind is the length of a reporting period.
type Kind int

// The kinds of period, shortest first.
const (
	Quarter Kind = iota + 1
	Half
	Year
)

// String is the kind's key as used in JSON and CSV: quarter, half or year.
func (k Kind) String() string {
	switch k {
	case Quarter:
		return "quarter"
	case Half:
		return "half"
	case Year:
		return "year"
	}
	return "unknown"
}

// Period is a calendar quarter, half-year or year. Its key is 2026-Q3,
// 2026-H1 or 2026.
type Period struct {
	Year  int
	Kind  Kind
	Index int // 1-4 for quarters, 1-2 for halves, 0 for years
}

// firstYear is the earliest year a period key names: keys have four digits,
// and no report is older.
const firstYear = 1900

// ParsePeriod reads a period key: 2026-Q3, 2026-H1 or 2026.
func ParsePeriod(key string) (Period, error) {
	key = strings.ToUpper(strings.TrimSpace(key))
	yearPart, rest, hasSuffix := strings.Cut(key, "-")
	year, err := strconv.Atoi(yearPart)
	if err != nil || len(yearPart) != 4 || year < firstYear {
		return Period{}, fmt.Errorf("%q is not a period such as 2026-Q3, 2026-H1 or 2026", key)
	}
	if !hasSuffix {
		return Period{Year: year, Kind: Year}, nil
	}
	if len(rest) == 2 {
		n := int(rest[1] - '0')
		switch {
		case rest[0] == 'Q' && n >= 1 && n <= 4:
			return Period{Year: year, Kind: Quarter, Index: n}, nil
		case rest[0] == 'H' && n >= 1 && n <= 2:
			return Period{Year: year, Kind: Half, Index: n}, nil
		}
	}
	return Period{}, fmt.Errorf("%q is not a period such as 2026-Q3, 2026-H1 or 2026", key)
}

// PeriodEnding finds the period of the given kind that ends on date
// (YYYY-MM-DD), as reports that name periods by their last day do.
func PeriodEnding(date string, kind Kind) (Period, error) {
	return periodOn(date, kind, "2023-06-30", "last", Period.End)
}

// PeriodStarting finds the period of the given kind that starts on date.
func PeriodStarting(date string, kind Kind) (Period, error) {
	return periodOn(date, kind, "2023-01-01", "first", Period.Start)
}

// periodOn finds the period of the given kind whose first or last day
// (day, named which) is date; example is a date that shows the format.
func periodOn(date string, kind Kind, example, which string, day func(Period) string) (Period, error) {
	d, err := time.Parse(time.DateOnly, strings.TrimSpace(date))
	if err != nil {
		return Period{}, fmt.Errorf("%q is not a date such as %s", date, example)
	}
	if d.Year() < firstYear {
		// Its key could not be read back: a workbook cannot hold it.
		return Period{}, fmt.Errorf("%s is before %d, the first year a period can be in", date, firstYear)
	}
	p := Containing(d, kind)
	if day(p) != d.Format(time.DateOnly) {
		return Period{}, fmt.Errorf("%s is not the %s day of a %s", date, which, kind)
	}
	return p, nil
}

// Containing is the period of the given kind that contains d.
func Containing(d time.Time, kind Kind) Period {
	m := int(d.Month())
	switch kind {
	case Quarter:
		return Period{Year: d.Year(), Kind: Quarter, Index: (m-1)/3 + 1}
	case Half:
		return Period{Year: d.Year(), Kind: Half, Index: (m-1)/6 + 1}
	}
	return Period{Year: d.Year(), Kind: Year}
}

// String is the period's key.
func (p Period) String() string {
	switch p.Kind {
	case Quarter:
		return fmt.Sprintf("%d-Q%d", p.Year, p.Index)
	case Half:
		return fmt.Sprintf("%d-H%d", p.Year, p.Index)
	}
	return strconv.Itoa(p.Year)
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p.Kind == 0 }

func (p Period) months() (first, count int) {
	switch p.Kind {
	case Quarter:
		return (p.Index-1)*3 + 1, 3
	case Half:
		return (p.Index-1)*6 + 1, 6
	}
	return 1, 12
}

// Start is the first day, YYYY-MM-DD.
func (p Period) Start() string {
	first, _ := p.months()
	return time.Date(p.Year, time.Month(first), 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// End is the last day, YYYY-MM-DD.
func (p Period) End() string {
	first, count := p.months()
	return time.Date(p.Year, time.Month(first+count), 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// Parent is the period one kind longer that contains p; years have none.
func (p Period) Parent() (Period, bool) {
	switch p.Kind {
	case Quarter:
		return Period{Year: p.Year, Kind: Half, Index: (p.Index-1)/2 + 1}, true
	case Half:
		return Period{Year: p.Year, Kind: Year}, true
	}
	return Period{}, false
}

// Children are the periods one kind shorter that make up p; quarters have none.
func (p Period) Children() []Period {
	switch p.Kind {
	case Half:
		return []Period{{p.Year, Quarter, p.Index*2 - 1}, {p.Year, Quarter, p.Index * 2}}
	case Year:
		return []Period{{p.Year, Half, 1}, {p.Year, Half, 2}}
	}
	return nil
}

// Previous is the period of the same kind just before p.
func (p Period) Previous() Period {
	switch p.Kind {
	case Quarter:
		if p.Index == 1 {
			return Period{p.Year - 1, Quarter, 4}
		}
		return Period{p.Year, Quarter, p.Index - 1}
	case Half:
		if p.Index == 1 {
			return Period{p.Year - 1, Half, 2}
		}
		return Period{p.Year, Half, 1}
	}
	return Period{Year: p.Year - 1, Kind: Year}
}

// Compare orders periods by end date, then shorter first.
func (p Period) Compare(q Period) int {
	if c := strings.Compare(p.End(), q.End()); c != 0 {
		return c
	}
	return int(p.Kind) - int(q.Kind)
}
