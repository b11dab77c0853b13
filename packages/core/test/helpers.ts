// Small, obviously-correct reference helpers for the core tests (no library code reused).
import { createRng, type Matrix } from '@embfact/core';

export function randn(rows: number, cols: number, seed: number, scale = 1, offset = 0): Matrix<Float64Array> {
  const rng = createRng(seed);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = offset + scale * rng.normal();
  return { data, rows, cols };
}

/** Naive triple loop C = A B. */
export function naiveMul(A: Matrix, B: Matrix): Matrix<Float64Array> {
  const C = new Float64Array(A.rows * B.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < B.cols; j++) {
    let s = 0;
    for (let l = 0; l < A.cols; l++) s += A.data[i * A.cols + l] * B.data[l * B.cols + j];
    C[i * B.cols + j] = s;
  }
  return { data: C, rows: A.rows, cols: B.cols };
}

export function naiveT(A: Matrix): Matrix<Float64Array> {
  const T = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) T[j * A.rows + i] = A.data[i * A.cols + j];
  return { data: T, rows: A.cols, cols: A.rows };
}

export function naiveCenter(A: Matrix): Matrix<Float64Array> {
  const mu = new Float64Array(A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) mu[j] += A.data[i * A.cols + j] / A.rows;
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out[i * A.cols + j] = A.data[i * A.cols + j] - mu[j];
  return { data: out, rows: A.rows, cols: A.cols };
}

export function eye(d: number): Matrix<Float64Array> {
  const I = new Float64Array(d * d);
  for (let i = 0; i < d; i++) I[i * d + i] = 1;
  return { data: I, rows: d, cols: d };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function frob(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

export function hasNaN(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return true;
  return false;
}

/** Covariance YᵀY/(n−1) of already-centered rows, computed naively. */
export function covariance(Y: Matrix): Matrix<Float64Array> {
  const G = naiveMul(naiveT(Y), Y);
  for (let i = 0; i < G.data.length; i++) G.data[i] /= Math.max(Y.rows - 1, 1);
  return G;
}

/** Random n×d matrix with orthonormal columns (Gram–Schmidt twice). */
export function randomOrthonormal(n: number, d: number, seed: number): Matrix<Float64Array> {
  const A = randn(n, d, seed);
  const { data } = A;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < d; j++) {
      for (let p = 0; p < j; p++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += data[i * d + j] * data[i * d + p];
        for (let i = 0; i < n; i++) data[i * d + j] -= s * data[i * d + p];
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += data[i * d + j] ** 2;
      s = Math.sqrt(s);
      for (let i = 0; i < n; i++) data[i * d + j] /= s;
    }
  }
  return A;
}

/** A = U diag(s) Vᵀ with known singular values s (descending) and random orthonormal U, V. */
export function withSpectrum(n: number, s: number[], seed: number): Matrix<Float64Array> {
  const d = s.length;
  const U = randomOrthonormal(n, d, seed);
  const V = randomOrthonormal(d, d, seed + 1);
  const US = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) US[i * d + j] = U.data[i * d + j] * s[j];
  return naiveMul({ data: US, rows: n, cols: d }, naiveT(V));
}

/** Rows permuted by a seeded shuffle. */
export function permuteRows(A: Matrix, seed: number): { P: Matrix; perm: number[] } {
  const perm = createRng(seed).shuffle(Array.from({ length: A.rows }, (_, i) => i)) as number[];
  const out = new (A.data.constructor as Float64ArrayConstructor)(A.data.length);
  perm.forEach((src, i) => out.set(A.data.subarray(src * A.cols, (src + 1) * A.cols), i * A.cols));
  return { P: { data: out, rows: A.rows, cols: A.cols }, perm };
}
