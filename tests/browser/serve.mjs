#!/usr/bin/env node
// A tiny static file server for the browser tests: serves the built site
// from a folder on 127.0.0.1, the way the production host does (a folder
// address serves its index.html, a folder without its trailing slash
// redirects to it, a missing file is a 404 with the site's 404.html, text
// is compressed when the browser accepts it). No dependencies.
//
//   node tests/browser/serve.mjs <dir> [port] [host]
//
// Responses carry the headers that netlify.toml gives the production site
// (its [[headers]] rules: the Content-Security-Policy, caching, download
// types), so a page that breaks under them breaks in the tests too; the
// site's own _redirects rules apply as on the host (/downloads/latest/ is
// the newest release's folder).
//
// Port 0 picks a free port. Once listening it prints one line,
// "serving <dir> on http://<host>:<port>/", which scripts/browser-tests.sh
// waits for. It can also be imported: startServer({ root, port, host }).

import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.topojson': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.parquet': 'application/vnd.apache.parquet',
};

const COMPRESSIBLE = /^(text\/|application\/(json|geo\+json|manifest\+json|xml|rss\+xml|atom\+xml)|image\/svg\+xml)/;

// readOptional is the text of a file, or '' where there is none: a site
// without the file has no rules of that kind.
function readOptional(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

// The [[headers]] rules of a netlify.toml: [{for, pattern: RegExp, values: {}}].
// Only the subset of TOML the file uses is read: `for = "…"` and the
// key = "value" lines of [headers.values], each value one basic string; any
// other line inside a [[headers]] table throws, so that a header the tests
// should apply is never dropped in silence. Paths match as on Netlify:
// `*` matches anything, slashes included (a splat), and `:name` one path
// segment (a placeholder).
export function readNetlifyHeaders(file) {
  const text = readOptional(file);
  const rules = [];
  let rule = null;
  let inValues = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    if (line.startsWith('[')) {
      inValues = line === '[headers.values]' && rule !== null;
      if (line === '[[headers]]') {
        rule = { pattern: null, values: {} };
        rules.push(rule);
      } else if (!inValues) {
        rule = null;
      }
      continue;
    }
    const m = line.match(/^("?)([^"=]+?)\1\s*=\s*"((?:[^"\\]|\\.)*)"\s*(#.*)?$/);
    if (!rule) {
      continue;
    }
    if (!m) {
      throw new Error(`${file}: cannot read this line of a [[headers]] rule (a key = "value" string): ${raw}`);
    }
    const key = m[2].trim();
    const value = m[3].replace(/\\(.)/g, '$1');
    if (inValues) {
      rule.values[key] = value;
    } else if (key === 'for') {
      rule.for = value;
      rule.pattern = netlifyPathPattern(value);
    } else {
      throw new Error(`${file}: unknown key ${key} in a [[headers]] rule`);
    }
  }
  return rules.filter((r) => r.pattern);
}

// netlifyPath turns a Netlify path such as /downloads/*.csv or
// /countries/:code/ into a RegExp of the whole path, with a group for each
// `*` (named splat) and :name, in order: {pattern, names}.
function netlifyPath(glob) {
  const names = [];
  const re = glob.split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/).map((part) => {
    if (part === '*') {
      names.push('splat');
      return '(.*)';
    }
    if (part.startsWith(':') && part.length > 1) {
      names.push(part.slice(1));
      return '([^/]+)';
    }
    return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }).join('');
  return { pattern: new RegExp(`^${re}$`), names };
}

// netlifyPathPattern is the RegExp of netlifyPath.
export function netlifyPathPattern(glob) {
  return netlifyPath(glob).pattern;
}

// headersFor gives the headers of every rule whose path matches pathname.
// Netlify applies every matching rule; two rules that set the same header
// for one path are refused, as which value wins would then be Netlify's
// choice rather than the file's.
export function headersFor(rules, pathname) {
  const out = {};
  const from = {};
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) {
      continue;
    }
    for (const [name, value] of Object.entries(rule.values)) {
      const key = name.toLowerCase();
      if (from[key] !== undefined) {
        throw new Error(`netlify.toml: ${name} is set for ${pathname} by both [[headers]] for = "${from[key]}" and for = "${rule.for}"`);
      }
      from[key] = rule.for;
      out[name] = value;
    }
  }
  return out;
}

// The rules of a site's _redirects file (Netlify's format: one rule a
// line, "from to [status]", # comments): [{from, pattern: RegExp, names,
// to, status}]. A rule applies, as on Netlify, only where no file answers
// the path (no forced rules: a "!" after the status throws, as does any
// line that is not three fields or fewer). `*` in from is the splat,
// :splat in to; :name one path segment. A missing file is no rules.
export function readRedirects(file) {
  const text = readOptional(file);
  const rules = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') {
      continue;
    }
    const fields = line.split(/\s+/);
    if (fields.length < 2 || fields.length > 3 || !/^\d{3}$/.test(fields[2] || '301')) {
      throw new Error(`${file}: cannot read this rule (from, to and a status such as 200 or 301): ${raw}`);
    }
    const [from, to, status = '301'] = fields;
    rules.push({ from, ...netlifyPath(from), to, status: Number(status) });
  }
  return rules;
}

// redirectFor gives the first rule of rules matching pathname, with its
// target filled in ({to, status}), or null.
export function redirectFor(rules, pathname) {
  for (const rule of rules) {
    const m = rule.pattern.exec(pathname);
    if (!m) {
      continue;
    }
    let to = rule.to;
    rule.names.forEach((name, i) => {
      to = to.split(`:${name}`).join(m[i + 1]);
    });
    return { to, status: rule.status };
  }
  return null;
}

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function startServer({
  root, port = 0, host = '127.0.0.1', log = false, headersFile = path.join(REPO, 'netlify.toml'),
} = {}) {
  const base = path.resolve(root);
  const headerRules = headersFile ? readNetlifyHeaders(headersFile) : [];
  // The site's own rules (layouts/home.redirects), read once: the host
  // reads them at deploy.
  const redirectsFile = path.join(base, '_redirects');
  const redirectRules = readRedirects(redirectsFile);

  const compressed = new Map(); // "<encoding>:<file>" -> Buffer

  function encode(file, body, encoding) {
    const key = encoding + ':' + file;
    if (!compressed.has(key)) {
      compressed.set(key, encoding === 'br'
        ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })
        : gzipSync(body, { level: 9 }));
    }
    return compressed.get(key);
  }

  async function send(req, res, status, file) {
    let body = await readFile(file);
    const headers = {
      'Content-Type': contentType(file),
      'Cache-Control': 'no-cache',
      ...headersFor(headerRules, new URL(req.url, 'http://localhost').pathname),
    };
    const type = headers['Content-Type'];
    const accept = String(req.headers['accept-encoding'] || '');
    if (COMPRESSIBLE.test(type) && body.length > 256) {
      headers.Vary = 'Accept-Encoding';
      const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : '';
      if (encoding) {
        body = encode(file, body, encoding);
        headers['Content-Encoding'] = encoding;
      }
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  async function notFound(req, res) {
    const page = path.join(base, '404.html');
    if (await isFile(page)) {
      return send(req, res, 404, page);
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : 'Not found\n');
  }

  const server = createServer(async (req, res) => {
    if (log) {
      res.on('finish', () => process.stderr.write(`${res.statusCode} ${req.method} ${req.url}\n`));
    }
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Method not allowed\n');
        return;
      }
      const url = new URL(req.url, 'http://localhost');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Bad request\n');
        return;
      }
      let file = path.join(base, pathname);
      if ((file !== base && !file.startsWith(base + path.sep)) || file === redirectsFile) {
        return notFound(req, res);
      }
      if (!(await isFile(file)) && !(await isDir(file))) {
        const redirect = redirectFor(redirectRules, pathname);
        if (redirect && redirect.status === 200) {
          // A rewrite: the target's file under the address asked for.
          file = path.join(base, redirect.to);
          if (file !== base && !file.startsWith(base + path.sep)) {
            return notFound(req, res);
          }
        } else if (redirect && redirect.status >= 300 && redirect.status < 400) {
          res.writeHead(redirect.status, { Location: redirect.to });
          res.end();
          return;
        } else if (redirect) {
          throw new Error(`_redirects: status ${redirect.status} is not served by the test server`);
        }
      }
      if (await isDir(file)) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search });
          res.end();
          return;
        }
        const index = path.join(file, 'index.html');
        if (await isFile(index)) {
          return send(req, res, 200, index);
        }
        return notFound(req, res);
      }
      if (await isFile(file)) {
        return send(req, res, 200, file);
      }
      return notFound(req, res);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(err && err.message) + '\n');
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({ server, url: `http://${host}:${actual}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root, port = '0', host = '127.0.0.1'] = process.argv.slice(2);
  if (!root) {
    process.stderr.write('usage: node tests/browser/serve.mjs <dir> [port] [host]\n');
    process.exit(2);
  }
  if (!(await isDir(root))) {
    process.stderr.write(`serve.mjs: ${root} is not a folder\n`);
    process.exit(2);
  }
  const { url, close } = await startServer({
    root,
    port: Number(port),
    host,
    log: process.env.SERVE_LOG === '1',
    headersFile: process.env.SERVE_HEADERS ?? path.join(REPO, 'netlify.toml'),
  });
  process.stdout.write(`serving ${root} on ${url}\n`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
