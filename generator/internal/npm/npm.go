// Package npm finds the files of the npm packages that the generator reads
// at build time (world-atlas's geometry, CLDR's names), which `npm ci`
// installs from package-lock.json into the project's node_modules.
package npm

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Find looks for node_modules/file in dir and each folder above it, as Node
// resolves packages, so the generator finds the project's copy from any
// folder inside the project. file is slash-separated, such as
// "world-atlas/countries-110m.json".
func Find(dir, file string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find node_modules/%s: %w", file, err)
	}
	for d := abs; ; d = filepath.Dir(d) {
		path := filepath.Join(d, "node_modules", filepath.FromSlash(file))
		if _, err := os.Stat(path); err == nil {
			return path, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("find node_modules/%s: %w", file, err)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return "", fmt.Errorf("no node_modules/%s in %s or any folder above it: run npm ci", file, abs)
}
