package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/demo"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/workbook"
)

func saveWorkbook(f *excelize.File, file string) error {
	data, err := workbook.Bytes(f)
	if err != nil {
		return err
	}
	return output.WriteFile(file, data)
}

// sourceTree lays out sources as PERIOD/TEAM.xlsx files.
func sourceTree(sources []report.Source, tax *taxonomy.Taxonomy) (output.Tree, error) {
	tree := output.Tree{}
	for _, src := range sources {
		f, err := workbook.Build(tax, src)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", src.Period, src.Team, err)
		}
		data, err := workbook.Bytes(f)
		if err != nil {
			return nil, err
		}
		tree[path.Join(src.Period.String(), src.Team+".xlsx")] = data
	}
	return tree, nil
}

func runDemo(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("demo", stderr)
	out := flags.String("o", "sources", "folder to replace with the demo workbooks")
	taxPath := flags.String("taxonomy", taxonomy.DefaultPath, "taxonomy file")
	if err := parse(flags, args); err != nil {
		return err
	}
	tax, err := taxonomy.Load(*taxPath)
	if err != nil {
		return err
	}
	if err := countries.Load(); err != nil { // each workbook's Lists sheet names every country
		return err
	}
	tree, err := sourceTree(demo.Sources(), tax)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	workbooks := len(tree)
	// The folder's own files stay: who publishes the report and when
	// (report.toml), and its corrections; only the workbooks are the demo's.
	for _, name := range []string{"report.toml", "corrections.toml"} {
		data, err := os.ReadFile(filepath.Join(*out, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		tree[name] = data
	}
	if err := output.Replace(*out, tree); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d demo workbooks under %s\n", workbooks, *out)
	return nil
}
