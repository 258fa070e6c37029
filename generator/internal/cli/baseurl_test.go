package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestNetlifyBuildsAtItsAddress: every Netlify context builds the site once,
// with make site, at the address Netlify deploys it to (URL for
// production, DEPLOY_PRIME_URL for previews and branch deploys), never at
// hugo.toml's localhost; only previews include the draft periods.
func TestNetlifyBuildsAtItsAddress(t *testing.T) {
	var config struct {
		Build struct {
			Command string `toml:"command"`
		} `toml:"build"`
		Context map[string]struct {
			Command string `toml:"command"`
		} `toml:"context"`
	}
	if _, err := toml.DecodeFile(filepath.Join(projectRoot, "netlify.toml"), &config); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"production": "make site BASE_URL=$URL", "deploy-preview": "make site BASE_URL=$DEPLOY_PRIME_URL DRAFTS=1", "branch-deploy": "make site BASE_URL=$DEPLOY_PRIME_URL DRAFTS=1"}
	got := map[string]string{"production": config.Build.Command}
	for name, c := range config.Context {
		got[name] = c.Command
	}
	for name, command := range want {
		if got[name] != command {
			t.Errorf("netlify.toml: %s builds with %q, want %q", name, got[name], command)
		}
	}
}

// TestProductionAddresses builds the demo at a production address and finds
// every absolute address the site gives (canonical links, Open Graph, the
// feed, the sitemap, the citation) on it, and none on localhost.
func TestProductionAddresses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	const base = "https://transparency.example.org/"
	site := t.TempDir()
	copySite(t, site)
	sources := filepath.Join(site, "sources")
	writeDemo(t, sources, 2)
	if _, stderr, err := run(t, "build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	hugo(t, site, "--baseURL", base)
	public := filepath.Join(site, "public")
	absolute := regexp.MustCompile(`(?:href|src|content)="(https?://[^"]+)"|<(?:loc|link|guid)>(https?://[^<]+)<`)
	found := 0
	eachFile(t, public, []string{".html", ".xml"}, func(path, content string) {
		if strings.Contains(content, "localhost") {
			t.Errorf("%s: names localhost", path)
		}
		for _, m := range absolute.FindAllStringSubmatch(content, -1) {
			url := m[1] + m[2]
			if strings.HasPrefix(url, base) {
				found++
			}
		}
	})
	for _, file := range []string{"index.html", "sitemap.xml", "periods/index.xml"} {
		raw, err := os.ReadFile(filepath.Join(public, file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), base) {
			t.Errorf("%s does not give the site's address %s", file, base)
		}
	}
	if found == 0 {
		t.Errorf("no absolute address on %s in the site", base)
	}
}

// TestDrafts builds the same sources as production and as a preview: a
// period report.toml marks as a draft is nowhere in production (pages,
// feed, sitemap, downloads), and in the preview every page carries the
// draft banner.
func TestDrafts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site with Hugo")
	}
	build := func(args ...string) string {
		site := t.TempDir()
		copySite(t, site)
		sources := filepath.Join(site, "sources")
		writeDemo(t, sources, 2)
		if err := os.WriteFile(filepath.Join(sources, "report.toml"), []byte("company = \"Example\"\ndrafts = [\"2024-Q2\"]\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append([]string{"build", "-sources", sources, "-data", filepath.Join(site, "data"), "-taxonomy", taxonomyPath, "-i18n", i18nDir}, args...)
		if _, stderr, err := run(t, args...); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		hugo(t, site)
		return site
	}
	const banner = "Draft — not published."
	production := build()
	if _, err := os.Stat(filepath.Join(production, "public", "periods", "2024-q2")); !os.IsNotExist(err) {
		t.Errorf("production has a page for the draft 2024-Q2: %v", err)
	}
	eachFile(t, filepath.Join(production, "public"), []string{".html", ".xml"}, func(path, content string) {
		if strings.Contains(content, "2024-q2") || strings.Contains(content, banner) {
			t.Errorf("production %s names the draft 2024-Q2 or its banner", path)
		}
	})
	eachFile(t, filepath.Join(production, "generated"), []string{".csv"}, func(path, content string) {
		if strings.Contains(content, "2024-Q2") {
			t.Errorf("production download %s holds the draft 2024-Q2", path)
		}
	})
	preview := build("-drafts")
	for _, path := range []string{"", "periods/2024-q2", "countries"} {
		if html := page(t, preview, path); !strings.Contains(html, banner) {
			t.Errorf("preview /%s has no draft banner", path)
		}
	}
}
