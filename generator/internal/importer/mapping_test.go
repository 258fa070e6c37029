package importer

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/problem"
	"github.com/transparency-report/site/generator/internal/taxonomy"
)

// TestParseGolden parses each mapping and compares the result, the checked
// mapping with its defaults filled in or every problem found, with its
// golden file under testdata/mappings. Run go test -update to rewrite them
// after an intended change.
func TestParseGolden(t *testing.T) {
	tax, err := taxonomy.Load("../../../data/taxonomy.toml")
	if err != nil {
		t.Fatal(err)
	}
	inputs, err := filepath.Glob("testdata/mappings/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	goldens := map[string]string{}
	for _, in := range inputs {
		goldens[in] = strings.TrimSuffix(in, ".toml") + ".golden"
	}
	// The shipped example and the mappings of the other tests, too.
	goldens["../../../examples/mappings/google.toml"] = "testdata/mappings/example-google.golden"
	goldens["testdata/layouts/acme.toml"] = "testdata/mappings/layout-acme.golden"
	goldens["testdata/malformed/mapping.toml"] = "testdata/mappings/malformed-mapping.golden"
	for in, out := range goldens {
		t.Run(filepath.Base(out), func(t *testing.T) {
			m, err := Load(in, tax)
			var got string
			var perr *problem.Error
			switch {
			case errors.As(err, &perr):
				got = "problems:\n" + perr.Error() + "\n"
			case err != nil:
				t.Fatal(err)
			default:
				raw, err := json.MarshalIndent(m, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = "mapping:\n" + string(raw) + "\n"
			}
			got = strings.ReplaceAll(got, filepath.ToSlash(in), filepath.Base(in))
			golden.Check(t, out, []byte(got))
		})
	}
}
