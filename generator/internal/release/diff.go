package release

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/transparency-report/site/generator/internal/report"
)

// The kinds of change, in the order the diff lists them.
const (
	Changed = "changed" // a published figure that the sources now give differently
	Removed = "removed" // a published figure whose row the sources no longer have
	New     = "new"     // a figure that no release published
)

// Change is one figure that differs between a release and the sources.
type Change struct {
	Key
	Kind   string
	Before report.Count // not used for New
	After  report.Count // not used for Removed
}

// Compare lists what differs between the figures of a release (before) and
// those of the sources now (after), sorted by period, country, legal basis,
// request type and measure.
func Compare(before, after Figures) []Change {
	var out []Change
	for k, a := range after {
		b, ok := before[k]
		switch {
		case !ok:
			out = append(out, Change{Key: k, Kind: New, After: a})
		case !same(a, b):
			out = append(out, Change{Key: k, Kind: Changed, Before: b, After: a})
		}
	}
	for k, b := range before {
		if _, ok := after[k]; !ok {
			out = append(out, Change{Key: k, Kind: Removed, Before: b})
		}
	}
	slices.SortFunc(out, func(a, b Change) int { return compareKeys(a.Key, b.Key) })
	return out
}

// Restated reports whether some published figure changed or was removed.
func Restated(changes []Change) bool {
	return slices.ContainsFunc(changes, func(c Change) bool { return c.Kind != New })
}

// WriteText writes the changes for a reviewer, one row a line, published
// figures that changed first: "2026-Q2 DE court_order: requests 1,987 →
// 1,990; accounts not published → 2,001". against names the release,
// corrections the file in which a changed figure needs its entry.
func WriteText(w io.Writer, against, corrections string, changes []Change) error {
	var b bytes.Buffer
	if against == "" {
		b.WriteString("No release has been published yet (releases/ holds none): every figure is new.\n")
	} else {
		fmt.Fprintf(&b, "Compared with the published release %s.\n", against)
	}
	counts := map[string]int{}
	for _, kind := range []string{Changed, Removed, New} {
		var lines []string
		var row string
		for _, c := range changes {
			if c.Kind != kind {
				continue
			}
			counts[kind]++
			part := c.Measure + " " + describe(c)
			if c.Row() == row {
				lines[len(lines)-1] += "; " + part
				continue
			}
			row = c.Row()
			lines = append(lines, "  "+row+": "+part)
		}
		if len(lines) == 0 {
			continue
		}
		heading := headings[kind]
		if kind == Changed {
			heading = fmt.Sprintf(heading, corrections)
		}
		fmt.Fprintf(&b, "\n%s:\n%s\n", heading, strings.Join(lines, "\n"))
	}
	fmt.Fprintf(&b, "\n%d published figure(s) changed, %d removed, %d new.\n", counts[Changed], counts[Removed], counts[New])
	_, err := w.Write(b.Bytes())
	return err
}

var headings = map[string]string{
	Changed: "Changed (published figures; each needs an entry in %s)",
	Removed: "Removed (published figures the sources no longer have)",
	New:     "New (not in the release)",
}

func describe(c Change) string {
	switch c.Kind {
	case New:
		return Text(c.After)
	case Removed:
		return Text(c.Before) + " → removed"
	}
	return Text(c.Before) + " → " + Text(c.After)
}

// WriteCSV writes the changes as a table: period, country_code,
// legal_basis, request_type, measure, before, after, kind. A count is
// written as a person types it (1987, 11000-12000, 5000+, not published);
// before is empty for a new figure, after for a removed one.
func WriteCSV(w io.Writer, changes []Change) error {
	var b strings.Builder
	b.WriteString("period,country_code,legal_basis,request_type,measure,before,after,kind\n")
	for _, c := range changes {
		var before, after string
		if c.Kind != New {
			before = c.Before.String()
		}
		if c.Kind != Removed {
			after = c.After.String()
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s\n", c.Period, c.Country, c.LegalBasis, c.RequestType, c.Measure, before, after, c.Kind)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
