package report

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// CorrectionsFile is the name of the file beside the period folders that
// records every change of a published figure.
const CorrectionsFile = "corrections.toml"

// Correction records one published figure that the sources now give
// differently: which figure, what was published, what it is now, when and
// why. A published figure may change only with one.
type Correction struct {
	Date        string `json:"date"` // YYYY-MM-DD
	Period      string `json:"period"`
	Country     string `json:"country"`
	LegalBasis  string `json:"legal_basis"`
	RequestType string `json:"request_type,omitempty"`
	Measure     string `json:"measure"` // a column of requests.csv: requests, accounts, outcome_KEY, ...
	Before      string `json:"before"`  // as published, as a person types a count: 1987, 11000-12000, not published
	After       string `json:"after"`
	Reason      string `json:"reason"`
	// Entry is the correction's place in the file, from 1, for messages.
	Entry int `json:"-"`
}

// Name is how messages name the entry: "[[correction]] 2".
func (c Correction) Name() string { return fmt.Sprintf("[[correction]] %d", c.Entry) }

// RemovedText is what a correction's after says of a figure whose row the
// sources no longer have.
const RemovedText = "removed"

// Counts reads the correction's before and after as counts (with or
// without thousands separators); removed: after says RemovedText.
func (c Correction) Counts() (before, after Count, removed bool, err error) {
	read := func(field, s string) (Count, error) {
		n, err := ParseCount(strings.ReplaceAll(s, ",", ""))
		if err != nil {
			return Count{}, fmt.Errorf("%s: %w", field, err)
		}
		return n, nil
	}
	if before, err = read("before", c.Before); err != nil {
		return
	}
	if strings.EqualFold(strings.TrimSpace(c.After), RemovedText) {
		return before, Count{}, true, nil
	}
	after, err = read("after", c.After)
	return
}

// correctionsFile is the file as TOML lays it out.
type correctionsFile struct {
	Correction []struct {
		Date        time.Time `toml:"date"`
		Period      string    `toml:"period"`
		Country     string    `toml:"country"`
		LegalBasis  string    `toml:"legal_basis"`
		RequestType string    `toml:"request_type"`
		Measure     string    `toml:"measure"`
		Before      any       `toml:"before"` // a string, or a whole number
		After       any       `toml:"after"`
		Reason      string    `toml:"reason"`
	} `toml:"correction"`
}

// LoadCorrections reads corrections.toml; a missing file holds none. Every
// entry must have all its fields; whether they match the figures is for
// package release to check.
func LoadCorrections(path string) ([]Correction, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var file correctionsFile
	md, err := toml.Decode(string(raw), &file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return nil, fmt.Errorf("%s: unknown field %q", path, undecoded[0].String())
	}
	var out []Correction
	var problems []error
	for i, e := range file.Correction {
		c := Correction{Period: e.Period, Country: e.Country, LegalBasis: e.LegalBasis, RequestType: e.RequestType,
			Measure: e.Measure, Reason: e.Reason, Entry: i + 1}
		if !e.Date.IsZero() {
			c.Date = e.Date.Format(time.DateOnly)
		}
		var missing []string
		for _, f := range []struct{ name, value string }{
			{"date", c.Date}, {"period", c.Period}, {"country", c.Country}, {"legal_basis", c.LegalBasis},
			{"measure", c.Measure}, {"reason", c.Reason},
		} {
			if f.value == "" {
				missing = append(missing, f.name)
			}
		}
		var bad []string
		for _, f := range []struct {
			name  string
			value any
			to    *string
		}{{"before", e.Before, &c.Before}, {"after", e.After, &c.After}} {
			switch v := f.value.(type) {
			case nil:
				missing = append(missing, f.name)
			case string:
				*f.to = v
			case int64:
				*f.to = fmt.Sprint(v)
			default:
				bad = append(bad, f.name)
			}
		}
		if len(missing) > 0 {
			problems = append(problems, fmt.Errorf("%s: %s: missing %s", path, c.Name(), strings.Join(missing, ", ")))
		}
		if _, _, _, err := c.Counts(); len(missing)+len(bad) == 0 && err != nil {
			problems = append(problems, fmt.Errorf("%s: %s: %w", path, c.Name(), err))
		}
		if len(bad) > 0 {
			problems = append(problems, fmt.Errorf("%s: %s: %s: not a count such as 1987, a range such as 11000-12000, or %q", path, c.Name(), strings.Join(bad, ", "), NotPublishedText))
		}
		out = append(out, c)
	}
	if err := errors.Join(problems...); err != nil {
		return nil, err
	}
	return out, nil
}
