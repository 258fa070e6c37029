package bench

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFloorSite writes Hugo's floor: a site of pages pages with a title
// and a sentence each, one plain layout and no data, which is the least a
// Hugo build of that many pages costs on this machine.
func writeFloorSite(dir string, pages int) error {
	files := map[string]string{
		"hugo.toml":           "baseURL = \"http://localhost/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n",
		"layouts/baseof.html": "<!doctype html><html lang=en><head><title>{{ .Title }}</title></head><body>{{ block \"main\" . }}{{ end }}</body></html>\n",
		"layouts/page.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
		"layouts/list.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ len .Pages }} pages</p>{{ end }}\n",
		"content/_index.md":   "---\ntitle: Floor\n---\n",
		"content/p/_index.md": "---\ntitle: Pages\n---\n",
	}
	for name, text := range files {
		if err := writeFile(filepath.Join(dir, name), text); err != nil {
			return err
		}
	}
	for i := range pages {
		text := fmt.Sprintf("---\ntitle: Page %d\n---\nPage %d of the floor site.\n", i, i)
		if err := writeFile(filepath.Join(dir, "content", "p", fmt.Sprintf("%06d.md", i)), text); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
