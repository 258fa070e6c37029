// Command bench measures the generator and the site at the scale of a big
// provider: go run ./generator/bench -years 1,3,10 (make bench). See
// package generator/internal/bench.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/transparency-report/site/generator/internal/bench"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "bareread" {
		rows, err := bench.BareRead(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Printf("%d rows\n", rows)
		return
	}
	years := flag.String("years", "1,3,10", "the scales to measure, in years of quarters, comma-separated")
	teams := flag.Int("teams", 5, "teams, each with a workbook every quarter")
	seed := flag.Uint64("seed", 1, "seed of the synthetic figures")
	work := flag.String("work", "tmp/bench", "scratch folder, kept between runs (the synthetic sources are written once)")
	flag.Parse()
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	o := bench.Options{Teams: *teams, Seed: *seed, Self: []string{self, "bareread"}, Out: os.Stdout, Log: os.Stderr}
	if o.Project, err = os.Getwd(); err == nil {
		o.Work, err = filepath.Abs(*work)
	}
	for _, y := range strings.Split(*years, ",") {
		n, perr := strconv.Atoi(strings.TrimSpace(y))
		if perr != nil || n < 1 {
			err = fmt.Errorf("-years: %q is not a number of years", y)
			break
		}
		o.Years = append(o.Years, n)
	}
	if err == nil {
		err = bench.Run(o)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
