import { describe, expect, it } from 'vitest';
import { AllButTheTop, LowRankFactorization, Whitening, createTransform, defaultAbttDirections, createRng, zeros } from '@embfact/core';

describe('createTransform', () => {
  it('maps every name to the documented transform and defaults', () => {
    expect(createTransform('raw', 100)).toBeNull();
    const w = createTransform('whiten', 100, { k: 50 });
    expect(w).toBeInstanceOf(Whitening);
    expect(createTransform('zca', 100)).toBeInstanceOf(Whitening);
    expect(createTransform('abtt', 100)).toBeInstanceOf(AllButTheTop);
    expect(createTransform('lowrank', 100)).toBeInstanceOf(LowRankFactorization);
    expect(defaultAbttDirections(100)).toBe(2);
    expect(defaultAbttDirections(300)).toBe(6);
    expect(defaultAbttDirections(20)).toBe(1);
  });
  it('fitted objects have the requested output dimensions', () => {
    const rng = createRng(5);
    const X = zeros(200, 10);
    for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal() * (1 + (i % 10));
    expect(createTransform('whiten', 10, { k: 4 })!.fit(X).transform(X).cols).toBe(4);
    expect(createTransform('zca', 10)!.fit(X).transform(X).cols).toBe(10);
    expect(createTransform('abtt', 10, { d: 3 })!.fit(X).transform(X).cols).toBe(10);
    expect(createTransform('lowrank', 10, { k: 3 })!.fit(X).transform(X).cols).toBe(3);
  });
  it('rejects unknown names and out-of-range parameters with the option named', () => {
    expect(() => createTransform('pca' as never, 10)).toThrow(/must be one of 'raw', 'whiten', 'zca', 'abtt', 'lowrank'; got "pca"/);
    expect(() => createTransform('whiten', 10, { k: 11 })).toThrow(/'k' option of createTransform\('whiten'\) must be an integer in \[1, 10\]; got 11/);
    expect(() => createTransform('abtt', 10, { d: 0 })).toThrow(/'d' option/);
    // removing all 10 directions would leave zeros: d stops at dim - 1
    expect(() => createTransform('abtt', 10, { d: 10 })).toThrow(/'d' option of createTransform\('abtt'\) must be an integer in \[1, 9\]; got 10/);
    expect(() => createTransform('whiten', 10, { eps: -1 })).toThrow(/'eps' option/);
  });
});
