package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/taxonomy"
	"github.com/transparency-report/site/generator/internal/view"
)

// downloadFlags are the flags of the commands that make the downloads.
type downloadFlags struct {
	dir      *string // served at /downloads/; build only
	releases *string // the committed archive of releases
}

func registerDownloads(fs *flag.FlagSet) downloadFlags {
	return downloadFlags{
		dir:      fs.String("downloads", "", "folder of the generated downloads that the site serves at /downloads/ (default: generated/downloads beside the -data folder)"),
		releases: releasesFlag(fs),
	}
}

func releasesFlag(fs *flag.FlagSet) *string {
	return fs.String("releases", "", "folder of the committed releases, served at /downloads/KEY/ (default: releases beside the -sources folder)")
}

// releasesDir is the archive beside the sources folder, unless a flag says
// otherwise: the releases belong to the report whose sources they are.
func releasesDir(flagValue, sources string) string {
	if flagValue != "" {
		return flagValue
	}
	return filepath.Join(filepath.Dir(filepath.Clean(sources)), "releases")
}

// writeWithDownloads makes the downloads of the report's latest release,
// adds their description to the site's data tree, and writes data/report/
// and the downloads folder together, with the other targets given: a build
// that fails changes none of them.
func writeWithDownloads(d downloadFlags, c common, dataDir, target string, tree output.Tree, rep *view.Report, tax *taxonomy.Taxonomy, sources []report.Source, stdout, stderr io.Writer, others ...output.Target) error {
	dir := *d.dir
	if dir == "" {
		dir = filepath.Join(filepath.Dir(filepath.Clean(dataDir)), "generated", "downloads")
	}
	archive, rel, err := checkedRelease(*d.releases, c, tax, sources, rep, stderr)
	if err != nil {
		return err
	}
	served := downloads.Served(rel, archive)
	if served.Warning != "" {
		fmt.Fprintln(stderr, "warning:", served.Warning)
	}
	if err := tree.AddJSON(downloads.SiteFile, downloads.SiteData(rel, archive, served)); err != nil {
		return err
	}
	targets := append([]output.Target{{Dir: target, Files: tree}, {Dir: dir, Files: served.Tree}}, others...)
	if err := output.ReplaceAll(targets...); err != nil {
		return err
	}
	if err := output.WriteFile(filepath.Join(filepath.Dir(filepath.Clean(dir)), downloads.ServerConfigFile), served.ServerConfig()); err != nil {
		return err
	}
	switch {
	case len(served.Tree) == 0:
		fmt.Fprintf(stdout, "%s: release %s is the committed one (%d files), served at latest/ too\n", dir, rel.Key, len(rel.Files))
	case served.LatestIsAlias():
		fmt.Fprintf(stdout, "wrote %s: release %s, %d files in %s/, served at latest/ too\n", dir, rel.Key, len(rel.Files), served.Dir)
	default:
		fmt.Fprintf(stdout, "wrote %s: release %s, %d files in latest/\n", dir, rel.Key, len(rel.Files))
	}
	return nil
}

// checkedRelease makes the downloads of the report's latest release and
// checks them against the releases in the archive: a published figure
// restated without its correction, or a correction that does not match the
// change, is printed and refused. validate, build and release call it, so
// that they refuse the same sources with the same words.
func checkedRelease(releases string, c common, tax *taxonomy.Taxonomy, sources []report.Source, rep *view.Report, stderr io.Writer) ([]downloads.Archived, *downloads.Release, error) {
	archive, err := downloads.ReadArchive(releasesDir(releases, c.sources))
	if err != nil {
		return nil, nil, err
	}
	rel, err := downloads.Build(rep, tax, sources)
	if err != nil {
		return nil, nil, err
	}
	if err := checkCorrections(c, archive, rel, sources, stderr); err != nil {
		return nil, nil, err
	}
	return archive, rel, nil
}

// runRelease copies the latest release's downloads into the archive, where
// they are committed and never change again.
func runRelease(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("release", stderr)
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
	_, rel, err := checkedRelease(*releases, c, tax, sources, rep, stderr)
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	dir := releasesDir(*releases, c.sources)
	wrote, err := downloads.Publish(dir, rel)
	if errors.Is(err, downloads.ErrChanged) {
		fmt.Fprintln(stderr, "release:", err)
		return ErrReported
	}
	if err != nil {
		return fmt.Errorf("release: %w", err)
	}
	target := filepath.Join(dir, rel.Key)
	if !wrote {
		fmt.Fprintf(stdout, "%s already holds release %s, unchanged\n", target, rel.Key)
		return nil
	}
	fmt.Fprintf(stdout, "wrote %s: %d files; commit them, the site serves them at /downloads/%s/ from now on\n", target, len(rel.Files), rel.Key)
	return nil
}
