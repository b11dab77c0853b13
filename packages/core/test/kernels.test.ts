import { describe, expect, it } from 'vitest';
import {
  center, columnMeans, dot, fromRows, gram, matmul, matmulTransA, matmulTransB, norm2, normalizeRowsInPlace, rowNorms,
  frobeniusSquared, transpose, clone,
} from '@embfact/core';
import { naiveCenter, naiveMul, naiveT, randn } from './helpers.js';

describe('columnMeans / center', () => {
  it('computes means and a centered copy without touching the input', () => {
    const A = fromRows([[1, 2], [3, 4], [5, 9]]);
    expect(columnMeans(A)).toBeAllClose([3, 5], 1e-15);
    const C = center(A);
    expect(C.data).toBeAllClose([-2, -3, 0, -1, 2, 4], 1e-15);
    expect(A.data[0]).toBe(1);
  });
  it('keeps float32 storage', () => {
    const A = fromRows([[1, 2], [3, 4]], 'float32');
    expect(center(A).data).toBeInstanceOf(Float32Array);
  });
  it('rejects a mean of the wrong length', () => {
    expect(() => center(fromRows([[1, 2]]), [1])).toThrow(/'mean' argument of center must have length 2; got 1/);
  });
});

describe('gram', () => {
  for (const [n, d] of [[1, 1], [7, 5], [37, 13], [300, 6], [513, 9]] as const) {
    it(`matches the naive ĀᵀĀ for ${n}×${d} (with and without mean)`, () => {
      const A = randn(n, d, n * 31 + d, 2, 0.5);
      expect(gram(A).data).toBeAllClose(naiveMul(naiveT(A), A).data, 1e-10, 1e-12);
      const C = naiveCenter(A);
      expect(gram(A, { mean: columnMeans(A) }).data).toBeAllClose(naiveMul(naiveT(C), C).data, 1e-10, 1e-12);
    });
  }
  it('accumulates float32 input in float64', () => {
    const A = randn(101, 7, 3);
    const A32 = clone(A, 'float32');
    const A64 = clone(A32, 'float64');
    const g = gram(A32);
    expect(g.data).toBeInstanceOf(Float64Array);
    expect(g.data).toBeAllClose(naiveMul(naiveT(A64), A64).data, 1e-11, 1e-12);
  });
});

describe('matrix products', () => {
  const A = randn(23, 9, 1), B = randn(9, 5, 2), Bt = randn(5, 9, 3), C = randn(23, 4, 4);
  it('matmul = naive (odd k, partial row blocks)', () => {
    expect(matmul(A, B).data).toBeAllClose(naiveMul(A, B).data, 1e-12);
    expect(matmul(A, randn(9, 1, 5)).data).toBeAllClose(naiveMul(A, randn(9, 1, 5)).data, 1e-12);
  });
  it('matmul with mean centers on the fly, and keeps a requested dtype', () => {
    const mu = columnMeans(A);
    expect(matmul(A, B, { mean: mu }).data).toBeAllClose(naiveMul(naiveCenter(A), B).data, 1e-12);
    expect(matmul(A, B, { dtype: 'float32' }).data).toBeInstanceOf(Float32Array);
  });
  it('matmulTransB = A Bᵀ and matmulTransA = Aᵀ C', () => {
    expect(matmulTransB(A, Bt).data).toBeAllClose(naiveMul(A, naiveT(Bt)).data, 1e-12);
    expect(matmulTransA(A, C).data).toBeAllClose(naiveMul(naiveT(A), C).data, 1e-12);
    expect(matmulTransA(A, C, { mean: columnMeans(A) }).data).toBeAllClose(naiveMul(naiveT(naiveCenter(A)), C).data, 1e-12);
  });
  it('names the shapes on a mismatch', () => {
    expect(() => matmul(A, Bt)).toThrow(/matmul needs A.cols = B.rows; got A 23×9 and B 5×9/);
    expect(() => matmulTransB(A, B)).toThrow(RangeError);
    expect(() => matmulTransA(A, B)).toThrow(RangeError);
  });
  it('transpose', () => {
    expect(transpose(A).data).toBeAllClose(naiveT(A).data, 0);
  });
});

describe('vector helpers', () => {
  it('dot, norm2 (no overflow), rowNorms, frobeniusSquared', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(() => dot([1], [1, 2])).toThrow(/equal lengths; got 1 and 2/);
    expect(norm2([3, 4])).toBe(5);
    expect(norm2([3e200, 4e200])).toBeCloseTo(5e200, -190);
    expect(norm2([0, 0])).toBe(0);
    const M = fromRows([[3, 4], [0, 0]]);
    expect(Array.from(rowNorms(M))).toEqual([5, 0]);
    expect(frobeniusSquared(M)).toBe(25);
  });
  it('normalizeRowsInPlace leaves zero rows at zero (no NaN)', () => {
    const M = fromRows([[3, 4], [0, 0]], 'float32');
    expect(normalizeRowsInPlace(M)).toBe(M);
    expect(Array.from(M.data)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0]);
  });
});
