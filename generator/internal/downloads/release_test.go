package downloads_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// TestReleaseGolden keeps every text file of the fixture's release as a
// golden file: any change to a column, a description or a byte shows here.
func TestReleaseGolden(t *testing.T) {
	rel := build(t, fixture(t))
	for _, p := range rel.Files.Paths() {
		if path.Ext(p) == ".xlsx" {
			continue // binary; SHA256SUMS pins its bytes
		}
		t.Run(p, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", "release", filepath.FromSlash(p)), rel.Files[p])
		})
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	for _, d := range []dataset{fixture(t), demoQuarters(t)} {
		t.Run(d.name, func(t *testing.T) {
			first, second := build(t, d), build(t, d)
			if diff := downloads.Diff(first.Files, second.Files); len(diff) > 0 {
				t.Errorf("two builds from the same sources differ in %v", diff)
			}
		})
	}
}

// record is one parsed CSV row by field name.
type record map[string]string

func parseCSV(t *testing.T, name string, data []byte) []record {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	var out []record
	for _, row := range rows[1:] {
		r := record{}
		for i, v := range row {
			r[rows[0][i]] = v
		}
		out = append(out, r)
	}
	return out
}

func (r record) int(t *testing.T, name string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(r[name], 10, 64)
	if err != nil {
		t.Fatalf("%s = %q: %v", name, r[name], err)
	}
	return n
}

func (r record) optional(t *testing.T, name string) *int64 {
	if r[name] == "" {
		return nil
	}
	n := r.int(t, name)
	return &n
}

// figures reads the measure columns back into report.Figures; empty
// outcome columns read as zeros, as the report holds them.
func (r record) figures(t *testing.T, tax *taxonomy.Taxonomy) report.Figures {
	t.Helper()
	f := report.Figures{
		Requests: report.Exactly(r.int(t, "requests")), Accounts: report.Exactly(r.int(t, "accounts")),
		Outcomes: map[string]report.Count{}, OutcomeRequests: r.int(t, "outcome_requests"),
		PercentOnlyRequests: r.int(t, "percent_only_requests"),
		FromPercentages:     r["disclosed_from_percentages"] == "true",
		Contested:           r.optional(t, "contested"),
	}
	if v := r.optional(t, "extraterritorial"); v != nil {
		abroad := report.Exactly(*v)
		f.Extraterritorial = &abroad
	}
	for _, o := range tax.Outcomes {
		if v := r.optional(t, "outcome_"+o.Key); v != nil {
			f.Outcomes[o.Key] = report.Exactly(*v)
		} else {
			f.Outcomes[o.Key] = report.NotPublished()
		}
	}
	for _, g := range tax.OutcomeGroups {
		for _, o := range tax.Leaves(g) {
			f.Outcomes[g.Key] = f.Outcomes[g.Key].Plus(f.Outcomes[o.Key])
		}
	}
	if s := r["disclosed_percent"]; s != "" {
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		f.DisclosedPercent = &x
		// The flags the pages read, derived from the columns as the report
		// derives them.
		var disclosed int64
		for _, o := range tax.Outcomes {
			if o.DataDisclosed {
				disclosed += f.Outcomes[o.Key].Min
			}
		}
		f.DisclosedUnderTenth = x == 0 && disclosed > 0
	}
	f.OnlyFromPercentages = f.FromPercentages && f.OutcomeRequests == 0
	if s := r["source_rows"]; s != "" {
		f.Rows = int(r.int(t, "source_rows"))
	}
	return f
}

// sameCount compares figures as published, not how many parts they add up,
// and leaves out how a page writes a share (Figures.DisclosedWhole: a
// whole percentage as published), which a CSV's number does not say.
var sameCount = cmp.Options{
	cmp.Comparer(func(a, b report.Count) bool { return a.String() == b.String() }),
	cmpopts.IgnoreFields(report.Figures{}, "DisclosedWhole"),
}

// counts keeps the figures that add up, for comparing sums of rows.
func counts(f report.Figures) report.Figures {
	f.DisclosedPercent, f.FromPercentages, f.OnlyFromPercentages, f.DisclosedUnderTenth, f.Rows = nil, false, false, false, 0
	return f
}

func addFigures(sum *report.Figures, f report.Figures) {
	sum.Requests.Add(f.Requests)
	sum.Accounts.Add(f.Accounts)
	sum.OutcomeRequests += f.OutcomeRequests
	sum.PercentOnlyRequests += f.PercentOnlyRequests
	if sum.Outcomes == nil {
		sum.Outcomes = map[string]report.Count{}
	}
	// Outcomes add up over the rows that gave them, as the report adds
	// them: not published only where no row gave them.
	for k, v := range f.Outcomes {
		switch got, ok := sum.Outcomes[k]; {
		case !ok || !got.Published():
			sum.Outcomes[k] = v
		case v.Published():
			sum.Outcomes[k] = got.Plus(v)
		}
	}
	if f.Extraterritorial != nil {
		abroad := f.Extraterritorial.Plus(report.Count{})
		if sum.Extraterritorial != nil {
			abroad.Add(*sum.Extraterritorial)
		}
		sum.Extraterritorial = &abroad
	}
	if f.Contested != nil {
		if sum.Contested == nil {
			sum.Contested = new(int64)
		}
		*sum.Contested += *f.Contested
	}
}

func zeroFigures() report.Figures {
	f := report.Figures{Outcomes: map[string]report.Count{}}
	return f
}

// siteData is the site's JSON files parsed back, as Hugo reads them:
// view writes the report as summary.json and each period detail as
// periods/KEY.json with encoding/json, as here.
type siteData struct {
	summary struct {
		Periods          []view.PeriodSummary         `json:"periods"`
		NationalSecurity []view.NationalSecurityEntry `json:"national_security"`
	}
	periods map[string]view.PeriodDetail
}

func readSite(t *testing.T, d dataset) siteData {
	t.Helper()
	roundTrip := func(v, into any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, into); err != nil {
			t.Fatal(err)
		}
	}
	var s siteData
	roundTrip(d.rep, &s.summary)
	s.periods = map[string]view.PeriodDetail{}
	for _, p := range s.summary.Periods {
		var detail view.PeriodDetail
		roundTrip(d.rep.PeriodDetails[p.Key], &detail)
		// A country's breakdowns are not in the JSON (no page shows them,
		// only the downloads): they come from the view, and their sums are
		// checked against the JSON's totals.
		for i, c := range d.rep.PeriodDetails[p.Key].Countries {
			detail.Countries[i].ByLegalBasis, detail.Countries[i].BySegment, detail.Countries[i].ByRequestType = c.ByLegalBasis, c.BySegment, c.ByRequestType
		}
		s.periods[p.Key] = detail
	}
	return s
}

// TestRoundTrip parses every CSV back and checks it figure for figure
// against the site's JSON (the numbers of its charts and tables), the JSON
// downloads, the workbook, and the sources.
func TestRoundTrip(t *testing.T) {
	for _, d := range []dataset{fixture(t), demoQuarters(t)} {
		t.Run(d.name, func(t *testing.T) {
			rel := build(t, d)
			site := readSite(t, d)
			tables := map[string]downloads.Table{}
			for _, tb := range rel.Tables {
				tables[tb.Name] = tb
			}
			csvOf := func(name string) []record { return parseCSV(t, name, rel.Files[name]) }
			// rowsOf is csvOf for a file that has one row per item of the site.
			rowsOf := func(t *testing.T, name string, items int) []record {
				rows := csvOf(name)
				if len(rows) != items {
					t.Fatalf("%s: %d rows for %d items of the site", name, len(rows), items)
				}
				return rows
			}

			t.Run("period slices match the site's tables", func(t *testing.T) {
				for _, p := range site.summary.Periods {
					detail := site.periods[p.Key]
					rows := csvOf(downloads.PeriodFile(p.Key))
					byCountry := map[string]*report.Figures{}
					byBasis := map[string]*report.Figures{}
					total, notCounted := zeroFigures(), zeroFigures()
					for _, r := range rows {
						if r["period"] != p.Key || r["period_kind"] != p.Kind || r["period_start"] != p.Start || r["period_end"] != p.End {
							t.Errorf("%s: row of period %s %s %s–%s", p.Key, r["period"], r["period_kind"], r["period_start"], r["period_end"])
						}
						f := r.figures(t, d.tax)
						// Each row is exactly the site's figures for its country
						// and legal basis.
						var want *report.Figures
						for _, c := range detail.Countries {
							if c.Code == r["country_code"] {
								if r["country_name"] != c.Names["en"] {
									t.Errorf("%s %s: name %q, site shows %q", p.Key, c.Code, r["country_name"], c.Names["en"])
								}
								for _, b := range c.ByLegalBasis {
									if b.Key == r["legal_basis"] {
										want = &b.Figures
										if strconv.FormatBool(b.CountsTowardTotal) != r["counts_toward_total"] {
											t.Errorf("%s %s %s: counts_toward_total %s", p.Key, c.Code, b.Key, r["counts_toward_total"])
										}
									}
								}
							}
						}
						if want == nil {
							t.Errorf("%s: row %s %s is not on the site", p.Key, r["country_code"], r["legal_basis"])
							continue
						}
						if diff := cmp.Diff(*want, f, sameCount); diff != "" {
							t.Errorf("%s %s %s: -site +csv:\n%s", p.Key, r["country_code"], r["legal_basis"], diff)
						}
						if byBasis[r["legal_basis"]] == nil {
							byBasis[r["legal_basis"]] = &report.Figures{}
						}
						addFigures(byBasis[r["legal_basis"]], f)
						if r["counts_toward_total"] == "false" {
							addFigures(&notCounted, f)
							continue
						}
						addFigures(&total, f)
						if byCountry[r["country_code"]] == nil {
							byCountry[r["country_code"]] = &report.Figures{}
						}
						addFigures(byCountry[r["country_code"]], f)
					}
					if diff := cmp.Diff(counts(detail.Totals), total, sameCount); diff != "" {
						t.Errorf("%s totals: -site +csv:\n%s", p.Key, diff)
					}
					if diff := cmp.Diff(counts(detail.NotCounted), notCounted, sameCount); diff != "" {
						t.Errorf("%s not counted: -site +csv:\n%s", p.Key, diff)
					}
					for _, b := range detail.ByLegalBasis {
						if diff := cmp.Diff(counts(b.Figures), *byBasis[b.Key], sameCount); diff != "" {
							t.Errorf("%s legal basis %s: -site +csv:\n%s", p.Key, b.Key, diff)
						}
					}
					for _, c := range detail.Countries {
						if c.Figures.Requests.IsZero() && byCountry[c.Code] == nil {
							continue // preservation only
						}
						if diff := cmp.Diff(counts(c.Figures), *byCountry[c.Code], sameCount); diff != "" {
							t.Errorf("%s country %s: -site +csv:\n%s", p.Key, c.Code, diff)
						}
					}
				}
			})

			t.Run("periods.csv matches the site", func(t *testing.T) {
				rows := rowsOf(t, "periods.csv", len(site.summary.Periods))
				for i, p := range site.summary.Periods {
					r := rows[i]
					if r["period"] != p.Key || r["rolled_up"] != strconv.FormatBool(p.RolledUp) {
						t.Errorf("row %d: period %s rolled_up %s, want %s %v", i, r["period"], r["rolled_up"], p.Key, p.RolledUp)
					}
					want := p.Totals
					want.Rows = 0
					if diff := cmp.Diff(want, r.figures(t, d.tax), sameCount); diff != "" {
						t.Errorf("%s: -site +csv:\n%s", p.Key, diff)
					}
					nc := site.periods[p.Key].NotCounted
					if report.Exactly(r.int(t, "not_counted_requests")).String() != nc.Requests.String() || report.Exactly(r.int(t, "not_counted_accounts")).String() != nc.Accounts.String() {
						t.Errorf("%s: not counted %s/%s, site %v/%v", p.Key, r["not_counted_requests"], r["not_counted_accounts"], nc.Requests, nc.Accounts)
					}
				}
			})

			t.Run("countries.csv matches the site", func(t *testing.T) {
				rows := csvOf("countries.csv")
				i := 0
				for _, p := range site.summary.Periods {
					countries := slices.Clone(site.periods[p.Key].Countries)
					slices.SortFunc(countries, func(a, b view.CountryFigures) int { return strings.Compare(a.Code, b.Code) })
					for _, c := range countries {
						if i >= len(rows) {
							t.Fatalf("countries.csv ends before %s %s", p.Key, c.Code)
						}
						r := rows[i]
						i++
						if r["period"] != p.Key || r["country_code"] != c.Code {
							t.Fatalf("row %d is %s %s, want %s %s", i, r["period"], r["country_code"], p.Key, c.Code)
						}
						want := c.Figures
						want.Rows = 0
						if diff := cmp.Diff(want, r.figures(t, d.tax), sameCount); diff != "" {
							t.Errorf("%s %s: -site +csv:\n%s", p.Key, c.Code, diff)
						}
						wantRank := ""
						if c.Rank > 0 {
							wantRank = strconv.Itoa(c.Rank)
						}
						wantShare := ""
						if c.SharePercent != nil {
							wantShare = strconv.FormatFloat(*c.SharePercent, 'f', -1, 64)
						}
						if r["rank"] != wantRank || r["share_percent"] != wantShare {
							t.Errorf("%s %s: rank %q share %q, site %q %q", p.Key, c.Code, r["rank"], r["share_percent"], wantRank, wantShare)
						}
					}
				}
				if i != len(rows) {
					t.Errorf("countries.csv has %d rows, the site %d", len(rows), i)
				}
			})

			t.Run("national-security.csv matches the site", func(t *testing.T) {
				rows := rowsOf(t, "national-security.csv", len(site.summary.NationalSecurity))
				for i, n := range site.summary.NationalSecurity {
					r := rows[i]
					for _, b := range []struct {
						prefix string
						band   report.Band
					}{{"requests", n.Requests}, {"accounts", n.Accounts}} {
						upper := strconv.FormatInt(b.band.High, 10)
						if b.band.Open {
							upper = ""
						}
						got := []string{r[b.prefix+"_band"], r[b.prefix+"_lower"], r[b.prefix+"_upper"]}
						want := []string{b.band.Published, strconv.FormatInt(b.band.Low, 10), upper}
						if !slices.Equal(got, want) {
							t.Errorf("%s %s %s: %v, want %v", n.Period, n.Type, b.prefix, got, want)
						}
					}
					if r["period"] != n.Period || r["type"] != n.Type || r["reported_in"] != n.ReportedIn || r["note"] != downloads.Inert(n.Note) {
						t.Errorf("row %d: %v, want %+v", i, r, n)
					}
				}
			})

			t.Run("totals reconcile with the sources", func(t *testing.T) {
				counted := map[string]bool{}
				for _, b := range d.tax.LegalBases {
					counted[b.Key] = b.CountsTowardTotal
				}
				type sums struct{ requests, accounts, notCounted int64 }
				fromSources := map[string]*sums{}
				for _, s := range d.sources {
					for _, r := range s.Rows {
						// A source row counts in its own period and every
						// period that contains it.
						for p, ok := r.Period, true; ok; p, ok = p.Parent() {
							key := p.String()
							if _, exists := site.periods[key]; !exists {
								break
							}
							if fromSources[key] == nil {
								fromSources[key] = &sums{}
							}
							if counted[r.LegalBasis] {
								fromSources[key].requests += r.Requests.Min
								fromSources[key].accounts += r.Accounts.Min
							} else {
								fromSources[key].notCounted += r.Requests.Min
							}
						}
					}
				}
				fromCSV := map[string]*sums{}
				for _, p := range site.summary.Periods {
					fromCSV[p.Key] = &sums{}
					for _, r := range csvOf(downloads.PeriodFile(p.Key)) {
						if r["counts_toward_total"] == "true" {
							fromCSV[p.Key].requests += r.int(t, "requests")
							fromCSV[p.Key].accounts += r.int(t, "accounts")
						} else {
							fromCSV[p.Key].notCounted += r.int(t, "requests")
						}
					}
				}
				for _, r := range csvOf("requests.csv") {
					if r["period_kind"] != d.rep.SourceKind && !slices.ContainsFunc(d.sources, func(s report.Source) bool { return s.Period.String() == r["period"] }) {
						t.Errorf("requests.csv holds a row of %s, which no source was given in", r["period"])
					}
				}
				if diff := cmp.Diff(fromSources, fromCSV, cmp.AllowUnexported(sums{})); diff != "" {
					t.Errorf("per-period sums: -sources +csv:\n%s", diff)
				}
			})

			t.Run("the whole dataset is the source periods' slices", func(t *testing.T) {
				var want []record
				byCountry := map[string][]record{}
				for _, p := range site.summary.Periods {
					if p.RolledUp {
						continue
					}
					for _, r := range csvOf(downloads.PeriodFile(p.Key)) {
						want = append(want, r)
						byCountry[r["country_code"]] = append(byCountry[r["country_code"]], r)
					}
				}
				if diff := cmp.Diff(want, csvOf("requests.csv"), sameCount); diff != "" {
					t.Errorf("requests.csv: -slices +whole:\n%s", diff)
				}
				for _, c := range d.rep.Countries {
					if diff := cmp.Diff(byCountry[c.Code], csvOf(downloads.CountryFile(c.Code)), sameCount); diff != "" {
						t.Errorf("%s: -requests.csv +country file:\n%s", c.Code, diff)
					}
				}
			})

			t.Run("the JSON and the workbook hold the CSV's values", func(t *testing.T) {
				book, err := excelize.OpenReader(bytes.NewReader(rel.Files[downloads.WorkbookFile]))
				if err != nil {
					t.Fatal(err)
				}
				defer book.Close()
				want := []string{downloads.AboutSheet}
				for _, tb := range rel.Tables {
					want = append(want, tb.Name)
				}
				if base := []string{downloads.AboutSheet, "requests", "periods", "countries", "national-security", downloads.AbroadTable}; !slices.Equal(want[:len(base)], base) {
					t.Errorf("tables %v, want them to start with %v", want, base)
				}
				if !slices.Equal(book.GetSheetList(), want) {
					t.Errorf("sheets %v, want %v", book.GetSheetList(), want)
				}
				for _, tb := range rel.Tables {
					checkJSON(t, tb, csvOf(tb.Name+".csv"), rel.Files[tb.Name+".json"])
					checkSheet(t, book, tb, csvOf(tb.Name+".csv"))
				}
			})
		})
	}
}

// csvText is how a value of the JSON or the workbook must read in the CSV.
func csvText(f downloads.Field, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		if f.Type == downloads.TypeString {
			return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(downloads.Inert(v))
		}
		return v
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return v.String()
	}
	return fmt.Sprint(v)
}

func checkJSON(t *testing.T, tb downloads.Table, rows []record, data []byte) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var objects []map[string]any
	if err := dec.Decode(&objects); err != nil {
		t.Fatalf("%s.json: %v", tb.Name, err)
	}
	if len(objects) != len(rows) {
		t.Fatalf("%s.json has %d rows, the CSV %d", tb.Name, len(objects), len(rows))
	}
	for i, obj := range objects {
		if len(obj) != len(tb.Schema.Fields) {
			t.Errorf("%s.json row %d has %d fields, want %d", tb.Name, i, len(obj), len(tb.Schema.Fields))
		}
		for _, f := range tb.Schema.Fields {
			if got := csvText(f, obj[f.Name]); got != rows[i][f.Name] {
				t.Errorf("%s.json row %d %s = %v, CSV %q", tb.Name, i, f.Name, obj[f.Name], rows[i][f.Name])
			}
		}
	}
}

func checkSheet(t *testing.T, book *excelize.File, tb downloads.Table, rows []record) {
	t.Helper()
	panes, err := book.GetPanes(tb.Name)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("sheet %s: header row not frozen: %+v %v", tb.Name, panes, err)
	}
	raw, err := book.GetRows(tb.Name, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	shown, err := book.GetRows(tb.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(raw) != len(rows)+1 {
		t.Fatalf("sheet %s has %d rows, the CSV %d and a header", tb.Name, len(raw), len(rows))
	}
	for j, f := range tb.Schema.Fields {
		if raw[0][j] != f.Name {
			t.Errorf("sheet %s header %d = %q, want %q", tb.Name, j, raw[0][j], f.Name)
		}
	}
	at := func(rows [][]string, i, j int) string {
		if j < len(rows[i]) {
			return rows[i][j]
		}
		return ""
	}
	for i, r := range rows {
		for j, f := range tb.Schema.Fields {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			want := r[f.Name]
			value := at(raw, i+1, j)
			typ, err := book.GetCellType(tb.Name, cell)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case want == "":
				if value != "" {
					t.Errorf("sheet %s %s: %q for a missing value", tb.Name, cell, value)
				}
				continue
			case f.Type == downloads.TypeInteger || f.Type == downloads.TypeNumber:
				if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					t.Errorf("sheet %s %s: a %s stored as cell type %v", tb.Name, cell, f.Type, typ)
				}
			case f.Type == downloads.TypeDate:
				value = at(shown, i+1, j)
			case f.Type == downloads.TypeBoolean:
				if typ != excelize.CellTypeBool {
					t.Errorf("sheet %s %s: a boolean stored as cell type %v", tb.Name, cell, typ)
				}
				value = map[string]string{"1": "true", "0": "false"}[value]
			case f.Type == downloads.TypeString:
				if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
					t.Errorf("sheet %s %s: text stored as cell type %v", tb.Name, cell, typ)
				}
				value = csvText(f, value)
			}
			if value != want {
				t.Errorf("sheet %s %s (%s) = %q, CSV %q", tb.Name, cell, f.Name, value, want)
			}
		}
	}
}

func TestNotesAreJoinedAndInert(t *testing.T) {
	rel := build(t, fixture(t))
	find := func(file, period, country, basis string) record {
		for _, r := range parseCSV(t, file, rel.Files[file]) {
			if r["period"] == period && r["country_code"] == country && r["legal_basis"] == basis {
				return r
			}
		}
		t.Fatalf("%s: no row %s %s %s", file, period, country, basis)
		return nil
	}
	tests := []struct {
		file, period, country, basis string
		want                         string
	}{
		{"requests.csv", "2024-Q1", "DE", "court_order", "'" + hyperlinkNote + downloads.NoteSeparator + plusNote},
		{"requests.csv", "2024-Q1", "FR", "search_warrant", "'" + minusNote},
		{"requests.csv", "2024-Q1", "XK", "not_broken_down", "'" + atNote},
		// Notes are trimmed, so a leading tab or carriage return goes; the
		// line break inside is written as LF.
		{"requests.csv", "2024-Q1", "US", "subpoena", "Tabbed, \"quoted\"\nsecond line"},
		{"requests.csv", "2024-Q1", "BR", "court_order", "starts with a carriage return"},
		{"requests.csv", "2024-Q2", "DE", "court_order", "'" + hyperlinkNote},
		{"requests.csv", "2024-Q2", "US", "subpoena", ""},
		// A half-year joins the notes of its quarters, each once.
		{downloads.PeriodFile("2024-H1"), "2024-H1", "DE", "court_order", "'" + hyperlinkNote + downloads.NoteSeparator + plusNote},
		{downloads.CountryFile("DE"), "2023-H1", "DE", "not_broken_down", "Imported from the 2023 report."},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.period+"/"+tt.country, func(t *testing.T) {
			if got := find(tt.file, tt.period, tt.country, tt.basis)["notes"]; got != tt.want {
				t.Errorf("notes = %q, want %q", got, tt.want)
			}
		})
	}
	// The JSON keeps the text as written.
	if !bytes.Contains(rel.Files["requests.json"], []byte(`"notes":"=HYPERLINK(\"http://x\",\"y\") | +44 20 7946 0000"`)) {
		t.Errorf("requests.json does not hold the note as written")
	}
}

// TestEveryTextCellIsInert scans every CSV of both datasets: no text field
// may start with a character that makes a formula.
func TestEveryTextCellIsInert(t *testing.T) {
	for _, d := range []dataset{fixture(t), demoQuarters(t)} {
		rel := build(t, d)
		for _, p := range rel.Files.Paths() {
			if path.Ext(p) != ".csv" {
				continue
			}
			rows, err := csv.NewReader(bytes.NewReader(rel.Files[p])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for i, row := range rows {
				for j, v := range row {
					if v != "" && strings.ContainsAny(v[:1], "=+@\t\r") {
						t.Errorf("%s %s line %d column %d: %q could run as a formula", d.name, p, i+1, j+1, v)
					}
					if v != "" && v[0] == '-' {
						if _, err := strconv.ParseFloat(v, 64); err != nil {
							t.Errorf("%s %s line %d column %d: %q could run as a formula", d.name, p, i+1, j+1, v)
						}
					}
				}
			}
		}
	}
}
