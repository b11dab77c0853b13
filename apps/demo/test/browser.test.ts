// Opens the rendered report in Debian's Chromium (playwright-core, headless) from a file:// URL
// and checks what a reader gets: every chart drawn, no console or page errors, no network
// request, no script from the data executed. Saves <repo>/test-results/report.png (CI artifact).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResults, writeReport, type DemoResults } from '../src/report/index.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

if (!haveChromium) {
  // Visible in the test output next to the skipped tests.
  console.warn(`browser report tests SKIPPED: ${CHROMIUM} not found (install Debian's chromium: apt-get install chromium)`);
}

interface Visit {
  page: Page;
  url: string;
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
}

describe.skipIf(!haveChromium)(`report in Chromium (${CHROMIUM}; skipped when it is absent)`, () => {
  let context: BrowserContext;
  let dir: string;
  let profile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embfact-browser-'));
    profile = await mkdtemp(join(tmpdir(), 'embfact-chromium-profile-'));
    // Playwright refuses '--user-data-dir' in args; launchPersistentContext passes the same
    // fresh profile directory to Chromium as --user-data-dir.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  });

  afterAll(async () => {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  async function load(name: string): Promise<DemoResults> {
    return JSON.parse(await readFile(join(fixtures, `results.${name}.json`), 'utf8')) as DemoResults;
  }

  /** Writes the report for `results` and opens it from disk, recording errors and requests. */
  async function visit(results: DemoResults, sub: string): Promise<Visit> {
    const path = await writeReport(results, join(dir, sub));
    const url = pathToFileURL(path).href;
    const page = await context.newPage();
    const v: Visit = { page, url, consoleErrors: [], pageErrors: [], requests: [] };
    page.on('console', (m) => {
      if (m.type() === 'error') v.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => v.pageErrors.push(String(e)));
    page.on('request', (r) => v.requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('html[data-charts="ready"]', { timeout: 30_000 });
    return v;
  }

  /** Per chart container: id, whether it holds a drawn SVG, its size, and any error text. */
  async function charts(page: Page) {
    return page.$$eval('.chart[data-chart]', (els: any[]) =>
      els.map((el) => {
        const svgs = [...el.querySelectorAll('svg')] as any[];
        // the plot itself is the largest SVG (a colour legend is a small one next to it)
        const area = (s: any) => s.getBoundingClientRect().width * s.getBoundingClientRect().height;
        const main = svgs.sort((a, b) => area(b) - area(a))[0];
        const box = main ? main.getBoundingClientRect() : { width: 0, height: 0 };
        return {
          id: el.getAttribute('data-chart') as string,
          svgCount: svgs.length,
          marks: main ? main.querySelectorAll('rect, circle, path, text, line').length : 0,
          width: box.width as number,
          height: box.height as number,
          error: el.classList.contains('chart-error') ? (el.textContent as string) : '',
        };
      }),
    );
  }

  it('draws every chart of the full sample with no errors and no network, and saves the screenshot', async () => {
    const v = await visit(await load('sample'), 'sample');
    const drawn = await charts(v.page);
    expect(drawn).toHaveLength(15);
    for (const c of drawn) {
      expect(c.error, `chart ${c.id}`).toBe('');
      expect(c.svgCount, `chart ${c.id}`).toBeGreaterThan(0);
      expect(c.marks, `chart ${c.id}`).toBeGreaterThan(5);
      expect(c.width, `chart ${c.id}`).toBeGreaterThan(100);
      expect(c.height, `chart ${c.id}`).toBeGreaterThan(50);
    }
    // the scatter has one dot per document, the confusion heatmap 15 x 15 cells
    expect(await v.page.$$eval('#clustering .chart svg circle', (e) => e.length)).toBeGreaterThanOrEqual(500);
    expect(await v.page.$$eval('#classification .fig.wide .chart svg g[aria-label="cell"] rect', (e) => e.length)).toBe(225);

    // interaction: switching the confusion matrix to a 2-class entry redraws it
    const spamIndex = await v.page.$eval('#confusion-select', (s: any) => [...s.options].findIndex((o: any) => o.text.startsWith('spamassassin')));
    await v.page.selectOption('#confusion-select', String(spamIndex));
    expect(await v.page.$$eval('#classification .fig.wide .chart svg g[aria-label="cell"] rect', (e) => e.length)).toBe(4);
    await v.page.selectOption('#confusion-select', await v.page.$eval('#confusion-select', (s: any) => s.options[4].value));

    expect(v.consoleErrors).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.requests).toEqual([v.url]);

    await mkdir(join(repoRoot, 'test-results'), { recursive: true });
    await v.page.screenshot({ path: join(repoRoot, 'test-results', 'report.png'), fullPage: true });
    await v.page.screenshot({ path: join(repoRoot, 'test-results', 'report-top.png'), fullPage: false });
    await v.page.close();
  });

  // For the README: EMBFACT_REPORT_RESULTS=report/results.json pnpm exec vitest run --project demo test/browser.test.ts
  const realResults = process.env.EMBFACT_REPORT_RESULTS;
  it.skipIf(!realResults)('renders a real run (EMBFACT_REPORT_RESULTS) and saves test-results/report-real*.png', async () => {
    const results = await readResults(realResults!);
    const v = await visit(results, 'real');
    for (const c of await charts(v.page)) {
      expect(c.error, `chart ${c.id}`).toBe('');
      expect(c.svgCount, `chart ${c.id}`).toBeGreaterThan(0);
      expect(c.marks, `chart ${c.id}`).toBeGreaterThan(0);
    }
    expect(v.consoleErrors).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    await mkdir(join(repoRoot, 'test-results'), { recursive: true });
    await v.page.screenshot({ path: join(repoRoot, 'test-results', 'report-real.png'), fullPage: true });
    await v.page.screenshot({ path: join(repoRoot, 'test-results', 'report-real-top.png'), fullPage: false });
    await v.page.close();
  });

  it('never runs or loads anything from malicious data, and still draws its charts', async () => {
    const v = await visit(await load('malicious'), 'malicious');
    // hover every chart area and highlighted keyword (mouseover payloads), then look for side effects
    for (const sel of ['.chart svg', 'mark.kw', '.chip']) {
      for (const h of (await v.page.$$(sel)).slice(0, 10)) await h.hover({ force: true }).catch(() => undefined);
    }
    expect(await v.page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(await v.page.$$eval('script', (e) => e.length)).toBe(4);
    expect(await v.page.$$eval('img, iframe, object, embed, a[href^="javascript"]', (e) => e.length)).toBe(0);
    // the payloads are on screen as text
    const docText = await v.page.$eval('.doc', (e: any) => e.textContent as string);
    expect(docText).toContain('<script>window.__pwned=1</script>');
    expect(docText).toContain('<img src=x onerror="window.__pwned=3">');
    const scatterText = await v.page.$eval('#clustering .fig.wide', (e: any) => e.textContent as string);
    expect(scatterText).toContain('genre<script>window.__pwned=1</script>');
    for (const c of await charts(v.page)) {
      expect(c.error, `chart ${c.id}`).toBe('');
      expect(c.svgCount, `chart ${c.id}`).toBeGreaterThan(0);
    }
    expect(v.consoleErrors).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    await v.page.close();
  });

  it('renders a meta-only run with every section marked "not run"', async () => {
    const sample = await load('sample');
    const v = await visit({ meta: sample.meta, skipped: [{ section: 'spectrum', reason: 'reduced configuration' }] }, 'reduced');
    expect(await charts(v.page)).toEqual([]);
    expect(await v.page.$$eval('section.not-run', (e) => e.length)).toBe(8);
    expect(await v.page.$eval('#spectrum', (e: any) => e.textContent as string)).toContain('Not run: reduced configuration');
    expect(v.consoleErrors).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    expect(v.requests).toEqual([v.url]);
    await v.page.close();
  });
});
