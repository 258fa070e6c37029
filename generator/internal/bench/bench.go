// Package bench times the generator and the site at the scale of a big
// provider (make bench): it writes synthetic sources of 1, 3, 10 … years
// (package synth, with a seed), then runs each phase as its own process,
// as a user runs it, and prints its wall time, CPU time and peak memory
// against two baselines measured in the same run: a bare excelize read of
// the same workbooks (BareRead) for the generator's phases, and Hugo's
// floor (a site of as many pages with no data) for the site.
package bench

import (
	"cmp"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

// Options say what to measure and where.
type Options struct {
	Project string // the project's root: its site files and the generator's source
	Work    string // scratch folder: binaries, sources and sites, kept between runs
	Years   []int  // the scales, in years of quarters
	Teams   int
	Seed    uint64
	Self    []string // the command that runs BareRead on a folder given after it
	Out     io.Writer
	Log     io.Writer // progress, one line a step
}

// A measure is one process's cost.
type measure struct {
	wall, cpu time.Duration
	peakMB    float64
}

// Run measures every scale of o and prints a table for each.
func Run(o Options) error {
	bin := filepath.Join(o.Work, "bin")
	generator, hugo := filepath.Join(bin, "generator"), filepath.Join(bin, "hugo")
	for _, b := range [][]string{{generator, "./generator"}, {hugo, "github.com/gohugoio/hugo"}} {
		fmt.Fprintf(o.Log, "go build -o %s %s\n", b[0], b[1])
		if _, err := run(o.Project, nil, "go", "build", "-o", b[0], b[1]); err != nil {
			return err
		}
	}
	fmt.Fprintf(o.Out, "Each phase one process on %d cores (%s); peak = maximum resident memory.\n", runtime.NumCPU(), runtime.GOARCH)
	for _, years := range o.Years {
		if err := runScale(o, years, generator, hugo); err != nil {
			return fmt.Errorf("%d-year report: %w", years, err)
		}
	}
	return nil
}

func runScale(o Options, years int, generator, hugo string) error {
	dir := filepath.Join(o.Work, fmt.Sprintf("%dy-%dt-seed%d", years, o.Teams, o.Seed))
	sources, site, public := filepath.Join(dir, "sources"), filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if _, err := os.Stat(filepath.Join(sources, "report.toml")); err != nil {
		fmt.Fprintf(o.Log, "%d-year report: writing synthetic sources\n", years)
		if _, err := run(o.Project, o.Log, generator, "synth", "-years", fmt.Sprint(years), "-teams", fmt.Sprint(o.Teams), "-seed", fmt.Sprint(o.Seed), "-o", sources,
			"-taxonomy", filepath.Join(o.Project, "data", "taxonomy.toml")); err != nil {
			return err
		}
	}
	if err := prepareSite(o.Project, site); err != nil {
		return err
	}
	type phase struct {
		name string
		dir  string
		argv []string
		m    measure
	}
	phases := []*phase{
		{name: "bare read (baseline)", dir: o.Project, argv: append(slices.Clone(o.Self), sources)},
		{name: "validate", dir: site, argv: []string{generator, "validate", "-sources", sources}},
		// Every chart drawn, as on a first build: no cache of drawings.
		{name: "build", dir: site, argv: []string{generator, "build", "-sources", sources, "-data", "data", "-chart-cache="}},
		{name: "Hugo site", dir: site, argv: []string{hugo, "--gc", "--minify", "--quiet", "-d", public}},
	}
	if err := os.RemoveAll(public); err != nil {
		return err
	}
	for _, p := range phases {
		fmt.Fprintf(o.Log, "%d-year report: %s\n", years, p.name)
		m, err := run(p.dir, nil, p.argv...)
		if err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
		p.m = m
	}
	pages, _, err := count(public, ".html")
	if err != nil {
		return err
	}
	floor := filepath.Join(dir, "floor")
	if err := os.RemoveAll(floor); err != nil {
		return err
	}
	if err := writeFloorSite(floor, pages); err != nil {
		return err
	}
	fmt.Fprintf(o.Log, "%d-year report: Hugo floor (%d pages)\n", years, pages)
	floorM, err := run(floor, nil, hugo, "--quiet", "-d", filepath.Join(floor, "public"))
	if err != nil {
		return fmt.Errorf("Hugo floor: %w", err)
	}
	phases = append(phases, &phase{name: "Hugo floor", m: floorM})

	quarters, workbooks := 4*years, 4*years*o.Teams
	fmt.Fprintf(o.Out, "\n%d-year report: %d quarters × %d teams = %d workbooks; %d HTML pages\n", years, quarters, o.Teams, workbooks, pages)
	fmt.Fprintf(o.Out, "| phase | wall | CPU | peak | wall ÷ baseline |\n| --- | ---: | ---: | ---: | ---: |\n")
	base := phases[0].m
	for _, p := range phases {
		against, ref := base, "bare read"
		if strings.HasPrefix(p.name, "Hugo") {
			against, ref = floorM, "Hugo floor"
		}
		fmt.Fprintf(o.Out, "| %s | %.1f s | %.1f s | %.0f MB | %.2f× %s |\n", p.name, p.m.wall.Seconds(), p.m.cpu.Seconds(), p.m.peakMB, p.m.wall.Seconds()/against.wall.Seconds(), ref)
	}
	for _, out := range []struct{ name, dir string }{
		{"data/report/", filepath.Join(site, "data", "report")},
		{"downloads", filepath.Join(site, "generated", "downloads")},
		{"site", public},
	} {
		files, bytes, err := count(out.dir, "")
		if err != nil {
			return err
		}
		fmt.Fprintf(o.Out, "%s: %.1f MB in %d files\n", out.name, float64(bytes)/1e6, files)
	}
	return nil
}

// prepareSite makes dir a copy of the project's site (its configuration,
// content, layouts, words and assets; node_modules linked), with empty
// data/report, generated/ and releases/, for the build to fill.
func prepareSite(project, dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, name := range []string{"hugo.toml", "content", "layouts", "i18n", "assets", "archetypes", "static", "data/taxonomy.toml"} {
		if err := copyTree(filepath.Join(project, name), filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "releases"), 0o755); err != nil {
		return err
	}
	return os.Symlink(filepath.Join(project, "node_modules"), filepath.Join(dir, "node_modules"))
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) && path == from {
			return nil // the project has no such folder
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// count returns the number and total size of the files under dir whose
// names end with suffix.
func count(dir, suffix string) (files int, bytes int64, err error) {
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, suffix) {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		bytes += info.Size()
		return nil
	})
	return files, bytes, err
}

// run runs argv in dir and measures it; the command's output goes to log
// (or is kept for the error) so that the table stays readable.
func run(dir string, log io.Writer, argv ...string) (measure, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = cmp.Or[io.Writer](log, &out), cmp.Or[io.Writer](log, &out)
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return measure{}, fmt.Errorf("%s: %w\n%s", strings.Join(argv, " "), err, out.String())
	}
	m := measure{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.peakMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
	}
	return m, nil
}
