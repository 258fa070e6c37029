package view

import (
	"cmp"

	"github.com/transparency-report/site/generator/internal/report"
)

// sharePercent is part as a percentage of whole, to one decimal; nil unless
// both are exact and whole is more than 0: a share of a range, or of a
// figure that was not published, is not known.
func sharePercent(part, whole report.Count) *float64 {
	p, okPart := part.Value()
	w, okWhole := whole.Value()
	if !okPart || !okWhole || w == 0 {
		return nil
	}
	v := report.Round1(float64(p) / float64(w) * 100)
	return &v
}

// underTenth reports whether part is more than 0% of whole but shows as
// 0.0% (sharePercent rounds it away): a page says "<0.1%".
func underTenth(part, whole report.Count) bool {
	v := sharePercent(part, whole)
	return v != nil && *v == 0 && part.Positive()
}

// byRequests orders figures by requests, most first: by the lower bound,
// then those that rank (rankable) before those that do not, and a published
// 0 before a figure not published.
func byRequests(a, b report.Figures) int {
	return cmp.Or(cmp.Compare(b.Requests.Min, a.Requests.Min),
		cmp.Compare(flag(rankable(b.Requests)), flag(rankable(a.Requests))),
		cmp.Compare(flag(b.Requests.Published()), flag(a.Requests.Published())))
}

// rankable reports whether requests give a rank: some were made, and their
// number was published, exactly or as a range (ranked by its lower bound).
// A country whose requests were not published has no rank.
func rankable(c report.Count) bool { return c.Published() && !c.IsZero() }

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// difference is cur − prev, when both are exact.
func difference(prev, cur report.Count) *int64 {
	p, okPrev := prev.Value()
	c, okCur := cur.Value()
	if !okPrev || !okCur {
		return nil
	}
	d := c - p
	return &d
}

// placing is one row's rank and whether another row shares it.
type placing struct {
	rank int
	tied bool
}

// competitionRanks ranks rows already in rank order as competitions do,
// "1, 2, 2, 4": rows with the same requests (the same exact figure, or the
// same range) share a rank, and the next row's rank counts every row
// before it.
func competitionRanks[T any](rows []T, requests func(T) report.Count) []placing {
	out := make([]placing, len(rows))
	for i, r := range rows {
		out[i].rank = i + 1
		if i > 0 && sameCount(requests(rows[i-1]), requests(r)) {
			out[i].rank = out[i-1].rank
			out[i].tied, out[i-1].tied = true, true
		}
	}
	return out
}

// sameCount reports whether two counts are the same figure: equal bounds,
// and as much of each published.
func sameCount(a, b report.Count) bool {
	return a.Min == b.Min && a.Max == b.Max && a.Open == b.Open && (a.NotGiven == 0) == (b.NotGiven == 0)
}
