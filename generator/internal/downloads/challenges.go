package downloads

import (
	"slices"

	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// The tables of court cases and of telling users: only in a release whose
// sources have them.
const (
	ChallengesTable    = "challenges"
	NotificationsTable = "notifications"
)

func keysOf(entries []taxonomy.Entry) []string {
	var keys []string
	for _, e := range entries {
		keys = append(keys, e.Key)
	}
	return keys
}

// challengesTable lists the court cases, as the court-challenges page
// does.
func challengesTable(tax *taxonomy.Taxonomy) Table {
	text := func(name, title, desc string, required bool) Field {
		return Field{Name: name, Title: title, Type: TypeString, Description: desc, Constraints: &Constraints{Required: required}}
	}
	count := func(name, title, desc string) Field {
		return Field{Name: name, Title: title, Type: TypeInteger, Description: desc, Constraints: &Constraints{Minimum: ptr(0)}}
	}
	fields := concat([]Field{
		{Name: "case_id", Title: "Case", Type: TypeString, Description: "The case's permanent identifier, from its country, the day it was filed and its name; the site's page of court challenges has an anchor of the same name (/court-challenges/#ID).",
			Constraints: &Constraints{Required: true}},
		text("case_name", "Case name", "The case's name, as the court gives it.", true),
		text("court", "Court", "The court that hears the case.", true),
	}, countryFields(), []Field{
		{Name: "legal_basis", Title: "Legal basis challenged", Type: TypeString, Description: "Key of the kind of legal process the case challenges, from the report's taxonomy.",
			Constraints: &Constraints{Required: true, Enum: keysOf(tax.LegalBases)}},
		text("legal_basis_label", "Legal basis challenged (name)", "The legal basis's English name, as the site shows it.", true),
		{Name: "date_filed", Title: "Filed", Type: TypeDate, Format: "default", Description: "The day the case was filed (ISO 8601, YYYY-MM-DD).",
			Constraints: &Constraints{Required: true}},
		{Name: "status", Title: "Status", Type: TypeString, Description: "Where the case stands, as the latest report that lists it says: pending, won, lost, settled or withdrawn; the codebook explains each.",
			Constraints: &Constraints{Required: true, Enum: keysOf(tax.ChallengeStatuses)}},
		text("status_label", "Status (name)", "The status's English name.", true),
		{Name: "date_decided", Title: "Decided", Type: TypeDate, Format: "default", Description: "The day the case was decided (ISO 8601, YYYY-MM-DD). Empty while it is pending."},
		text("summary", "Summary", "What the case is about and what was decided, as the company wrote it.", false),
		text("documents_url", "Documents", "The public address of the case's documents (https). Empty where none was given.", false),
		count("requests", "Requests concerned", "How many requests the case concerns. Empty where the company did not say."),
		count("accounts", "Accounts concerned", "How many accounts the case concerns. Empty where the company did not say."),
		{Name: "reported_in", Title: "Reported in", Type: TypeString, Description: "The period of the latest report that lists the case, which gives its status.",
			Constraints: &Constraints{Required: true, Pattern: periodPattern}},
	})
	return Table{
		Name:  ChallengesTable,
		Title: "Court challenges",
		Description: "Every case in which the company challenged a government's demand for user data in court, newest filed first, as the latest report that lists it says. " +
			"The requests contested in court of each period and country are the contested column of requests.csv: a case can concern requests of earlier periods, and one case can concern many requests, so the two need not add up.",
		Row:    "one court case.",
		Schema: newSchema(fields, "case_id"),
	}
}

func challengeRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	var rows [][]any
	for _, c := range rep.Challenges.Cases {
		rows = append(rows, concatValues(
			[]any{c.ID, c.Name, c.Court},
			requesterValues(c.Country),
			[]any{c.LegalBasis, taxonomy.Label(tax.LegalBasis, c.LegalBasis), c.Filed, c.Status, taxonomy.Label(tax.ChallengeStatus, c.Status),
				optionalText(c.DecidedOn), optionalText(c.Summary), optionalText(c.Link), c.Requests, c.Accounts, c.ReportedIn},
		))
	}
	return rows
}

// notificationsTable is the figures of telling users in tidy form.
func notificationsTable(tax *taxonomy.Taxonomy) Table {
	// The requests table's legal basis and its name, without whether it
	// counts toward the totals, which notices do not add to.
	basis := slices.Clone(legalBasisFields(tax)[:2])
	basis[0].Description += " not_broken_down where the figures are not split by legal basis."
	fields := concat(periodFields(), countryFields(), basis, []Field{
		{Name: "measure", Title: "Measure", Type: TypeString, Description: "Key of what is counted, from the report's taxonomy: gag_order (requests that came with a non-disclosure order), notified (users told of a request for their data), delayed_notice (of those, users told only later) or emergency_no_notice (requests answered in an emergency without notice).",
			Constraints: &Constraints{Required: true, Enum: keysOf(tax.NotificationMeasures)}},
		{Name: "measure_label", Title: "Measure (name)", Type: TypeString, Description: "The measure's English name.",
			Constraints: &Constraints{Required: true}},
		{Name: "count", Title: "Count", Type: TypeInteger, Description: "The figure.",
			Constraints: &Constraints{Required: true, Minimum: ptr(0)}},
	})
	return Table{
		Name:  NotificationsTable,
		Title: "Telling users, and non-disclosure orders",
		Description: "What became of the notice the company gives users whose data was requested, per period, country and legal basis where the teams know them (ZZ and not_broken_down where they do not): every period the sources were given in, and the longer periods whose parts all gave figures. " +
			"Filter on period_kind before adding rows up.",
		Row:    "one measure of telling users, for one country's requests under one legal basis in one period.",
		Schema: newSchema(fields, "period", "country_code", "legal_basis", "measure"),
	}
}

func notificationRows(rep *view.Report, tax *taxonomy.Taxonomy) [][]any {
	var rows [][]any
	for _, p := range rep.Periods {
		i := -1
		for j, np := range rep.Notifications.Periods {
			if np.Period == p.Key {
				i = j
			}
		}
		if i < 0 {
			continue
		}
		np := rep.Notifications.Periods[i]
		requesters := map[string]view.Requester{}
		for _, g := range np.Countries {
			requesters[g.Requester.Code] = *g.Requester
		}
		for _, c := range np.Cells {
			for _, m := range tax.NotificationMeasures {
				n, ok := c.Figures[m.Key]
				if !ok {
					n = report.NotPublished()
				}
				rows = append(rows, concatValues(periodValues(p), requesterValues(requesters[c.Country]),
					[]any{c.LegalBasis, taxonomy.Label(tax.LegalBasis, c.LegalBasis), m.Key, m.English(), n}))
			}
		}
	}
	return rows
}

// challengeTables are the tables by customer segment, of court cases and
// of telling users that the release has.
func challengeTables(rep *view.Report, tax *taxonomy.Taxonomy) []Table {
	var out []Table
	if rows := segmentRows(rep, tax); rows != nil {
		t := segmentsTable(tax, rep.HasOutcomeGroups).withRows(rows)
		out = append(out, planCounts(t).apply(t))
	}
	if rows := challengeRows(rep, tax); rows != nil {
		t := challengesTable(tax).withRows(rows)
		out = append(out, planCounts(t).apply(t))
	}
	if rows := notificationRows(rep, tax); rows != nil {
		t := notificationsTable(tax).withRows(rows)
		out = append(out, planCounts(t).apply(t))
	}
	return out
}

// requesterValues are a requester's country fields, named as the view
// names it (the site's own name for ZZ): a court's country, or a country
// of notices, need not have made requests.
func requesterValues(r view.Requester) []any {
	return []any{r.Code, alpha3(r.Code), r.Names["en"]}
}

// notificationFigures is the file of the figure of telling users: one row
// per period of its kind, a column per measure, as its table shows them.
func notificationFigures(rep *view.Report, tax *taxonomy.Taxonomy) []wideFigure {
	n := rep.Notifications
	if len(n.Trend) == 0 {
		return nil
	}
	fields := periodFields()
	for _, m := range tax.NotificationMeasures {
		fields = append(fields, Field{Name: m.Key, Title: m.English(), Type: TypeInteger, Description: m.Description["en"] + " Every country and legal basis added together.",
			Constraints: &Constraints{Required: true, Minimum: ptr(0)}})
	}
	var rows [][]any
	for _, p := range n.Trend {
		row := periodValues(rep.PeriodDetails[p.Period].PeriodSummary)
		for _, m := range tax.NotificationMeasures {
			c, ok := p.Totals[m.Key]
			if !ok {
				c = report.NotPublished()
			}
			row = append(row, c)
		}
		rows = append(rows, row)
	}
	t := Table{Name: "notifications-" + n.Kind, Title: "Telling users and non-disclosure orders per " + n.Kind,
		Row: "one period: its figures of telling users, as the figure's table shows them.", Schema: newSchema(fields, "period")}
	t = t.withRows(rows)
	return []wideFigure{{file: "by-kind/notifications-" + n.Kind + ".csv", name: t.Name, table: planCounts(t).apply(t)}}
}
