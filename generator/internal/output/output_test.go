package output_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

func TestAddJSON(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"sorted keys", map[string]int{"b": 2, "a": 1, "c": 3}, "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n"},
		{"no HTML escaping", map[string]string{"link": "<a href=\"x\">&</a>"}, "{\n  \"link\": \"<a href=\\\"x\\\">&</a>\"\n}\n"},
		{"nested, two-space indent", map[string][]int{"n": {1, 2}}, "{\n  \"n\": [\n    1,\n    2\n  ]\n}\n"},
		{"empty list", []string{}, "[]\n"},
		{"null", nil, "null\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, second := output.Tree{}, output.Tree{}
			if err := first.AddJSON("f.json", tt.v); err != nil {
				t.Fatal(err)
			}
			if err := second.AddJSON("f.json", tt.v); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(first["f.json"])); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
			if string(first["f.json"]) != string(second["f.json"]) {
				t.Errorf("two encodings differ:\n%s\n%s", first["f.json"], second["f.json"])
			}
		})
	}
	if err := (output.Tree{}).AddJSON("f.json", func() {}); err == nil {
		t.Error("AddJSON encoded a function")
	}
}

func TestPaths(t *testing.T) {
	tree := output.Tree{"b/x.json": nil, "a.json": nil, "b/a.json": nil}
	if diff := cmp.Diff([]string{"a.json", "b/a.json", "b/x.json"}, tree.Paths()); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

// entries lists what dir holds, so that a test can see staging
// directories or temporary files left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func TestReplace(t *testing.T) {
	old := output.Tree{"old.txt": []byte("old\n"), "sub/old.txt": []byte("old\n")}
	tree := output.Tree{"a.txt": []byte("a\n"), "b/c/d.json": []byte("{}\n")}
	tests := []struct {
		name     string
		dir      string // under the test's folder; "DIR/" ends with a slash
		existing output.Tree
	}{
		{"new folder", "out", nil},
		{"new folder in new parents", "x/y/out", nil},
		{"replaces an existing folder", "out", old},
		{"trailing slash", "out/", old},
		{"trailing slash, new folder", "out/", nil},
		{"empty tree", "out", old},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, filepath.FromSlash(tt.dir))
			if tt.dir[len(tt.dir)-1] == '/' {
				dir += string(filepath.Separator) // filepath.Join drops it
			}
			if tt.existing != nil {
				if err := output.Replace(dir, tt.existing); err != nil {
					t.Fatal(err)
				}
			}
			want := tree
			if tt.name == "empty tree" {
				want = output.Tree{}
			}
			if err := output.Replace(dir, want); err != nil {
				t.Fatalf("Replace(%q) = %v", tt.dir, err)
			}
			if diff := cmp.Diff(want, testhelp.ReadTree(t, dir)); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
			if names := entries(t, filepath.Dir(filepath.Clean(dir))); len(names) != 1 {
				t.Errorf("%s holds %q; staging directories were left behind", filepath.Dir(dir), names)
			}
		})
	}
}

// TestReplaceKeepsTheOldTree: when the new tree cannot be written, the
// folder keeps the files it had and nothing is left beside it.
func TestReplaceKeepsTheOldTree(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	old := output.Tree{"old.txt": []byte("old\n")}
	if err := output.Replace(dir, old); err != nil {
		t.Fatal(err)
	}
	// A file where the tree needs a directory makes its writing fail.
	bad := output.Tree{"new.txt": []byte("new\n"), "new.txt/inside": []byte("x")}
	if err := output.Replace(dir, bad); err == nil {
		t.Fatal("Replace succeeded with an impossible tree")
	}
	if diff := cmp.Diff(old, testhelp.ReadTree(t, dir)); diff != "" {
		t.Errorf("the folder changed after a failed Replace (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"out"}, entries(t, root)); diff != "" {
		t.Errorf("left behind (-want +got):\n%s", diff)
	}
}

// TestReplaceAllIsAllOrNothing: when one directory cannot be written,
// neither changes.
func TestReplaceAllIsAllOrNothing(t *testing.T) {
	root := t.TempDir()
	data, served := filepath.Join(root, "data", "report"), filepath.Join(root, "generated", "downloads")
	old := output.Tree{"old.txt": []byte("old\n")}
	if err := output.ReplaceAll(output.Target{Dir: data, Files: old}, output.Target{Dir: served, Files: old}); err != nil {
		t.Fatal(err)
	}
	bad := output.Tree{"new.txt": []byte("new\n"), "new.txt/inside": []byte("x")}
	err := output.ReplaceAll(output.Target{Dir: data, Files: output.Tree{"new.txt": []byte("new\n")}}, output.Target{Dir: served, Files: bad})
	if err == nil {
		t.Fatal("ReplaceAll succeeded with an impossible tree")
	}
	for _, dir := range []string{data, served} {
		if diff := cmp.Diff(old, testhelp.ReadTree(t, dir)); diff != "" {
			t.Errorf("%s changed after a failed ReplaceAll (-want +got):\n%s", dir, diff)
		}
	}
	newData, newServed := output.Tree{"a.txt": []byte("a")}, output.Tree{"b/c.txt": []byte("c")}
	if err := output.ReplaceAll(output.Target{Dir: data, Files: newData}, output.Target{Dir: served + "/", Files: newServed}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(newServed, testhelp.ReadTree(t, served)); diff != "" {
		t.Errorf("served (-want +got):\n%s", diff)
	}
	for _, parent := range []string{filepath.Dir(data), filepath.Dir(served)} {
		if names := entries(t, parent); len(names) != 1 {
			t.Errorf("%s holds %q; staging directories were left behind", parent, names)
		}
	}
}

func TestWriteFile(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "new", "folder", "f.txt")
	for _, content := range []string{"first\n", "second\n"} {
		if err := output.WriteFile(file, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(file)
		if err != nil || string(got) != content {
			t.Errorf("%s = %q, %v; want %q", file, got, err, content)
		}
		if diff := cmp.Diff([]string{"f.txt"}, entries(t, filepath.Dir(file))); diff != "" {
			t.Errorf("temporary files left behind (-want +got):\n%s", diff)
		}
	}
	if err := output.WriteFile(filepath.Join(file, "inside"), nil); err == nil {
		t.Error("WriteFile wrote inside a file")
	}
}
