package downloads_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/transparency-report/site/generator/internal/downloads"
)

// The official Frictionless JSON Schemas (profiles), as the npm packages
// datapackage (a devDependency of the project) and tableschema (its
// dependency) ship them; `npm ci` installs them.
var (
	tabularDataPackageProfile = filepath.Join(projectRoot, "node_modules", "datapackage", "lib", "profiles", "tabular-data-package.json")
	tableSchemaProfile        = filepath.Join(projectRoot, "node_modules", "tableschema", "lib", "profiles", "table-schema.json")
)

// compileProfile compiles one profile, skipping the test when npm packages
// are not installed on a developer's machine; in CI (CI set) that fails.
func compileProfile(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	if _, err := os.Stat(file); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("%v: run npm ci (make deps) to install the Frictionless profiles", err)
		}
		t.Fatalf("%v: the npm packages are not installed", err)
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(file)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, name string, data []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s does not validate:\n%v", name, err)
	}
}

type packageDescriptor struct {
	Profile   string `json:"profile"`
	Resources []struct {
		Name   string           `json:"name"`
		Path   string           `json:"path"`
		Bytes  int64            `json:"bytes"`
		Hash   string           `json:"hash"`
		Schema downloads.Schema `json:"schema"`
	} `json:"resources"`
}

// TestDataPackageValidates checks datapackage.json against the Frictionless
// Tabular Data Package profile, each resource's schema against the Table
// Schema profile, and each CSV against its schema, size and checksum.
func TestDataPackageValidates(t *testing.T) {
	pkgProfile := compileProfile(t, tabularDataPackageProfile)
	schemaProfile := compileProfile(t, tableSchemaProfile)
	for _, d := range []dataset{fixture(t), fixtureOtherTerms(t), demoQuarters(t)} {
		t.Run(d.name, func(t *testing.T) {
			rel := build(t, d)
			data := rel.Files[downloads.DataPackageFile]
			validateJSON(t, pkgProfile, downloads.DataPackageFile, data)

			var raw struct {
				Resources []struct {
					Schema json.RawMessage `json:"schema"`
				} `json:"resources"`
			}
			if err := json.Unmarshal(data, &raw); err != nil {
				t.Fatal(err)
			}
			var pkg packageDescriptor
			if err := json.Unmarshal(data, &pkg); err != nil {
				t.Fatal(err)
			}
			described := map[string]bool{}
			for i, r := range pkg.Resources {
				validateJSON(t, schemaProfile, r.Name+" schema", raw.Resources[i].Schema)
				file, ok := rel.Files[r.Path]
				if !ok {
					t.Errorf("resource %s: no file %s", r.Name, r.Path)
					continue
				}
				described[r.Path] = true
				if r.Bytes != int64(len(file)) || r.Hash != "sha256:"+downloads.SHA256(file) {
					t.Errorf("resource %s: bytes %d hash %s, file has %d %s", r.Name, r.Bytes, r.Hash, len(file), downloads.SHA256(file))
				}
				if problems := downloads.Conform(r.Schema, file); len(problems) > 0 {
					t.Errorf("%s does not conform to its schema:\n%s", r.Path, strings.Join(problems, "\n"))
				}
			}
			for _, p := range rel.Files.Paths() {
				if path.Ext(p) == ".csv" && !described[p] {
					t.Errorf("%s has no resource in %s", p, downloads.DataPackageFile)
				}
			}
		})
	}
}

// TestProfilesCatchMistakes makes sure the profiles are really applied: a
// descriptor with a mistake must fail.
func TestProfilesCatchMistakes(t *testing.T) {
	pkgProfile := compileProfile(t, tabularDataPackageProfile)
	schemaProfile := compileProfile(t, tableSchemaProfile)
	good := build(t, fixture(t)).Files[downloads.DataPackageFile]
	tests := []struct {
		name    string
		profile *jsonschema.Schema
		doc     string
	}{
		{"resource name in capitals", pkgProfile, strings.Replace(string(good), `"name": "requests"`, `"name": "Requests"`, 1)},
		{"hash that is not hex", pkgProfile, strings.Replace(string(good), `"hash": "sha256:`, `"hash": "sha256:zz`, 1)},
		{"no resources", pkgProfile, `{"profile": "tabular-data-package", "resources": []}`},
		{"unknown field type", schemaProfile, `{"fields": [{"name": "n", "type": "whole number"}]}`},
		{"primary key not a list of names", schemaProfile, `{"fields": [{"name": "n", "type": "integer"}], "primaryKey": 3}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if tt.profile.Validate(doc) == nil {
				t.Error("the profile accepted it")
			}
		})
	}
}

func TestCitationFileUnderOtherTerms(t *testing.T) {
	cff := string(build(t, fixtureOtherTerms(t)).Files[downloads.CitationFile])
	if strings.Contains(cff, "license:") || !strings.Contains(cff, `license-url: "https://mail.example/terms"`) {
		t.Errorf("CITATION.cff under terms without an SPDX identifier:\n%s", cff)
	}
}

func TestChecksumsMatchTheFiles(t *testing.T) {
	rel := build(t, fixture(t))
	sums, err := downloads.ParseChecksums(rel.Files[downloads.ChecksumsFile])
	if err != nil {
		t.Fatal(err)
	}
	if len(sums) != len(rel.Files)-1 {
		t.Errorf("%s lists %d files, the release has %d besides it", downloads.ChecksumsFile, len(sums), len(rel.Files)-1)
	}
	for p, data := range rel.Files {
		if p == downloads.ChecksumsFile {
			continue
		}
		if sums[p] != downloads.SHA256(data) {
			t.Errorf("%s: listed %q, file %s", p, sums[p], downloads.SHA256(data))
		}
	}
}
