// Package golden compares what a test made with the expected output kept in
// a file under testdata/, and rewrites those files when the tests run with
// -update:
//
//	go test ./generator/internal/downloads -update
//
// Differences print as -want +got, line by line, so that a change to one
// line of a long file reads as that one line.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/output"
)

// update is registered in every test binary that imports the package, so
// that -update means the same wherever it is given.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/ with what the tests make")

// Check compares got with the file at path, or with -update writes got
// there.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := output.WriteFile(path, got); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := lineDiff(want, got); diff != "" {
		t.Errorf("%s differs from what the test made (-want +got):\n%s", path, diff)
	}
}

// CheckTree compares files, by slash-separated path, with the files under
// dir: the same paths, and each with the same content. With -update it
// replaces dir with them.
func CheckTree(t testing.TB, dir string, files output.Tree) {
	t.Helper()
	if *update {
		if err := output.Replace(dir, files); err != nil {
			t.Fatal(err)
		}
		return
	}
	onDisk, err := output.ReadTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(onDisk.Paths(), files.Paths()); diff != "" {
		t.Errorf("the files under %s differ from the ones the test made (-want +got):\n%s", dir, diff)
	}
	for _, p := range files.Paths() {
		want, ok := onDisk[p]
		if !ok {
			continue // reported above
		}
		if diff := lineDiff(want, files[p]); diff != "" {
			t.Errorf("%s differs from what the test made (-want +got):\n%s", filepath.Join(dir, filepath.FromSlash(p)), diff)
		}
	}
}

// Updating reports whether the tests run with -update, for a test that
// keeps what it expects in a format of its own, such as a section of a
// txtar archive.
func Updating() bool { return *update }

// lineDiff compares two texts line by line; it is empty when they are equal.
func lineDiff(want, got []byte) string {
	return cmp.Diff(strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n"))
}
