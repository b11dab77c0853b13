/**
 * Compressed sparse row (CSR) matrices, the output of {@link TfidfVectorizer}.
 */
import { checkInt } from '@embfact/core';

/**
 * CSR matrix: the non-zeros of row `i` are `values[indptr[i] .. indptr[i+1])` at columns
 * `indices[...]` (strictly increasing within a row). `indptr.length === rows + 1`.
 */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Dense `rows x cols` float64 copy of a sparse matrix (for tests and small outputs).
 * @example
 * toDense(vectorizer.transform(['a b'])).data
 */
export function toDense(m: SparseMatrix): { data: Float64Array; rows: number; cols: number } {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out[i * m.cols + m.indices[p]] = m.values[p];
  }
  return { data: out, rows: m.rows, cols: m.cols };
}

/**
 * The non-zeros of row `i` as views (no copy).
 * @throws RangeError when `i` is not a row index
 */
export function sparseRow(m: SparseMatrix, i: number): { indices: Int32Array; values: Float64Array } {
  checkInt(i, "The 'i' argument of sparseRow", 0, m.rows - 1);
  const a = m.indptr[i];
  const b = m.indptr[i + 1];
  return { indices: m.indices.subarray(a, b), values: m.values.subarray(a, b) };
}
