package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/release"
	"github.com/transparency-report/site/generator/internal/report"
)

// ErrRestated means diff found a published figure changed or removed: its
// exit code is 1, as for problems, while only new figures exit 0.
var ErrRestated = fmt.Errorf("published figures changed: %w", ErrReported)

// exitError is an error with its exit code, other than 1.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// ExitCode is the exit code of a command's error: 0 for none, 1 for most
// (problems in the sources, a published figure that diff found changed),
// 2 for diff's other errors, so that a script tells "changed" from
// "failed".
func ExitCode(err error) int {
	var e exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &e):
		return e.code
	}
	return 1
}

// runDiff compares the sources with the latest published release; any
// error but ErrRestated exits 2.
func runDiff(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := diff(ctx, args, stdout, stderr)
	if err != nil && !errors.Is(err, ErrRestated) {
		return exitError{code: 2, err: err}
	}
	return err
}

func diff(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("diff", stderr)
	var c common
	c.register(fs)
	releases := releasesFlag(fs)
	format := fs.String("format", "text", "text (for a reviewer, such as in a pull request) or csv (a table: period, country_code, legal_basis, request_type, measure, before, after, kind)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "csv" {
		fmt.Fprintf(stderr, "diff: -format is %q; it is text or csv\n", *format)
		return ErrReported
	}
	tax, sources, rep, err := load(ctx, c, stderr)
	if err != nil {
		return err
	}
	archive, err := downloads.ReadArchive(releasesDir(*releases, c.sources))
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	rel, err := downloads.Build(rep, tax, sources)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	published, current, err := figures(archive, rel)
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	var before release.Figures
	against := ""
	if len(published) > 0 {
		latest := published[len(published)-1]
		before, against = latest.Figures, latest.Key
	}
	changes := release.Compare(before, current)
	if *format == "csv" {
		err = release.WriteCSV(stdout, changes)
	} else {
		err = release.WriteText(stdout, against, filepath.Join(c.sources, report.CorrectionsFile), changes)
	}
	if err != nil {
		return fmt.Errorf("diff: %w", err)
	}
	if release.Restated(changes) {
		return ErrRestated
	}
	return nil
}

// figures reads the figures of every archived release, oldest first, and
// of the release made now.
func figures(archive []downloads.Archived, rel *downloads.Release) ([]release.Published, release.Figures, error) {
	var published []release.Published
	for _, a := range archive {
		f, err := release.ReadFigures(a.Files[release.RequestsFile])
		if err != nil {
			return nil, nil, fmt.Errorf("release %s: %w", a.Key, err)
		}
		published = append(published, release.Published{Key: a.Key, Figures: f})
	}
	current, err := release.ReadFigures(rel.Files[release.RequestsFile])
	if err != nil {
		return nil, nil, err
	}
	return published, current, nil
}

// checkCorrections refuses a published figure restated without its entry
// in the corrections file, and an entry that does not match the change,
// printing every problem.
func checkCorrections(c common, archive []downloads.Archived, rel *downloads.Release, sources []report.Source, stderr io.Writer) error {
	published, current, err := figures(archive, rel)
	if err != nil {
		return err
	}
	path := filepath.Join(c.sources, report.CorrectionsFile)
	entries, err := report.LoadCorrections(path) // load read and checked it already
	if err != nil {
		return err
	}
	probs := release.CheckCorrections(published, current, entries, path, release.Cells(sources))
	return printProblems(&probs, stderr)
}
