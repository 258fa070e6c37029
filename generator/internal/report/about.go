package report

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/transparency-report/site/generator/internal/problem"
)

// AboutFile is the name of the file beside the period folders that says who
// publishes the report and under what terms.
const AboutFile = "report.toml"

// About describes the publisher of the report and the terms of its data.
type About struct {
	Company string  `toml:"company" json:"company"`
	Website string  `toml:"website" json:"website"` // the company's own site, for the citation
	License License `toml:"license" json:"license"`
	// Notes are sentences shown on the methodology page and in the codebook,
	// for facts about these particular sources (such as where imported
	// figures came from).
	Notes []string `toml:"notes" json:"notes,omitempty"`
	// Translations are the same words in the site's other languages, by
	// language code ([translations.fr] notes = [...]): a page in a language
	// without them shows the default language's and says so. The downloads
	// keep the default language's.
	Translations map[string]AboutWords `toml:"translations" json:"translations,omitempty"`
	// Published is the day this release of the report is published, such
	// as 2026-10-20: shown on the site and in its feed, and the day from
	// which the law's delay on national-security figures is counted
	// (CheckPublication). Nil when report.toml does not say.
	Published *time.Time `toml:"published" json:"-"`
	// Drafts are periods not published yet, such as "2026-Q4": a deploy
	// preview shows them under a banner, a production build leaves them out
	// entirely (WithoutDrafts).
	Drafts []string `toml:"drafts" json:"drafts,omitempty"`
	// Guidelines and Principles are optional addresses of the company's own
	// pages: its guidelines for law enforcement (how authorities ask it
	// for data) and its principles on government requests, linked from
	// every page's footer. https only (CheckHTTPS): readers leave the
	// report for them.
	Guidelines string `toml:"law_enforcement_guidelines" json:"law_enforcement_guidelines,omitempty"`
	Principles string `toml:"principles" json:"principles,omitempty"`
}

// AboutWords are an About's texts in one language.
type AboutWords struct {
	Notes []string `toml:"notes" json:"notes"`
}

// IsDraft reports whether period p is one of the drafts.
func (a About) IsDraft(p Period) bool {
	for _, d := range a.Drafts {
		if dp, err := ParsePeriod(d); err == nil && dp == p {
			return true
		}
	}
	return false
}

// WithoutDrafts leaves out the sources of draft periods, unless keep says
// to include them (a deploy preview). The About keeps only the drafts that
// remain, so that the view marks them.
func WithoutDrafts(sources []Source, about About, keep bool) []Source {
	if keep {
		return sources
	}
	var out []Source
	for _, s := range sources {
		if !about.IsDraft(s.Period) {
			out = append(out, s)
		}
	}
	return out
}

// PublishedOn is the publication day as YYYY-MM-DD, or "" when not given.
func (a About) PublishedOn() string {
	if a.Published == nil {
		return ""
	}
	return a.Published.Format(time.DateOnly)
}

// License is the licence of the published data.
type License struct {
	ID   string `toml:"id" json:"id"` // SPDX identifier, such as CC-BY-4.0
	Name string `toml:"name" json:"name"`
	URL  string `toml:"url" json:"url"`
}

// DefaultAbout is used for what report.toml leaves out.
var DefaultAbout = About{
	Company: "Example Company",
	License: License{ID: "CC-BY-4.0", Name: "Creative Commons Attribution 4.0 International", URL: "https://creativecommons.org/licenses/by/4.0/"},
}

// LoadAbout reads report.toml; a missing file gives DefaultAbout.
func LoadAbout(path string) (About, error) {
	about := DefaultAbout
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return about, nil
	}
	if err != nil {
		return About{}, fmt.Errorf("read %s: %w", path, err)
	}
	md, err := toml.Decode(string(raw), &about)
	if err != nil {
		return About{}, fmt.Errorf("%s: %w", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return About{}, fmt.Errorf("%s: unknown field %q", path, undecoded[0].String())
	}
	if about.Company == "" {
		return About{}, fmt.Errorf("%s: company is empty", path)
	}
	var probs problem.List
	for _, p := range about.Check() {
		probs.Addf(path, "", 0, 0, "%s: %v", p.Key, p.Err)
	}
	if err := probs.Err(); err != nil {
		return About{}, err
	}
	return about, nil
}

// CheckLanguages finds the translations that are not in one of the site's
// languages langs other than the default one, such as a misspelt "pt_br".
func (a About) CheckLanguages(langs []string, defaultLang string) []FieldProblem {
	var probs []FieldProblem
	for _, lang := range slices.Sorted(maps.Keys(a.Translations)) {
		switch {
		case lang == defaultLang:
			probs = append(probs, FieldProblem{"translations." + lang, fmt.Errorf("%s is the default language: its words are the ones outside [translations]", lang)})
		case !slices.Contains(langs, lang):
			probs = append(probs, FieldProblem{"translations." + lang, fmt.Errorf("the site has no language %q; its languages are %s", lang, strings.Join(langs, ", "))})
		}
	}
	return probs
}

// FieldProblem is what is wrong with one field of an About, named by its key
// in report.toml.
type FieldProblem struct {
	Key string // such as license.url or notes[2]
	Err error
}

// Check finds the addresses and texts of an About that the site and the
// downloads must not show (CheckURL, CheckText), for report.toml and for an
// import mapping's [report] alike.
func (a About) Check() []FieldProblem {
	var probs []FieldProblem
	add := func(key string, err error) {
		if err != nil {
			probs = append(probs, FieldProblem{key, err})
		}
	}
	add("company", CheckText(a.Company))
	if a.Website != "" {
		add("website", CheckURL(a.Website))
	}
	add("license.id", CheckText(a.License.ID))
	add("license.name", CheckText(a.License.Name))
	if a.License.URL != "" {
		add("license.url", CheckURL(a.License.URL))
	}
	for i, note := range a.Notes {
		add(fmt.Sprintf("notes[%d]", i), CheckText(note))
	}
	for _, lang := range slices.Sorted(maps.Keys(a.Translations)) {
		for i, note := range a.Translations[lang].Notes {
			add(fmt.Sprintf("translations.%s.notes[%d]", lang, i), CheckText(note))
		}
	}
	if a.Guidelines != "" {
		add("law_enforcement_guidelines", CheckHTTPS(a.Guidelines))
	}
	if a.Principles != "" {
		add("principles", CheckHTTPS(a.Principles))
	}
	for i, d := range a.Drafts {
		if _, err := ParsePeriod(d); err != nil {
			add(fmt.Sprintf("drafts[%d]", i), err)
		}
	}
	return probs
}
