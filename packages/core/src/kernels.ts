/**
 * Dense kernels on row-major typed arrays: column means, centering, Gram matrix,
 * matrix products, vector helpers.
 *
 * All kernels accept Float32Array or Float64Array storage and accumulate in float64.
 * They trust their inputs (shapes are checked with RangeError only where a mismatch
 * would silently produce garbage); public estimators call `checkMatrix` first.
 */
import { allocate, dtypeOf, type DType, type FloatArray, type Matrix } from './matrix.js';

/**
 * Column means μ_j = (1/n) Σ_i A_ij, accumulated in float64.
 * @param A - n×d matrix (n ≥ 1; an empty matrix gives zeros)
 * @returns Float64Array of length d
 * @example columnMeans(fromRows([[1, 2], [3, 4]])) // Float64Array [2, 3]
 */
export function columnMeans(A: Matrix): Float64Array {
  const { data, rows: n, cols: d } = A;
  const mu = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) mu[j] += data[o + j];
  }
  if (n > 0) for (let j = 0; j < d; j++) mu[j] /= n;
  return mu;
}

/**
 * Centered copy Ā = A − 1μᵀ in the input's dtype.
 * @param A - n×d matrix (not modified)
 * @param mean - column vector to subtract (length d); default {@link columnMeans}(A)
 * @throws RangeError when `mean.length !== A.cols`
 */
export function center(A: Matrix, mean: ArrayLike<number> = columnMeans(A)): Matrix {
  const { data, rows: n, cols: d } = A;
  if (mean.length !== d) throw new RangeError(`The 'mean' argument of center must have length ${d}; got ${mean.length}.`);
  const out = allocate(dtypeOf(data), n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) out[o + j] = data[o + j] - mean[j];
  }
  return { data: out, rows: n, cols: d };
}

/**
 * Gram matrix G = ĀᵀĀ with Ā = A − 1μᵀ (μ = `mean`, or no centering when omitted).
 *
 * Cost n·d²/2 multiply-adds (upper triangle, mirrored), one streaming pass over A;
 * the block layout is described in the body.
 *
 * @param A - n×d matrix, float32 or float64 storage
 * @param opts.mean - optional length-d vector subtracted from every row on the fly
 * @param opts.onProgress - called with (rows done, n, 'gram') about every 16k rows
 * @returns d×d symmetric float64 matrix
 * @example gram(A, { mean: columnMeans(A) }) // = (n−1)·covariance
 */
export function gram(
  A: Matrix,
  opts: { mean?: ArrayLike<number>; onProgress?: (done: number, total: number, label?: string) => void } = {},
): Matrix<Float64Array> {
  const { data, rows: n, cols: d } = A;
  const mean = opts.mean;
  if (mean !== undefined && mean.length !== d) {
    throw new RangeError(`The 'mean' option of gram must have length ${d}; got ${mean.length}.`);
  }
  // Layout chosen for speed: a chunk of B rows is transposed (and centered) into a
  // column-major float64 scratch T (feature j = T[j*B .. j*B+m)), padded to a multiple of
  // 4 features with zeros; G's upper triangle is then built from 4×2 register blocks of
  // contiguous dot products (6 loads per 8 multiply-adds, about 2× the rank-1 loop).
  const B = 256;
  const dp = (d + 3) & ~3;
  const T = new Float64Array(dp * B);
  const Gp = new Float64Array(dp * dp);
  for (let s = 0; s < n; s += B) {
    const m = Math.min(B, n - s);
    if (m < B) T.fill(0);
    for (let i = 0; i < m; i++) {
      const o = (s + i) * d;
      if (mean) for (let j = 0; j < d; j++) T[j * B + i] = data[o + j] - mean[j];
      else for (let j = 0; j < d; j++) T[j * B + i] = data[o + j];
    }
    for (let a = 0; a < dp; a += 4) {
      const a0 = a * B, a1 = a0 + B, a2 = a1 + B, a3 = a2 + B;
      for (let c = a; c < dp; c += 2) {
        const c0 = c * B, c1 = c0 + B;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        for (let r = 0; r < m; r++) {
          const y0 = T[c0 + r], y1 = T[c1 + r];
          let x = T[a0 + r]; s00 += x * y0; s01 += x * y1;
          x = T[a1 + r]; s10 += x * y0; s11 += x * y1;
          x = T[a2 + r]; s20 += x * y0; s21 += x * y1;
          x = T[a3 + r]; s30 += x * y0; s31 += x * y1;
        }
        let g = a * dp + c;
        Gp[g] += s00; Gp[g + 1] += s01; g += dp;
        Gp[g] += s10; Gp[g + 1] += s11; g += dp;
        Gp[g] += s20; Gp[g + 1] += s21; g += dp;
        Gp[g] += s30; Gp[g + 1] += s31;
      }
    }
    if (opts.onProgress && ((s / B) & 63) === 63) opts.onProgress(s + m, n, 'gram');
  }
  opts.onProgress?.(n, n, 'gram');
  const G = new Float64Array(d * d);
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) { const v = Gp[a * dp + b]; G[a * d + b] = v; G[b * d + a] = v; }
  return { data: G, rows: d, cols: d };
}

/** Options shared by the matrix products. */
export interface MatmulOptions {
  /** Subtract this length-`A.cols` vector from every row of A on the fly (A is not modified). */
  mean?: ArrayLike<number>;
  /** Storage type of the result; default `'float64'`. */
  dtype?: DType;
}

/**
 * C = (A − 1μᵀ) B for a row-major n×d A and d×k B (μ optional, see {@link MatmulOptions}).
 *
 * Cost n·d·k multiply-adds in 4×2 register blocks (6 loads per 8 multiply-adds).
 *
 * @returns n×k matrix (float64 unless `opts.dtype`)
 * @throws RangeError when `A.cols !== B.rows`
 */
export function matmul(A: Matrix, B: Matrix, opts: MatmulOptions = {}): Matrix {
  if (A.cols !== B.rows) throw new RangeError(`matmul needs A.cols = B.rows; got A ${A.rows}×${A.cols} and B ${B.rows}×${B.cols}.`);
  return multiplyByTransposed(A, transposeToF64(B), B.cols, opts);
}

/**
 * C = (A − 1μᵀ) Bᵀ for n×d A and k×d B.
 * @returns n×k matrix (float64 unless `opts.dtype`)
 * @throws RangeError when `A.cols !== B.cols`
 */
export function matmulTransB(A: Matrix, B: Matrix, opts: MatmulOptions = {}): Matrix {
  if (A.cols !== B.cols) throw new RangeError(`matmulTransB needs A.cols = B.cols; got A ${A.rows}×${A.cols} and B ${B.rows}×${B.cols}.`);
  const bt = B.data instanceof Float64Array ? B.data : Float64Array.from(B.data);
  return multiplyByTransposed(A, bt, B.rows, opts);
}

/**
 * C = (A − 1μᵀ)ᵀ B for n×d A and n×k B (float64 d×k result; one pass over the rows,
 * rank-1 updates accumulated in float64). `opts.mean` centers A.
 * @throws RangeError when `A.rows !== B.rows`
 */
export function matmulTransA(A: Matrix, B: Matrix, opts: MatmulOptions = {}): Matrix {
  if (A.rows !== B.rows) throw new RangeError(`matmulTransA needs A.rows = B.rows; got A ${A.rows}×${A.cols} and B ${B.rows}×${B.cols}.`);
  const { rows: n, cols: d } = A;
  const k = B.cols;
  const a = A.data, b = B.data, mean = opts.mean;
  const C = new Float64Array(d * k);
  const ar = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const oa = i * d, ob = i * k;
    for (let j = 0; j < d; j++) ar[j] = mean ? a[oa + j] - mean[j] : a[oa + j];
    for (let j = 0; j < d; j++) {
      const x = ar[j];
      if (x === 0) continue;
      const oc = j * k;
      for (let l = 0; l < k; l++) C[oc + l] += x * b[ob + l];
    }
  }
  if (opts.dtype === 'float32') return { data: Float32Array.from(C), rows: d, cols: k };
  return { data: C, rows: d, cols: k };
}

function transposeToF64(B: Matrix): Float64Array {
  const { data, rows: d, cols: k } = B;
  const t = new Float64Array(d * k);
  for (let i = 0; i < d; i++) for (let j = 0; j < k; j++) t[j * d + i] = data[i * k + j];
  return t;
}

/**
 * C (n×k) = (A − 1μᵀ) Btᵀ with Bt given as a k×d float64 row-major array.
 * Layout chosen for speed: 4 rows of A are centered into one interleaved float64 scratch
 * (R[4j + t] = row t, feature j) and the columns of Bt are interleaved in pairs, so the
 * 4×2 register block of the inner loop reads two short contiguous runs (measured ≈ 1.5×
 * faster than four separate row buffers).
 */
function multiplyByTransposed(A: Matrix, bt: Float64Array, k: number, opts: MatmulOptions): Matrix {
  const { data: a, rows: n, cols: d } = A;
  const mean = opts.mean;
  if (mean !== undefined && mean.length !== d) throw new RangeError(`The 'mean' option must have length ${d}; got ${mean.length}.`);
  const out: FloatArray = allocate(opts.dtype ?? 'float64', n * k);
  const kp = (k + 1) & ~1;
  const bp = new Float64Array(kp * d);
  for (let c = 0; c < k; c++) {
    const base = (c & ~1) * d + (c & 1);
    for (let j = 0; j < d; j++) bp[base + 2 * j] = bt[c * d + j];
  }
  const R = new Float64Array(4 * d);
  const tmp = new Float64Array(4 * kp);
  for (let i = 0; i < n; i += 4) {
    const rowsHere = Math.min(4, n - i);
    if (rowsHere < 4) R.fill(0);
    for (let t = 0; t < rowsHere; t++) {
      const o = (i + t) * d;
      if (mean) for (let j = 0; j < d; j++) R[4 * j + t] = a[o + j] - mean[j];
      else for (let j = 0; j < d; j++) R[4 * j + t] = a[o + j];
    }
    if (rowsHere === 4) {
      // Full block: write the 4×2 results straight into the output.
      const o0 = i * k, o1 = o0 + k, o2 = o1 + k, o3 = o2 + k;
      for (let c = 0; c < kp; c += 2) {
        let p = c * d;
        const pe = p + 2 * d;
        let q = 0;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        for (; p < pe; p += 2, q += 4) {
          const u = bp[p], v = bp[p + 1];
          const x0 = R[q], x1 = R[q + 1], x2 = R[q + 2], x3 = R[q + 3];
          s00 += x0 * u; s01 += x0 * v; s10 += x1 * u; s11 += x1 * v;
          s20 += x2 * u; s21 += x2 * v; s30 += x3 * u; s31 += x3 * v;
        }
        out[o0 + c] = s00; out[o1 + c] = s10; out[o2 + c] = s20; out[o3 + c] = s30;
        if (c + 1 < k) { out[o0 + c + 1] = s01; out[o1 + c + 1] = s11; out[o2 + c + 1] = s21; out[o3 + c + 1] = s31; }
      }
      continue;
    }
    for (let c = 0; c < kp; c += 2) {
      let p = c * d;
      const pe = p + 2 * d;
      let q = 0;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (; p < pe; p += 2, q += 4) {
        const u = bp[p], v = bp[p + 1];
        const x0 = R[q], x1 = R[q + 1], x2 = R[q + 2], x3 = R[q + 3];
        s00 += x0 * u; s01 += x0 * v; s10 += x1 * u; s11 += x1 * v;
        s20 += x2 * u; s21 += x2 * v; s30 += x3 * u; s31 += x3 * v;
      }
      tmp[c] = s00; tmp[c + 1] = s01; tmp[kp + c] = s10; tmp[kp + c + 1] = s11;
      tmp[2 * kp + c] = s20; tmp[2 * kp + c + 1] = s21; tmp[3 * kp + c] = s30; tmp[3 * kp + c + 1] = s31;
    }
    for (let t = 0; t < rowsHere; t++) {
      const o = (i + t) * k, q = t * kp;
      for (let c = 0; c < k; c++) out[o + c] = tmp[q + c];
    }
  }
  return { data: out, rows: n, cols: k };
}

/**
 * Dot product Σ a_i b_i in float64.
 * @throws RangeError on a length mismatch
 */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`dot needs equal lengths; got ${a.length} and ${b.length}.`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Euclidean norm ‖a‖₂, scaled so that it neither overflows nor underflows. */
export function norm2(a: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) { const v = Math.abs(a[i]); if (v > scale) scale = v; }
  if (scale === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) { const v = a[i] / scale; s += v * v; }
  return scale * Math.sqrt(s);
}

/** Euclidean norm of every row (float64, length `M.rows`). */
export function rowNorms(M: Matrix): Float64Array {
  const { data, rows: n, cols: d } = M;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * d;
    for (let j = 0; j < d; j++) { const v = data[o + j]; s += v * v; }
    out[i] = Math.sqrt(s);
  }
  return out;
}

/**
 * Scale every row of M to unit Euclidean norm, in place. Zero rows stay zero (no NaN).
 * @returns M itself
 */
export function normalizeRowsInPlace<T extends Matrix>(M: T): T {
  const { data, rows: n, cols: d } = M;
  const norms = rowNorms(M);
  for (let i = 0; i < n; i++) {
    const nr = norms[i];
    if (nr === 0) continue;
    const inv = 1 / nr;
    const o = i * d;
    for (let j = 0; j < d; j++) data[o + j] *= inv;
  }
  return M;
}

/** Squared Frobenius norm of A − 1μᵀ (μ optional), accumulated in float64. */
export function frobeniusSquared(A: Matrix, mean?: ArrayLike<number>): number {
  const { data, rows: n, cols: d } = A;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let j = 0; j < d; j++) { const v = mean ? data[o + j] - mean[j] : data[o + j]; s += v * v; }
  }
  return s;
}

/** Transpose into a new matrix of the same dtype. */
export function transpose(A: Matrix): Matrix {
  const { data, rows: n, cols: d } = A;
  const out = allocate(dtypeOf(data), n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[j * n + i] = data[i * d + j];
  return { data: out, rows: d, cols: n };
}
