#!/usr/bin/env node
// Lighthouse 12 (node_modules/.bin/lighthouse, pinned in package.json) with
// Debian's Chromium, mobile settings (Lighthouse's default form factor and
// throttling), on the home page, the country with the most requests and the
// latest period of the site that scripts/browser-tests.sh serves. Writes
// the scores to test-results/lighthouse.txt and test-results/lighthouse.json
// (and each report to test-results/lighthouse/<page>.json), prints them,
// and exits 1 if a score is under its threshold:
// performance >= 95, accessibility, best practices and SEO 100.
//
// Performance varies from run to run on a busy machine: a page under the
// threshold is measured twice more and scored by the median of its three
// runs (LIGHTHOUSE_RUNS sets how many).
// The other categories do not depend on timing.
//
// Environment: BASE_URL, DATA_DIR, RESULTS_DIR, CHROME_PATH (as the tests).

import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { QUIET_CHROMIUM_FLAGS } from './chromium-flags.mjs';

const run = promisify(execFile);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) {
  console.error('lighthouse.mjs: BASE_URL is not set: run scripts/browser-tests.sh');
  process.exit(2);
}
const DATA_DIR = process.env.DATA_DIR || path.join(REPO, 'data', 'report');
const RESULTS_DIR = process.env.RESULTS_DIR || path.join(REPO, 'test-results');
const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
const LIGHTHOUSE = path.join(REPO, 'node_modules', '.bin', 'lighthouse');

const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const CATEGORIES = Object.keys(THRESHOLDS);
const MAX_RUNS = Number(process.env.LIGHTHOUSE_RUNS || 3);
const CHROME_FLAGS = ['--headless=new', ...QUIET_CHROMIUM_FLAGS].join(' ');

const summary = JSON.parse(readFileSync(path.join(DATA_DIR, 'summary.json'), 'utf8'));
const top = summary.countries.filter((c) => c.latest_rank > 0).sort((a, b) => a.latest_rank - b.latest_rank)[0];
const PAGES = [
  { name: 'home', url: BASE_URL },
  { name: `country-${top.code.toLowerCase()}`, url: new URL(`countries/${top.code.toLowerCase()}/`, BASE_URL).href },
  { name: `period-${summary.latest.toLowerCase()}`, url: new URL(`periods/${summary.latest.toLowerCase()}/`, BASE_URL).href },
];

const outDir = path.join(RESULTS_DIR, 'lighthouse');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

async function lighthouse(url, output) {
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${output}`,
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROME_FLAGS}`,
  ];
  try {
    await run(LIGHTHOUSE, args, {
      env: { ...process.env, CHROME_PATH },
      timeout: 180000,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    if (!existsSync(output)) {
      throw new Error(`lighthouse ${url} failed: ${(err.stderr || err.message).toString().trim().split('\n').slice(-5).join(' | ')}`);
    }
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  if (report.runtimeError) {
    throw new Error(`lighthouse ${url}: ${report.runtimeError.code}: ${report.runtimeError.message}`);
  }
  return report;
}

function scores(report) {
  return Object.fromEntries(CATEGORIES.map((c) => [c, report.categories[c] && report.categories[c].score !== null
    ? Math.round(report.categories[c].score * 100)
    : null]));
}

// The audits that cost points in a category: "id (score)".
function lostPoints(report, category) {
  const cat = report.categories[category];
  if (!cat) {
    return [];
  }
  return cat.auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => report.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1)
    .map((a) => `${a.id} (${a.score}${a.displayValue ? `, ${a.displayValue}` : ''}): ${a.title}`);
}

function metrics(report) {
  const ids = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
  return ids.filter((id) => report.audits[id]).map((id) => `${report.audits[id].title.replace(/ /g, ' ')} ${report.audits[id].displayValue}`).join(', ');
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

const results = [];
let failed = false;
for (const page of PAGES) {
  const runs = [];
  let report;
  for (let i = 0; i < MAX_RUNS; i++) {
    const output = path.join(outDir, `${page.name}${i ? `-run${i + 1}` : ''}.json`);
    try {
      report = await lighthouse(page.url, output);
    } catch (err) {
      console.error(err.message);
      failed = true;
      break;
    }
    runs.push({ report, scores: scores(report), output });
    // One run is enough when it passes; otherwise the median of MAX_RUNS.
    if (i === 0 && runs[0].scores.performance >= THRESHOLDS.performance) {
      break;
    }
  }
  if (!runs.length) {
    results.push({ ...page, error: 'no Lighthouse run completed' });
    continue;
  }
  // Performance: the median run; others: the first run's.
  const perfRuns = runs.map((r) => r.scores.performance);
  const chosen = runs.find((r) => r.scores.performance === median(perfRuns));
  const final = { ...runs[0].scores, performance: median(perfRuns) };
  const below = CATEGORIES.filter((c) => final[c] === null || final[c] < THRESHOLDS[c]);
  failed ||= below.length > 0;
  results.push({
    ...page,
    scores: final,
    performanceRuns: perfRuns,
    metrics: metrics(chosen.report),
    lighthouseVersion: chosen.report.lighthouseVersion,
    userAgent: chosen.report.environment && chosen.report.environment.hostUserAgent,
    formFactor: chosen.report.configSettings.formFactor,
    below,
    lost: Object.fromEntries(CATEGORIES.map((c) => [c, lostPoints(c === 'performance' ? chosen.report : runs[0].report, c)]).filter(([, l]) => l.length)),
    report: path.relative(REPO, chosen.output),
  });
}

const lines = [];
const pad = (s, n) => String(s).padEnd(n);
const first = results.find((r) => r.lighthouseVersion);
lines.push(`Lighthouse ${first ? first.lighthouseVersion : '?'} (${first ? first.formFactor : 'mobile'}), ${first && first.userAgent ? first.userAgent.replace(/.*(HeadlessChrome|Chrome)\//, 'Chromium ').replace(/ .*/, '') : ''}`);
lines.push(`thresholds: performance >= ${THRESHOLDS.performance}, accessibility ${THRESHOLDS.accessibility}, best practices ${THRESHOLDS['best-practices']}, SEO ${THRESHOLDS.seo}`);
lines.push('');
lines.push(`${pad('page', 22)}${pad('performance', 13)}${pad('accessibility', 15)}${pad('best-practices', 16)}${pad('seo', 6)}result`);
for (const r of results) {
  if (r.error) {
    lines.push(`${pad(r.name, 22)}ERROR: ${r.error}`);
    continue;
  }
  const perf = r.performanceRuns.length > 1 ? `${r.scores.performance} (${r.performanceRuns.join('/')})` : r.scores.performance;
  lines.push(`${pad(r.name, 22)}${pad(perf, 13)}${pad(r.scores.accessibility, 15)}${pad(r.scores['best-practices'], 16)}${pad(r.scores.seo, 6)}${r.below.length ? `FAIL (${r.below.join(', ')})` : 'ok'}`);
}
lines.push('');
for (const r of results.filter((x) => !x.error)) {
  lines.push(`${r.name}: ${r.url}`);
  lines.push(`  metrics: ${r.metrics}`);
  for (const [cat, audits] of Object.entries(r.lost)) {
    lines.push(`  ${cat} loses points on: ${audits.join('; ')}`);
  }
  lines.push(`  report: ${r.report}`);
}
const text = lines.join('\n') + '\n';
writeFileSync(path.join(RESULTS_DIR, 'lighthouse.txt'), text);
writeFileSync(path.join(RESULTS_DIR, 'lighthouse.json'), JSON.stringify({
  thresholds: THRESHOLDS,
  pages: results.map(({ lost, ...r }) => ({ ...r, lostPoints: lost })),
}, null, 2) + '\n');
process.stdout.write(text);
if (failed) {
  console.error('lighthouse: some scores are under their thresholds (see above)');
  process.exit(1);
}
