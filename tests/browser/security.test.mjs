// The security headers of netlify.toml, proven: the file gives every page
// the headers a security-conscious static site has (a strict
// Content-Security-Policy, HSTS, Permissions-Policy, Cross-Origin-Opener-
// Policy), serve.mjs sends them as Netlify would (its [[headers]] rules,
// read from netlify.toml itself), and one page of every type loads under
// them in Chromium, charts drawn and tooltips shown, with no CSP violation
// and no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readNetlifyHeaders, headersFor } from './serve.mjs';
import {
  BASE_URL, REPO, CHART_SELECTOR, launchBrowser, newContext, openPage, sitemapPages, representativePages, defaultLanguageAndSample, list, pathOf,
} from './helpers.mjs';

const rules = readNetlifyHeaders(path.join(REPO, 'netlify.toml'));

// The Content-Security-Policy of a path, as {directive: [sources]}.
function cspOf(pathname) {
  const value = headersFor(rules, pathname)['Content-Security-Policy'];
  assert.ok(value, `netlify.toml gives ${pathname} no Content-Security-Policy`);
  return Object.fromEntries(value.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

test('netlify.toml gives every page the security headers', () => {
  for (const pathname of ['/', '/periods/2026-q3/', '/404.html', '/downloads/']) {
    const headers = headersFor(rules, pathname);
    assert.equal(headers['Strict-Transport-Security'], 'max-age=63072000; includeSubDomains', pathname);
    assert.equal(headers['Cross-Origin-Opener-Policy'], 'same-origin', pathname);
    assert.equal(headers['X-Content-Type-Options'], 'nosniff', pathname);
    assert.equal(headers['Referrer-Policy'], 'strict-origin-when-cross-origin', pathname);
    const permissions = headers['Permissions-Policy'] || '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      assert.match(permissions, new RegExp(`(^|, )${feature}=\\(\\)(,|$)`), `${pathname}: Permissions-Policy does not deny ${feature}: ${permissions}`);
    }
    const csp = cspOf(pathname);
    assert.deepEqual(csp['default-src'], ["'self'"], pathname);
    assert.deepEqual(csp['script-src'], ["'self'"], `${pathname}: scripts only from the site, none inline`);
    assert.deepEqual(csp['style-src'], ["'self'"], `${pathname}: styles only from the site's stylesheets, no style attribute`);
    assert.deepEqual(csp['object-src'], ["'none'"], pathname);
    assert.deepEqual(csp['frame-ancestors'], ["'none'"], pathname);
    assert.deepEqual(csp['base-uri'], ["'self'"], pathname);
    assert.deepEqual(csp['form-action'], ["'self'"], pathname);
  }
});

test('serve.mjs reads netlify.toml with Netlify\'s paths and refuses what it cannot read', async () => {
  assert.ok(rules.length >= 5, `only ${rules.length} [[headers]] rules read from netlify.toml`);
  const csv = headersFor(rules, '/downloads/2026-q3/by-period/requests-2026-q3.csv');
  assert.equal(csv['Content-Disposition'], 'attachment', 'a CSV two folders down is not a download: `*` must cross folders');
  assert.equal(headersFor(rules, '/js/charts-map.js')['Cache-Control'], 'public, max-age=31536000, immutable');
  assert.equal(headersFor(rules, '/')['Cache-Control'], undefined);

  const dir = mkdtempSync(path.join(tmpdir(), 'netlify-'));
  const file = path.join(dir, 'netlify.toml');
  writeFileSync(file, '[[headers]]\n  for = "/*"\n  [headers.values]\n    X-A = """\n      a"""\n');
  assert.throws(() => readNetlifyHeaders(file), /cannot read this line/);
  writeFileSync(file, '[[headers]]\n  for = "/*"\n  [headers.values]\n    X-A = "1"\n[[headers]]\n  for = "/js/*"\n  [headers.values]\n    x-a = "2"\n');
  assert.throws(() => headersFor(readNetlifyHeaders(file), '/js/a.js'), /x-a is set for \/js\/a.js by both/);
  assert.equal(headersFor(readNetlifyHeaders(file), '/a.js')['X-A'], '1');
  rmSync(dir, { recursive: true });
});

let browser;
let context;
let pages; // Map: page type -> URL

before(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  // Every violation of the page's policy, as the page sees it.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const el = e.target instanceof Element ? e.target : null;
      const what = el ? ` on <${el.localName}${el.getAttribute('style') !== null ? ` style="${el.getAttribute('style').slice(0, 60)}"` : ''}>` : '';
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${what} from ${(e.sourceFile || e.documentURI).replace(/^.*\//, '')}:${e.lineNumber}`);
    });
  });
  // The policy does not depend on the language: the other languages'
  // home pages stand for their pages.
  pages = defaultLanguageAndSample(representativePages(await sitemapPages()), ['home']);
  pages.set('404', new URL('404.html', BASE_URL).href);
});

after(async () => {
  await browser?.close();
});

test('the server sends netlify.toml\'s headers with every page, script and download', async () => {
  const urls = [...pages.values()];
  const assets = new Set();
  for (const url of urls) {
    const html = await (await fetch(url)).text();
    for (const m of html.matchAll(/(?:src|href)="([^"#?]+\.(?:js|css|csv|json|md|cff))"/g)) {
      assets.add(new URL(m[1], url).href);
    }
  }
  const problems = [];
  for (const url of [...urls, ...assets]) {
    const res = await fetch(url, { method: 'HEAD' });
    for (const [name, value] of Object.entries(headersFor(rules, pathOf(url)))) {
      if (res.headers.get(name) !== value) {
        problems.push(`${pathOf(url)}: ${name} is ${JSON.stringify(res.headers.get(name))}, netlify.toml says ${JSON.stringify(value)}`);
      }
    }
  }
  assert.deepEqual(problems, [], list(problems));
});

// Shows the tooltip of every chart, whose markup ECharts writes from script.
async function showTooltips(page) {
  const charts = page.locator(CHART_SELECTOR);
  for (let i = 0; i < await charts.count(); i++) {
    const chart = charts.nth(i);
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.boundingBox();
    if (!box) {
      continue;
    }
    for (const [fx, fy] of [[0.3, 0.6], [0.5, 0.5], [0.7, 0.4]]) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy, { steps: 2 });
      await page.waitForTimeout(60);
    }
  }
}

test('one page of every type loads under the policy: no violation, no console error', async () => {
  const problems = [];
  for (const [type, url] of pages) {
    const { page, record } = await openPage(context, url, { allowStatus: type === '404' ? [404] : [] });
    await showTooltips(page);
    const select = page.locator('[data-testid="map-period"]');
    if (await select.count()) {
      const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value));
      await select.selectOption(options[options.length - 1]);
      await page.waitForTimeout(300);
      await showTooltips(page);
    }
    await record.idle();
    const violations = await page.evaluate(() => window.__cspViolations);
    for (const v of violations) {
      problems.push(`${type} ${pathOf(url)}: ${v}`);
    }
    for (const p of record.problems()) {
      problems.push(`${type} ${pathOf(url)}: ${p}`);
    }
    await page.close();
  }
  console.log(`# ${pages.size} page types: ${[...pages.keys()].join(', ')}`);
  const counts = new Map();
  for (const p of problems) {
    counts.set(p, (counts.get(p) || 0) + 1);
  }
  const summary = [...counts].map(([p, n]) => (n > 1 ? `${p} (${n} times)` : p));
  assert.equal(summary.length, 0, `under netlify.toml's headers:\n${list(summary, 40)}`);
});
