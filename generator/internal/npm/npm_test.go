package npm

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFind(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "node_modules", "pkg", "data.json")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	inside := filepath.Join(root, "site", "content")
	if err := os.MkdirAll(inside, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(inside, "pkg/data.json"); err != nil || got != file {
		t.Errorf("Find from a folder inside = %q, %v; want %q", got, err, file)
	}
	want := "no node_modules/pkg/other.json in " + inside + " or any folder above it: run npm ci"
	if _, err := Find(inside, "pkg/other.json"); err == nil || err.Error() != want {
		t.Errorf("Find of a missing file: %v, want %q", err, want)
	}
}
