// Every page of the sitemap (in the other languages, one of each type), and
// the 404 page, loads cleanly: HTTP 200, no
// console error, no uncaught error, no failed request, nothing requested
// from another host; and is findable: one <h1>, a <title>, a meta
// description, a canonical URL and Open Graph tags.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launchBrowser, newContext, openPage, sitemapPages, list, mapLimit, pathOf, pageType, representativePages, pathInLanguage,
} from './helpers.mjs';

let browser;
let context;
const results = []; // one per page: {url, status, problems, head}

before(async () => {
  browser = await launchBrowser();
  context = await newContext(browser);
  // Every page in the default language; in each other language, whose
  // pages are the same templates with other words, one of each type.
  const all = await sitemapPages();
  const sampled = new Set(representativePages(all).values());
  const urls = all.filter((u) => pathInLanguage(u) === pathOf(u) || sampled.has(u));
  const notFoundPage = new URL('404.html', BASE_URL).href;
  const pages = [...urls, notFoundPage];
  // Three pages at a time, each tab reused from one address to the next.
  const tabs = [];
  await mapLimit(pages, 3, async (url, _, worker) => {
    const { page, record, response } = await openPage(context, url, { reuse: tabs[worker] });
    tabs[worker] = { page, record };
    const head = await readHead(page);
    results.push({ url, path: pathOf(url), status: response ? response.status() : 0, problems: record.problems(), head, is404: url === notFoundPage });
  });
  results.sort((a, b) => a.url.localeCompare(b.url));
});

async function readHead(page) {
  return page.evaluate(() => {
    const attr = (sel, name) => {
      const el = document.querySelector(sel);
      return el ? el.getAttribute(name) : null;
    };
    return {
      h1: document.querySelectorAll('h1').length,
      h1Text: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
      title: document.title.trim(),
      titles: document.querySelectorAll('head > title').length,
      description: attr('meta[name="description"]', 'content'),
      canonical: attr('link[rel="canonical"]', 'href'),
      canonicals: document.querySelectorAll('link[rel="canonical"]').length,
      ogTitle: attr('meta[property="og:title"]', 'content'),
      ogDescription: attr('meta[property="og:description"]', 'content'),
      ogURL: attr('meta[property="og:url"]', 'content'),
      ogType: attr('meta[property="og:type"]', 'content'),
      lang: document.documentElement.getAttribute('lang'),
    };
  });
}

after(async () => {
  await browser?.close();
});

function failing(check) {
  return results.filter((r) => !r.skip && check(r) !== true).map((r) => `${r.path}: ${check(r)}`);
}

function assertAll(what, check) {
  assert.ok(results.length > 0, 'no page found in the sitemap');
  const bad = failing(check);
  if (bad.length) {
    assert.fail(`${bad.length} of ${results.length} pages ${what}:\n${list(bad)}`);
  }
}

test('the sitemap lists the home page, the indexes and their pages', () => {
  const paths = results.map((r) => r.path);
  for (const p of ['/', '/countries/', '/periods/']) {
    assert.ok(paths.includes(p), `sitemap.xml lacks ${p}`);
  }
  assert.ok(paths.some((p) => /^\/countries\/[a-z]{2}\/$/.test(p)), 'sitemap.xml lists no country page');
  assert.ok(paths.some((p) => /^\/periods\/[^/]+\/$/.test(p)), 'sitemap.xml lists no period page');
});

test('every page answers HTTP 200', () => {
  assertAll('did not answer 200', (r) => r.status === 200 || `HTTP ${r.status}`);
});

test('no page logs a console error, throws, or has a failed request', () => {
  assertAll('had problems', (r) => {
    const p = r.problems.filter((m) => !m.startsWith('request leaving localhost'));
    return p.length === 0 || p.join('; ');
  });
});

test('no page requests anything from another host', () => {
  assertAll('requested another host', (r) => {
    const p = r.problems.filter((m) => m.startsWith('request leaving localhost'));
    return p.length === 0 || p.join('; ');
  });
});

test('every page has exactly one h1', () => {
  assertAll('do not have exactly one <h1>', (r) => r.head.h1 === 1 || `${r.head.h1} h1 elements ${JSON.stringify(r.head.h1Text)}`);
});

test('every page has a title and a language', () => {
  assertAll('lack a title or lang', (r) => {
    if (r.head.titles !== 1 || !r.head.title) {
      return `${r.head.titles} <title> elements, text ${JSON.stringify(r.head.title)}`;
    }
    return !!r.head.lang || 'no <html lang>';
  });
});

test('every page has a meta description', () => {
  assertAll('lack a meta description', (r) => (r.head.description && r.head.description.trim().length > 0) || 'no <meta name="description">');
});

test('every page has one canonical URL, its own address', () => {
  assertAll('lack a correct canonical link', (r) => {
    if (r.head.canonicals !== 1) {
      return `${r.head.canonicals} <link rel="canonical">`;
    }
    if (r.is404) {
      return true; // the 404 page is served at every missing address
    }
    let canonical;
    try {
      canonical = new URL(r.head.canonical);
    } catch {
      return `canonical ${JSON.stringify(r.head.canonical)} is not an absolute URL`;
    }
    return canonical.href === r.url || `canonical ${canonical.href} is not the page's address ${r.url}`;
  });
});

test('every page has an og:title', () => {
  assertAll('lack og:title', (r) => (r.head.ogTitle && r.head.ogTitle.trim().length > 0) || 'no <meta property="og:title">');
});

test('every page has the other basic Open Graph tags (og:description, og:url, og:type)', () => {
  assertAll('lack Open Graph tags', (r) => {
    const missing = ['ogDescription', 'ogURL', 'ogType'].filter((k) => !r.head[k]);
    if (missing.length) {
      return `missing ${missing.map((k) => 'og:' + k.slice(2).toLowerCase()).join(', ')}`;
    }
    if (!r.is404 && r.head.ogURL !== r.head.canonical) {
      return `og:url ${r.head.ogURL} differs from canonical ${r.head.canonical}`;
    }
    return true;
  });
});

test('every page has its own title', () => {
  const byTitle = new Map();
  for (const r of results) {
    byTitle.set(r.head.title, [...(byTitle.get(r.head.title) || []), r.path]);
  }
  const dups = [...byTitle.entries()].filter(([, paths]) => paths.length > 1).map(([t, paths]) => `${JSON.stringify(t)}: ${paths.join(', ')}`);
  if (dups.length) {
    assert.fail(`pages share a title:\n${list(dups)}`);
  }
});

test('every page has its own meta description', () => {
  const byDesc = new Map();
  for (const r of results.filter((x) => !x.is404)) {
    byDesc.set(r.head.description, [...(byDesc.get(r.head.description) || []), r.path]);
  }
  const dups = [...byDesc.entries()]
    .filter(([, paths]) => paths.length > 1)
    .map(([d, paths]) => {
      const types = new Map();
      paths.forEach((p) => types.set(pageType(p), (types.get(pageType(p)) || 0) + 1));
      const byType = [...types].map(([t, n]) => `${t} ×${n}`).join(', ');
      return `${paths.length} pages (${byType}) share ${JSON.stringify(String(d).slice(0, 70))}…: ${paths.slice(0, 4).join(', ')}${paths.length > 4 ? ', …' : ''}`;
    });
  if (dups.length) {
    assert.fail(`pages share a meta description:\n${list(dups)}`);
  }
});

test('a missing address answers 404 with the site\'s 404 page', async () => {
  const { page, response } = await openPage(context, new URL('no-such-page/', BASE_URL).href, { allowStatus: [404] });
  try {
    assert.equal(response.status(), 404);
    assert.equal(await page.locator('h1').count(), 1, 'the 404 page has one h1');
    const links = await page.locator('main a[href]').count();
    assert.ok(links > 0, 'the 404 page links somewhere useful');
  } finally {
    await page.close();
  }
});
