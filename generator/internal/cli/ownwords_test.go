package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/transparency-report/site/generator/internal/output"
	"github.com/transparency-report/site/generator/internal/report"
	"github.com/transparency-report/site/generator/internal/testhelp"
)

// TestOwnWordsInEveryLanguage: report.toml's notes show in a page's
// language where [translations.LANG] gives them, and otherwise in English,
// marked as English and saying so; a translation for a language the site
// does not have is refused with its key.
func TestOwnWordsInEveryLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	q := testhelp.MustPeriod(t, "2026-Q1")
	tree, err := sourceTree([]report.Source{{Period: q, Team: "legal",
		Rows: []report.Row{{Period: q, Country: "DE", LegalBasis: "court_order", Requests: report.Exactly(3), Accounts: report.Exactly(3)}}}}, testhelp.ProjectTaxonomy(t))
	if err != nil {
		t.Fatal(err)
	}
	about := "company = \"Example\"\nnotes = [\"Figures are rounded.\"]\n[translations.fr]\nnotes = [\"Les chiffres sont arrondis.\"]\n"
	site := t.TempDir()
	copySite(t, site)
	sources := filepath.Join(site, "sources")

	tree[report.AboutFile] = []byte(about + "[translations.pt_br]\nnotes = [\"x\"]\n")
	if err := output.Replace(sources, tree); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := run(t, "build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir)
	if want := `report.toml: translations.pt_br: the site has no language "pt_br"; its languages are `; err == nil || !strings.Contains(stderr, want) {
		t.Errorf("build with a misspelt language: %v, want the problem %q in:\n%s", err, want, stderr)
	}

	tree[report.AboutFile] = []byte(about)
	if err := output.Replace(sources, tree); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := run(t, "build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	hugo(t, site)
	pageShows(t, site, []pageCheck{
		{path: "methodology", want: []string{"<li>Figures are rounded.</li>"}, not: []string{"original language"}},
		{path: "fr/methodology", want: []string{"<li>Les chiffres sont arrondis.</li>"}, not: []string{"Figures are rounded", "langue d’origine"}},
		{path: "de/methodology", want: []string{`<ul lang="en-GB" dir="ltr">`, "<li>Figures are rounded.</li>", "nur in der Originalsprache des Berichts"}},
		{path: "fr/codebook", want: []string{"<li>Les chiffres sont arrondis.</li>"}},
	})
}
