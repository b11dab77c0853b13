/**
 * The five steps of the method embfact starts from, done soundly (DESIGN.md §1).
 *
 * | step | literal text               | what {@link originalMethod} computes (field of the result) |
 * |------|----------------------------|-------------------------------------------------------------|
 * | 0    | —                          | `step0.mean`: μ, Ā = A − 1μᵀ (optional, default on)         |
 * | 1    | A = QR                     | `step1`: thin Householder TSQR of Ā, d×d `r`; `q` (n×d) only with `wantQ` |
 * | 2    | eigen-decomposition of R   | `step2.diagR`: diag(R), the literal eigenvalues of the triangular R (reported for transparency only); `step2.uR`, `step2.s`, `step2.vt`: the SVD R = U_R Σ Vᵀ (ml-matrix, d×d) |
 * | 3    | SVD                        | `step3`: Ā = (Q U_R) Σ Vᵀ, the thin SVD of the whole matrix; `u` = Q U_R only with `wantQ` |
 * | 4    | invert S                   | `step4.scales`: Σ' = 1/sqrt(σᵢ²/(n−1) + ε) for i < k, 0 where σᵢ ≤ rcond·σ₁ |
 * | 5    | P = Q S', A' = P V         | `step5.output`: PCA A' = Ā V_k Σ'_k (n×k) or ZCA A' = Ā V Σ' Vᵀ (n×d) |
 *
 * Why not literally: R is triangular, so its eigenvalues are just diag(R) and its
 * eigenvectors are not orthogonal; "A = US" is not an SVD; the SVD of the tall A is
 * obtained from the SVD of the small R. Step 5 is evaluated as Ā V_k Σ'_k (= Q U_R Σ Σ',
 * the same product) so Q need not be formed.
 */
import { checkInt, checkMatrix, checkNumber, checkOneOf, dtypeOf, type Matrix, type MatrixLike } from './matrix.js';
import { columnMeans, matmul } from './kernels.js';
import { tsqrTrusted as tsqr } from './qr.js';
import { smallSvd } from './small-linalg.js';
import { fixSigns } from './svd.js';
import { defaultRcond, invertSpectrum } from './transforms.js';

/** Options of {@link originalMethod}. */
export interface OriginalMethodOptions {
  /** Step 0 (default true). */
  center?: boolean;
  /** Directions kept in steps 4–5, integer in [1, d]; default d. */
  k?: number;
  /** ε ≥ 0 of step 4 (default 0). */
  eps?: number;
  /** Relative σ floor of step 4 (default max(n, d)·2⁻⁵²). */
  rcond?: number;
  /** 'pca' (default, n×k output) or 'zca' (n×d output). */
  mode?: 'pca' | 'zca';
  /** Form Q in step 1 and U = Q U_R in step 3 (n×d each; default false). */
  wantQ?: boolean;
  /** Rows per TSQR chunk (default 2048). */
  blockRows?: number;
  /** Progress callback. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Record of the five steps. */
export interface OriginalMethodResult {
  step0: { centered: boolean; mean: Float64Array };
  step1: { r: Matrix<Float64Array>; q?: Matrix<Float64Array> };
  step2: {
    /** diag(R): the literal eigenvalues of the triangular R (signs as produced by Householder). */
    diagR: Float64Array;
    /** d×d U_R (columns, signs matched to `vt`). */
    uR: Matrix<Float64Array>;
    /** σ₁ ≥ … ≥ σ_d. */
    s: Float64Array;
    /** d×d Vᵀ (rows; largest-|value| entry of each row positive). */
    vt: Matrix<Float64Array>;
  };
  step3: { u?: Matrix<Float64Array>; conditionNumber: number };
  step4: { variances: Float64Array; scales: Float64Array; eps: number; rcond: number; dropped: number };
  step5: { mode: 'pca' | 'zca'; output: Matrix };
}

/**
 * Run the five steps of DESIGN.md §1 (see the table in this module's comment) and
 * record what each computed. The output of step 5 keeps the input dtype.
 *
 * @param A - n×d matrix or number[][]
 * @throws TypeError / RangeError on a bad matrix or option
 * @example
 * const res = originalMethod(A, { k: 50 });
 * res.step2.diagR;   // literal "eigenvalues" of R
 * res.step5.output;  // n×50 PCA-whitened rows, identity covariance
 */
export function originalMethod(A: MatrixLike, opts: OriginalMethodOptions = {}): OriginalMethodResult {
  const X = checkMatrix(A, "The 'A' argument of originalMethod");
  const n = X.rows, d = X.cols;
  const k = opts.k === undefined ? d : checkInt(opts.k, "The 'k' option of originalMethod", 1, d);
  const eps = opts.eps === undefined ? 0 : checkNumber(opts.eps, "The 'eps' option of originalMethod", 0);
  const rcond = opts.rcond === undefined ? defaultRcond('tsqr', n, d) : checkNumber(opts.rcond, "The 'rcond' option of originalMethod", 0, 1);
  const mode = opts.mode === undefined ? 'pca' : checkOneOf(opts.mode, "The 'mode' option of originalMethod", ['pca', 'zca'] as const);
  const centered = opts.center !== false;

  // Step 0
  const mean = centered ? columnMeans(X) : new Float64Array(d);
  // Step 1
  const qr = tsqr(X, { mean: centered ? mean : undefined, wantQ: opts.wantQ === true, blockRows: opts.blockRows, onProgress: opts.onProgress });
  // Step 2
  const diagR = new Float64Array(d);
  for (let j = 0; j < d; j++) diagR[j] = qr.r.data[j * d + j];
  const dec = smallSvd(qr.r.data, d, d);
  const vt = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) vt[i * d + j] = dec.v[j * d + i];
  const flips = fixSigns(vt, d, d);
  const uR = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let c = 0; c < d; c++) uR[i * d + c] = dec.u[i * d + c] * flips[c];
  // Step 3
  const step3: OriginalMethodResult['step3'] = {
    conditionNumber: dec.s[0] === 0 || dec.s[d - 1] === 0 ? Infinity : dec.s[0] / dec.s[d - 1],
  };
  if (qr.q) step3.u = matmul(qr.q, { data: uR, rows: d, cols: d }) as Matrix<Float64Array>;
  // Step 4
  const { scales, variances } = invertSpectrum(dec.s, n, k, eps, rcond);
  let dropped = 0;
  for (const v of scales) if (v === 0) dropped++;
  // Step 5
  let W: Matrix<Float64Array>;
  if (mode === 'pca') {
    const F = new Float64Array(d * k);
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) F[j * k + c] = vt[c * d + j] * scales[c];
    W = { data: F, rows: d, cols: k };
  } else {
    const F = new Float64Array(d * d);
    for (let c = 0; c < k; c++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) F[a * d + b] += vt[c * d + a] * scales[c] * vt[c * d + b];
    W = { data: F, rows: d, cols: d };
  }
  const output = matmul(X, W, { mean: centered ? mean : undefined, dtype: dtypeOf(X.data) });
  const step1: OriginalMethodResult['step1'] = { r: qr.r };
  if (qr.q) step1.q = qr.q;
  return {
    step0: { centered, mean },
    step1,
    step2: { diagR, uR: { data: uR, rows: d, cols: d }, s: dec.s, vt: { data: vt, rows: d, cols: d } },
    step3,
    step4: { variances, scales, eps, rcond, dropped },
    step5: { mode, output },
  };
}
