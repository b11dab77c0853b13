/**
 * Feature matrices a model can train on: a dense {@link Matrix}, a CSR
 * {@link SparseMatrix} (e.g. TF-IDF), or several of them side by side
 * ({@link hstack}) without densifying the sparse parts.
 *
 * The two products a linear model needs — scores = X W and gradient = Xᵀ G — are
 * computed block by block. W and G are row-major with K columns (one per class):
 * feature j of the whole stack owns W[j*K .. j*K+K), so a sparse entry touches one
 * contiguous row of W.
 */
import { checkMatrix, isMatrix, describe, type Matrix } from '@embfact/core';

/**
 * Compressed sparse rows, the shape @embfact/text's TfidfVectorizer produces.
 * Row i holds `indices[indptr[i] .. indptr[i+1])` with `values` at the same positions.
 */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array | Float32Array;
}

/** Several blocks with the same number of rows, concatenated column-wise. */
export interface HStack {
  readonly kind: 'hstack';
  readonly blocks: readonly (Matrix | SparseMatrix)[];
  readonly rows: number;
  readonly cols: number;
}

/** What the linear models accept: dense, sparse, or an {@link HStack} of both. */
export type Features = Matrix | SparseMatrix | HStack;

/** True when `x` looks like a CSR {@link SparseMatrix}. */
export function isSparse(x: unknown): x is SparseMatrix {
  if (x === null || typeof x !== 'object') return false;
  const s = x as Partial<SparseMatrix>;
  return s.indptr instanceof Int32Array && s.indices instanceof Int32Array &&
    (s.values instanceof Float64Array || s.values instanceof Float32Array) &&
    Number.isInteger(s.rows) && Number.isInteger(s.cols);
}

/** True when `x` is an {@link HStack}. */
export function isHStack(x: unknown): x is HStack {
  return x !== null && typeof x === 'object' && (x as HStack).kind === 'hstack';
}

/**
 * Concatenate feature blocks column-wise (no copy; the sparse blocks stay sparse).
 *
 * @param blocks - dense matrices and/or CSR matrices, all with the same number of rows
 * @throws RangeError when the row counts differ or no block is given
 * @example
 * const X = hstack(tfidf, embeddingMatrix); // X.cols = tfidf.cols + 100
 */
export function hstack(...blocks: (Matrix | SparseMatrix)[]): HStack {
  if (blocks.length === 0) throw new RangeError('hstack needs at least one block; got 0.');
  const rows = blocks[0].rows;
  let cols = 0;
  blocks.forEach((b, i) => {
    if (!isMatrix(b) && !isSparse(b)) {
      throw new TypeError(`Block ${i} of hstack must be a Matrix or a CSR SparseMatrix; got ${describe(b)}.`);
    }
    if (b.rows !== rows) throw new RangeError(`Block ${i} of hstack must have ${rows} rows like block 0; got ${b.rows}.`);
    cols += b.cols;
  });
  return { kind: 'hstack', blocks, rows, cols };
}

/** Validate a CSR matrix once at the boundary (monotone indptr, indices in range, finite values). */
export function checkSparse(x: SparseMatrix, name: string): SparseMatrix {
  const { rows, cols, indptr, indices, values } = x;
  if (indptr.length !== rows + 1) {
    throw new RangeError(`${name} must have indptr of length rows + 1 = ${rows + 1}; got ${indptr.length}.`);
  }
  const nnz = indptr[rows];
  if (indptr[0] !== 0 || indices.length < nnz || values.length < nnz) {
    throw new RangeError(`${name} must have indptr[0] = 0 and ${nnz} indices/values; got indptr[0] = ${indptr[0]}, ${indices.length} indices, ${values.length} values.`);
  }
  for (let i = 0; i < rows; i++) {
    if (indptr[i + 1] < indptr[i]) throw new RangeError(`${name} must have a non-decreasing indptr; row ${i} ends before it starts.`);
  }
  for (let p = 0; p < nnz; p++) {
    const j = indices[p];
    if (j < 0 || j >= cols) throw new RangeError(`${name} has a column index ${j} outside [0, ${cols}) at position ${p}.`);
    const v = values[p];
    if (v - v !== 0) throw new RangeError(`${name} must be finite; value at position ${p} is ${describe(v)}.`);
  }
  return x;
}

/**
 * The one input check for model features. Accepts `number[][]`, a Matrix, a CSR matrix
 * or an HStack; returns a validated {@link Features}.
 * @throws TypeError / RangeError as {@link checkMatrix} and {@link checkSparse}
 */
export function checkFeatures(x: unknown, name: string, cols?: number): Features {
  let out: Features;
  if (isHStack(x)) {
    x.blocks.forEach((b, i) => {
      if (isSparse(b)) checkSparse(b, `${name} (block ${i})`);
      else checkMatrix(b, `${name} (block ${i})`, { minRows: 0, minCols: 0 });
    });
    out = x;
  } else if (isSparse(x)) {
    out = checkSparse(x, name);
  } else {
    out = checkMatrix(x, name, { minRows: 0 });
  }
  if (cols !== undefined && out.cols !== cols) {
    throw new RangeError(`${name} must have ${cols} columns (as in fit); got ${out.cols}.`);
  }
  return out;
}

/** The blocks of `X` with their column offsets. */
export function blocksOf(X: Features): { block: Matrix | SparseMatrix; offset: number }[] {
  const list = isHStack(X) ? X.blocks : [X];
  const out: { block: Matrix | SparseMatrix; offset: number }[] = [];
  let off = 0;
  for (const b of list) { out.push({ block: b, offset: off }); off += b.cols; }
  return out;
}

/**
 * scores[i*K + k] += Σ_j X[i,j] · W[j*K + k]  (X W, accumulated into `out`, n × K).
 * `colScale`, when given, multiplies feature j by colScale[j] and subtracts
 * `colShift[j]` first: (X[i,j] − shift_j) · scale_j — standardization without copying X.
 */
export function addXW(
  X: Features, W: Float64Array, K: number, out: Float64Array,
  colScale?: Float64Array, colShift?: Float64Array,
): void {
  for (const { block, offset } of blocksOf(X)) {
    if (isSparse(block)) {
      const { rows, indptr, indices, values } = block;
      for (let i = 0; i < rows; i++) {
        const o = i * K;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const j = offset + indices[p];
          const v = colScale ? values[p] * colScale[j] : values[p];
          const w = j * K;
          for (let k = 0; k < K; k++) out[o + k] += v * W[w + k];
        }
      }
    } else {
      const { rows, cols, data } = block;
      for (let i = 0; i < rows; i++) {
        const o = i * K;
        const r = i * cols;
        for (let c = 0; c < cols; c++) {
          const j = offset + c;
          let v = data[r + c];
          if (colShift) v -= colShift[j];
          if (colScale) v *= colScale[j];
          if (v === 0) continue;
          const w = j * K;
          for (let k = 0; k < K; k++) out[o + k] += v * W[w + k];
        }
      }
    }
  }
}

/**
 * grad[j*K + k] += Σ_i X[i,j] · G[i*K + k]  (Xᵀ G, accumulated into `out`, d × K),
 * with the same optional per-column standardization as {@link addXW}.
 */
export function addXtG(
  X: Features, G: Float64Array, K: number, out: Float64Array,
  colScale?: Float64Array, colShift?: Float64Array,
): void {
  for (const { block, offset } of blocksOf(X)) {
    if (isSparse(block)) {
      const { rows, indptr, indices, values } = block;
      for (let i = 0; i < rows; i++) {
        const o = i * K;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const j = offset + indices[p];
          const v = colScale ? values[p] * colScale[j] : values[p];
          const w = j * K;
          for (let k = 0; k < K; k++) out[w + k] += v * G[o + k];
        }
      }
    } else {
      const { rows, cols, data } = block;
      for (let i = 0; i < rows; i++) {
        const o = i * K;
        const r = i * cols;
        for (let c = 0; c < cols; c++) {
          const j = offset + c;
          let v = data[r + c];
          if (colShift) v -= colShift[j];
          if (colScale) v *= colScale[j];
          if (v === 0) continue;
          const w = j * K;
          for (let k = 0; k < K; k++) out[w + k] += v * G[o + k];
        }
      }
    }
  }
}

/**
 * Weighted column means and standard deviations (population, ddof = 0, as scikit-learn's
 * StandardScaler). For sparse blocks the mean is still reported but callers scale
 * without centering (centering would densify).
 */
export function columnStats(X: Features, weights?: Float64Array): { mean: Float64Array; std: Float64Array; sparse: Uint8Array } {
  const d = X.cols;
  const n = X.rows;
  const sum = new Float64Array(d);
  const sq = new Float64Array(d);
  const sparse = new Uint8Array(d);
  let wsum = 0;
  for (let i = 0; i < n; i++) wsum += weights ? weights[i] : 1;
  for (const { block, offset } of blocksOf(X)) {
    if (isSparse(block)) {
      sparse.fill(1, offset, offset + block.cols);
      const { rows, indptr, indices, values } = block;
      for (let i = 0; i < rows; i++) {
        const w = weights ? weights[i] : 1;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const j = offset + indices[p];
          sum[j] += w * values[p];
        }
      }
    } else {
      const { rows, cols, data } = block;
      for (let i = 0; i < rows; i++) {
        const w = weights ? weights[i] : 1;
        for (let c = 0; c < cols; c++) sum[offset + c] += w * data[i * cols + c];
      }
    }
  }
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) mean[j] = wsum > 0 ? sum[j] / wsum : 0;
  // Second pass around the mean (numerically safer than E[x²] − E[x]²).
  for (const { block, offset } of blocksOf(X)) {
    if (isSparse(block)) {
      const { rows, indptr, indices, values } = block;
      const nz = new Float64Array(block.cols); // weight of the non-zeros per column
      for (let i = 0; i < rows; i++) {
        const w = weights ? weights[i] : 1;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) {
          const j = offset + indices[p];
          const dv = values[p] - mean[j];
          sq[j] += w * dv * dv;
          nz[indices[p]] += w;
        }
      }
      for (let c = 0; c < block.cols; c++) {
        const j = offset + c;
        sq[j] += (wsum - nz[c]) * mean[j] * mean[j]; // the implicit zeros
      }
    } else {
      const { rows, cols, data } = block;
      for (let i = 0; i < rows; i++) {
        const w = weights ? weights[i] : 1;
        for (let c = 0; c < cols; c++) {
          const dv = data[i * cols + c] - mean[offset + c];
          sq[offset + c] += w * dv * dv;
        }
      }
    }
  }
  const std = new Float64Array(d);
  for (let j = 0; j < d; j++) std[j] = wsum > 0 ? Math.sqrt(Math.max(0, sq[j] / wsum)) : 0;
  return { mean, std, sparse };
}

/** Select rows of a feature matrix (copies; CSR stays CSR). */
export function selectRows(X: Features, idx: ArrayLike<number>): Features {
  const take = (b: Matrix | SparseMatrix): Matrix | SparseMatrix => {
    if (isSparse(b)) {
      let nnz = 0;
      for (let t = 0; t < idx.length; t++) nnz += b.indptr[idx[t] + 1] - b.indptr[idx[t]];
      const indptr = new Int32Array(idx.length + 1);
      const indices = new Int32Array(nnz);
      const values = new Float64Array(nnz);
      let q = 0;
      for (let t = 0; t < idx.length; t++) {
        const i = idx[t];
        for (let p = b.indptr[i]; p < b.indptr[i + 1]; p++) { indices[q] = b.indices[p]; values[q] = b.values[p]; q++; }
        indptr[t + 1] = q;
      }
      return { rows: idx.length, cols: b.cols, indptr, indices, values };
    }
    const out = new (b.data.constructor as Float64ArrayConstructor)(idx.length * b.cols);
    for (let t = 0; t < idx.length; t++) out.set(b.data.subarray(idx[t] * b.cols, (idx[t] + 1) * b.cols), t * b.cols);
    return { data: out, rows: idx.length, cols: b.cols };
  };
  if (isHStack(X)) return hstack(...X.blocks.map(take));
  return take(X);
}

/**
 * Gram matrix K = X̃ X̃ᵀ (n × n, float64) of the standardized features
 * X̃[i,j] = (X[i,j] − shift_j) · scale_j, without densifying sparse blocks: row i of a
 * sparse block is scattered into a dense buffer once and dotted with the rows j ≥ i.
 */
export function rowGram(X: Features, colScale?: Float64Array, colShift?: Float64Array): Float64Array {
  const n = X.rows;
  const K = new Float64Array(n * n);
  for (const { block, offset } of blocksOf(X)) {
    if (isSparse(block)) {
      const { indptr, indices, values, cols } = block;
      const buf = new Float64Array(cols);
      // pre-scale values once
      const v = new Float64Array(indptr[n]);
      for (let p = 0; p < indptr[n]; p++) v[p] = colScale ? values[p] * colScale[offset + indices[p]] : values[p];
      for (let i = 0; i < n; i++) {
        for (let p = indptr[i]; p < indptr[i + 1]; p++) buf[indices[p]] = v[p];
        for (let j = i; j < n; j++) {
          let s = 0;
          for (let p = indptr[j]; p < indptr[j + 1]; p++) s += buf[indices[p]] * v[p];
          K[i * n + j] += s;
        }
        for (let p = indptr[i]; p < indptr[i + 1]; p++) buf[indices[p]] = 0;
      }
    } else {
      const { cols, data } = block;
      const B = new Float64Array(n * cols);
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < cols; c++) {
          const j = offset + c;
          let x = data[i * cols + c];
          if (colShift) x -= colShift[j];
          if (colScale) x *= colScale[j];
          B[i * cols + c] = x;
        }
      }
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          let s = 0;
          for (let c = 0; c < cols; c++) s += B[i * cols + c] * B[j * cols + c];
          K[i * n + j] += s;
        }
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) K[i * n + j] = K[j * n + i];
  return K;
}

/**
 * Pivoted Cholesky of a symmetric positive semi-definite n × n matrix: returns Z (n × r,
 * row-major, rows in the original order) with Z Zᵀ = K up to the discarded pivots, which
 * are ≤ tol · max diag(K). Golub & Van Loan, "Matrix Computations" 4th ed., §4.2.8
 * (outer-product form with diagonal pivoting).
 */
export function pivotedCholesky(K: Float64Array, n: number, tol = 1e-13): { z: Float64Array; rank: number } {
  const diag = new Float64Array(n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) { diag[i] = K[i * n + i]; if (diag[i] > maxDiag) maxDiag = diag[i]; }
  const cols: Float64Array[] = []; // column t of Z, indexed by original row
  const used = new Uint8Array(n);
  const stop = tol * maxDiag;
  for (let t = 0; t < n; t++) {
    let piv = -1;
    let best = stop;
    for (let i = 0; i < n; i++) if (!used[i] && diag[i] > best) { best = diag[i]; piv = i; }
    if (piv < 0) break;
    used[piv] = 1;
    const col = new Float64Array(n);
    const root = Math.sqrt(diag[piv]);
    for (let i = 0; i < n; i++) {
      if (used[i] && i !== piv) continue;
      let s = K[i * n + piv];
      for (const c of cols) s -= c[i] * c[piv];
      col[i] = s / root;
    }
    col[piv] = root;
    for (let i = 0; i < n; i++) if (!used[i]) diag[i] -= col[i] * col[i];
    cols.push(col);
  }
  const r = cols.length;
  const z = new Float64Array(n * r);
  for (let t = 0; t < r; t++) { const c = cols[t]; for (let i = 0; i < n; i++) z[i * r + t] = c[i]; }
  return { z, rank: r };
}
