import { describe, expect, it } from 'vitest';
import { createRng } from '@embfact/core';
import { LSA_EXACT_MAX_DOCS, configName, documentFeatures, evaluateClustering, lsaFeatures } from '../src/index.js';

// A synthetic table: three topics, each with 6 words whose vectors sit around a topic direction.
const topics = [['ball', 'goal', 'team', 'match', 'coach', 'score'], ['vote', 'law', 'court', 'senate', 'judge', 'party'],
  ['cell', 'gene', 'virus', 'protein', 'enzyme', 'tissue']];
const rng = createRng(3);
const words = [...topics.flat(), 'the', 'and', 'of'];
const d = 8;
const data = new Float64Array(words.length * d);
words.forEach((w, i) => {
  const t = topics.findIndex((ws) => ws.includes(w));
  for (let j = 0; j < d; j++) data[i * d + j] = (t >= 0 && j === t ? 3 : 0) + 1 + 0.3 * rng.normal();
});
const table = { words, matrix: { data, rows: words.length, cols: d }, indexOf: (w: string) => words.indexOf(w) };
const documents = Array.from({ length: 30 }, (_, i) => {
  const t = i % 3;
  const toks = Array.from({ length: 12 }, (_, j) => (j % 4 === 0 ? 'the' : topics[t][(i * 7 + j * 5) % 6]));
  return { text: toks.join(' '), label: ['sport', 'politics', 'biology'][t] };
});

describe('evaluateClustering on a synthetic three-topic corpus', () => {
  it('recovers the topics with every feature pipeline (NMI = ARI = 1)', () => {
    const rows = evaluateClustering({
      documents, table, k: 3, seeds: [0, 1], nInit: 3,
      configs: [{ features: 'lsa', lsaDim: 5 }, { transform: 'raw' }, { transform: 'whiten', spherical: true },
        { features: 'lsa+embeddings', lsaDim: 5, spherical: true }],
    });
    expect(rows.map((r) => r.name)).toEqual(['tfidf+lsa5+l2', 'emb mean', 'emb mean whiten@vocab spherical', 'lsa5+emb mean spherical']);
    for (const r of rows) {
      expect([r.name, Math.round(r.nmi * 1e9) / 1e9]).toEqual([r.name, 1]);
      expect(r.ari).toBeAllClose(1, 1e-12);
      expect(r.perSeed.length).toBe(2);
      expect(r.nmiStd).toBeAllClose(0, 1e-12);
    }
    expect(rows[3].dim).toBe(5 + d);
  });
  it('LSA rows are unit norm and have the asked dimension; names are readable', () => {
    const X = lsaFeatures(documents.map((x) => x.text), 4);
    expect(X.cols).toBe(4);
    for (let i = 0; i < X.rows; i++) {
      let s = 0;
      for (let t = 0; t < 4; t++) s += X.data[i * 4 + t] ** 2;
      expect(Math.sqrt(s)).toBeAllClose(1, 1e-12);
    }
    expect(configName({ features: 'embeddings', pooling: 'sif', transform: 'whiten', scope: 'documents', spherical: true, stopWords: false,
      normalize: false, center: true, stem: false, lsaDim: 100, embeddingWeight: 1, abttD: 3, lowrankK: 50 })).toBe('emb sif whiten@docs centered spherical');
  });
  it('the randomized LSA route (used above LSA_EXACT_MAX_DOCS documents) spans the exact route\'s subspace', () => {
    const texts = documents.map((x) => x.text);
    expect(LSA_EXACT_MAX_DOCS).toBeGreaterThanOrEqual(texts.length);
    const dim = 3;
    const E = lsaFeatures(texts, dim, { route: 'exact' });
    const R = lsaFeatures(texts, dim, { route: 'randomized' });
    expect(lsaFeatures(texts, dim).data).toEqual(E.data); // auto = exact at this size
    // the same document geometry: row inner products agree (invariant to signs and to rotations
    // inside a block of equal eigenvalues, which the synthetic topics have)
    let worst = 0;
    for (let i = 0; i < E.rows; i++) {
      for (let j = 0; j < E.rows; j++) {
        let e = 0, r = 0;
        for (let c = 0; c < dim; c++) { e += E.data[i * dim + c] * E.data[j * dim + c]; r += R.data[i * dim + c] * R.data[j * dim + c]; }
        worst = Math.max(worst, Math.abs(e - r));
      }
    }
    expect(worst).toBeLessThan(1e-8);
  });
  it('lsaFeatures gives documents without terms (empty, only stop words) an all-zero row on both routes', () => {
    const texts = ['cheap pills buy now free money', '', 'free money win prize now', 'win cheap prize click', 'the and of'];
    for (const route of ['exact', 'randomized'] as const) {
      const X = lsaFeatures(texts, 1, { route });
      expect(X.data[1]).toBe(0);
      expect(X.data[4]).toBe(0);
      for (const i of [0, 2, 3]) expect(Math.abs(X.data[i])).toBeCloseTo(1, 12);
    }
  });
  it('lsaFeatures reports progress: 3 steps exact, 23 randomized (TF-IDF, start, 20 power iterations, Rayleigh-Ritz)', () => {
    const texts = documents.map((x) => x.text);
    for (const [route, total] of [['exact', 3], ['randomized', 23]] as const) {
      const calls: [number, number, string | undefined][] = [];
      lsaFeatures(texts, 3, { route, onProgress: (done, tot, detail) => calls.push([done, tot, detail]) });
      expect(calls.map((c) => c[0])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(calls.every((c) => c[1] === total)).toBe(true);
      expect(calls[0][2]).toBe('TF-IDF');
    }
  });
  it("lsaDim 'k' is the number of clusters; the row name and config carry the resolved dimension", () => {
    const rows = evaluateClustering({
      documents, k: 3, seeds: [0], nInit: 2,
      configs: [{ features: 'lsa', lsaDim: 'k' }, { features: 'lsa', lsaDim: 3 }],
    });
    expect(rows.map((r) => r.name)).toEqual(['tfidf+lsa3+l2', 'tfidf+lsa3+l2']);
    expect(rows[0].config.lsaDim).toBe(3);
    expect(rows[0].dim).toBe(3);
    expect(rows[0].perSeed).toEqual(rows[1].perSeed);
    // k from the labels when not given (3 topics)
    expect(evaluateClustering({ documents, seeds: [0], nInit: 1, configs: [{ features: 'lsa', lsaDim: 'k' }] })[0].name).toBe('tfidf+lsa3+l2');
    const texts = documents.map((x) => x.text);
    const X = documentFeatures(texts, undefined, { features: 'lsa', lsaDim: 'k' }, { k: 2 });
    expect(X.cols).toBe(2);
    expect(X.data).toEqual(lsaFeatures(texts, 2).data);
    expect(documentFeatures(texts, table, { features: 'lsa+embeddings', lsaDim: 'k' }, { k: 4 }).cols).toBe(4 + d);
  });
  it("a bad lsaDim (neither a positive integer nor 'k') and 'k' without k are RangeErrors naming the option", () => {
    for (const bad of [0, -3, 2.5, Number.NaN, Infinity, 'K', '15']) {
      expect(() => evaluateClustering({ documents, configs: [{ transform: 'raw' }, { features: 'lsa', lsaDim: bad as number }] }))
        .toThrow(new RegExp(String.raw`^The configs\[1\]\.lsaDim option of evaluateClustering must be a positive integer or 'k' \(the number of clusters\); got `));
    }
    expect(() => evaluateClustering({ documents, configs: [{ features: 'lsa', lsaDim: 0 }] })).toThrow(RangeError);
    expect(() => evaluateClustering({ documents, configs: [{ features: 'lsa', lsaDim: '15' as unknown as number }] })).toThrow(/; got "15"\.$/);
    const texts = documents.map((x) => x.text);
    expect(() => documentFeatures(texts, undefined, { features: 'lsa', lsaDim: 'k' }))
      .toThrow(/^The config\.lsaDim option of documentFeatures is 'k' \(the number of clusters\), but no k was given; pass \{ k \} to documentFeatures\.$/);
    expect(() => documentFeatures(texts, undefined, { features: 'lsa', lsaDim: -1 })).toThrow(/config\.lsaDim option of documentFeatures must be a positive integer or 'k'/);
    expect(() => documentFeatures(texts, undefined, { features: 'lsa', lsaDim: 'k' }, { k: 0 })).toThrow(/'k' option of documentFeatures must be an integer in \[1, Infinity\]; got 0/);
  });
  it('centering subtracts the document mean', () => {
    const X = documentFeatures(documents.map((x) => x.text), table, { center: true });
    for (let t = 0; t < d; t++) {
      let s = 0;
      for (let i = 0; i < X.rows; i++) s += X.data[i * d + t];
      expect(s / X.rows).toBeAllClose(0, 1e-12);
    }
  });
  it('bad input is rejected with the option named', () => {
    expect(() => evaluateClustering({ documents: [], table })).toThrow(/'documents' option of evaluateClustering must be a non-empty array/);
    expect(() => evaluateClustering({ documents: [{ text: 'a' }], table })).toThrow(/documents\[0\].*'label'/);
    expect(() => evaluateClustering({ documents, table, k: 31 })).toThrow(/'k' option of evaluateClustering must be an integer in \[1, 30\]; got 31/);
    expect(() => evaluateClustering({ documents, table, configs: [{ transform: 'pca' as 'raw' }] })).toThrow(/configs\[0\].transform/);
    expect(() => evaluateClustering({ documents, configs: [{ transform: 'raw' }] })).toThrow(/'table' option .* required/);
  });
});
