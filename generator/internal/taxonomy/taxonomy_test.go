package taxonomy

import (
	"strings"
	"testing"
)

func TestLoadProjectTaxonomy(t *testing.T) {
	tax, err := Load("../../../data/taxonomy.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, key string
		counts    bool
	}{
		{"Court order", "court_order", true},
		{"court_order", "court_order", true},
		{"  preservation REQUEST ", "preservation", false},
		{"Not broken down", "not_broken_down", true},
	} {
		e, ok := tax.LegalBasis(tt.name)
		if !ok || e.Key != tt.key || e.CountsTowardTotal != tt.counts {
			t.Errorf("LegalBasis(%q) = %+v, %v; want key %s counts %v", tt.name, e, ok, tt.key, tt.counts)
		}
	}
	disclosed := 0
	for _, o := range tax.Outcomes {
		if o.DataDisclosed {
			disclosed++
		}
		if o.Description["en"] == "" {
			t.Errorf("outcome %s has no description", o.Key)
		}
	}
	if disclosed != 2 {
		t.Errorf("%d outcomes disclose data, want 2 (content, non-content)", disclosed)
	}
	for _, tt := range []struct{ name, key string }{
		{"Push token", "push_token"},
		{" financial_identifier", "financial_identifier"},
		{"not broken down", "not_broken_down"},
		{"Other identifier", "other"},
	} {
		if e, ok := tax.RequestType(tt.name); !ok || e.Key != tt.key {
			t.Errorf("RequestType(%q) = %+v, %v; want key %s", tt.name, e, ok, tt.key)
		}
	}
	if e, ok := tax.RequestType("Court order"); ok {
		t.Errorf("RequestType(%q) = %+v, want none: it is a legal basis", "Court order", e)
	}
	for _, r := range tax.RequestTypes {
		if r.Description["en"] == "" {
			t.Errorf("request type %s has no description", r.Key)
		}
	}
}

func TestParseRejects(t *testing.T) {
	base := `
[[outcomes]]
key = "x"
label = { en = "X" }
[[outcome_groups]]
key = "g"
data_disclosed = true
label = { en = "G" }
[[outcome_groups]]
key = "h"
label = { en = "H" }
[[segments]]
key = "s"
label = { en = "S" }
[[national_security_types]]
key = "n"
label = { en = "N" }
`
	tests := []struct{ name, toml, want string }{
		{"duplicate key", base + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A\" }\n[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"B\" }\n", `t.toml: legal_bases[1]: key "a" given twice`},
		{"key is another's label", base + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"B\" }\n[[legal_bases]]\nkey = \"b\"\nlabel = { en = \"C\" }\n", `t.toml: legal_bases[1]: "b" also names legal_bases[0]`},
		{"keys differ in case only", base + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A1\" }\n[[legal_bases]]\nkey = \"A\"\nlabel = { en = \"A2\" }\n", `t.toml: legal_bases[1]: "A" also names legal_bases[0]`},
		{"label with spaces", base + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \" B \" }\n", `t.toml: legal_bases[0]: " B " has spaces around it`},
		{"no label", base + "[[legal_bases]]\nkey = \"a\"\n", "t.toml: legal_bases[0]: has no English label"},
		{"no key", base + "[[legal_bases]]\nlabel = { en = \"A\" }\n", "t.toml: legal_bases[0]: has no key"},
		{"empty group", base, "t.toml: legal_bases is empty"},
		{"two groups disclose", base + "[[outcome_groups]]\nkey = \"i\"\ndata_disclosed = true\nlabel = { en = \"I\" }\n[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A\" }\n",
			"t.toml: outcome_groups: 2 groups have data_disclosed = true; give exactly one"},
		{"group named as an outcome", strings.Replace(base, `key = "g"`, `key = "x"`, 1) + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A\" }\n",
			`t.toml: outcome_groups[0]: key "x" also names an outcome`},
		{"request type given twice", base + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A\" }\n[[request_types]]\nkey = \"device\"\nlabel = { en = \"Device\" }\n[[request_types]]\nkey = \"phone\"\nlabel = { en = \"device\" }\n",
			`t.toml: request_types[1]: "device" also names request_types[0]`},
		{"unknown field", base + "[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A\" }\ncounts = true\n", `t.toml: unknown field "legal_bases.counts"`},
		{
			"every problem at once",
			"[[legal_bases]]\nkey = \"a\"\n[[legal_bases]]\nkey = \"a\"\nlabel = { en = \"A\" }\n[[outcomes]]\nlabel = { en = \"X\" }\n",
			strings.Join([]string{
				"t.toml: legal_bases[0]: has no English label",
				`t.toml: legal_bases[1]: key "a" given twice`,
				"t.toml: outcomes[0]: has no key",
				"t.toml: outcome_groups is empty",
				"t.toml: segments is empty",
				"t.toml: national_security_types is empty",
			}, "\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.toml", []byte(tt.toml))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Parse error:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// IsOutcome is true of an outcome's key only: not of a group, nor of a
// name that Outcome would read.
func TestIsOutcome(t *testing.T) {
	tax, err := Load("../../../data/taxonomy.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range tax.Outcomes {
		if !tax.IsOutcome(o.Key) {
			t.Errorf("IsOutcome(%q) = false, want true", o.Key)
		}
		if _, ok := tax.Outcome(o.English()); ok && tax.IsOutcome(o.English()) && o.English() != o.Key {
			t.Errorf("IsOutcome(%q), an English label, = true", o.English())
		}
		if tax.IsOutcome(strings.ToUpper(o.Key)) {
			t.Errorf("IsOutcome(%q) = true, want false (keys are exact)", strings.ToUpper(o.Key))
		}
	}
	for _, g := range tax.OutcomeGroups {
		if tax.IsOutcome(g.Key) {
			t.Errorf("IsOutcome(%q), a group, = true", g.Key)
		}
	}
	if tax.IsOutcome("") {
		t.Error(`IsOutcome("") = true`)
	}
}
