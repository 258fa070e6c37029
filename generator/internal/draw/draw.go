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
// charts in a fixed order, so the output does not depend on timing.
package draw

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path"
	"runtime"
	"strings"
	"sync"

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

// Charts draws every chart and returns the tree of their markup, LANG/NAME.svg.
// node is the Node program ("node" from PATH if empty); echarts the
// package's index.js (found in node_modules from the working folder up if
// empty).
func Charts(ctx context.Context, charts []Chart, tips Tips, node, echarts string) (output.Tree, error) {
	if len(charts) == 0 {
		return output.Tree{}, nil
	}
	if node == "" {
		node = "node"
	}
	if echarts == "" {
		var err error
		if echarts, err = npm.Find(".", EChartsFile); err != nil {
			return nil, fmt.Errorf("draw charts: %w", err)
		}
	}
	for _, c := range charts {
		if _, ok := tips[c.Lang]; !ok {
			return nil, fmt.Errorf("draw chart %s/%s: no tooltip words for language %s", c.Lang, c.Name, c.Lang)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), (len(charts)+49)/50)
	drawn := make([]string, len(charts))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var share []int
			for i := w; i < len(charts); i += workers {
				share = append(share, i)
			}
			errs[w] = drawShare(ctx, node, echarts, charts, share, tips, drawn)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	tree := output.Tree{}
	for i, c := range charts {
		tree[c.Lang+"/"+c.Name+".svg"] = []byte(drawn[i] + "\n")
	}
	return tree, nil
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
