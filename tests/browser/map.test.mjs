// The home page's world map: it is drawn; hovering a country with requests
// shows a tooltip with its name and its number of requests in the period
// shown (checked against data/report/countries/<CC>.json); clicking the
// country opens /countries/<cc>/; choosing another period in the <select>
// redraws the map and swaps in the table, caption and summary that Hugo
// rendered for that period (the HTML fragment its <option> names in
// data-fragment), with that period's figures.
//
// Hooks used (documented in assets/js/charts-map.js): data-testid
// world-map (the container, class chart-drawn once drawn, data-period = the
// period shown), map-period (the select), map-table (the table),
// map-summary (its text summary). The
// country under the pointer is found without any hook: the map's SVG paths
// are tried from the largest, at a point inside each, and the tooltip
// (ECharts' HTML tooltip) names the country.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, newContext, openPage, keyPages, readData, formatNumber, parseNumber, pathOf, list, countryName, toLocal,
} from './helpers.mjs';

const MAP = '[data-testid="world-map"], [data-map]';
const SELECT = '[data-testid="map-period"]';
const TABLE = '[data-testid="map-table"]';

let browser;
let context;
let page;
let record;
const summary = readData('summary.json');
const countriesByName = new Map(summary.countries.map((c) => [countryName(c), c]));

before(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  ({ page, record } = await openPage(context, keyPages().home));
});

after(async () => {
  await browser?.close();
});

// The figure of a country in a period, from data/report/countries/.
function requestsIn(code, periodKey) {
  const country = readData(`countries/${code}.json`);
  for (const series of Object.values(country.series)) {
    const point = series.find((p) => p.period === periodKey);
    if (point) {
      return point.no_requests ? 0 : point.figures.requests;
    }
  }
  return 0;
}

// The map, scrolled into view and drawn (it draws, and its period select
// appears, only once it comes near the viewport).
async function mapElement() {
  const map = page.locator(MAP).first();
  assert.equal(await page.locator(MAP).count() > 0, true, 'no world map on the home page ([data-testid="world-map"] or [data-map])');
  await map.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.waitForFunction((el) => el.querySelector('svg path, canvas') !== null || el.classList.contains('chart-failed'), await map.elementHandle(), { timeout: 15000 })
    .catch(() => {});
  await page.locator(SELECT).waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  return map;
}

// The text of ECharts' visible HTML tooltip(s).
async function tooltipText() {
  return page.evaluate(() => {
    const visible = (el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0.05 && r.width > 0 && r.height > 0;
    };
    return [...document.querySelectorAll('div')]
      .filter((d) => /z-index:\s*9999999/.test(d.getAttribute('style') || '') && visible(d))
      .map((d) => d.textContent.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .join(' | ');
  });
}

// The country a tooltip names (the longest matching name).
function countryIn(text) {
  let best = null;
  for (const [name, country] of countriesByName) {
    if (text.includes(name) && (!best || name.length > countryName(best).length)) {
      best = country;
    }
  }
  return best;
}

// Points inside the map's regions, largest region first: [{x, y}]. Each
// point is checked to hit the region's own path.
async function regionPoints(map, max = 40) {
  return map.evaluate((el, limit) => {
    const paths = [...el.querySelectorAll('svg path')]
      .map((p) => ({ p, r: p.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 4 && r.height > 4)
      .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height);
    const points = [];
    const seen = new Set();
    for (const { p, r } of paths) {
      if (points.length >= limit) {
        break;
      }
      search: for (const fy of [0.5, 0.4, 0.6, 0.3, 0.7]) {
        for (const fx of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const x = Math.round(r.left + r.width * fx);
          const y = Math.round(r.top + r.height * fy);
          if (document.elementFromPoint(x, y) === p) {
            const key = `${x},${y}`;
            if (!seen.has(key)) {
              seen.add(key);
              points.push({ x, y });
            }
            break search;
          }
        }
      }
    }
    return points;
  }, max);
}

async function hover(point) {
  // Leave the map first so that the tooltip of the previous region closes.
  await page.mouse.move(2, 2);
  await page.waitForTimeout(30);
  await page.mouse.move(point.x, point.y, { steps: 3 });
  for (let i = 0; i < 20; i++) {
    const text = await tooltipText();
    if (text) {
      return text;
    }
    await page.waitForTimeout(25);
  }
  return '';
}

// A point of the map over a country with requests in the period shown, and
// what the tooltip says there.
async function findCountry(map, periodKey, { exclude = [] } = {}) {
  const points = await regionPoints(map);
  assert.ok(points.length > 0, 'the map has no region to point at (no <svg> paths)');
  const seen = [];
  for (const point of points) {
    const text = await hover(point);
    const country = text && countryIn(text);
    seen.push(text || '(no tooltip)');
    if (country && !exclude.includes(country.code) && requestsIn(country.code, periodKey) > 0) {
      return { point, text, country };
    }
  }
  assert.fail(`no country with requests in ${periodKey} found under the pointer; tooltips seen:\n${list(seen, 10)}`);
}

test('the home page has the world map, drawn without error', async () => {
  const map = await mapElement();
  const state = await map.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      drawn: el.classList.contains('chart-drawn'),
      failed: el.classList.contains('chart-failed'),
      renderer: el.querySelector('svg') ? 'svg' : el.querySelector('canvas') ? 'canvas' : null,
      regions: el.querySelectorAll('svg path').length,
      width: Math.round(r.width),
      height: Math.round(r.height),
    };
  });
  assert.ok(state.renderer && !state.failed, `the map was not drawn: ${JSON.stringify(state)}`);
  assert.ok(state.width > 200 && state.height > 100, `the map is too small: ${JSON.stringify(state)}`);
  assert.ok(state.regions > 50, `the map has only ${state.regions} paths`);
  assert.deepEqual(record.problems(), [], 'console errors, page errors or failed requests on the home page');
});

test('in a right-to-left language the map\'s legend stands on its right', async () => {
  const alternates = await page.$$eval('link[rel=alternate][hreflang]', (links) => links.map((l) => l.href));
  let checked = 0;
  for (const alternate of alternates) {
    const opened = await openPage(context, toLocal(alternate));
    try {
      if (!(await opened.page.evaluate(() => document.documentElement.dir === 'rtl'))) {
        continue;
      }
      const map = opened.page.locator(MAP).first();
      await map.scrollIntoViewIfNeeded();
      await opened.page.waitForFunction((el) => el.classList.contains('chart-drawn') && el.querySelector('svg text'), await map.elementHandle(), { timeout: 15000 });
      const sides = await map.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.querySelectorAll('svg text')].filter((t) => t.textContent.trim())
          .map((t) => { const r = t.getBoundingClientRect(); return { text: t.textContent.trim(), right: r.left + r.width / 2 > box.left + box.width / 2 }; });
      });
      assert.ok(sides.length > 0, `${pathOf(alternate)}: the map has no legend text`);
      const left = sides.filter((s) => !s.right).map((s) => s.text);
      assert.deepEqual(left, [], `${pathOf(alternate)}: legend entries on the left of the map`);
      checked += 1;
    } finally {
      await opened.page.close();
    }
  }
  if (checked === 0) {
    console.log('# the site has no right-to-left language');
  }
});

test('hovering a country with requests shows its name and requests in the period shown', async () => {
  const map = await mapElement();
  const periodKey = (await map.getAttribute('data-period')) || summary.latest;
  const { text, country, point } = await findCountry(map, periodKey);
  const expected = requestsIn(country.code, periodKey);
  console.log(`# ${periodKey}: tooltip at (${point.x}, ${point.y}): ${JSON.stringify(text)}; data: ${expected}`);
  assert.ok(text.includes(formatNumber(expected)),
    `tooltip ${JSON.stringify(text)} lacks ${countryName(country)}'s ${formatNumber(expected)} requests in ${periodKey}`);
});

test('clicking a country opens its page', async () => {
  const map = await mapElement();
  const periodKey = (await map.getAttribute('data-period')) || summary.latest;
  const { point, country } = await findCountry(map, periodKey);
  console.log(`# clicking ${country.code} at (${point.x}, ${point.y})`);
  const target = `/countries/${country.code.toLowerCase()}/`;
  await Promise.all([
    page.waitForURL((url) => url.pathname === target, { timeout: 10000 }),
    page.mouse.click(point.x, point.y),
  ]);
  assert.equal(pathOf(page.url()), target);
  assert.equal((await page.locator('h1').textContent()).trim(), countryName(country));
  await page.goBack();
  await page.waitForLoadState('load');
});

test('choosing another period redraws the map and its table with that period\'s figures', async () => {
  const map = await mapElement();
  const select = page.locator(SELECT);
  assert.equal(await select.count(), 1, 'no period <select> (data-testid="map-period") by the map');
  assert.ok(await select.isVisible(), 'the period <select> is not shown (with JavaScript on)');
  const current = await select.inputValue();
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.length > 1, 'the period <select> offers one period only');
  const other = options.find((o) => o !== current && summary.periods.some((p) => p.key === o));
  assert.ok(other, `no other period in the select: ${options.join(', ')}`);

  await select.selectOption(other);
  await page.waitForFunction(([sel, key]) => document.querySelector(sel).dataset.period === key, [MAP, other], { timeout: 10000 });

  // The map's tooltip shows the new period's figures.
  const { text, country } = await findCountry(map, other);
  assert.ok(text.includes(formatNumber(requestsIn(country.code, other))),
    `after choosing ${other}, tooltip ${JSON.stringify(text)} lacks ${formatNumber(requestsIn(country.code, other))}`);

  // The caption and the summary beside it name that period, as Hugo wrote
  // them for it.
  const label = (await select.locator(`option[value="${other}"]`).textContent()).trim();
  const caption = (await page.locator(`${TABLE} caption`).textContent()).trim();
  const summaryText = (await page.locator('[data-testid="map-summary"]').textContent()).trim();
  assert.ok(caption.includes(label), `after choosing ${other}, the map table's caption ${JSON.stringify(caption)} does not name ${label}`);
  assert.ok(summaryText.includes(label), `after choosing ${other}, the map summary ${JSON.stringify(summaryText)} does not name ${label}`);

  // The table beside it lists that period's countries with their requests.
  const period = readData(`periods/${other}.json`);
  const rows = await page.locator(`${TABLE} tbody tr`).evaluateAll((trs) => trs.map((tr) => ({
    name: tr.querySelector('th').textContent.trim(),
    cells: [...tr.cells].map((c) => c.textContent.trim()),
  })));
  const ranked = period.countries.filter((c) => c.rank > 0);
  assert.equal(rows.length, ranked.length, `map table rows for ${other}`);
  const bad = [];
  for (const c of ranked) {
    const row = rows.find((r) => r.name === countryName(c));
    if (!row || !row.cells.map(parseNumber).includes(c.figures.requests)) {
      bad.push(`${c.code}: ${row ? row.cells.join(' | ') : 'no row'}; data ${c.figures.requests}`);
    }
  }
  if (bad.length) {
    assert.fail(`the map table disagrees with periods/${other}.json:\n${list(bad)}`);
  }
  assert.deepEqual(record.problems(), [], 'console errors, page errors or failed requests while changing period');
});
