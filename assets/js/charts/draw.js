// The map bundle's (charts-map.js) ECharts, with only the parts every
// drawing in the browser uses, and the code that draws from the
// generator's option and redraws when the width or colour scheme changes.
// The option is used as it is: figures and labels are the generator's, and
// the same figures are in the table beside the map. The script only adapts
// presentation: the colour scheme, the page's number format. The other
// charts are drawn at build time (generator/internal/draw/draw.mjs), which
// adapts bars, axes and legends as the page presents them.
import * as echarts from 'echarts/core';
import { AriaComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// ECharts leaves out a series whose type is not in the bundle without a
// word: drawChart reports it. charts-map.js adds the map's parts.
echarts.use([AriaComponent, TooltipComponent, SVGRenderer]);

export { echarts };

export const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
// Numbers in the page's language, in Western digits as the pages write
// them in every language (Hugo's lang.FormatNumber), Arabic included.
export const numberFormat = new Intl.NumberFormat(document.documentElement.lang || undefined, { numberingSystem: 'latn' });
const drawn = [];

// cssValue reads a custom property of the stylesheet, so charts use the
// page's colours in either scheme.
export function cssValue(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
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

// adapt returns the option with the page's presentation: transparent
// background, the page's font, a tooltip that the Content-Security-Policy
// allows, and the page's description of the chart.
function adapt(option, container) {
  const font = getComputedStyle(container).fontFamily;
  return Object.assign({}, option, {
    backgroundColor: 'transparent',
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

function init(entry) {
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

let resizePending = false;
window.addEventListener('resize', () => {
  if (resizePending) {
    return;
  }
  resizePending = true;
  window.requestAnimationFrame(() => {
    resizePending = false;
    // The map adapts its option to its width (its legend's place): draw it
    // again when that changed (not when only the height did, as when a
    // phone's address bar hides).
    drawn.forEach((entry) => (entry.container.clientWidth !== entry.width ? redraw(entry) : entry.chart.resize()));
  });
});

// The built-in dark theme keeps axis labels and legends readable when the
// reader's system switches colour scheme.
if (darkScheme.addEventListener) {
  darkScheme.addEventListener('change', () => drawn.forEach(redraw));
}
