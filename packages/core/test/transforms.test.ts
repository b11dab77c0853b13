import { describe, expect, it } from 'vitest';
import {
  AllButTheTop, FormatError, LowRankFactorization, NotFittedError, Whitening, clone, fromRows, svd, type Matrix,
} from '@embfact/core';
import { covariance, eye, frob, hasNaN, maxAbsDiff, naiveCenter, naiveMul, naiveT, permuteRows, randn, withSpectrum } from './helpers.js';

const X = randn(200, 6, 1, 2, 5);
// Make the columns correlated so whitening has something to do.
for (let i = 0; i < 200; i++) X.data[i * 6 + 1] += 0.8 * X.data[i * 6];

const roundTrip = <T extends { toJSON(): object }>(t: T) => JSON.parse(JSON.stringify(t.toJSON()));

describe('Whitening', () => {
  for (const mode of ['pca', 'zca'] as const) {
    for (const method of ['gram', 'tsqr'] as const) {
      it(`${mode}/${method}: identity covariance, fitTransform = fit().transform()`, () => {
        const w = new Whitening({ mode, method });
        const Y = w.fitTransform(X);
        expect(Y.cols).toBe(6);
        expect(covariance(Y).data).toBeAllClose(eye(6).data, 1e-12);
        expect(Y.data).toBeAllClose(new Whitening({ mode, method }).fit(X).transform(X).data, 1e-13);
        expect(w.fitInfo.method).toBe(method);
      });
    }
  }
  it('pca with k reduces to k columns with identity covariance; inverse is the projection', () => {
    const w = new Whitening({ k: 3 }).fit(X);
    const Y = w.transform(X);
    expect(Y.cols).toBe(3);
    expect(w.outputDim).toBe(3);
    expect(covariance(Y).data).toBeAllClose(eye(3).data, 1e-12);
    const back = w.inverseTransform(Y);
    const V = w.components; // 3×6
    const C = naiveCenter(X);
    const proj = naiveMul(naiveMul(C, naiveT(V)), V);
    for (let i = 0; i < 200; i++) for (let j = 0; j < 6; j++) proj.data[i * 6 + j] += w.mean[j];
    expect(back.data).toBeAllClose(proj.data, 1e-11);
  });
  it('zca: inverseTransform(transform(X)) = X, and the whitening matrix is symmetric', () => {
    const w = new Whitening({ mode: 'zca' }).fit(X);
    expect(w.inverseTransform(w.transform(X)).data).toBeAllClose(X.data, 1e-11);
    const W = w.transform(fromRows([[...w.mean.map((m, j) => m + (j === 0 ? 1 : 0))], [...w.mean.map((m, j) => m + (j === 1 ? 1 : 0))]]));
    expect(W.data[1]).toBeCloseTo(W.data[6], 12);
  });
  it('eps regularizes: covariance λ/(λ+ε)', () => {
    const w = new Whitening({ eps: 0.5 }).fit(X);
    const Y = w.transform(X);
    const cov = covariance(Y);
    const lam = w.explainedVariance;
    for (let i = 0; i < 6; i++) expect(cov.data[i * 6 + i]).toBeCloseTo(lam[i] / (lam[i] + 0.5), 12);
  });
  it('out of sample: transforms new rows, float32 in → float32 out', () => {
    const w = new Whitening({ k: 4 }).fit(X);
    const Z = clone(randn(5, 6, 2), 'float32');
    const Y = w.transform(Z);
    expect(Y.data).toBeInstanceOf(Float32Array);
    expect(Y.data).toBeAllClose(w.transform(clone(Z, 'float64')).data, 1e-5, 1e-6);
    expect(w.transform([[1, 2, 3, 4, 5, 6]]).rows).toBe(1);
  });
  it('invariant to row order', () => {
    const { P, perm } = permuteRows(X, 3);
    const a = new Whitening({ mode: 'zca' }).fitTransform(X), b = new Whitening({ mode: 'zca' }).fitTransform(P);
    const ap = new Float64Array(a.data.length);
    perm.forEach((src, i) => ap.set(a.data.subarray(src * 6, src * 6 + 6), i * 6));
    expect(b.data).toBeAllClose(ap, 1e-11);
  });
  it('rank deficient (a zero column, a duplicated column, n < d, one row): never Inf/NaN, dropped directions are 0', () => {
    const Z = clone(X);
    for (let i = 0; i < 200; i++) { Z.data[i * 6 + 2] = 0; Z.data[i * 6 + 4] = Z.data[i * 6 + 3]; }
    for (const method of ['auto', 'gram', 'tsqr'] as const) {
      const w = new Whitening({ mode: 'zca', method }).fit(Z);
      const Y = w.transform(Z);
      expect(hasNaN(Y.data)).toBe(false);
      expect(w.fitInfo.dropped).toBe(2);
      const cov = covariance(Y);
      // identity on the 4-dimensional range of Z, zero elsewhere: eigenvalues 1,1,1,1,0,0
      const tr = [0, 1, 2, 3, 4, 5].reduce((s, i) => s + cov.data[i * 7], 0);
      expect(tr).toBeCloseTo(4, 6);
    }
    const wide = new Whitening().fit(randn(3, 6, 4));
    expect(hasNaN(wide.transform(randn(3, 6, 4)).data)).toBe(false);
    expect(wide.fitInfo.dropped).toBe(4); // centered 3×6 has rank 2
    const one = new Whitening().fit([[1, 2, 3]]);
    expect(Array.from(one.transform([[4, 5, 6]]).data)).toEqual([0, 0, 0]);
  });
  it('toJSON / fromJSON round trip gives the same transform; wrong name or version is rejected', () => {
    for (const opts of [{ k: 4 }, { mode: 'zca' as const, eps: 1e-3 }]) {
      const w = new Whitening(opts).fit(X);
      const json = roundTrip(w);
      expect(json.name).toBe('Whitening');
      expect(json.version).toBe(1);
      const w2 = Whitening.fromJSON(json);
      expect(w2.transform(X).data).toBeAllClose(w.transform(X).data, 1e-15);
      expect(w2.inverseTransform(w2.transform(X)).data).toBeAllClose(w.inverseTransform(w.transform(X)).data, 1e-15);
      expect(w2.mode).toBe(w.mode);
    }
    const json = roundTrip(new Whitening().fit(X));
    expect(() => Whitening.fromJSON({ ...json, name: 'AllButTheTop' })).toThrow(FormatError);
    expect(() => Whitening.fromJSON({ ...json, version: 2 })).toThrow(/supports version 1; got 2/);
    expect(() => Whitening.fromJSON({ ...json, scales: [1] })).toThrow(/'scales' must have length 6; got 1/);
  });
  it('throws NotFittedError before fit', () => {
    const w = new Whitening();
    expect(() => w.transform(X)).toThrow(NotFittedError);
    expect(() => w.components).toThrow("Whitening is not fitted yet: call fit() before using 'components'.");
    expect(() => w.outputDim).toThrow(NotFittedError);
    expect(() => w.toJSON()).toThrow(NotFittedError);
  });
  it('validates options and inputs with named messages', () => {
    expect(() => new Whitening({ k: 0 })).toThrow("The 'k' option of Whitening must be an integer in [1, Infinity]; got 0.");
    expect(() => new Whitening({ k: 250 }).fit(X)).toThrow("The 'k' option of Whitening must be an integer in [1, 6]; got 250.");
    expect(() => new Whitening({ mode: 'pcaa' as never })).toThrow(/'mode' option of Whitening must be one of 'pca', 'zca'; got "pcaa"/);
    expect(() => new Whitening({ eps: -1 })).toThrow(/'eps' option of Whitening must be a finite number in \[0, Infinity\]; got -1/);
    expect(() => new Whitening({ center: 'yes' as never })).toThrow(TypeError);
    expect(() => new Whitening({ kk: 3 } as never)).toThrow(/Unknown option 'kk' of Whitening/);
    const w = new Whitening().fit(X);
    expect(() => w.transform([[1, 2]])).toThrow("The 'X' argument of Whitening.transform must have 6 columns; got 2.");
    expect(() => w.transform([[1, 2, 3, 4, 5, NaN]])).toThrow(/must be finite; entry \(0, 5\) is NaN/);
  });
});

describe('AllButTheTop (Mu & Viswanath 2018)', () => {
  const A = withSpectrum(150, [10, 6, 3, 2, 1, 0.5, 0.2], 4);
  for (let i = 0; i < 150; i++) for (let j = 0; j < 7; j++) A.data[i * 7 + j] += 3 + j; // a common mean vector
  it('output is centered and orthogonal to the removed directions', () => {
    const t = new AllButTheTop({ d: 2 });
    const Y = t.fitTransform(A);
    const U = t.removedDirections;
    const proj = naiveMul(Y, naiveT(U));
    expect(maxAbsDiff(proj.data, new Float64Array(proj.data.length))).toBeLessThan(1e-12 * frob(Y.data));
    const mean = new Float64Array(7);
    for (let i = 0; i < 150; i++) for (let j = 0; j < 7; j++) mean[j] += Y.data[i * 7 + j] / 150;
    expect(mean).toBeAllClose(new Float64Array(7), 1e-12);
    // the removed directions are the top principal directions
    expect(U.data).toBeAllClose(svd(A, { center: true, k: 2 }).vt.data, 1e-10);
  });
  it('d = 0 is plain centering; fitTransform = fit().transform(); float32 kept', () => {
    expect(new AllButTheTop({ d: 0 }).fitTransform(A).data).toBeAllClose(naiveCenter(A).data, 1e-13);
    const F = clone(A, 'float32');
    const t = new AllButTheTop({ d: 3 }).fit(F);
    const Y = t.transform(F);
    expect(Y.data).toBeInstanceOf(Float32Array);
    expect(Y.data).toBeAllClose(new AllButTheTop({ d: 3 }).fitTransform(F).data, 1e-6);
  });
  it('round-trips through JSON; errors', () => {
    const t = new AllButTheTop({ d: 2 }).fit(A);
    const t2 = AllButTheTop.fromJSON(roundTrip(t));
    expect(t2.transform(A).data).toBeAllClose(t.transform(A).data, 1e-15);
    expect(() => AllButTheTop.fromJSON({ ...roundTrip(t), name: 'Whitening' })).toThrow(FormatError);
    expect(() => new AllButTheTop({ d: 2 }).transform(A)).toThrow(NotFittedError);
    expect(() => new AllButTheTop({ d: 8 }).fit(A)).toThrow("The 'd' option of AllButTheTop must be an integer in [0, 7]; got 8.");
    // fewer rows than columns: the centred data has rank at most rows - 1
    const few = { data: A.data.slice(0, 4 * A.cols), rows: 4, cols: A.cols };
    expect(() => new AllButTheTop({ d: 4 }).fit(few)).toThrow(`The 'd' option of AllButTheTop must be an integer in [0, 3] for 4 rows (the centred data has rank at most 3); got 4.`);
    expect(new AllButTheTop({ d: 3 }).fit(few).transform(few).rows).toBe(4);
    expect(() => new AllButTheTop({} as never)).toThrow(/'d' option of AllButTheTop must be an integer/);
  });
});

describe('LowRankFactorization', () => {
  const s = [10, 6, 3, 2, 1, 0.5];
  const A = withSpectrum(120, s, 5);
  it('E W reconstructs A at k = d; relativeError / storageRatio / explainedVariance match their definitions', () => {
    const full = new LowRankFactorization({ k: 6 }).fit(A);
    expect(full.inverseTransform(full.embeddings).data).toBeAllClose(A.data, 1e-12);
    const lr = new LowRankFactorization({ k: 2 }).fit(A);
    const approx = lr.inverseTransform(lr.embeddings);
    const err = frob(approx.data.map((v, i) => v - A.data[i])) / frob(A.data);
    expect(lr.relativeError).toBeCloseTo(err, 12);
    const total = s.reduce((a, b) => a + b * b, 0);
    expect(lr.relativeError).toBeCloseTo(Math.sqrt((9 + 4 + 1 + 0.25) / total), 12);
    expect(lr.explainedVariance).toBeCloseTo((100 + 36) / total, 12);
    expect(lr.storageRatio).toBeCloseTo((120 * 2 + 2 * 6) / (120 * 6), 15);
    // E = U_k Σ_k: column norms are the singular values
    const E = lr.embeddings;
    for (let c = 0; c < 2; c++) expect(Math.hypot(...Array.from({ length: 120 }, (_, i) => E.data[i * 2 + c]))).toBeCloseTo(s[c], 10);
  });
  it('profile reports every k from one SVD, monotone in k', () => {
    const rows = LowRankFactorization.profile(A, [1, 2, 4, 6]);
    expect(rows.map((r) => r.k)).toEqual([1, 2, 4, 6]);
    for (let i = 1; i < rows.length; i++) expect(rows[i].relativeError).toBeLessThan(rows[i - 1].relativeError);
    expect(rows[3].relativeError).toBeLessThan(1e-12);
    expect(rows[3].explainedVariance).toBeCloseTo(1, 14);
    expect(rows[1].relativeError).toBeCloseTo(new LowRankFactorization({ k: 2 }).fit(A).relativeError, 12);
  });
  it('centered variant adds the mean back; new rows; float32; JSON round trip', () => {
    const B = randn(80, 5, 6, 1, 7);
    const lr = new LowRankFactorization({ k: 5, center: true }).fit(B);
    expect(lr.inverseTransform(lr.transform(B)).data).toBeAllClose(B.data, 1e-12);
    const F = clone(B, 'float32');
    expect(lr.transform(F).data).toBeInstanceOf(Float32Array);
    const lr2 = LowRankFactorization.fromJSON(roundTrip(lr));
    expect(lr2.transform(B).data).toBeAllClose(lr.transform(B).data, 1e-15);
    expect(lr2.relativeError).toBe(lr.relativeError);
    expect(() => lr2.embeddings).toThrow(NotFittedError);
    expect(lr.fitTransform(B).data).toBeAllClose(lr.transform(B).data, 1e-13);
  });
  it('errors', () => {
    expect(() => new LowRankFactorization({ k: 7 }).fit(A)).toThrow("The 'k' option of LowRankFactorization must be an integer in [1, 6]; got 7.");
    expect(() => new LowRankFactorization({ k: 2 }).storageRatio).toThrow(NotFittedError);
    expect(() => LowRankFactorization.profile(A, [])).toThrow(RangeError);
    expect(() => LowRankFactorization.fromJSON({ name: 'LowRankFactorization', version: 3 })).toThrow(FormatError);
  });
  it('zero matrix: no NaN', () => {
    const Z: Matrix = { data: new Float64Array(12), rows: 4, cols: 3 };
    const lr = new LowRankFactorization({ k: 1 }).fit(Z);
    expect(lr.relativeError).toBe(0);
    expect(hasNaN(lr.embeddings.data)).toBe(false);
  });
});

describe('progress', () => {
  it('fit reports progress of the factorization pass', () => {
    const seen: string[] = [];
    new Whitening({ method: 'tsqr' }).fit(randn(5000, 4, 1), { onProgress: (done, total, label) => seen.push(`${label}:${done}/${total}`) });
    expect(seen.at(-1)).toBe('qr:5000/5000');
    const g: string[] = [];
    new Whitening({ method: 'gram' }).fitTransform(randn(20000, 4, 1), { onProgress: (done, total, label) => g.push(`${label}:${done}/${total}`) });
    expect(g).toEqual(['gram:16384/20000', 'gram:20000/20000']);
  });
});
