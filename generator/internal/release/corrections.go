package release

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
)

// Published is one release's figures.
type Published struct {
	Key     string
	Figures Figures
}

const removedText = report.RemovedText

// KeyOf is the figure a correction names.
func KeyOf(c report.Correction) Key {
	return Key{Period: c.Period, Country: c.Country, LegalBasis: c.LegalBasis, RequestType: c.RequestType, Measure: c.Measure}
}

// CheckCorrections checks that every published figure of the latest
// release (the last of releases, oldest first) that the sources now give
// differently has its correction, with the figure as published before and
// as given now after, and that every correction corrects something: the
// figure changed since the latest release, or an earlier release published
// it as before and the sources give it as after. A figure without its
// correction is reported at its workbook cells (cells locates them), a
// wrong correction at its entry of the corrections file (path).
func CheckCorrections(releases []Published, current Figures, corrections []report.Correction, path string, cells func(Key) []report.Location) problem.List {
	var probs problem.List
	if len(releases) == 0 {
		for _, c := range corrections {
			probs.Add(entryProblem(path, c, "no release has been published yet, so there is nothing to correct"))
		}
		return probs
	}
	latest := releases[len(releases)-1]
	newest := map[Key]report.Correction{} // the newest correction of each figure
	for _, c := range corrections {
		k := KeyOf(c)
		before, after, err := counts(c)
		if err != nil {
			probs.Add(entryProblem(path, c, err.Error()))
			continue
		}
		c.Before, c.After = before, after
		if before == after {
			probs.Add(entryProblem(path, c, fmt.Sprintf("before and after are both %s: the entry corrects nothing", before)))
			continue
		}
		if old, ok := newest[k]; !ok || cmp.Or(strings.Compare(c.Date, old.Date), cmp.Compare(c.Entry, old.Entry)) > 0 {
			newest[k] = c
		}
	}
	restated := map[Key]bool{}
	for _, ch := range Compare(latest.Figures, current) {
		if ch.Kind == New {
			continue
		}
		restated[ch.Key] = true
		before, after := Text(ch.Before), removedText
		if ch.Kind == Changed {
			after = Text(ch.After)
		}
		c, ok := newest[ch.Key]
		if !ok {
			for _, at := range locate(ch.Key, path, cells) {
				at.Msg = fmt.Sprintf("%s: published as %s in release %s, now %s; a published figure changes only with a correction: add to %s a [[correction]] with date, period = %q, country = %q, legal_basis = %q%s, measure = %q, before = %q, after = %q and the reason",
					ch.Key, before, latest.Key, after, path, ch.Period, ch.Country, ch.LegalBasis, requestType(ch.Key), ch.Measure, plain(ch.Before), plainAfter(ch))
				probs.Add(at)
			}
			continue
		}
		if c.Before != before {
			probs.Add(entryProblem(path, c, fmt.Sprintf("before is %s, but release %s published %s", c.Before, latest.Key, before)))
		}
		if c.After != after {
			probs.Add(entryProblem(path, c, fmt.Sprintf("after is %s, but the sources now give %s", c.After, after)))
		}
	}
	for k, c := range newest {
		if restated[k] {
			continue
		}
		now := removedText
		if n, ok := current[k]; ok {
			now = Text(n)
		}
		if !publishedAs(releases, k, c.Before) {
			probs.Add(entryProblem(path, c, fmt.Sprintf("no release published %s as %s; the figure did not change since release %s (it is %s in the sources)", k, c.Before, latest.Key, now)))
			continue
		}
		if c.After != now {
			probs.Add(entryProblem(path, c, fmt.Sprintf("after is %s, but the sources give %s", c.After, now)))
		}
	}
	return probs
}

// publishedAs reports whether some release published the figure k as text
// (Text of the count).
func publishedAs(releases []Published, k Key, text string) bool {
	for _, r := range releases {
		if c, ok := r.Figures[k]; ok && Text(c) == text {
			return true
		}
	}
	return false
}

// counts writes a correction's before and after as Text does, so that
// "1987" and "1,987" agree.
func counts(c report.Correction) (before, after string, err error) {
	b, a, removed, err := c.Counts()
	if err != nil {
		return "", "", err
	}
	if removed {
		return Text(b), removedText, nil
	}
	return Text(b), Text(a), nil
}

// plain is a count as a person types it in the corrections file.
func plain(c report.Count) string {
	if !c.Bounded() && c.Published() {
		return fmt.Sprintf("%d+", c.Min)
	}
	return c.String()
}

func plainAfter(ch Change) string {
	if ch.Kind == Removed {
		return removedText
	}
	return plain(ch.After)
}

func requestType(k Key) string {
	if k.RequestType == "" {
		return ""
	}
	return fmt.Sprintf(", request_type = %q", k.RequestType)
}

func entryProblem(path string, c report.Correction, msg string) problem.Problem {
	return problem.Problem{File: path, Msg: fmt.Sprintf("%s (%s): %s", c.Name(), KeyOf(c), msg)}
}

// locate is where a figure's cells are; a figure with none (its row was
// removed) is named at the corrections file.
func locate(k Key, path string, cells func(Key) []report.Location) []report.Location {
	if at := cells(k); len(at) > 0 {
		return at
	}
	return []report.Location{{File: path}}
}

// Cells locates a figure in the sources: the cell of its measure in every
// row added into it (teams, segments).
func Cells(sources []report.Source) func(Key) []report.Location {
	return func(k Key) []report.Location {
		var out []report.Location
		for _, s := range sources {
			for _, r := range s.Rows {
				if r.Period.String() != k.Period || r.Country != k.Country || r.LegalBasis != k.LegalBasis || r.RequestType != k.RequestType {
					continue
				}
				at := r.Where
				at.Col = column(r.Cols, k.Measure)
				out = append(out, at)
			}
		}
		return out
	}
}

// column is the column a measure was read from; 0 (the whole row) where
// it was not read from one of its own.
func column(cols report.Columns, measure string) int {
	switch measure {
	case "requests":
		return cols.Requests
	case "accounts":
		return cols.Accounts
	case "extraterritorial":
		return cols.Extraterritorial
	case "contested":
		return cols.Contested
	}
	return cols.Outcomes[strings.TrimPrefix(measure, "outcome_")]
}
