import { describe, expect, it } from 'vitest';
import { clone, fromRows, randomizedSvd, svd, GRAM_ROUTE_LIMIT, type Matrix } from '@embfact/core';
import { eye, hasNaN, maxAbsDiff, naiveCenter, naiveMul, naiveT, randn, withSpectrum } from './helpers.js';

function reconstruct(u: Matrix, s: Float64Array, vt: Matrix): Matrix<Float64Array> {
  const us = new Float64Array(u.rows * s.length);
  for (let i = 0; i < u.rows; i++) for (let c = 0; c < s.length; c++) us[i * s.length + c] = u.data[i * u.cols + c] * s[c];
  return naiveMul({ data: us, rows: u.rows, cols: s.length }, vt);
}

function checkSignConvention(vt: Matrix) {
  for (let i = 0; i < vt.rows; i++) {
    let best = 0, arg = 0;
    for (let j = 0; j < vt.cols; j++) if (Math.abs(vt.data[i * vt.cols + j]) > best) { best = Math.abs(vt.data[i * vt.cols + j]); arg = j; }
    expect(vt.data[i * vt.cols + arg]).toBeGreaterThan(0);
  }
}

describe('svd', () => {
  const known = [9, 5, 3, 2, 1, 0.5];
  const A = withSpectrum(150, known, 1);
  for (const method of ['gram', 'tsqr'] as const) {
    it(`${method}: known singular values, UᵀU = I, VVᵀ = I, U Σ Vᵀ = A, sign convention`, () => {
      const res = svd(A, { method, wantU: true, blockRows: 40 });
      expect(res.method).toBe(method);
      expect(res.s).toBeAllClose(known, 0, 1e-12);
      expect(naiveMul(naiveT(res.u!), res.u!).data).toBeAllClose(eye(6).data, 1e-12);
      expect(naiveMul(res.vt, naiveT(res.vt)).data).toBeAllClose(eye(6).data, 1e-12);
      expect(reconstruct(res.u!, res.s, res.vt).data).toBeAllClose(A.data, 1e-12);
      checkSignConvention(res.vt);
      expect(res.conditionEstimate).toBeCloseTo(18, 8);
    });
  }
  it('the two routes agree exactly up to rounding, including signs', () => {
    const B = randn(200, 7, 2, 1, 3);
    const g = svd(B, { center: true, method: 'gram' }), t = svd(B, { center: true, method: 'tsqr' });
    expect(g.s).toBeAllClose(t.s, 0, 1e-12);
    expect(g.vt.data).toBeAllClose(t.vt.data, 1e-10);
    expect(g.mean).toBeAllClose(t.mean!, 1e-15);
  });
  it("'auto' keeps the Gram route for a well-conditioned matrix", () => {
    const res = svd(A);
    expect(res.method).toBe('gram');
    expect(res.conditionEstimate ** 2 * Number.EPSILON).toBeLessThan(GRAM_ROUTE_LIMIT);
  });
  it("'auto' switches to TSQR at cond 1e8 and keeps the small singular values accurate", () => {
    const s = Array.from({ length: 8 }, (_, i) => 10 ** (-i * 8 / 7));
    const C = withSpectrum(400, s, 3);
    const res = svd(C, { wantU: true });
    expect(res.method).toBe('tsqr');
    expect(res.conditionEstimate).toBeGreaterThan(1e7);
    expect(res.s).toBeAllClose(s, 0, 1e-6); // σ_min = 1e-8 σ₁: TSQR error ≈ ε σ₁
    expect(naiveMul(naiveT(res.u!), res.u!).data).toBeAllClose(eye(8).data, 1e-12);
    const gramOnly = svd(C, { method: 'gram' });
    expect(Math.abs(gramOnly.s[7] - s[7]) / s[7]).toBeGreaterThan(1e-3); // why auto falls back
  });
  it('k truncates; centered U Σ Vᵀ reconstructs Ā', () => {
    const B = randn(60, 5, 4, 2, -1);
    const full = svd(B, { center: true, wantU: true, method: 'tsqr' });
    expect(reconstruct(full.u!, full.s, full.vt).data).toBeAllClose(naiveCenter(B).data, 1e-12);
    const top = svd(B, { center: true, wantU: true, k: 2 });
    expect(top.s).toBeAllClose(full.s.slice(0, 2), 0, 1e-12);
    expect(top.u!.cols).toBe(2);
    expect(top.vt.rows).toBe(2);
  });
  it('rank deficiency: n < d, one row, a zero column, float32 input — never NaN', () => {
    const wide = svd(randn(3, 6, 5), { wantU: true });
    expect(wide.method).toBe('tsqr');
    expect(wide.s.slice(3)).toBeAllClose([0, 0, 0], 1e-12);
    expect(wide.conditionEstimate).toBe(Infinity);
    expect(hasNaN(wide.u!.data)).toBe(false);
    const one = svd(fromRows([[3, 4]]), { wantU: true });
    expect(one.s).toBeAllClose([5, 0], 1e-14);
    expect(hasNaN(one.u!.data) || hasNaN(one.vt.data)).toBe(false);
    const zeroRow = svd(fromRows([[3, 4]]), { center: true, wantU: true });
    expect(zeroRow.s).toBeAllClose([0, 0], 0);
    expect(hasNaN(zeroRow.u!.data) || hasNaN(zeroRow.vt.data)).toBe(false);
    const Z = randn(30, 4, 6);
    for (let i = 0; i < 30; i++) Z.data[i * 4 + 1] = 0;
    const z = svd(Z, { wantU: true });
    expect(z.s[3]).toBeLessThan(1e-12);
    expect(hasNaN(z.u!.data)).toBe(false);
    const zg = svd(Z, { wantU: true, method: 'gram' });
    expect(hasNaN(zg.u!.data)).toBe(false);
    const F = clone(randn(40, 5, 7), 'float32');
    const f = svd(F, { center: true });
    expect(f.s).toBeAllClose(svd(clone(F, 'float64'), { center: true }).s, 0, 1e-12);
  });
  it('rejects bad options with the STYLE.md message', () => {
    expect(() => svd(A, { k: 7 })).toThrow("The 'k' option of svd must be an integer in [1, 6]; got 7.");
    expect(() => svd(A, { method: 'lapack' as never })).toThrow(/'method' option of svd must be one of 'auto', 'gram', 'tsqr'; got "lapack"/);
    expect(() => svd([[1, NaN]])).toThrow(/'A' argument of svd must be finite/);
  });
});

describe('randomizedSvd (Halko–Martinsson–Tropp)', () => {
  const s = [50, 20, 10, 5, 1, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01];
  const A = withSpectrum(300, s, 8);
  it('recovers the top k of a matrix with a decaying spectrum', () => {
    const r = randomizedSvd(A, { k: 4, seed: 1, oversample: 5, powerIters: 2, wantU: true });
    expect(r.method).toBe('randomized');
    expect(r.s).toBeAllClose(s.slice(0, 4), 0, 1e-8);
    const exact = svd(A, { k: 4, method: 'tsqr' });
    expect(r.vt.data).toBeAllClose(exact.vt.data, 1e-6);
    expect(naiveMul(naiveT(r.u!), r.u!).data).toBeAllClose(eye(4).data, 1e-12);
  });
  it('is reproducible from the seed, and centers implicitly', () => {
    const B = randn(100, 12, 9, 1, 4);
    const a = randomizedSvd(B, { k: 3, seed: 7, center: true, oversample: 9 });
    const b = randomizedSvd(B, { k: 3, seed: 7, center: true, oversample: 9 });
    expect(a.s).toEqual(b.s);
    expect(a.s).toBeAllClose(svd(B, { center: true, k: 3 }).s, 0, 1e-10); // l = 12 = d: exact
  });
  it('validates options', () => {
    expect(() => randomizedSvd(A, { k: 0, seed: 1 })).toThrow("The 'k' option of randomizedSvd must be an integer in [1, 20]; got 0.");
    expect(() => randomizedSvd(A, { k: 2, seed: NaN })).toThrow(/'seed' option of randomizedSvd/);
    expect(() => randomizedSvd(A, { k: 2, seed: 1, powerIters: -1 })).toThrow(/'powerIters'/);
  });
});
