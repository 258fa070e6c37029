package downloads_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// The official Frictionless JSON Schemas (profiles), as the npm packages
// datapackage (a devDependency of the project) and tableschema (its
// dependency) ship them, inside node_modules.
const (
	tabularDataPackageProfile = "datapackage/lib/profiles/tabular-data-package.json"
	tableSchemaProfile        = "tableschema/lib/profiles/table-schema.json"
)

// compileProfile compiles one profile; see testhelp.NodeModule for what
// happens before `npm ci`.
func compileProfile(t *testing.T, profile string) *jsonschema.Schema {
	t.Helper()
	file := testhelp.NodeModule(t, profile)
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
	for _, d := range []dataset{fixture(t), fixtureOtherTerms(t), demoQuarters(t), requestTypes(t), withCorrections(t)} {
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
			}
			for _, p := range rel.Files.Paths() {
				if path.Ext(p) == ".csv" && !described[p] {
					t.Errorf("%s has no resource in %s", p, downloads.DataPackageFile)
				}
			}
			if out, err := frictionless(t, rel.Files); err != nil {
				t.Errorf("the Frictionless library does not read the package: %v\n%s", err, out)
			}
		})
	}
}

// frictionless writes the files of a release into a folder and reads every
// CSV with the Frictionless library, which checks each value against its
// field's type and constraints and the primary key against repeats.
func frictionless(t *testing.T, files output.Tree) (string, error) {
	t.Helper()
	library := testhelp.NodeModule(t, "datapackage")
	dir := filepath.Join(t.TempDir(), "release")
	if err := output.Replace(dir, files); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", filepath.Join("testdata", "frictionless.js"), library, filepath.Join(dir, downloads.DataPackageFile)).CombinedOutput()
	return string(out), err
}

// TestFrictionlessCatchesMistakes makes sure the CSVs are really read
// against their schemas: a repeated row and a value of the wrong type fail.
func TestFrictionlessCatchesMistakes(t *testing.T) {
	good := build(t, fixture(t)).Files
	header, rows, _ := strings.Cut(string(good["requests.csv"]), "\n")
	first, _, _ := strings.Cut(rows, "\n")
	tests := []struct{ name, csv, want string }{
		{"repeated row", header + "\n" + first + "\n" + first + "\n", "unique constraint violation"},
		{"not a boolean", header + "\n" + strings.Replace(first, ",true,", ",yes,", 1) + "\n", "requests.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(good)
			files["requests.csv"] = []byte(tt.csv)
			out, err := frictionless(t, files)
			if err == nil || !strings.Contains(out, tt.want) {
				t.Errorf("frictionless = %v, output %q; want a failure naming %q", err, out, tt.want)
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
