package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerify builds a site, verifies it against its sources (at the
// address it was built for, which the downloads page shows), then changes
// one figure of a table and one of the headline in one built page, and one
// in a download, and finds verify failing with that page and cell (or the
// headline's term), and that file and cell.
func TestVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo, twice")
	}
	site := t.TempDir()
	copySite(t, site)
	sources := filepath.Join(site, "sources")
	writeDemo(t, sources, 2)
	if _, stderr, err := run(t, "build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	// Built for an address of its own, which verify reads from the site.
	hugo(t, site, "--minify", "--baseURL", "https://transparency.example.org/")
	public := filepath.Join(site, "public")
	verifyArgs := []string{"verify", "-sources", sources, "-taxonomy", taxonomyPath, "-i18n", i18nDir, public}
	if stdout, stderr, err := run(t, verifyArgs...); err != nil || !strings.HasPrefix(stdout, "ok:") {
		t.Fatalf("verify of the site just built: %v\n%s%s", err, stdout, stderr)
	}

	// One digit of the first figure cell of Q2's page, and one of the
	// requests download.
	pagePath := filepath.Join(public, "periods", "2024-q2", "index.html")
	page, err := os.ReadFile(pagePath)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(page), "<td class=num>")
	if i < 0 {
		t.Fatal("no figure cell on /periods/2024-q2/")
	}
	i += len("<td class=num>")
	changed := string(page[:i]) + "9" + string(page[i:])
	// And the first figure of its headline, outside any table.
	j := strings.Index(changed, "<dd class=value>")
	if j < 0 {
		t.Fatal("no headline figure on /periods/2024-q2/")
	}
	j += len("<dd class=value>")
	changed = changed[:j] + "7" + changed[j:]
	if err := os.WriteFile(pagePath, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	// A download, in the release's folder (/downloads/latest/ is its alias).
	csvPath := filepath.Join(public, "downloads", "2024-Q2", "periods.csv")
	csv, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(csv), "\n", 3)
	lines[1] = strings.Replace(lines[1], ",", ",1", 6) // the sixth field on: a figure
	if err := os.WriteFile(csvPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	// And the rule that serves it at /downloads/latest/, pointed elsewhere.
	redirectsPath := filepath.Join(public, "_redirects")
	redirects, err := os.ReadFile(redirectsPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(redirects), "/downloads/latest/*  /downloads/2024-Q2/:splat  200") {
		t.Fatalf("_redirects does not make latest/ the alias of 2024-Q2/:\n%s", redirects)
	}
	if err := os.WriteFile(redirectsPath, []byte(strings.ReplaceAll(string(redirects), "2024-Q2", "2024-Q1")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, err := run(t, verifyArgs...)
	if err == nil {
		t.Fatal("verify passed a site with a changed figure")
	}
	for _, want := range []string{"periods/2024-q2/index.html: table ", "the page shows \"9", "periods/2024-q2/index.html: text under \"Requests\": the page shows \"7", "downloads/2024-Q2/periods.csv: row 2: column ", "_redirects: differs from the file the sources give"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("verify does not say %q:\n%s", want, stderr)
		}
	}
}
