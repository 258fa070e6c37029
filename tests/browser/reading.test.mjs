// Pages that are short to scan on a phone and whole in print: at 390 px
// the home page, the downloads page and the codebook are at most a few
// screens long (their long lists are folded in closed <details>, whose
// content is in the page all the same); the downloads page and the
// codebook start with a short list of their sections; the home and the
// downloads page link to all the data at once; in print, with JavaScript
// or without, every closed <details> of the page shows its content, the
// menu is hidden, a link of the text prints its address and every chart
// prints its drawing.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newContext, openPage, BASE_URL, keyPages, list } from './helpers.mjs';

const PHONE = { width: 390, height: 844 };
// 390 px screens of 844 px: the home page's figures take a screen or two
// each (the latest period, the trend, the map, the countries, the legal
// bases, data stored abroad, customer segments, national security); the
// lists that ran to 20,000 px and more are folded. The codebook
// grows by its tables, each a heading and a few sentences (up to two screens)
// over its folded columns.
const MAX_SCREENS = { home: 14, downloads: 10, codebook: (tables) => 2 + 2 * tables };

let browser;
let pages;

before(async () => {
  browser = await launchBrowser();
  pages = {
    home: keyPages().home,
    downloads: new URL('downloads/', BASE_URL).href,
    codebook: new URL('codebook/', BASE_URL).href,
  };
});

after(async () => {
  await browser?.close();
});

test('on a phone the home page, the downloads and the codebook are a few screens long, their long lists folded, not removed', async () => {
  const context = await newContext(browser, { viewport: PHONE });
  const bad = [];
  try {
    for (const [name, url] of Object.entries(pages)) {
      const { page } = await openPage(context, url);
      const { height, folded, tables } = await page.evaluate(() => {
        return {
          height: document.documentElement.scrollHeight,
          folded: [...document.querySelectorAll('main details:not([open])')].reduce((n, d) => n + d.querySelectorAll('tr').length, 0),
          tables: document.querySelectorAll('main section[aria-labelledby^="table-"]').length,
        };
      });
      const screens = height / PHONE.height;
      const most = typeof MAX_SCREENS[name] === 'function' ? MAX_SCREENS[name](tables) : MAX_SCREENS[name];
      if (screens > most) {
        bad.push(`${name}: ${height} px, ${screens.toFixed(1)} screens (at most ${most.toFixed(1)})`);
      }
      if (folded === 0) {
        bad.push(`${name}: no table rows folded in a closed <details>`);
      }
      await page.close();
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(bad, []);
});

test('the downloads page and the codebook list their sections first, and each entry leads to its heading', async () => {
  const context = await newContext(browser, { viewport: PHONE });
  try {
    for (const name of ['downloads', 'codebook']) {
      const { page } = await openPage(context, pages[name], { waitCharts: false });
      const missing = await page.evaluate(() => {
        const links = [...document.querySelectorAll('main nav.toc a[href^="#"]')];
        return links.length < 3 ? ['fewer than 3 entries'] : links.filter((a) => !document.getElementById(a.hash.slice(1))).map((a) => a.hash);
      });
      assert.deepEqual(missing, [], `${name}: contents entries without a target`);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('the home and the downloads page link to all the data at once', async () => {
  const context = await newContext(browser);
  try {
    for (const name of ['home', 'downloads']) {
      const { page } = await openPage(context, pages[name], { waitCharts: false });
      const href = await page.locator('.download-all-link').first().getAttribute('href');
      assert.ok(href, `${name}: no download-all link`);
      const response = await page.request.get(new URL(href, pages[name]).href);
      assert.equal(response.status(), 200, `${name}: ${href} answers ${response.status()}`);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

// printProblems reads the page as printed: closed <details> with content
// that has no box, the menu shown, a paragraph's link without its address,
// a chart (drawn at build time) that does not print its drawing.
async function printProblems(page) {
  await page.emulateMedia({ media: 'print' });
  const problems = await page.evaluate(() => {
    const out = [];
    document.querySelectorAll('main details').forEach((d) => {
      const content = [...d.children].filter((c) => c.tagName !== 'SUMMARY');
      // checkVisibility: a closed <details> lays its content out unseen
      // (content-visibility: hidden), so its boxes alone do not tell.
      if (content.some((c) => !c.checkVisibility())) {
        out.push(`a <details> (${d.querySelector('summary')?.textContent.trim()}) prints closed`);
      }
    });
    document.querySelectorAll('[data-chart]').forEach((c) => {
      const shown = [...c.querySelectorAll(':scope > svg')].filter((svg) => svg.getClientRects().length > 0 && svg.getBoundingClientRect().width > 100);
      if (shown.length !== 1) {
        out.push(`the chart ${c.dataset.chart} prints ${shown.length} drawings`);
      }
    });
    const nav = document.querySelector('.site-nav');
    if (nav && nav.getClientRects().length > 0) {
      out.push('the menu prints');
    }
    const link = document.querySelector('main p a[href]:not([href^="#"])');
    if (link && !getComputedStyle(link, '::after').content.includes('/')) {
      out.push(`the link "${link.textContent.trim()}" prints without its address`);
    }
    return out;
  });
  await page.emulateMedia({ media: 'screen' });
  return problems;
}

test('in print every folded list shows and every chart prints, with JavaScript and without', async () => {
  const bad = [];
  for (const javaScriptEnabled of [true, false]) {
    const context = await newContext(browser, { viewport: PHONE, javaScriptEnabled });
    try {
      for (const [name, url] of Object.entries(pages)) {
        const { page } = await openPage(context, url, { waitCharts: javaScriptEnabled });
        if (javaScriptEnabled) {
          await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
        }
        bad.push(...(await printProblems(page)).map((p) => `${name}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: ${p}`));
        if (javaScriptEnabled) {
          // After printing, the page is as the reader left it.
          await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
          const open = await page.evaluate(() => document.querySelectorAll('main details[open]').length);
          if (open) {
            bad.push(`${name}: ${open} <details> stay open after printing`);
          }
        }
        await page.close();
      }
    } finally {
      await context.close();
    }
  }
  assert.ok(bad.length === 0, list(bad));
});
