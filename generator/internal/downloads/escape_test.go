package downloads_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"go.yaml.in/yaml/v3"

	"github.com/transparency-report/site/generator/internal/downloads"
	"github.com/transparency-report/site/generator/internal/golden"
	"github.com/transparency-report/site/generator/internal/report"
)

// hostileAbout holds, in every text report.toml gives, markup that Markdown
// or YAML would read: report.CheckText lets it through, as it is text, so
// the README and the citation must escape it.
var hostileAbout = report.About{
	Company: `Evil <img src=x onerror=alert(1)> "Mail": Inc.`,
	Website: "https://mail.example/a_b?x=1&y=2",
	License: report.License{
		ID:   "CC-BY-4.0 | x",
		Name: "[Terms](javascript:alert(1)) *and* `code` ~~gone~~",
		URL:  "https://mail.example/terms",
	},
	Notes: []string{
		"<script>alert(document.domain)</script>",
		"# Heading\nnext line\r\n- item",
		"1. not a list &#x202E; &amp; AT&T",
		"- nested",
		`back\slash \<b>`,
		"key: value\n---\nauthors: []",
	},
}

// TestHostileTextIsEscaped keeps the README and the citation of a release
// whose report.toml holds markup as golden files, and reads them back as
// Markdown and YAML: the Markdown must make no element from the texts, and
// the YAML must give back every text as it was.
func TestHostileTextIsEscaped(t *testing.T) {
	d := fixture(t)
	d.rep.About = hostileAbout
	rel := build(t, d)
	for _, p := range []string{downloads.ReadmeFile, downloads.CitationFile} {
		t.Run(p, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", "hostile", p), rel.Files[p])
		})
	}

	t.Run("README.md as HTML", func(t *testing.T) {
		var out bytes.Buffer
		md := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))
		if err := md.Convert(rel.Files[downloads.ReadmeFile], &out); err != nil {
			t.Fatal(err)
		}
		rendered := out.String()
		for _, bad := range []string{"<script", "<img", "<b>", `href="javascript`, "<em>", "<code>code", "<del>", "\u202e", "<h1>Heading", "<h2>Heading", "<ol"} {
			if strings.Contains(rendered, bad) {
				t.Errorf("the rendered README holds %q", bad)
			}
		}
		for _, text := range []string{
			"&lt;script&gt;alert(document.domain)&lt;/script&gt;",
			"Evil &lt;img src=x onerror=alert(1)&gt; &quot;Mail&quot;: Inc.",
			"[Terms](javascript:alert(1)) *and* `code` ~~gone~~",
			"# Heading next line - item",
			"1. not a list &amp;#x202E; &amp;amp; AT&amp;T",
			`back\slash \&lt;b&gt;`,
		} {
			if !strings.Contains(rendered, text) {
				t.Errorf("the rendered README does not show %q as text:\n%s", text, rendered)
			}
		}
	})

	t.Run("CITATION.cff as YAML", func(t *testing.T) {
		var cff struct {
			Title   string `yaml:"title"`
			URL     string `yaml:"url"`
			License string `yaml:"license"`
			Authors []struct {
				Name    string `yaml:"name"`
				Website string `yaml:"website"`
			} `yaml:"authors"`
		}
		if err := yaml.Unmarshal(rel.Files[downloads.CitationFile], &cff); err != nil {
			t.Fatal(err)
		}
		got := []string{cff.Title, cff.URL, cff.License, cff.Authors[0].Name, cff.Authors[0].Website}
		want := []string{downloads.Title(hostileAbout) + ": government requests for user data", hostileAbout.Website, hostileAbout.License.ID, hostileAbout.Company, hostileAbout.Website}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("CITATION.cff read back -want +got:\n%s", diff)
		}
	})
}
