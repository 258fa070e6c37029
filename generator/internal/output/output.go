// Package output writes generated files deterministically and atomically,
// for every command: a whole directory is prepared aside and swapped in with
// renames (Replace, ReplaceAll), and a single file is written aside and
// renamed (WriteFile), so that an error leaves what was there before
// untouched.
package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Tree is a set of files to write, by slash-separated path relative to the
// tree's root.
type Tree map[string][]byte

// AddJSON encodes v with sorted map keys, two-space indentation, no HTML
// escaping and a trailing newline.
func (t Tree) AddJSON(path string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	t[path] = buf.Bytes()
	return nil
}

// Paths returns the tree's paths, sorted.
func (t Tree) Paths() []string {
	out := make([]string, 0, len(t))
	for p := range t {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Replace makes dir hold exactly the files of t. It writes them into a new
// directory beside dir, then renames: if anything fails before the final
// rename, dir is as it was.
func Replace(dir string, t Tree) error {
	return ReplaceAll(Target{Dir: dir, Files: t})
}

// Target is one directory to replace with a tree of files.
type Target struct {
	Dir   string
	Files Tree
}

// ReplaceAll makes each target directory hold exactly its files, like
// Replace, for several directories at once: every tree is written beside
// its directory first, and only when all are written are they renamed into
// place, one after the other. A failure while writing leaves every
// directory as it was; a failed rename puts back the directories already
// renamed. Between the renames, a fraction of a millisecond, a reader can
// see the new first directory beside the old second one.
func ReplaceAll(targets ...Target) (err error) {
	staged := make([]string, len(targets))
	defer func() {
		for _, s := range staged {
			if s != "" {
				os.RemoveAll(s)
				os.RemoveAll(s + ".old")
			}
		}
	}()
	for i, t := range targets {
		staged[i], err = stage(t)
		if err != nil {
			return err
		}
	}
	type swapped struct{ dir, staging string }
	var done []swapped
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			d := done[i]
			os.Rename(d.dir, d.staging)
			os.Rename(d.staging+".old", d.dir)
		}
	}
	for i, t := range targets {
		dir := filepath.Clean(t.Dir)
		if err := os.Rename(dir, staged[i]+".old"); err != nil && !errors.Is(err, fs.ErrNotExist) {
			undo()
			return fmt.Errorf("move old %s aside: %w", t.Dir, err)
		}
		if err := os.Rename(staged[i], dir); err != nil {
			os.Rename(staged[i]+".old", dir)
			undo()
			return fmt.Errorf("move new %s in place: %w", t.Dir, err)
		}
		done = append(done, swapped{dir, staged[i]})
	}
	return nil
}

// stage writes a target's files into a new directory beside it. The
// directory is cleaned first: the parent of "out/" is the parent of "out",
// not "out" itself.
func stage(t Target) (string, error) {
	dir := filepath.Clean(t.Dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return "", fmt.Errorf("create staging directory: %w", err)
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return staging, fmt.Errorf("set permissions: %w", err)
	}
	for _, p := range t.Files.Paths() {
		target := filepath.Join(staging, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return staging, fmt.Errorf("create directory for %s: %w", p, err)
		}
		if err := os.WriteFile(target, t.Files[p], 0o644); err != nil {
			return staging, fmt.Errorf("write %s: %w", p, err)
		}
	}
	return staging, nil
}

// ReadTree reads every file under dir into a tree.
func ReadTree(dir string) (Tree, error) {
	files := Tree{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// WriteFile writes one file atomically: a temporary file in the same
// directory, then a rename.
func WriteFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create directory for %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("set permissions of %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("move %s in place: %w", path, err)
	}
	return nil
}
