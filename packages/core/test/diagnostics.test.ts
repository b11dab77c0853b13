import { describe, expect, it } from 'vitest';
import { diagnose, fromRows } from '@embfact/core';
import { randn, withSpectrum } from './helpers.js';

describe('diagnose', () => {
  it('equal singular values: effective rank = d, condition 1, explained variance uniform', () => {
    const A = withSpectrum(100, [2, 2, 2, 2], 1);
    const dg = diagnose(A, { center: false, pairs: 0 });
    expect(dg.effectiveRank).toBeCloseTo(4, 10);
    expect(dg.conditionNumber).toBeCloseTo(1, 10);
    expect(dg.explainedVarianceRatio).toBeAllClose([0.25, 0.25, 0.25, 0.25], 1e-12);
    expect(dg.pairs).toBe(0);
  });
  it('effective rank follows Roy & Vetterli for a hand-computed spectrum', () => {
    const dg = diagnose(withSpectrum(50, [3, 1], 2), { center: false, pairs: 0 });
    const p = [0.75, 0.25];
    expect(dg.effectiveRank).toBeCloseTo(Math.exp(-p[0] * Math.log(p[0]) - p[1] * Math.log(p[1])), 10);
  });
  it('isotropic Gaussian cloud: isotropy near 1 and mean random cosine near 0', () => {
    const dg = diagnose(randn(20000, 5, 3, 0.5), { seed: 1, pairs: 5000 });
    expect(dg.isotropy).toBeGreaterThan(0.95);
    expect(Math.abs(dg.meanRandomCosine)).toBeLessThan(0.03);
  });
  it('a common mean direction: isotropy collapses and random cosines are high (anisotropy)', () => {
    const A = randn(5000, 5, 4, 0.5, 0);
    for (let i = 0; i < 5000; i++) A.data[i * 5] += 3;
    const dg = diagnose(A, { seed: 1, pairs: 2000 });
    // c = ±e₁: Z(e₁)/Z(−e₁) ≈ e^{(−3 + σ²/2) − (3 + σ²/2)} = e^{−6} for rows 3e₁ + N(0, 0.25 I)
    expect(Math.abs(dg.isotropy / Math.exp(-6) - 1)).toBeLessThan(0.1);
    expect(dg.meanRandomCosine).toBeGreaterThan(0.8);
    expect(dg.meanNorm).toBeCloseTo(3, 1);
  });
  it('log-sum-exp keeps huge entries finite; seeds are reproducible', () => {
    const A = randn(300, 4, 5, 400);
    const a = diagnose(A, { seed: 9, pairs: 100 }), b = diagnose(A, { seed: 9, pairs: 100 });
    expect(Number.isFinite(a.isotropy)).toBe(true);
    expect(a.isotropy).toBeGreaterThanOrEqual(0);
    expect(a.meanRandomCosine).toBe(b.meanRandomCosine);
  });
  it('one row / zero rows: no NaN', () => {
    const dg = diagnose(fromRows([[0, 0, 0]]), { pairs: 10 });
    expect(dg.effectiveRank).toBe(0);
    expect(dg.conditionNumber).toBe(Infinity);
    expect(dg.isotropy).toBe(1);
    expect(dg.meanRandomCosine).toBe(0);
    const two = diagnose(fromRows([[1, 0], [0, 0]]), { pairs: 10 });
    expect(two.meanRandomCosine).toBe(0);
    expect(() => diagnose(fromRows([[1]]), { pairs: -1 })).toThrow("The 'pairs' option of diagnose must be an integer in [0, Infinity]; got -1.");
  });
});
