/**
 * The one adapter around ml-matrix (DESIGN.md §2: core is the only package that imports
 * it, and only this file does). It runs the dense decompositions of *small* matrices
 * (d×d, or l×d in the randomized SVD) on row-major Float64Arrays; nothing of ml-matrix
 * leaks into public types.
 */
import { EigenvalueDecomposition, Matrix as MlMatrix, SingularValueDecomposition } from 'ml-matrix';

function toMl(data: Float64Array, rows: number, cols: number): MlMatrix {
  const m = new MlMatrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) m.set(i, j, data[i * cols + j]);
  return m;
}

function fromMl(m: MlMatrix): Float64Array {
  const rows = m.rows, cols = m.columns;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = m.get(i, j);
  return out;
}

/** Thin SVD of a small row-major m×c matrix: X = U diag(s) Vᵀ, s descending, r = min(m, c). */
export interface SmallSvd {
  /** m×r row-major. */
  u: Float64Array;
  /** length r, descending, ≥ 0. */
  s: Float64Array;
  /** c×r row-major (columns are the right singular vectors). */
  v: Float64Array;
  r: number;
}

/**
 * SVD of a small dense matrix through ml-matrix's SingularValueDecomposition
 * (Golub–Kahan–Reinsch, a port of JAMA). Wide inputs are transposed internally.
 */
export function smallSvd(data: Float64Array, rows: number, cols: number): SmallSvd {
  const dec = new SingularValueDecomposition(toMl(data, rows, cols), {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
    autoTranspose: true,
  });
  const r = Math.min(rows, cols);
  const sAll = dec.diagonal;
  const U = dec.leftSingularVectors;
  const V = dec.rightSingularVectors;
  const u = new Float64Array(rows * r), v = new Float64Array(cols * r), s = new Float64Array(r);
  for (let k = 0; k < r; k++) s[k] = Math.max(0, sAll[k]);
  for (let i = 0; i < rows; i++) for (let k = 0; k < r; k++) u[i * r + k] = U.get(i, k);
  for (let i = 0; i < cols; i++) for (let k = 0; k < r; k++) v[i * r + k] = V.get(i, k);
  // ml-matrix returns s sorted descending already; sort defensively (stable on ties).
  const order = Array.from({ length: r }, (_, k) => k).sort((a, b) => s[b] - s[a] || a - b);
  if (order.some((o, k) => o !== k)) {
    const s2 = new Float64Array(r), u2 = new Float64Array(rows * r), v2 = new Float64Array(cols * r);
    order.forEach((o, k) => {
      s2[k] = s[o];
      for (let i = 0; i < rows; i++) u2[i * r + k] = u[i * r + o];
      for (let i = 0; i < cols; i++) v2[i * r + k] = v[i * r + o];
    });
    return { u: u2, s: s2, v: v2, r };
  }
  return { u, s, v, r };
}

/**
 * Symmetric eigen-decomposition of a small d×d matrix (Householder tridiagonalization +
 * implicit QL, ml-matrix / JAMA). Returns eigenvalues descending and the matching
 * eigenvectors as the columns of a row-major d×d array.
 */
export function symmetricEigen(data: Float64Array, d: number): { values: Float64Array; vectors: Float64Array } {
  const dec = new EigenvalueDecomposition(toMl(data, d, d), { assumeSymmetric: true });
  const lam = dec.realEigenvalues;
  const V = fromMl(dec.eigenvectorMatrix);
  const order = Array.from({ length: d }, (_, k) => k).sort((a, b) => lam[b] - lam[a] || a - b);
  const values = new Float64Array(d), vectors = new Float64Array(d * d);
  order.forEach((o, k) => {
    values[k] = lam[o];
    for (let i = 0; i < d; i++) vectors[i * d + k] = V[i * d + o];
  });
  return { values, vectors };
}
