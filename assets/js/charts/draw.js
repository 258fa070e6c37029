// Shared by the chart bundles (charts.js, charts-map.js): ECharts with only
// the parts the bar charts use, and the code that draws every chart of the
// page from the generator's option. The option is used as it is: figures
// and labels are the generator's, and the same figures are in the table
// beside each chart. The script only adapts presentation: the colour scheme,
// the page's number format, outlines that keep segments apart, the reading
// direction.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Every series type and component the generator's options use
// (generator/internal/charts): bars, and the matrix of requests for data
// stored abroad (a heatmap coloured by a continuous visual map). ECharts
// leaves out a series whose type is not here without a word: drawChart
// reports it.
echarts.use([BarChart, HeatmapChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent, SVGRenderer]);

export { echarts };

export const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
// Numbers in the page's language, in Western digits as the pages write
// them in every language (Hugo's lang.FormatNumber), Arabic included.
export const numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, { numberingSystem: 'latn' });
// Axis labels are short ("2K", "1,5 k" as the page's language writes
// them), so that they fit a phone's width; tooltips and tables give the
// exact figure.
const compactFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, { notation: 'compact', maximumFractionDigits: 1, numberingSystem: 'latn' });

const drawn = [];

// cssValue reads a custom property of the stylesheet, so charts use the
// page's colours in either scheme.
export function cssValue(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function readOption(container) {
  const source = document.getElementById(container.dataset.chart);
  if (!source) {
    return null;
  }
  try {
    return JSON.parse(source.textContent);
  } catch (err) {
    console.error('chart ' + container.dataset.chart + ': ' + err.message);
    return null;
  }
}

function formatValue(value) {
  return typeof value === 'number' ? numberFormat.format(value) : value;
}

const htmlEscapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHTML(value) {
  return String(value).replace(/[&<>"']/g, (c) => htmlEscapes[c]);
}

// tooltipHTML writes a tooltip as ECharts' default one reads (the category,
// then each series' marker, name and value), but without the style
// attributes of ECharts' markup, which the Content-Security-Policy refuses
// (style-src 'self', docs/security.md): the stylesheet lays it out
// (.chart-tip-*), and the marker is an SVG circle, whose fill is an
// attribute, not a style.
function tooltipHTML(params) {
  const items = Array.isArray(params) ? params : [params];
  const title = items.length && items[0].name ? `<div class="chart-tip-title">${escapeHTML(items[0].name)}</div>` : '';
  return title + items.map((p) => {
    const color = typeof p.color === 'string' ? p.color : 'currentColor';
    const value = p.value == null ? '-' : formatValue(p.value);
    return '<div class="chart-tip-row">'
      + `<svg class="chart-tip-marker" viewBox="0 0 10 10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill="${escapeHTML(color)}"/></svg>`
      + `<span>${escapeHTML(p.seriesName)}</span><span class="chart-tip-value">${escapeHTML(value)}</span></div>`;
  }).join('');
}

// The legend's layout as ECharts draws a plain legend (itemWidth 25, 5
// before the text, itemGap 10, lines 14 high and 10 apart, padding 5):
// legendHeight is the height of the lines it wraps onto in width.
function legendHeight(option, width, font) {
  const legend = option.legend || {};
  if (legend.show === false || !option.series || option.series.length < 2) {
    return 0;
  }
  const context = document.createElement('canvas').getContext('2d');
  context.font = '12px ' + font;
  const room = width - 10;
  let lines = 1;
  let x = 0;
  option.series.forEach((s) => {
    const item = 25 + 5 + Math.ceil(context.measureText(s.name || '').width);
    if (x > 0 && x + item > room) {
      lines += 1;
      x = 0;
    }
    x += item + 10;
  });
  return 10 + lines * 14 + (lines - 1) * 10;
}

// A page in a right-to-left language (Arabic) has its charts read from the
// right, as its text does: the horizontal axis runs from right to left (the
// first period, the first column of a matrix, and a bar's 0 are on the
// right), the vertical axis stands on the right with the grid's margins
// swapped, and a legend's marker follows its name. The figures and their
// order in the option are the generator's, unchanged.
const rightToLeft = document.documentElement.dir === 'rtl';

function mirrorX(a) {
  return rightToLeft ? Object.assign({}, a, { inverse: !a.inverse }) : a;
}

function mirrorY(a) {
  return rightToLeft ? Object.assign({}, a, { position: a.position === 'right' ? 'left' : 'right' }) : a;
}

function mirrorGrid(g) {
  if (!rightToLeft) {
    return g;
  }
  const out = Object.assign({}, g);
  delete out.left;
  delete out.right;
  if (g.right !== undefined) {
    out.left = g.right;
  }
  if (g.left !== undefined) {
    out.right = g.left;
  }
  return out;
}

// adapt returns the option with the page's presentation: transparent
// background, numbers as the page writes them (short on axes, whole
// numbers only: every chart counts requests), axis labels that hide rather
// than overlap, category labels that wrap beside horizontal bars rather
// than take the bars' width, a legend that wraps onto as many lines as it
// needs under the grid, and a thin outline in the text colour around each
// bar, which gives every segment a 3:1 edge against the background and its
// neighbours whatever its fill.
function adapt(option, container) {
  const outline = cssValue('--chart-outline') || '#555';
  const font = getComputedStyle(container).fontFamily;
  const width = container.clientWidth;
  const series = (option.series || []).map((s) => {
    if (s.type === 'bar') {
      return Object.assign({}, s, { itemStyle: Object.assign({ borderColor: outline, borderWidth: 1 }, s.itemStyle) });
    }
    if (s.type === 'heatmap' && s.label) {
      // Each cell's number, as the page writes numbers.
      return Object.assign({}, s, { label: Object.assign({}, s.label, { formatter: (p) => numberFormat.format(p.value[2]) }) });
    }
    return s;
  });
  const categoryLabel = (vertical) => (vertical
    ? { hideOverlap: true, width: Math.round(width * 0.45), overflow: 'break', lineHeight: 13 }
    // Far enough under the grid that the first period's label stays
    // clear of the value axis's 0.
    : { hideOverlap: true, margin: 14 });
  // A matrix's columns share the width: each label wraps within its own
  // column, or, where the columns are too narrow for a word, stands
  // upright under it.
  const matrix = isMatrix(option);
  const columnLabel = () => (matrixUpright(option, width)
    ? { interval: 0, rotate: 90, margin: 8 }
    : { interval: 0, width: matrixColumn(option, width) - 8, overflow: 'break', lineHeight: 13, margin: 8 });
  const axis = (axes, vertical) => (axes || []).map((a) => Object.assign({}, a, a.data
    ? { axisLabel: Object.assign(matrix && !vertical ? columnLabel() : categoryLabel(vertical), a.axisLabel) }
    : {
      minInterval: 1,
      axisLabel: Object.assign({ formatter: (v) => compactFormat.format(v), hideOverlap: true }, a.axisLabel),
    }));
  const legend = legendHeight(option, width, font);
  const grid = option.grid && option.grid.map((g) => mirrorGrid(legend ? Object.assign({}, g, { bottom: legend + 8 }) : g));
  return Object.assign({}, option, {
    backgroundColor: 'transparent',
    series,
    grid,
    xAxis: option.xAxis && axis(option.xAxis, false).map(mirrorX),
    yAxis: option.yAxis && axis(option.yAxis, true).map(mirrorY),
    legend: option.legend && (rightToLeft ? Object.assign({}, option.legend, { align: 'right' }) : option.legend),
    tooltip: Object.assign({}, option.tooltip, { formatter: tooltipHTML, confine: true }),
    textStyle: { fontFamily: font },
    // ECharts' aria component writes its own English summary over the
    // container's aria-label; keep the page's translated description.
    aria: Object.assign({}, option.aria, {
      label: { description: container.getAttribute('aria-label') },
    }),
  });
}

// drawChart draws option into container and remembers it for redrawing
// when the size or colour scheme changes. hooks.prepare, if given, adapts
// the option further (the map adds its own tooltip); hooks.setup is called
// with each new ECharts instance (the map listens for clicks).
export function drawChart(container, option, hooks) {
  container.classList.add('chart-drawn');
  const entry = Object.assign({ container, option }, hooks);
  entry.chart = init(entry);
  drawn.push(entry);
  return entry;
}

function isMatrix(option) {
  return (option.series || []).some((s) => s.type === 'heatmap');
}

// The number of categories on axes (the longest axis's).
function categoryCount(axes) {
  return [].concat(axes || []).reduce((n, a) => Math.max(n, (a.data || []).length), 0);
}

// The width of a matrix's column: the grid is what the row labels (at
// most 45% of the width) leave.
function matrixColumn(option, width) {
  return Math.floor((width * 0.48) / Math.max(categoryCount(option.xAxis), 1));
}

// Column labels stand upright when a column is narrower than a long word.
function matrixUpright(option, width) {
  return matrixColumn(option, width) < 90;
}

// A matrix (heatmap) is as tall as its rows need, 28 px each, so that
// every row keeps its label, with room for upright column labels; other
// charts take the stylesheet's height.
function fitHeight(container, option) {
  if (!isMatrix(option)) {
    return;
  }
  const rows = categoryCount(option.yAxis);
  const upright = matrixUpright(option, container.clientWidth) ? 90 : 0;
  container.style.height = `${rows * 28 + 120 + upright}px`;
}

function init(entry) {
  fitHeight(entry.container, entry.option);
  const chart = echarts.init(entry.container, darkScheme.matches ? 'dark' : null, { renderer: 'svg' });
  entry.width = entry.container.clientWidth;
  let option = adapt(entry.option, entry.container);
  if (entry.prepare) {
    option = entry.prepare(option);
  }
  chart.setOption(option);
  // ECharts drops a series whose type the bundle lacks, silently: say so,
  // so that a chart drawn empty is an error in the console (and the tests).
  const drawnTypes = new Set((chart.getOption().series || []).map((s) => s.type));
  const missing = [...new Set((option.series || []).map((s) => s.type))].filter((t) => !drawnTypes.has(t));
  if (missing.length) {
    console.error(`chart ${entry.container.dataset.chart || ''}: series not drawn: ECharts' ${missing.join(', ')} is not in the chart bundle (assets/js/charts/draw.js)`);
  }
  if (entry.setup) {
    entry.setup(chart);
  }
  return chart;
}

export function redraw(entry) {
  entry.chart.dispose();
  entry.chart = init(entry);
}

// whenVisible calls draw once the element is about to scroll into view, so
// a long page draws its charts one at a time as the reader reaches them.
export function whenVisible(element, draw) {
  if (!('IntersectionObserver' in window)) {
    draw();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      draw();
    }
  }, { rootMargin: '200px 0px' });
  observer.observe(element);
}

// startCharts draws every [data-chart] of the page as it comes into view.
export function startCharts() {
  document.querySelectorAll('[data-chart]').forEach((container) => {
    whenVisible(container, () => {
      const option = readOption(container);
      if (option) {
        drawChart(container, option);
      }
    });
  });
}

let resizePending = false;
window.addEventListener('resize', () => {
  if (resizePending) {
    return;
  }
  resizePending = true;
  window.requestAnimationFrame(() => {
    resizePending = false;
    // Every chart adapts its option to its width (labels, legend lines):
    // draw it again when that changed (not when only the height did, as
    // when a phone's address bar hides).
    drawn.forEach((entry) => (entry.container.clientWidth !== entry.width ? redraw(entry) : entry.chart.resize()));
  });
});

// The built-in dark theme keeps axis labels and legends readable when the
// reader's system switches colour scheme.
if (darkScheme.addEventListener) {
  darkScheme.addEventListener('change', () => drawn.forEach(redraw));
}
