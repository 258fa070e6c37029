// Findable: the sitemap and the RSS feed of report releases exist, are
// served as XML and parse (with Chromium's XML parser); robots.txt names
// the sitemap; the sitemap lists every page of the site once; pages link
// to the feed.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  BASE_URL, launchBrowser, newContext, readData, fileForURL, htmlPages, urlForFile, toLocal, pathOf, list,
} from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launchBrowser();
  const context = await newContext(browser);
  page = await context.newPage();
  await page.goto(BASE_URL);
});

after(async () => {
  await browser?.close();
});

async function get(url) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') || '', text: await res.text() };
}

// Parses XML with Chromium's parser: {error} or {root: element}, each
// element {name, ns, attrs, text, children}.
async function parseXML(text) {
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const err = doc.querySelector('parsererror');
    if (err) {
      return { error: err.textContent.slice(0, 300) };
    }
    const tree = (el) => ({
      name: el.localName,
      ns: el.namespaceURI,
      attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
      text: el.children.length ? '' : el.textContent.trim(),
      children: [...el.children].map(tree),
    });
    return { root: tree(doc.documentElement) };
  }, text);
}

const child = (el, name) => el && el.children.find((c) => c.name === name);
const childText = (el, name) => (child(el, name) ? child(el, name).text : null);
const descendants = (el, name) => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => descendants(c, name))];

test('robots.txt allows crawling and names the sitemap', async () => {
  const robots = await get(new URL('robots.txt', BASE_URL).href);
  assert.equal(robots.status, 200, 'robots.txt');
  assert.match(robots.type, /^text\/plain/);
  const sitemaps = [...robots.text.matchAll(/^\s*Sitemap:\s*(\S+)\s*$/gim)].map((m) => m[1]);
  assert.ok(sitemaps.length > 0, `robots.txt names no sitemap:\n${robots.text}`);
  for (const s of sitemaps) {
    assert.equal(s, new URL('sitemap.xml', BASE_URL).href, 'the sitemap line is the site\'s absolute sitemap address');
  }
  assert.doesNotMatch(robots.text, /^\s*Disallow:\s*\/\s*$/m, 'robots.txt disallows the whole site');
});

test('sitemap.xml parses and lists every page once, with absolute addresses of the site', async () => {
  const sitemap = await get(new URL('sitemap.xml', BASE_URL).href);
  assert.equal(sitemap.status, 200);
  assert.match(sitemap.type, /xml/);
  const parsed = await parseXML(sitemap.text);
  assert.equal(parsed.error, undefined, `sitemap.xml does not parse: ${parsed.error}`);
  assert.ok(['urlset', 'sitemapindex'].includes(parsed.root.name), `root element ${parsed.root.name}`);
  assert.equal(parsed.root.ns, 'http://www.sitemaps.org/schemas/sitemap/0.9');
  let locs = descendants(parsed.root, 'loc').map((l) => l.text);
  if (parsed.root.name === 'sitemapindex') {
    const children = locs;
    locs = [];
    for (const loc of children) {
      const sub = await parseXML((await get(toLocal(loc))).text);
      assert.equal(sub.error, undefined, `${loc} does not parse: ${sub.error}`);
      locs.push(...descendants(sub.root, 'loc').map((l) => l.text));
    }
  }
  const notAbsolute = locs.filter((l) => !l.startsWith(BASE_URL));
  assert.deepEqual(notAbsolute, [], 'every <loc> starts with the base URL');
  const dups = locs.filter((l, i) => locs.indexOf(l) !== i);
  assert.deepEqual(dups, [], 'no address twice');
  const missingFiles = locs.filter((l) => !fileForURL(l));
  assert.deepEqual(missingFiles, [], 'every <loc> exists');
  assert.ok(locs.includes(BASE_URL), 'the home page is listed');

  // Every page of the built site is listed, except the 404 page and
  // redirects (aliases).
  const pages = htmlPages()
    .filter((f) => !f.endsWith('/404.html'))
    .filter((f) => !/<meta\s+http-equiv=["']?refresh/i.test(readFileSync(f, 'utf8').slice(0, 2000)))
    .map(urlForFile);
  const unlisted = pages.filter((p) => !locs.includes(p)).map(pathOf);
  if (unlisted.length) {
    assert.fail(`${unlisted.length} pages are not in the sitemap:\n${list(unlisted)}`);
  }
});

test('an RSS feed of report releases: linked from every page, served as XML, parses, names the latest release', async () => {
  const feeds = await page.$$eval('link[rel="alternate"][type="application/rss+xml"]', (ls) => ls.map((l) => ({ href: l.href, title: l.title })));
  assert.ok(feeds.length > 0, 'the home page has no <link rel="alternate" type="application/rss+xml"> (no feed yet?)');
  const feedURL = toLocal(feeds[0].href);
  assert.ok(feeds[0].title, 'the feed link has a title');
  const feed = await get(feedURL);
  assert.equal(feed.status, 200, `${pathOf(feedURL)}`);
  assert.match(feed.type, /xml/, `${pathOf(feedURL)} is served as ${feed.type}`);
  const parsed = await parseXML(feed.text);
  assert.equal(parsed.error, undefined, `the feed does not parse: ${parsed.error}`);
  assert.equal(parsed.root.name, 'rss');
  assert.equal(parsed.root.attrs.version, '2.0');
  const channel = child(parsed.root, 'channel');
  assert.ok(channel, 'no <channel>');
  for (const name of ['title', 'link', 'description']) {
    assert.ok(childText(channel, name), `the channel has no ${name}`);
  }
  const items = channel.children.filter((c) => c.name === 'item').map((item) => ({
    title: childText(item, 'title'),
    link: childText(item, 'link'),
    guid: childText(item, 'guid'),
    pubDate: childText(item, 'pubDate'),
    description: childText(item, 'description'),
  }));
  assert.ok(items.length > 0, 'the feed has no item');
  const bad = [];
  for (const item of items) {
    if (!item.title || !item.link) {
      bad.push(`item without title or link: ${JSON.stringify(item)}`);
      continue;
    }
    if (!item.link.startsWith(BASE_URL) || !fileForURL(item.link)) {
      bad.push(`${item.title}: link ${item.link} is not a page of the site`);
    }
    if (!item.pubDate || Number.isNaN(Date.parse(item.pubDate))) {
      bad.push(`${item.title}: pubDate ${JSON.stringify(item.pubDate)}`);
    }
  }
  if (bad.length) {
    assert.fail(list(bad));
  }
  // The latest release is in the feed.
  const summary = readData('summary.json');
  const key = summary.latest;
  const [year, part] = key.split('-');
  const label = part ? `${part} ${year}` : year;
  const mentions = items.some((i) => [i.title, i.link, i.description].some((s) => s && (s.toLowerCase().includes(key.toLowerCase()) || s.includes(label))));
  assert.ok(mentions, `no item of the feed is about the latest release ${key} (${label})`);
});

test('every page links to the feed', () => {
  const bad = htmlPages()
    .filter((f) => !/<meta\s+http-equiv=["']?refresh/i.test(readFileSync(f, 'utf8').slice(0, 2000)))
    .filter((f) => !/<link[^>]+application\/rss\+xml/i.test(readFileSync(f, 'utf8')))
    .map((f) => pathOf(urlForFile(f)));
  if (bad.length) {
    assert.fail(`${bad.length} pages do not link to the feed:\n${list(bad)}`);
  }
});
