package workbook

import (
	"fmt"
	"strings"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// instructionLine is one row of the Instructions sheet: a term in column A
// and its explanation in column B. A line with only a term is a heading.
type instructionLine struct {
	term, text string
}

// instructionLines is the text of the Instructions sheet. Everything about
// legal bases, outcomes, segments and national-security types comes from the
// taxonomy.
func instructionLines(tax *taxonomy.Taxonomy, layout requestsLayout, p report.Period, optional int) []instructionLine {
	// The optional Request type column is explained only in a workbook that
	// has it, so that the template stays as it was.
	requestType := layout.note+optional >= layout.requestType
	storage := layout.note+optional >= layout.storedIn
	outcomeNames := strings.Join(englishLabels(tax.Outcomes), ", ")
	firstOutcome, lastOutcome := columnName(colFirstOutcome), columnName(layout.lastOutcome())
	lines := []instructionLine{
		{"How to fill this workbook", ""},
		{"1", fmt.Sprintf("Save the workbook as sources/%s/<team>.xlsx. The period on the About sheet must be the folder's name.", p)},
		{"2", "Fill in the About sheet: the team is required."},
		{"3", "On the Requests sheet, write one row per country and legal basis, and per segment if your team splits consumer and enterprise customers. Do not repeat a combination."},
		{"4", "Write 0 for a figure that is zero and leave the cell blank for a figure that is not known."},
		{"5", "Type numbers rather than formulas. If you use formulas, open and save the workbook in a spreadsheet program before handing it in, so that their values are stored."},
		{"6", "On the National security sheet, write the bands that the law lets us publish. Leave it empty if you have none."},
		{},
		{"Requests sheet", ""},
		{"Country", "The ISO 3166-1 two-letter code of the country whose authorities made the requests, such as DE or US (XK for Kosovo). For requests that are not from a country: UN for the United Nations, EU for the European Union, and ZZ for figures not broken down by country (worldwide, or the rest of the world after the countries listed). The drop-down list shows the codes, the countries' first; the hidden Lists sheet names them."},
		{"Legal basis", "The kind of legal process, from the list below. You may also write its key, shown in brackets."},
		{"Segment", "Optional: Consumer or Enterprise (see below). Leave blank if your team does not split them."},
		{"Requests", "Required: the number of requests, a whole number."},
		{"Accounts", "Required: the number of accounts the requests named, a whole number."},
	}
	for _, o := range tax.Outcomes {
		lines = append(lines, instructionLine{o.English(), "Outcome count: " + o.Description["en"]})
	}
	lines = append(lines,
		instructionLine{"", fmt.Sprintf("Count each request once, under the most that was disclosed. Fill all outcome counts (%s) or none; together they may not exceed the requests.", outcomeNames)},
		instructionLine{"Percent disclosed", fmt.Sprintf("Only for old data that published no outcome counts: the percentage of requests where some data was disclosed, from 0 to 100 (type 45.5, not 45.5%%). Leave it blank when columns %s to %s are filled.", firstOutcome, lastOutcome)},
		instructionLine{"Extraterritorial", extraterritorialText(storage)},
		instructionLine{"Contested in court", "Optional: how many of the requests we challenged in court. At most the number of requests."},
		instructionLine{"Note", "Optional: anything the reader of the report should know about this row."},
	)
	if optional >= len(layout.groups) && len(layout.groups) > 0 {
		lines = append(lines, instructionLine{strings.Join(englishLabels(layout.groups), ", "), fmt.Sprintf("Optional, in columns %s to %s: only for old data whose source published these groups' figures without the outcomes under them. Leave them blank when you fill the outcome counts.", columnName(layout.note+1), columnName(layout.note+len(layout.groups)))})
	}
	if requestType {
		lines = append(lines, instructionLine{"Request type", fmt.Sprintf("Optional, in column %s: what the requests named, from the list below. Leave blank if your team does not count requests by it.", columnName(layout.requestType))})
	}
	if storage {
		lines = append(lines, storageInstructions(layout)...)
	}
	lines = append(lines,
		instructionLine{},
		instructionLine{"Legal bases", ""},
	)
	for _, b := range tax.LegalBases {
		text := b.Description["en"]
		if !b.CountsTowardTotal {
			text += " The outcome counts may be left blank."
		}
		if route, ok := tax.Route(b.Route); ok && storage {
			text += " Route of requests for data stored abroad: " + route.English() + "."
		}
		lines = append(lines, instructionLine{fmt.Sprintf("%s (%s)", b.English(), b.Key), text})
	}
	lines = append(lines, instructionLine{}, instructionLine{"Segments", ""})
	for _, s := range tax.Segments {
		lines = append(lines, instructionLine{s.English(), s.Description["en"]})
	}
	if requestType {
		lines = append(lines, instructionLine{}, instructionLine{"Request types", ""})
		for _, r := range tax.RequestTypes {
			lines = append(lines, instructionLine{fmt.Sprintf("%s (%s)", r.English(), r.Key), r.Description["en"]})
		}
	}
	lines = append(lines,
		instructionLine{},
		instructionLine{"National security sheet", ""},
		instructionLine{"Period covered", fmt.Sprintf("The period the bands cover, such as 2026-H1. It may be earlier than this workbook's period (bands are published with a delay) but not later than %s.", p)},
		instructionLine{"Type", "The kind of request, from the list below."},
		instructionLine{"Requests", "The band of requests received, as the law lets it be published: a range such as 0-499 or 1000-1499, or an open band such as 5000+."},
		instructionLine{"Accounts", "The band of accounts the requests named, written the same way."},
		instructionLine{"Note", "Optional."},
		instructionLine{},
		instructionLine{"National-security types", ""},
	)
	for _, t := range tax.NationalSecurityType {
		lines = append(lines, instructionLine{t.English(), t.Description["en"]})
	}
	return append(lines, challengeInstructions(tax)...)
}

func (w *templateWriter) instructions(p report.Period, team string) error {
	const sheet = InstructionsSheet
	title := fmt.Sprintf("Government requests for user data, %s (%s to %s)", p, p.Start(), p.End())
	if team != "" {
		title += ": " + team
	}
	if err := w.f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if err := w.f.SetCellStyle(sheet, "A1", "A1", w.titleStyle); err != nil {
		return err
	}
	for i, line := range instructionLines(w.tax, w.layout, p, w.optional) {
		row := i + 3
		if err := setCells(w.f, sheet, row, map[int]any{1: line.term, 2: line.text}); err != nil {
			return err
		}
		style := w.wrapStyle
		if line.text == "" && line.term != "" {
			style = w.headerStyle
		}
		if err := w.f.SetCellStyle(sheet, cellName(1, row), cellName(2, row), style); err != nil {
			return err
		}
	}
	if err := w.f.SetColWidth(sheet, "A", "A", 38); err != nil {
		return err
	}
	return w.f.SetColWidth(sheet, "B", "B", 100)
}
