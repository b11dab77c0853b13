/// <reference path="../../../vitest.setup.ts" />
// Nearest neighbours on seeded synthetic tables: exact search equals a naive float64 reference,
// HNSW agrees with exact search (recall), exclusions, edge cases.
import { describe, expect, it } from 'vitest';
import { createRng, fromRows } from '@embfact/core';
import { EmbeddingTable, NearestNeighbors, mostSimilar } from '../src/index.js';
import { randomTable } from './helpers.js';

/** Naive reference: cosine of every row in float64, sorted. */
function naive(t: EmbeddingTable, q: ArrayLike<number>, k: number, skip: Set<number>): number[] {
  const sims: Array<[number, number]> = [];
  let qn = 0;
  for (let j = 0; j < t.dim; j++) qn += q[j] * q[j];
  for (let i = 0; i < t.size; i++) {
    if (skip.has(i)) continue;
    const r = t.row(i);
    let d = 0, n = 0;
    for (let j = 0; j < t.dim; j++) { d += r[j] * q[j]; n += r[j] * r[j]; }
    sims.push([i, d / Math.sqrt(n * qn)]);
  }
  sims.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return sims.slice(0, k).map((s) => s[0]);
}

/** Clustered data (so neighbourhoods are meaningful): 40 centres, points = centre + noise. */
function clustered(seed: number, n: number, d: number): EmbeddingTable {
  const rng = createRng(seed);
  const centres = Array.from({ length: 40 }, () => Array.from({ length: d }, () => rng.normal()));
  const rows = Array.from({ length: n }, () => {
    const c = centres[rng.int(40)];
    return c.map((x) => x + 0.5 * rng.normal());
  });
  return new EmbeddingTable(rows.map((_, i) => `w${i}`), fromRows(rows, 'float32'));
}

describe('exact search', () => {
  const t = randomTable(11, 500, 16);
  it('NearestNeighbors (exact) and mostSimilar equal the naive float64 ranking', () => {
    const nn = new NearestNeighbors(t);
    expect(nn.method).toBe('exact');
    for (const w of ['w10', 'w200', 'w499']) {
      const ref = naive(t, t.vector(w) as Float32Array, 10, new Set([t.indexOf(w)]));
      expect(nn.query(w, 10).map((r) => r.index)).toEqual(ref);
      expect(mostSimilar(t, w, 10).map((r) => r.index)).toEqual(ref);
    }
  });
  it('similarities are cosines, best first, and the word itself is excluded unless asked', () => {
    const nn = new NearestNeighbors(t);
    const r = nn.query('w3', 5);
    for (let i = 1; i < r.length; i++) expect(r[i - 1].similarity).toBeGreaterThanOrEqual(r[i].similarity);
    expect(r.map((x) => x.word)).not.toContain('w3');
    const self = nn.query('w3', 1, { excludeQuery: false });
    expect(self[0].word).toBe('w3');
    expect(self[0].similarity).toBeCloseTo(1, 6);
    const ms = mostSimilar(t, 'w3', 5);
    expect(ms.map((x) => x.word)).toEqual(r.map((x) => x.word));
    expect(ms.map((x) => x.similarity)).toBeAllClose(r.map((x) => x.similarity), 1e-6);
  });
  it('a vector query, exclusions, k larger than the table', () => {
    const nn = new NearestNeighbors(t);
    const v = Array.from(t.vector('w7') as Float32Array, (x) => 2 * x); // scale does not matter
    expect(nn.query(v, 1)[0].word).toBe('w7');
    expect(nn.query(v, 3, { exclude: ['w7', 'not-a-word'] }).map((x) => x.word)).not.toContain('w7');
    expect(nn.query('w0', 10_000)).toHaveLength(499);
  });
  it('bad queries throw RangeError/TypeError naming the problem', () => {
    const nn = new NearestNeighbors(t);
    expect(() => nn.query('zzz', 3)).toThrow(/query word of NearestNeighbors.query must be in the vocabulary; "zzz" is not/);
    expect(() => nn.query([1, 2], 3)).toThrow(/must have 16 entries; got 2/);
    expect(() => nn.query(new Array(16).fill(0), 3)).toThrow(/all zeros/);
    expect(() => nn.query('w1', 0)).toThrow(/'k' argument .* must be an integer in \[1, Infinity\]; got 0/);
    expect(() => mostSimilar(t, 'zzz', 3)).toThrow(/mostSimilar must be in the vocabulary/);
    expect(() => new NearestNeighbors(t, { M: 1 })).toThrow(/'M' option of NearestNeighbors must be an integer in \[2, 1024\]; got 1/);
  });
  it('zero rows score 0 and never produce NaN', () => {
    const z = new EmbeddingTable(['a', 'zero', 'b'], fromRows([[1, 0], [0, 0], [0.5, 0.5]], 'float32'));
    const r = new NearestNeighbors(z).query('a', 2);
    expect(r.map((x) => x.word)).toEqual(['b', 'zero']);
    expect(r[1].similarity).toBe(0);
    expect(r[0].similarity).toBeCloseTo(Math.SQRT1_2, 7);
    expect(mostSimilar(z, 'a', 2).map((x) => x.similarity)).toBeAllClose([Math.SQRT1_2, 0], 1e-15);
  });
});

describe('HNSW search (hnswlib-node)', () => {
  const t = clustered(5, 4000, 24);
  it('recall@10 against exact search is at least 0.95 with default parameters, and results are seeded', () => {
    const hn = new NearestNeighbors(t, { exact: false, seed: 3 });
    const ex = new NearestNeighbors(t, { exact: true });
    expect(hn.method).toBe('hnsw');
    let hit = 0, total = 0;
    for (let q = 0; q < 4000; q += 40) {
      const a = new Set(ex.query(`w${q}`, 10).map((r) => r.index));
      for (const r of hn.query(`w${q}`, 10)) if (a.has(r.index)) hit++;
      total += 10;
    }
    expect(hit / total).toBeGreaterThanOrEqual(0.95);
    const again = new NearestNeighbors(t, { exact: false, seed: 3 });
    expect(again.query('w17', 10)).toEqual(hn.query('w17', 10));
  });
  it('re-scores exactly and honours exclusions', () => {
    const hn = new NearestNeighbors(t, { exact: false, M: 8, efConstruction: 50, ef: 20 });
    const r = hn.query('w1', 5, { exclude: ['w2', 'w3'] });
    expect(r).toHaveLength(5);
    for (const x of r) {
      expect(['w1', 'w2', 'w3']).not.toContain(x.word);
      expect(x.similarity).toBeCloseTo(mostSimilar(t, 'w1', 4000).find((y) => y.index === x.index)?.similarity ?? NaN, 6);
    }
    hn.setEf(200);
    expect(hn.query('w1', 5)).toHaveLength(5);
  });
  it('tables above exactBelow use HNSW unless exact: true', () => {
    expect(new NearestNeighbors(t, { exactBelow: 100 }).method).toBe('hnsw');
    expect(new NearestNeighbors(t, { exactBelow: 100, exact: true }).method).toBe('exact');
    expect(new NearestNeighbors(t).method).toBe('exact');
  });
});
