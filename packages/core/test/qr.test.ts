import { describe, expect, it } from 'vitest';
import { clone, fromRows, gram, matmul, tsqr, type Matrix } from '@embfact/core';
import { eye, frob, hasNaN, maxAbsDiff, naiveCenter, naiveMul, naiveT, permuteRows, randn, withSpectrum } from './helpers.js';

function checkQr(A: Matrix, opts: { center?: boolean; blockRows?: number }, orthonormal = true) {
  const viaHouseholder = tsqr(A, { ...opts, wantQ: true, qMethod: 'householder' });
  expect(viaHouseholder.qMethod).toBe('householder');
  check(A, opts, orthonormal, viaHouseholder);
  return check(A, opts, orthonormal, tsqr(A, { ...opts, wantQ: true }));
}

function check(A: Matrix, opts: { center?: boolean }, orthonormal: boolean, res: ReturnType<typeof tsqr>) {
  const { q, r } = res;
  const d = A.cols;
  expect(r.rows).toBe(d);
  expect(q!.rows).toBe(A.rows);
  expect(hasNaN(q!.data) || hasNaN(r.data)).toBe(false);
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(r.data[i * d + j]).toBe(0);
  const target = opts.center ? naiveCenter(A) : clone(A, 'float64');
  const QR = naiveMul(q!, r);
  expect(maxAbsDiff(QR.data, target.data)).toBeLessThanOrEqual(1e-12 * Math.max(1, frob(target.data)));
  if (orthonormal) expect(maxAbsDiff(naiveMul(naiveT(q!), q!).data, eye(d).data)).toBeLessThanOrEqual(1e-12);
  return { q: q!, r };
}

describe('tsqr (seeded property tests)', () => {
  it('one chunk: QR = A, QᵀQ = I, R upper triangular', () => {
    checkQr(randn(40, 7, 1), {});
  });
  it('many chunks (blockRows 16 over 203 rows) with centering on the fly', () => {
    checkQr(randn(203, 9, 2, 3, 10), { center: true, blockRows: 16 });
  });
  it('chunks smaller than d (blockRows 3, d = 8): first chunk still has d rows', () => {
    checkQr(randn(50, 8, 3), { blockRows: 3 });
  });
  it('R without Q equals R with Q, and RᵀR = ĀᵀĀ', () => {
    const A = randn(120, 6, 4);
    const a = tsqr(A, { blockRows: 32 }), b = tsqr(A, { blockRows: 32, wantQ: true });
    expect(a.r.data).toBeAllClose(b.r.data, 0);
    expect(naiveMul(naiveT(a.r), a.r).data).toBeAllClose(gram(A).data, 1e-11, 1e-12);
  });
  it('ill-conditioned (cond 1e8): Q stays orthonormal to 1e-12 (auto picks the Householder Q)', () => {
    const s = Array.from({ length: 8 }, (_, i) => 10 ** (-i * 8 / 7));
    checkQr(withSpectrum(300, s, 5), { blockRows: 64 });
    expect(tsqr(withSpectrum(300, s, 5), { wantQ: true }).qMethod).toBe('householder');
    expect(tsqr(randn(50, 4, 12), { wantQ: true }).qMethod).toBe('solve');
  });
  it('a zero column: no NaN, Q orthonormal, the matching diagonal of R is 0', () => {
    const A = randn(60, 5, 6);
    for (let i = 0; i < 60; i++) A.data[i * 5 + 2] = 0;
    const { r } = checkQr(A, { blockRows: 16 });
    expect(Math.abs(r.data[2 * 5 + 2])).toBeLessThan(1e-12);
  });
  it('n < d: QR = A, rows n.. of R and columns n.. of Q are zero', () => {
    const A = randn(3, 8, 7);
    const { q, r } = checkQr(A, {}, false);
    for (let i = 3; i < 8; i++) for (let j = 0; j < 8; j++) expect(r.data[i * 8 + j]).toBe(0);
    for (let i = 0; i < 3; i++) for (let j = 3; j < 8; j++) expect(q.data[i * 8 + j]).toBe(0);
    const Q3 = { data: new Float64Array(9), rows: 3, cols: 3 };
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) Q3.data[i * 3 + j] = q.data[i * 8 + j];
    expect(naiveMul(naiveT(Q3), Q3).data).toBeAllClose(eye(3).data, 1e-12);
  });
  it('one row, and one centered row (all zero): no NaN', () => {
    checkQr(fromRows([[3, -4, 12]]), {}, false);
    const { r, q } = tsqr(fromRows([[3, -4, 12]]), { center: true, wantQ: true });
    expect(Array.from(r.data).every((v) => v === 0)).toBe(true);
    expect(hasNaN(q!.data)).toBe(false);
  });
  it('float32 input: float64 arithmetic, QR equals the float32 values exactly represented', () => {
    const A32 = clone(randn(77, 6, 8), 'float32');
    checkQr(A32, { center: true, blockRows: 20 });
  });
  it('invariant to row order: RᵀR is unchanged', () => {
    const A = randn(90, 5, 9);
    const { P } = permuteRows(A, 10);
    const r1 = tsqr(A, { center: true, blockRows: 13 }).r, r2 = tsqr(P, { center: true, blockRows: 13 }).r;
    expect(naiveMul(naiveT(r1), r1).data).toBeAllClose(naiveMul(naiveT(r2), r2).data, 1e-10, 1e-12);
  });
  it('reports progress per chunk', () => {
    const seen: number[] = [];
    tsqr(randn(100, 4, 11), { blockRows: 30, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([30, 60, 90, 100]);
    void matmul;
  });
});

describe('tsqr input checks', () => {
  it('rejects bad input and options with named messages', () => {
    expect(() => tsqr([[1, NaN]])).toThrow(/'A' argument of tsqr must be finite; entry \(0, 1\) is NaN/);
    expect(() => tsqr([])).toThrow(/'A' argument of tsqr must have at least 1 row/);
    expect(() => tsqr([[1, 2]], { blockRows: 0 })).toThrow("The 'blockRows' option of tsqr must be an integer in [1, Infinity]; got 0.");
    expect(() => tsqr([[1, 2]], { mean: [1] })).toThrow(/'mean' option of tsqr must have length 2; got 1/);
  });
});
