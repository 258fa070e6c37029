// The countries index (/countries/): with JavaScript, a header button sorts
// the rows by a numeric column (and says so with aria-sort), and the filter
// input narrows the rows to the matching countries and announces how many
// are shown; without JavaScript, the plain table lists every country of
// summary.json.
//
// Hooks used (documented in assets/js/sortable-table.js), each with a
// plain fallback: data-testid countries-table (else the first table of
// <main>), countries-filter (else a search or text input), countries-status
// (else [role=status]), and the sort buttons in the header cells.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, newContext, openPage, keyPages, readData, countryName, formatNumber, parseNumber, list,
} from './helpers.mjs';

const summary = readData('summary.json');
const url = keyPages().countriesIndex;

let browser;
let context;

before(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
});

after(async () => {
  await browser?.close();
});

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

async function tableOf(page) {
  const hooked = page.locator('[data-testid="countries-table"]');
  return (await hooked.count()) ? hooked.first() : page.locator('main table').first();
}

// The visible rows: [{name, values: [logical column -> text]}].
async function visibleRows(table) {
  return table.evaluate((t) => [...t.tBodies].flatMap((b) => [...b.rows])
    .filter((tr) => !tr.hidden && tr.getClientRects().length > 0)
    .map((tr) => {
      const values = [];
      for (const cell of tr.cells) {
        const text = cell.textContent.replace(/\s+/g, ' ').trim();
        for (let i = 0; i < (cell.colSpan || 1); i++) {
          values.push(cell.colSpan > 1 ? '' : text);
        }
      }
      const th = tr.querySelector('th');
      return { name: th ? th.textContent.replace(/\s+/g, ' ').trim() : values[0], values };
    }));
}

function checkOrder(values, descending) {
  const present = values.filter((v) => v !== null);
  const firstNull = values.indexOf(null);
  if (firstNull >= 0 && values.slice(firstNull).some((v) => v !== null)) {
    return 'rows without a value are not all last';
  }
  for (let i = 1; i < present.length; i++) {
    if (descending ? present[i] > present[i - 1] : present[i] < present[i - 1]) {
      return `not ${descending ? 'descending' : 'ascending'} at position ${i}: ${present[i - 1]} then ${present[i]}`;
    }
  }
  return null;
}

test('without JavaScript the table lists every country of summary.json, with its latest requests', async () => {
  const noJS = await newContext(browser, { javaScriptEnabled: false });
  try {
    const { page, record } = await openPage(noJS, url, { waitCharts: false });
    const table = await tableOf(page);
    const rows = await visibleRows(table);
    const names = rows.map((r) => r.name);
    const missing = summary.countries.filter((c) => !names.includes(countryName(c))).map((c) => `${c.code} ${countryName(c)}`);
    if (missing.length) {
      assert.fail(`${missing.length} countries of summary.json are not in the table:\n${list(missing)}`);
    }
    assert.equal(rows.length, summary.countries.length, 'one row per country');
    const wrong = [];
    for (const c of summary.countries.filter((x) => x.latest_rank > 0)) {
      const row = rows.find((r) => r.name === countryName(c));
      if (!row.values.includes(formatNumber(c.latest.requests))) {
        wrong.push(`${countryName(c)}: ${row.values.join(' | ')} lacks ${formatNumber(c.latest.requests)}`);
      }
    }
    if (wrong.length) {
      assert.fail(`latest requests missing:\n${list(wrong)}`);
    }
    const links = await page.locator(`main a[href$="/countries/${summary.countries[0].code.toLowerCase()}/"]`).count();
    assert.ok(links > 0, 'country names link to their pages');
    assert.deepEqual(record.problems(), []);
    await page.close();
  } finally {
    await noJS.close();
  }
});

test('a header button sorts the rows by a numeric column, both ways, with aria-sort', async () => {
  const { page, record } = await openPage(context, url);
  try {
    const table = await tableOf(page);
    const buttons = table.locator('thead th button');
    assert.ok(await buttons.count() > 0, 'no sort button in the table\'s header cells (feature not built?)');
    // The first numeric column with a button: its header is marked
    // data-sort="number", or class num.
    const columns = await table.evaluate((t) => [...t.tHead.rows[t.tHead.rows.length - 1].cells].map((th, i) => ({
      index: i,
      label: th.textContent.replace(/\s+/g, ' ').trim(),
      numeric: th.getAttribute('data-sort') === 'number' || th.classList.contains('num'),
      button: !!th.querySelector('button'),
    })));
    const column = columns.find((c) => c.numeric && c.button);
    assert.ok(column, `no numeric column with a sort button: ${JSON.stringify(columns)}`);
    const header = table.locator('thead th').nth(column.index);
    const readColumn = async () => (await visibleRows(table)).map((r) => {
      const n = parseNumber(r.values[column.index]);
      return Number.isNaN(n) ? null : n;
    });

    const directions = [];
    for (let click = 0; click < 2; click++) {
      await header.locator('button').click();
      const sort = await header.getAttribute('aria-sort');
      assert.ok(sort === 'ascending' || sort === 'descending', `after click ${click + 1} on "${column.label}", aria-sort is ${sort}`);
      directions.push(sort);
      const values = await readColumn();
      assert.ok(values.filter((v) => v !== null).length > 1, 'the column has numbers');
      const problem = checkOrder(values, sort === 'descending');
      assert.equal(problem, null, `"${column.label}" ${sort}: ${problem}\n${values.join(', ')}`);
      // Only the sorted column says it is sorted.
      const others = await table.locator('thead th[aria-sort]').count();
      assert.equal(others, 1, 'aria-sort on one header only');
    }
    assert.notEqual(directions[0], directions[1], 'a second click reverses the order');
    assert.deepEqual(record.problems(), []);
  } finally {
    await page.close();
  }
});

// A word that starts some country names (and is inside no other name), to
// filter by: [query, names that contain it].
function filterQuery() {
  const names = summary.countries.map((c) => countryName(c));
  const words = new Map();
  for (const name of names) {
    for (const w of name.split(/[\s&,()-]+/).filter((x) => x.length >= 4)) {
      words.set(w, (words.get(w) || 0) + 1);
    }
  }
  const candidates = [...words.entries()]
    .map(([w]) => [w, names.filter((n) => fold(n).includes(fold(w)))])
    .filter(([, matches]) => matches.length >= 2 && matches.length < names.length)
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  if (candidates.length) {
    return candidates[0];
  }
  const one = names[0];
  return [one, names.filter((n) => fold(n).includes(fold(one)))];
}

test('the filter narrows the rows to the matching countries and announces the count', async () => {
  const { page, record } = await openPage(context, url);
  try {
    const table = await tableOf(page);
    const hooked = page.locator('[data-testid="countries-filter"]');
    const input = (await hooked.count()) ? hooked.first() : page.locator('main input[type="search"], main input[type="text"]').first();
    assert.ok(await input.count() > 0, 'no filter input on the countries index (feature not built?)');
    assert.ok(await input.isVisible(), 'the filter input is not shown with JavaScript on');
    const label = await input.evaluate((el) => (el.labels && el.labels.length ? el.labels[0].textContent.trim() : el.getAttribute('aria-label') || ''));
    assert.ok(label, 'the filter input has a label');
    const statusHook = page.locator('[data-testid="countries-status"]');
    const status = (await statusHook.count()) ? statusHook.first() : page.locator('main [role="status"], main [aria-live]').first();
    assert.ok(await status.count() > 0, 'no status line ([role=status]) to announce the count');

    const [query, expected] = filterQuery();
    await input.fill(query);
    await page.waitForFunction(
      ([t, n]) => [...t.tBodies[0].rows].filter((r) => !r.hidden).length <= n,
      [await table.elementHandle(), expected.length],
      { timeout: 5000 },
    ).catch(() => {});
    const shown = (await visibleRows(table)).map((r) => r.name);
    assert.deepEqual([...shown].sort(), [...expected].sort(), `filtering by "${query}"`);
    await page.waitForFunction(([el, n]) => el.textContent.includes(n), [await status.elementHandle(), formatNumber(expected.length)], { timeout: 5000 })
      .catch(() => {});
    const announced = (await status.textContent()).trim();
    assert.ok(announced.includes(formatNumber(expected.length)), `status ${JSON.stringify(announced)} does not give the ${expected.length} rows shown`);
    assert.ok(
      ['status', 'log'].includes(await status.getAttribute('role')) || ['polite', 'assertive'].includes(await status.getAttribute('aria-live')),
      'the status line is a live region',
    );

    await input.fill('zzzzqqq');
    assert.equal((await visibleRows(table)).length, 0, 'a filter matching nothing shows no row');
    await input.fill('');
    assert.equal((await visibleRows(table)).length, summary.countries.length, 'clearing the filter shows every row');
    assert.deepEqual(record.problems(), []);
  } finally {
    await page.close();
  }
});
