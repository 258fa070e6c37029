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
	"github.com/transparency-report/site/generator/internal/synth"
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

// loadForWorkbooks loads what writing a workbook needs: the taxonomy at
// taxPath, and the country names, since each workbook's Lists sheet names
// every country.
func loadForWorkbooks(taxPath string) (*taxonomy.Taxonomy, error) {
	tax, err := taxonomy.Load(taxPath)
	if err != nil {
		return nil, err
	}
	if err := countries.Load(); err != nil {
		return nil, err
	}
	return tax, nil
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
	tax, err := loadForWorkbooks(*taxPath)
	if err != nil {
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

func runSynth(args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("synth", stderr)
	out := flags.String("o", "", "folder to replace with the synthetic workbooks and their report.toml (required)")
	var scale synth.Scale
	flags.IntVar(&scale.Years, "years", 1, "years of quarters, ending with "+synth.Last.String())
	flags.IntVar(&scale.Teams, "teams", 5, "teams, each reporting every country and legal basis every quarter")
	flags.Uint64Var(&scale.Seed, "seed", 1, "seed of the random figures: the same seed gives the same workbooks")
	taxPath := flags.String("taxonomy", taxonomy.DefaultPath, "taxonomy file")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *out == "" || scale.Years < 1 || scale.Teams < 1 {
		fmt.Fprintln(stderr, "synth: -o is required, and -years and -teams must be at least 1")
		return ErrReported
	}
	tax, err := loadForWorkbooks(*taxPath)
	if err != nil {
		return err
	}
	sources := synth.Sources(scale, tax)
	tree, err := sourceTree(sources, tax)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	rows := 0
	for _, src := range sources {
		rows += len(src.Rows)
	}
	workbooks := len(tree)
	tree[report.AboutFile] = scale.About()
	if err := output.Replace(*out, tree); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %d synthetic workbooks (%d rows) under %s\n", workbooks, rows, *out)
	return nil
}
