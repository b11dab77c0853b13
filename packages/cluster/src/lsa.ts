/**
 * Latent semantic analysis (TF-IDF → truncated SVD → l2 rows) of a document collection.
 *
 * Two routes give the same document coordinates U_k Σ_k of the TF-IDF matrix X (n documents x V
 * terms, sparse):
 * - exact, up to {@link LSA_EXACT_MAX_DOCS} documents: the dense n x n Gram matrix G = X Xᵀ and its
 *   eigen-decomposition G = V Λ Vᵀ, so U_k Σ_k = V_k Λ_k^{1/2}. O(n² · terms per document) to form
 *   G, O(n³) to decompose it and n² doubles of memory: about 2 s for Brown's 500 documents, over an
 *   hour for SpamAssassin's 5,738.
 * - randomized, above: subspace iteration on X Xᵀ applied through the sparse X (never forming G),
 *   then Rayleigh–Ritz. This is scikit-learn's TruncatedSVD(algorithm='randomized') — a Gaussian
 *   start in term space, 10 extra directions, power iterations re-orthonormalized each time — with
 *   20 power iterations instead of its 5: TF-IDF spectra are flat, so the trailing directions
 *   converge slowly, and sparse passes are cheap. Cost O(nnz · l · iterations + n · l²) with
 *   l = dim + 10; memory O((n + terms) · l), no n x n matrix.
 *   Measured: on Brown (500 documents) the mean |cosine difference| between documents, exact vs
 *   randomized, is 2.7e-3 for LSA(15) and 2.0e-2 for LSA(100) (with 10 power iterations it was
 *   2.2e-2 / 3.1e-2); see the cluster README for SpamAssassin against scipy's svds.
 */
import { createRng, normalizeRowsInPlace, svd, tsqr, type Matrix } from '@embfact/core';
import { TfidfVectorizer, type SparseMatrix } from '@embfact/text';

/** Documents up to which {@link lsaFeatures} decomposes the dense Gram matrix exactly. */
export const LSA_EXACT_MAX_DOCS = 2000;

/** Extra directions and power iterations of the randomized route. */
const OVERSAMPLE = 10;
const POWER_ITERS = 20;

/** Options of {@link lsaFeatures}. */
export interface LsaOptions {
  /** Drop English stop words before TF-IDF (default true). */
  stopWords?: boolean;
  /** Porter-stem the tokens (default false). */
  stem?: boolean;
  /** `'auto'` (default: exact up to {@link LSA_EXACT_MAX_DOCS} documents), or force `'exact'` / `'randomized'`. */
  route?: 'auto' | 'exact' | 'randomized';
  /**
   * Called after each step: `(done, total, detail)`; total is 3 on the exact route (TF-IDF,
   * Gram matrix, eigen-decomposition) and 23 on the randomized one (TF-IDF, the start, 20 power
   * iterations, Rayleigh–Ritz).
   */
  onProgress?: (done: number, total: number, detail?: string) => void;
}

/**
 * Latent semantic analysis of documents: TF-IDF (sublinear tf, smooth idf, l2 rows, as
 * scikit-learn's TfidfVectorizer(sublinear_tf=True)) → truncated SVD to `dim` components → l2 rows.
 * Up to {@link LSA_EXACT_MAX_DOCS} documents the SVD is exact; above, randomized (seed 0, see the
 * module comment; time and memory grow with dim: O((n + terms) · dim) doubles). Returns an
 * n x min(dim, n) float64 matrix; column signs follow the convention "largest-magnitude entry positive".
 * A document with no term (empty or only stop words) gets an all-zero row.
 * @example
 * const X = lsaFeatures(texts, 15); // n x 15, unit rows
 */
export function lsaFeatures(texts: readonly string[], dim = 100, options: LsaOptions = {}): Matrix<Float64Array> {
  const { stopWords = true, stem = false, route = 'auto', onProgress } = options;
  const vec = new TfidfVectorizer({ sublinearTf: true, norm: 'l2', tokenizeOptions: { stopWords, stem } });
  const X = vec.fitTransform(texts as string[]);
  const n = X.rows;
  const k = Math.min(dim, n);
  const exact = route === 'auto' ? n <= LSA_EXACT_MAX_DOCS : route === 'exact';
  const total = exact ? 3 : POWER_ITERS + 3;
  onProgress?.(1, total, 'TF-IDF');
  const out = exact ? exactCoordinates(X, k, total, onProgress) : randomizedCoordinates(X, k, total, onProgress);
  // A document with no term (empty, or only stop words) has a zero TF-IDF row, so its exact
  // coordinates are 0; the SVD leaves rounding noise there, which l2 normalization would blow
  // up to a random unit vector. Keep such rows at exactly zero.
  for (let i = 0; i < n; i++) if (X.indptr[i + 1] === X.indptr[i]) out.fill(0, i * k, (i + 1) * k);
  return normalizeRowsInPlace({ data: out, rows: n, cols: k });
}

type Progress = LsaOptions['onProgress'];

/** V_k Λ_k^{1/2} from the dense Gram matrix (n x k, row-major). */
function exactCoordinates(X: SparseMatrix, k: number, total: number, onProgress: Progress): Float64Array {
  const n = X.rows;
  const G = gramRows(X);
  onProgress?.(2, total, 'Gram matrix');
  // G is symmetric PSD: its singular values are the eigenvalues λ = σ², its right singular vectors V.
  const { s, vt } = svd({ data: G, rows: n, cols: n }, { k, center: false });
  onProgress?.(3, total, 'eigen-decomposition');
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const sc = Math.sqrt(Math.max(s[c], 0));
    for (let i = 0; i < n; i++) out[i * k + c] = vt.data[c * n + i] * sc;
  }
  return out;
}

/** Upper triangle of X Xᵀ mirrored: n x n dense. */
function gramRows(X: SparseMatrix): Float64Array {
  const n = X.rows;
  const G = new Float64Array(n * n);
  const dense = new Float64Array(X.cols);
  for (let i = 0; i < n; i++) {
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) dense[X.indices[p]] = X.values[p];
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let p = X.indptr[j]; p < X.indptr[j + 1]; p++) s += dense[X.indices[p]] * X.values[p];
      G[i * n + j] = s; G[j * n + i] = s;
    }
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) dense[X.indices[p]] = 0;
  }
  return G;
}

/** Randomized U_k Σ_k: subspace iteration on X Xᵀ through sparse products, then Rayleigh–Ritz. */
function randomizedCoordinates(X: SparseMatrix, k: number, total: number, onProgress: Progress): Float64Array {
  const n = X.rows, V = X.cols;
  const l = Math.min(k + OVERSAMPLE, n, Math.max(V, 1));
  const rng = createRng(0);
  const omega = new Float64Array(V * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
  const orth = (Y: Float64Array): Float64Array =>
    tsqr({ data: Y, rows: n, cols: l }, { wantQ: true, qMethod: 'householder' }).q!.data as Float64Array;
  let Q = orth(timesDense(X, omega, l)); // n x l
  onProgress?.(2, total, 'random start');
  for (let it = 0; it < POWER_ITERS; it++) {
    Q = orth(timesDense(X, transposeTimesDense(X, Q, l), l));
    onProgress?.(3 + it, total, `power iteration ${it + 1}/${POWER_ITERS}`);
  }
  // Rayleigh–Ritz: T = Qᵀ X Xᵀ Q = Wᵀ W with W = Xᵀ Q (V x l); T = E Λ Eᵀ; eigenvectors of X Xᵀ ≈ Q E.
  const W = transposeTimesDense(X, Q, l);
  const T = new Float64Array(l * l);
  for (let r = 0; r < V; r++) {
    const o = r * l;
    for (let a = 0; a < l; a++) {
      const wa = W[o + a];
      if (wa === 0) continue;
      for (let b = a; b < l; b++) T[a * l + b] += wa * W[o + b];
    }
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) T[a * l + b] = T[b * l + a];
  const { s, vt } = svd({ data: T, rows: l, cols: l }, { k, center: false });
  onProgress?.(total, total, 'Rayleigh–Ritz');
  const out = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    // column c of Q E, then the sign convention, then scale by λ^{1/2}
    let big = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let a = 0; a < l; a++) v += Q[i * l + a] * vt.data[c * l + a];
      out[i * k + c] = v;
      if (Math.abs(v) > Math.abs(big)) big = v;
    }
    const sc = Math.sqrt(Math.max(s[c], 0)) * (big < 0 ? -1 : 1);
    for (let i = 0; i < n; i++) out[i * k + c] *= sc;
  }
  return out;
}

/** X (n x V sparse) · D (V x l dense, row-major) → n x l. */
function timesDense(X: SparseMatrix, D: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.rows * l);
  for (let i = 0; i < X.rows; i++) {
    const o = i * l;
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const v = X.values[p], r = X.indices[p] * l;
      for (let a = 0; a < l; a++) out[o + a] += v * D[r + a];
    }
  }
  return out;
}

/** Xᵀ (V x n) · D (n x l dense, row-major) → V x l. */
function transposeTimesDense(X: SparseMatrix, D: Float64Array, l: number): Float64Array {
  const out = new Float64Array(X.cols * l);
  for (let i = 0; i < X.rows; i++) {
    const o = i * l;
    for (let p = X.indptr[i]; p < X.indptr[i + 1]; p++) {
      const v = X.values[p], r = X.indices[p] * l;
      for (let a = 0; a < l; a++) out[r + a] += v * D[o + a];
    }
  }
  return out;
}
