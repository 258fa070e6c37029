// Light pages. For the home page, the country with the most requests and
// the latest period, everything the browser requests once the page is
// loaded and every chart drawn is weighed gzipped (each file of the built
// site gzipped here with node:zlib, whatever the server sends): HTML + CSS
// of the home page at most 60 KB; JavaScript at most 60 KB on any page but
// the one with the world map, which ECharts draws in the browser (at most
// 250 KB there): every other chart is drawn at build time and needs none.
// Every script loads without blocking rendering (defer, async or
// type=module), on every page of the site, and pages without the map load
// no chart bundle (ECharts), neither from their HTML nor at run time.
// KB here is 1,000 bytes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BASE_URL, launchBrowser, newContext, openPage, keyPages, fileForURL, gzipSize, htmlFiles, urlForFile,
  startTags, isLocalURL, pathOf, list,
} from './helpers.mjs';

const KB = 1000;
const HOME_HTML_CSS_MAX = 60 * KB;
const JS_MAX = 60 * KB;
const JS_MAX_MAP = 250 * KB;

const pages = keyPages();
let browser;
let context;
const weights = new Map(); // url -> {htmlCss, js, files: [{path, type, gzip}]}

// A chart bundle is a script with ECharts in it.
const chartBundleCache = new Map();
function isChartBundle(file) {
  if (!chartBundleCache.has(file)) {
    chartBundleCache.set(file, /_echarts_instance_|echarts/i.test(readFileSync(file, 'utf8')) && readFileSync(file).length > 50 * KB);
  }
  return chartBundleCache.get(file);
}

before(async () => {
  browser = await launchBrowser();
  // A fresh context per page: nothing comes from the cache of another.
  for (const url of [pages.home, pages.country, pages.period, pages.countriesIndex, pages.periodsIndex]) {
    context = await newContext(browser);
    const { page, record } = await openPage(context, url);
    // Scroll to the end, so that whatever loads on scrolling is counted too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await record.idle(300);
    const files = [];
    for (const req of record.requests) {
      if (!isLocalURL(req.url) || req.url.startsWith('data:')) {
        continue;
      }
      const file = fileForURL(req.url);
      files.push({
        path: pathOf(req.url),
        type: req.resourceType,
        file,
        gzip: file ? gzipSize(readFileSync(file)) : 0,
      });
    }
    const sum = (types) => files.filter((f) => types.includes(f.type)).reduce((a, f) => a + f.gzip, 0);
    weights.set(url, {
      files,
      htmlCss: sum(['document', 'stylesheet']),
      js: sum(['script']),
      hasMap: (await page.locator('[data-map]').count()) > 0,
      chartBundles: files.filter((f) => f.type === 'script' && f.file && isChartBundle(f.file)).map((f) => f.path),
      problems: record.problems(),
    });
    await page.close();
    await context.close();
  }
  // For the report: what each page weighs.
  for (const [url, w] of weights) {
    const detail = w.files.map((f) => `${f.type} ${f.path.length > 60 ? f.path.slice(0, 57) + '…' : f.path} ${(f.gzip / KB).toFixed(1)} KB`).join('; ');
    console.log(`# ${pathOf(url)}: HTML+CSS ${(w.htmlCss / KB).toFixed(1)} KB, JS ${(w.js / KB).toFixed(1)} KB gzipped (${detail})`);
  }
});

after(async () => {
  await browser?.close();
});

test('every requested file exists in the built site', () => {
  const bad = [];
  for (const [url, w] of weights) {
    bad.push(...w.files.filter((f) => !f.file).map((f) => `${pathOf(url)}: ${f.type} ${f.path}`));
    bad.push(...w.problems.map((p) => `${pathOf(url)}: ${p}`));
  }
  if (bad.length) {
    assert.fail(list(bad));
  }
});

test('home page: HTML + CSS at most 60 KB gzipped', () => {
  const w = weights.get(pages.home);
  assert.ok(w.htmlCss > 0);
  assert.ok(w.htmlCss <= HOME_HTML_CSS_MAX, `home HTML+CSS is ${(w.htmlCss / KB).toFixed(1)} KB gzipped, over 60 KB`);
});

test('JavaScript at most 60 KB gzipped on the country, period and index pages, 250 KB with the map', () => {
  const bad = [...weights].filter(([, w]) => w.js > (w.hasMap ? JS_MAX_MAP : JS_MAX))
    .map(([url, w]) => `${pathOf(url)}: ${(w.js / KB).toFixed(1)} KB${w.hasMap ? ' (with the map)' : ''}`);
  if (bad.length) {
    assert.fail(`too much JavaScript:\n${list(bad)}`);
  }
});

test('every page\'s scripts load without blocking rendering (defer, async or type=module)', () => {
  const bad = [];
  let scripts = 0;
  for (const file of htmlFiles()) {
    const html = readFileSync(file, 'utf8');
    for (const { name, attrs } of startTags(html)) {
      if (name !== 'script') {
        continue;
      }
      const type = (attrs.type || '').toLowerCase();
      const executable = type === '' || type === 'module' || /javascript|ecmascript/.test(type);
      if (!executable) {
        continue; // application/json, application/ld+json …
      }
      scripts += 1;
      if (!attrs.src) {
        bad.push(`${pathOf(urlForFile(file))}: an inline script (runs before the page renders; the site's CSP, script-src 'self', also forbids it)`);
      } else if (!('defer' in attrs) && !('async' in attrs) && type !== 'module') {
        bad.push(`${pathOf(urlForFile(file))}: <script src="${attrs.src}"> is neither defer, async nor a module`);
      }
    }
  }
  assert.ok(scripts > 0, 'no script found on any page');
  if (bad.length) {
    assert.fail(list(bad));
  }
});

test('pages without the map reference no chart bundle (every page of the site)', () => {
  const bad = [];
  let withMap = 0;
  for (const file of htmlFiles()) {
    const html = readFileSync(file, 'utf8');
    const tags = startTags(html);
    const hasMap = tags.some((t) => 'data-map' in t.attrs);
    withMap += hasMap ? 1 : 0;
    const refs = tags
      .flatMap((t) => [
        t.name === 'script' && t.attrs.src,
        t.name === 'link' && /preload|modulepreload|prefetch/.test(t.attrs.rel || '') && t.attrs.href,
        t.attrs['data-bundle'],
      ])
      .filter(Boolean)
      .map((ref) => new URL(ref, urlForFile(file)).href)
      .filter((u) => u.startsWith(BASE_URL));
    for (const ref of refs) {
      const target = fileForURL(ref);
      if (!hasMap && target && target.endsWith('.js') && isChartBundle(target)) {
        bad.push(`${pathOf(urlForFile(file))} has no map but references the chart bundle ${path.basename(target)}`);
      }
    }
  }
  assert.ok(withMap > 0, 'no page with the map found');
  if (bad.length) {
    assert.fail(list(bad));
  }
});

test('pages without the map load no chart bundle at run time; the page with the map does', () => {
  const bad = [];
  for (const [url, w] of weights) {
    if (!w.hasMap && w.chartBundles.length) {
      bad.push(`${pathOf(url)} has no map but loaded ${w.chartBundles.join(', ')}`);
    }
    if (w.hasMap && !w.chartBundles.length) {
      bad.push(`${pathOf(url)} has the map but loaded no chart bundle`);
    }
  }
  if (bad.length) {
    assert.fail(list(bad));
  }
});

test('the chart bundle is not fetched before the map is near the viewport (deferred)', async () => {
  // On a phone's screen, the home page's map is below the headline and the
  // trend: the loader must wait for it, the text must not.
  const ctx = await newContext(browser, { viewport: { width: 360, height: 640 } });
  const page = await ctx.newPage();
  try {
    const requested = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(pages.home, { waitUntil: 'load' });
    const mapTop = await page.locator('[data-map]').first().evaluate((el) => el.getBoundingClientRect().top);
    const bundles = requested.filter((u) => isLocalURL(u) && fileForURL(u) && fileForURL(u).endsWith('.js') && isChartBundle(fileForURL(u)));
    assert.ok(mapTop > 640 + 400, `the map is ${Math.round(mapTop)} px down, in reach of the viewport: the test proves nothing`);
    assert.deepEqual(bundles.map(pathOf), [], 'the chart bundle loaded before the map came near the viewport');
    // The h1 and the headline render without it.
    assert.ok(await page.locator('h1').isVisible());
  } finally {
    await ctx.close();
  }
});
