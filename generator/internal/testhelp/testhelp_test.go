package testhelp

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNodeModules is the one test that fails when `npm ci` has not run;
// the tests that need node_modules skip then, pointing here (see
// NodeModule).
func TestNodeModules(t *testing.T) {
	stamp := filepath.Join(projectRoot(t), "node_modules", npmStamp)
	if _, err := os.Stat(stamp); err != nil {
		t.Fatalf("node_modules/%s is missing: run make test-deps (make test does)", npmStamp)
	}
}
