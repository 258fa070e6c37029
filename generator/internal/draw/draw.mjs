// Draws the generator's ECharts options to SVG with ECharts' server-side
// renderer, so that a page shows its charts with JavaScript off and before
// any script runs. Run by generator/internal/draw (draw.go), which embeds
// this file and hands it to Node:
//
//   node --input-type=module -e <this file> <echarts' index.js>
//
// stdin: one JSON object per line, {"option", "lang", "tip"}: the option as
// the generator made it (charts.Value gaps included), the page's language
// (a BCP 47 tag: its number format and reading direction) and the words of
// a bar's native tooltip, with %c, %s and %v for the category, the series
// and the value. stdout: one line per input line, in the same order, the
// JSON string of the markup: the chart drawn at every width of WIDTHS, each
// an <svg> with its width's class.
//
// The option's figures, labels and order are used as they are; only the
// presentation is adapted, as a browser would for the page: numbers in the
// page's language, short on axes; bars outlined; labels that wrap or hide
// rather than overlap; a legend on as many lines as it needs; right-to-left
// axes in a right-to-left language. The markup is made safe for the site's
// Content-Security-Policy (no style attribute or element) and for the
// reader's colour scheme: text and axes are currentColor, bar outlines the
// class chart-outline, whose colour the stylesheet sets.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const echartsURL = pathToFileURL(process.argv[1]);
const echarts = await import(echartsURL.href);
// ECharts' estimates of Latin text's widths in Node, where there is no
// canvas to measure with (the package's own table, as fractions of the
// font size).
const { DEFAULT_TEXT_WIDTH_MAP: latinWidths } = await import(new URL('../zrender/lib/core/platform.js', echartsURL).href);

// The widths a chart is drawn at, and the class of each drawing: the
// stylesheet shows one, scaled to the page's width, so that its 12 px text
// is read at 10 to 17 px: chart-narrow on a phone (a viewport under 30rem),
// chart-medium up to 48rem, chart-wide from there.
const WIDTHS = [
  { width: 320, className: 'chart-svg chart-narrow' },
  { width: 560, className: 'chart-svg chart-medium' },
  { width: 880, className: 'chart-svg chart-wide' },
];
// The height of every chart but a matrix, as the stylesheet's
// --chart-height (24rem) was.
const HEIGHT = 384;
// The colour of bar outlines in the drawing, replaced by the class
// chart-outline: no figure's colour is this one.
const OUTLINE = '#010203';
const FONT_SIZE = 12;
// Text is measured here with estimates, and the reader's font may be wider
// (DejaVu Sans is about a tenth wider than Arial): every width is taken a
// tenth wider than estimated, so that labels hidden rather than
// overlapping, wrapped, or given room beside bars are so in any font, and
// a legend's entries keep apart.
const TEXT_SLACK = 1.1;
const LEGEND_GAP = 20;
// Wrapped labels' lines: Arabic script stands taller than Latin.
const LINE_HEIGHT = 16;

// charWidth estimates a character's width, as a fraction of the font size:
// ECharts' table for ASCII, and for any other character (accented Latin,
// Arabic) 0.55, a little more than most Latin letters, spaces and
// invisible characters aside. ECharts' label wrapping measures every
// character outside ASCII as it measures one (国), which gets the same
// 0.55: right for the site's languages, too narrow for Chinese or Japanese,
// which would need their own.
function charWidth(c) {
  const w = latinWidths[c];
  if (w != null) {
    return w;
  }
  const code = c.codePointAt(0);
  if (code === 0xad || code === 0x200c || code === 0x200d || code === 0x200e || code === 0x200f) {
    return 0;
  }
  if (code === 0xa0 || code === 0x202f) {
    return 0.28;
  }
  return 0.55;
}

echarts.setPlatformAPI({
  measureText(text, font) {
    const size = Number((/(\d+(?:\.\d+)?)px/.exec(font || '') || [])[1]) || FONT_SIZE;
    let width = 0;
    for (const c of String(text || '')) {
      width += charWidth(c);
    }
    return { width: width * size * TEXT_SLACK };
  },
});

const formats = new Map();

function formatsOf(lang) {
  if (!formats.has(lang)) {
    formats.set(lang, {
      number: new Intl.NumberFormat(lang, { numberingSystem: 'latn' }),
      compact: new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1, numberingSystem: 'latn' }),
      rtl: new Intl.Locale(lang).textInfo?.direction === 'rtl',
    });
  }
  return formats.get(lang);
}

function textWidth(text) {
  return echarts.format.getTextRect(String(text), `${FONT_SIZE}px sans-serif`).width;
}

function isMatrix(option) {
  return (option.series || []).some((s) => s.type === 'heatmap');
}

// The number of categories on axes (the longest axis's).
function categoryCount(axes) {
  return [].concat(axes || []).reduce((n, a) => Math.max(n, (a.data || []).length), 0);
}

// A matrix's column: the grid is what the row labels (at most 45% of the
// width) leave. Its labels stand upright when it is narrower than a long word.
function matrixColumn(option, width) {
  return Math.floor((width * 0.48) / Math.max(categoryCount(option.xAxis), 1));
}

function matrixUpright(option, width) {
  return matrixColumn(option, width) < 90;
}

// A matrix is as tall as its rows need, 28 px each, so that every row keeps
// its label, with room for upright column labels; horizontal bars at least
// as tall as their labels need where they wrap onto three lines (on a
// phone, 44 px a bar); other charts are HEIGHT.
function heightOf(option, width) {
  if (!isMatrix(option)) {
    const beside = categoryCount((option.yAxis || []).filter((a) => a.data));
    return Math.max(HEIGHT, beside * (width < 400 ? 44 : 30) + 60);
  }
  return categoryCount(option.yAxis) * 28 + 120 + (matrixUpright(option, width) ? 90 : 0);
}

// The legend's layout as ECharts draws a plain legend (itemWidth 25, 5
// before the text, lines 14 high, LEGEND_GAP between entries and between
// lines, padding 5): the height of the lines it wraps onto in width.
function legendHeight(option, width) {
  const legend = option.legend || {};
  if (legend.show === false || !option.series || option.series.length < 2) {
    return 0;
  }
  const room = width - 10;
  let lines = 1;
  let x = 0;
  option.series.forEach((s) => {
    const item = 25 + 5 + Math.ceil(textWidth(s.name || ''));
    if (x > 0 && x + item > room) {
      lines += 1;
      x = 0;
    }
    x += item + LEGEND_GAP;
  });
  return 10 + lines * 14 + (lines - 1) * LEGEND_GAP;
}

// In a right-to-left language the charts read from the right, as the text
// does: the horizontal axis runs from right to left, the vertical axis
// stands on the right with the grid's margins swapped, and a legend's
// marker follows its name.
function mirrorX(a, rtl) {
  return rtl ? { ...a, inverse: !a.inverse } : a;
}

function mirrorY(a, rtl) {
  return rtl ? { ...a, position: a.position === 'right' ? 'left' : 'right' } : a;
}

function mirrorGrid(g, rtl) {
  if (!rtl) {
    return g;
  }
  const out = { ...g };
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

const textColor = { color: 'currentColor' };

// adapt returns the option as the page presents it at width.
function adapt(option, width, f) {
  const series = (option.series || []).map((s) => {
    const out = { ...s, emphasis: { disabled: true } };
    if (s.type === 'bar') {
      out.itemStyle = { borderColor: OUTLINE, borderWidth: 1, ...s.itemStyle };
    }
    if (s.type === 'heatmap' && s.label) {
      out.label = { ...s.label, formatter: (p) => f.number.format(p.value[2]) };
    }
    return out;
  });
  const matrix = isMatrix(option);
  const categoryLabel = (vertical) => (vertical
    ? { hideOverlap: true, width: Math.round(width * 0.45), overflow: 'break', lineHeight: LINE_HEIGHT }
    // Far enough under the grid that the first period's label stays clear
    // of the value axis's 0.
    : { hideOverlap: true, margin: 14 });
  // A matrix's columns share the width: each label wraps within its own
  // column, or, where the columns are too narrow for a word, stands
  // upright under it.
  const columnLabel = () => (matrixUpright(option, width)
    ? { interval: 0, rotate: 90, margin: 8 }
    : { interval: 0, width: matrixColumn(option, width) - 8, overflow: 'break', lineHeight: LINE_HEIGHT, margin: 8 });
  const axis = (axes, vertical) => (axes || []).map((a) => {
    const line = { axisLine: { lineStyle: textColor }, axisTick: { lineStyle: textColor }, splitLine: { lineStyle: { color: 'currentColor', opacity: 0.2 } } };
    if (a.data) {
      return { ...a, ...line, axisLabel: { ...textColor, ...(matrix && !vertical ? columnLabel() : categoryLabel(vertical)), ...a.axisLabel } };
    }
    return {
      ...a,
      ...line,
      minInterval: 1,
      axisLabel: { ...textColor, formatter: (v) => f.compact.format(v), hideOverlap: true, ...a.axisLabel },
    };
  });
  const legend = legendHeight(option, width);
  const grid = option.grid && option.grid.map((g) => mirrorGrid(legend ? { ...g, bottom: legend + 8 } : g, f.rtl));
  const out = {
    ...option,
    animation: false,
    backgroundColor: 'transparent',
    series,
    grid,
    textStyle: { ...textColor, fontSize: FONT_SIZE },
  };
  delete out.tooltip;
  delete out.aria;
  delete out.toolbox;
  if (option.xAxis) {
    out.xAxis = axis(option.xAxis, false).map((a) => mirrorX(a, f.rtl));
  }
  if (option.yAxis) {
    out.yAxis = axis(option.yAxis, true).map((a) => mirrorY(a, f.rtl));
  }
  if (option.legend) {
    out.legend = { ...option.legend, itemGap: LEGEND_GAP, selectedMode: false, textStyle: textColor, ...(f.rtl ? { align: 'right' } : {}) };
  }
  if (option.visualMap) {
    out.visualMap = [].concat(option.visualMap).map((v) => ({ ...v, textStyle: textColor }));
  }
  return out;
}

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXML(value) {
  return String(value).replace(/[&<>"]/g, (c) => escapes[c]);
}

function categoryName(axes, index) {
  const data = ((axes || [])[0] || {}).data || [];
  const c = data[index];
  return c && typeof c === 'object' ? c.value : c;
}

// tipOf is the native tooltip of data item d of series s: its category
// and its series (a matrix's row and column) and its figure, in the page's
// words.
function tipOf(option, s, d, tip, f) {
  const series = option.series[s] || {};
  const item = (series.data || [])[d];
  const value = item && typeof item === 'object' && !Array.isArray(item) ? item.value : item;
  let category;
  let name;
  let figure;
  if (series.type === 'heatmap' && Array.isArray(value)) {
    category = categoryName(option.yAxis, value[1]);
    name = categoryName(option.xAxis, value[0]);
    figure = value[2];
  } else {
    const axes = ((option.yAxis || [])[0] || {}).data ? option.yAxis : option.xAxis;
    category = categoryName(axes, d);
    name = series.name || '';
    figure = value;
  }
  if (typeof figure !== 'number') {
    return '';
  }
  const text = tip.replace(/%[csv]/g, (m) => ({ '%c': category, '%s': name, '%v': f.number.format(figure) }[m]));
  return `<title>${escapeXML(text)}</title>`;
}

// clean makes ECharts' SVG safe for the page: without the style element of
// hover styles (nothing is highlighted), style attributes turned into
// presentation attributes, a native tooltip on each figure's shape, bar
// outlines by class, and no renderer bookkeeping (class and ecmeta_
// attributes, which also hold instance counters).
function clean(svg, option, tip, f, className) {
  let out = svg.replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
  out = out.replace(/<(path|rect)\b([^>]*)><\/\1>/g, (whole, tag, attrs) => {
    const s = /ecmeta_series_index="(\d+)"/.exec(attrs);
    const d = /ecmeta_data_index="(\d+)"/.exec(attrs);
    const chart = /ecmeta_ssr_type="chart"/.test(attrs);
    const title = chart && s && d ? tipOf(option, Number(s[1]), Number(d[1]), tip, f) : '';
    return `<${tag}${attrs}>${title}</${tag}>`;
  });
  out = out.replace(/ style="([^"]*)"/g, (whole, decls) => decls.split(';')
    .map((d) => d.split(':').map((p) => p.trim()))
    .filter(([name, value]) => name && value && value !== 'inherit' && name !== 'font-family')
    .map(([name, value]) => ` ${name}="${value}"`)
    .join(''));
  out = out.replace(/ stroke="#010203"/gi, ' class="chart-outline"');
  // Shapes that draw nothing: the renderer's hit areas behind labels.
  out = out.replace(/<path(?![^>]*\sstroke=)[^>]*\sfill="none"[^>]*><\/path>/g, '');
  out = out.replace(/<rect(?![^>]*\sstroke=)[^>]*\sfill="none"[^>]*><\/rect>/g, '');
  out = out.replace(/ (class="zr[^"]*"|ecmeta_[a-z_]+="[^"]*"|pointer-events="[^"]*")/g, '');
  out = out.replace(/ xmlns:xlink="[^"]*"| version="[^"]*"| baseProfile="[^"]*"/g, '');
  // Text in the text colour at 12 px is the root's, not each element's.
  out = out.replace(/ fill="currentColor"| font-size="12px"/g, '');
  // The root: scaled by the stylesheet to the page's width, from its viewBox.
  out = out.replace(/^<svg width="(\d+)" height="(\d+)"/, `<svg class="${className}" fill="currentColor" font-size="${FONT_SIZE}px" aria-hidden="true" focusable="false"`);
  return out.replace(/\n/g, '');
}

function draw(input) {
  const f = formatsOf(input.lang);
  return WIDTHS.map(({ width, className }) => {
    const option = adapt(input.option, width, f);
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: heightOf(input.option, width) });
    try {
      chart.setOption(option);
      const drawn = new Set((chart.getOption().series || []).map((s) => s.type));
      const missing = (option.series || []).map((s) => s.type).filter((t) => !drawn.has(t));
      if (missing.length) {
        throw new Error(`series not drawn: ${[...new Set(missing)].join(', ')}`);
      }
      return clean(chart.renderToSVGString(), input.option, input.tip, f, className);
    } finally {
      chart.dispose();
    }
  }).join('');
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line === '') {
    continue;
  }
  process.stdout.write(JSON.stringify(draw(JSON.parse(line))) + '\n');
}
