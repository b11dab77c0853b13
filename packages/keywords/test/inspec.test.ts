// Real-data evaluation on Inspec (Hulth 2003), test split, with the field's protocol.
// Needs ../shared/data (see its README); skips with a message when the folder is absent.
import { beforeAll, describe, expect, it } from 'vitest';
import { findSharedDataDir, loadInspec, type InspecDocument } from '@embfact/datasets';
import { DocumentFrequencies, evaluateInspec, type Method } from '../src/index.js';

const dataDir = findSharedDataDir();
if (dataDir === undefined) {
  console.warn('[keywords] SKIPPING Inspec real-data tests: shared data folder not found (set EMBFACT_DATA_DIR or provide ../shared/data).');
}

describe.skipIf(dataDir === undefined)('Inspec test split (uncontrolled gold, stemmed exact match)', () => {
  let docs: InspecDocument[];
  let df: DocumentFrequencies;
  beforeAll(async () => {
    docs = await loadInspec();
    // document frequencies from the texts of train + dev (never from test, never from labels)
    df = new DocumentFrequencies().fit(docs.filter((d) => d.split !== 'test').map((d) => d.text));
  });

  it('has the expected splits', () => {
    expect(docs.length).toBe(2000);
    expect(docs.filter((d) => d.split === 'test').length).toBe(500);
  });

  // Lower bounds sit a few points under the measured values (README) so a regression fails;
  // upper bounds catch an evaluation bug that would inflate scores.
  const cases: [Method, number, number][] = [
    ['tfidf', 0.30, 0.45],
    ['yake', 0.29, 0.45],
    ['textrank', 0.29, 0.45],
    ['singlerank', 0.29, 0.45],
    ['positionrank', 0.28, 0.45],
    ['fusion', 0.32, 0.45],
  ];
  for (const [method, lo, hi] of cases) {
    it(`${method}: F1@10 within [${lo}, ${hi}]`, () => {
      const r = evaluateInspec({ documents: docs, method, split: 'test', df });
      console.log(`Inspec test ${method.padEnd(12)} F1@5 ${(100 * r.f1At5).toFixed(2)}  F1@10 ${(100 * r.f1At10).toFixed(2)}  ` +
        `P@10 ${(100 * r.atK[10].precision).toFixed(1)}  R@10 ${(100 * r.atK[10].recall).toFixed(1)}`);
      expect(r.documents).toBe(500);
      expect(r.emptyPredictions).toBe(0);
      expect(r.f1At10).toBeGreaterThan(lo);
      expect(r.f1At10).toBeLessThan(hi);
      expect(r.f1At5).toBeGreaterThan(lo - 0.08);
      expect(r.atK[10].recall).toBeGreaterThan(r.atK[5].recall);
    });
  }

  it('fits document frequencies on train + dev by itself when none are given', () => {
    const r = evaluateInspec({ documents: docs, method: 'tfidf', split: 'test' });
    expect(r.dfDocuments).toBe(1500);
  });

  it('bad options are errors naming the option', () => {
    expect(() => evaluateInspec({ documents: docs, method: 'tfidf', split: 'valid' as 'dev' })).toThrow(/'split'/);
    expect(() => evaluateInspec({ documents: docs, method: 'embedding' })).toThrow(/'table'/);
    expect(() => evaluateInspec({ documents: docs, method: 'yake', transform: 'whiten' })).toThrow(/'table'/);
  });
});
