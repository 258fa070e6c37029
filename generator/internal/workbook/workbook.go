// Package workbook writes and reads the quarterly Excel workbooks in which
// each team lists the government requests for user data it received.
//
// A workbook lives at sources/<PERIOD>/<team>.xlsx and holds these sheets:
//
//   - Instructions: how to fill the workbook, generated from the taxonomy.
//   - About: the period (which must agree with the folder), the team, who
//     prepared it and notes.
//   - Requests: one row per country, legal basis and (optionally) segment
//     and request type.
//   - National security: US national-security bands, which may cover an
//     earlier period because they are published with a delay.
//   - Lists (hidden): the values behind the drop-down lists.
//
// Template and Build write workbooks; Read and ReadDir read them back,
// collecting every problem with the cell it concerns rather than stopping at
// the first. They check only that each cell holds a value of the right kind;
// report.Check, shared with imports, checks what the values mean. When a sheet's header row is wrong its data rows are not read,
// because the columns can no longer be trusted.
package workbook

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// The sheets of a workbook.
const (
	InstructionsSheet     = "Instructions"
	AboutSheet            = "About"
	RequestsSheet         = "Requests"
	NationalSecuritySheet = "National security"
	ListsSheet            = "Lists"
)

// The labels in column A of the About sheet, one per row; the values are in
// column B.
var aboutLabels = []string{"Period", "Team", "Prepared by", "Notes"}

const (
	aboutPeriodRow = 1
	aboutTeamRow   = 2
	aboutValueCol  = 2
)

// The fixed columns of the Requests sheet. The outcome columns follow
// Accounts, one per taxonomy outcome, and requestsLayout places the rest.
const (
	colCountry = 1 + iota
	colLegalBasis
	colSegment
	colRequests
	colAccounts
	colFirstOutcome
)

// requestsLayout is the column layout of the Requests sheet, which depends on
// the number of outcomes in the taxonomy.
type requestsLayout struct {
	outcomes []taxonomy.Entry
	// groups are optional columns after the note, for a source that
	// published an outcome group's figure (Some data disclosed) itself: a
	// workbook may leave them out, with the optional columns after them.
	groups           []taxonomy.Entry
	percent          int
	extraterritorial int
	contested        int
	note             int
	// requestType is the optional column after the groups', for a source
	// that splits its figures by what the requests named.
	requestType int
	// storage and storedIn are the optional columns after it: where the
	// data the requests sought was stored (workbook/storage.go).
	storage, storedIn int
	// columns are the same for report.Check, shared by every row read.
	columns report.Columns
}

func newRequestsLayout(tax *taxonomy.Taxonomy) requestsLayout {
	afterOutcomes := colFirstOutcome + len(tax.Outcomes)
	l := requestsLayout{
		outcomes:         tax.Outcomes,
		groups:           tax.OutcomeGroups,
		percent:          afterOutcomes,
		extraterritorial: afterOutcomes + 1,
		contested:        afterOutcomes + 2,
		note:             afterOutcomes + 3,
		requestType:      afterOutcomes + 4 + len(tax.OutcomeGroups),
	}
	l.storage, l.storedIn = l.requestType+1, l.requestType+2
	l.columns = report.Columns{
		Country: colCountry, LegalBasis: colLegalBasis, Segment: colSegment, Requests: colRequests, Accounts: colAccounts,
		Outcomes: map[string]int{},
		Percent:  l.percent, Extraterritorial: l.extraterritorial, Contested: l.contested, Note: l.note,
		RequestType: l.requestType, Storage: l.storage, StoredIn: l.storedIn,
	}
	for i, o := range tax.Outcomes {
		l.columns.Outcomes[o.Key] = colFirstOutcome + i
	}
	for i, g := range tax.OutcomeGroups {
		l.columns.Outcomes[g.Key] = l.note + 1 + i
	}
	return l
}

// headers are the header texts in column order; outcome headers are the
// taxonomy's English labels.
func (l requestsLayout) headers() []string {
	h := []string{"Country", "Legal basis", "Segment", "Requests", "Accounts"}
	for _, o := range l.outcomes {
		h = append(h, o.English())
	}
	return append(h, "Percent disclosed", "Extraterritorial", "Contested in court", "Note")
}

// optionalHeaders are the headers of the optional columns after the note,
// in order: the outcome groups' English labels, Request type, then where
// the data was stored.
func (l requestsLayout) optionalHeaders() []string {
	var h []string
	for _, g := range l.groups {
		h = append(h, g.English())
	}
	return append(h, "Request type", storageHeader, storedInHeader)
}

// optionalUsed is how many of the optional columns rows need: those up to
// the last one that some row fills, since a workbook may leave out only the
// optional columns at its end. The outcome groups' columns come together.
func (l requestsLayout) optionalUsed(rows []report.Row) int {
	used := 0
	for _, row := range rows {
		for _, g := range l.groups {
			if _, ok := row.Outcomes[g.Key]; ok {
				used = max(used, len(l.groups))
			}
		}
		if row.RequestType != "" {
			used = max(used, l.requestType-l.note)
		}
		if row.Storage != "" || row.StoredIn != "" {
			used = max(used, l.storedIn-l.note)
		}
	}
	return used
}

func (l requestsLayout) lastOutcome() int { return colFirstOutcome + len(l.outcomes) - 1 }

// The columns of the National security sheet.
const (
	colNSPeriod = 1 + iota
	colNSType
	colNSRequests
	colNSAccounts
	colNSNote
)

var nationalSecurityHeaders = []string{"Period covered", "Type", "Requests", "Accounts", "Note"}

// Bytes writes f as an .xlsx file, then closes it.
func Bytes(f *excelize.File) ([]byte, error) {
	defer f.Close()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// cellName names the cell at 1-based col and row, such as D14.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// columnName names a 1-based column, such as D.
func columnName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}
