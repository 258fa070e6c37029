package downloads

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/transparency-report/site/generator/internal/output"
)

// dataPackage is a Frictionless Tabular Data Package (v1) descriptor.
type dataPackage struct {
	Profile      string        `json:"profile"`
	Name         string        `json:"name"`
	Title        string        `json:"title"`
	Description  string        `json:"description"`
	Version      string        `json:"version"`
	Homepage     string        `json:"homepage,omitempty"`
	Keywords     []string      `json:"keywords"`
	Contributors []contributor `json:"contributors"`
	Licenses     []license     `json:"licenses"`
	Sources      []source      `json:"sources"`
	Resources    []resource    `json:"resources"`
}

type contributor struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
	Role  string `json:"role"`
}

type license struct {
	Name  string `json:"name,omitempty"` // an Open Definition / SPDX identifier; none for other terms
	Path  string `json:"path,omitempty"`
	Title string `json:"title"`
}

type source struct {
	Title string `json:"title"`
}

// dialect is the CSV Dialect every CSV follows.
type dialect struct {
	Delimiter      string `json:"delimiter"`
	DoubleQuote    bool   `json:"doubleQuote"`
	LineTerminator string `json:"lineTerminator"`
	QuoteChar      string `json:"quoteChar"`
	Header         bool   `json:"header"`
}

var csvDialect = dialect{Delimiter: ",", DoubleQuote: true, LineTerminator: "\n", QuoteChar: `"`, Header: true}

// resource is a Tabular Data Resource: one CSV and its Table Schema.
type resource struct {
	Profile     string  `json:"profile"`
	Name        string  `json:"name"`
	Path        string  `json:"path"`
	Title       string  `json:"title"`
	Description string  `json:"description"`
	Format      string  `json:"format"`
	MediaType   string  `json:"mediatype"`
	Encoding    string  `json:"encoding"`
	Bytes       int64   `json:"bytes"`
	Hash        string  `json:"hash"`
	Dialect     dialect `json:"dialect"`
	Schema      Schema  `json:"schema"`
}

func newResource(t Table, file, name, title string, data []byte) resource {
	return resource{
		Profile: "tabular-data-resource", Name: name, Path: file, Title: title,
		Description: "One row is " + t.Row,
		Format:      "csv", MediaType: "text/csv", Encoding: "utf-8",
		Bytes: int64(len(data)), Hash: "sha256:" + SHA256(data),
		Dialect: csvDialect, Schema: t.Schema,
	}
}

var nonName = regexp.MustCompile(`[^a-z0-9]+`)

// packageName makes a Data Package name (lower case, digits, -) from the
// publisher's name.
func packageName(company string) string {
	return strings.Trim(nonName.ReplaceAllString(strings.ToLower(company), "-"), "-") + "-transparency-report"
}

// textNote is the codebook's warning about the apostrophe, said wherever the
// CSV files are described.
const textNote = "In the CSV files, a text value that starts with =, +, -, @, a tab or a carriage return starts with an apostrophe (') added so that spreadsheet programs show it as text instead of running it as a formula; the JSON files and the workbook hold the text as it is."

func (r *Release) description() string {
	return fmt.Sprintf("Government requests to %s for data about its users: how many each country made, under what legal process, and what %s did with them; and US national-security requests in the bands the law allows. Release %s. "+
		"%s: one row per period, country and legal basis of the periods the sources were given in. The per-period CSVs also cover half-years and years, which are sums of quarters, so never add files of different kinds of period together. %s",
		r.About.Company, r.About.Company, r.Key, RequestsTable+".csv", textNote)
}

func (r *Release) dataPackage(resources []resource) ([]byte, error) {
	pkg := dataPackage{
		Profile:      "tabular-data-package",
		Name:         packageName(r.About.Company),
		Title:        r.Title,
		Description:  r.description(),
		Version:      r.Key,
		Homepage:     r.About.Website,
		Keywords:     []string{"transparency report", "government requests", "user data", "law enforcement"},
		Contributors: []contributor{{Title: r.About.Company, Path: r.About.Website, Role: "publisher"}},
		Licenses:     []license{{Name: r.About.License.ID, Path: r.About.License.URL, Title: r.About.License.Name}},
		Sources:      []source{{Title: "The workbooks that " + r.About.Company + "'s legal teams fill in for each period"}},
		Resources:    resources,
	}
	t := output.Tree{}
	if err := t.AddJSON(DataPackageFile, pkg); err != nil {
		return nil, err
	}
	return t[DataPackageFile], nil
}

// yamlQuote writes a YAML double-quoted scalar; Go's quoting uses only
// escapes that YAML shares.
func yamlQuote(s string) string { return strconv.Quote(s) }

func (r *Release) citationCFF() []byte {
	var b strings.Builder
	b.WriteString("# Citation File Format (https://citation-file-format.github.io/) for this release of the data.\n")
	b.WriteString("cff-version: 1.2.0\n")
	b.WriteString("message: \"If you use these data, please cite them as below.\"\n")
	b.WriteString("type: dataset\n")
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(r.Title+": government requests for user data"))
	fmt.Fprintf(&b, "version: %s\n", yamlQuote(r.Key))
	b.WriteString("authors:\n")
	fmt.Fprintf(&b, "  - name: %s\n", yamlQuote(r.About.Company))
	if r.About.Website != "" {
		fmt.Fprintf(&b, "    website: %s\n", yamlQuote(r.About.Website))
		fmt.Fprintf(&b, "url: %s\n", yamlQuote(r.About.Website))
	}
	switch {
	case r.About.License.ID != "":
		fmt.Fprintf(&b, "license: %s\n", yamlQuote(r.About.License.ID))
	case r.About.License.URL != "":
		// Terms that are not on the SPDX list are cited by their address.
		fmt.Fprintf(&b, "license-url: %s\n", yamlQuote(r.About.License.URL))
	}
	b.WriteString("keywords:\n  - \"transparency report\"\n  - \"government requests\"\n")
	return []byte(b.String())
}

var readmeTemplate = template.Must(template.New("readme").Funcs(template.FuncMap{
	"csv": func(t Table) string { return t.Name + ".csv" },
	"code": func(s string) string {
		if s == "" {
			return ""
		}
		return "`" + s + "`"
	},
	"cell": func(s string) string { return strings.ReplaceAll(s, "|", `\|`) },
	"constraints": func(f Field) string {
		c := f.Constraints
		if c == nil {
			return ""
		}
		var parts []string
		if c.Required {
			parts = append(parts, "required")
		}
		if c.Minimum != nil {
			parts = append(parts, "≥ "+strconv.FormatFloat(*c.Minimum, 'f', -1, 64))
		}
		if c.Maximum != nil {
			parts = append(parts, "≤ "+strconv.FormatFloat(*c.Maximum, 'f', -1, 64))
		}
		if len(c.Enum) > 0 {
			parts = append(parts, "one of "+strings.Join(c.Enum, ", "))
		}
		if c.Pattern != "" {
			parts = append(parts, "pattern `"+c.Pattern+"`")
		}
		return strings.ReplaceAll(strings.Join(parts, "; "), "|", `\|`)
	},
}).Parse(`# {{ .Title }}: release {{ .Key }}

Government requests to {{ .About.Company }} for data about its users, as
downloadable data. This folder never changes once published: corrections
come as a new release.

- Licence: {{ .About.License.Name }}{{ with .About.License.ID }} ({{ . }}){{ end }}{{ with .About.License.URL }}, {{ . }}{{ end }}
- Suggested citation: {{ .Citation }}
- Checksums: ` + "`sha256sum -c SHA256SUMS`" + ` checks every file.
- ` + "`datapackage.json`" + ` describes every CSV as a Frictionless Data
  Package: the same column descriptions as below, in machine-readable form.

## Files

| file | what it holds |
| --- | --- |
{{- range .Tables }}
| {{ csv . }}, {{ .Name }}.json | {{ .Title }} |
{{- end }}
| by-period/requests-PERIOD.csv | the rows of requests.csv for one period; half-years and years are sums of their quarters |
| by-country/requests-CC.csv | the rows of requests.csv for one country |
| by-period/countries-PERIOD.csv, by-period/top-countries-PERIOD.csv | the rows of countries.csv for one period, in rank order: every country, and the countries the site's chart draws |
| by-country/periods-CC.csv | the rows of countries.csv for one country, one per period of the kind the sources are given in (a period without requests as zeros) |
| by-kind/periods-KIND.csv | the rows of periods.csv of one kind of period (quarter, half or year) |
| by-period/legal-bases-PERIOD.csv | one period's totals per legal basis, every country added together: those counted in the totals by requests, then those not counted |
| by-legal-basis/periods-KEY.csv | one legal basis's totals per period of the kind the sources are given in |
| transparency-report.xlsx | every table above, one sheet each |

CSV files are UTF-8, comma-separated, with a header row and lines ending in
LF (RFC 4180). Numbers have no thousands separators; dates are YYYY-MM-DD;
booleans are true or false; an empty field is a missing value.
{{ .TextNote }}
{{- with .Corrections }}

## Corrected figures

These figures were published differently by an earlier release, whose
files stay as they were; this release holds them corrected
(corrections.csv says why):
{{ range . }}
- {{ .Period }} {{ .Country }} {{ .LegalBasis }}{{ with .RequestType }} {{ . }}{{ end }}, {{ .Measure }}: {{ .Before }} → {{ if .Removed }}removed{{ else }}{{ .After }}{{ end }} (corrected on {{ .Date }})
{{- end }}
{{- end }}
{{ range .Tables }}
## {{ csv . }}: {{ .Title }}

{{ .Description }}

One row is {{ .Row }} Primary key: {{ range $i, $k := .Schema.PrimaryKey }}{{ if $i }}, {{ end }}{{ code $k }}{{ end }}.

| column | type | constraints | meaning |
| --- | --- | --- | --- |
{{- range .Schema.Fields }}
| {{ code .Name }} | {{ .Type }} | {{ constraints . }} | {{ cell .Description }} |
{{- end }}
{{ end -}}
{{- with .About.Notes }}
## About these sources
{{ range . }}
- {{ . }}
{{- end }}
{{ end -}}
`))

var (
	// markdownInline escapes the characters with which Markdown makes markup
	// inside a line: HTML and autolinks, links and images, code, emphasis,
	// strike-through and table cells.
	markdownInline = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`)
	// markdownEntity is a character reference, which Markdown would turn
	// into the character it names (&#x202E; into the override CheckText
	// refuses).
	markdownEntity = regexp.MustCompile(`&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);`)
	// markdownBlockStart is what starts a heading or a list at the start of
	// a line, as a note does after "- ": its last character is escaped.
	markdownBlockStart = regexp.MustCompile(`^([#+-]|[0-9]{1,9}[.)])`)
	// controls are line breaks, tabs and other control characters.
	controls = regexp.MustCompile(`[\x00-\x1f\x7f\x{2028}\x{2029}]+`)
)

// markdownText escapes text from the sources so that Markdown shows it as
// it is written instead of reading it as markup: a note cannot add HTML, a
// link or a heading to the README. Line breaks become spaces, as the text
// stands in one line or list item.
func markdownText(s string) string {
	s = controls.ReplaceAllString(s, " ")
	s = markdownInline.Replace(s)
	s = markdownEntity.ReplaceAllString(s, `\&$1;`)
	return markdownBlockStart.ReplaceAllStringFunc(s, func(start string) string {
		return start[:len(start)-1] + `\` + start[len(start)-1:]
	})
}

func (r *Release) readme() ([]byte, error) {
	// The texts of report.toml are escaped for Markdown before they are put
	// together; its addresses need not be, as report.CheckURL lets none
	// through that hold a character Markdown reads.
	md := *r
	md.About.Company = markdownText(r.About.Company)
	md.About.License.ID = markdownText(r.About.License.ID)
	md.About.License.Name = markdownText(r.About.License.Name)
	md.About.Notes = make([]string, len(r.About.Notes))
	for i, note := range r.About.Notes {
		md.About.Notes[i] = markdownText(note)
	}
	md.Title = Title(md.About)
	md.Citation = Citation(md.About, r.Key)
	var buf bytes.Buffer
	err := readmeTemplate.Execute(&buf, struct {
		*Release
		TextNote string
	}{&md, textNote})
	if err != nil {
		return nil, fmt.Errorf("readme: %w", err)
	}
	return buf.Bytes(), nil
}
