/**
 * Diagnostics of an embedding matrix's parameter structure: spectrum, explained variance,
 * effective rank, condition number, isotropy and anisotropy (mean random cosine).
 */
import { checkInt, checkMatrix, checkNumber, type MatrixLike } from './matrix.js';
import { columnMeans, gram, matmul, rowNorms } from './kernels.js';
import { symmetricEigen } from './small-linalg.js';
import { svd } from './svd.js';
import { createRng } from './random.js';

/** Options of {@link diagnose}. */
export interface DiagnoseOptions {
  /** Seed of the random word pairs (default 0). */
  seed?: number;
  /** Number of random pairs for the mean cosine (default 10000; 0 skips it). */
  pairs?: number;
  /** Spectrum of the centered matrix (PCA view; default true) or of A itself. */
  center?: boolean;
}

/** Result of {@link diagnose}. */
export interface Diagnostics {
  rows: number;
  cols: number;
  /** Singular values (descending) of Ā (or A when `center` is false). */
  singularValues: Float64Array;
  /** σᵢ² / Σ σⱼ². */
  explainedVarianceRatio: Float64Array;
  /**
   * Effective rank of Roy & Vetterli (2007): exp(H(p)) with pᵢ = σᵢ / Σ σⱼ and
   * H(p) = −Σ pᵢ ln pᵢ (singular values normalized to sum 1, Shannon entropy in nats).
   */
  effectiveRank: number;
  /** σ₁/σ_d; Infinity when σ_d = 0. */
  conditionNumber: number;
  /** SVD route that ran ('gram' or 'tsqr'). */
  method: string;
  /**
   * Isotropy I(A) = min_c Z(c) / max_c Z(c), Z(c) = Σ_w exp(cᵀ v(w)) (Mu & Viswanath 2018,
   * eq. in §2.2), c over the eigenvectors of AᵀA of the *uncentered* matrix and their
   * negatives (eigenvectors have no sign), evaluated with log-sum-exp. 1 = isotropic.
   */
  isotropy: number;
  /** Mean cosine similarity of `pairs` seeded random pairs of distinct rows (rows of norm 0 count as cosine 0); 0 when `pairs` is 0 (fewer than 2 rows, or pairs: 0 asked). */
  meanRandomCosine: number;
  /** Number of pairs actually used. */
  pairs: number;
  /** ‖μ‖₂ of the column means, and the mean row norm. */
  meanNorm: number;
  meanRowNorm: number;
}

/**
 * Compute {@link Diagnostics} of an n×d matrix (three passes over A plus one d×d matmul pass).
 * @throws RangeError on a bad matrix or option
 * @example
 * const dg = diagnose(table.matrix, { seed: 1, pairs: 10000 });
 * dg.effectiveRank; dg.isotropy; dg.meanRandomCosine;
 */
export function diagnose(A: MatrixLike, opts: DiagnoseOptions = {}): Diagnostics {
  const X = checkMatrix(A, "The 'A' argument of diagnose");
  const n = X.rows, d = X.cols;
  const seed = opts.seed === undefined ? 0 : checkNumber(opts.seed, "The 'seed' option of diagnose");
  const pairsWanted = opts.pairs === undefined ? 10000 : checkInt(opts.pairs, "The 'pairs' option of diagnose", 0);
  const centered = opts.center !== false;

  const res = svd(X, { center: centered });
  const s = res.s;
  let total2 = 0, total1 = 0;
  for (const v of s) { total2 += v * v; total1 += v; }
  const evr = s.map((v) => (total2 > 0 ? (v * v) / total2 : 0));
  let H = 0;
  if (total1 > 0) for (const v of s) { const p = v / total1; if (p > 0) H -= p * Math.log(p); }
  const effectiveRank = total1 > 0 ? Math.exp(H) : 0;

  // Isotropy: eigenvectors of AᵀA (uncentered), both signs; log Z(c) by log-sum-exp.
  const G = gram(X);
  const { vectors } = symmetricEigen(G.data, d);
  const C = matmul(X, { data: vectors, rows: d, cols: d }).data; // n×d projections cᵀv(w)
  let minLog = Infinity, maxLog = -Infinity;
  for (let c = 0; c < d; c++) {
    for (const sign of [1, -1]) {
      let m = -Infinity;
      for (let i = 0; i < n; i++) { const v = sign * C[i * d + c]; if (v > m) m = v; }
      let acc = 0;
      for (let i = 0; i < n; i++) acc += Math.exp(sign * C[i * d + c] - m);
      const logZ = m + Math.log(acc);
      if (logZ < minLog) minLog = logZ;
      if (logZ > maxLog) maxLog = logZ;
    }
  }
  const isotropy = Math.exp(minLog - maxLog);

  // Mean cosine of random pairs of distinct rows.
  const norms = rowNorms(X);
  const rng = createRng(seed);
  let sum = 0, used = 0;
  if (n >= 2) {
    for (let t = 0; t < pairsWanted; t++) {
      const i = rng.int(n);
      let j = rng.int(n - 1);
      if (j >= i) j++;
      const ni = norms[i], nj = norms[j];
      used++;
      if (ni === 0 || nj === 0) continue;
      let dp = 0;
      for (let c = 0; c < d; c++) dp += X.data[i * d + c] * X.data[j * d + c];
      sum += dp / (ni * nj);
    }
  }
  const mu = columnMeans(X);
  let mn = 0;
  for (const v of mu) mn += v * v;
  let rn = 0;
  for (const v of norms) rn += v;
  return {
    rows: n, cols: d, singularValues: s, explainedVarianceRatio: evr, effectiveRank,
    conditionNumber: res.conditionEstimate, method: res.method, isotropy,
    meanRandomCosine: used > 0 ? sum / used : 0, pairs: used, meanNorm: Math.sqrt(mn), meanRowNorm: rn / n,
  };
}
