package importer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/cli"
	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/importer"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

var malformedFiles = []string{
	"testdata/malformed/bad-values.csv",
	"testdata/malformed/lost-line-breaks.csv",
	"testdata/malformed/unknown-legal-process.csv",
	"testdata/malformed/wrong-field-counts.csv",
}

// TestMalformed imports files in Google's layout that are broken in the
// ways real files are, and compares every problem reported, each with its
// file, row and column, with testdata/malformed/problems.golden.
func TestMalformed(t *testing.T) {
	tax := testhelp.ProjectTaxonomy(t)
	m, err := importer.Load("testdata/malformed/mapping.toml", tax)
	if err != nil {
		t.Fatal(err)
	}
	res, err := importer.Import(m, malformedFiles, tax)
	var perr *problem.Error
	if !errors.As(err, &perr) {
		t.Fatalf("Import = %v, %v; want located problems", res, err)
	}
	golden.Check(t, "testdata/malformed/problems.golden", []byte(perr.Error()+"\n"))
}

// TestMalformedWritesNothing runs the import command on broken files: it
// reports the problems, exits with an error and leaves the output folder as
// it was, absent or holding an earlier import.
func TestMalformedWritesNothing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "imported")
	run := func(files ...string) (string, error) {
		var stdout, stderr bytes.Buffer
		args := append([]string{"import", "-mapping", "testdata/malformed/mapping.toml", "-o", out, "-taxonomy", taxonomyPath}, files...)
		err := cli.Run(context.Background(), args, &stdout, &stderr)
		return stderr.String(), err
	}
	for _, file := range malformedFiles {
		t.Run(filepath.Base(file), func(t *testing.T) {
			stderr, err := run(file)
			if !errors.Is(err, cli.ErrReported) || !strings.Contains(stderr, file+": ") || !strings.HasSuffix(stderr, "nothing was written\n") {
				t.Fatalf("import %s = %v, stderr:\n%s", file, err, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Fatalf("%s was written: %v", out, err)
			}
		})
	}

	good := filepath.Join(t.TempDir(), "good.csv")
	csv := "Period Ending,Country/Region,CLDR Territory Code,Legal Process,User Data Requests,Percentage disclosed,Accounts\r" +
		"2023-06-30,Kosovo,XK,All,3,67,4\r" // old Mac line ends, which are read as such
	if err := os.WriteFile(good, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if stderr, err := run(good); err != nil {
		t.Fatalf("import good.csv: %v\n%s", err, stderr)
	}
	before := testhelp.ReadTree(t, out)
	if _, err := run(good, malformedFiles[0]); !errors.Is(err, cli.ErrReported) {
		t.Fatalf("import with a broken file = %v, want ErrReported", err)
	}
	if diff := cmp.Diff(before, testhelp.ReadTree(t, out)); diff != "" {
		t.Errorf("the earlier import changed -before +after:\n%s", diff)
	}
	// An import replaces an earlier one.
	if stderr, err := run(good); err != nil {
		t.Fatalf("import again: %v\n%s", err, stderr)
	}
}

func TestWriteKeepsOtherFolders(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := importer.Write(dir, map[string][]byte{"README.md": []byte("x")})
	if !errors.Is(err, importer.ErrNotImport) {
		t.Fatalf("Write over a folder that is not an import = %v, want ErrNotImport", err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "keep.txt")); err != nil || string(b) != "mine" {
		t.Errorf("keep.txt = %q, %v", b, err)
	}
}
