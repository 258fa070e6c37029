package importer

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// ReadmeFile describes, in the folder an import writes, where its sources
// came from. Its first line marks the folder as an import's, which a later
// import may replace.
const ReadmeFile = "README.md"

const readmeMarker = "# Sources imported by `go run ./generator import`"

// Tree lays out the result as the project's sources: <PERIOD>/<team>.xlsx,
// report.toml and README.md.
func (r *Result) Tree(tax *taxonomy.Taxonomy) (output.Tree, error) {
	tree := output.Tree{}
	for _, src := range r.Sources {
		f, err := workbook.Build(tax, src)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Period, err)
		}
		data, err := workbook.Bytes(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Period, err)
		}
		tree[path.Join(src.Period.String(), r.Team+".xlsx")] = data
	}
	tree[report.AboutFile] = aboutTOML(r.About)
	readme, err := r.readme()
	if err != nil {
		return nil, err
	}
	tree[ReadmeFile] = readme
	return tree, nil
}

// aboutTOML writes report.toml by hand, one note per line, so that a person
// can read it; report.LoadAbout reads it back.
func aboutTOML(about report.About) []byte {
	var b strings.Builder
	b.WriteString("# Who published these figures and under what terms, from the [report]\n")
	b.WriteString("# section of the import mapping, with notes on what the import left out.\n")
	b.WriteString("# Written by `go run ./generator import`.\n\n")
	fmt.Fprintf(&b, "company = %s\n", tomlString(about.Company))
	fmt.Fprintf(&b, "website = %s\n", tomlString(about.Website))
	if len(about.Notes) > 0 {
		b.WriteString("notes = [\n")
		for _, n := range about.Notes {
			fmt.Fprintf(&b, "  %s,\n", tomlString(n))
		}
		b.WriteString("]\n")
	}
	b.WriteString("\n[license]\n")
	fmt.Fprintf(&b, "id = %s\n", tomlString(about.License.ID))
	fmt.Fprintf(&b, "name = %s\n", tomlString(about.License.Name))
	fmt.Fprintf(&b, "url = %s\n", tomlString(about.License.URL))
	return []byte(b.String())
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// readme says what was imported from which file, what was left out and
// why, with checksums so that a reader can tell which files were used.
func (r *Result) readme() ([]byte, error) {
	m := r.mapping
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", readmeMarker)
	fmt.Fprintf(&b, "Do not edit these workbooks: change the mapping and import again.\n\n")
	fmt.Fprintf(&b, "- Mapping: `%s` (SHA-256 `%s`)\n", filepath.Base(m.file), m.sha256)
	fmt.Fprintf(&b, "- Company: %s\n", r.About.Company)
	fmt.Fprintf(&b, "- Periods: %d, from %s to %s\n", len(r.Sources), firstPeriod(r.Sources), lastPeriod(r.Sources))
	fmt.Fprintf(&b, "- Imported: %d request rows and %d national-security bands\n\n", r.Rows(), r.Bands())
	b.WriteString("## Files read\n\n| file | SHA-256 | table | data rows | imported |\n| --- | --- | --- | --- | --- |\n")
	sums := map[string]string{}
	for _, f := range r.Files {
		sum, ok := sums[f.File]
		if !ok {
			var err error
			if sum, err = fileSHA256(f.File); err != nil {
				return nil, err
			}
			sums[f.File] = sum
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s | %d | %d |\n", filepath.Base(f.File), sum, f.Table, f.Rows, f.Imported)
	}
	if len(r.Ignored) > 0 {
		b.WriteString("\n## Files not imported\n\n")
		for _, ig := range r.Ignored {
			fmt.Fprintf(&b, "- `%s`: %s\n", filepath.Base(ig.File), ig.Reason)
		}
	}
	if len(r.Left) > 0 {
		b.WriteString("\n## Rows not imported\n\n")
		for _, l := range r.Left {
			fmt.Fprintf(&b, "- `%s` (table %s), %s: %s\n", filepath.Base(l.File), l.Table, l.describe(), l.Reason)
		}
	}
	r.filtered(&b)
	return []byte(b.String()), nil
}

// filtered lists the rows that each table's filters leave to other tables,
// for the person running the import: they are not left out of the report.
func (r *Result) filtered(b *strings.Builder) {
	heading := "\n## Rows left to other tables\n\nRows that a table's filters do not read, as other tables of the mapping read them.\n\n"
	for _, f := range r.Files {
		if len(f.Filtered) == 0 {
			continue
		}
		b.WriteString(heading)
		heading = ""
		var rules []string
		for _, t := range r.mapping.Tables {
			if t.name() == f.Table {
				for _, filter := range t.Filter {
					rules = append(rules, filter.describe())
				}
			}
		}
		fmt.Fprintf(b, "- `%s` (table %s), %s: %s\n", filepath.Base(f.File), f.Table, rowList(f.Filtered), strings.Join(rules, ", or "))
	}
}

func firstPeriod(sources []report.Source) string {
	if len(sources) == 0 {
		return "-"
	}
	return sources[0].Period.String()
}

func lastPeriod(sources []report.Source) string {
	if len(sources) == 0 {
		return "-"
	}
	return sources[len(sources)-1].Period.String()
}

func fileSHA256(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", fmt.Errorf("checksum: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("checksum %s: %w", file, err)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// ErrNotImport is returned when the output folder exists and holds
// something other than an earlier import, which Write will not replace.
var ErrNotImport = errors.New("the folder holds files that import did not write, and import replaces the folder it writes whole")

// Write replaces dir with the tree, atomically: on any error dir is left as
// it was. It refuses to replace a folder that holds files and was not
// written by an import, such as the project's own sources/, and the root or
// a folder holding the working folder, even if empty.
func Write(dir string, tree output.Tree) error {
	if holdsWorkingFolder(dir) {
		return fmt.Errorf("%s: the folder is the root or holds the working folder, and import replaces the folder it writes whole; give it a folder of its own, such as tmp/imported", dir)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("read %s: %w", dir, err)
	case len(entries) > 0:
		readme, err := os.ReadFile(filepath.Join(dir, ReadmeFile))
		if err != nil || !bytes.HasPrefix(readme, []byte(readmeMarker)) {
			return fmt.Errorf("%s: %w; give it a folder of its own, such as tmp/imported", dir, ErrNotImport)
		}
	}
	return output.Replace(dir, tree)
}

// holdsWorkingFolder reports whether dir is the file system's root, the
// working folder or one of its parents.
func holdsWorkingFolder(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return true
	}
	if abs == filepath.Dir(abs) {
		return true
	}
	wd, err := os.Getwd()
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(abs, wd)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
