// Pages work with JavaScript off: the home page, the country with the most
// requests and the latest period show the same tables, with the same
// numbers, as with JavaScript on; every chart is shown, drawn at build
// time; the map, which script draws, shows no empty box (its table speaks
// alone); nothing on the page looks broken; the navigation and the links
// between pages work.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, newContext, openPage, keyPages, readData, topCountry, formatNumber, pathOf, list,
} from './helpers.mjs';

const pages = keyPages();
let browser;
let withJS;
let withoutJS;

before(async () => {
  browser = await launchBrowser();
  withJS = await newContext(browser);
  withoutJS = await newContext(browser, { javaScriptEnabled: false });
});

after(async () => {
  await browser?.close();
});

// Every table of <main> as text: [{caption, rows: [[cell text]]}]. Tables
// that scripts swap (the map's, for the period chosen) are the same as long
// as nothing is chosen.
async function tables(page) {
  return page.$$eval('main table', (ts) => ts.map((t) => ({
    caption: t.caption ? t.caption.textContent.replace(/\s+/g, ' ').trim() : '',
    rows: [...t.rows].map((r) => [...r.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim())),
  })));
}

for (const [label, key] of [['home page', 'home'], ['country page', 'country'], ['period page', 'period']]) {
  test(`${label} without JavaScript: same tables and numbers, every chart drawn, no empty map box`, async () => {
    const url = pages[key];
    const on = await openPage(withJS, url);
    const off = await openPage(withoutJS, url, { waitCharts: false });
    try {
      assert.equal(off.response.status(), 200);
      const tablesOn = await tables(on.page);
      const tablesOff = await tables(off.page);
      assert.ok(tablesOff.length > 0, `${pathOf(url)} shows no table without JavaScript`);
      // Sort buttons add no text; compare row by row.
      assert.deepEqual(tablesOff, tablesOn, `${pathOf(url)}: tables differ with and without JavaScript`);

      const visibleTables = await off.page.locator('main table').evaluateAll((ts) => ts.filter((t) => t.getClientRects().length > 0).length);
      assert.equal(visibleTables, tablesOff.length, 'every table is visible without JavaScript');

      // The charts are drawn into the page: each shows its drawing with
      // scripting off. The map is drawn by script: its box is not shown.
      const charts = await off.page.locator('[data-chart]').evaluateAll((els) => els.map((el) => {
        const shown = [...el.querySelectorAll(':scope > svg')].filter((svg) => getComputedStyle(svg).display !== 'none');
        const r = shown[0] ? shown[0].getBoundingClientRect() : { width: 0, height: 0 };
        return { name: el.getAttribute('data-testid'), shown: shown.length, width: Math.round(r.width), height: Math.round(r.height), shapes: shown[0] ? shown[0].querySelectorAll('path').length : 0 };
      }));
      const undrawn = charts.filter((c) => c.shown !== 1 || c.width < 100 || c.height < 100 || c.shapes === 0).map((c) => JSON.stringify(c));
      assert.deepEqual(undrawn, [], `${pathOf(url)}: charts not shown without JavaScript`);
      if (key !== 'home') {
        assert.ok(charts.length > 0, `${pathOf(url)} has no chart`);
      }
      const shownMaps = await off.page.locator('[data-map]').evaluateAll((els) => els
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && r.width * r.height > 0;
        })
        .map((el) => `${el.getAttribute('data-testid')} (${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)})`));
      assert.deepEqual(shownMaps, [], `${pathOf(url)}: the map's box takes space without JavaScript (empty)`);

      assert.deepEqual(off.record.problems(), [], `${pathOf(url)} without JavaScript`);
    } finally {
      await on.page.close();
      await off.page.close();
    }
  });
}

test('no control that needs JavaScript is shown without it (select, input, button outside a form)', async () => {
  const bad = [];
  for (const url of Object.values(pages)) {
    const { page } = await openPage(withoutJS, url, { waitCharts: false });
    const dead = await page.locator('select, input, button').evaluateAll((els) => els
      .filter((el) => el.getClientRects().length > 0 && !el.closest('form[action]') && !el.closest('details:not([open])'))
      .map((el) => el.outerHTML.slice(0, 120)));
    bad.push(...dead.map((d) => `${pathOf(url)}: ${d}`));
    await page.close();
  }
  if (bad.length) {
    assert.fail(`controls shown without JavaScript do nothing:\n${list(bad)}`);
  }
});

test('the headline numbers are in the HTML: home, country and period pages without JavaScript', async () => {
  const summary = readData('summary.json');
  const latest = readData(`periods/${summary.latest}.json`);
  const country = readData(`countries/${topCountry().code}.json`);
  const expect = {
    home: latest.totals.requests,
    period: latest.totals.requests,
    country: country.latest.requests,
  };
  for (const [key, requests] of Object.entries(expect)) {
    const { page } = await openPage(withoutJS, pages[key], { waitCharts: false });
    const first = (await page.locator('main dl.headline dd').first().textContent()).trim();
    assert.equal(first, formatNumber(requests), `${pathOf(pages[key])}: headline requests`);
    await page.close();
  }
});

test('navigation works without JavaScript: menu, country, period and back home', async () => {
  const page = await withoutJS.newPage();
  try {
    await page.goto(pages.home);
    const nav = page.locator('header nav');
    assert.ok(await nav.count() > 0, 'no <nav> in the header');
    const steps = [];
    // The main menu leads to the countries index …
    await Promise.all([page.waitForURL((u) => u.pathname === '/countries/'), nav.locator('a[href$="/countries/"]').first().click()]);
    steps.push(pathOf(page.url()));
    // … which leads to a country …
    const code = topCountry().code.toLowerCase();
    await Promise.all([page.waitForURL((u) => u.pathname === `/countries/${code}/`), page.locator(`main a[href$="/countries/${code}/"]`).first().click()]);
    steps.push(pathOf(page.url()));
    // … whose table leads to a period …
    const periodLink = page.locator('main a[href*="/periods/"]').first();
    const periodHref = new URL(await periodLink.getAttribute('href'), page.url()).pathname;
    await Promise.all([page.waitForURL((u) => u.pathname === periodHref), periodLink.click()]);
    steps.push(pathOf(page.url()));
    assert.equal(await page.locator('h1').count(), 1);
    // … and the site title leads home; the skip link moves to <main>.
    await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.locator('header a[href="/"]').first().click()]);
    steps.push(pathOf(page.url()));
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
    assert.equal(skip, '#main', 'the first Tab stop is the skip link');
    assert.deepEqual(steps, ['/countries/', `/countries/${code}/`, periodHref, '/']);
  } finally {
    await page.close();
  }
});

test('every page type\'s main content is there before any script runs (JavaScript off)', async () => {
  const bad = [];
  for (const [key, url] of Object.entries(pages)) {
    const { page } = await openPage(withoutJS, url, { waitCharts: false });
    const text = (await page.locator('main').innerText()).trim();
    if (text.length < 200) {
      bad.push(`${key} ${pathOf(url)}: only ${text.length} characters of text in <main>`);
    }
    await page.close();
  }
  if (bad.length) {
    assert.fail(list(bad));
  }
});
