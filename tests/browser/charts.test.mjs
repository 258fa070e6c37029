// Charts render with the numbers of the data. For every chart of the home
// page, the country with the most requests, the latest period (the trend
// charts, the legal-basis chart, the countries chart) and the requests for
// data stored abroad (a matrix of requesting countries and where the data
// was stored), the ECharts
// option embedded beside the chart (<script type="application/json">
// named by data-chart) must hold, for each series and category, the number
// in the table of the same <figure>; the chart must be drawn (visible, with
// an <svg> or <canvas>) once scripts have run; and the tables and headline
// figures must match data/report/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  launchBrowser, newContext, openPage, keyPages, readData, topCountry, formatNumber, parseNumber, list, pathOf, toLocal,
  BASE_URL, DATA_DIR,
} from './helpers.mjs';

let browser;
let context;
const pages = keyPages();
// The page of requests for data stored abroad, which the site must have
// wherever the sources have such requests (abroad.json lists periods).
const ABROAD = existsSync(path.join(DATA_DIR, 'abroad.json')) && (readData('abroad.json').periods || []).length
  ? new URL('data-stored-abroad/', BASE_URL).href
  : null;
if (ABROAD) {
  pages.abroad = ABROAD;
}
const charts = new Map(); // page url -> [{id, option, table, drawn}]
const problems = new Map(); // page url -> problems while loading

before(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  for (const url of [pages.home, pages.country, pages.period, ABROAD].filter(Boolean)) {
    const { page, record } = await openPage(context, url);
    problems.set(url, record.problems());
    charts.set(url, await readCharts(page));
    await page.close();
  }
});

after(async () => {
  await browser?.close();
});

// Everything about the page's charts, read in the browser.
async function readCharts(page) {
  return page.evaluate(() => {
    const clean = (s) => s.replace(/\s+/g, ' ').trim();
    const readTable = (table) => {
      if (!table) {
        return null;
      }
      const head = table.tHead ? [...table.tHead.rows].pop() : table.rows[0];
      const columns = [];
      let col = 0;
      for (const cell of head.cells) {
        columns.push({ text: clean(cell.textContent), col, span: cell.colSpan || 1 });
        col += cell.colSpan || 1;
      }
      const rows = [];
      for (const body of table.tBodies) {
        for (const tr of body.rows) {
          let c = 0;
          const cells = [...tr.cells].map((cell) => {
            const out = { text: clean(cell.textContent), col: c, span: cell.colSpan || 1, th: cell.tagName === 'TH' };
            c += out.span;
            return out;
          });
          const header = cells.find((x) => x.th);
          rows.push({ header: header ? header.text : '', cells });
        }
      }
      return { caption: table.caption ? clean(table.caption.textContent) : '', columns, rows };
    };
    return [...document.querySelectorAll('[data-chart]')].map((el) => {
      const source = document.getElementById(el.dataset.chart);
      let option = null;
      let parseError = null;
      try {
        option = source ? JSON.parse(source.textContent) : null;
      } catch (err) {
        parseError = err.message;
      }
      const figure = el.closest('figure') || el.parentElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        id: el.dataset.chart,
        hasSource: !!source,
        sourceType: source ? source.getAttribute('type') : null,
        parseError,
        option,
        table: readTable(figure.querySelector('table')),
        drawn: {
          hidden: el.hidden,
          visible: style.display !== 'none' && style.visibility !== 'hidden' && box.width > 50 && box.height > 50,
          width: Math.round(box.width),
          height: Math.round(box.height),
          renderer: el.querySelector('svg') ? 'svg' : el.querySelector('canvas') ? 'canvas' : null,
          shapes: el.querySelectorAll('svg path, svg rect').length,
          texts: [...el.querySelectorAll('svg text')].map((t) => t.textContent.trim()),
        },
      };
    });
  });
}

const arr = (x) => (Array.isArray(x) ? x : x == null ? [] : [x]);
const norm = (s) => String(s).replace(/\s+/g, ' ').trim();
const valueOf = (item) => {
  const v = item !== null && typeof item === 'object' && !Array.isArray(item) ? item.value : item;
  return v == null || v === '-' ? 0 : Number(v);
};

// Compares a matrix (a heatmap: each item [column, row, value]) with its
// table, whose rows are the matrix's rows and whose columns are named by
// its columns: every item is its cell, and every figure in those columns
// is an item. Returns [compared, mismatches].
function compareMatrix(chart) {
  const { option, table } = chart;
  const columns = arr(option.xAxis)[0].data.map(norm);
  const rows = arr(option.yAxis)[0].data.map(norm);
  const mismatches = [];
  let compared = 0;
  const cellAt = (rowName, columnName) => {
    const row = table.rows.find((r) => norm(r.header) === rowName);
    const column = table.columns.find((c) => norm(c.text) === columnName);
    if (!row || !column) {
      return undefined;
    }
    return row.cells.find((c) => c.col <= column.col && column.col < c.col + c.span) || null;
  };
  const drawn = new Set();
  for (const series of arr(option.series)) {
    for (const item of arr(series.data)) {
      const [x, y, value] = item.value;
      const cell = cellAt(rows[y], columns[x]);
      compared += 1;
      drawn.add(`${x},${y}`);
      if (cell === undefined) {
        mismatches.push(`${JSON.stringify(rows[y])} × ${JSON.stringify(columns[x])}: no such row or column in the table`);
      } else if (!cell || parseNumber(cell.text) !== Number(value)) {
        mismatches.push(`${JSON.stringify(rows[y])} × ${JSON.stringify(columns[x])}: chart ${value}, table ${cell ? JSON.stringify(cell.text) : 'no cell'}`);
      }
    }
  }
  rows.forEach((rowName, y) => columns.forEach((columnName, x) => {
    const cell = cellAt(rowName, columnName);
    if (cell && !Number.isNaN(parseNumber(cell.text)) && !drawn.has(`${x},${y}`)) {
      mismatches.push(`${JSON.stringify(rowName)} × ${JSON.stringify(columnName)}: table ${JSON.stringify(cell.text)}, not in the chart`);
    }
  }));
  return [compared, mismatches];
}

// Compares a chart's series with its table: returns [compared, mismatches].
function compareWithTable(chart) {
  const { option, table } = chart;
  if (arr(option.series).some((s) => s.type === 'heatmap')) {
    return compareMatrix(chart);
  }
  const axes = [...arr(option.xAxis), ...arr(option.yAxis)];
  const categoryAxis = axes.find((a) => Array.isArray(a.data) && a.data.length > 0);
  const mismatches = [];
  let compared = 0;
  if (!categoryAxis) {
    return [0, ['the option has no category axis with data']];
  }
  const categories = categoryAxis.data.map((c) => norm(c !== null && typeof c === 'object' ? c.value : c));
  const rowHeaders = new Set(table.rows.map((r) => norm(r.header)));
  const absent = categories.filter((c) => !rowHeaders.has(c));
  if (absent.length) {
    mismatches.push(`the chart draws ${categories.length} categories, ${absent.length} of which have no row in the table beside it (${table.rows.length} rows): ${absent.join(', ')}`);
  }
  for (const series of arr(option.series)) {
    const column = table.columns.find((c) => norm(c.text) === norm(series.name));
    if (!column) {
      mismatches.push(`series ${JSON.stringify(series.name)} has no column in the table (columns: ${table.columns.map((c) => c.text).join(' | ')})`);
      continue;
    }
    arr(series.data).forEach((item, i) => {
      const category = categories[i];
      const row = table.rows.find((r) => norm(r.header) === category);
      if (!row) {
        return; // reported above
      }
      const cell = row.cells.find((c) => c.col <= column.col && column.col < c.col + c.span);
      const inTable = cell ? parseNumber(cell.text) : NaN;
      const inChart = valueOf(item);
      compared += 1;
      // A row such as "No requests" (one cell across the figures) stands for 0.
      const tableValue = Number.isNaN(inTable) && cell && cell.span > 1 ? 0 : inTable;
      if (tableValue !== inChart) {
        mismatches.push(`${JSON.stringify(series.name)} × ${JSON.stringify(category)}: chart ${inChart}, table ${cell ? JSON.stringify(cell.text) : 'no cell'}`);
      }
    });
  }
  return [compared, mismatches];
}

for (const [label, key] of [['home page', 'home'], ['country page', 'country'], ['period page', 'period'], ['data stored abroad', 'abroad']]) {
  if (!pages[key]) {
    continue;
  }
  test(`${label}: every chart's figures are the numbers of its table`, () => {
    const url = pages[key];
    const found = charts.get(url);
    assert.ok(found.length > 0, `${pathOf(url)} has no [data-chart]`);
    const bad = [];
    let figures = 0;
    for (const chart of found) {
      if (!chart.hasSource || chart.sourceType !== 'application/json' || !chart.option) {
        bad.push(`${chart.id}: no <script type="application/json" id="${chart.id}"> with a readable option (${chart.parseError || chart.sourceType})`);
        continue;
      }
      if (arr(chart.option.series).some((s) => s.type === 'map' || s.type === 'scatter' || s.type === 'effectScatter')
          || chart.option.geo) {
        continue; // the map: map.test.mjs
      }
      if (!chart.table) {
        bad.push(`${chart.id}: no <table> in the chart's <figure>`);
        continue;
      }
      const [compared, mismatches] = compareWithTable(chart);
      figures += compared;
      if (compared === 0 && mismatches.length === 0) {
        bad.push(`${chart.id}: no figure compared`);
      }
      bad.push(...mismatches.map((m) => `${chart.id}: ${m}`));
    }
    console.log(`# ${pathOf(url)}: ${found.length} charts (${found.map((c) => c.id).join(', ')}), ${figures} figures compared with their tables`);
    if (bad.length) {
      assert.fail(`${pathOf(url)}: charts and tables disagree:\n${list(bad)}`);
    }
  });

  test(`${label}: every chart is drawn once scripts have run, without error`, () => {
    const url = pages[key];
    const bad = charts.get(url)
      .filter((c) => c.drawn.hidden || !c.drawn.visible || !c.drawn.renderer || c.drawn.shapes === 0)
      .map((c) => `${c.id}: ${JSON.stringify(c.drawn)}`);
    // A series with labels shows each of its figures: a matrix writes the
    // number in each of its cells.
    for (const c of charts.get(url)) {
      for (const series of arr(c.option && c.option.series).filter((x) => x.label && x.label.show)) {
        const missing = arr(series.data).map((item) => formatNumber(Array.isArray(item.value) ? item.value[item.value.length - 1] : valueOf(item)))
          .filter((text) => !c.drawn.texts.includes(text));
        if (missing.length) {
          bad.push(`${c.id}: series ${JSON.stringify(series.name)} does not show ${missing.length} of its ${arr(series.data).length} figures (${missing.slice(0, 5).join(', ')})`);
        }
      }
    }
    bad.push(...problems.get(url));
    if (bad.length) {
      assert.fail(`${pathOf(url)}:\n${list(bad)}`);
    }
  });
}

test('the home page has the trend chart and the period page the legal-basis chart', () => {
  const home = charts.get(pages.home).map((c) => c.id);
  assert.ok(home.some((id) => /trend/.test(id)), `no trend chart on the home page (charts: ${home.join(', ')})`);
  const period = charts.get(pages.period).map((c) => c.id);
  assert.ok(period.some((id) => /legal-basis/.test(id)), `no legal-basis chart on ${pathOf(pages.period)} (charts: ${period.join(', ')})`);
});

test('the home page\'s trend table has each period\'s requests of summary.json', async () => {
  const summary = readData('summary.json');
  const trend = charts.get(pages.home).find((c) => /trend/.test(c.id));
  assert.ok(trend && trend.table, 'no trend chart with a table on the home page');
  const requestsCol = trend.table.columns.find((c) => /^requests$/i.test(c.text));
  assert.ok(requestsCol, `no "Requests" column in the trend table: ${trend.table.columns.map((c) => c.text).join(' | ')}`);
  const periods = summary.periods.filter((p) => p.kind === summary.source_kind);
  assert.equal(trend.table.rows.length, periods.length, 'one row per period');
  const bad = [];
  for (const p of periods) {
    const row = trend.table.rows.find((r) => r.cells.some((c) => c.th && c.text.length > 0) && rowIsPeriod(r, p));
    const cell = row && row.cells.find((c) => c.col === requestsCol.col);
    if (!cell || parseNumber(cell.text) !== p.totals.requests) {
      bad.push(`${p.key}: table ${cell ? cell.text : 'no row'}, data ${p.totals.requests}`);
    }
  }
  if (bad.length) {
    assert.fail(`trend table and summary.json disagree:\n${list(bad)}`);
  }
});

// A trend row's header is the period's label ("Q3 2026", "H1 2026", "2026").
function rowIsPeriod(row, period) {
  const label = { quarter: `Q${period.index} ${period.year}`, half: `H${period.index} ${period.year}`, year: `${period.year}` }[period.kind];
  return norm(row.header) === label;
}

async function headline(url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.$$eval('main dl.headline dd.value', (dds) => dds.map((d) => d.textContent.trim()));
  } finally {
    await page.close();
  }
}

test('headline figures are the data\'s: home (summary.json), the latest period and the top country', async () => {
  const summary = readData('summary.json');
  const latest = readData(`periods/${summary.latest}.json`);
  const top = topCountry();
  const country = readData(`countries/${top.code}.json`);

  const home = await headline(pages.home);
  assert.equal(home[0], formatNumber(latest.totals.requests), 'home: requests of the latest period');
  assert.equal(home[1], formatNumber(latest.totals.accounts), 'home: accounts of the latest period');

  const period = await headline(pages.period);
  assert.equal(period[0], formatNumber(latest.totals.requests), `${pathOf(pages.period)}: requests`);
  assert.equal(period[1], formatNumber(latest.totals.accounts), `${pathOf(pages.period)}: accounts`);

  const countryFigures = await headline(pages.country);
  assert.equal(countryFigures[0], formatNumber(country.latest.requests), `${pathOf(pages.country)}: requests`);
  assert.equal(countryFigures[1], formatNumber(country.latest.accounts), `${pathOf(pages.country)}: accounts`);
});

test('the period page\'s legal-basis table has the requests of data/report/periods/', async () => {
  const summary = readData('summary.json');
  const period = readData(`periods/${summary.latest}.json`);
  const chart = charts.get(pages.period).find((c) => /legal-basis/.test(c.id));
  assert.ok(chart && chart.table, `no legal-basis chart with a table on ${pathOf(pages.period)}`);
  const requestsCol = chart.table.columns.find((c) => /^requests$/i.test(c.text));
  const values = chart.table.rows
    .map((r) => r.cells.find((c) => c.col === requestsCol.col))
    .filter(Boolean)
    .map((c) => parseNumber(c.text));
  for (const basis of period.by_legal_basis) {
    assert.ok(values.includes(basis.figures.requests), `${basis.key}: ${basis.figures.requests} requests not in the table`);
  }
  assert.ok(values.includes(period.totals.requests), `the total ${period.totals.requests} is not in the table`);
});

// Where the labels of each drawn chart's category axis are: whether the
// axis runs along the bottom (periods, a matrix's columns) or stands beside
// horizontal bars; on a bottom axis, whether the first category is drawn
// right of the last; beside bars, whether the labels' centres are in the
// chart's right half. Only labels drawn whole (not wrapped) are measured.
async function categoryLabels(page) {
  return page.evaluate(() => [...document.querySelectorAll('[data-chart]')].flatMap((el) => {
    const svg = el.querySelector('svg');
    const source = document.getElementById(el.dataset.chart);
    if (!svg || !source) {
      return [];
    }
    const option = JSON.parse(source.textContent);
    const list = (x) => (Array.isArray(x) ? x : x ? [x] : []);
    const clean = (s) => String(s).replace(/\s+/g, ' ').trim();
    const x = list(option.xAxis).find((a) => Array.isArray(a.data));
    const y = list(option.yAxis).find((a) => Array.isArray(a.data));
    const axis = x ? 'bottom' : y ? 'beside' : null;
    if (!axis) {
      return [];
    }
    const names = (x || y).data.map((c) => clean(c !== null && typeof c === 'object' ? c.value : c));
    const texts = [...svg.querySelectorAll('text')];
    const centre = (name) => {
      const t = texts.find((node) => clean(node.textContent) === name);
      if (!t) {
        return null;
      }
      const box = t.getBoundingClientRect();
      return box.left + box.width / 2;
    };
    const chart = svg.getBoundingClientRect();
    const centres = names.map(centre).filter((c) => c !== null);
    if (centres.length < 2) {
      return [];
    }
    return [{
      id: el.dataset.chart,
      axis,
      firstRightOfLast: centres[0] > centres[centres.length - 1],
      labelsRight: centres.every((c) => c > chart.left + chart.width / 2),
    }];
  }));
}

test('in a right-to-left language the charts read from the right: time runs leftwards and the labels of bars stand on their right', async (t) => {
  const checked = [];
  for (const url of [pages.home, pages.period]) {
    const { page } = await openPage(context, url);
    const alternates = await page.$$eval('link[rel=alternate][hreflang]', (links) => links.map((l) => l.href));
    const english = await categoryLabels(page);
    await page.close();
    const rtl = [];
    for (const alternate of alternates) {
      const opened = await openPage(context, toLocal(alternate));
      if (await opened.page.evaluate(() => document.documentElement.dir === 'rtl')) {
        rtl.push({ url: alternate, charts: await categoryLabels(opened.page) });
      }
      await opened.page.close();
    }
    for (const [dir, url2, found] of [['ltr', url, english], ...rtl.map((r) => ['rtl', r.url, r.charts])]) {
      assert.ok(found.length > 0, `${pathOf(url2)}: no chart with measurable category labels`);
      for (const c of found) {
        const mirrored = c.axis === 'bottom' ? c.firstRightOfLast : c.labelsRight;
        checked.push(`${pathOf(url2)} ${c.id}`);
        assert.equal(mirrored, dir === 'rtl', `${pathOf(url2)} ${c.id} (${dir}): ${c.axis === 'bottom'
          ? `the first category is drawn ${c.firstRightOfLast ? 'right' : 'left'} of the last`
          : `the labels beside the bars are ${c.labelsRight ? 'on the right' : 'not all on the right'}`}`);
      }
    }
    if (rtl.length === 0) {
      t.diagnostic(`${pathOf(url)}: the site has no right-to-left language`);
    }
  }
  t.diagnostic(`checked ${checked.length} charts`);
});
