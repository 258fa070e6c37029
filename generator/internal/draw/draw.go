// Package draw draws the charts of the site to SVG at build time, so that
// a page shows every chart with JavaScript off and before any script runs.
//
// The view layer makes each chart's ECharts option (data files
// charts/LANG/NAME.json); Charts hands them to ECharts' own server-side
// renderer in Node (draw.mjs, embedded here and run with the echarts
// package of node_modules) and returns the markup of each, drawn at a
// phone's and a wide screen's width, as LANG/NAME.svg. The figures and
// labels are the option's: the renderer only lays them out, as the
// browser drew them before, and gives each bar a native tooltip.
//
// Charts are drawn by one Node process per processor, each a share of the
// charts in a fixed order, so the output does not depend on timing. A
// drawing depends only on its option, language and words, draw.mjs, the
// echarts package and Node (its number formats): kept in a cache folder
// under the hash of all of them, a chart that has not changed since an
// earlier build is not drawn again.
package draw

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/transparency-report/site/generator/internal/npm"
	"github.com/transparency-report/site/generator/internal/output"
)

//go:embed draw.mjs
var script string

// EChartsFile is the file of the echarts package that draw.mjs imports.
const EChartsFile = "echarts/index.js"

// Drawn says whether the chart file name (charts/LANG/NAME.json of the data
// tree) is drawn at build time. The map's options are not: the home page's
// script draws the map of the period chosen.
func Drawn(name string) bool {
	return !strings.HasPrefix(path.Base(name), "map-")
}

// Chart is one chart to draw.
type Chart struct {
	Lang   string          // the page's language (BCP 47): number format and direction
	Name   string          // the chart's name, NAME of charts/LANG/NAME.json
	Option json.RawMessage // the option, as the view layer made it
}

// Tips gives, per language, the words of a bar's native tooltip, with %c,
// %s and %v for its category, series and figure.
type Tips map[string]string

// FromTree lists the charts of the data tree that are drawn at build time,
// in the order of their paths.
func FromTree(tree output.Tree) []Chart {
	var out []Chart
	for _, p := range tree.Paths() {
		dir, file := path.Split(p)
		parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
		if len(parts) != 2 || parts[0] != "charts" || path.Ext(file) != ".json" || !Drawn(file) {
			continue
		}
		out = append(out, Chart{Lang: parts[1], Name: strings.TrimSuffix(file, ".json"), Option: tree[p]})
	}
	return out
}

// Options say how to draw. The zero value draws with "node" from PATH and
// the echarts package found in node_modules from the working folder up,
// without a cache.
type Options struct {
	Node    string // the Node program; "node" if empty
	ECharts string // the echarts package's index.js; found in node_modules if empty
	Cache   string // the folder of drawings kept by hash; none if empty
}

// DefaultCache is the cache folder of drawings under the user's cache
// folder, or "" where there is none.
func DefaultCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "transparency-report", "charts")
}

// drawnInNode counts the charts Node has drawn, for the tests of the cache.
var drawnInNode atomic.Int64

// Charts draws every chart and returns the tree of their markup,
// LANG/NAME.svg: from the cache where a chart's drawing is there, by Node
// otherwise (and kept in the cache).
func Charts(ctx context.Context, charts []Chart, tips Tips, o Options) (output.Tree, error) {
	if len(charts) == 0 {
		return output.Tree{}, nil
	}
	if o.Node == "" {
		o.Node = "node"
	}
	if o.ECharts == "" {
		var err error
		if o.ECharts, err = npm.Find(".", EChartsFile); err != nil {
			return nil, fmt.Errorf("draw charts: %w", err)
		}
	}
	for _, c := range charts {
		if _, ok := tips[c.Lang]; !ok {
			return nil, fmt.Errorf("draw chart %s/%s: no tooltip words for language %s", c.Lang, c.Name, c.Lang)
		}
	}
	drawn := make([]string, len(charts))
	keys := make([]string, len(charts))
	todo := make([]int, 0, len(charts))
	if o.Cache != "" {
		base, err := cacheBase(ctx, o)
		if err != nil {
			return nil, err
		}
		for i, c := range charts {
			keys[i] = cacheKey(base, c, tips[c.Lang])
			if b, err := os.ReadFile(cachePath(o.Cache, keys[i])); err == nil {
				drawn[i] = string(b)
				continue
			}
			todo = append(todo, i)
		}
	} else {
		for i := range charts {
			todo = append(todo, i)
		}
	}
	if err := drawAll(ctx, o, charts, todo, tips, drawn); err != nil {
		return nil, err
	}
	drawnInNode.Add(int64(len(todo)))
	if o.Cache != "" {
		for _, i := range todo {
			if err := keep(cachePath(o.Cache, keys[i]), drawn[i]); err != nil {
				return nil, fmt.Errorf("draw charts: cache: %w", err)
			}
		}
	}
	tree := output.Tree{}
	for i, c := range charts {
		tree[c.Lang+"/"+c.Name+".svg"] = []byte(drawn[i] + "\n")
	}
	return tree, nil
}

// drawAll draws the charts at the indexes todo, one Node process per
// processor (at least 50 charts each), writing each one's markup to drawn.
func drawAll(ctx context.Context, o Options, charts []Chart, todo []int, tips Tips, drawn []string) error {
	if len(todo) == 0 {
		return nil
	}
	workers := min(runtime.GOMAXPROCS(0), (len(todo)+49)/50)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var share []int
			for k := w; k < len(todo); k += workers {
				share = append(share, todo[k])
			}
			errs[w] = drawShare(ctx, o.Node, o.ECharts, charts, share, tips, drawn)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// cacheBase is what every drawing depends on besides its chart: draw.mjs,
// the echarts package (its package.json names its version) and Node's
// version and Unicode data (its number formats).
func cacheBase(ctx context.Context, o Options) ([]byte, error) {
	pkg, err := os.ReadFile(filepath.Join(filepath.Dir(o.ECharts), "package.json"))
	if err != nil {
		return nil, fmt.Errorf("draw charts: %w", err)
	}
	version, err := exec.CommandContext(ctx, o.Node, "-p", "JSON.stringify(process.versions)").Output()
	if err != nil {
		return nil, fmt.Errorf("draw charts: %s: %w", o.Node, err)
	}
	h := sha256.New()
	for _, part := range [][]byte{[]byte(script), pkg, version} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write(part)
	}
	return h.Sum(nil), nil
}

func cacheKey(base []byte, c Chart, tip string) string {
	h := sha256.New()
	h.Write(base)
	for _, part := range []string{c.Lang, tip, string(c.Option)} {
		fmt.Fprintf(h, "%d:", len(part))
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func cachePath(dir, key string) string {
	return filepath.Join(dir, key[:2], key+".svg")
}

// keep writes a drawing into the cache, whole or not at all.
func keep(path, markup string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".drawing-*")
	if err != nil {
		return err
	}
	if _, err := f.WriteString(markup); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}

// drawShare draws the charts at the indexes share in one Node process,
// writing each one's markup to drawn at its index.
func drawShare(ctx context.Context, node, echarts string, charts []Chart, share []int, tips Tips, drawn []string) error {
	cmd := exec.CommandContext(ctx, node, "--input-type=module", "-e", script, echarts)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("draw charts: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("draw charts: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("draw charts: start %s: %w", node, err)
	}
	writeErr := make(chan error, 1)
	go func() {
		writeErr <- writeInputs(stdin, charts, share, tips)
	}()
	r := bufio.NewReaderSize(stdout, 1<<20)
	var readErr error
	for _, i := range share {
		line, err := r.ReadBytes('\n')
		if err != nil {
			readErr = fmt.Errorf("draw chart %s/%s: %w", charts[i].Lang, charts[i].Name, err)
			break
		}
		if err := json.Unmarshal(line, &drawn[i]); err != nil {
			readErr = fmt.Errorf("draw chart %s/%s: %w", charts[i].Lang, charts[i].Name, err)
			break
		}
	}
	if readErr != nil {
		_ = cmd.Process.Kill()
	}
	_, _ = io.Copy(io.Discard, stdout)
	waitErr := cmd.Wait()
	if err := <-writeErr; err != nil {
		return fmt.Errorf("draw charts: %w", err)
	}
	if waitErr != nil {
		return fmt.Errorf("draw charts: node: %w: %s", waitErr, strings.TrimSpace(stderr.String()))
	}
	return readErr
}

// input is one line of draw.mjs's input.
type input struct {
	Lang   string          `json:"lang"`
	Tip    string          `json:"tip"`
	Option json.RawMessage `json:"option"`
}

func writeInputs(w io.WriteCloser, charts []Chart, share []int, tips Tips) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	for _, i := range share {
		c := charts[i]
		if err := enc.Encode(input{Lang: c.Lang, Tip: tips[c.Lang], Option: c.Option}); err != nil {
			w.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
