import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { NotFittedError, FormatError, createRng, type Matrix } from '@embfact/core';
import { LogisticRegression, hstack, minimizeLbfgs, type SparseMatrix } from '../src/index.js';

// Reference: scikit-learn 1.2 LogisticRegression(multinomial, lbfgs), produced by
// test/fixtures/make_logreg_fixture.py (provenance recorded inside the JSON).
const ref = JSON.parse(readFileSync(new URL('./fixtures/logreg_reference.json', import.meta.url), 'utf8'));

function caseX(c: any): Matrix | SparseMatrix {
  if (c.sparse) {
    const s = c.sparse;
    return { rows: s.rows, cols: s.cols, indptr: Int32Array.from(s.indptr), indices: Int32Array.from(s.indices), values: Float64Array.from(s.values) };
  }
  const X = c.X as number[][];
  return { data: Float64Array.from(X.flat()), rows: X.length, cols: X[0].length };
}

function centered(b: Float64Array): number[] {
  const m = b.reduce((a, v) => a + v, 0) / b.length;
  return Array.from(b, (v) => v - m);
}

describe('minimizeLbfgs', () => {
  it('minimizes the Rosenbrock function to its known minimum (1, 1)', () => {
    const r = minimizeLbfgs((x, g) => {
      const a = 1 - x[0], b = x[1] - x[0] * x[0];
      g[0] = -2 * a - 400 * x[0] * b;
      g[1] = 200 * b;
      return a * a + 100 * b * b;
    }, Float64Array.from([-1.2, 1]), { gtol: 1e-10, maxIter: 1000 });
    expect(r.converged).toBe(true);
    expect(r.x).toBeAllClose([1, 1], 1e-8);
    expect(r.nIter).toBeGreaterThan(10);
  });
  it('solves a convex quadratic exactly (n = 50, ill-conditioned diagonal, cond 1e4)', () => {
    const n = 50;
    const dgn = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1)));
    const target = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const r = minimizeLbfgs((x, g) => {
      let f = 0;
      for (let i = 0; i < n; i++) { const e = x[i] - target[i]; f += 0.5 * dgn[i] * e * e; g[i] = dgn[i] * e; }
      return f;
    }, new Float64Array(n), { gtol: 1e-9, maxIter: 2000, ftol: 0 });
    expect(r.reason).toBe('gtol');
    expect(r.x).toBeAllClose(target, 1e-8);
  });
  it('reports maxIter without claiming convergence', () => {
    const r = minimizeLbfgs((x, g) => { g[0] = 4 * x[0] ** 3; g[1] = 2 * x[1]; return x[0] ** 4 + x[1] ** 2; },
      Float64Array.from([3, 3]), { maxIter: 2, gtol: 1e-14, ftol: 0 });
    expect(r.nIter).toBe(2);
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('maxIter');
  });
  it('rejects a non-finite starting value', () => {
    expect(() => minimizeLbfgs(() => NaN, new Float64Array(2))).toThrow(RangeError);
  });
});

describe('LogisticRegression vs scikit-learn 1.2 (fixture)', () => {
  expect(ref.provenance.sklearn).toBe('1.2.1');
  for (const c of ref.cases) {
    it(`${c.name}: coefficients to 1e-4, probabilities to 1e-5, identical predictions`, () => {
      const X = caseX(c);
      const lr = new LogisticRegression({ C: c.C, classWeight: c.classWeight ?? undefined, standardize: c.standardize, tol: 1e-9, ftol: 1e-15, maxIter: 5000 }).fit(X, c.y);
      expect(lr.converged).toBe(true);
      expect([...lr.classes]).toEqual(c.classes);
      expect(lr.coef).toBeAllClose(c.coef.flat(), 1e-4, 1e-4);
      expect(centered(lr.intercept)).toBeAllClose(c.intercept, 1e-4, 1e-4);
      expect(lr.predictProba(X)).toBeAllClose(c.proba.flat(), 1e-5);
      expect(lr.predict(X)).toEqual(c.predict);
    });
    it(`${c.name}: the row-space solver reaches the same optimum`, () => {
      const X = caseX(c);
      const lr = new LogisticRegression({ C: c.C, classWeight: c.classWeight ?? undefined, standardize: c.standardize, tol: 1e-9, ftol: 1e-15, maxIter: 5000, solver: 'rowspace' }).fit(X, c.y);
      expect(lr.solver).toBe('rowspace');
      expect(lr.coef).toBeAllClose(c.coef.flat(), 1e-4, 1e-4);
      expect(centered(lr.intercept)).toBeAllClose(c.intercept, 1e-4, 1e-4);
      expect(lr.predict(X)).toEqual(c.predict);
    });
  }
});

describe('row-space solver on wide sparse data (d ≫ n)', () => {
  it('equals the primal solution; auto picks it; rank ≤ n', () => {
    const rng = createRng(9);
    const n = 60, d = 2000, K = 4;
    const indptr = new Int32Array(n + 1);
    const idx: number[] = [], val: number[] = [];
    const y: string[] = [];
    for (let i = 0; i < n; i++) {
      const k = i % K;
      y.push(`t${k}`);
      const cols = new Set<number>();
      while (cols.size < 30) cols.add(rng.next() < 0.3 ? k * 50 + rng.int(50) : rng.int(d));
      for (const c of [...cols].sort((a, b) => a - b)) { idx.push(c); val.push(rng.next()); }
      indptr[i + 1] = idx.length;
    }
    const X: SparseMatrix = { rows: n, cols: d, indptr, indices: Int32Array.from(idx), values: Float64Array.from(val) };
    const opts = { C: 50, tol: 1e-10, ftol: 1e-15, maxIter: 20000 };
    const p = new LogisticRegression({ ...opts, solver: 'primal' }).fit(X, y);
    const r = new LogisticRegression(opts).fit(X, y);
    expect(r.solver).toBe('rowspace');
    expect(r.rank).toBeLessThanOrEqual(n);
    expect(p.converged && r.converged).toBe(true);
    expect(r.coef).toBeAllClose(p.coef, 1e-5, 1e-4);
    expect(r.predictProba(X)).toBeAllClose(p.predictProba(X), 1e-7);
    for (const std of [true]) {
      const a = new LogisticRegression({ ...opts, standardize: std, solver: 'primal' }).fit(X, y);
      const b = new LogisticRegression({ ...opts, standardize: std, solver: 'rowspace' }).fit(X, y);
      expect(b.predictProba(X)).toBeAllClose(a.predictProba(X), 1e-6);
    }
  });
});

function blobs(n: number, d: number, K: number, seed: number, sep = 2) {
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

function denseToCsr(M: Matrix): SparseMatrix {
  const indptr = new Int32Array(M.rows + 1);
  const idx: number[] = [], val: number[] = [];
  for (let i = 0; i < M.rows; i++) {
    for (let j = 0; j < M.cols; j++) { const v = M.data[i * M.cols + j]; if (v !== 0) { idx.push(j); val.push(v); } }
    indptr[i + 1] = idx.length;
  }
  return { rows: M.rows, cols: M.cols, indptr, indices: Int32Array.from(idx), values: Float64Array.from(val) };
}

describe('LogisticRegression properties', () => {
  const { X, y } = blobs(200, 6, 3, 1);
  it('sparse CSR and dense inputs give the same model; an hstack equals the dense concatenation', () => {
    const a = new LogisticRegression({ C: 3, tol: 1e-10 }).fit(X, y);
    const b = new LogisticRegression({ C: 3, tol: 1e-10 }).fit(denseToCsr(X), y);
    expect(b.coef).toBeAllClose(a.coef, 1e-7);
    const left: Matrix = { data: new Float64Array(200 * 2), rows: 200, cols: 2 };
    const right: Matrix = { data: new Float64Array(200 * 4), rows: 200, cols: 4 };
    for (let i = 0; i < 200; i++) for (let j = 0; j < 6; j++) {
      if (j < 2) left.data[i * 2 + j] = X.data[i * 6 + j]; else right.data[i * 4 + j - 2] = X.data[i * 6 + j];
    }
    const c = new LogisticRegression({ C: 3, tol: 1e-10 }).fit(hstack(denseToCsr(left), right), y);
    expect(c.coef).toBeAllClose(a.coef, 1e-7);
    expect(c.predict(hstack(denseToCsr(left), right))).toEqual(a.predict(X));
  });
  it('is deterministic and invariant to row order', () => {
    const a = new LogisticRegression({ C: 1, tol: 1e-10 }).fit(X, y);
    const b = new LogisticRegression({ C: 1, tol: 1e-10 }).fit(X, y);
    expect(Array.from(b.coef.data)).toEqual(Array.from(a.coef.data));
    const perm = createRng(5).shuffle(Array.from({ length: 200 }, (_, i) => i)) as number[];
    const Xp: Matrix = { data: new Float64Array(200 * 6), rows: 200, cols: 6 };
    perm.forEach((p, i) => Xp.data.set(X.data.subarray(p * 6, p * 6 + 6), i * 6));
    const c = new LogisticRegression({ C: 1, tol: 1e-10 }).fit(Xp, perm.map((p) => y[p]));
    expect(c.coef).toBeAllClose(a.coef, 1e-6);
  });
  it('probabilities are finite and sum to 1 even for huge scores (stable log-sum-exp)', () => {
    const lr = new LogisticRegression({ C: 1e6 }).fit(X, y);
    const big: Matrix = { data: Float64Array.from({ length: 12 }, (_, i) => (i % 2 ? 1e6 : -1e6)), rows: 2, cols: 6 };
    const P = lr.predictProba(big);
    for (let i = 0; i < 2; i++) {
      let s = 0;
      for (let k = 0; k < 3; k++) { expect(Number.isFinite(P.data[i * 3 + k])).toBe(true); s += P.data[i * 3 + k]; }
      expect(s).toBeCloseTo(1, 12);
    }
    expect(Number.isFinite(lr.loss)).toBe(true);
  });
  it('standardize: the coefficients in original units reproduce the scores of the scaled problem', () => {
    const Xs: Matrix = { data: X.data.map((v, i) => v * (i % 6 === 0 ? 1000 : 1) + 50), rows: 200, cols: 6 };
    const lr = new LogisticRegression({ C: 1, standardize: true, tol: 1e-10 }).fit(Xs, y);
    const ref2 = new LogisticRegression({ C: 1, standardize: true, tol: 1e-10 }).fit(X, y);
    expect(lr.predict(Xs)).toEqual(ref2.predict(X));
    expect(lr.predictProba(Xs)).toBeAllClose(ref2.predictProba(X), 1e-6);
  });
  it('numeric labels work and keep their type; classes sorted numerically', () => {
    const yn = y.map((s) => Number(s.slice(1)) * 10 + 2);
    const lr = new LogisticRegression().fit(X, yn);
    expect([...lr.classes]).toEqual([2, 12, 22]);
    expect(typeof lr.predict(X)[0]).toBe('number');
  });
  it('toJSON/fromJSON round trip is bit-exact', () => {
    const lr = new LogisticRegression({ C: 2, classWeight: 'balanced' }).fit(X, y);
    const back = LogisticRegression.fromJSON(JSON.parse(JSON.stringify(lr.toJSON())));
    expect(Array.from(back.predictProba(X).data)).toEqual(Array.from(lr.predictProba(X).data));
    expect(back.nIter).toBe(lr.nIter);
  });
});

describe('LogisticRegression bad input', () => {
  const { X, y } = blobs(30, 3, 2, 2);
  it('one class only → RangeError naming the class', () => {
    expect(() => new LogisticRegression().fit(X, y.map(() => 'spam'))).toThrow(/at least 2 distinct classes.*"spam"/);
  });
  it('mixed label types → TypeError', () => {
    expect(() => new LogisticRegression().fit(X, y.map((v, i) => (i === 3 ? 7 : v)) as any)).toThrow(/must not mix label types.*label 3 is a number/);
  });
  it('predicting before fit → NotFittedError', () => {
    expect(() => new LogisticRegression().predict(X)).toThrow(NotFittedError);
    expect(() => new LogisticRegression().coef).toThrow(NotFittedError);
  });
  it('wrong column count, NaN feature, wrong label count, bad options', () => {
    const lr = new LogisticRegression().fit(X, y);
    expect(() => lr.predict({ data: new Float64Array(4), rows: 1, cols: 4 })).toThrow(/must have 3 columns.*got 4/);
    const bad = { data: Float64Array.from(X.data), rows: 30, cols: 3 };
    bad.data[4] = NaN;
    expect(() => new LogisticRegression().fit(bad, y)).toThrow(/finite; entry \(1, 1\)/);
    expect(() => new LogisticRegression().fit(X, y.slice(1))).toThrow(/one label per sample \(30\); got 29/);
    expect(() => new LogisticRegression({ C: 0 })).toThrow(/'C' option/);
    expect(() => new LogisticRegression({ classWeight: 'even' as any })).toThrow(/'classWeight'/);
    expect(() => new LogisticRegression({ classWeight: { nope: 2 } }).fit(X, y)).toThrow(/not among the training classes/);
  });
  it('a model saved by another format version → FormatError', () => {
    const j = { ...new LogisticRegression().fit(X, y).toJSON(), version: 2 };
    expect(() => LogisticRegression.fromJSON(j)).toThrow(FormatError);
    expect(() => LogisticRegression.fromJSON(j)).toThrow(/version 1; got version 2/);
    expect(() => LogisticRegression.fromJSON({ name: 'KNNClassifier', version: 1 })).toThrow(/expects name 'LogisticRegression'/);
  });
});
