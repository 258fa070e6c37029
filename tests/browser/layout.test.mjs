// Every page reads on any screen: at 320, 390, 768 and 1366 px wide, in
// the light and the dark colour scheme, on one page of each type of the
// sitemap (representativePages; the other languages' pages in the light
// scheme only): no page scrolls sideways; no table cell
// clips its text (its scrollWidth is no more than its clientWidth); every
// table's last column can be reached by scrolling the table's container
// to its end (its cells then lie inside the container, not under the
// sticky column of row headers), and at 1366 px no table needs to scroll
// but one whose columns the data decides (data-columns);
// and no two labels of a chart (its SVG <text> elements) overlap. On a
// phone, the map's first tap on a country shows its tooltip and does not
// leave the page; the second opens it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, newContext, openPage, sitemapPages, representativePages, defaultLanguageAndSample, keyPages, pathOf, list, mapLimit,
} from './helpers.mjs';

const WIDTHS = [320, 390, 768, 1366];
const SCHEMES = ['light', 'dark'];
const WIDE = 1366; // a laptop: every table fits without scrolling

let browser;
let pages; // Map type -> url

before(async () => {
  browser = await launchBrowser();
  pages = representativePages(await sitemapPages());
});

after(async () => {
  await browser?.close();
});

// What is wrong with the layout of the page open in page, as messages.
async function layoutProblems(page, wide) {
  return page.evaluate((fits) => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) {
      problems.push(`the page scrolls sideways: ${doc.scrollWidth} px wide in ${doc.clientWidth} px`);
    }
    const short = (el) => el.textContent.replace(/\s+/g, ' ').trim().slice(0, 40);
    // Not in a closed <details> (whose content Chromium lays out unseen).
    const visible = (el) => el.getClientRects().length > 0 && !el.closest('details:not([open]) > :not(summary)');
    for (const cell of document.querySelectorAll('main td, main th')) {
      if (visible(cell) && cell.scrollWidth > cell.clientWidth + 1) {
        problems.push(`cell "${short(cell)}" clips its text: ${cell.scrollWidth} px in ${cell.clientWidth} px`);
      }
    }
    for (const box of document.querySelectorAll('main .table-scroll')) {
      if (!visible(box)) {
        continue; // in a closed <details>
      }
      // A table with a column per legal basis used (data-columns) has as
      // many as the data has: it may scroll on a wide screen too.
      if (fits && box.scrollWidth > box.clientWidth && !box.querySelector('table[data-columns]')) {
        problems.push(`table "${short(box.querySelector('caption') || box)}" scrolls: ${box.scrollWidth} px wide in ${box.clientWidth} px`);
      }
      box.scrollIntoView({ block: 'start', behavior: 'instant' });
      // To the table's far end: in right-to-left text scrollLeft counts
      // down from 0.
      const rtl = getComputedStyle(box).direction === 'rtl';
      box.scrollLeft = rtl ? -box.scrollWidth : box.scrollWidth;
      const area = box.getBoundingClientRect();
      const caption = short(box.querySelector('caption') || box);
      for (const row of box.querySelectorAll('tr')) {
        const cell = row.cells[row.cells.length - 1];
        // A cell across the columns ("No requests") is not a column.
        if (row.cells.length < 2 || cell.colSpan > 1 || !visible(cell)) {
          continue;
        }
        const r = cell.getBoundingClientRect();
        if (r.left < area.left - 1 || r.right > area.right + 1) {
          problems.push(`table "${caption}": its last column ("${short(cell)}") cannot be scrolled into view`);
          break;
        }
        // Both its edges are seen, not under the sticky row headers.
        const y = r.top + Math.min(r.height / 2, 8);
        const covering = y > 0 && y < window.innerHeight && [r.left + 2, r.right - 2]
          .map((x) => document.elementFromPoint(x, y))
          .find((hit) => hit && !cell.contains(hit));
        if (covering) {
          problems.push(`table "${caption}": its last column ("${short(cell)}") is covered by ${covering.tagName.toLowerCase()} "${short(covering)}"`);
          break;
        }
      }
      box.scrollLeft = 0;
    }
    for (const chart of document.querySelectorAll('[data-chart], [data-map]')) {
      const boxes = [...chart.querySelectorAll('svg text')]
        .filter((t) => t.textContent.trim() && getComputedStyle(t).visibility !== 'hidden' && Number(t.getAttribute('opacity') ?? 1) > 0)
        .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.height > 0);
      const name = chart.getAttribute('data-testid') || chart.getAttribute('data-chart');
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Lines of one label touch: a label overlaps another when they
          // share more than 2 px each way.
          if (overlapX > 2 && overlapY > 2) {
            problems.push(`chart ${name}: labels "${boxes[i].text}" and "${boxes[j].text}" overlap`);
          }
        }
      }
    }
    window.scrollTo(0, 0);
    return problems;
  }, wide);
}

test('at every width, in both colour schemes, pages do not scroll sideways, clip a table cell, hide a column or overlap chart labels', async () => {
  const types = [...pages.keys()];
  assert.ok(types.some((t) => t.startsWith('periods/*:')) && types.includes('countries/*'), `page types found: ${types.join(', ')}`);
  const bad = [];
  // Each page is loaded once per scheme, at the narrowest width, then
  // widened as a phone turned sideways or a window made wider would be:
  // the charts draw themselves again for the new width.
  await mapLimit(SCHEMES, 2, async (scheme) => {
    const context = await newContext(browser, { viewport: { width: WIDTHS[0], height: 800 }, colorScheme: scheme });
    try {
      let tab = null;
      // The other languages in the light scheme: their colours are the
      // default language's.
      const inScheme = scheme === SCHEMES[0] ? pages : defaultLanguageAndSample(pages, []);
      for (const [type, url] of inScheme) {
        tab = await openPage(context, url, { reuse: tab });
        for (const width of WIDTHS) {
          if (width !== WIDTHS[0]) {
            await tab.page.setViewportSize({ width, height: 800 });
            await tab.page.evaluate(() => new Promise((resolve) => {
              requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)));
            }));
          }
          const problems = [...(width === WIDTHS[0] ? tab.record.problems() : []), ...await layoutProblems(tab.page, width >= WIDE)];
          bad.push(...problems.map((p) => `${width} px, ${scheme}, ${type} (${pathOf(url)}): ${p}`));
        }
        await tab.page.setViewportSize({ width: WIDTHS[0], height: 800 });
      }
    } finally {
      await context.close();
    }
  });
  if (bad.length) {
    assert.fail(`${bad.length} layout problem(s):\n${list(bad.sort(), 40)}`);
  }
});

// The text of ECharts' visible HTML tooltip (as map.test.mjs reads it).
async function tooltipText(page) {
  return page.evaluate(() => [...document.querySelectorAll('div')]
    .filter((d) => /z-index:\s*9999999/.test(d.getAttribute('style') || ''))
    .filter((d) => {
      const s = getComputedStyle(d);
      return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0.05;
    })
    .map((d) => d.textContent.trim())
    .filter(Boolean)
    .join(' | '));
}

test('on a touch screen the map\'s first tap on a country shows its tooltip; the second opens its page', async () => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  try {
    const home = keyPages().home;
    const { page } = await openPage(context, home);
    const map = page.locator('[data-map]').first();
    await map.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitForFunction((el) => el.querySelector('svg path') !== null, await map.elementHandle(), { timeout: 15000 });
    // Points inside the largest regions, each checked to hit its path.
    const points = await map.evaluate((el) => [...el.querySelectorAll('svg path')]
      .map((p) => ({ p, r: p.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 8 && r.height > 8)
      .sort((a, b) => b.r.width * b.r.height - a.r.width * a.r.height)
      .slice(0, 15)
      .map(({ p, r }) => ({ x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2), hit: document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === p }))
      .filter((pt) => pt.hit));
    assert.ok(points.length > 0, 'no region of the map to tap');
    const seen = [];
    for (const point of points) {
      await page.touchscreen.tap(point.x, point.y);
      await page.waitForTimeout(400);
      assert.equal(page.url(), home, `the first tap at (${point.x}, ${point.y}) left the page for ${page.url()}`);
      const tip = await tooltipText(page);
      seen.push(tip || '(no tooltip)');
      if (!tip) {
        continue;
      }
      const navigation = page.waitForURL((url) => /\/countries\/[a-z]{2}\/$/.test(url.pathname), { timeout: 3000 }).then(() => true, () => false);
      await page.touchscreen.tap(point.x, point.y);
      if (await navigation) {
        return;
      }
    }
    assert.fail(`no second tap opened a country's page; tooltips after the first taps:\n${list(seen, 10)}`);
  } finally {
    await context.close();
  }
});
