package translations

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

const project = "../../.."

var action = regexp.MustCompile(`\{\{.*?\}\}`)

// readLanguages reads every i18n/LANG.toml of the project as key → text,
// a plural entry's forms joined.
func readLanguages(t *testing.T) map[string]map[string]any {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(project, DefaultDir, "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no i18n files: %v", err)
	}
	langs := map[string]map[string]any{}
	for _, f := range files {
		var entries map[string]any
		if _, err := toml.DecodeFile(f, &entries); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		langs[strings.TrimSuffix(filepath.Base(f), ".toml")] = entries
	}
	return langs
}

// actions are the template actions of an entry, all plural forms together.
func actions(v any) []string {
	var texts []string
	switch v := v.(type) {
	case string:
		texts = []string{v}
	case map[string]any:
		for _, form := range v {
			if s, ok := form.(string); ok {
				texts = append(texts, s)
			}
		}
	}
	var out []string
	for _, s := range texts {
		out = append(out, action.FindAllString(s, -1)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestEveryLanguageHasEveryKey: each language file has exactly the English
// file's keys, each with the same template actions (a translation that
// drops {{ .Period }} hides a figure; one that adds an unknown key fails
// at build time), a plural entry as a plural entry with its "other" form.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	langs := readLanguages(t)
	en := langs["en"]
	var site struct {
		Languages map[string]any `toml:"languages"`
	}
	if _, err := toml.DecodeFile(filepath.Join(project, "hugo.toml"), &site); err != nil {
		t.Fatal(err)
	}
	if got, want := slices.Sorted(maps.Keys(langs)), slices.Sorted(maps.Keys(site.Languages)); !slices.Equal(got, want) {
		t.Errorf("i18n has the languages %v, hugo.toml's [languages] %v: each language needs both", got, want)
	}
	for lang, entries := range langs {
		for key, want := range en {
			got, ok := entries[key]
			if !ok {
				t.Errorf("i18n/%s.toml: no %s", lang, key)
				continue
			}
			_, wantPlural := want.(map[string]any)
			gotForms, gotPlural := got.(map[string]any)
			if wantPlural != gotPlural {
				t.Errorf("i18n/%s.toml: %s is plural in one language and not in the other", lang, key)
			} else if gotPlural && gotForms["other"] == nil {
				t.Errorf("i18n/%s.toml: %s has no \"other\" form, which Hugo falls back to", lang, key)
			}
			if a, b := actions(want), actions(got); !slices.Equal(a, b) {
				t.Errorf("i18n/%s.toml: %s has the actions %q, English %q", lang, key, b, a)
			}
		}
		for key := range entries {
			if _, ok := en[key]; !ok {
				t.Errorf("i18n/%s.toml: %s is not in i18n/en.toml", lang, key)
			}
		}
	}
}

// TestEveryKeyIsUsed: every key of i18n/en.toml is named by a template, a
// content file or the generator, literally or as the fixed part of a key
// made with printf ("per_%s"), so that no file keeps words nobody reads.
func TestEveryKeyIsUsed(t *testing.T) {
	var code strings.Builder
	for _, dir := range []string{"layouts", "content", "generator", "assets/js"} {
		err := filepath.WalkDir(filepath.Join(project, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
				return err
			}
			b, err := os.ReadFile(path)
			code.Write(b)
			code.WriteByte('\n')
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	text := code.String()
	// Keys made at run time: printf "requester_lead_%s", "period_%s_%d_long".
	var made []*regexp.Regexp
	for _, m := range regexp.MustCompile(`"([a-z_]*%[sd][a-z_%sd]*)"`).FindAllStringSubmatch(text, -1) {
		pattern := regexp.QuoteMeta(m[1])
		pattern = strings.NewReplacer("%s", "[a-z0-9_-]+", "%d", "[0-9]+").Replace(pattern)
		made = append(made, regexp.MustCompile("^"+pattern+"$"))
	}
	word := regexp.MustCompile(`[a-z0-9_]+`)
	named := map[string]bool{}
	for _, w := range word.FindAllString(text, -1) {
		named[w] = true
	}
	for key := range readLanguages(t)["en"] {
		if named[key] || slices.ContainsFunc(made, func(r *regexp.Regexp) bool { return r.MatchString(key) }) {
			continue
		}
		t.Errorf("i18n/en.toml: %s is used nowhere", key)
	}
}
