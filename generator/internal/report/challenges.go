package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Challenge is one legal challenge in court, as a team lists it on its
// workbook's Challenges sheet. A team lists a case again in each period's
// workbook while it goes on; the latest period's entry is where it stands.
type Challenge struct {
	Where  Location // the row (Col 0) it was read from
	Cols   ChallengeColumns
	Period Period // the period of the workbook that lists it
	Team   string

	Name       string // the case's name, such as "Lumen Mail v. Public Prosecutor"
	Court      string
	Country    string // where the court sits: ISO 3166-1 alpha-2, as a row's country
	LegalBasis string // taxonomy key of the legal process challenged
	Filed      string // YYYY-MM-DD (ParseDate)
	Status     string // taxonomy key (challenge_statuses)
	Decided    string // YYYY-MM-DD; "" while pending
	Summary    string
	Link       string // the public documents: https only (ParseLink); "" for none

	// Requests and Accounts are how many requests, and accounts, the case
	// concerns: not published where the team leaves the cell blank.
	Requests Count
	Accounts Count
}

// ChallengeColumns are the 1-based columns of a challenge's fields, as
// Columns are a row's.
type ChallengeColumns struct {
	Name, Court, Country, LegalBasis, Filed, Status, Decided, Summary, Link, Requests, Accounts int
}

// ID is the case's permanent anchor: its country, the day it was filed and
// its name, in lower-case letters and digits joined by hyphens
// ("de-2025-03-14-lumen-mail-v-public-prosecutor"). It does not depend on the
// row or the workbook, so a link to a case keeps working as the case goes
// on and as rows move.
func (c Challenge) ID() string {
	return strings.ToLower(c.Country) + "-" + c.Filed + "-" + slug(c.Name)
}

// maxSlug is the most characters of the name an anchor keeps.
const maxSlug = 60

// slug is s in lower-case letters and digits (accents removed), every other
// run of characters one hyphen.
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	return b.String()
}

// ParseDate reads a day written as 2026-03-14 (year, month, day), as a
// spreadsheet shows a date cell too, and returns it in that form.
func ParseDate(text string) (string, error) {
	text = strings.TrimSpace(text)
	t, err := time.Parse(time.DateOnly, text)
	if err != nil || len(text) != len(time.DateOnly) {
		return "", fmt.Errorf("%q is not a date such as 2026-03-14 (year, month, day)", text)
	}
	return t.Format(time.DateOnly), nil
}

// ParseLink reads the address of a case's public documents: an address
// that CheckURL accepts, and https only, so that the site never links a
// reader to a page anyone on the way could change.
func ParseLink(text string) (string, error) {
	text = strings.TrimSpace(text)
	if err := CheckURL(text); err != nil {
		return "", err
	}
	if !strings.HasPrefix(strings.ToLower(text), "https://") {
		return "", fmt.Errorf("%q is not an https: address: give the public address of the documents, starting with https://", text)
	}
	return text, nil
}

// checkChallenges reports a case whose status and dates disagree, a day
// after the end of the workbook's period, and a case listed twice for one
// period: cases are the company's, so this holds across teams too.
func checkChallenges(sources []Source, tax *taxonomy.Taxonomy, probs *problem.List) {
	type caseKey struct {
		period Period
		id     string
	}
	firstOf := map[caseKey]Location{}
	for _, src := range sources {
		for _, c := range src.Challenges {
			checkChallenge(c, tax, probs)
			key := caseKey{c.Period, c.ID()}
			if first, seen := firstOf[key]; seen {
				probs.Add(at(c.Where, c.Cols.Name, "same case as %s (%s, filed %s, %q): list a case once in a period", RowName(first, c.Where), c.Country, c.Filed, c.Name))
				continue
			}
			firstOf[key] = c.Where
		}
	}
}

func checkChallenge(c Challenge, tax *taxonomy.Taxonomy, probs *problem.List) {
	for _, text := range []struct {
		name  string
		value string
		col   int
	}{{"case name", c.Name, c.Cols.Name}, {"court", c.Court, c.Cols.Court}, {"summary", c.Summary, c.Cols.Summary}} {
		if err := CheckText(text.value); err != nil {
			probs.Add(at(c.Where, text.col, "%s %v", text.name, err))
		}
	}
	status, _ := tax.ChallengeStatus(c.Status)
	switch {
	case status.Decided && c.Decided == "":
		probs.Add(at(c.Where, c.Cols.Status, "%q needs a date decided%s", c.Status, inColumn(c.Cols.Decided)))
	case !status.Decided && c.Decided != "":
		probs.Add(at(c.Where, c.Cols.Decided, "a %s case has no date decided yet: leave it blank, or give the status it was decided with", c.Status))
	case c.Decided != "" && c.Decided < c.Filed:
		probs.Add(at(c.Where, c.Cols.Decided, "date decided %s is before the date filed, %s", c.Decided, c.Filed))
	}
	if c.Period.IsZero() {
		return
	}
	for _, day := range []struct {
		name, value string
		col         int
	}{{"date filed", c.Filed, c.Cols.Filed}, {"date decided", c.Decided, c.Cols.Decided}} {
		if day.value > c.Period.End() {
			probs.Add(at(c.Where, day.col, "%s %s is after the end of the period %s (%s): list the case as it stood then", day.name, day.value, c.Period, c.Period.End()))
		}
	}
}

// inColumn names a column for a message about another cell: " in column G";
// "" where the value was not read from a column of its own.
func inColumn(col int) string {
	if col == 0 {
		return ""
	}
	return " in column " + columnLetters(col)
}

// columnLetters names a 1-based column as a spreadsheet does: A, Z, AA.
func columnLetters(col int) string {
	var s string
	for ; col > 0; col = (col - 1) / 26 {
		s = string(rune('A'+(col-1)%26)) + s
	}
	return s
}

// latestChallenges are the cases of the sources as the latest period that
// lists each one says, newest filed first (then by ID).
func latestChallenges(sources []Source) []Challenge {
	latest := map[string]Challenge{}
	for _, src := range sources {
		for _, c := range src.Challenges {
			if old, seen := latest[c.ID()]; !seen || c.Period.End() > old.Period.End() {
				latest[c.ID()] = c
			}
		}
	}
	out := make([]Challenge, 0, len(latest))
	for _, c := range latest {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Challenge) int { return cmp.Or(cmp.Compare(b.Filed, a.Filed), cmp.Compare(a.ID(), b.ID())) })
	return out
}
