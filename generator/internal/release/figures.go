// Package release compares the figures of the current sources with those of
// the published releases (their frozen requests.csv under releases/): what
// is new, what changed and what was removed (Compare, for the diff
// command), and whether every change of a published figure has its entry
// in the corrections file (CheckCorrections, for the build).
package release

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/transparency-report/site/generator/internal/report"
)

// RequestsFile is the file of a release whose figures are compared: it
// holds every row of every period the sources were given in.
const RequestsFile = "requests.csv"

// Key names one figure: one measure of one row of requests.csv.
type Key struct {
	Period, Country, LegalBasis, RequestType string
	Measure                                  string // the column: requests, accounts, outcome_KEY, extraterritorial, contested
}

// Row is the key without its measure, as a reviewer names a row.
func (k Key) Row() string {
	s := k.Period + " " + k.Country + " " + k.LegalBasis
	if k.RequestType != "" {
		s += " " + k.RequestType
	}
	return s
}

func (k Key) String() string { return k.Row() + " " + k.Measure }

func compareKeys(a, b Key) int {
	return cmp.Or(comparePeriods(a.Period, b.Period), strings.Compare(a.Country, b.Country),
		strings.Compare(a.LegalBasis, b.LegalBasis), strings.Compare(a.RequestType, b.RequestType),
		compareMeasures(a.Measure, b.Measure))
}

func comparePeriods(a, b string) int {
	pa, errA := report.ParsePeriod(a)
	pb, errB := report.ParsePeriod(b)
	if errA != nil || errB != nil {
		return strings.Compare(a, b)
	}
	return pa.Compare(pb)
}

// compareMeasures orders requests and accounts first, then the others by
// name.
func compareMeasures(a, b string) int {
	rank := func(m string) int {
		switch m {
		case "requests":
			return 0
		case "accounts":
			return 1
		}
		return 2
	}
	return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a, b))
}

// Figures are the figures of one requests.csv by key.
type Figures map[Key]report.Count

// isMeasure reports whether a column of requests.csv holds a published
// figure: the counts a workbook row gives, not those worked out from them.
func isMeasure(column string) bool {
	switch column {
	case "requests", "accounts", "extraterritorial", "contested":
		return true
	case "outcome_requests":
		return false
	}
	return strings.HasPrefix(column, "outcome_") && !strings.HasSuffix(column, "_min") && !strings.HasSuffix(column, "_max")
}

// ReadFigures reads the figures of a requests.csv back into counts: an
// exact figure from its column, a range from its _min and _max columns
// (no _max: no upper bound), and an empty cell as not published.
func ReadFigures(data []byte) (Figures, error) {
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", RequestsFile, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("read %s: no header", RequestsFile)
	}
	col := map[string]int{}
	for i, name := range records[0] {
		col[name] = i
	}
	for _, name := range []string{"period", "country_code", "legal_basis"} {
		if _, ok := col[name]; !ok {
			return nil, fmt.Errorf("read %s: no column %s", RequestsFile, name)
		}
	}
	cell := func(record []string, name string) string {
		if i, ok := col[name]; ok {
			return record[i]
		}
		return ""
	}
	out := Figures{}
	for line, record := range records[1:] {
		row := Key{Period: cell(record, "period"), Country: cell(record, "country_code"),
			LegalBasis: cell(record, "legal_basis"), RequestType: cell(record, "request_type")}
		for _, name := range records[0] {
			if !isMeasure(name) {
				continue
			}
			c, err := readCount(cell(record, name), cell(record, name+"_min"), cell(record, name+"_max"))
			if err != nil {
				return nil, fmt.Errorf("read %s: line %d: %s: %w", RequestsFile, line+2, name, err)
			}
			k := row
			k.Measure = name
			out[k] = c
		}
	}
	return out, nil
}

func readCount(exact, low, high string) (report.Count, error) {
	number := func(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }
	switch {
	case exact != "":
		n, err := number(exact)
		return report.Exactly(n), err
	case low == "":
		return report.NotPublished(), nil
	case high == "":
		n, err := number(low)
		return report.AtLeast(n), err
	}
	lo, err := number(low)
	if err != nil {
		return report.Count{}, err
	}
	hi, err := number(high)
	return report.Between(lo, hi), err
}

// Text writes a count for a reviewer: "1,987", "11,000–12,000", "5,000+",
// "not published".
func Text(c report.Count) string {
	switch {
	case !c.Published():
		return report.NotPublishedText
	case !c.Bounded():
		return thousands(c.Min) + "+"
	case c.Min != c.Max:
		return thousands(c.Min) + "–" + thousands(c.Max)
	}
	return thousands(c.Min)
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// same reports whether two counts say the same as requests.csv writes them.
func same(a, b report.Count) bool { return Text(a) == Text(b) }
