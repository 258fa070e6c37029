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
func challengesTable(w words, tax *taxonomy.Taxonomy) Table {
	text := func(id, name string, required bool) Field {
		return w.field(id, name, TypeString, &Constraints{Required: required})
	}
	count := func(id, name string) Field {
		return w.field(id, name, TypeInteger, &Constraints{Minimum: ptr(0)})
	}
	fields := concat([]Field{
		text("case_id", "case_id", true),
		text("case_name", "case_name", true),
		text("court", "court", true),
	}, countryFields(w), []Field{
		w.field("challenge_legal_basis", "legal_basis", TypeString, &Constraints{Required: true, Enum: keysOf(tax.LegalBases)}),
		text("challenge_legal_basis_label", "legal_basis_label", true),
		w.date("date_filed", "date_filed", &Constraints{Required: true}),
		w.column("status", TypeString, &Constraints{Required: true, Enum: keysOf(tax.ChallengeStatuses)}),
		text("status_label", "status_label", true),
		w.date("date_decided", "date_decided", nil),
		text("summary", "summary", false),
		text("documents_url", "documents_url", false),
		count("challenge_requests", "requests"),
		count("challenge_accounts", "accounts"),
		w.field("challenge_reported_in", "reported_in", TypeString, &Constraints{Required: true, Pattern: periodPattern}),
	})
	t := w.table(ChallengesTable, "row", true)
	t.Schema = newSchema(fields, "case_id")
	return t
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
func notificationsTable(w words, tax *taxonomy.Taxonomy) Table {
	// The requests table's legal basis and its name, without whether it
	// counts toward the totals, which notices do not add to.
	basis := slices.Clone(legalBasisFields(w, tax)[:2])
	basis[0] = w.field("notification_legal_basis", "legal_basis", basis[0].Type, basis[0].Constraints)
	fields := concat(periodFields(w), countryFields(w), basis, []Field{
		w.column("measure", TypeString, &Constraints{Required: true, Enum: keysOf(tax.NotificationMeasures)}),
		w.column("measure_label", TypeString, &Constraints{Required: true}),
		w.column("count", TypeInteger, &Constraints{Required: true, Minimum: ptr(0)}),
	})
	t := w.table(NotificationsTable, "row", true)
	t.Schema = newSchema(fields, "period", "country_code", "legal_basis", "measure")
	return t
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

// requesterValues are a requester's country fields, named as the view
// names it (the site's own name for ZZ): a court's country, or a country
// of notices, need not have made requests.
func requesterValues(r view.Requester) []any {
	return []any{r.Code, alpha3(r.Code), r.Names["en"]}
}

// notificationFigures is the file of the figure of telling users: one row
// per period of its kind, a column per measure, as its table shows them.
func notificationFigures(english words, rep *view.Report, tax *taxonomy.Taxonomy) []wideFigure {
	n := rep.Notifications
	if len(n.Trend) == 0 {
		return nil
	}
	fields := periodFields(english)
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
	return []wideFigure{{file: "by-kind/notifications-" + n.Kind + ".csv", name: t.Name, table: planCounts(t).apply(english, t)}}
}
