/**
 * Tall-skinny QR (TSQR) by Householder reflections, streaming over row chunks.
 *
 * The rows of A are read once, in chunks. The first chunk (at least d rows) is
 * factored by a plain Householder QR; every following chunk B is stacked under the
 * current d×d triangle, [R; B], and reduced back to a triangle by d structured
 * reflectors H_j = I − τ_j v_j v_jᵀ whose vector is e_j in the R part and a dense tail in
 * the B part (Demmel, Grigori, Hoemmen & Langou 2012, "flat tree" TSQR). Only R is kept
 * unless Q is asked for; then the reflector tails (n×d float64) are stored and Q is
 * formed backwards at the end.
 *
 * Layout chosen for speed: each chunk is transposed into a column-major float64
 * scratch so that every Householder dot product / update runs over a contiguous column.
 */
import { checkInt, checkMatrix, type Matrix, type MatrixLike } from './matrix.js';
import { columnMeans } from './kernels.js';
import { smallSvd } from './small-linalg.js';

/** Options of {@link tsqr}. */
export interface TsqrOptions {
  /** Factor Ā = A − 1μᵀ (μ = column means) without materializing Ā. Default false. */
  center?: boolean;
  /** Use this mean instead of the column means (implies centering). */
  mean?: ArrayLike<number>;
  /** Also form the n×d Q (float64). Default false: only R is kept (O(d²) memory). */
  wantQ?: boolean;
  /** Rows per chunk (≥ 1, default 2048; the first chunk has at least d rows). */
  blockRows?: number;
  /**
   * How Q is formed: `'auto'` (default) uses the triangular solve Q = Ā R⁻¹ (n·d²/2
   * multiply-adds, orthogonality error ≈ κ(R)·ε) when κ(R)·ε ≤ 1e-12, else accumulates
   * the Householder reflectors (≈ 4n·d² flops, orthonormal to ε for any κ, needs a second
   * factorization pass that stores n·d reflector entries). `'householder'` forces the latter.
   */
  qMethod?: 'auto' | 'householder';
  /** Called after every chunk with (rows done, n, 'qr'), and (…, 'q') while forming Q. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Result of {@link tsqr}. */
export interface TsqrResult {
  /**
   * d×d upper-triangular float64 R with Ā = Q R. Diagonal signs follow LAPACK's
   * dgeqrf convention (not forced positive). When n < d, rows n..d−1 are zero.
   */
  r: Matrix<Float64Array>;
  /**
   * n×d float64 Q with orthonormal columns (QᵀQ = I) when n ≥ d; when n < d its
   * columns n..d−1 are zero. Present only with `wantQ`.
   */
  q?: Matrix<Float64Array>;
  /** The subtracted column means, present when centering was on. */
  mean?: Float64Array;
  /** How Q was formed (with `wantQ`): `'solve'` (Ā R⁻¹) or `'householder'`. */
  qMethod?: 'solve' | 'householder';
}

interface FirstChunk { kind: 'first'; t: Float64Array; m: number; tau: Float64Array }
interface StackChunk { kind: 'stack'; b: Float64Array; m: number; start: number; tau: Float64Array }

/**
 * Thin QR of a tall matrix, Ā = Q R, streaming over row chunks (TSQR).
 *
 * Cost ≈ 2nd² flops for R (one pass over A), plus ≈ 4nd² for Q when `wantQ`.
 * Works on Float32Array or Float64Array storage; all arithmetic is float64.
 * Rank deficiency is handled like LAPACK: a reflector whose column is already zero is
 * the identity (τ = 0), so no division by zero and no NaN.
 *
 * @param A - n×d matrix or `number[][]` (n ≥ 1, d ≥ 1, finite)
 * @returns `{ r, q?, mean? }`, see {@link TsqrResult}
 * @throws TypeError / RangeError on a bad matrix or a bad `blockRows`
 * @example
 * const { r, q } = tsqr(A, { center: true, wantQ: true }); // A − 1μᵀ = q·r
 */
export function tsqr(A: MatrixLike, opts: TsqrOptions = {}): TsqrResult {
  const X = checkMatrix(A, "The 'A' argument of tsqr");
  if (opts.blockRows !== undefined) checkInt(opts.blockRows, "The 'blockRows' option of tsqr", 1);
  if (opts.qMethod !== undefined && opts.qMethod !== 'auto' && opts.qMethod !== 'householder') {
    throw new RangeError(`The 'qMethod' option of tsqr must be one of 'auto', 'householder'; got ${String(opts.qMethod)}.`);
  }
  if (opts.mean !== undefined && opts.mean.length !== X.cols) {
    throw new RangeError(`The 'mean' option of tsqr must have length ${X.cols}; got ${opts.mean.length}.`);
  }
  return tsqrTrusted(X, opts);
}

/** {@link tsqr} without the input check (for callers that already ran `checkMatrix`). */
export function tsqrTrusted(A: Matrix, opts: TsqrOptions = {}): TsqrResult {
  const mean = opts.mean !== undefined ? Float64Array.from(opts.mean) : opts.center ? columnMeans(A) : undefined;
  if (opts.wantQ !== true) return factor(A, mean, false, opts);
  if (opts.qMethod !== 'householder') {
    const res = factor(A, mean, false, opts);
    const d = A.cols;
    const sv = smallSvd(res.r.data, d, d).s;
    const kappa = sv[d - 1] > 0 ? sv[0] / sv[d - 1] : Infinity;
    if (A.rows >= d && kappa * Number.EPSILON <= 1e-12) {
      res.q = solveQ(A, res.r.data, mean, opts.onProgress);
      res.qMethod = 'solve';
      return res;
    }
  }
  const res = factor(A, mean, true, opts);
  res.qMethod = 'householder';
  return res;
}

/**
 * Q = Ā R⁻¹ row by row (forward substitution q R = ā), 4 rows at a time sharing the
 * loads of R (stored transposed so each dot product is contiguous).
 */
function solveQ(A: Matrix, R: Float64Array, mean: Float64Array | undefined, onProgress?: (done: number, total: number, label?: string) => void): Matrix<Float64Array> {
  const { data, rows: n, cols: d } = A;
  const Rt = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) Rt[j * d + i] = R[i * d + j];
  const inv = new Float64Array(d);
  for (let j = 0; j < d; j++) inv[j] = 1 / R[j * d + j];
  const Q = new Float64Array(n * d);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o0 = i * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    for (let j = 0; j < d; j++) {
      const m = mean ? mean[j] : 0;
      const rj = j * d;
      let s0 = data[o0 + j] - m, s1 = data[o1 + j] - m, s2 = data[o2 + j] - m, s3 = data[o3 + j] - m;
      for (let l = 0; l < j; l++) {
        const r = Rt[rj + l];
        s0 -= Q[o0 + l] * r; s1 -= Q[o1 + l] * r; s2 -= Q[o2 + l] * r; s3 -= Q[o3 + l] * r;
      }
      const v = inv[j];
      Q[o0 + j] = s0 * v; Q[o1 + j] = s1 * v; Q[o2 + j] = s2 * v; Q[o3 + j] = s3 * v;
    }
    if (onProgress && (i & 0xffff) === 0) onProgress(i, n, 'q');
  }
  for (; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) {
      let s = data[o + j] - (mean ? mean[j] : 0);
      for (let l = 0; l < j; l++) s -= Q[o + l] * Rt[j * d + l];
      Q[o + j] = s * inv[j];
    }
  }
  onProgress?.(n, n, 'q');
  return { data: Q, rows: n, cols: d };
}

function factor(A: Matrix, mean: Float64Array | undefined, wantQ: boolean, opts: TsqrOptions): TsqrResult {
  const { rows: n, cols: d, data } = A;
  const blockRows = opts.blockRows ?? 2048;
  const onProgress = opts.onProgress;

  // First chunk: plain Householder on at least d rows.
  const m0 = Math.min(n, Math.max(blockRows, d));
  const t0 = loadColMajor(data, d, 0, m0, mean, new Float64Array(m0 * d));
  const r0 = Math.min(m0, d);
  const tau0 = new Float64Array(r0);
  householderPlain(t0, m0, d, tau0);
  const R = new Float64Array(d * d);
  for (let j = 0; j < r0; j++) for (let l = j; l < d; l++) R[j * d + l] = t0[l * m0 + j];
  const chunks: (FirstChunk | StackChunk)[] = wantQ ? [{ kind: 'first', t: t0, m: m0, tau: tau0 }] : [];
  onProgress?.(m0, n, 'qr');

  let scratch: Float64Array | undefined;
  for (let start = m0; start < n; start += blockRows) {
    const m = Math.min(blockRows, n - start);
    const buf = wantQ ? new Float64Array(m * d) : (scratch && scratch.length === m * d ? scratch : new Float64Array(m * d));
    if (!wantQ && m === blockRows) scratch = buf;
    loadColMajor(data, d, start, m, mean, buf);
    const tau = new Float64Array(d);
    householderStacked(R, buf, m, d, tau);
    if (wantQ) chunks.push({ kind: 'stack', b: buf, m, start, tau });
    onProgress?.(start + m, n, 'qr');
  }

  const result: TsqrResult = { r: { data: R, rows: d, cols: d } };
  if (mean) result.mean = mean;
  if (wantQ) result.q = formQ(chunks, n, d, onProgress);
  return result;
}

/** Copy rows [start, start+m) of row-major `data` (centered by `mean`) into column-major `out` (ld = m). */
function loadColMajor(data: ArrayLike<number>, d: number, start: number, m: number, mean: Float64Array | undefined, out: Float64Array): Float64Array {
  for (let i = 0; i < m; i++) {
    const o = (start + i) * d;
    if (mean) for (let j = 0; j < d; j++) out[j * m + i] = data[o + j] - mean[j];
    else for (let j = 0; j < d; j++) out[j * m + i] = data[o + j];
  }
  return out;
}

/** Sum of squares of x[from, to), guarded against overflow/underflow by rescaling. */
function tailNorm(x: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += x[i] * x[i];
  if (s > 1e-280 && s < 1e280) return Math.sqrt(s);
  let scale = 0;
  for (let i = from; i < to; i++) { const v = Math.abs(x[i]); if (v > scale) scale = v; }
  if (scale === 0) return 0;
  s = 0;
  for (let i = from; i < to; i++) { const v = x[i] / scale; s += v * v; }
  return scale * Math.sqrt(s);
}

/**
 * LAPACK-style Householder QR (dgeqr2) of a column-major m×d matrix in place: R in the
 * upper triangle, reflector tails below the diagonal (v_j[j] = 1 implicit), τ in `tau`.
 */
function householderPlain(t: Float64Array, m: number, d: number, tau: Float64Array): void {
  const r = Math.min(m, d);
  for (let j = 0; j < r; j++) {
    const cj = j * m;
    const alpha = t[cj + j];
    const xnorm = tailNorm(t, cj + j + 1, cj + m);
    if (xnorm === 0) { tau[j] = 0; continue; }
    const h = Math.hypot(alpha, xnorm);
    const beta = alpha >= 0 ? -h : h;
    const tj = (beta - alpha) / beta;
    tau[j] = tj;
    const sc = 1 / (alpha - beta);
    for (let i = cj + j + 1; i < cj + m; i++) t[i] *= sc;
    t[cj + j] = beta;
    for (let l = j + 1; l < d; l++) {
      const cl = l * m;
      let w = t[cl + j];
      for (let i = j + 1; i < m; i++) w += t[cj + i] * t[cl + i];
      w *= tj;
      if (w === 0) continue;
      t[cl + j] -= w;
      for (let i = j + 1; i < m; i++) t[cl + i] -= w * t[cj + i];
    }
  }
}

/**
 * Reduce [R; B] to a new triangle in place: R is row-major d×d upper triangular, B is a
 * column-major m×d chunk (ld = m) that receives the reflector tails.
 * Reflector j: v = e_j (R part) + tail (B part), H_j = I − τ_j v vᵀ.
 */
function householderStacked(R: Float64Array, B: Float64Array, m: number, d: number, tau: Float64Array): void {
  for (let j = 0; j < d; j++) {
    const cj = j * m;
    const alpha = R[j * d + j];
    const xnorm = tailNorm(B, cj, cj + m);
    if (xnorm === 0) { tau[j] = 0; continue; }
    const h = Math.hypot(alpha, xnorm);
    const beta = alpha >= 0 ? -h : h;
    const tj = (beta - alpha) / beta;
    tau[j] = tj;
    const sc = 1 / (alpha - beta);
    for (let i = cj; i < cj + m; i++) B[i] *= sc;
    R[j * d + j] = beta;
    const rj = j * d;
    // Two columns at a time: the tail is loaded once for both dot products / updates.
    let l = j + 1;
    for (; l + 2 <= d; l += 2) {
      const c1 = l * m, c2 = c1 + m;
      let w1 = R[rj + l], w2 = R[rj + l + 1];
      for (let i = 0; i < m; i++) { const v = B[cj + i]; w1 += v * B[c1 + i]; w2 += v * B[c2 + i]; }
      w1 *= tj; w2 *= tj;
      R[rj + l] -= w1; R[rj + l + 1] -= w2;
      for (let i = 0; i < m; i++) { const v = B[cj + i]; B[c1 + i] -= w1 * v; B[c2 + i] -= w2 * v; }
    }
    for (; l < d; l++) {
      const cl = l * m;
      let w = R[rj + l];
      for (let i = 0; i < m; i++) w += B[cj + i] * B[cl + i];
      w *= tj;
      R[rj + l] -= w;
      for (let i = 0; i < m; i++) B[cl + i] -= w * B[cj + i];
    }
  }
}

/** Form the n×d Q from the stored reflectors, last chunk first (see the file comment). */
function formQ(chunks: (FirstChunk | StackChunk)[], n: number, d: number, onProgress?: (done: number, total: number, label?: string) => void): Matrix<Float64Array> {
  const Q = new Float64Array(n * d);
  // M (column-major d×d): the accumulated product acting on the R rows; starts as I.
  let M = new Float64Array(d * d);
  for (let j = 0; j < d; j++) M[j * d + j] = 1;
  let done = 0;
  for (let c = chunks.length - 1; c >= 1; c--) {
    const ch = chunks[c] as StackChunk;
    const { b: V, m, tau, start } = ch;
    const XB = new Float64Array(m * d); // column-major m×d
    for (let j = d - 1; j >= 0; j--) {
      const tj = tau[j];
      if (tj === 0) continue;
      const cj = j * m;
      // Two columns at a time so the reflector tail is loaded once for both.
      let l = 0;
      for (; l + 2 <= d; l += 2) {
        const c1 = l * m, c2 = c1 + m;
        let w1 = M[l * d + j], w2 = M[(l + 1) * d + j];
        for (let i = 0; i < m; i++) { const v = V[cj + i]; w1 += v * XB[c1 + i]; w2 += v * XB[c2 + i]; }
        w1 *= tj; w2 *= tj;
        M[l * d + j] -= w1; M[(l + 1) * d + j] -= w2;
        for (let i = 0; i < m; i++) { const v = V[cj + i]; XB[c1 + i] -= w1 * v; XB[c2 + i] -= w2 * v; }
      }
      for (; l < d; l++) {
        const cl = l * m;
        let w = M[l * d + j];
        for (let i = 0; i < m; i++) w += V[cj + i] * XB[cl + i];
        w *= tj;
        M[l * d + j] -= w;
        for (let i = 0; i < m; i++) XB[cl + i] -= w * V[cj + i];
      }
    }
    for (let i = 0; i < m; i++) {
      const o = (start + i) * d;
      for (let l = 0; l < d; l++) Q[o + l] = XB[l * m + i];
    }
    done += m;
    onProgress?.(done, n, 'q');
  }
  const first = chunks[0] as FirstChunk;
  const { t, m, tau } = first;
  const X = new Float64Array(m * d); // column-major m×d: [M; 0] (truncated to m rows when m < d)
  const top = Math.min(m, d);
  for (let l = 0; l < d; l++) for (let i = 0; i < top; i++) X[l * m + i] = M[l * d + i];
  for (let j = tau.length - 1; j >= 0; j--) {
    const tj = tau[j];
    if (tj === 0) continue;
    const cj = j * m;
    for (let l = 0; l < d; l++) {
      const cl = l * m;
      let w = X[cl + j];
      for (let i = j + 1; i < m; i++) w += t[cj + i] * X[cl + i];
      w *= tj;
      if (w === 0) continue;
      X[cl + j] -= w;
      for (let i = j + 1; i < m; i++) X[cl + i] -= w * t[cj + i];
    }
  }
  for (let i = 0; i < m; i++) for (let l = 0; l < d; l++) Q[i * d + l] = X[l * m + i];
  onProgress?.(n, n, 'q');
  return { data: Q, rows: n, cols: d };
}
