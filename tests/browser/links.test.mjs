// No broken internal link in the built site. Every HTML file is read (no
// browser needed); every internal reference (href, src, srcset, poster,
// data, xlink:href, and og:url / og:image in <meta>) that is relative,
// root-relative or starts with the site's base URL must name a file of the
// built site (a folder stands for its index.html), and a #fragment must be
// an id (or <a name>) of the target page. The sitemap's and the feeds'
// addresses are checked the same way. All broken links are reported at
// once, with the page they are on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  BASE_URL, ORIGIN, SITE_DIR, LOCAL_HOSTS, htmlFiles, urlForFile, fileForURL, startTags, anchorsOf, xmlLocs, walk,
  pathOf, list, decodeEntities,
} from './helpers.mjs';

const URL_ATTRS = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  script: ['src'],
  img: ['src', 'srcset'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  form: ['action'],
  use: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
};
// <link rel> values whose href is not a resource of this site to check.
const LINK_RELS_SKIPPED = /\b(preconnect|dns-prefetch)\b/;

const anchorCache = new Map();
function anchorsOfFile(file) {
  if (!anchorCache.has(file)) {
    anchorCache.set(file, file.endsWith('.html') ? anchorsOf(readFileSync(file, 'utf8')) : null);
  }
  return anchorCache.get(file);
}

// The internal URLs of one HTML page: [{ref, url}].
function referencesOf(html, pageURL) {
  const refs = [];
  for (const { name, attrs } of startTags(html)) {
    const names = URL_ATTRS[name] || [];
    if (name === 'link' && LINK_RELS_SKIPPED.test(attrs.rel || '')) {
      continue;
    }
    for (const attr of names) {
      const value = attrs[attr];
      if (value === undefined) {
        continue;
      }
      const values = attr === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean) : [value.trim()];
      refs.push(...values.map((v) => ({ ref: `<${name} ${attr}="${v}">`, value: v })));
    }
    if (name === 'meta' && /^og:(url|image)$/.test(attrs.property || '') && attrs.content) {
      refs.push({ ref: `<meta property="${attrs.property}" content="${attrs.content}">`, value: attrs.content.trim() });
    }
  }
  return refs
    .map((r) => ({ ...r, url: internalURL(r.value, pageURL) }))
    .filter((r) => r.url !== null);
}

// The absolute URL of an internal reference, or null for an external one
// (or a mailto:, data: … one). A link to a local address that is not the
// site (such as Hugo's default http://localhost:1313/) is internal, and
// broken.
function internalURL(value, pageURL) {
  if (value === '' || /^(mailto|tel|data|javascript|blob|about|sms):/i.test(value)) {
    return null;
  }
  let u;
  try {
    u = new URL(value, pageURL);
  } catch {
    return `invalid:${value}`;
  }
  if (u.origin === ORIGIN) {
    return u.href;
  }
  if ((u.protocol === 'http:' || u.protocol === 'https:') && LOCAL_HOSTS.has(u.hostname)) {
    return `wrong-origin:${u.href}`;
  }
  return null;
}

function check(url, pageFile) {
  if (url.startsWith('invalid:')) {
    return 'not a valid URL';
  }
  if (url.startsWith('wrong-origin:')) {
    return `points at a local address that is not the site (${url.slice(13)}): a hard-coded host?`;
  }
  const u = new URL(url);
  const target = u.pathname === new URL(urlForFile(pageFile)).pathname && !u.search ? pageFile : fileForURL(url);
  if (!target) {
    return 'no such file';
  }
  if (u.hash && u.hash !== '#') {
    let id;
    try {
      id = decodeURIComponent(u.hash.slice(1));
    } catch {
      id = u.hash.slice(1);
    }
    const anchors = anchorsOfFile(target);
    if (anchors && !anchors.has(id) && id !== 'top') {
      return `no element with id "${id}" on ${pathOf(urlForFile(target))}`;
    }
  }
  return null;
}

test('no broken internal link or resource in any HTML page', () => {
  const files = htmlFiles();
  assert.ok(files.length > 10, `only ${files.length} HTML files in ${SITE_DIR}`);
  const broken = [];
  let checked = 0;
  for (const file of files) {
    const pageURL = urlForFile(file);
    const html = readFileSync(file, 'utf8');
    for (const { ref, url } of referencesOf(html, pageURL)) {
      checked += 1;
      const problem = check(url, file);
      if (problem) {
        broken.push(`${pathOf(pageURL)}: ${ref}: ${problem}`);
      }
    }
  }
  console.log(`# ${checked} internal references checked in ${files.length} HTML files`);
  if (broken.length) {
    assert.fail(`${broken.length} broken internal links:\n${list(broken, 60)}`);
  }
});

test('every address in the sitemap and the feeds exists', () => {
  const xmlFiles = walk(SITE_DIR, (p) => p.endsWith('.xml'));
  assert.ok(xmlFiles.length > 0, 'no XML file (sitemap, feed) in the built site');
  const broken = [];
  for (const file of xmlFiles) {
    const xml = readFileSync(file, 'utf8');
    const urls = [
      ...xmlLocs(xml),
      ...[...xml.matchAll(/<link>\s*([^<\s]+)\s*<\/link>/g)].map((m) => decodeEntities(m[1])),
      ...[...xml.matchAll(/<(?:atom:)?link\b[^>]*\bhref="([^"]+)"/g)].map((m) => decodeEntities(m[1])),
    ];
    for (const value of urls) {
      const url = internalURL(value, BASE_URL);
      if (url === null) {
        continue;
      }
      const problem = url.startsWith('invalid:') || url.startsWith('wrong-origin:') ? check(url, file) : fileForURL(url) ? null : 'no such file';
      if (problem) {
        broken.push(`${path.relative(SITE_DIR, file)}: ${value}: ${problem}`);
      }
    }
  }
  if (broken.length) {
    assert.fail(`${broken.length} broken addresses in XML files:\n${list(broken, 60)}`);
  }
});
