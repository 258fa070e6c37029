// Package cli implements the generator's commands. Run is the single entry
// point, so tests drive commands without a subprocess.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/transparency-report/site/generator/internal/countries"
	"github.com/transparency-report/site/generator/internal/draw"
	"github.com/transparency-report/site/generator/internal/geo"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/translations"
	"github.com/transparency-report/site/generator/internal/view"
	"github.com/transparency-report/site/generator/internal/workbook"
)

// ErrReported means the command already printed what went wrong (for
// example every problem in the sources) and only the exit code is left.
var ErrReported = errors.New("problems reported")

const usage = `usage: go run ./generator <command> [flags]

commands:
  template  write a blank workbook for a team to fill in
  validate  check every workbook under sources/ and report every problem
  build     validate, aggregate and write the site's data files under data/report/
  release   copy the latest release's downloads into releases/, where they never change
  diff      compare the sources with the latest published release: what is new, what changed
  import    turn another company's published CSV or XLSX files into workbooks, as a mapping file says
  demo      write the demo company's workbooks (used to make sources/)
  synth     write a big synthetic provider's workbooks, years of them (used by make bench)
  verify    rebuild the site from the sources and compare a built site's every table cell, text and download with it

Run "go run ./generator <command> -h" for a command's flags.
`

// Run runs one command with its arguments.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ErrReported
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "template":
		return runTemplate(rest, stdout, stderr)
	case "validate":
		return runValidate(ctx, rest, stdout, stderr)
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "release":
		return runRelease(ctx, rest, stdout, stderr)
	case "diff":
		return runDiff(ctx, rest, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "demo":
		return runDemo(rest, stdout, stderr)
	case "synth":
		return runSynth(rest, stdout, stderr)
	case "verify":
		return runVerify(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
	return ErrReported
}

// common holds the flags every data command takes.
type common struct {
	sources  string
	taxonomy string
	i18n     string
	// drafts includes the periods report.toml marks as drafts, for a
	// deploy preview; without it they are left out entirely.
	drafts bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.sources, "sources", "sources", "folder of period folders (2026-Q3/, ...) holding the teams' workbooks")
	fs.StringVar(&c.taxonomy, "taxonomy", taxonomy.DefaultPath, "taxonomy file")
	fs.StringVar(&c.i18n, "i18n", translations.DefaultDir, "the site's translation folder; one language per LANG.toml")
	fs.BoolVar(&c.drafts, "drafts", false, "include the periods report.toml marks as drafts (deploy previews), shown with a banner; without it they are left out")
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return ErrReported // the flag package printed the problem, or the help for -h
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return ErrReported
	}
	return nil
}

func runTemplate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("template", stderr)
	period := fs.String("quarter", "", "period the workbook reports, such as 2026-Q4 (required)")
	team := fs.String("team", "", "team name written into the workbook (default: the file's base name)")
	out := fs.String("o", "", "workbook to write, such as sources/2026-Q4/emea.xlsx (required)")
	taxPath := fs.String("taxonomy", taxonomy.DefaultPath, "taxonomy file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *period == "" || *out == "" {
		fmt.Fprintln(stderr, "template: -quarter and -o are required")
		return ErrReported
	}
	p, err := report.ParsePeriod(*period)
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	tax, err := loadForWorkbooks(*taxPath)
	if err != nil {
		return err
	}
	if *team == "" {
		*team = strings.TrimSuffix(filepath.Base(*out), filepath.Ext(*out))
	}
	f, err := workbook.Template(tax, p, *team)
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	if err := saveWorkbook(f, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: blank workbook for %s, team %s\n", *out, p, *team)
	return nil
}

// load reads and validates every source, printing problems to stderr, and
// computes the view of the report.
func load(ctx context.Context, c common, stderr io.Writer) (*taxonomy.Taxonomy, []report.Source, *view.Report, error) {
	tax, err := taxonomy.Load(c.taxonomy)
	if err != nil {
		return nil, nil, nil, err
	}
	var probs problem.List
	progress := newProgress(stderr)
	sources := workbook.ReadDir(c.sources, tax, &probs, progress.file)
	progress.done()
	checked := report.Check(sources, tax)
	probs.Merge(&checked)
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	words, langs, err := translations.LoadAll(c.i18n)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := countries.Load(langs...); err != nil {
		return nil, nil, nil, err
	}
	aboutPath := filepath.Join(c.sources, report.AboutFile)
	about, err := report.LoadAbout(aboutPath)
	if err != nil {
		probs.Addf(aboutPath, "", 0, 0, "%s", withoutPath(err, aboutPath))
	} else {
		for _, p := range about.CheckLanguages(langs, translations.DefaultLanguage) {
			probs.Addf(aboutPath, "", 0, 0, "%s: %v", p.Key, p.Err)
		}
		published := report.CheckPublication(report.WithoutDrafts(sources, about, false), about, aboutPath, tax)
		probs.Merge(&published)
	}
	correctionsPath := filepath.Join(c.sources, report.CorrectionsFile)
	entries, err := report.LoadCorrections(correctionsPath)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			probs.Addf(correctionsPath, "", 0, 0, "%s", withoutPath(errors.New(line), correctionsPath))
		}
	}
	if err := printProblems(&probs, stderr); err != nil {
		return nil, nil, nil, err
	}
	sources = report.WithoutDrafts(sources, about, c.drafts)
	if len(sources) == 0 {
		return nil, nil, nil, fmt.Errorf("no workbooks found under %s", c.sources)
	}
	rep, err := view.Build(report.Aggregate(sources, tax), tax, about, langs, words)
	if err != nil {
		return nil, nil, nil, err
	}
	if rep.Corrections, err = view.NewCorrections(entries, rep, tax); err != nil {
		return nil, nil, nil, err
	}
	rep.MarkCorrected()
	return tax, sources, rep, nil
}

// printProblems prints every problem, if there are any, and says that
// nothing was written.
func printProblems(probs *problem.List, stderr io.Writer) error {
	err := probs.Err()
	if err == nil {
		return nil
	}
	fmt.Fprintln(stderr, err)
	fmt.Fprintf(stderr, "%d problem(s) found; nothing was written\n", probs.Len())
	return ErrReported
}

// withoutPath is an error's message without the name of the file it is
// about, which the problem's location gives: LoadAbout's errors start with
// it, and a file that cannot be read is named again by the os package.
func withoutPath(err error, path string) string {
	var pathErr *fs.PathError
	if errors.As(err, &pathErr) {
		return "read: " + pathErr.Err.Error()
	}
	return strings.TrimPrefix(err.Error(), path+": ")
}

func summary(sources []report.Source) string {
	rows, periods := 0, map[report.Period]bool{}
	for _, s := range sources {
		rows += len(s.Rows) + len(s.NationalSecurity)
		periods[s.Period] = true
	}
	return fmt.Sprintf("%d files, %d rows, %d periods", len(sources), rows, len(periods))
}

func runValidate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("validate", stderr)
	var c common
	c.register(fs)
	releases := releasesFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	tax, sources, rep, err := load(ctx, c, stderr)
	if err != nil {
		return err
	}
	if _, _, err := checkedRelease(*releases, c, tax, sources, rep, stderr); err != nil {
		return fmt.Errorf("validate: %w", err)
	}
	fmt.Fprintf(stdout, "ok: %s\n", summary(sources))
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", stderr)
	var c common
	c.register(fs)
	dataDir := fs.String("data", "data", "Hugo data folder; the generated files go to its report/ subfolder")
	dl := registerDownloads(fs)
	worldPath := fs.String("world", "", "world geometry (TopoJSON) of the map (default: node_modules/"+geo.WorldAtlasFile+", found from the working folder up)")
	chartsDir := fs.String("charts", "", "folder of the charts drawn to SVG, which the site reads as assets/charts/ (default: generated/charts beside the -data folder)")
	chartCache := fs.String("chart-cache", draw.DefaultCache(), "folder where drawn charts are kept by the hash of what they are drawn from, so that a chart that has not changed is not drawn again; empty: none")
	if err := parse(fs, args); err != nil {
		return err
	}
	tax, sources, rep, err := load(ctx, c, stderr)
	if err != nil {
		return err
	}
	words, _, err := translations.LoadAll(c.i18n)
	if err != nil {
		return err
	}
	tree, err := view.Files(rep, tax, words)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	world, _, err := geo.World(*worldPath)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := view.AddMap(tree, rep, world, words); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	drawn, err := drawCharts(ctx, tree, words, *chartCache)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if *chartsDir == "" {
		*chartsDir = filepath.Join(filepath.Dir(filepath.Clean(*dataDir)), "generated", "charts")
	}
	target := filepath.Join(*dataDir, "report")
	if err := writeWithDownloads(dl, c, *dataDir, target, tree, rep, tax, sources, stdout, stderr, output.Target{Dir: *chartsDir, Files: drawn}); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	fmt.Fprintf(stdout, "built %s: %s, %d files written, latest period %s\n", target, summary(sources), len(tree), rep.Latest)
	return nil
}

// drawCharts draws the charts of the data tree to SVG (the tree of
// LANG/NAME.svg), and takes their options out of the data tree: the pages
// read the drawings, no template reads the options.
func drawCharts(ctx context.Context, tree output.Tree, words map[string]*translations.Set, cache string) (output.Tree, error) {
	charts := draw.FromTree(tree)
	tips := draw.Tips{}
	for lang, w := range words {
		tip, err := w.T("chart_tip", map[string]string{"Category": "%c", "Series": "%s", "Value": "%v"})
		if err != nil {
			return nil, err
		}
		tips[lang] = tip
	}
	drawn, err := draw.Charts(ctx, charts, tips, draw.Options{Cache: cache})
	if err != nil {
		return nil, err
	}
	for _, c := range charts {
		delete(tree, "charts/"+c.Lang+"/"+c.Name+".json")
	}
	return drawn, nil
}

// progress reports files and rows read, on a terminal only, for runs that
// take more than a moment.
type progress struct {
	w       io.Writer
	tty     bool
	start   time.Time
	files   int
	rows    int
	printed bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) file(_ string, rows int) {
	p.files++
	p.rows += rows
	if p.tty && time.Since(p.start) > 500*time.Millisecond {
		fmt.Fprintf(p.w, "\rreading sources: %d files, %d rows", p.files, p.rows)
		p.printed = true
	}
}

func (p *progress) done() {
	if p.printed {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
