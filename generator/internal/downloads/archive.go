package downloads

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
)

// The archive of releases is a folder (releases/ in the repository) of
// committed release folders, releases/KEY/, served at /downloads/KEY/. A
// published release never changes: ReadArchive checks each folder against
// its own SHA256SUMS, and Publish refuses to change a folder that exists.

// Archived is one committed release.
type Archived struct {
	Key   string
	Files output.Tree
}

// ErrChanged means a committed release folder differs from what it should hold.
var ErrChanged = errors.New("a published release never changes")

// ReadArchive reads every release folder under dir (a missing dir is an
// empty archive) and checks that each holds exactly the files its
// SHA256SUMS lists, with those checksums. Every problem is reported.
func ReadArchive(dir string) ([]Archived, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read releases: %w", err)
	}
	var out []Archived
	var problems []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if _, err := report.ParsePeriod(name); err != nil {
			problems = append(problems, fmt.Sprintf("%s: folder name: %v", filepath.Join(dir, name), err))
			continue
		}
		files, err := readRelease(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for _, p := range verify(files) {
			problems = append(problems, filepath.Join(dir, name)+": "+p)
		}
		out = append(out, Archived{Key: name, Files: files})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w:\n%s", ErrChanged, strings.Join(problems, "\n"))
	}
	slices.SortFunc(out, func(a, b Archived) int { return comparePeriods(a.Key, b.Key) })
	return out, nil
}

func comparePeriods(a, b string) int {
	pa, errA := report.ParsePeriod(a)
	pb, errB := report.ParsePeriod(b)
	if errA != nil || errB != nil {
		return strings.Compare(a, b)
	}
	return pa.Compare(pb)
}

// readRelease reads a release folder.
func readRelease(dir string) (output.Tree, error) {
	files, err := output.ReadTree(dir)
	if err != nil {
		return nil, fmt.Errorf("read release: %w", err)
	}
	return files, nil
}

// ParseChecksums reads a SHA256SUMS file: path → hex checksum.
func ParseChecksums(data []byte) (map[string]string, error) {
	sums := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 || name == "" {
			return nil, fmt.Errorf("%s line %d: not a line such as \"HEX  FILE\"", ChecksumsFile, line)
		}
		sums[name] = sum
	}
	return sums, sc.Err()
}

// verify lists how files disagree with their own SHA256SUMS.
func verify(files output.Tree) []string {
	data, ok := files[ChecksumsFile]
	if !ok {
		return []string{"no " + ChecksumsFile}
	}
	sums, err := ParseChecksums(data)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for _, p := range files.Paths() {
		switch want, listed := sums[p]; {
		case p == ChecksumsFile:
		case !listed:
			problems = append(problems, p+": not listed in "+ChecksumsFile)
		case SHA256(files[p]) != want:
			problems = append(problems, p+": checksum differs from "+ChecksumsFile)
		}
	}
	for name := range sums {
		if _, ok := files[name]; !ok {
			problems = append(problems, name+": listed in "+ChecksumsFile+" but missing")
		}
	}
	slices.Sort(problems)
	return problems
}

// Diff lists the paths whose content differs between two trees, or that
// only one holds.
func Diff(a, b output.Tree) []string {
	var out []string
	for _, p := range a.Paths() {
		if other, ok := b[p]; !ok || !bytes.Equal(a[p], other) {
			out = append(out, p)
		}
	}
	for _, p := range b.Paths() {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// Publish writes a release into dir/KEY/ (dir is the archive). It reports
// whether it wrote anything: a folder that already holds exactly these files
// is left alone, and one that holds anything else is an ErrChanged error,
// since a published release never changes.
func Publish(dir string, rel *Release) (bool, error) {
	target := filepath.Join(dir, rel.Key)
	if _, err := os.Stat(target); err == nil {
		existing, err := readRelease(target)
		if err != nil {
			return false, err
		}
		if diff := Diff(existing, rel.Files); len(diff) > 0 {
			return false, fmt.Errorf("%s exists and differs from the files made now (%s): %w; publish corrections as the next release", target, summarise(diff), ErrChanged)
		}
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := output.Replace(target, rel.Files); err != nil {
		return false, err
	}
	return true, nil
}

// summarise names a few paths and counts the rest.
func summarise(paths []string) string {
	const shown = 5
	if len(paths) <= shown {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:shown], ", "), len(paths)-shown)
}

// LatestDir is the folder of /downloads/ whose address always gives the
// newest files: /downloads/latest/.
const LatestDir = "latest"

// Serving is what the build writes for the site under /downloads/.
type Serving struct {
	// Tree holds the files to write into the downloads folder.
	Tree output.Tree
	// Dir is the folder of /downloads/ that holds the files made now: the
	// release's key, or LatestDir when a committed release of the same key
	// differs from them (KEY/ then serves the committed files, which never
	// change).
	Dir string
	// Warning names the files that differ in that case; empty otherwise.
	Warning string
}

// LatestIsAlias reports whether /downloads/latest/ is an alias of Dir,
// which the host serves (the site's _redirects, Hugo's server
// configuration), rather than a folder of its own.
func (s Serving) LatestIsAlias() bool { return s.Dir != LatestDir }

// Served decides what the build writes for the site under /downloads/. The
// files made now are written once, under KEY/, and /downloads/latest/ is an
// alias of KEY/; when the archive already has a committed KEY/ holding
// exactly these files, nothing is written (the archive is mounted at the
// same place). Only when a committed KEY/ differs from the files made now
// do they go to a latest/ folder of their own, with a warning naming the
// files.
func Served(rel *Release, archive []Archived) Serving {
	for _, a := range archive {
		if a.Key != rel.Key {
			continue
		}
		if diff := Diff(a.Files, rel.Files); len(diff) > 0 {
			tree := output.Tree{}
			for p, data := range rel.Files {
				tree[LatestDir+"/"+p] = data
			}
			return Serving{Tree: tree, Dir: LatestDir, Warning: fmt.Sprintf("the committed release %s differs from the files made now (%s): /downloads/%s/ serves the committed files, /downloads/latest/ the new ones",
				rel.Key, summarise(diff), rel.Key)}
		}
		return Serving{Tree: output.Tree{}, Dir: rel.Key}
	}
	tree := output.Tree{}
	for p, data := range rel.Files {
		tree[rel.Key+"/"+p] = data
	}
	return Serving{Tree: tree, Dir: rel.Key}
}

// ServerConfigFile is the Hugo configuration, beside the downloads folder,
// that gives Hugo's server (make serve) the alias of /downloads/latest/ that
// the site's _redirects gives the host.
const ServerConfigFile = "hugo-server.toml"

// ServerConfig is Hugo's server configuration for s: /downloads/latest/
// served from /downloads/DIR/ (a rewrite, status 200, as on the host), or
// no rule when latest/ is a folder of its own.
func (s Serving) ServerConfig() []byte {
	var b strings.Builder
	b.WriteString("# Written by `go run ./generator build`; make serve gives it to Hugo's server\n")
	b.WriteString("# with --config after hugo.toml, so that /downloads/latest/\n")
	b.WriteString("# serves the newest release as the site's _redirects makes the host do.\n")
	if !s.LatestIsAlias() {
		b.WriteString("# /downloads/latest/ is a folder of its own in this build: no rule.\n")
		return []byte(b.String())
	}
	fmt.Fprintf(&b, "[[server.redirects]]\n  fromRe = '^/downloads/%s/(.*)$'\n  to = '/downloads/%s/$1'\n  status = 200\n", LatestDir, s.Dir)
	return []byte(b.String())
}
