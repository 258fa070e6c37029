package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"

	"github.com/transparency-report/site/generator/internal/verify"
)

// siteFiles are what Hugo reads of the project to build the site, besides
// the generator's data and downloads.
var siteFiles = []string{"hugo.toml", "layouts", "content", "assets", "i18n", "static", "data/taxonomy.toml"}

// runVerify builds the site the sources make now, in a folder of its own,
// and compares the built site given with it: every table cell and other
// text of every page and every download, each difference named by its page
// and cell.
func runVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("verify", stderr)
	var c common
	c.register(fs)
	releases := releasesFlag(fs)
	baseURL := fs.String("base-url", "", "the address the site was built for (default: its home page's canonical link)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run ./generator verify [flags] PUBLIC_DIR\n\nRebuilds the site from the sources (run it from the project's folder) and compares the built site in PUBLIC_DIR with it: every table cell, every other text and the charts' data of every page, the map's data, and every download.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ErrReported // the flag package printed the problem, or the help for -h
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ErrReported
	}
	public := fs.Arg(0)
	if info, err := os.Stat(public); err != nil || !info.IsDir() {
		return fmt.Errorf("verify: %s is not a built site's folder", public)
	}
	site, err := os.MkdirTemp("", "verify-")
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(site)
	root, err := projectFolder()
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if err := copyProject(root, site); err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	buildArgs := []string{"-sources", c.sources, "-taxonomy", c.taxonomy, "-i18n", c.i18n, "-data", filepath.Join(site, "data")}
	if c.drafts {
		buildArgs = append(buildArgs, "-drafts")
	}
	if *releases != "" {
		buildArgs = append(buildArgs, "-releases", *releases)
	}
	if err := runBuild(ctx, buildArgs, io.Discard, stderr); err != nil {
		return err
	}
	if rel, err := filepath.Abs(releasesDir(*releases, c.sources)); err == nil {
		// The site serves the committed releases beside the new downloads.
		if _, err := os.Stat(rel); err == nil {
			if err := os.Symlink(rel, filepath.Join(site, "releases")); err != nil {
				return fmt.Errorf("verify: %w", err)
			}
		}
	}
	hugoArgs := []string{"tool", "hugo", "--source", site, "--destination", filepath.Join(site, "public"), "--quiet"}
	if base := *baseURL; base != "" || siteAddress(public, &base) {
		hugoArgs = append(hugoArgs, "--baseURL", base)
	}
	hugo := exec.CommandContext(ctx, "go", hugoArgs...)
	if out, err := hugo.CombinedOutput(); err != nil {
		return fmt.Errorf("verify: build the site: %v\n%s", err, out)
	}
	probs, err := verify.Sites(filepath.Join(site, "public"), public)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	if err := probs.Err(); err != nil {
		fmt.Fprintln(stderr, err)
		fmt.Fprintf(stderr, "%d problem(s): %s is not the site the sources make\n", probs.Len(), public)
		return ErrReported
	}
	fmt.Fprintf(stdout, "ok: every page and download of %s is what the sources give\n", public)
	return nil
}

// canonical is the home page's canonical link, the address a site was built
// for.
var canonical = regexp.MustCompile(`<link rel="?canonical"? href="?([^" >]+)`)

// siteAddress sets base to the address the built site in public was built
// for, from its home page, and reports whether it found one: the pages that
// show an address (the downloads' releases) then compare as built.
func siteAddress(public string, base *string) bool {
	home, err := os.ReadFile(filepath.Join(public, "index.html"))
	if err != nil {
		return false
	}
	m := canonical.FindSubmatch(home)
	if m == nil {
		return false
	}
	*base = string(m[1])
	return true
}

// projectFolder is the project's folder: the first folder from the working
// one up that holds go.mod and hugo.toml.
func projectFolder() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		_, mod := os.Stat(filepath.Join(dir, "go.mod"))
		_, site := os.Stat(filepath.Join(dir, "hugo.toml"))
		if mod == nil && site == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no project folder (go.mod and hugo.toml) from the working folder up")
		}
		dir = parent
	}
}

// copyProject copies what Hugo reads of the project in root into dir, and
// links the npm packages, so that a build there leaves the project's own
// data/ and public/ as they are.
func copyProject(root, dir string) error {
	for _, name := range siteFiles {
		src := filepath.Join(root, name)
		if _, err := os.Stat(src); os.IsNotExist(err) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			return err
		}
		if out, err := exec.Command("cp", "-R", src, filepath.Join(dir, name)).CombinedOutput(); err != nil {
			return fmt.Errorf("copy %s: %v\n%s", name, err, out)
		}
	}
	modules := filepath.Join(root, "node_modules")
	if _, err := os.Stat(modules); err != nil {
		return fmt.Errorf("no node_modules in %s: run make deps", root)
	}
	return os.Symlink(modules, filepath.Join(dir, "node_modules"))
}
