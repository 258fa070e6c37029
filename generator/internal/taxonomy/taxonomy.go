// Package taxonomy reads the report's single list of legal bases, outcomes,
// customer segments, national-security request types and request types (what
// a request named) (data/taxonomy.toml).
// The generator validates sources against it and the site labels from it.
package taxonomy

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// DefaultPath is where the taxonomy lives, relative to the project root. It is
// under data/ so that Hugo templates read the same file as hugo.Data.taxonomy.
const DefaultPath = "data/taxonomy.toml"

// Text is a string per language code ("en", ...).
type Text map[string]string

// In is the text in lang, or in English where lang has none.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t["en"]
}

// Entry is one kind of legal basis, outcome, segment, national-security type
// or request type.
type Entry struct {
	Key         string `toml:"key"`
	Label       Text   `toml:"label"`
	Description Text   `toml:"description"`

	// Legal bases only.
	CountsTowardTotal bool `toml:"counts_toward_total"`
	Diplomatic        bool `toml:"diplomatic"`
	// Unsplit: the requests of every kind that a source did not split
	// by legal basis. Where a country has them in a period, its figures
	// under the other legal bases are not published, not zero.
	Unsplit bool `toml:"unsplit"`

	// National-security types only: how many days after the end of the
	// period it covers a band may first be published (50 U.S.C. § 1874(b)).
	PublicationDelayDays int `toml:"publication_delay_days"`

	// Outcomes and outcome groups only: whether the outcome counts toward
	// the share of requests where some data was disclosed. An outcome
	// belongs to the group with the same value.
	DataDisclosed bool `toml:"data_disclosed"`

	// Route is a legal basis's route key (Taxonomy.Routes): how requests
	// of this kind reach the company when the data is stored abroad; ""
	// when not known. AppliesFrom is the first day (YYYY-MM-DD) the law
	// allows the kind; "" when it always has.
	Route       string `toml:"route"`
	AppliesFrom string `toml:"applies_from"`
	// Challenge statuses only: the case is decided, so it needs the day
	// it was decided (pending is the one that is not).
	Decided bool `toml:"decided"`
}

// English is the entry's English label, the language of the spreadsheets.
func (e Entry) English() string { return e.Label["en"] }

// Taxonomy is the whole file.
type Taxonomy struct {
	LegalBases []Entry `toml:"legal_bases"`
	Outcomes   []Entry `toml:"outcomes"`
	// OutcomeGroups are the two nodes above the outcomes: some data
	// disclosed, and no data disclosed. A source may publish a group's
	// figure without splitting it into outcomes.
	OutcomeGroups        []Entry `toml:"outcome_groups"`
	Segments             []Entry `toml:"segments"`
	NationalSecurityType []Entry `toml:"national_security_types"`
	// RequestTypes are what a request named (an account, a device, ...),
	// for sources that split their figures by it. Optional, like the
	// dimension: a taxonomy may have none.
	RequestTypes []Entry `toml:"request_types"`
	// Routes are the ways a request for data stored abroad can come
	// (Entry.Route); StorageLocations where a row says the data sought was
	// stored. Both optional, like RequestTypes.
	Routes           []Entry `toml:"routes"`
	StorageLocations []Entry `toml:"storage_locations"`
	// ChallengeStatuses are where a court case stands (pending, won, ...),
	// and NotificationMeasures what the company counts of telling users
	// (gag orders, users notified, ...). Optional, like the sheets that
	// use them.
	ChallengeStatuses    []Entry `toml:"challenge_statuses"`
	NotificationMeasures []Entry `toml:"notification_measures"`
}

// Load reads and checks a taxonomy file.
func Load(path string) (*Taxonomy, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read taxonomy: %w", err)
	}
	return Parse(path, raw)
}

// Parse decodes and checks taxonomy TOML read from path. It reports every
// problem at once, each prefixed with the file and the entry it concerns
// ("data/taxonomy.toml: legal_bases[3]: key "x" given twice"), so that the
// whole file can be fixed in one pass.
func Parse(path string, raw []byte) (*Taxonomy, error) {
	var t Taxonomy
	md, err := toml.Decode(string(raw), &t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var errs []error
	problem := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{path}, args...)...))
	}
	for _, key := range md.Undecoded() {
		problem("unknown field %q", key.String())
	}
	for _, group := range t.groups() {
		if len(group.entries) == 0 && !group.optional {
			problem("%s is empty", group.name)
		}
		seen := map[string]bool{}
		for i, e := range group.entries {
			switch {
			case e.Key == "":
				problem("%s[%d]: has no key", group.name, i)
			case seen[e.Key]:
				problem("%s[%d]: key %q given twice", group.name, i, e.Key)
			default:
				// Cells name an entry by its key or English label: each
				// must find this entry, not another one or none.
				for _, name := range []string{e.Key, e.English()} {
					j := slices.IndexFunc(group.entries, func(other Entry) bool { return other.named(name) })
					switch {
					case name == "":
					case j < 0:
						problem("%s[%d]: %q has spaces around it", group.name, i, name)
					case j != i:
						problem("%s[%d]: %q also names %s[%d]", group.name, i, name, group.name, j)
					}
				}
			}
			if e.English() == "" {
				problem("%s[%d]: has no English label", group.name, i)
			}
			seen[e.Key] = true
		}
	}
	for _, disclosed := range []bool{true, false} {
		if n := len(filter(t.OutcomeGroups, disclosed)); n != 1 && len(t.OutcomeGroups) > 0 {
			problem("outcome_groups: %d groups have data_disclosed = %v; give exactly one", n, disclosed)
		}
	}
	for i, g := range t.OutcomeGroups {
		if _, clash := t.Outcome(g.Key); clash {
			problem("outcome_groups[%d]: key %q also names an outcome", i, g.Key)
		}
	}
	checkRoutes(&t, problem)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &t, nil
}

// group is one list of the file, named as in the file.
type group struct {
	name     string
	entries  []Entry
	optional bool // a taxonomy may have none
}

func (t *Taxonomy) groups() []group {
	return []group{
		{"legal_bases", t.LegalBases, false},
		{"outcomes", t.Outcomes, false},
		{"outcome_groups", t.OutcomeGroups, false},
		{"segments", t.Segments, false},
		{"national_security_types", t.NationalSecurityType, false},
		{"request_types", t.RequestTypes, true},
		{"routes", t.Routes, true},
		{"storage_locations", t.StorageLocations, true},
		{"challenge_statuses", t.ChallengeStatuses, true},
		{"notification_measures", t.NotificationMeasures, true},
	}
}

func filter(entries []Entry, disclosed bool) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.DataDisclosed == disclosed {
			out = append(out, e)
		}
	}
	return out
}

// GroupOf is the outcome group that outcome belongs to.
func (t *Taxonomy) GroupOf(outcome Entry) Entry {
	return filter(t.OutcomeGroups, outcome.DataDisclosed)[0]
}

// Leaves are the outcomes of group, in taxonomy order.
func (t *Taxonomy) Leaves(group Entry) []Entry { return filter(t.Outcomes, group.DataDisclosed) }

// Disclosed is the group of outcomes where some data was disclosed.
func (t *Taxonomy) Disclosed() Entry { return filter(t.OutcomeGroups, true)[0] }

// OutcomeNode finds an outcome or an outcome group by key or English label.
func (t *Taxonomy) OutcomeNode(name string) (Entry, bool) {
	if e, ok := t.Outcome(name); ok {
		return e, true
	}
	return find(t.OutcomeGroups, name)
}

// LegalBasis finds a legal basis by key or by English label, ignoring case
// and surrounding spaces, as people type them into spreadsheets.
func (t *Taxonomy) LegalBasis(name string) (Entry, bool) { return find(t.LegalBases, name) }

// Segment finds a customer segment by key or English label.
func (t *Taxonomy) Segment(name string) (Entry, bool) { return find(t.Segments, name) }

// NationalSecurity finds a national-security request type by key or English label.
func (t *Taxonomy) NationalSecurity(name string) (Entry, bool) {
	return find(t.NationalSecurityType, name)
}

// RequestType finds a request type (what a request named) by key or English label.
func (t *Taxonomy) RequestType(name string) (Entry, bool) { return find(t.RequestTypes, name) }

// ChallengeStatus finds a court case's status by key or English label.
func (t *Taxonomy) ChallengeStatus(name string) (Entry, bool) { return find(t.ChallengeStatuses, name) }

// NotificationMeasure finds a measure of telling users by key or English label.
func (t *Taxonomy) NotificationMeasure(name string) (Entry, bool) {
	return find(t.NotificationMeasures, name)
}

// Outcome finds an outcome by key or English label.
func (t *Taxonomy) Outcome(name string) (Entry, bool) { return find(t.Outcomes, name) }

// IsOutcome reports whether key is exactly an outcome's key: an outcome,
// not a group. It is Outcome without the reading of names, for the code
// that adds up every row (Row.Outcome), where that reading was a twentieth
// of a build.
func (t *Taxonomy) IsOutcome(key string) bool {
	return slices.ContainsFunc(t.Outcomes, func(e Entry) bool { return e.Key == key })
}

func find(entries []Entry, name string) (Entry, bool) {
	for _, e := range entries {
		if e.named(name) {
			return e, true
		}
	}
	return Entry{}, false
}

// named reports whether name is e's key or English label, ignoring case
// and surrounding spaces.
func (e Entry) named(name string) bool {
	name = strings.TrimSpace(name)
	return strings.EqualFold(name, e.Key) || strings.EqualFold(name, e.English())
}

// Label is the English label of the entry that find finds for key, or the
// key itself when there is none, so that a message or a workbook still shows
// what the source said.
func Label(find func(string) (Entry, bool), key string) string {
	if e, ok := find(key); ok {
		return e.English()
	}
	return key
}
