// Package report holds the transparency report's source model: the rows
// read from the teams' workbooks or imported from published reports, the
// periods they cover and the bands of national-security requests; the one
// check of what the rows mean, for every front-end (Check); and the pure
// aggregation of the rows into one table of figures keyed by period,
// country, legal basis, segment and request type (Aggregate). What the site and the
// downloads show of that table is package view's.
package report

import (
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// Location is where a value came from, for messages that point at the cell.
type Location = problem.Problem

// Row is one line of a team's requests sheet: the requests that one country
// made under one legal basis in one period.
type Row struct {
	Where      Location // the row (Col 0) it was read from
	Cols       Columns  // where in that row each field was read
	Period     Period
	Team       string
	Country    string // ISO 3166-1 alpha-2, XK, or a requester that is not a country (ZZ, UN, EU)
	LegalBasis string // taxonomy key
	Segment    string // taxonomy key; empty when the source does not split segments
	// RequestType is what the requests named (an account, a device, ...):
	// a taxonomy key; empty when the source does not split by it.
	RequestType string

	// Requests and Accounts are as published: exact, a range, or not
	// published (imported and historical data only).
	Requests Count
	Accounts Count

	// Outcomes are counts by outcome or outcome-group key, as published.
	// Nil when the source published no outcome counts (see
	// DisclosedPercent). Otherwise every outcome is present, as a count or
	// as not published, and a group is present only where the source gave
	// its own figure: Outcome gives every node.
	Outcomes map[string]Count
	// DisclosedPercent is the published percentage (0-100) of requests where
	// some data was disclosed, for sources that give no outcome counts.
	DisclosedPercent *float64

	// Storage is where the data the requests sought was stored: a
	// taxonomy storage-location key (in the requesting country, in another
	// country), "" when the source does not say. StoredIn is the country
	// (or region, such as EU) of data stored in another country, "" where
	// not known.
	Storage  string
	StoredIn string

	// Extraterritorial is the older way to count requests for data stored
	// outside the requesting country, for rows that do not give Storage:
	// how many of the requests sought such data (Row.StoredAbroad gives
	// the one figure). Contested counts requests challenged in court. Nil
	// when not reported.
	Extraterritorial *int64
	Contested        *int64

	Note string
}

// Outcome is the row's count for an outcome or an outcome group: as given,
// or, for a group not given, the sum of its outcomes (a lower bound where
// some were not published). Not published when the row has no outcome
// counts.
func (r Row) Outcome(tax *taxonomy.Taxonomy, node taxonomy.Entry) Count {
	c, given := r.Outcomes[node.Key]
	if leaf := tax.IsOutcome(node.Key); leaf || r.Outcomes == nil || (given && c.Published()) {
		if !given {
			return NotPublished()
		}
		return c
	}
	var sum Count
	for _, leaf := range tax.Leaves(node) {
		sum.Add(r.Outcome(tax, leaf))
	}
	return sum
}

// Band is a range of national-security figures as the law lets them be
// published, such as 0-499, or 5000+ (Open: no upper bound).
type Band struct {
	Low       int64  `json:"low"`
	High      int64  `json:"high"` // 0 when Open
	Open      bool   `json:"open"`
	Published string `json:"published"` // the band as written in the source, normalised: "0-499", "5000+"
}

// NationalSecurityRow is one band of US national-security requests.
type NationalSecurityRow struct {
	Where      Location
	Cols       BandColumns
	ReportedIn Period // the period of the workbook that published it
	Period     Period // the period it covers, usually earlier: bands are published with a delay
	Team       string
	Type       string // taxonomy key
	Requests   Band
	Accounts   Band
	Note       string
}

// Columns are the 1-based columns in which a row's fields were read, so that
// Check names the cell of a problem; 0 where a field was not read from a
// column of its own (a constant of an import's mapping, a period taken from
// the folder).
type Columns struct {
	Period, Country, LegalBasis, Segment, Requests, Accounts int
	Outcomes                                                 map[string]int // by outcome key
	Percent, Extraterritorial, Contested, Note               int
	RequestType                                              int
	Storage, StoredIn                                        int
}

// BandColumns are the columns of a national-security row's fields, as
// Columns are a row's.
type BandColumns struct {
	Period, Type, Note int
}

// Source is everything read from one team's workbook for one period.
type Source struct {
	File   string // empty for an import, whose rows come from many files
	Period Period
	Team   string
	// TeamAt is the cell that names the team; zero where none does.
	TeamAt           Location
	Rows             []Row
	NationalSecurity []NationalSecurityRow
	// Challenges are the court cases the workbook lists (Challenge), and
	// Notifications its figures of telling users (NotificationRow).
	Challenges    []Challenge
	Notifications []NotificationRow
}
