import { readFileSync } from 'node:fs';
import { createRng } from '@embfact/core';
import { describe, expect, it } from 'vitest';
import {
  adjustedRandIndex, completenessScore, homogeneityScore, mutualInfoScore, normalizedMutualInfo, purity,
  silhouetteSamples, silhouetteScore, vMeasure,
} from '../src/index.js';

// Reference values: scikit-learn 1.2.1 sklearn.metrics, produced by test/fixtures/make_fixtures.py.
const fx = JSON.parse(readFileSync(new URL('./fixtures/metrics_sklearn.json', import.meta.url), 'utf8')) as {
  meta: Record<string, unknown>;
  labels: { name: string; true: number[]; pred: number[]; nmi: number; nmiGeometric: number; ari: number; mi: number;
    homogeneity: number; completeness: number; vMeasure: number }[];
  silhouette: { name: string; X: number[][]; labels: number[]; euclidean: number; cosine: number; samples: number[] }[];
};

describe('metrics against scikit-learn 1.2 (1e-10)', () => {
  for (const c of fx.labels) {
    it(c.name, () => {
      expect(normalizedMutualInfo(c.true, c.pred)).toBeAllClose(c.nmi, 1e-10);
      expect(normalizedMutualInfo(c.true, c.pred, 'geometric')).toBeAllClose(c.nmiGeometric, 1e-10);
      expect(adjustedRandIndex(c.true, c.pred)).toBeAllClose(c.ari, 1e-10);
      expect(mutualInfoScore(c.true, c.pred)).toBeAllClose(c.mi, 1e-10);
      const v = vMeasure(c.true, c.pred);
      expect(v.homogeneity).toBeAllClose(c.homogeneity, 1e-10);
      expect(v.completeness).toBeAllClose(c.completeness, 1e-10);
      expect(v.vMeasure).toBeAllClose(c.vMeasure, 1e-10);
      expect(homogeneityScore(c.true, c.pred)).toBe(v.homogeneity);
      expect(completenessScore(c.true, c.pred)).toBe(v.completeness);
    });
  }
  for (const s of fx.silhouette) {
    it(`silhouette ${s.name} (euclidean, cosine, per sample; a singleton cluster scores 0)`, () => {
      expect(silhouetteScore(s.X, s.labels)).toBeAllClose(s.euclidean, 1e-10);
      expect(silhouetteScore(s.X, s.labels, { metric: 'cosine' })).toBeAllClose(s.cosine, 1e-10);
      const per = silhouetteSamples(s.X, s.labels);
      expect(per).toBeAllClose(s.samples, 1e-10);
      expect(per[0]).toBe(0);
    });
  }
  it('fixture carries its provenance', () => {
    expect(fx.meta).toMatchObject({ sklearn: '1.2.1', seed: 1 });
  });
});

describe('metrics on hand-computed cases', () => {
  it('NMI, ARI, V-measure are 1 for a relabelled identical partition, and accept strings', () => {
    expect(normalizedMutualInfo(['a', 'a', 'b'], [7, 7, 3])).toBe(1);
    expect(adjustedRandIndex(['a', 'a', 'b'], [7, 7, 3])).toBe(1);
    expect(vMeasure(['a', 'a', 'b'], [7, 7, 3]).vMeasure).toBeAllClose(1, 1e-15);
  });
  it('mutual information of two perfectly dependent balanced binary labellings is ln 2', () => {
    expect(mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0])).toBeAllClose(Math.LN2, 1e-15);
  });
  it('NMI of [0,0,1,1] vs [0,0,0,1]: I / mean(H)', () => {
    // H(U) = ln 2; H(V) = -(3/4 ln 3/4 + 1/4 ln 1/4); I = H(U) + H(V) - H(U,V), H(U,V) = -(2·1/4 ln 1/4 + 1/4 ln 1/4 ...)
    const hu = Math.LN2;
    const hv = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    const huv = -(0.5 * Math.log(0.5) + 0.25 * Math.log(0.25) + 0.25 * Math.log(0.25));
    const mi = hu + hv - huv;
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 0, 0, 1])).toBeAllClose(mi / ((hu + hv) / 2), 1e-15);
    // homogeneity = I/H(U), completeness = I/H(V)
    expect(homogeneityScore([0, 0, 1, 1], [0, 0, 0, 1])).toBeAllClose(mi / hu, 1e-15);
    expect(completenessScore([0, 0, 1, 1], [0, 0, 0, 1])).toBeAllClose(mi / hv, 1e-15);
  });
  it('a single predicted cluster shares no information: MI and NMI exactly 0 (was 1.6e-15 of rounding)', () => {
    const truth = Array.from({ length: 1000 }, (_, i) => i % 7);
    const one = new Array(1000).fill(0);
    expect(mutualInfoScore(truth, one)).toBe(0);
    expect(normalizedMutualInfo(truth, one)).toBe(0);
    expect(normalizedMutualInfo(one, truth)).toBe(0);
  });
  it('silhouette does not depend on the scale of X, from 1e-200 to 1e200 (was NaN / 0)', () => {
    const rng = createRng(8);
    const X = Array.from({ length: 30 }, (_, i) => [(i % 3) * 2 + rng.normal(), rng.normal(), rng.normal()]);
    const labels = X.map((_, i) => i % 3);
    for (const metric of ['euclidean', 'cosine'] as const) {
      const ref = silhouetteScore(X, labels, { metric });
      expect(Number.isFinite(ref) && ref !== 0).toBe(true);
      for (const scale of [1e-200, 1e200]) {
        expect(silhouetteScore(X.map((r) => r.map((v) => v * scale)), labels, { metric })).toBeCloseTo(ref, 12);
      }
    }
  });
  it('ARI by the Hubert-Arabie formula on a 2x2 table', () => {
    // true [0,0,1,1], pred [0,0,0,1]: contingency [[2,0],[1,1]]; Σ C(nij,2) = 1, Σ C(a,2) = 2, Σ C(b,2) = 3, C(4,2) = 6
    const expected = (1 - (2 * 3) / 6) / (0.5 * (2 + 3) - (2 * 3) / 6);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 0, 1])).toBeAllClose(expected, 1e-15);
  });
  it('purity', () => {
    expect(purity(['a', 'a', 'b', 'b'], [0, 0, 0, 1])).toBe(0.75);
    expect(purity([0, 1, 2], [0, 1, 2])).toBe(1);
    expect(purity([0, 0, 1, 1, 1, 2], [5, 5, 5, 5, 5, 5])).toBe(0.5);
    expect(() => purity([], [])).toThrow(/must not be empty/);
  });
  it('silhouette of two tight pairs', () => {
    // a = 0.1, b = mean(5, 5.1) for the first point etc.
    const X = [[0], [0.1], [5], [5.1]];
    const s = silhouetteSamples(X, [0, 0, 1, 1]);
    expect(s[0]).toBeAllClose(1 - 0.1 / 5.05, 1e-15);
    expect(s[1]).toBeAllClose(1 - 0.1 / 4.95, 1e-15);
  });
  it('sampled silhouette: deterministic per seed, equals exact when sampleSize >= n, close to exact', () => {
    const X: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) { const c = i % 3; X.push([c * 4 + Math.sin(i) , c * 2 + Math.cos(i * 1.7)]); y.push(c); }
    const exact = silhouetteScore(X, y);
    expect(silhouetteScore(X, y, { sampleSize: 600 })).toBe(exact);
    const a = silhouetteScore(X, y, { sampleSize: 200, seed: 3 });
    expect(silhouetteScore(X, y, { sampleSize: 200, seed: 3 })).toBe(a);
    expect(silhouetteScore(X, y, { sampleSize: 200, seed: 4 })).not.toBe(a);
    expect(Math.abs(a - exact)).toBeLessThan(0.05);
  });
  it('bad input', () => {
    expect(() => normalizedMutualInfo([0, 1], [0])).toThrow(/same length; got 2 and 1/);
    expect(() => adjustedRandIndex([0, NaN], [0, 1])).toThrow(/entry 1 is NaN/);
    expect(() => silhouetteScore([[0], [1], [2]], [0, 0, 0])).toThrow(/2 <= number of clusters <= n - 1 = 2; got 1/);
    expect(() => silhouetteScore([[0], [1], [2]], [0, 1])).toThrow(/one label per row \(3\); got 2/);
    expect(() => normalizedMutualInfo([0], [0], 'median' as 'min')).toThrow(/'average'/);
    expect(normalizedMutualInfo([], [])).toBe(1);
    expect(adjustedRandIndex([], [])).toBe(1);
  });
});
