// /downloads/latest/ is an alias, not a copy: the build writes the newest
// files once, under /downloads/KEY/, and the site's _redirects
// (layouts/home.redirects) has the host serve /downloads/latest/* from
// there (a rewrite, status 200), so the published addresses stay the same.
// Proven here over HTTP through serve.mjs, which applies _redirects as the
// host does: every file of the release answers at latest/ with the same
// bytes and headers as at KEY/ (and the size and checksum listed), and the site holds no second copy. The
// rule reader itself is checked on rules written here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { readRedirects, redirectFor } from './serve.mjs';
import { BASE_URL, DATA_DIR, SITE_DIR } from './helpers.mjs';

const downloads = JSON.parse(readFileSync(path.join(DATA_DIR, 'downloads.json'), 'utf8'));

test('every file of the newest release answers at /downloads/latest/ as at its own folder', async () => {
  assert.equal(downloads.latest_is_alias, true, `downloads.json: latest/ is a folder of its own (dir ${downloads.dir}), not the alias of the release`);
  assert.equal(downloads.dir, downloads.release);
  assert.ok(!existsSync(path.join(SITE_DIR, 'downloads', 'latest')), 'the built site holds a downloads/latest/ folder: a second copy of the release');
  assert.ok(downloads.latest.length > 10, `only ${downloads.latest.length} files listed`);
  const problems = [];
  for (const file of downloads.latest) {
    const [viaAlias, direct] = await Promise.all([
      fetch(new URL(`downloads/latest/${file.path}`, BASE_URL)),
      fetch(new URL(`downloads/${downloads.dir}/${file.path}`, BASE_URL)),
    ]);
    const [a, b] = [Buffer.from(await viaAlias.arrayBuffer()), Buffer.from(await direct.arrayBuffer())];
    if (viaAlias.status !== 200 || direct.status !== 200) {
      problems.push(`${file.path}: latest/ answers ${viaAlias.status}, ${downloads.dir}/ ${direct.status}`);
    } else if (!a.equals(b)) {
      problems.push(`${file.path}: latest/ gives ${a.length} bytes that differ from the ${b.length} of ${downloads.dir}/`);
    } else if (a.length !== file.bytes || createHash('sha256').update(a).digest('hex') !== file.sha256) {
      problems.push(`${file.path}: ${a.length} bytes, not the ${file.bytes} with the SHA-256 that downloads.json lists`);
    } else {
      for (const name of ['content-type', 'content-disposition', 'access-control-allow-origin']) {
        if (viaAlias.headers.get(name) !== direct.headers.get(name)) {
          problems.push(`${file.path}: ${name} ${viaAlias.headers.get(name)} at latest/, ${direct.headers.get(name)} at ${downloads.dir}/`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
  const missing = await fetch(new URL('downloads/latest/no-such-file.csv', BASE_URL));
  assert.equal(missing.status, 404, 'a file the release lacks is not found at latest/ either');
  const rules = await fetch(new URL('_redirects', BASE_URL));
  assert.equal(rules.status, 404, 'the host reads _redirects; it does not serve it');
});

test('serve.mjs reads _redirects as the host does', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'redirects-'));
  const file = path.join(dir, '_redirects');
  writeFileSync(file, '# a comment\n\n/downloads/latest/*  /downloads/2026-Q3/:splat  200\n/old/:name  /new/:name\n');
  const rules = readRedirects(file);
  assert.deepEqual(redirectFor(rules, '/downloads/latest/by-period/requests-2026-Q3.csv'), { to: '/downloads/2026-Q3/by-period/requests-2026-Q3.csv', status: 200 });
  assert.deepEqual(redirectFor(rules, '/old/page'), { to: '/new/page', status: 301 });
  assert.equal(redirectFor(rules, '/old/a/b'), null, ':name is one path segment');
  assert.equal(redirectFor(rules, '/downloads/2026-Q3/requests.csv'), null);
  writeFileSync(file, '/a /b 200!\n');
  assert.throws(() => readRedirects(file), /cannot read this rule/);
  writeFileSync(file, '/a /b 200 extra\n');
  assert.throws(() => readRedirects(file), /cannot read this rule/);
  assert.deepEqual(readRedirects(path.join(dir, 'missing')), []);
  rmSync(dir, { recursive: true });
});
