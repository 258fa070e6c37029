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

// byRequests orders figures by requests, most first: by the lower bound,
// then by whether anything was published, so that a figure not published
// comes after a published 0.
func byRequests(a, b report.Figures) int {
	return cmp.Or(cmp.Compare(b.Requests.Min, a.Requests.Min), cmp.Compare(published(b.Requests), published(a.Requests)))
}

func published(c report.Count) int {
	if c.Published() {
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
