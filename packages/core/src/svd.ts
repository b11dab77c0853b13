/**
 * SVD of a tall matrix through its small d×d factor (DESIGN.md §1, steps 1–3), and the
 * randomized truncated SVD of Halko, Martinsson & Tropp (2011).
 *
 * Two exact routes, both O(n d²) with one streaming pass over A:
 * - `'tsqr'`: Ā = Q R (Householder TSQR), then R = U_R Σ Vᵀ (ml-matrix on d×d), so
 *   Ā = (Q U_R) Σ Vᵀ. Backward stable: singular values are accurate to ≈ ε·σ₁.
 * - `'gram'`: ĀᵀĀ = V Σ² Vᵀ (symmetric eigen-decomposition of the Gram matrix). Half the
 *   flops of a QR, but the condition number is squared: σᵢ has relative error ≈ ε·κ²·(σ₁/σᵢ)².
 * `'auto'` forms the Gram matrix first, estimates κ = sqrt(λ_max/λ_min) from it and keeps
 * the Gram result when κ²·ε ≤ {@link GRAM_ROUTE_LIMIT} (κ ≲ 670); otherwise it runs TSQR.
 * The result always says which route ran and the condition estimate.
 *
 * Sign convention (fixed, reproducible): every right singular vector (row of `vt`) has its
 * largest-|value| entry positive (the first such entry on ties); columns of `u` follow.
 */
import { checkInt, checkMatrix, checkNumber, checkOneOf, type Matrix, type MatrixLike } from './matrix.js';
import { columnMeans, gram, matmul, matmulTransA } from './kernels.js';
import { tsqrTrusted as tsqr } from './qr.js';
import { smallSvd, symmetricEigen } from './small-linalg.js';
import { createRng } from './random.js';

/** 'auto' keeps the Gram route while κ²·ε ≤ this value (≈ κ ≤ 670). */
export const GRAM_ROUTE_LIMIT = 1e-10;

/** Options of {@link svd}. */
export interface SvdOptions {
  /** Number of leading singular triplets returned, integer in [1, d]. Default d. */
  k?: number;
  /** Decompose Ā = A − 1μᵀ (μ = column means) instead of A. Default false. */
  center?: boolean;
  /** `'auto'` (default), `'gram'` or `'tsqr'`; see the module comment. */
  method?: 'auto' | 'gram' | 'tsqr';
  /** Also return the n×k left singular vectors. Default false. */
  wantU?: boolean;
  /** Rows per TSQR chunk (default 2048). */
  blockRows?: number;
  /** Progress callback (done, total, label). */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Result of {@link svd} / {@link randomizedSvd}. */
export interface SvdResult {
  /** k singular values, descending, ≥ 0. */
  s: Float64Array;
  /** k×d float64 right singular vectors as rows (sign convention: largest-|value| entry positive). */
  vt: Matrix<Float64Array>;
  /** n×k float64 left singular vectors (with `wantU`). */
  u?: Matrix<Float64Array>;
  /** Column means that were subtracted (with `center`). */
  mean?: Float64Array;
  /** Which route ran. */
  method: 'gram' | 'tsqr' | 'randomized';
  /**
   * Condition estimate σ₁/σ_min over all d singular values (exact routes) or σ₁/σ_k
   * (randomized). `Infinity` when the smallest is 0 (rank deficient or n < d).
   */
  conditionEstimate: number;
  /** Number of rows n of the decomposed matrix (needed for variances σ²/(n−1)). */
  rows: number;
}

/**
 * Thin SVD Ā = U Σ Vᵀ of a tall n×d matrix (optionally centered), via TSQR or the Gram matrix.
 *
 * @param A - n×d matrix or `number[][]` (float32 or float64 storage; float64 arithmetic)
 * @param opts - see {@link SvdOptions}
 * @returns {@link SvdResult}; when n < d the trailing d − n singular values are 0 and the
 *   matching columns of `u` are 0
 * @throws TypeError / RangeError on a bad matrix (see `checkMatrix`) or option
 * @example
 * const { s, vt, method } = svd(A, { center: true });       // PCA spectrum
 * const top = svd(A, { k: 10, method: 'tsqr', wantU: true }); // U is n×10
 */
export function svd(A: MatrixLike, opts: SvdOptions = {}): SvdResult {
  const X = checkMatrix(A, "The 'A' argument of svd");
  const d = X.cols, n = X.rows;
  const k = opts.k === undefined ? d : checkInt(opts.k, "The 'k' option of svd", 1, d);
  const method = opts.method === undefined ? 'auto' : checkOneOf(opts.method, "The 'method' option of svd", ['auto', 'gram', 'tsqr'] as const);
  if (opts.blockRows !== undefined) checkInt(opts.blockRows, "The 'blockRows' option of svd", 1);
  const mean = opts.center ? columnMeans(X) : undefined;
  const wantU = opts.wantU === true;

  if (method !== 'tsqr') {
    const G = gram(X, { mean, onProgress: opts.onProgress });
    const { values, vectors } = symmetricEigen(G.data, d);
    const lmax = Math.max(values[0], 0);
    const lmin = values[d - 1];
    const cond = lmax === 0 ? Infinity : lmin <= 0 ? Infinity : Math.sqrt(lmax / lmin);
    if (method === 'gram' || cond * cond * Number.EPSILON <= GRAM_ROUTE_LIMIT) {
      const s = new Float64Array(k);
      for (let i = 0; i < k; i++) s[i] = Math.sqrt(Math.max(values[i], 0));
      const vt = new Float64Array(k * d);
      for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) vt[i * d + j] = vectors[j * d + i];
      fixSigns(vt, k, d);
      const res: SvdResult = { s, vt: { data: vt, rows: k, cols: d }, method: 'gram', conditionEstimate: cond, rows: n };
      if (mean) res.mean = mean;
      if (wantU) {
        // U = Ā V Σ⁻¹; columns whose σ is at rounding level of the Gram route are set to 0.
        const U = matmulTransB(X, { data: vt, rows: k, cols: d }, mean);
        const floor = Math.sqrt(Math.max(n, d) * Number.EPSILON) * (s[0] ?? 0);
        for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) U[i * k + c] = s[c] > floor ? U[i * k + c] / s[c] : 0;
        res.u = { data: U, rows: n, cols: k };
      }
      return res;
    }
  }

  const qr = tsqr(X, { mean, wantQ: wantU, blockRows: opts.blockRows, onProgress: opts.onProgress });
  const dec = smallSvd(qr.r.data, d, d);
  const s = dec.s.slice(0, k);
  const vt = new Float64Array(k * d);
  for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) vt[i * d + j] = dec.v[j * d + i];
  const flips = fixSigns(vt, k, d);
  const smin = dec.s[d - 1];
  const cond = dec.s[0] === 0 || smin === 0 ? Infinity : dec.s[0] / smin;
  const res: SvdResult = { s, vt: { data: vt, rows: k, cols: d }, method: 'tsqr', conditionEstimate: cond, rows: n };
  if (mean) res.mean = mean;
  if (wantU && qr.q) {
    const ur = new Float64Array(d * k);
    for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) ur[i * k + c] = dec.u[i * d + c] * flips[c];
    res.u = matmul(qr.q, { data: ur, rows: d, cols: k }) as Matrix<Float64Array>;
  }
  return res;
}

/** (A − 1μᵀ) Vtᵀ as a float64 array (n×k). */
function matmulTransB(X: Matrix, vt: Matrix<Float64Array>, mean?: Float64Array): Float64Array {
  const t = new Float64Array(vt.cols * vt.rows);
  for (let i = 0; i < vt.rows; i++) for (let j = 0; j < vt.cols; j++) t[j * vt.rows + i] = vt.data[i * vt.cols + j];
  return matmul(X, { data: t, rows: vt.cols, cols: vt.rows }, { mean }).data as Float64Array;
}

/**
 * Apply the sign convention in place to the k rows of a row-major k×d `vt`: the
 * largest-|value| entry of each row becomes positive. Returns the ±1 factors applied.
 */
export function fixSigns(vt: Float64Array, k: number, d: number): Float64Array {
  const flips = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let best = 0, arg = 0;
    for (let j = 0; j < d; j++) { const a = Math.abs(vt[i * d + j]); if (a > best) { best = a; arg = j; } }
    const f = vt[i * d + arg] < 0 ? -1 : 1;
    flips[i] = f;
    if (f < 0) for (let j = 0; j < d; j++) vt[i * d + j] = -vt[i * d + j];
  }
  return flips;
}

/** Options of {@link randomizedSvd}. */
export interface RandomizedSvdOptions {
  /** Number of singular triplets, integer in [1, min(n, d)]. Required. */
  k: number;
  /** Extra random directions p (default 10); the sketch has l = min(k + p, n, d) columns. */
  oversample?: number;
  /** Power (subspace) iterations q (default 2), re-orthonormalized each time. */
  powerIters?: number;
  /** Seed of the Gaussian test matrix. Required: results are reproducible. */
  seed: number;
  /** Decompose Ā = A − 1μᵀ (applied implicitly, never materialized). Default false. */
  center?: boolean;
  /** Also return U (n×k). Default false. */
  wantU?: boolean;
}

/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp 2011, Algorithms 4.4 + 5.1):
 * Y = Ā Ω with Gaussian Ω (d×l), q power iterations Y ← Ā(ĀᵀY) with QR
 * re-orthonormalization, B = QᵀĀ (l×d), SVD of the small B. Cost O(n d l (2q + 2)).
 * Same sign convention as {@link svd}; `method` is `'randomized'`.
 *
 * @throws RangeError on a bad option (names the option, the range and the value found)
 * @example
 * const { s, vt } = randomizedSvd(A, { k: 10, seed: 42, center: true });
 */
export function randomizedSvd(A: MatrixLike, opts: RandomizedSvdOptions): SvdResult {
  const X = checkMatrix(A, "The 'A' argument of randomizedSvd");
  const n = X.rows, d = X.cols;
  if (opts === null || typeof opts !== 'object') throw new TypeError("The 'opts' argument of randomizedSvd must be an object with 'k' and 'seed'.");
  const k = checkInt(opts.k, "The 'k' option of randomizedSvd", 1, Math.min(n, d));
  const p = opts.oversample === undefined ? 10 : checkInt(opts.oversample, "The 'oversample' option of randomizedSvd", 0);
  const q = opts.powerIters === undefined ? 2 : checkInt(opts.powerIters, "The 'powerIters' option of randomizedSvd", 0);
  const seed = checkNumber(opts.seed, "The 'seed' option of randomizedSvd");
  const l = Math.min(k + p, n, d);
  const mean = opts.center ? columnMeans(X) : undefined;
  const rng = createRng(seed);
  const omega = new Float64Array(d * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  const orth = (Y: Matrix): Matrix<Float64Array> => tsqr(Y, { wantQ: true }).q as Matrix<Float64Array>;
  let Q = orth(matmul(X, { data: omega, rows: d, cols: l }, { mean }));
  for (let it = 0; it < q; it++) {
    const Z = orth(matmulTransA(X, Q, { mean })); // d×l
    Q = orth(matmul(X, Z, { mean }));
  }
  const Bt = matmulTransA(X, Q, { mean }); // d×l = (QᵀĀ)ᵀ
  const dec = smallSvd(Bt.data as Float64Array, d, l); // Bᵀ = U' S V'ᵀ  ⇒  B = V' S U'ᵀ
  const s = dec.s.slice(0, k);
  const vt = new Float64Array(k * d);
  for (let i = 0; i < k; i++) for (let j = 0; j < d; j++) vt[i * d + j] = dec.u[j * l + i];
  const flips = fixSigns(vt, k, d);
  const res: SvdResult = {
    s, vt: { data: vt, rows: k, cols: d }, method: 'randomized',
    conditionEstimate: s[0] === 0 || s[k - 1] === 0 ? Infinity : s[0] / s[k - 1], rows: n,
  };
  if (mean) res.mean = mean;
  if (opts.wantU) {
    const w = new Float64Array(l * k);
    for (let i = 0; i < l; i++) for (let c = 0; c < k; c++) w[i * k + c] = dec.v[i * l + c] * flips[c];
    res.u = matmul(Q, { data: w, rows: l, cols: k }) as Matrix<Float64Array>;
  }
  return res;
}
