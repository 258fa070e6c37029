package taxonomy

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that a taxonomy accepted has entries in every group but
// the optional request types, and that each entry is the one found by its
// key and by its English label, as workbooks name them: no word may name two
// entries. Its seeds are the
// project's taxonomy and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	project, err := os.ReadFile("../../../data/taxonomy.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(project)
	const path = "taxonomy.toml"
	f.Fuzz(func(t *testing.T, raw []byte) {
		tax, err := Parse(path, raw)
		if err != nil {
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Fatalf("Parse error %q does not name the file", err)
			}
			return
		}
		for _, group := range []struct {
			name    string
			entries []Entry
			find    func(string) (Entry, bool)
		}{
			{"legal_bases", tax.LegalBases, tax.LegalBasis},
			{"outcomes", tax.Outcomes, tax.Outcome},
			{"segments", tax.Segments, tax.Segment},
			{"national_security_types", tax.NationalSecurityType, tax.NationalSecurity},
			{"request_types", tax.RequestTypes, tax.RequestType},
		} {
			if len(group.entries) == 0 && group.name != "request_types" {
				t.Fatalf("%s is empty, but the taxonomy was accepted", group.name)
			}
			for i, e := range group.entries {
				for _, name := range []string{e.Key, e.English()} {
					if found, ok := group.find(name); !ok || found.Key != e.Key {
						t.Fatalf("%s[%d] (key %q): %q finds %q, %v", group.name, i, e.Key, name, found.Key, ok)
					}
				}
			}
		}
	})
}
