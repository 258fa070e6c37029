// Charts are drawn with the numbers of the data. Every chart is drawn at
// build time (generator/internal/draw) into the page as SVG, at three
// widths of which the stylesheet shows one; each figure's shape has a
// native tooltip, "<category>, <series>: <figure>" in English (i18n
// chart_tip; a matrix's "<row>, <column>: <figure>"). For every chart of
// the home page, the country with the most requests, the latest period (the
// trend charts, the legal-basis chart, the countries chart) and the
// requests for data stored abroad (a matrix of requesting countries and
// where the data was stored), every tooltip of the drawing shown must be
// the figure of its cell in the table of the same <figure>, and every
// figure of the columns drawn must have its shape; the drawing must be
// visible; and the tables and headline figures must match data/report/.

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
      const figure = el.closest('figure') || el.parentElement;
      const svgs = [...el.querySelectorAll(':scope > svg')];
      const shown = svgs.filter((svg) => getComputedStyle(svg).display !== 'none');
      const svg = shown[0] || null;
      const box = (svg || el).getBoundingClientRect();
      return {
        id: el.dataset.chart,
        drawings: svgs.length,
        shown: shown.length,
        titles: svg ? [...svg.querySelectorAll('title')].map((t) => clean(t.textContent)) : [],
        table: readTable(figure.querySelector('table')),
        drawn: {
          visible: !!svg && box.width > 50 && box.height > 50,
          width: Math.round(box.width),
          height: Math.round(box.height),
          shapes: svg ? svg.querySelectorAll('path, rect').length : 0,
          texts: svg ? [...svg.querySelectorAll('text')].map((t) => clean(t.textContent)) : [],
        },
      };
    });
  });
}

const norm = (s) => String(s).replace(/\s+/g, ' ').trim();

// Compares a drawn chart's tooltips with the table beside it: each
// tooltip names a row and a column of the table ("<row>, <column>: ") and
// must give that cell's figure; every figure of a column the chart draws,
// in a row it draws (a row with a tooltip, or whose header is a label of
// the drawing: a chart of the top countries draws some of the table's
// rows), must have its tooltip. A row such as "No requests" (one cell
// across the figures) stands for 0. Returns [compared, mismatches].
function compareWithTable(chart) {
  const { titles, table } = chart;
  const cells = [];
  for (const row of table.rows) {
    for (const column of table.columns) {
      const cell = row.cells.find((c) => c.col <= column.col && column.col < c.col + c.span);
      if (cell && !cell.th) {
        cells.push({ prefix: `${norm(row.header)}, ${norm(column.text)}: `, row: norm(row.header), column: norm(column.text), cell });
      }
    }
  }
  const figureOf = (cell) => {
    const n = parseNumber(cell.text);
    return Number.isNaN(n) && cell.span > 1 ? 0 : n;
  };
  const mismatches = [];
  const drawnColumns = new Set();
  const drawnRows = new Set(chart.drawn.texts);
  const drawnCells = new Set();
  let compared = 0;
  for (const title of titles) {
    const match = cells.filter((c) => title.startsWith(c.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
    if (!match) {
      mismatches.push(`the tooltip ${JSON.stringify(title)} names no row and column of the table (columns: ${table.columns.map((c) => c.text).join(' | ')})`);
      continue;
    }
    compared += 1;
    drawnColumns.add(match.column);
    drawnRows.add(match.row);
    drawnCells.add(match.prefix);
    const inChart = parseNumber(title.slice(match.prefix.length));
    if (inChart !== figureOf(match.cell)) {
      mismatches.push(`${JSON.stringify(match.row)} × ${JSON.stringify(match.column)}: chart ${JSON.stringify(title)}, table ${JSON.stringify(match.cell.text)}`);
    }
  }
  for (const c of cells) {
    const figure = figureOf(c.cell);
    if (drawnColumns.has(c.column) && drawnRows.has(c.row) && !drawnCells.has(c.prefix) && !Number.isNaN(figure) && figure !== 0) {
      mismatches.push(`${JSON.stringify(c.row)} × ${JSON.stringify(c.column)}: table ${JSON.stringify(c.cell.text)}, not drawn`);
    }
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
      if (!chart.table) {
        bad.push(`${chart.id}: no <table> in the chart's <figure>`);
        continue;
      }
      const [compared, mismatches] = compareWithTable(chart);
      figures += compared;
      if (compared === 0 && mismatches.length === 0) {
        bad.push(`${chart.id}: no figure compared (${chart.titles.length} tooltips)`);
      }
      bad.push(...mismatches.map((m) => `${chart.id}: ${m}`));
    }
    console.log(`# ${pathOf(url)}: ${found.length} charts (${found.map((c) => c.id).join(', ')}), ${figures} figures compared with their tables`);
    if (bad.length) {
      assert.fail(`${pathOf(url)}: charts and tables disagree:\n${list(bad)}`);
    }
  });

  test(`${label}: every chart is drawn into the page, one drawing shown, without error`, () => {
    const url = pages[key];
    const bad = charts.get(url)
      .filter((c) => c.drawings !== 3 || c.shown !== 1 || !c.drawn.visible || c.drawn.shapes === 0)
      .map((c) => `${c.id}: ${c.drawings} drawings, ${c.shown} shown, ${JSON.stringify({ ...c.drawn, texts: c.drawn.texts.length })}`);
    // A matrix writes the number in each of its cells.
    for (const c of charts.get(url).filter((x) => /^abroad-/.test(x.id))) {
      const missing = c.titles.map((t) => t.slice(t.lastIndexOf(': ') + 2)).filter((text) => !c.drawn.texts.includes(text));
      if (missing.length) {
        bad.push(`${c.id}: the matrix does not show ${missing.length} of its ${c.titles.length} figures (${missing.slice(0, 5).join(', ')})`);
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
    const svg = [...el.querySelectorAll(':scope > svg')].find((x) => getComputedStyle(x).display !== 'none');
    const table = (el.closest('figure') || el.parentElement).querySelector('table');
    if (!svg || !table) {
      return [];
    }
    const clean = (s) => String(s).replace(/\s+/g, ' ').trim();
    const names = [...table.tBodies].flatMap((b) => [...b.rows]).map((r) => r.querySelector('th[scope=row]')).filter(Boolean).map((th) => clean(th.textContent));
    const texts = [...svg.querySelectorAll('text')];
    const centre = (name) => {
      const t = texts.find((node) => clean(node.textContent) === name);
      if (!t) {
        return null;
      }
      const box = t.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    };
    const chart = svg.getBoundingClientRect();
    const centres = names.map(centre).filter((c) => c !== null);
    if (centres.length < 2) {
      return [];
    }
    const first = centres[0];
    const last = centres[centres.length - 1];
    // Categories along the bottom differ in x, beside bars in y.
    const axis = Math.abs(last.x - first.x) > Math.abs(last.y - first.y) ? 'bottom' : 'beside';
    return [{
      id: el.dataset.chart,
      axis,
      firstRightOfLast: first.x > last.x,
      labelsRight: centres.every((c) => c.x > chart.left + chart.width / 2),
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
