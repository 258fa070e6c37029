// Shared helpers of the browser tests (tests/browser/*.test.mjs).
//
// The tests run against a site that scripts/browser-tests.sh has built and
// serves; it passes, in the environment:
//   SITE_DIR   the built site (go tool hugo -d SITE_DIR --baseURL BASE_URL)
//   BASE_URL   where tests/browser/serve.mjs serves it: http://127.0.0.1:<port>/
//   DATA_DIR   the data/report/ the site was built from (a snapshot)
//   CHROME_PATH  Chromium (default /usr/bin/chromium, else `chromium` on PATH)
//
// Every page is opened through trackPage(), which records each request,
// reports any request to a host other than 127.0.0.1 or localhost, and
// collects console errors, uncaught page errors and failed requests.
// Requests to other hosts also fail for real: Chromium resolves no other
// host name (--host-resolver-rules). Blocking with page.route() instead
// would turn the HTTP cache off, and every page would fetch and compile
// the chart bundle again.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { QUIET_CHROMIUM_FLAGS } from './chromium-flags.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests with scripts/browser-tests.sh (or make test-browser), which builds and serves the site`);
  }
  return value;
}

export const SITE_DIR = path.resolve(requiredEnv('SITE_DIR'));
export const BASE_URL = new URL(requiredEnv('BASE_URL')).href; // ends with "/"
export const ORIGIN = new URL(BASE_URL).origin;
export const DATA_DIR = path.resolve(process.env.DATA_DIR || path.join(REPO, 'data', 'report'));
export const RESULTS_DIR = path.resolve(process.env.RESULTS_DIR || path.join(REPO, 'test-results'));

export const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// ---------------------------------------------------------------- Chromium

export function chromiumPath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium'];
  try {
    candidates.push(execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim());
  } catch {
    // not on PATH
  }
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new Error('Chromium not found (/usr/bin/chromium or `chromium` on PATH): run scripts/install-test-deps.sh');
  }
  return found;
}

export const CHROMIUM_ARGS = [
  ...QUIET_CHROMIUM_FLAGS,
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

// One headless Chromium per test file. Playwright gives every launch a fresh
// temporary user-data-dir and deletes it on close.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

// The context every test uses unless it needs another: a fixed viewport and
// locale so that layouts and number formats are the same on every machine.
export const CONTEXT_OPTIONS = {
  viewport: { width: 1280, height: 900 },
  locale: 'en-GB',
  timezoneId: 'UTC',
  reducedMotion: 'reduce',
  serviceWorkers: 'block',
};

export async function newContext(browser, options = {}) {
  return browser.newContext({ ...CONTEXT_OPTIONS, ...options });
}

// ----------------------------------------------------------- page tracking

export function isLocalURL(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') {
    return true;
  }
  return LOCAL_HOSTS.has(u.hostname) || LOCAL_HOSTS.has(`[${u.hostname}]`);
}

// trackPage(page) starts recording on a new page and returns the record:
//   requests       [{url, method, resourceType}] every request made
//   offsite        URLs of requests to another host (blocked)
//   consoleErrors  console messages of type "error"
//   pageErrors     uncaught exceptions
//   failed         same-site requests that failed or answered >= 400
// problems() lists everything that should not happen on a good page.
export async function trackPage(page, { allowStatus = [] } = {}) {
  let inflight = 0;
  let lastActivity = Date.now();
  const record = {
    requests: [],
    offsite: [],
    consoleErrors: [],
    pageErrors: [],
    failed: [],
    problems() {
      return [
        ...record.offsite.map((u) => `request leaving localhost: ${u}`),
        ...record.consoleErrors.map((m) => `console error: ${m}`),
        ...record.pageErrors.map((m) => `page error: ${m}`),
        ...record.failed.map((m) => `failed request: ${m}`),
      ];
    },
    // Forgets what was recorded, to reuse the page for another address.
    reset() {
      for (const key of ['requests', 'offsite', 'consoleErrors', 'pageErrors', 'failed']) {
        record[key] = [];
      }
    },
    // Resolves once no request has been in flight for quietMs.
    async idle(quietMs = 150, timeout = 15000) {
      const start = Date.now();
      while (Date.now() - start < timeout) {
        if (inflight <= 0 && Date.now() - lastActivity >= quietMs) {
          return;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
  const settle = () => {
    inflight -= 1;
    lastActivity = Date.now();
  };
  page.on('request', (req) => {
    inflight += 1;
    lastActivity = Date.now();
    record.requests.push({ url: req.url(), method: req.method(), resourceType: req.resourceType() });
    if (!isLocalURL(req.url())) {
      record.offsite.push(req.url());
    }
  });
  page.on('requestfinished', settle);
  page.on('websocket', (ws) => {
    if (!isLocalURL(ws.url())) {
      record.offsite.push(ws.url());
    }
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      record.consoleErrors.push(`${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => record.pageErrors.push(String(err && err.stack ? err.stack.split('\n').slice(0, 3).join(' | ') : err)));
  page.on('requestfailed', (req) => {
    settle();
    // ERR_ABORTED: cancelled by a navigation (leaving the page while a
    // chart bundle loads); a missing file is an HTTP 404, reported below.
    const aborted = req.failure() && req.failure().errorText === 'net::ERR_ABORTED';
    if (isLocalURL(req.url()) && !aborted) {
      record.failed.push(`${req.url()}: ${req.failure() ? req.failure().errorText : 'failed'}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && isLocalURL(res.url()) && !allowStatus.includes(res.status())) {
      record.failed.push(`${res.url()}: HTTP ${res.status()}`);
    }
  });
  return record;
}

// Chart containers: bar charts ([data-chart], data-testid chart-<name>)
// and the world map ([data-map], data-testid world-map).
export const CHART_SELECTOR = '[data-chart], [data-map]';

// Draws every chart of the page and waits for it: the chart bundle loads,
// and each chart draws, only when it is about to scroll into view, so each
// container is scrolled to in turn, and must then hold an <svg> or
// <canvas>. Pages without charts return at once. Throws, naming the
// charts, if one is not drawn within timeout.
export async function waitForCharts(page, timeout = 15000) {
  const count = await page.locator(CHART_SELECTOR).count();
  const missing = [];
  for (let i = 0; i < count; i++) {
    const handle = await page.locator(CHART_SELECTOR).nth(i).elementHandle();
    await handle.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
    try {
      await page.waitForFunction(
        (el) => el.querySelector('svg, canvas') !== null || el.classList.contains('chart-failed'),
        handle,
        { timeout },
      );
    } catch {
      // reported below
    }
    const state = await handle.evaluate((el) => ({
      name: el.getAttribute('data-testid') || el.getAttribute('data-chart') || el.id || el.className,
      drawn: el.querySelector('svg, canvas') !== null,
      failed: el.classList.contains('chart-failed') || document.documentElement.classList.contains('charts-failed'),
    }));
    if (!state.drawn || state.failed) {
      missing.push(`${state.name}${state.failed ? ' (chart-failed)' : ''}`);
      timeout = Math.min(timeout, 2000); // the bundle is likely broken: do not wait as long for the rest
    }
    await handle.dispose();
  }
  if (count > 0) {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  if (missing.length) {
    throw new Error(`charts not drawn: ${missing.join(', ')}`);
  }
}

// With JavaScript off (javaScriptEnabled: false) pass waitCharts: false.
// To load another address in a page already opened by openPage, pass
// reuse: {page, record} (faster than a new page).
export async function openPage(context, url, { waitCharts = true, allowStatus = [], reuse = null } = {}) {
  const page = reuse ? reuse.page : await context.newPage();
  const record = reuse ? reuse.record : await trackPage(page, { allowStatus });
  record.reset();
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  if (waitCharts) {
    await waitForCharts(page).catch((err) => record.pageErrors.push(err.message.split('\n')[0]));
  }
  await record.idle();
  return { page, record, response };
}

// ---------------------------------------------------------- page discovery

export async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) {
    throw new Error(`${url}: HTTP ${res.status}`);
  }
  return res.text();
}

export function xmlLocs(xml) {
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => decodeEntities(m[1]));
}

// Every page URL of the sitemap (following a sitemap index), rewritten to
// the local server, sorted.
export async function sitemapPages() {
  const seen = new Set();
  const pages = new Set();
  async function read(url) {
    if (seen.has(url)) {
      return;
    }
    seen.add(url);
    const xml = await fetchText(url);
    const locs = xmlLocs(xml);
    if (/<sitemapindex[\s>]/.test(xml)) {
      for (const loc of locs) {
        await read(toLocal(loc));
      }
    } else {
      locs.forEach((loc) => pages.add(toLocal(loc)));
    }
  }
  await read(new URL('sitemap.xml', BASE_URL).href);
  return [...pages].sort();
}

// The same path on the test server (the sitemap may name another host if
// the site was built with another baseURL).
export function toLocal(url) {
  const u = new URL(url, BASE_URL);
  return new URL(u.pathname + u.search + u.hash, ORIGIN).href;
}

export function pathOf(url) {
  return new URL(url, BASE_URL).pathname;
}

// The path of a URL without its language's folder: /fr/countries/de/ is
// /countries/de/, the French of that page.
export function pathInLanguage(url) {
  const segs = pathOf(url).split('/');
  return segs.length > 2 && LANGUAGE_FOLDER.test(segs[1]) ? '/' + segs.slice(2).join('/') : pathOf(url);
}

// A language's folder: a language code, such as fr or pt-br (no section
// of the site has a name so short).
const LANGUAGE_FOLDER = /^[a-z]{2}(-[a-z]{2,4})?$/;

// The kind of page a URL is, from its shape: "home", "section:<name>" for a
// page one level down (such as /countries/ or /faq/), "<section>/*" for the
// pages under it, with the kind of period for period pages
// ("periods/*:quarter"). Pages of the same kind share a layout.
export function pageType(url) {
  const segs = pathOf(url).split('/').filter(Boolean);
  // A language's pages are under its folder (/fr/, /pt-br/): their types
  // are the same types in that language ("fr:home", "fr:countries/*").
  if (segs.length > 0 && LANGUAGE_FOLDER.test(segs[0])) {
    return `${segs[0]}:${pageType(new URL('/' + segs.slice(1).join('/') + (segs.length > 1 ? '/' : ''), ORIGIN).href)}`;
  }
  if (segs.length === 0) {
    return 'home';
  }
  if (segs.length === 1) {
    return `section:${segs[0]}`;
  }
  const last = segs[segs.length - 1].toLowerCase();
  let shape = '';
  if (/^\d{4}$/.test(last)) {
    shape = ':year';
  } else if (/^\d{4}-q[1-4]$/.test(last)) {
    shape = ':quarter';
  } else if (/^\d{4}-h[12]$/.test(last)) {
    shape = ':half';
  }
  return `${segs[0]}/${segs.length > 2 ? '…/' : ''}*${shape}`;
}

// One URL of each page type: the latest period or the country with the
// most requests where the type has it, otherwise the first in order.
export function representativePages(urls) {
  const summary = readData('summary.json');
  const prefer = [
    `/periods/${summary.latest.toLowerCase()}/`,
    `/countries/${topCountry().code.toLowerCase()}/`,
  ];
  const byType = new Map();
  for (const url of [...urls].sort()) {
    const type = pageType(url);
    if (!byType.has(type)) {
      byType.set(type, []);
    }
    byType.get(type).push(url);
  }
  const chosen = new Map();
  for (const [type, list] of [...byType.entries()].sort()) {
    chosen.set(type, list.find((u) => prefer.includes(pathInLanguage(u))) || list[0]);
  }
  return chosen;
}

// The language of a page type ("fr:home" is French; "" for the default
// language) and the type in that language.
export function languageOf(type) {
  const m = /^([a-z]{2}(?:-[a-z]{2,4})?):(.*)$/.exec(type);
  return m ? { lang: m[1], type: m[2] } : { lang: '', type };
}

// The page types whose words differ most between languages: the pages a
// reader switches to another language (home, a country, a period, the
// methodology and the downloads). The other languages' pages are the same
// templates with other words, so the slower checks look at these types in
// them, and at every type in the default language.
export const OTHER_LANGUAGE_TYPES = ['home', 'countries/*', 'periods/*:quarter', 'section:methodology', 'section:downloads'];

// The pages of representativePages in the default language, and in the
// other languages those of the given types (OTHER_LANGUAGE_TYPES unless
// said).
export function defaultLanguageAndSample(pages, types = OTHER_LANGUAGE_TYPES) {
  return new Map([...pages].filter(([type]) => {
    const { lang, type: inLanguage } = languageOf(type);
    return !lang || types.includes(inLanguage);
  }));
}

// The pages most tests look at. The latest period and the country with the
// most requests in it.
export function keyPages() {
  const summary = readData('summary.json');
  return {
    home: BASE_URL,
    countriesIndex: new URL('countries/', BASE_URL).href,
    country: new URL(`countries/${topCountry().code.toLowerCase()}/`, BASE_URL).href,
    periodsIndex: new URL('periods/', BASE_URL).href,
    period: new URL(`periods/${summary.latest.toLowerCase()}/`, BASE_URL).href,
  };
}

// -------------------------------------------------------------------- data

const dataCache = new Map();

export function readData(name) {
  if (!dataCache.has(name)) {
    dataCache.set(name, JSON.parse(readFileSync(path.join(DATA_DIR, name), 'utf8')));
  }
  return dataCache.get(name);
}

export function topCountry() {
  const { countries } = readData('summary.json');
  return [...countries].filter((c) => c.latest_rank > 0).sort((a, b) => a.latest_rank - b.latest_rank)[0];
}

export function countryName(country, lang = 'en') {
  return country.names[lang] || Object.values(country.names)[0];
}

// Numbers as the site writes them in English ("27,471").
export function formatNumber(n) {
  return new Intl.NumberFormat('en-GB').format(n);
}

// "27,471" -> 27471, "−1,699" -> -1699, "74.2%" -> 74.2; NaN without digits.
export function parseNumber(text) {
  if (text == null) {
    return NaN;
  }
  const s = String(text).replace(/[\u2212\u2012\u2013]/g, '-').replace(/[^\d.\-]/g, '');
  if (!/\d/.test(s)) {
    return NaN;
  }
  return Number(s);
}

// ------------------------------------------------------------ built files

// The built file a local URL serves, as serve.mjs finds it, or null.
export function fileForURL(url) {
  const u = new URL(url, BASE_URL);
  let p;
  try {
    p = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  let file = path.join(SITE_DIR, p);
  if (!file.startsWith(SITE_DIR)) {
    return null;
  }
  try {
    if (statSync(file).isDirectory()) {
      file = path.join(file, 'index.html');
    }
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}

export function gzipSize(buffer) {
  return gzipSync(buffer).length; // level 6, as most servers use
}

export function walk(dir, filter = () => true) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...walk(p, filter));
    } else if (filter(p)) {
      out.push(p);
    }
  }
  return out.sort();
}

// Every built HTML file: the pages and the fragments that scripts swap into
// them (the map's table for each period), for checks of what they link to.
export function htmlFiles() {
  return walk(SITE_DIR, (p) => p.endsWith('.html'));
}

// The built HTML files that are pages: whole documents, which a reader can
// open, a sitemap lists and a feed is linked from; not fragments.
export function htmlPages() {
  return htmlFiles().filter((file) => /^\s*<!doctype html/i.test(readFileSync(file, 'utf8').slice(0, 100)));
}

// The URL a built HTML file is served at.
export function urlForFile(file) {
  let rel = path.relative(SITE_DIR, file).split(path.sep).join('/');
  if (rel === 'index.html') {
    rel = '';
  } else if (rel.endsWith('/index.html')) {
    rel = rel.slice(0, -'index.html'.length);
  }
  return new URL(rel, BASE_URL).href;
}

// ------------------------------------------------- a small HTML tokenizer

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// The start tags of an HTML document, [{name, attrs: {name: value}}], in
// order, without comments and without the content of <script>, <style>
// and <textarea> (a <script>'s own tag is kept).
export function startTags(html) {
  const tags = [];
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, '');
  const tagRe = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'=<>`/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  const attrRe = /([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let m;
  while ((m = tagRe.exec(cleaned))) {
    const name = m[1].toLowerCase();
    const attrs = {};
    for (const a of m[2].matchAll(attrRe)) {
      const key = a[1].toLowerCase();
      if (!(key in attrs)) {
        attrs[key] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      }
    }
    tags.push({ name, attrs });
    if (name === 'script' || name === 'style' || name === 'textarea') {
      const end = cleaned.toLowerCase().indexOf(`</${name}`, tagRe.lastIndex);
      if (end >= 0) {
        tagRe.lastIndex = end;
      }
    }
  }
  return tags;
}

// The ids a page defines (and the names of <a name>), for #fragment links.
export function anchorsOf(html) {
  const ids = new Set();
  for (const { name, attrs } of startTags(html)) {
    if (attrs.id) {
      ids.add(attrs.id);
    }
    if (name === 'a' && attrs.name) {
      ids.add(attrs.name);
    }
  }
  return ids;
}

// Reads a page's HTML tables in the browser: for each table of root (a
// selector, default "main"), its caption and rows of cells, each cell
// {text, header, colspan}, with column positions resolved through colspans.
export async function readTables(page, root = 'main') {
  return page.evaluate((rootSel) => {
    const rootEl = document.querySelector(rootSel) || document.body;
    return [...rootEl.querySelectorAll('table')].map((table) => {
      const rows = [...table.rows].map((tr) => {
        let col = 0;
        return [...tr.cells].map((cell) => {
          const c = {
            text: cell.textContent.replace(/\s+/g, ' ').trim(),
            header: cell.tagName === 'TH',
            col,
            colspan: cell.colSpan || 1,
            section: tr.parentElement.tagName.toLowerCase(),
          };
          col += c.colspan;
          return c;
        });
      });
      return {
        caption: table.caption ? table.caption.textContent.replace(/\s+/g, ' ').trim() : '',
        rows,
      };
    });
  }, root);
}

// Short lists in failure messages.
export function list(items, max = 25) {
  const shown = items.slice(0, max).map((s) => `  - ${s}`);
  if (items.length > max) {
    shown.push(`  … and ${items.length - max} more`);
  }
  return shown.join('\n');
}

// Runs fn(item, index, worker) over items with at most n at a time (worker
// is 0 … n-1, for state kept per worker, such as a page); keeps order.
export async function mapLimit(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker(_, w) {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i, w);
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}
