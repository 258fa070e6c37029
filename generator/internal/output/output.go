// Package output writes generated files deterministically and atomically: a
// whole directory is prepared aside and swapped in with renames, so that an
// error leaves what was there before untouched.
package output

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("create staging directory: %w", err)
	}
	defer os.RemoveAll(staging)
	for _, p := range t.Paths() {
		target := filepath.Join(staging, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return fmt.Errorf("create directory for %s: %w", p, err)
		}
		if err := os.WriteFile(target, t[p], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return fmt.Errorf("set permissions: %w", err)
	}
	old := staging + ".old"
	hadOld := true
	if err := os.Rename(dir, old); err != nil {
		if !os.IsNotExist(err) {
			return fmt.Errorf("move old %s aside: %w", dir, err)
		}
		hadOld = false
	}
	if err := os.Rename(staging, dir); err != nil {
		if hadOld {
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("move new %s in place: %w", dir, err)
	}
	if hadOld {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove old %s: %w", dir, err)
		}
	}
	return nil
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
