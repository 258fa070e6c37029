// Shared by a11y-light.test.mjs and a11y-dark.test.mjs.
//
// WCAG 2.2 AA: axe-core finds no violation on one page of each type (the
// types are found from the sitemap's URL shapes: home, /countries/, a
// country, /periods/, a period of each kind, and any other section), in
// the light and the dark colour scheme, once the charts are drawn. The 404
// page is checked too. In the other languages the templates are the same
// and only the words change: the light scheme checks the page types whose
// words differ most in each of them (helpers' OTHER_LANGUAGE_TYPES), right-to-left
// Arabic included; the dark scheme, whose colours do not depend on the
// language, checks the default language's.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import {
  BASE_URL, launchBrowser, newContext, openPage, sitemapPages, representativePages, defaultLanguageAndSample, pathOf,
} from './helpers.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function describe(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 240)}`);
    if (v.nodes.length > 5) {
      nodes.push(`      … and ${v.nodes.length - 5} more elements`);
    }
    return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes.join('\n')}`;
  }).join('\n');
}

// The tests of one colour scheme ("light" or "dark"), in the calling file
// (a11y-light.test.mjs, a11y-dark.test.mjs: two files, so that the test
// runner can run them side by side).
export function axeSuite(scheme) {
  let browser;
  let pages; // Map type -> url

  before(async () => {
    browser = await launchBrowser();
    pages = defaultLanguageAndSample(representativePages(await sitemapPages()), scheme === 'dark' ? [] : undefined);
    pages.set('404', new URL('404.html', BASE_URL).href);
  });

  after(async () => {
    await browser?.close();
  });

  test(`page types found in the sitemap (${scheme})`, () => {
    const types = [...pages.keys()];
    for (const t of ['home', 'section:countries', 'countries/*', 'section:periods']) {
      assert.ok(types.includes(t), `no page of type ${t}; types: ${types.join(', ')}`);
    }
    // A period page of the kind the report publishes (quarters, half-years).
    assert.ok(types.some((t) => t.startsWith('periods/*:')), `no period page; types: ${types.join(', ')}`);
  });

  test(`axe-core: no WCAG 2.2 AA violation on any page type, ${scheme} colour scheme`, { concurrency: 3 }, async (t) => {
    const context = await newContext(browser, { colorScheme: scheme });
    const check = async (url) => {
      const { page } = await openPage(context, url);
      try {
        await page.emulateMedia({ colorScheme: scheme });
        const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        if (result.violations.length) {
          assert.fail(`${result.violations.length} axe violation(s) on ${pathOf(url)} (${scheme}):\n${describe(result.violations)}`);
        }
      } finally {
        await page.close();
      }
    };
    try {
      await Promise.all([...pages].map(([type, url]) => t.test(`${type} (${pathOf(url)}), ${scheme}`, () => check(url))));
    } finally {
      await context.close();
    }
  });
}
