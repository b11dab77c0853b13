import { describe, expect, it } from 'vitest';
import { Whitening, clone, originalMethod, tsqr } from '@embfact/core';
import { covariance, eye, hasNaN, naiveCenter, naiveMul, naiveT, randn } from './helpers.js';

describe('originalMethod: the five steps of DESIGN.md §1', () => {
  const A = randn(150, 5, 1, 2, 4);
  for (let i = 0; i < 150; i++) A.data[i * 5 + 2] += A.data[i * 5];
  const res = originalMethod(A, { wantQ: true, blockRows: 40 });
  it('step 0–1: mean and the TSQR factor of Ā', () => {
    const C = naiveCenter(A);
    expect(res.step0.centered).toBe(true);
    expect(naiveMul(res.step1.q!, res.step1.r).data).toBeAllClose(C.data, 1e-12);
    expect(res.step1.r.data).toBeAllClose(tsqr(A, { center: true, blockRows: 40 }).r.data, 0);
  });
  it('step 2: diag(R) are the literal eigenvalues of the triangular R; R = U_R Σ Vᵀ', () => {
    for (let j = 0; j < 5; j++) expect(res.step2.diagR[j]).toBe(res.step1.r.data[j * 6]);
    const { uR, s, vt } = res.step2;
    const us = clone(uR);
    for (let i = 0; i < 5; i++) for (let c = 0; c < 5; c++) us.data[i * 5 + c] *= s[c];
    expect(naiveMul(us, vt).data).toBeAllClose(res.step1.r.data, 1e-12);
    // |Π diag(R)| = Π σ (both are |det R|)
    const pd = res.step2.diagR.reduce((p, v) => p * Math.abs(v), 1), ps = s.reduce((p, v) => p * v, 1);
    expect(pd).toBeCloseTo(ps, 6);
  });
  it('step 3: U = Q U_R has orthonormal columns and U Σ Vᵀ = Ā', () => {
    const U = res.step3.u!;
    expect(naiveMul(naiveT(U), U).data).toBeAllClose(eye(5).data, 1e-12);
    const us = clone(U);
    for (let i = 0; i < 150; i++) for (let c = 0; c < 5; c++) us.data[i * 5 + c] *= res.step2.s[c];
    expect(naiveMul(us, res.step2.vt).data).toBeAllClose(naiveCenter(A).data, 1e-12);
  });
  it('steps 4–5: Σ′ = 1/sqrt(σ²/(n−1)+ε), A′ has identity covariance and equals Whitening', () => {
    const { s } = res.step2;
    for (let i = 0; i < 5; i++) expect(res.step4.scales[i]).toBeCloseTo(1 / Math.sqrt((s[i] * s[i]) / 149), 12);
    expect(covariance(res.step5.output).data).toBeAllClose(eye(5).data, 1e-12);
    expect(res.step5.output.data).toBeAllClose(new Whitening({ method: 'tsqr' }).fitTransform(A).data, 1e-12);
    const zca = originalMethod(A, { mode: 'zca', k: 3 });
    expect(zca.step5.output.cols).toBe(5);
    expect(zca.step5.output.data).toBeAllClose(new Whitening({ mode: 'zca', k: 3, method: 'tsqr' }).fitTransform(A).data, 1e-12);
  });
  it('a zero column: the inverted spectrum has a 0, not Inf; no NaN anywhere', () => {
    const Z = clone(A);
    for (let i = 0; i < 150; i++) Z.data[i * 5 + 3] = 0;
    const r = originalMethod(Z, { wantQ: true });
    expect(r.step4.dropped).toBe(1);
    expect(r.step4.scales[4]).toBe(0);
    expect(r.step3.conditionNumber).toBeGreaterThan(1e12);
    for (const arr of [r.step1.q!.data, r.step2.uR.data, r.step3.u!.data, r.step5.output.data]) expect(hasNaN(arr)).toBe(false);
  });
  it('validates options', () => {
    expect(() => originalMethod(A, { k: 6 })).toThrow("The 'k' option of originalMethod must be an integer in [1, 5]; got 6.");
    expect(() => originalMethod(A, { mode: 'x' as never })).toThrow(/'mode' option of originalMethod/);
  });
});
