/** Boundary checks shared by the estimators of this package. */
import { FormatError, describe, type Matrix } from '@embfact/core';
import { checkDistanceScale } from './kernels.js';

/**
 * Validate sample weights: length n, finite, >= 0, and at least `minPositive` positive
 * entries. Returns a Float64Array copy, or null when `w` is undefined.
 */
export function checkWeights(w: unknown, n: number, name: string, minPositive: number): Float64Array | null {
  if (w === undefined) return null;
  if (w === null || typeof w !== 'object' || typeof (w as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array of ${n} non-negative numbers; got ${describe(w)}.`);
  }
  const a = w as ArrayLike<number>;
  if (a.length !== n) throw new RangeError(`${name} must have one weight per row (${n}); got ${a.length}.`);
  const out = new Float64Array(n);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${name} must contain finite non-negative numbers; entry ${i} is ${describe(v)}.`);
    }
    out[i] = v;
    if (v > 0) pos++;
  }
  if (pos < minPositive) {
    throw new RangeError(`${name} must have at least ${minPositive} positive weight(s) (one per cluster); got ${pos}.`);
  }
  return out;
}

/**
 * The exponent e that puts `max` (a largest magnitude) in [1, 2) when multiplied by 2^e, or 0
 * when `max` is 0 or already on an ordinary scale, [1e-100, 1e100]: rescaling there gains
 * nothing, and would push the smallest values of a wide range (1e20 next to 1e-300) into
 * subnormal numbers. Multiplying by a power of two is exact.
 */
export function rescaleExponent(max: number): number {
  if (max === 0 || (max >= 1e-100 && max <= 1e100)) return 0;
  // Math.log2 may be off by one near powers of two, so adjust after
  let e = -Math.floor(Math.log2(max));
  while (timesPowerOfTwo(max, e) >= 2) e--;
  while (timesPowerOfTwo(max, e) < 1) e++;
  return e;
}

/**
 * Rescale the weights in place by 2^e with e = {@link rescaleExponent}(largest weight), and
 * return e. Weighted k-means does not change when every weight is multiplied by one constant
 * (labels and centres are the same; inertia scales), so weights on an ordinary scale (e = 0, e.g.
 * all ones) give bit-for-bit the same run. Without it, weights near 1e300 overflow the member
 * sums and weights near 1e-320 underflow them (NaN centres). Undo with
 * {@link timesPowerOfTwo}(inertia, -e).
 */
export function normalizeWeightScale(w: Float64Array): number {
  let max = 0;
  for (let i = 0; i < w.length; i++) if (w[i] > max) max = w[i];
  const e = rescaleExponent(max);
  if (e !== 0) for (let i = 0; i < w.length; i++) w[i] = timesPowerOfTwo(w[i], e);
  return e;
}

/** x · 2^e, in steps that stay inside float64's exponent range (2^e alone may not be representable). */
export function timesPowerOfTwo(x: number, e: number): number {
  let y = x;
  while (e > 1000) { y *= 2 ** 1000; e -= 1000; }
  while (e < -1000) { y *= 2 ** -1000; e += 1000; }
  return y * 2 ** e;
}

/** Validate integer labels (any array of integers) and return them as an Int32Array. */
export function checkLabels(labels: unknown, name: string): Int32Array {
  if (labels === null || typeof labels !== 'object' || typeof (labels as ArrayLike<unknown>).length !== 'number') {
    throw new TypeError(`${name} must be an array of integers; got ${describe(labels)}.`);
  }
  const a = labels as ArrayLike<unknown>;
  const out = new Int32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new TypeError(`${name} must contain integers; entry ${i} is ${describe(v)}.`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Run `build` on part of a saved model, reporting its RangeError / TypeError as a FormatError
 * (a bad file is not a bad call), prefixed with `what`, e.g. "Serialized KMeans has invalid options".
 */
export function fromSaved<T>(what: string, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) throw new FormatError(`${what}: ${e.message}`);
    throw e;
  }
}

/** Throw a FormatError `Serialized <model> state: <what>; got <v>.` unless `ok`. */
export function expectSaved(ok: boolean, model: string, what: string, v: unknown): void {
  if (!ok) throw new FormatError(`Serialized ${model} state: ${what}; got ${describe(v)}.`);
}

/**
 * Saved centres must be usable for distances: no entry too large for the model's arithmetic,
 * and unit rows for a spherical model (fit always stores them so). Throws RangeError (callers
 * wrap it in a FormatError with {@link fromSaved}).
 */
export function checkSavedCentres(C: Matrix, spherical: boolean, precision: 'float64' | 'float32', name: string): void {
  const data = precision === 'float32' ? Float32Array.from(C.data) : C.data;
  checkDistanceScale(data, C.rows, C.cols, name, precision, false);
  if (!spherical) return;
  for (let j = 0; j < C.rows; j++) {
    let s = 0;
    for (let t = 0; t < C.cols; t++) s += C.data[j * C.cols + t] ** 2;
    if (!(Math.abs(Math.sqrt(s) - 1) <= 1e-6)) {
      throw new RangeError(`${name} must be unit rows for a spherical model; row ${j} has norm ${Math.sqrt(s).toPrecision(6)}.`);
    }
  }
}

/** The optional `offset` of a saved model's state (d finite numbers), as a Float64Array; FormatError otherwise. */
export function savedOffset(offset: unknown, d: number, model: string): Float64Array | undefined {
  if (offset === undefined) return undefined;
  expectSaved(Array.isArray(offset) && offset.length === d && offset.every((v) => typeof v === 'number' && Number.isFinite(v)),
    model, `offset must hold d = ${d} finite numbers`, offset);
  return Float64Array.from(offset as number[]);
}
