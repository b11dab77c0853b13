import { describe, it, expect } from 'vitest';
import { NotFittedError, FormatError, createRng, type Matrix } from '@embfact/core';
import {
  KNNClassifier, NearestCentroid, accuracy, confusionMatrix, classificationReport, macroF1,
  stratifiedKFold, stratifiedSplit,
} from '../src/index.js';

function blobs(n: number, d: number, K: number, seed: number, sep = 3) {
  const rng = createRng(seed);
  const centers = Array.from({ length: K }, () => Array.from({ length: d }, () => rng.normal() * sep));
  const data = new Float64Array(n * d);
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % K;
    y.push(`c${k}`);
    for (let j = 0; j < d; j++) data[i * d + j] = centers[k][j] + rng.normal();
  }
  return { X: { data, rows: n, cols: d } as Matrix, y };
}

describe('metrics (hand-computed)', () => {
  const yt = ['a', 'a', 'a', 'b', 'b', 'c'];
  const yp = ['a', 'a', 'b', 'b', 'c', 'c'];
  it('accuracy, confusion, per-class scores, macro-F1', () => {
    expect(accuracy(yt, yp)).toBeCloseTo(4 / 6, 15);
    expect(confusionMatrix(yt, yp).matrix).toEqual([[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
    const r = classificationReport(yt, yp);
    // a: P = 2/2, R = 2/3, F1 = 0.8; b: P = 1/2, R = 1/2, F1 = 0.5; c: P = 1/2, R = 1, F1 = 2/3
    expect(r.perClass.map((c) => c.f1)).toBeAllClose([0.8, 0.5, 2 / 3], 1e-15);
    expect(r.perClass.map((c) => c.precision)).toBeAllClose([1, 0.5, 0.5], 1e-15);
    expect(r.perClass.map((c) => c.support)).toEqual([3, 2, 1]);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 15);
    expect(macroF1(yt, yp)).toBe(r.macroF1);
  });
  it('a class never predicted gets precision 0 (zero_division = 0), not NaN', () => {
    const r = classificationReport(['a', 'b'], ['a', 'a']);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });
  it('rejects mismatched lengths, empty input, mixed types', () => {
    expect(() => accuracy(['a'], ['a', 'b'])).toThrow(/length of 'yTrue' \(1\); got 2/);
    expect(() => accuracy([], [])).toThrow(/must not be empty/);
    expect(() => accuracy(['a', 1] as any, ['a', 'a'])).toThrow(TypeError);
    expect(() => confusionMatrix(['a'], ['z'], ['a'])).toThrow(/"z" at position 0 is not in 'labels'/);
  });
});

describe('stratified splits', () => {
  const y = [...Array(23).fill('x'), ...Array(11).fill('y'), ...Array(6).fill('z')];
  it('k-fold: disjoint tests covering everything, per-class counts within one, deterministic', () => {
    const folds = stratifiedKFold(y, { k: 5, seed: 3 });
    const seen = new Array(y.length).fill(0);
    for (const f of folds) {
      for (const i of f.test) seen[i]++;
      expect(f.train.length + f.test.length).toBe(y.length);
      for (const c of ['x', 'y', 'z']) {
        const total = y.filter((v) => v === c).length;
        const inTest = f.test.filter((i) => y[i] === c).length;
        expect(Math.abs(inTest - total / 5)).toBeLessThan(1);
      }
    }
    expect(seen.every((v) => v === 1)).toBe(true);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(stratifiedKFold(y, { k: 5, seed: 3 })).toEqual(folds);
    expect(stratifiedKFold(y, { k: 5, seed: 4 })).not.toEqual(folds);
  });
  it('split: stratified 80/20', () => {
    const s = stratifiedSplit(y, { testSize: 0.2, seed: 1 });
    expect(s.test.filter((i) => y[i] === 'x').length).toBe(5);
    expect(s.test.filter((i) => y[i] === 'z').length).toBe(1);
    expect(s.train.length + s.test.length).toBe(40);
  });
  it('errors: too-small class, bad k', () => {
    expect(() => stratifiedKFold(['a', 'a', 'b'], { k: 2, seed: 0 })).toThrow(/Class "b" has 1 member/);
    expect(() => stratifiedKFold(y, { k: 1, seed: 0 })).toThrow(/'k' option/);
    expect(() => stratifiedSplit(y, { testSize: 1, seed: 0 })).toThrow(/'testSize'/);
  });
});

describe('KNNClassifier', () => {
  const { X, y } = blobs(300, 8, 3, 7);
  const tr = { data: X.data.subarray(0, 240 * 8), rows: 240, cols: 8 };
  const te = { data: X.data.subarray(240 * 8), rows: 60, cols: 8 };
  it('HNSW and exact scan agree on well-separated data; accuracy near 1', () => {
    const ex = new KNNClassifier({ k: 5, exact: true }).fit(tr, y.slice(0, 240));
    const hn = new KNNClassifier({ k: 5, exact: false, M: 8, efConstruction: 100, ef: 50 }).fit(tr, y.slice(0, 240));
    expect(ex.isExact).toBe(true);
    expect(hn.isExact).toBe(false);
    const a = ex.predict(te);
    expect(hn.predict(te)).toEqual(a);
    expect(accuracy(y.slice(240), a)).toBeGreaterThan(0.95);
    // neighbours of a training point include itself at distance ~0
    const nb = ex.kneighbors({ data: tr.data.subarray(0, 8), rows: 1, cols: 8 }, 3);
    expect(nb.indices[0][0]).toBe(0);
    expect(nb.distances[0][0]).toBeCloseTo(0, 12);
    expect(hn.kneighbors({ data: tr.data.subarray(0, 8), rows: 1, cols: 8 }, 3).indices[0][0]).toBe(0);
  });
  it('exact: matches a brute-force cosine ranking; distance weighting lets an exact match win', () => {
    const Xs = [[1, 0], [0.9, 0.1], [0, 1], [0.1, 1], [0.2, 1]];
    const ys = ['a', 'a', 'b', 'b', 'b'];
    const u = new KNNClassifier({ k: 5 }).fit(Xs, ys);
    expect(u.predict([[1, 0]])).toEqual(['b']); // 3 b vs 2 a in the 5-neighbourhood
    const w = new KNNClassifier({ k: 5, weights: 'distance' }).fit(Xs, ys);
    expect(w.predict([[1, 0]])).toEqual(['a']);
    const p = u.predictProba([[1, 0]]);
    expect(p).toBeAllClose([0.4, 0.6], 1e-15);
  });
  it('zero query row → class priors (documented); zero training row → RangeError', () => {
    const m = new KNNClassifier({ k: 3 }).fit([[1, 0], [0, 1], [0, 2]], ['a', 'b', 'b']);
    expect(m.predictProba([[0, 0]])).toBeAllClose([1 / 3, 2 / 3], 1e-15);
    expect(() => new KNNClassifier().fit([[1, 0], [0, 0]], ['a', 'b'])).toThrow(/row 1 is zero/);
  });
  it('JSON round trip (HNSW rebuilt) gives identical predictions; bad input', () => {
    const hn = new KNNClassifier({ k: 5, exact: false }).fit(tr, y.slice(0, 240));
    const back = KNNClassifier.fromJSON(JSON.parse(JSON.stringify(hn.toJSON())));
    expect(back.predict(te)).toEqual(hn.predict(te));
    expect(() => new KNNClassifier().predict(te)).toThrow(NotFittedError);
    expect(() => KNNClassifier.fromJSON({ ...hn.toJSON(), version: 9 })).toThrow(FormatError);
    expect(() => new KNNClassifier({ weights: 'gauss' as any })).toThrow(/'weights' option/);
    expect(() => new KNNClassifier().fit(tr, Array(240).fill('one'))).toThrow(/at least 2 distinct classes/);
  });
});

describe('NearestCentroid', () => {
  it('cosine and euclidean on a hand example', () => {
    const Xs = [[2, 0], [1, 0.1], [0, 1], [0.1, 3]];
    const ys = ['a', 'a', 'b', 'b'];
    const c = new NearestCentroid().fit(Xs, ys);
    expect(c.predict([[5, 1], [1, 5]])).toEqual(['a', 'b']);
    const cen = c.centroids;
    for (let k = 0; k < 2; k++) expect(Math.hypot(cen.data[2 * k], cen.data[2 * k + 1])).toBeCloseTo(1, 14);
    const e = new NearestCentroid({ metric: 'euclidean' }).fit(Xs, ys);
    expect(e.centroids).toBeAllClose([1.5, 0.05, 0.05, 2], 1e-15);
    // (1.5, 1.2) is closer to (1.5, .05) than to (.05, 2)
    expect(e.predict([[1.5, 1.2]])).toEqual(['a']);
    const p = e.predictProba([[1.5, 1.2]]);
    expect(p.data[0] + p.data[1]).toBeCloseTo(1, 15);
    const back = NearestCentroid.fromJSON(JSON.parse(JSON.stringify(e.toJSON())));
    expect(Array.from(back.predictProba([[1.5, 1.2]]).data)).toEqual(Array.from(p.data));
    expect(() => new NearestCentroid().predict([[1, 2]])).toThrow(NotFittedError);
    expect(() => new NearestCentroid({ metric: 'manhattan' as any })).toThrow(/'metric' option/);
  });
});
