package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// runImport reads files published in another layout, as a mapping file
// describes them, and writes them as the project's own sources:
//
//	go run ./generator import -mapping examples/mappings/google.toml -o tmp/google-sources ../shared/real-data/google/*.csv
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("import", stderr)
	mappingPath := fs.String("mapping", "", "mapping file (TOML) describing the files' layout (required); see docs/importing.md")
	out := fs.String("o", "", "folder to write the workbooks and report.toml into, replacing an earlier import there (required)")
	taxPath := fs.String("taxonomy", taxonomy.DefaultPath, "taxonomy file")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./generator import -mapping FILE -o DIR SOURCE.csv|SOURCE.xlsx...")
		fs.PrintDefaults()
	}
	// Flags may come before or after the files.
	var files []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return ErrReported
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *mappingPath == "" || *out == "" || len(files) == 0 {
		fmt.Fprintln(stderr, "import: -mapping, -o and at least one file are required")
		fs.Usage()
		return ErrReported
	}
	// A published report's names are looked up in English, as CLDR spells
	// them now and did before (loadForWorkbooks loads the names).
	tax, err := loadForWorkbooks(*taxPath)
	if err != nil {
		return err
	}
	m, err := importer.Load(*mappingPath, tax)
	if err != nil {
		return reportProblems(err, stderr)
	}
	res, err := importer.Import(m, files, tax)
	if err != nil {
		return reportProblems(err, stderr)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tree, err := res.Tree(tax)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := importer.Write(*out, tree); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	left := 0
	for _, l := range res.Left {
		left += len(l.Rows)
	}
	fmt.Fprintf(stdout, "imported %d files (%d ignored) into %s: %d periods from %s to %s, %d request rows, %d national-security bands, %d rows left out (see %s)\n",
		len(files)-len(res.Ignored), len(res.Ignored), *out, len(res.Sources), res.Sources[0].Period, res.Sources[len(res.Sources)-1].Period,
		res.Rows(), res.Bands(), left, filepath.Join(*out, importer.ReadmeFile))
	return nil
}

// reportProblems prints located problems (of each kind in a file and
// column, those of the first problem.ShownPerKind rows and how many more)
// and says that nothing was written; other errors are returned as they are.
func reportProblems(err error, stderr io.Writer) error {
	var perr *problem.Error
	if !errors.As(err, &perr) {
		return fmt.Errorf("import: %w", err)
	}
	fmt.Fprintln(stderr, perr)
	fmt.Fprintf(stderr, "%d problem(s) found; nothing was written\n", len(perr.Problems))
	return ErrReported
}
