package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/language"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// errLessThan marks a value written as "<10", which the field's less_than
// rule decides about.
var errLessThan = errors.New("value is an upper bound")

// nonBreakingSpaces are written for a space between thousands by French and
// other locales' spreadsheets.
var nonBreakingSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

// parseCount reads a whole number of at least 0: its digits only (see
// report.WholeCount), with the thousands separator only where the field
// allows it, and only between groups of three digits. An XLSX number cell
// reads as its digits when it is a whole number.
func (f *Field) parseCount(text string) (int64, error) {
	text = nonBreakingSpaces.Replace(strings.TrimSpace(text))
	if strings.HasPrefix(text, "<") {
		return 0, errLessThan
	}
	digits := text
	if f.Thousands != "" && strings.Contains(text, f.Thousands) {
		groups := strings.Split(text, f.Thousands)
		for i, g := range groups {
			if !allDigits(g) || (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, fmt.Errorf("%q is not a whole number with %q between thousands", text, f.Thousands)
			}
		}
		digits = strings.Join(groups, "")
	}
	n, err := report.WholeCount(digits)
	if errors.Is(err, report.ErrNotWhole) {
		if sep := separator(text); sep != "" && f.Thousands == "" {
			return 0, fmt.Errorf("%q is not a whole number; if %q separates thousands, set thousands = %q for %s in the mapping", text, sep, sep, f.name)
		}
	}
	return n, err
}

// separator is the thousands separator that text seems to use: "6,117" or
// "6.117" or "6 117".
func separator(text string) string {
	for _, sep := range []string{",", ".", " ", "'"} {
		groups := strings.Split(text, sep)
		if len(groups) < 2 || !allDigits(groups[0]) || len(groups[0]) > 3 {
			continue
		}
		ok := true
		for _, g := range groups[1:] {
			ok = ok && allDigits(g) && len(g) == 3
		}
		if ok {
			return sep
		}
	}
	return ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// parseUpperBound reads "<10" as the range 0-9: every whole number below
// the bound.
func (f *Field) parseUpperBound(text string) (report.Count, error) {
	bound, err := f.parseCount(strings.TrimPrefix(strings.TrimSpace(text), "<"))
	if err != nil {
		return report.Count{}, err
	}
	if bound < 1 {
		return report.Count{}, fmt.Errorf("%q: no whole number is below %d", text, bound)
	}
	return report.Between(0, bound-1), nil
}

// rangeDash separates the bounds of a published range: "11,000 - 12,000",
// "0-249", "1000–1499".
var rangeDash = regexp.MustCompile(`^(.+?)\s*[-–—]\s*(.+)$`)

// rangeLike is text that looks like a published range, for advice.
var rangeLike = regexp.MustCompile(`^[0-9][0-9,.' ]*(\s*[-–—]\s*[0-9][0-9,.' ]*|\+)$`)

// parseFigure reads a count, "not published" (as a constant value, or as
// the project's own workbooks write it), or, where the field allows ranges,
// a range as published: "11,000 - 12,000", "0-249" or "5000+", each bound
// read as parseCount reads a count.
func (f *Field) parseFigure(text string) (report.Count, error) {
	text = nonBreakingSpaces.Replace(strings.TrimSpace(text))
	if strings.EqualFold(text, report.NotPublishedText) {
		return report.NotPublished(), nil // as the project's own workbooks write it
	}
	if f.Ranges {
		if low, ok := strings.CutSuffix(text, "+"); ok {
			n, err := f.parseCount(strings.TrimSpace(low))
			return report.AtLeast(n), err
		}
		if m := rangeDash.FindStringSubmatch(text); m != nil {
			low, err := f.parseCount(m[1])
			if err != nil {
				return report.Count{}, err
			}
			high, err := f.parseCount(m[2])
			switch {
			case err != nil:
				return report.Count{}, err
			case low > high:
				return report.Count{}, fmt.Errorf("range %q: %d is above %d", text, low, high)
			case low == high:
				return report.Exactly(low), nil
			}
			return report.Between(low, high), nil
		}
	}
	n, err := f.parseCount(text)
	if err == nil {
		return report.Exactly(n), nil
	}
	if !f.Ranges && !errors.Is(err, errLessThan) && rangeLike.MatchString(text) {
		return report.Count{}, fmt.Errorf("%w; if it is a range as published, set ranges = true for %s in the mapping", err, f.name)
	}
	return report.Count{}, err
}

// shownPercent is how workbook.Cell shows a number with a percentage format.
var shownPercent = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?%$`)

// parsePercent reads a percentage from 0 to 100: with a trailing % sign
// only where the field allows it, with a decimal comma where it says so,
// and from a fraction (0.54) where it says the file stores them so. An
// XLSX cell shown as a percentage reads as shown (54%, which the cell
// stores as 0.54), whatever the field says.
func (f *Field) parsePercent(text string, xlsx bool) (float64, error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "<") {
		return 0, errLessThan
	}
	if xlsx && shownPercent.MatchString(text) {
		return report.ParsePercent(text, report.PercentNotation{})
	}
	if strings.HasSuffix(text, "%") && !f.PercentSign {
		return 0, fmt.Errorf("%q has a percent sign; to accept it, set percent_sign = true for %s in the mapping", text, f.name)
	}
	if f.Decimal != "," && strings.Contains(text, ",") {
		return 0, fmt.Errorf("%q is not a number; if \",\" is its decimal mark, set decimal = \",\" for %s in the mapping", text, f.name)
	}
	return report.ParsePercent(text, report.PercentNotation{DecimalComma: f.Decimal == ",", Fraction: f.Fraction})
}

// dateTokens are the parts of a date_format, longest first, with the Go
// layout each stands for.
var dateTokens = []struct{ token, layout string }{
	{"YYYY", "2006"}, {"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "01"}, {"M", "1"}, {"DD", "02"}, {"D", "2"},
}

// dateLayout turns a date_format such as "YYYY-MM-DD", "M/D/YYYY" or
// "D MMM YYYY" into a Go time layout.
func dateLayout(format string) (string, error) {
	var b strings.Builder
	hasYear, hasMonth, hasDay := false, false, false
	for rest := format; rest != ""; {
		matched := false
		for _, t := range dateTokens {
			if strings.HasPrefix(rest, t.token) {
				b.WriteString(t.layout)
				rest = rest[len(t.token):]
				matched = true
				hasYear = hasYear || t.token == "YYYY"
				hasMonth = hasMonth || t.token[0] == 'M'
				hasDay = hasDay || t.token[0] == 'D'
				break
			}
		}
		if matched {
			continue
		}
		r := rest[0]
		if r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' {
			return "", fmt.Errorf("%q: %q is not part of a date format; use YYYY, MMMM, MMM, MM, M, DD, D and punctuation", format, string(r))
		}
		b.WriteByte(r)
		rest = rest[1:]
	}
	if !hasYear || !hasMonth || !hasDay {
		return "", fmt.Errorf("%q needs a year (YYYY), a month (MM, M, MMM or MMMM) and a day (DD or D)", format)
	}
	return b.String(), nil
}

// parseDate reads a date in the field's format. An XLSX cell with a date
// format reads as 2026-07-01, whatever format shows it; a date stored
// without one is a serial number, which is read as such.
func (f *Field) parseDate(text string, xlsx bool) (time.Time, error) {
	text = strings.TrimSpace(text)
	d, err := time.Parse(f.layout, text)
	if err == nil {
		return d, nil
	}
	if xlsx {
		// A date and time shows as 2026-07-01 12:00.
		day, _, _ := strings.Cut(text, " ")
		if d, err := time.Parse(time.DateOnly, day); err == nil {
			return d, nil
		}
		if serial, err := strconv.ParseFloat(text, 64); err == nil && serial > 0 {
			return excelize.ExcelDateToTime(serial, false)
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date written as %s", text, f.DateFormat)
}

// labelPattern is a compiled period label pattern such as "{year} H{half}".
type labelPattern struct {
	source string
	re     *regexp.Regexp // the whole text
	search *regexp.Regexp // anywhere in the text, for file names
	groups []string       // token of each capturing group, in order
}

var labelToken = regexp.MustCompile(`\{[a-z_]+\}`)

// labelGroups are the regular expressions of the tokens of a label pattern.
var labelGroups = map[string]string{
	"{year}":        `(\d{4})`,
	"{yy}":          `(\d{2})`,
	"{half}":        `([12])`,
	"{quarter}":     `([1-4])`,
	"{start_month}": `([A-Za-z]+\.?|\d{1,2})`,
	"{end_month}":   `([A-Za-z]+\.?|\d{1,2})`,
	"{day}":         `(\d{1,2})`,
}

// compileLabel compiles a period label pattern. Tokens: {year} (2013), {yy}
// (13), {half} (1 or 2), {quarter} (1 to 4), {start_month} and {end_month}
// (Jul, July or 7) and {day} (ignored). Other text must appear as written,
// ignoring case; spaces around it are optional.
func compileLabel(pattern string) (*labelPattern, error) {
	lp := &labelPattern{source: pattern}
	var expr strings.Builder
	literal := func(text string) {
		if words := strings.Fields(text); len(words) > 0 {
			expr.WriteString(`\s*`)
			for i, w := range words {
				if i > 0 {
					expr.WriteString(`\s+`)
				}
				expr.WriteString(regexp.QuoteMeta(w))
			}
		}
		expr.WriteString(`\s*`)
	}
	last := 0
	seen := map[string]bool{}
	for _, loc := range labelToken.FindAllStringIndex(pattern, -1) {
		literal(pattern[last:loc[0]])
		token := pattern[loc[0]:loc[1]]
		group, ok := labelGroups[token]
		if !ok {
			return nil, fmt.Errorf("%q: unknown token %s; use {year}, {yy}, {half}, {quarter}, {start_month}, {end_month} or {day}", pattern, token)
		}
		expr.WriteString(group)
		lp.groups = append(lp.groups, token)
		seen[token] = true
		last = loc[1]
	}
	literal(pattern[last:])
	if strings.ContainsAny(labelToken.ReplaceAllString(pattern, ""), "{}") {
		return nil, fmt.Errorf("%q: a brace that does not start a token such as {year}", pattern)
	}
	kinds := 0
	for _, set := range []bool{seen["{half}"], seen["{quarter}"], seen["{start_month}"] || seen["{end_month}"]} {
		if set {
			kinds++
		}
	}
	switch {
	case !seen["{year}"] && !seen["{yy}"]:
		return nil, fmt.Errorf("%q has no {year} or {yy}", pattern)
	case kinds > 1:
		return nil, fmt.Errorf("%q: give the period by {half}, {quarter} or {start_month} and {end_month}, not several", pattern)
	case seen["{start_month}"] != seen["{end_month}"]:
		return nil, fmt.Errorf("%q: give both {start_month} and {end_month}", pattern)
	}
	var err error
	if lp.re, err = regexp.Compile(`(?i)^\s*` + expr.String() + `$`); err != nil {
		return nil, fmt.Errorf("%q: %w", pattern, err)
	}
	if lp.search, err = regexp.Compile(`(?i)` + strings.TrimSuffix(expr.String(), `\s*`)); err != nil {
		return nil, fmt.Errorf("%q: %w", pattern, err)
	}
	return lp, nil
}

// parse reads a label; ok is false when the label does not have the
// pattern's form.
func (lp *labelPattern) parse(text string, search bool) (p report.Period, ok bool, err error) {
	re := lp.re
	if search {
		re = lp.search
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		return report.Period{}, false, nil
	}
	year, index, kind := 0, 0, report.Year
	startMonth, endMonth := 0, 0
	for i, token := range lp.groups {
		v := m[i+1]
		switch token {
		case "{year}", "{yy}":
			y, _ := strconv.Atoi(v)
			if token == "{yy}" {
				y += 2000
			}
			if year != 0 && y != year {
				return report.Period{}, true, fmt.Errorf("%q names two years, %d and %d; periods are calendar quarters, half-years or years", text, year, y)
			}
			year = y
		case "{half}":
			index, _ = strconv.Atoi(v)
			kind = report.Half
		case "{quarter}":
			index, _ = strconv.Atoi(v)
			kind = report.Quarter
		case "{start_month}", "{end_month}":
			month, err := monthOf(v)
			if err != nil {
				return report.Period{}, true, fmt.Errorf("%q: %w", text, err)
			}
			if token == "{start_month}" {
				startMonth = month
			} else {
				endMonth = month
			}
		}
	}
	if startMonth != 0 {
		span := endMonth - startMonth + 1
		switch {
		case span == 3 && startMonth%3 == 1:
			kind, index = report.Quarter, (startMonth-1)/3+1
		case span == 6 && startMonth%6 == 1:
			kind, index = report.Half, (startMonth-1)/6+1
		case span == 12 && startMonth == 1:
			kind, index = report.Year, 0
		default:
			return report.Period{}, true, fmt.Errorf("%q is not a calendar quarter, half-year or year", text)
		}
	}
	return report.Period{Year: year, Kind: kind, Index: index}, true, nil
}

// monthOf reads a month written as Jul, July, Jul. or 7.
func monthOf(text string) (int, error) {
	text = strings.TrimSuffix(strings.ToLower(text), ".")
	if n, err := strconv.Atoi(text); err == nil {
		if n < 1 || n > 12 {
			return 0, fmt.Errorf("%d is not a month", n)
		}
		return n, nil
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if len(text) >= 3 && strings.HasPrefix(name, text) || text == "sept" && m == time.September {
			return int(m), nil
		}
	}
	return 0, fmt.Errorf("%q is not a month", text)
}

// parsePeriod reads the period a row is about.
func (f *Field) parsePeriod(text string, xlsx bool) (report.Period, error) {
	if to, ok := f.values[fold(text)]; ok {
		return report.ParsePeriod(to)
	}
	switch f.By {
	case "end_date", "start_date":
		d, err := f.parseDate(text, xlsx)
		if err != nil {
			return report.Period{}, err
		}
		date := d.Format(time.DateOnly)
		if f.By == "end_date" {
			return report.PeriodEnding(date, f.kind)
		}
		return report.PeriodStarting(date, f.kind)
	}
	for _, lp := range f.patterns {
		p, ok, err := lp.parse(text, f.From == "file_name")
		if ok {
			return p, err
		}
	}
	if p, err := report.ParsePeriod(text); err == nil {
		return p, nil
	}
	if len(f.patterns) == 0 {
		return report.Period{}, fmt.Errorf("%q is not a period such as 2023-H1; give patterns (such as \"{year} H{half}\") or values in the mapping", text)
	}
	sources := make([]string, len(f.patterns))
	for i, lp := range f.patterns {
		sources[i] = fmt.Sprintf("%q", lp.source)
	}
	if f.From == "file_name" {
		return report.Period{}, fmt.Errorf("the file name %q holds none of the forms %s", text, strings.Join(sources, ", "))
	}
	return report.Period{}, fmt.Errorf("%q has none of the forms %s", text, strings.Join(sources, ", "))
}

func canonicalCountry(code string) (string, error) { return countries.Canonical(code) }

// parseCountry reads a country by code or by CLDR English name; the
// mapping's values come first.
func (f *Field) parseCountry(text string) (string, error) {
	if to, ok := f.values[fold(text)]; ok {
		return canonicalCountry(to)
	}
	switch f.By {
	case "name":
		return f.countryByName(text)
	case "alpha3":
		if r, err := language.ParseRegion(strings.TrimSpace(text)); err == nil && len(strings.TrimSpace(text)) == 3 && !allDigits(strings.TrimSpace(text)) {
			if code, err := canonicalCountry(r.String()); err == nil {
				return code, nil
			}
		}
		return "", fmt.Errorf("%q is not an ISO 3166-1 alpha-3 country code; add it with its two-letter code to %s in the mapping", text, f.valuesSetting())
	case "numeric":
		if code, ok := countries.FromNumeric(strings.TrimSpace(text)); ok && allDigits(strings.TrimSpace(text)) {
			if code, err := canonicalCountry(code); err == nil {
				return code, nil
			}
		}
		return "", fmt.Errorf("%q is not an ISO 3166-1 numeric country code; add it with its two-letter code to %s in the mapping", text, f.valuesSetting())
	}
	code, err := canonicalCountry(text)
	if err != nil {
		return "", fmt.Errorf("%w; to use another code, add it to %s in the mapping", err, f.valuesSetting())
	}
	return code, nil
}

// valuesSetting names, for advice, where a word is mapped for the field:
// the map under [values] that it uses, or its own values.
func (f *Field) valuesSetting() string {
	if f.Values != nil && f.Values.Name != "" {
		return "[values." + f.Values.Name + "]"
	}
	return f.name + ".values"
}

// parseCountryName reads the name in a country's name_column: by the
// mapping's values, then by CLDR's English name.
func (f *Field) parseCountryName(text string) (string, error) {
	if to, ok := f.values[fold(text)]; ok {
		return canonicalCountry(to)
	}
	return f.countryByName(text)
}

func (f *Field) countryByName(text string) (string, error) {
	if code, ok := countries.ByName(text); ok {
		return code, nil
	}
	return "", fmt.Errorf("%q is not a country name that CLDR knows; add it with its code to %s in the mapping", text, f.valuesSetting())
}

// parseKey reads a taxonomy entry: the mapping's values first, then the
// taxonomy's own keys and English labels.
func (f *Field) parseKey(text string, find func(string) (taxonomy.Entry, bool)) (string, error) {
	if to, ok := f.values[fold(text)]; ok {
		return to, nil
	}
	if e, ok := find(text); ok {
		return e.Key, nil
	}
	return "", fmt.Errorf("%q is not mapped: add it to %s in the mapping", text, f.valuesSetting())
}
