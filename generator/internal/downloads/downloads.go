// Package downloads makes the report's downloadable data for journalists and
// researchers: the whole dataset as one tidy CSV, the totals per period and
// per country, the national-security bands, one CSV per period and per
// country, the same tables as JSON and as one workbook, a Frictionless
// datapackage.json that describes every CSV, a README codebook, a
// CITATION.cff and the SHA-256 checksums of every file.
//
// One Table value describes each table once; the CSV, the JSON, the
// workbook, datapackage.json, the README and the site's codebook page are all
// made from it. Its words (titles, descriptions, what one row is) are in
// codebook.toml in every language of the site: the files say them in
// English, the site's codebook page in the page's language. Every file
// depends only on the sources, so the same sources give byte-identical files
// and checksums.
package downloads

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// The files of a release that are not tables.
const (
	WorkbookFile    = "transparency-report.xlsx"
	DataPackageFile = "datapackage.json"
	ReadmeFile      = "README.md"
	CitationFile    = "CITATION.cff"
	ChecksumsFile   = "SHA256SUMS"
)

// The kinds of file, for the downloads page and the link partial.
const (
	KindTable   = "table"   // Key is the table name; one CSV and one JSON each
	KindPeriod  = "period"  // Key is the period key: by-period/requests-KEY.csv
	KindCountry = "country" // Key is the country code: by-country/requests-CC.csv
	// The files of one figure's table, rows of a whole-report table with
	// its columns: exactly the rows the figure's table shows.
	KindPeriodCountries    = "period_countries"      // Key is the period key: by-period/countries-KEY.csv
	KindPeriodTopCountries = "period_top_countries"  // Key is the period key: by-period/top-countries-KEY.csv
	KindCountryPeriods     = "country_periods"       // Key is the country code: by-country/periods-CC.csv
	KindPeriodsOfKind      = "periods_of_kind"       // Key is quarter, half or year: by-kind/periods-KIND.csv
	KindPeriodLegalBases   = "period_legal_bases"    // Key is the period key: by-period/legal-bases-KEY.csv
	KindLegalBasisPeriods  = "legal_basis_periods"   // Key is the legal basis: by-legal-basis/periods-KEY.csv
	KindSegmentsOfKind     = "segments_of_kind"      // Key is quarter, half or year: by-kind/segments-KIND.csv
	KindCountrySegments    = "country_segments"      // Key is the country code: by-country/segments-CC.csv
	KindNotificationsKind  = "notifications_of_kind" // Key is quarter, half or year: by-kind/notifications-KIND.csv
	KindPeriodAbroad       = "period_abroad"         // Key is the period key: by-period/data-stored-abroad-KEY.csv
	KindWorkbook           = "workbook"
	KindDataPackage        = "datapackage"
	KindReadme             = "readme"
	KindCitation           = "citation"
	KindChecksums          = "checksums"
)

// File is one file of a release as the downloads page lists it.
type File struct {
	Path      string   `json:"path"` // relative to the release's folder
	Kind      string   `json:"kind"`
	Key       string   `json:"key,omitempty"`
	Format    string   `json:"format"`
	MediaType string   `json:"media_type"`
	Bytes     int64    `json:"bytes"`
	Size      FileSize `json:"size"`
	SHA256    string   `json:"sha256"`
}

// FileSize is a file's size as readers are told it: in bytes, kilobytes or
// megabytes (powers of 1000), the unit chosen by the size; the site formats
// Value in the reader's language.
type FileSize struct {
	Unit  string  `json:"unit"` // bytes, kb or mb
	Value float64 `json:"value"`
}

func sizeOf(bytes int64) FileSize {
	switch {
	case bytes >= 1000000:
		return FileSize{Unit: "mb", Value: float64(bytes) / 1000000}
	case bytes >= 1000:
		return FileSize{Unit: "kb", Value: float64(bytes) / 1000}
	}
	return FileSize{Unit: "bytes", Value: float64(bytes)}
}

// Release is every file of one release, the tables they hold, and what the
// site says about them.
type Release struct {
	Key      string // the latest period, such as 2026-Q3: /downloads/KEY/
	Title    string
	Citation string
	About    report.About
	Tables   []Table // the whole-report tables, in the order of the files
	// Codebook is Tables without their rows in every language of the
	// codebook (English too), for the site's codebook page.
	Codebook map[string][]Table
	// Corrections are the published figures this release restates, newest
	// first; the README names them.
	Corrections []view.Correction
	Files       output.Tree // by path relative to the release's folder
}

// PeriodFile is the path of one period's CSV in a release.
func PeriodFile(key string) string { return "by-period/requests-" + key + ".csv" }

// CountryFile is the path of one country's CSV in a release.
func CountryFile(code string) string { return "by-country/requests-" + code + ".csv" }

// Title is the dataset's title, from the publisher's name.
func Title(about report.About) string { return about.Company + " Transparency Report" }

// Citation is the suggested citation of a release.
func Citation(about report.About, release string) string {
	year := release
	if p, err := report.ParsePeriod(release); err == nil {
		year = fmt.Sprint(p.Year)
	}
	s := fmt.Sprintf("%s (%s). %s: government requests for user data, release %s [Data set].", about.Company, year, Title(about), release)
	if about.Website != "" {
		s += " " + about.Website
	}
	return s
}

// Build makes every file of the release of rep.Latest. The figures come from
// rep, the notes of the tidy rows from the sources' rows.
func Build(rep *view.Report, tax *taxonomy.Taxonomy, sources []report.Source) (*Release, error) {
	if rep.Latest == "" {
		return nil, fmt.Errorf("downloads: the report has no period")
	}
	book, err := loadCodebook()
	if err != nil {
		return nil, err
	}
	var errs []error
	english := words{lang: "en", book: book, errs: &errs}
	dataset := datasetPeriods(rep)
	notes := collectNotes(sources, rep)
	groups := rep.HasOutcomeGroups
	byPeriod := map[string][][]any{}
	for _, p := range rep.Periods {
		byPeriod[p.Key] = requestRows(rep, tax, notes, p.Key)
	}
	var all [][]any
	byCountry := map[string][][]any{}
	for _, key := range dataset {
		for _, row := range byPeriod[key] {
			all = append(all, row)
			code := row[4].(string) // country_code: after the four period fields
			byCountry[code] = append(byCountry[code], row)
		}
	}
	corrections := rep.Corrections.All
	// wholeTables are the whole-report tables without their rows, in w's
	// language; the first is the tidy dataset.
	// The tables by customer segment, of court cases and of telling users
	// are there only when the sources have them.
	segments, cases, notices := segmentRows(rep, tax), challengeRows(rep, tax), notificationRows(rep, tax)
	wholeTables := func(w words) []Table {
		tables := []Table{requestsTable(w, tax, groups, rep.HasRequestTypes), periodsTable(w, tax, groups), countriesTable(w, tax, groups), nationalSecurityTable(w, tax), abroadTable(w, tax, groups)}
		if segments != nil {
			tables = append(tables, segmentsTable(w, tax, rep.HasOutcomeGroups))
		}
		if cases != nil {
			tables = append(tables, challengesTable(w, tax))
		}
		if notices != nil {
			tables = append(tables, notificationsTable(w, tax))
		}
		if len(corrections) > 0 {
			tables = append(tables, correctionsTable(w, tax))
		}
		return tables
	}
	rows := [][][]any{all, periodRows(rep, tax), countryRows(rep, tax), nationalSecurityRows(rep, tax), abroadRows(rep, tax)}
	for _, r := range [][][]any{segments, cases, notices} {
		if r != nil {
			rows = append(rows, r)
		}
	}
	rows = append(rows, correctionRows(corrections))

	rel := &Release{
		Key:         rep.Latest,
		Title:       Title(rep.About),
		Citation:    Citation(rep.About, rep.Latest),
		About:       rep.About,
		Corrections: corrections,
		Codebook:    map[string][]Table{},
		Files:       output.Tree{},
	}
	var wholePlans []countPlan
	for i, t := range wholeTables(english) {
		t = t.withRows(rows[i])
		wholePlans = append(wholePlans, planCounts(t))
		rel.Tables = append(rel.Tables, wholePlans[i].apply(english, t))
	}
	for _, lang := range book.languages() {
		w := words{lang: lang, book: book, errs: &errs}
		for i, t := range wholeTables(w) {
			rel.Codebook[lang] = append(rel.Codebook[lang], wholePlans[i].apply(w, t))
		}
	}
	plan := wholePlans[0]
	var resources []resource
	addCSV := func(t Table, file, name, title string) error {
		data, err := WriteCSV(t)
		if err != nil {
			return err
		}
		rel.Files[file] = data
		resources = append(resources, newResource(t, file, name, title, data))
		return nil
	}
	for _, t := range rel.Tables {
		if err := addCSV(t, t.Name+".csv", t.Name, t.Title); err != nil {
			return nil, err
		}
		data, err := WriteJSON(t)
		if err != nil {
			return nil, err
		}
		rel.Files[t.Name+".json"] = data
	}
	for _, p := range rep.Periods {
		title := fmt.Sprintf("Requests in %s by country and legal basis", p.Key)
		if err := addCSV(plan.apply(english, requestsTable(english, tax, groups, rep.HasRequestTypes).withRows(byPeriod[p.Key])), PeriodFile(p.Key), "requests-"+strings.ToLower(p.Key), title); err != nil {
			return nil, err
		}
	}
	for _, c := range rep.Countries {
		title := fmt.Sprintf("Requests from %s by period and legal basis", englishName(rep, c.Code))
		if err := addCSV(plan.apply(english, requestsTable(english, tax, groups, rep.HasRequestTypes).withRows(byCountry[c.Code])), CountryFile(c.Code), "requests-"+strings.ToLower(c.Code), title); err != nil {
			return nil, err
		}
	}
	// A figure's file has its table's columns, planned over the table's
	// rows and every figure's (a country's periods without requests have
	// no share of the total where the total is not exact).
	figures := append(figureTables(rep, tax), abroadFigureTables(rep, tax)...)
	tables := map[string]Table{CountriesTable: countriesTable(english, tax, groups), PeriodsTable: periodsTable(english, tax, groups), legalBasesTableName: legalBasesTable(english, tax, groups),
		abroadCountriesTableName: abroadCountriesTable(english, tax, groups)}
	figureRows := map[string][][]any{CountriesTable: countryRows(rep, tax), PeriodsTable: periodRows(rep, tax)}
	for _, f := range figures {
		figureRows[f.table] = append(figureRows[f.table], f.rows...)
	}
	plans := map[string]countPlan{}
	for name, t := range tables {
		plans[name] = planCounts(t.withRows(figureRows[name]))
	}
	for _, slice := range figures {
		if err := addCSV(plans[slice.table].apply(english, tables[slice.table].withRows(slice.rows)), slice.file, slice.name, slice.title); err != nil {
			return nil, err
		}
	}
	for _, f := range append(segmentFigures(english, rep, tax), notificationFigures(english, rep, tax)...) {
		if err := addCSV(f.table, f.file, f.name, f.table.Title); err != nil {
			return nil, err
		}
	}
	workbook, err := WriteXLSX(rel.aboutLines(), rel.Tables)
	if err != nil {
		return nil, err
	}
	rel.Files[WorkbookFile] = workbook
	pkg, err := rel.dataPackage(resources)
	if err != nil {
		return nil, err
	}
	rel.Files[DataPackageFile] = pkg
	readme, err := rel.readme()
	if err != nil {
		return nil, err
	}
	rel.Files[ReadmeFile] = readme
	rel.Files[CitationFile] = rel.citationCFF()
	rel.Files[ChecksumsFile] = Checksums(rel.Files)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return rel, nil
}

// datasetPeriods are the periods whose rows make the tidy dataset: those the
// sources were given in. Rolled-up periods are sums of them and are left
// out. Source periods never overlap: report.Aggregate refuses them.
func datasetPeriods(rep *view.Report) []string {
	var keys []string
	for _, p := range rep.Periods {
		if !p.RolledUp {
			keys = append(keys, p.Key)
		}
	}
	return keys
}

func (r *Release) aboutLines() [][2]string {
	lines := [][2]string{
		{"Title", r.Title},
		{"Release", r.Key},
		{"Publisher", r.About.Company},
		{"Licence", strings.TrimSpace(strings.Join([]string{r.About.License.Name, parenthesised(r.About.License.ID), r.About.License.URL}, " "))},
		{"Suggested citation", r.Citation},
		{"Codebook", "README.md and datapackage.json beside this file describe every column."},
	}
	for _, t := range r.Tables {
		lines = append(lines, [2]string{"Sheet " + t.Name, t.Title + ". One row is " + t.Row})
	}
	return lines
}

func parenthesised(s string) string {
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}

// Checksums lists the SHA-256 of every file in the format of sha256sum
// ("HEX  PATH"), sorted by path, so that `sha256sum -c SHA256SUMS` checks a
// downloaded release.
func Checksums(files output.Tree) []byte {
	var b strings.Builder
	for _, p := range files.Paths() {
		if p == ChecksumsFile {
			continue
		}
		sum := sha256.Sum256(files[p])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), p)
	}
	return []byte(b.String())
}

// SHA256 is the hex SHA-256 of data.
func SHA256(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

var (
	periodFileRE  = regexp.MustCompile(`^by-period/requests-(.+)\.csv$`)
	countryFileRE = regexp.MustCompile(`^by-country/requests-(.+)\.csv$`)
	// figureFileRE are the files of one figure's table, by kind.
	figureFileRE = map[string]*regexp.Regexp{
		KindPeriodCountries:    regexp.MustCompile(`^by-period/countries-(.+)\.csv$`),
		KindPeriodTopCountries: regexp.MustCompile(`^by-period/top-countries-(.+)\.csv$`),
		KindCountryPeriods:     regexp.MustCompile(`^by-country/periods-(.+)\.csv$`),
		KindPeriodsOfKind:      regexp.MustCompile(`^by-kind/periods-(.+)\.csv$`),
		KindPeriodLegalBases:   regexp.MustCompile(`^by-period/legal-bases-(.+)\.csv$`),
		KindLegalBasisPeriods:  regexp.MustCompile(`^by-legal-basis/periods-(.+)\.csv$`),
		KindPeriodAbroad:       regexp.MustCompile(`^by-period/data-stored-abroad-(.+)\.csv$`),
		KindSegmentsOfKind:     regexp.MustCompile(`^by-kind/segments-(.+)\.csv$`),
		KindCountrySegments:    regexp.MustCompile(`^by-country/segments-(.+)\.csv$`),
		KindNotificationsKind:  regexp.MustCompile(`^by-kind/notifications-(.+)\.csv$`),
	}
)

// Describe says what the file at a release path is.
func Describe(p string, data []byte) File {
	f := File{Path: p, Bytes: int64(len(data)), Size: sizeOf(int64(len(data))), SHA256: SHA256(data)}
	switch ext := path.Ext(p); ext {
	case ".csv":
		f.Format, f.MediaType = "csv", "text/csv"
	case ".json":
		f.Format, f.MediaType = "json", "application/json"
	case ".xlsx":
		f.Format, f.MediaType = "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".md":
		f.Format, f.MediaType = "md", "text/markdown"
	case ".cff":
		f.Format, f.MediaType = "cff", "application/x-yaml"
	default:
		f.Format, f.MediaType = "txt", "text/plain"
	}
	switch {
	case p == WorkbookFile:
		f.Kind = KindWorkbook
	case p == DataPackageFile:
		f.Kind = KindDataPackage
	case p == ReadmeFile:
		f.Kind = KindReadme
	case p == CitationFile:
		f.Kind = KindCitation
	case p == ChecksumsFile:
		f.Kind = KindChecksums
	case periodFileRE.MatchString(p):
		f.Kind, f.Key = KindPeriod, periodFileRE.FindStringSubmatch(p)[1]
	case countryFileRE.MatchString(p):
		f.Kind, f.Key = KindCountry, countryFileRE.FindStringSubmatch(p)[1]
	case f.Format == "csv" && figureKind(p) != "":
		f.Kind = figureKind(p)
		f.Key = figureFileRE[f.Kind].FindStringSubmatch(p)[1]
	case !strings.Contains(p, "/") && (f.Format == "csv" || f.Format == "json"):
		f.Kind, f.Key = KindTable, strings.TrimSuffix(p, path.Ext(p))
	}
	return f
}

// figureKind is the kind of a figure's file at p, or "".
func figureKind(p string) string {
	for kind, re := range figureFileRE {
		if re.MatchString(p) {
			return kind
		}
	}
	return ""
}

// fileOrder lists the main files first, then the slices.
func fileOrder(a, b File) int {
	rank := func(f File) int {
		return slices.Index([]string{KindTable, KindWorkbook, KindDataPackage, KindReadme, KindCitation, KindChecksums, KindPeriod, KindCountry,
			KindPeriodsOfKind, KindPeriodCountries, KindPeriodTopCountries, KindPeriodLegalBases, KindCountryPeriods, KindLegalBasisPeriods, KindPeriodAbroad, KindSegmentsOfKind, KindCountrySegments, KindNotificationsKind, ""}, f.Kind)
	}
	if c := rank(a) - rank(b); c != 0 {
		return c
	}
	if a.Kind == KindTable {
		tables := []string{RequestsTable, PeriodsTable, CountriesTable, NationalSecurityTable, AbroadTable, SegmentsTable, ChallengesTable, NotificationsTable, CorrectionsTable}
		if c := slices.Index(tables, a.Key) - slices.Index(tables, b.Key); c != 0 {
			return c
		}
	}
	return strings.Compare(a.Path, b.Path)
}

// List describes every file of a tree, main files first.
func List(files output.Tree) []File {
	out := make([]File, 0, len(files))
	for _, p := range files.Paths() {
		out = append(out, Describe(p, files[p]))
	}
	slices.SortStableFunc(out, fileOrder)
	return out
}
