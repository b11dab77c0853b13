/**
 * The dense matrix type used across embfact, and the single input check.
 *
 * A matrix is `{ data, rows, cols }` with `data` row-major: entry (i, j) is
 * `data[i * cols + j]`. Big matrices are stored in float32, small ones and
 * results of accumulations in float64. Kernels trust their inputs; public entry
 * points call {@link checkMatrix} once at the boundary.
 */
import { describe } from './errors.js';

/** Typed array kinds a {@link Matrix} may hold. */
export type FloatArray = Float32Array | Float64Array;
/** `'float32'` or `'float64'`. */
export type DType = 'float32' | 'float64';

/** Dense row-major matrix. `data.length === rows * cols`. */
export interface Matrix<T extends FloatArray = FloatArray> {
  readonly data: T;
  readonly rows: number;
  readonly cols: number;
}

/** Anything {@link checkMatrix} accepts: a {@link Matrix} or an array of equal-length number rows. */
export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>>;

/** dtype of a typed array. */
export function dtypeOf(a: FloatArray): DType {
  return a instanceof Float32Array ? 'float32' : 'float64';
}

/** Allocate a typed array of the given dtype. */
export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float32' ? new Float32Array(length) : new Float64Array(length);
}

/**
 * Create a zero-filled matrix.
 * @param rows - number of rows (≥ 0)
 * @param cols - number of columns (≥ 0)
 * @param dtype - storage type, default `'float64'`
 */
export function zeros(rows: number, cols: number, dtype: DType = 'float64'): Matrix {
  return { data: allocate(dtype, rows * cols), rows, cols };
}

/** Wrap an existing row-major typed array (no copy). Throws RangeError on a length mismatch. */
export function fromData<T extends FloatArray>(data: T, rows: number, cols: number): Matrix<T> {
  if (data.length !== rows * cols) {
    throw new RangeError(`Matrix data must have rows * cols = ${rows} * ${cols} = ${rows * cols} entries; got ${data.length}.`);
  }
  return { data, rows, cols };
}

/** Copy `number[][]` into a float64 matrix (no validation: use {@link checkMatrix} for user input). */
export function fromRows(rows: ArrayLike<ArrayLike<number>>, dtype: DType = 'float64'): Matrix {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const out = allocate(dtype, n * d);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    for (let j = 0; j < d; j++) out[i * d + j] = r[j];
  }
  return { data: out, rows: n, cols: d };
}

/** Rows as plain `number[][]` (for JSON, tests and small outputs). */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

/** A view (no copy) of row `i`. */
export function row<T extends FloatArray>(m: Matrix<T>, i: number): T {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols) as T;
}

/** A deep copy, optionally converted to another dtype. */
export function clone(m: Matrix, dtype: DType = dtypeOf(m.data)): Matrix {
  const out = allocate(dtype, m.data.length);
  out.set(m.data);
  return { data: out, rows: m.rows, cols: m.cols };
}

/** Convert to float64 (returns the input itself when it already is float64). */
export function asFloat64(m: Matrix): Matrix<Float64Array> {
  if (m.data instanceof Float64Array) return m as Matrix<Float64Array>;
  return clone(m, 'float64') as Matrix<Float64Array>;
}

/** Options of {@link checkMatrix}. */
export interface CheckMatrixOptions {
  /** Minimum number of rows (default 1). */
  minRows?: number;
  /** Minimum number of columns (default 1). */
  minCols?: number;
  /** Required number of columns, if any. */
  cols?: number;
  /** Reject NaN / ±Infinity (default true). */
  finite?: boolean;
}

/**
 * The one input check: accepts a {@link Matrix} or `number[][]`, verifies shape and
 * finiteness once, and returns a {@link Matrix} (the same object when it already was one;
 * never mutated). `name` is used in messages, e.g. `"The 'X' argument of Whitening.fit"`.
 *
 * @throws TypeError when `x` is not a matrix or array of rows
 * @throws RangeError on ragged rows, too few rows/columns, a wrong column count, or a non-finite entry
 * @example
 * const X = checkMatrix([[1, 2], [3, 4]], "The 'X' argument of fit");
 */
export function checkMatrix(x: unknown, name: string, opts: CheckMatrixOptions = {}): Matrix {
  const { minRows = 1, minCols = 1, finite = true } = opts;
  let m: Matrix;
  if (isMatrix(x)) {
    if (x.data.length !== x.rows * x.cols) {
      throw new RangeError(`${name} must have data.length = rows * cols = ${x.rows * x.cols}; got ${x.data.length}.`);
    }
    m = x;
  } else if (Array.isArray(x) || (x !== null && typeof x === 'object' && 'length' in (x as object) && !ArrayBuffer.isView(x))) {
    const rowsIn = x as ArrayLike<unknown>;
    const n = rowsIn.length;
    const first = rowsIn[0];
    const d = n > 0 && first !== null && typeof first === 'object' && 'length' in (first as object) ? (first as ArrayLike<number>).length : 0;
    for (let i = 0; i < n; i++) {
      const r = rowsIn[i] as ArrayLike<number> | null;
      if (r === null || typeof r !== 'object' || typeof r.length !== 'number') {
        throw new TypeError(`${name} must be an array of number rows; row ${i} is ${describe(r)}.`);
      }
      if (r.length !== d) throw new RangeError(`${name} must have rows of equal length ${d}; row ${i} has length ${r.length}.`);
      for (let j = 0; j < d; j++) {
        if (typeof r[j] !== 'number') throw new TypeError(`${name} must contain numbers; entry (${i}, ${j}) is ${describe(r[j])}.`);
      }
    }
    m = fromRows(rowsIn as ArrayLike<ArrayLike<number>>);
  } else {
    throw new TypeError(`${name} must be a Matrix ({ data, rows, cols }) or an array of number rows; got ${describe(x)}.`);
  }
  if (m.rows < minRows) throw new RangeError(`${name} must have at least ${minRows} row(s); got ${m.rows}.`);
  if (m.cols < minCols) throw new RangeError(`${name} must have at least ${minCols} column(s); got ${m.cols}.`);
  if (opts.cols !== undefined && m.cols !== opts.cols) {
    throw new RangeError(`${name} must have ${opts.cols} columns; got ${m.cols}.`);
  }
  if (finite) {
    const a = m.data;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v - v !== 0) {
        const r = Math.floor(i / m.cols);
        throw new RangeError(`${name} must be finite; entry (${r}, ${i - r * m.cols}) is ${describe(v)}.`);
      }
    }
  }
  return m;
}

/** True when `x` looks like a {@link Matrix} (typed data + integer rows/cols). */
export function isMatrix(x: unknown): x is Matrix {
  if (x === null || typeof x !== 'object') return false;
  const m = x as Partial<Matrix>;
  return (m.data instanceof Float32Array || m.data instanceof Float64Array) &&
    Number.isInteger(m.rows) && Number.isInteger(m.cols) && (m.rows as number) >= 0 && (m.cols as number) >= 0;
}

/**
 * Validate an integer option and return it, e.g.
 * `checkInt(k, "The 'k' option of Whitening", 1, 100)` →
 * `The 'k' option of Whitening must be an integer in [1, 100]; got 250.`
 */
export function checkInt(v: unknown, name: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${name} must be an integer in [${min}, ${max}]; got ${describe(v)}.`);
  }
  return v;
}

/** Validate a finite number option within [min, max] and return it. */
export function checkNumber(v: unknown, name: string, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new RangeError(`${name} must be a finite number in [${min}, ${max}]; got ${describe(v)}.`);
  }
  return v;
}

/** Validate a string option against a list of allowed values and return it. */
export function checkOneOf<T extends string>(v: unknown, name: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new RangeError(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got ${describe(v)}.`);
  }
  return v as T;
}
