package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Count is a figure as a source published it: an exact count, a range
// ("11,000 - 12,000", "5000+"), or not published at all; or the sum of such
// figures. Not published is not zero: a sum over parts of which some were
// not published is only a lower bound, and says so.
//
// The zero Count is an exact 0: the sum of no figures.
type Count struct {
	Min int64 // the lower bound; the figure itself when exact
	Max int64 // the upper bound; not used when Open
	// Open: no upper bound, as in "5000+".
	Open bool
	// Given and NotGiven are how many of the figures added up were
	// published, and how many were not. A single figure has one or the
	// other (or neither, for the zero Count).
	Given, NotGiven int
}

// Exactly is a published count of n.
func Exactly(n int64) Count { return Count{Min: n, Max: n, Given: 1} }

// Between is a published range from low to high.
func Between(low, high int64) Count { return Count{Min: low, Max: high, Given: 1} }

// AtLeast is a published range with no upper bound, such as "5000+".
func AtLeast(low int64) Count { return Count{Min: low, Open: true, Given: 1} }

// NotPublished is a figure the source did not publish.
func NotPublished() Count { return Count{NotGiven: 1} }

// FromBand is the count a band publishes.
func FromBand(b Band) Count {
	if b.Open {
		return AtLeast(b.Low)
	}
	return Between(b.Low, b.High)
}

// Plus is the sum of c and o.
func (c Count) Plus(o Count) Count {
	return Count{Min: c.Min + o.Min, Max: c.Max + o.Max, Open: c.Open || o.Open, Given: c.Given + o.Given, NotGiven: c.NotGiven + o.NotGiven}
}

// Add adds o to c.
func (c *Count) Add(o Count) { *c = c.Plus(o) }

// Value is the exact figure, and whether there is one: every part was
// published, and none as a range.
func (c Count) Value() (int64, bool) {
	return c.Min, c.NotGiven == 0 && !c.Open && c.Min == c.Max
}

// IsExact reports whether the count is one exact figure.
func (c Count) IsExact() bool {
	_, ok := c.Value()
	return ok
}

// Published reports whether anything of the count was published: false
// only when every part added up was not published.
func (c Count) Published() bool { return c.NotGiven == 0 || c.Given > 0 }

// Bounded reports whether the count has an upper bound: it was published
// in full, and no part of it as an open range.
func (c Count) Bounded() bool { return c.NotGiven == 0 && !c.Open }

// Upper is the upper bound, when Bounded.
func (c Count) Upper() int64 { return c.Max }

// IsZero reports whether the count is exactly 0.
func (c Count) IsZero() bool {
	v, ok := c.Value()
	return ok && v == 0
}

// Positive reports whether the count is more than 0 for certain.
func (c Count) Positive() bool { return c.Min > 0 }

// String writes the count for messages, as a person would type it:
// "1234", "11000-12000", "5000+", "at least 14607", "not published".
func (c Count) String() string {
	switch {
	case !c.Published():
		return "not published"
	case c.NotGiven > 0:
		return "at least " + strconv.FormatInt(c.Min, 10)
	case c.Open:
		return strconv.FormatInt(c.Min, 10) + "+"
	case c.Min != c.Max:
		return fmt.Sprintf("%d-%d", c.Min, c.Max)
	}
	return strconv.FormatInt(c.Min, 10)
}

// countJSON is a count that is not one exact figure, in the data files.
type countJSON struct {
	Min          int64  `json:"min"`
	Max          *int64 `json:"max,omitempty"`           // absent when there is no upper bound
	NotPublished int    `json:"not_published,omitempty"` // parts of the sum not published
}

// MarshalJSON writes an exact count as its number, a count not published as
// null, and anything else as {"min", "max", "not_published"}: "max" is
// absent when there is no upper bound, and "not_published" counts the parts
// of a sum that were not published.
func (c Count) MarshalJSON() ([]byte, error) {
	if v, ok := c.Value(); ok {
		return strconv.AppendInt(nil, v, 10), nil
	}
	if !c.Published() {
		return []byte("null"), nil
	}
	out := countJSON{Min: c.Min, NotPublished: c.NotGiven}
	if c.Bounded() {
		out.Max = &c.Max
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes. A sum read back counts as
// one figure given (and its not-published parts), which is all a reader
// of the data files can know.
func (c *Count) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*c = NotPublished()
		return nil
	case len(b) > 0 && b[0] != '{':
		n, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			return fmt.Errorf("count %s: %w", b, err)
		}
		*c = Exactly(n)
		return nil
	}
	var in countJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return fmt.Errorf("count: %w", err)
	}
	*c = Count{Min: in.Min, Open: in.Max == nil && in.NotPublished == 0, Given: 1, NotGiven: in.NotPublished}
	if in.Max != nil {
		c.Max = *in.Max
	}
	return nil
}

// ExactCounts are exact counts by key, as a source that publishes every
// figure gives them.
func ExactCounts(counts map[string]int64) map[string]Count {
	out := make(map[string]Count, len(counts))
	for k, n := range counts {
		out[k] = Exactly(n)
	}
	return out
}
