/**
 * Dense kernels on row-major typed arrays: column means, centering, Gram matrix,
 * matrix products, vector helpers.
 *
 * All kernels accept Float32Array or Float64Array storage and accumulate in float64.
 * They trust their inputs (shapes are checked with RangeError only where a mismatch
 * would silently produce garbage); public estimators call `checkMatrix` first.
 */
import { allocate, dtypeOf, type DType, type FloatArray, type Matrix } from './matrix.js';
import { maxThreads, PARALLEL_MIN_WORK, runWithWorker } from './parallel.js';
import { gramRows, multiplyRows, packColumnPairs } from './row-kernels.js';

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
 * Cost n·d²/2 multiply-adds (upper triangle, mirrored), one streaming pass over A; the
 * block layout is described in `gramRows` (src/row-kernels.ts).
 *
 * Threads: when n·d²/2 ≥ {@link PARALLEL_MIN_WORK} the rows are split in two fixed halves
 * whose partial sums are added in a fixed order, and the second half runs on a worker
 * thread when two threads are allowed (`opts.threads`, else the `EMBFACT_THREADS`
 * environment variable, else 2, capped by `os.availableParallelism()`). The split depends
 * only on the size, so the result is bitwise the same with 1 or 2 threads and on every run.
 *
 * @param A - n×d matrix, float32 or float64 storage (a non-shared buffer is copied once for
 *   the worker's half; the input is never modified)
 * @param opts.mean - optional length-d vector subtracted from every row on the fly
 * @param opts.onProgress - called with (rows done, n, 'gram') about every 16k rows
 * @param opts.threads - at most this many threads (integer ≥ 1; 1 = single-threaded)
 * @returns d×d symmetric float64 matrix
 * @throws RangeError on a `mean` of the wrong length or a bad `threads` / `EMBFACT_THREADS`
 * @example gram(A, { mean: columnMeans(A) }) // = (n−1)·covariance
 */
export function gram(
  A: Matrix,
  opts: { mean?: ArrayLike<number>; onProgress?: (done: number, total: number, label?: string) => void; threads?: number } = {},
): Matrix<Float64Array> {
  const { data, rows: n, cols: d } = A;
  if (opts.mean !== undefined && opts.mean.length !== d) {
    throw new RangeError(`The 'mean' option of gram must have length ${d}; got ${opts.mean.length}.`);
  }
  const threads = maxThreads(opts.threads, 'gram');
  const mean = opts.mean === undefined ? null : Float64Array.from(opts.mean);
  const onProgress = opts.onProgress;
  const dp = (d + 3) & ~3;
  const Gp = new Float64Array(dp * dp);
  if ((n * d * d) / 2 < PARALLEL_MIN_WORK) {
    gramRows(data, n, d, mean, Gp, onProgress ? (done) => onProgress(done, n, 'gram') : null);
  } else {
    const h = n >> 1;
    const top = data.subarray(0, h * d), bottom = data.subarray(h * d, n * d);
    let Gb: Float64Array;
    if (threads >= 2) {
      // The main thread's progress stands for both halves (they run at the same speed).
      Gb = runWithWorker({ op: 'gram', a: bottom, m: n - h, d, mean }, () => {
        gramRows(top, h, d, mean, Gp, onProgress ? (done) => onProgress(Math.min(n, Math.round((done * n) / h)), n, 'gram') : null);
      }) as Float64Array;
    } else {
      gramRows(top, h, d, mean, Gp, onProgress ? (done) => onProgress(done, n, 'gram') : null);
      Gb = new Float64Array(dp * dp);
      gramRows(bottom, n - h, d, mean, Gb, onProgress ? (done) => onProgress(h + done, n, 'gram') : null);
    }
    for (let i = 0; i < Gp.length; i++) Gp[i] += Gb[i];
  }
  onProgress?.(n, n, 'gram');
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
  /**
   * At most this many threads (integer ≥ 1; 1 = single-threaded). Default: the
   * `EMBFACT_THREADS` environment variable, else 2, capped by `os.availableParallelism()`.
   * Used by `matmul` / `matmulTransB` when n·d·k ≥ {@link PARALLEL_MIN_WORK}; the result is
   * then allocated on a SharedArrayBuffer and is bitwise the same as single-threaded.
   */
  threads?: number;
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
  return multiplyByTransposed(A, transposeToF64(B), B.cols, opts, 'matmul');
}

/**
 * C = (A − 1μᵀ) Bᵀ for n×d A and k×d B.
 * @returns n×k matrix (float64 unless `opts.dtype`)
 * @throws RangeError when `A.cols !== B.cols`
 */
export function matmulTransB(A: Matrix, B: Matrix, opts: MatmulOptions = {}): Matrix {
  if (A.cols !== B.cols) throw new RangeError(`matmulTransB needs A.cols = B.cols; got A ${A.rows}×${A.cols} and B ${B.rows}×${B.cols}.`);
  const bt = B.data instanceof Float64Array ? B.data : Float64Array.from(B.data);
  return multiplyByTransposed(A, bt, B.rows, opts, 'matmulTransB');
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
 * C (n×k) = (A − 1μᵀ) Btᵀ with Bt given as a k×d float64 row-major array (kernel:
 * `multiplyRows` in src/row-kernels.ts). When n·d·k ≥ {@link PARALLEL_MIN_WORK} and two
 * threads are allowed, the second half of the rows runs on the worker and C is allocated
 * on a SharedArrayBuffer; each row is computed by the same arithmetic either way, so the
 * result is bitwise the same with 1 or 2 threads.
 */
function multiplyByTransposed(A: Matrix, bt: Float64Array, k: number, opts: MatmulOptions, where: string): Matrix {
  const { data: a, rows: n, cols: d } = A;
  if (opts.mean !== undefined && opts.mean.length !== d) throw new RangeError(`The 'mean' option must have length ${d}; got ${opts.mean.length}.`);
  const threads = maxThreads(opts.threads, where);
  const mean = opts.mean === undefined ? null : Float64Array.from(opts.mean);
  const dtype = opts.dtype ?? 'float64';
  const bp = packColumnPairs(bt, k, d);
  if (threads < 2 || n * d * k < PARALLEL_MIN_WORK) {
    const out = allocate(dtype, n * k);
    multiplyRows(a, n, d, mean, bp, k, out);
    return { data: out, rows: n, cols: k };
  }
  // The worker writes its rows straight into C, so C lives on a SharedArrayBuffer.
  const bytes = (dtype === 'float32' ? 4 : 8) * n * k;
  const out: FloatArray = dtype === 'float32' ? new Float32Array(new SharedArrayBuffer(bytes)) : new Float64Array(new SharedArrayBuffer(bytes));
  const h = n >> 1;
  runWithWorker({ op: 'multiply', a: a.subarray(h * d, n * d), m: n - h, d, mean, bp, k, out: out.subarray(h * k) }, () => {
    multiplyRows(a.subarray(0, h * d), h, d, mean, bp, k, out.subarray(0, h * k));
  });
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
