#!/usr/bin/env node
// Lighthouse 12 (node_modules/.bin/lighthouse, pinned in package.json) with
// Debian's Chromium, mobile settings (Lighthouse's default form factor and
// throttling), on the home page, the country with the most requests and the
// latest period of the site that scripts/browser-tests.sh serves. Writes
// the scores to test-results/lighthouse.txt and test-results/lighthouse.json
// (and the reports to test-results/lighthouse/<page>.json and
// <page>-performance-run<n>.json), prints them,
// and exits 1 if a score is under its threshold:
// performance >= 98 (with the CPU slowdown calibrated to the host, below),
// accessibility, best practices and SEO 100.
//
// Performance varies from run to run, so a page's performance is the
// median of five runs, as Lighthouse's own documentation advises
// (LIGHTHOUSE_RUNS sets how many, an odd number). The runs stop as soon as
// the median is decided: three runs at or above the threshold pass, three
// under it fail. The blocking time Lighthouse counted came from the
// page's first style and layout (50-100 ms before its 4x slowdown, a
// total blocking time of 200-300 ms in one run out of two), most of it the
// layout of tables below the first screen: main.css lays a table out only
// as it comes near the screen (content-visibility), which brought the
// medians from 97-100 to 100. Performance is measured on its own: the
// gatherers of the other categories work during the page load and add
// 30-150 ms of total blocking time to it. The other categories do not
// depend on timing: one run measures them. A run that Lighthouse itself
// fails to record (NO_NAVSTART, NO_FCP) is run once more.
//
// The CPU slowdown is calibrated to the host, as Lighthouse's throttling
// documentation asks (docs/throttling.md, "Calibrating the CPU slowdown").
// Lighthouse's 4x is meant to turn a desktop into a mid-tier phone; on a
// slower host it emulates a slower phone, and Lighthouse warns from a
// benchmark index under 1000. On this 2-core machine the index is 700-1300
// from run to run and the same page's blocking time 60-190 ms; on the CI
// machine the country page scored 93-100 with nothing changed. So the
// slowdown is 4x at an index of 1000 or more and in proportion under it
// (at least 1x): the emulated phone is never faster than the one
// Lighthouse's default makes of a host at its own warning threshold. The
// index is the median of every run so far (each Lighthouse run measures
// it before loading the page); the slowdown and the index are printed
// with the scores. LIGHTHOUSE_CPU_SLOWDOWN=n fixes the slowdown instead.
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

const THRESHOLDS = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };
const CATEGORIES = Object.keys(THRESHOLDS);
const MAX_RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
if (!Number.isInteger(MAX_RUNS) || MAX_RUNS < 1 || MAX_RUNS % 2 === 0) {
  console.error(`lighthouse.mjs: LIGHTHOUSE_RUNS must be an odd number of runs, not ${process.env.LIGHTHOUSE_RUNS}`);
  process.exit(2);
}
// The median of MAX_RUNS is on one side of the threshold once this many
// runs are.
const MAJORITY = (MAX_RUNS + 1) / 2;
// Lighthouse's default CPU slowdown, and the benchmark index under which
// Lighthouse warns that the host is slower than it expects.
const DEFAULT_SLOWDOWN = 4;
const REFERENCE_INDEX = 1000;
const FIXED_SLOWDOWN = process.env.LIGHTHOUSE_CPU_SLOWDOWN ? Number(process.env.LIGHTHOUSE_CPU_SLOWDOWN) : null;
if (FIXED_SLOWDOWN !== null && !(FIXED_SLOWDOWN >= 1)) {
  console.error(`lighthouse.mjs: LIGHTHOUSE_CPU_SLOWDOWN must be a number of at least 1, not ${process.env.LIGHTHOUSE_CPU_SLOWDOWN}`);
  process.exit(2);
}
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

async function lighthouse(url, output, categories) {
  try {
    return await lighthouseOnce(url, output, categories);
  } catch (err) {
    if (!err.lighthouseRuntime) {
      throw err;
    }
    console.error(`${err.message}: running it again`);
    return lighthouseOnce(url, output, categories);
  }
}

// The benchmark index of every run so far.
const benchmarkIndexes = [];

// cpuSlowdown is the CPU slowdown for a host whose benchmark index is
// index: Lighthouse's 4x from REFERENCE_INDEX up, in proportion under it,
// at least 1x, to one decimal.
function cpuSlowdown(index) {
  if (!(index > 0)) {
    return DEFAULT_SLOWDOWN;
  }
  const scaled = Math.round((DEFAULT_SLOWDOWN * index / REFERENCE_INDEX) * 10) / 10;
  return Math.max(1, Math.min(DEFAULT_SLOWDOWN, scaled));
}

function currentSlowdown() {
  if (FIXED_SLOWDOWN !== null) {
    return FIXED_SLOWDOWN;
  }
  return benchmarkIndexes.length ? cpuSlowdown(median(benchmarkIndexes)) : DEFAULT_SLOWDOWN;
}

async function lighthouseOnce(url, output, categories) {
  const args = [
    url,
    '--quiet',
    '--output=json',
    `--output-path=${output}`,
    `--only-categories=${categories.join(',')}`,
    `--chrome-flags=${CHROME_FLAGS}`,
  ];
  if (categories.includes('performance')) {
    args.push(`--throttling.cpuSlowdownMultiplier=${currentSlowdown()}`);
  }
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
    throw Object.assign(new Error(`lighthouse ${url}: ${report.runtimeError.code}: ${report.runtimeError.message}`), { lighthouseRuntime: true });
  }
  const index = report.environment && report.environment.benchmarkIndex;
  if (index > 0) {
    benchmarkIndexes.push(index);
  }
  return report;
}

function scores(report) {
  return Object.fromEntries(Object.keys(report.categories).map((c) => [c, report.categories[c].score !== null
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
const OTHERS = CATEGORIES.filter((c) => c !== 'performance');
for (const page of PAGES) {
  let others;
  const runs = [];
  try {
    const output = path.join(outDir, `${page.name}.json`);
    others = { report: await lighthouse(page.url, output, OTHERS), output };
    for (let i = 0; i < MAX_RUNS; i++) {
      const perfOutput = path.join(outDir, `${page.name}-performance-run${i + 1}.json`);
      const report = await lighthouse(page.url, perfOutput, ['performance']);
      runs.push({ report, performance: scores(report).performance, output: perfOutput });
      const passing = runs.filter((r) => r.performance >= THRESHOLDS.performance).length;
      if (passing >= MAJORITY || runs.length - passing >= MAJORITY) {
        break;
      }
    }
  } catch (err) {
    console.error(err.message);
    failed = true;
    results.push({ ...page, error: err.message });
    continue;
  }
  const perfRuns = runs.map((r) => r.performance);
  const chosen = runs.find((r) => r.performance === median(perfRuns));
  const final = { ...scores(others.report), performance: median(perfRuns) };
  const below = CATEGORIES.filter((c) => final[c] == null || final[c] < THRESHOLDS[c]);
  failed ||= below.length > 0;
  results.push({
    ...page,
    scores: final,
    performanceRuns: perfRuns,
    metrics: metrics(chosen.report),
    cpuSlowdowns: runs.map((r) => r.report.configSettings.throttling.cpuSlowdownMultiplier),
    benchmarkIndexes: runs.map((r) => Math.round(r.report.environment.benchmarkIndex)),
    lighthouseVersion: chosen.report.lighthouseVersion,
    userAgent: chosen.report.environment && chosen.report.environment.hostUserAgent,
    formFactor: chosen.report.configSettings.formFactor,
    below,
    lost: Object.fromEntries(CATEGORIES.map((c) => [c, lostPoints(c === 'performance' ? chosen.report : others.report, c)]).filter(([, l]) => l.length)),
    report: path.relative(REPO, chosen.output),
    otherReport: path.relative(REPO, others.output),
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
  lines.push(`  CPU slowdown per run: ${r.cpuSlowdowns.map((x) => `${x}x`).join('/')} (host benchmark index ${r.benchmarkIndexes.join('/')}; 4x from ${REFERENCE_INDEX})`);
  for (const [cat, audits] of Object.entries(r.lost)) {
    lines.push(`  ${cat} loses points on: ${audits.join('; ')}`);
  }
  lines.push(`  reports: ${r.report} (performance), ${r.otherReport}`);
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
