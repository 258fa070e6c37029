package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckText(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       string // the error; empty when the text is accepted
	}{
		{"plain", "Figures for Q3 are estimates.", ""},
		{"empty", "", ""},
		{"right-to-left script", "أرقام تقديرية", ""},
		{"markup is text", `<script>alert(1)</script>`, ""},
		{"right-to-left override", "total \u202e0001", "holds the invisible bidirectional control character U+202E at character 7, which can change how the text beside it reads: remove it"},
		{"left-to-right embedding", "\u202aa", "holds the invisible bidirectional control character U+202A at character 1, which can change how the text beside it reads: remove it"},
		{"pop directional formatting", "a\u202c", "holds the invisible bidirectional control character U+202C at character 2, which can change how the text beside it reads: remove it"},
		{"first strong isolate", "é\u2068", "holds the invisible bidirectional control character U+2068 at character 2, which can change how the text beside it reads: remove it"},
		{"right-to-left mark", "\u200f", "holds the invisible bidirectional control character U+200F at character 1, which can change how the text beside it reads: remove it"},
		{"Arabic letter mark", "\u061c", "holds the invisible bidirectional control character U+061C at character 1, which can change how the text beside it reads: remove it"},
		{"as long as a cell holds", strings.Repeat("é", MaxText), ""},
		{"longer than a cell holds", strings.Repeat("é", MaxText+1), "is 32768 characters long, more than the 32767 a spreadsheet cell holds"},
		{"a megabyte", strings.Repeat("x", 1<<20), "is 1048576 characters long, more than the 32767 a spreadsheet cell holds"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, errText(CheckText(tt.text))); diff != "" {
				t.Errorf("CheckText -want +got:\n%s", diff)
			}
		})
	}
}

func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		url  string
		want string // the error; empty when the address is accepted
	}{
		{"https://creativecommons.org/licenses/by/4.0/", ""},
		{"http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", ""},
		{"HTTPS://example.com/terms?lang=en&v=2#section-1", ""},
		{"https://example.com/a%20b_(c)", ""},
		{"javascript:alert(document.domain)", `"javascript:alert(document.domain)" is not an https: or http: address`},
		{"JavaScript:alert(1)", `"JavaScript:alert(1)" is not an https: or http: address`},
		{"data:text/html;base64,PHNjcmlwdD4=", `"data:text/html;base64,PHNjcmlwdD4=" is not an https: or http: address`},
		{"vbscript:msgbox", `"vbscript:msgbox" is not an https: or http: address`},
		{"ftp://example.com/terms", `"ftp://example.com/terms" is not an https: or http: address`},
		{"/licence", `"/licence" is not an https: or http: address`},
		{"licence.html", `"licence.html" is not an https: or http: address`},
		{"//example.com/terms", `"//example.com/terms" is not an https: or http: address`},
		{"https:terms", `"https:terms" names no host: give a whole address such as https://example.com/terms`},
		{"https:///terms", `"https:///terms" names no host: give a whole address such as https://example.com/terms`},
		{"https://creativecommons.org@evil.example/", `"https://creativecommons.org@evil.example/" holds a user name before the host, which hides where it leads`},
		{`https://example.com/"onmouseover="alert(1)`, `"https://example.com/\"onmouseover=\"alert(1)" holds '"', which an address cannot: percent-encode it`},
		{"https://example.com/<script>", `"https://example.com/<script>" holds '<', which an address cannot: percent-encode it`},
		{"https://example.com/a b", `"https://example.com/a b" holds ' ', which an address cannot: percent-encode it`},
		{" https://example.com/", `" https://example.com/" holds ' ', which an address cannot: percent-encode it`},
		{"https://example.com/\n", `"https://example.com/\n" holds '\n', which an address cannot: percent-encode it`},
		{"https://example.com/[x](javascript:alert(1))", `"https://example.com/[x](javascript:alert(1))" holds '[', which an address cannot: percent-encode it`},
		{"https://exämple.com/", `"https://exämple.com/" holds 'ä', which an address cannot: percent-encode it`},
		{"https://example.com/\u202e", `"https://example.com/\u202e" holds '\u202e', which an address cannot: percent-encode it`},
		{"https://example.com/%zz", `"https://example.com/%zz" is not an address: invalid URL escape "%zz"`},
	} {
		t.Run(tt.url, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, errText(CheckURL(tt.url))); diff != "" {
				t.Errorf("CheckURL -want +got:\n%s", diff)
			}
		})
	}
}

func TestLoadAbout(t *testing.T) {
	const license = "[license]\nname = \"Terms\"\n"
	for _, tt := range []struct {
		name, toml string
		want       string // the error, with FILE for the path; empty when accepted
	}{
		{"whole", "company = \"Example\"\nwebsite = \"https://example.com\"\nnotes = [\"Figures are estimates.\"]\n" + license + "url = \"https://example.com/terms\"\n", ""},
		{"http licence", "company = \"Example\"\n" + license + "url = \"http://example.com/terms\"\n", ""},
		{"guidelines and principles", "company = \"Example\"\nlaw_enforcement_guidelines = \"https://example.com/le\"\nprinciples = \"https://example.com/p\"\n", ""},
		{"http guidelines, javascript principles", "company = \"Example\"\nlaw_enforcement_guidelines = \"http://example.com/le\"\nprinciples = \"javascript:alert(1)\"\n",
			"FILE: law_enforcement_guidelines: \"http://example.com/le\" is not an https: address\n" +
				"FILE: principles: \"javascript:alert(1)\" is not an https: or http: address"},
		{"javascript licence", "company = \"Example\"\n" + license + "url = \"javascript:alert(document.domain)\"\n",
			`FILE: license.url: "javascript:alert(document.domain)" is not an https: or http: address`},
		{"every problem at once", "company = \"Exa\\u202Emple\"\nwebsite = \"data:text/html,hi\"\nnotes = [\"fine\", \"" + strings.Repeat("x", MaxText+1) + "\"]\n" + license + "url = \"terms.html\"\n",
			"FILE: company: holds the invisible bidirectional control character U+202E at character 4, which can change how the text beside it reads: remove it\n" +
				"FILE: license.url: \"terms.html\" is not an https: or http: address\n" +
				"FILE: notes[1]: is 32768 characters long, more than the 32767 a spreadsheet cell holds\n" +
				"FILE: website: \"data:text/html,hi\" is not an https: or http: address"},
		{"translated notes", "company = \"Example\"\nnotes = [\"Figures are estimates.\"]\n[translations.fr]\nnotes = [\"Les chiffres sont des estimations.\"]\n", ""},
		{"bad translated note", "company = \"Example\"\n[translations.fr]\nnotes = [\"ok\", \"a\\u202Eb\"]\n",
			"FILE: translations.fr.notes[1]: holds the invisible bidirectional control character U+202E at character 2, which can change how the text beside it reads: remove it"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), AboutFile)
			if err := os.WriteFile(path, []byte(tt.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadAbout(path)
			if diff := cmp.Diff(strings.ReplaceAll(tt.want, "FILE", path), errText(err)); diff != "" {
				t.Errorf("LoadAbout -want +got:\n%s", diff)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return fmt.Sprint(err)
}

func TestAboutCheckLanguages(t *testing.T) {
	about := About{Translations: map[string]AboutWords{"fr": {}, "en": {}, "pt_br": {}}}
	var got []string
	for _, p := range about.CheckLanguages([]string{"ar", "en", "fr", "pt-br"}, "en") {
		got = append(got, p.Key+": "+p.Err.Error())
	}
	want := []string{
		"translations.en: en is the default language: its words are the ones outside [translations]",
		`translations.pt_br: the site has no language "pt_br"; its languages are ar, en, fr, pt-br`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckLanguages -want +got:\n%s", diff)
	}
}
