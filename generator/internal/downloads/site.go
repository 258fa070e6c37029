package downloads

import (
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
)

// SiteFile is where the site's description of the downloads goes, relative
// to data/report/: templates read it as hugo.Data.report.downloads.
const SiteFile = "downloads.json"

// Site is what the downloads page, the codebook page and the download links
// beside charts and tables read.
type Site struct {
	// Release is the latest release's key: /downloads/KEY/ is its stable
	// address, /downloads/latest/ always the newest files.
	Release string `json:"release"`
	// Dir is the folder of /downloads/ that holds the files made now, which
	// the site's links point to: the release's key, or "latest" when a
	// committed release of the same key differs from them (Serving.Dir).
	Dir string `json:"dir"`
	// LatestIsAlias is true when /downloads/latest/ is an alias of Dir that
	// the host serves (the site's _redirects), false when latest/ is a
	// folder of its own.
	LatestIsAlias bool           `json:"latest_is_alias"`
	Title         string         `json:"title"`
	Company       string         `json:"company"`
	Website       string         `json:"website"`
	License       report.License `json:"license"`
	Citation      string         `json:"citation"`
	TextNote      string         `json:"text_note"`
	Notes         []string       `json:"notes"` // report.toml's notes about the sources
	// Tables describe the whole-report tables in every language of the
	// codebook ("en", "fr", ...): the same schemas as datapackage.json,
	// their titles and descriptions in that language.
	Tables map[string][]Table `json:"tables"`
	// Latest lists every file made now (in /downloads/DIR/, and at
	// /downloads/latest/), main files first.
	Latest []File `json:"latest"`
	// Links finds the CSV of exactly one table's numbers: Links[kind][key]
	// with kind table (key: table name), period (key: period key),
	// country (key: country code), or one of the kinds of a figure's
	// table (KindPeriodCountries, ...).
	Links map[string]map[string]File `json:"links"`
	// Releases are every release served under /downloads/KEY/, newest first.
	Releases []SiteRelease `json:"releases"`
}

// SiteRelease is one folder of /downloads/.
type SiteRelease struct {
	Key string `json:"key"`
	// Archived is true for a release committed under releases/, which never
	// changes; false for the latest release before it is committed, whose
	// files follow the sources until then.
	Archived bool `json:"archived"`
	// Citation is the suggested citation of this release.
	Citation string `json:"citation"`
	Files    []File `json:"files"`
}

// SiteData describes the release made now, where it is served and the
// archive for the site.
func SiteData(rel *Release, archive []Archived, served Serving) Site {
	s := Site{
		Release: rel.Key, Dir: served.Dir, LatestIsAlias: served.LatestIsAlias(), Title: rel.Title, Company: rel.About.Company, Website: rel.About.Website,
		License: rel.About.License, Citation: rel.Citation, TextNote: textNote,
		Notes: rel.About.Notes, Tables: rel.Codebook, Latest: List(rel.Files),
		Links: map[string]map[string]File{KindTable: {}, KindPeriod: {}, KindCountry: {},
			KindPeriodCountries: {}, KindPeriodTopCountries: {}, KindCountryPeriods: {}, KindPeriodsOfKind: {},
			KindPeriodLegalBases: {}, KindLegalBasisPeriods: {}, KindPeriodAbroad: {}, KindSegmentsOfKind: {}, KindCountrySegments: {}, KindNotificationsKind: {}},
	}
	if s.Notes == nil {
		s.Notes = []string{}
	}
	for _, f := range s.Latest {
		if f.Format == "csv" && s.Links[f.Kind] != nil {
			s.Links[f.Kind][f.Key] = f
		}
	}
	archived := false
	for _, a := range archive {
		s.Releases = append(s.Releases, SiteRelease{Key: a.Key, Archived: true, Citation: Citation(rel.About, a.Key), Files: List(a.Files)})
		archived = archived || a.Key == rel.Key
	}
	if !archived {
		s.Releases = append(s.Releases, SiteRelease{Key: rel.Key, Citation: rel.Citation, Files: s.Latest})
	}
	slices.SortFunc(s.Releases, func(a, b SiteRelease) int { return comparePeriods(b.Key, a.Key) })
	return s
}
