// Command generator turns the teams' quarterly spreadsheets into the data
// files of the transparency report site.
//
//	go run ./generator template -quarter 2026-Q4 -o FILE.xlsx
//	go run ./generator validate
//	go run ./generator build
//	go run ./generator diff
//
// Run it with no arguments for the full list of commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/transparency-report/site/generator/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, cli.ErrReported) {
			fmt.Fprintln(os.Stderr, "generator:", err)
		}
		os.Exit(cli.ExitCode(err))
	}
}
