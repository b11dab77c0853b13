/**
 * Inner loops shared by KMeans and MiniBatchKMeans. Kernels trust their inputs
 * (validated once at the public boundary). Points are stored in the caller's dtype
 * (float32 or float64, row-major); centres are always a Float64Array (k x d,
 * row-major) and every sum is accumulated in float64.
 */
import type { FloatArray } from '@embfact/core';

/**
 * Squared Euclidean distance between point row `xo` of `X` and centre row `co` of `C` (length d).
 * Eight partial sums s_(t mod 8) (four v128 accumulators in the wasm kernel, src/wasm/kernels.wat,
 * which repeats these operations exactly; eight independent chains also hide the add latency),
 * then one step of four, the rest into s0; result ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
 */
export function sqDist(X: FloatArray, xo: number, C: Float64Array, co: number, d: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let t = 0;
  for (; t + 7 < d; t += 8) {
    const a = X[xo + t] - C[co + t];
    const b = X[xo + t + 1] - C[co + t + 1];
    const c = X[xo + t + 2] - C[co + t + 2];
    const e = X[xo + t + 3] - C[co + t + 3];
    const f = X[xo + t + 4] - C[co + t + 4];
    const g = X[xo + t + 5] - C[co + t + 5];
    const h = X[xo + t + 6] - C[co + t + 6];
    const q = X[xo + t + 7] - C[co + t + 7];
    s0 += a * a; s1 += b * b; s2 += c * c; s3 += e * e;
    s4 += f * f; s5 += g * g; s6 += h * h; s7 += q * q;
  }
  if (t + 3 < d) {
    const a = X[xo + t] - C[co + t];
    const b = X[xo + t + 1] - C[co + t + 1];
    const c = X[xo + t + 2] - C[co + t + 2];
    const e = X[xo + t + 3] - C[co + t + 3];
    s0 += a * a; s1 += b * b; s2 += c * c; s3 += e * e;
    t += 4;
  }
  for (; t < d; t++) { const a = X[xo + t] - C[co + t]; s0 += a * a; }
  return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
}

/**
 * Nearest and second-nearest centre of point `i` over all k centres (squared distances).
 * Ties go to the lowest centre index (as a plain argmin). Writes into `out`:
 * out[0] = best index, out[1] = best squared distance, out[2] = second-best squared distance
 * (Infinity when k = 1).
 *
 * Four centres are processed per pass over the point so each coordinate of x is
 * loaded once for four centres (memory traffic, not flops, bounds this loop in V8).
 */
export function nearestTwo(X: FloatArray, i: number, C: Float64Array, k: number, d: number, out: Float64Array): void {
  const xo = i * d;
  let best = -1, bd = Infinity, sd = Infinity;
  let j = 0;
  for (; j + 3 < k; j += 4) {
    const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let t = 0; t < d; t++) {
      const x = X[xo + t];
      const a = x - C[o0 + t];
      const b = x - C[o1 + t];
      const c = x - C[o2 + t];
      const e = x - C[o3 + t];
      s0 += a * a; s1 += b * b; s2 += c * c; s3 += e * e;
    }
    if (s0 < bd) { sd = bd; bd = s0; best = j; } else if (s0 < sd) sd = s0;
    if (s1 < bd) { sd = bd; bd = s1; best = j + 1; } else if (s1 < sd) sd = s1;
    if (s2 < bd) { sd = bd; bd = s2; best = j + 2; } else if (s2 < sd) sd = s2;
    if (s3 < bd) { sd = bd; bd = s3; best = j + 3; } else if (s3 < sd) sd = s3;
  }
  for (; j < k; j++) {
    const s = sqDist(X, xo, C, j * d, d);
    if (s < bd) { sd = bd; bd = s; best = j; } else if (s < sd) sd = s;
  }
  out[0] = best; out[1] = bd; out[2] = sd;
}

/**
 * Column means of X, or null when they are all exactly 0. Fit subtracts them first, as
 * scikit-learn does: the distance kernels use ‖x‖² − 2x·c + ‖c‖², whose rounding error grows
 * with (distance from the origin / cluster spread)², and at an offset of 1e9 over unit clusters
 * every digit is lost. (A test on the ratio of the means to the spread is not enough: one far
 * outlier inflates the spread and hides the offset of the clusters.)
 */
export function offsetToRemove(X: FloatArray, n: number, d: number): Float64Array | null {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) { const o = i * d; for (let t = 0; t < d; t++) mean[t] += X[o + t]; }
  let any = false;
  for (let t = 0; t < d; t++) { mean[t] /= n; if (mean[t] !== 0) any = true; }
  return any ? mean : null;
}

/** X − 1·offsetᵀ (n x d), float32 when `f32` (rounded after the subtraction), else float64. */
export function subtractOffset(X: ArrayLike<number>, n: number, d: number, offset: Float64Array, f32: boolean): FloatArray {
  const out = f32 ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let i = 0; i < n; i++) { const o = i * d; for (let t = 0; t < d; t++) out[o + t] = X[o + t] - offset[t]; }
  return out;
}

/** C + 1·offsetᵀ in place (k x d): centres fitted on centred data back in X's coordinates. */
export function addOffsetInPlace(C: Float64Array, d: number, offset: Float64Array): Float64Array {
  for (let i = 0; i < C.length; i++) C[i] += offset[i % d];
  return C;
}

/** Mean of the per-column (unweighted, population) variances of X: scikit-learn's `_tolerance` base. */
export function meanColumnVariance(X: FloatArray, n: number, d: number): number {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) { const o = i * d; for (let t = 0; t < d; t++) mean[t] += X[o + t]; }
  for (let t = 0; t < d; t++) mean[t] /= n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let t = 0; t < d; t++) { const v = X[o + t] - mean[t]; s += v * v; }
  }
  return s / (n * d);
}

/**
 * Row-normalized copy of X in the same dtype. Each row is divided by its largest |entry| before
 * the norm is taken, so rows of 1e-200 or 1e200 normalize without underflow or overflow.
 * Throws RangeError naming the first zero row.
 */
export function normalizedRows(X: FloatArray, n: number, d: number, name: string): FloatArray {
  const out = X instanceof Float32Array ? new Float32Array(X.length) : new Float64Array(X.length);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let m = 0;
    for (let t = 0; t < d; t++) m = Math.max(m, Math.abs(X[o + t]));
    if (!(m > 0)) {
      throw new RangeError(`${name} must have rows of non-zero norm for spherical (cosine) k-means; row ${i} is all zeros.`);
    }
    let s = 0;
    for (let t = 0; t < d; t++) { const v = X[o + t] / m; s += v * v; }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) out[o + t] = (X[o + t] / m) * inv;
  }
  return out;
}

/** Normalize each of the k rows of C (length d) in place; returns false if some row has zero norm. */
export function normalizeCentresInPlace(C: Float64Array, k: number, d: number): boolean {
  let ok = true;
  for (let j = 0; j < k; j++) {
    const o = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) s += C[o + t] * C[o + t];
    if (!(s > 0)) { ok = false; continue; }
    const inv = 1 / Math.sqrt(s);
    for (let t = 0; t < d; t++) C[o + t] *= inv;
  }
  return ok;
}

/**
 * Squared distances of points [i0, i0 + m) (m ≤ 2) to all k centres, by the expansion
 * ‖x‖² − 2 x·c + ‖c‖² (clamped at 0), written to out[(i − i0) * k + j]. `xsq` and `csq` hold
 * the squared norms. Two points x four centres are processed per pass over the coordinates
 * (eight accumulators, six loads per eight multiply-adds): the register-blocked form of the
 * GEMM that BLAS-based k-means uses, which is what bounds the first (unpruned) iteration.
 */
export function blockDistances(
  X: FloatArray, i0: number, m: number, C: Float64Array, k: number, d: number,
  xsq: Float64Array, csq: Float64Array, out: Float64Array,
): void {
  const xa = i0 * d;
  if (m === 2) {
    const xb = xa + d;
    const na = xsq[i0], nb = xsq[i0 + 1];
    let j = 0;
    for (; j + 3 < k; j += 4) {
      const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
      for (let t = 0; t < d; t++) {
        const x = X[xa + t], y = X[xb + t];
        const c0 = C[o0 + t], c1 = C[o1 + t], c2 = C[o2 + t], c3 = C[o3 + t];
        a0 += x * c0; a1 += x * c1; a2 += x * c2; a3 += x * c3;
        b0 += y * c0; b1 += y * c1; b2 += y * c2; b3 += y * c3;
      }
      let v: number;
      v = na - 2 * a0 + csq[j]; out[j] = v > 0 ? v : 0;
      v = na - 2 * a1 + csq[j + 1]; out[j + 1] = v > 0 ? v : 0;
      v = na - 2 * a2 + csq[j + 2]; out[j + 2] = v > 0 ? v : 0;
      v = na - 2 * a3 + csq[j + 3]; out[j + 3] = v > 0 ? v : 0;
      v = nb - 2 * b0 + csq[j]; out[k + j] = v > 0 ? v : 0;
      v = nb - 2 * b1 + csq[j + 1]; out[k + j + 1] = v > 0 ? v : 0;
      v = nb - 2 * b2 + csq[j + 2]; out[k + j + 2] = v > 0 ? v : 0;
      v = nb - 2 * b3 + csq[j + 3]; out[k + j + 3] = v > 0 ? v : 0;
    }
    for (; j < k; j++) {
      const o = j * d;
      let a = 0, b = 0;
      for (let t = 0; t < d; t++) { const c = C[o + t]; a += X[xa + t] * c; b += X[xb + t] * c; }
      let v = na - 2 * a + csq[j]; out[j] = v > 0 ? v : 0;
      v = nb - 2 * b + csq[j]; out[k + j] = v > 0 ? v : 0;
    }
    return;
  }
  const na = xsq[i0];
  for (let j = 0; j < k; j++) {
    const o = j * d;
    let a = 0;
    for (let t = 0; t < d; t++) a += X[xa + t] * C[o + t];
    const v = na - 2 * a + csq[j];
    out[j] = v > 0 ? v : 0;
  }
}

/**
 * Euclidean distances (not squared) from point `i` to all k centres into `out[o .. o + k)`,
 * four centres per pass over the point (each coordinate of x loaded once per four centres).
 */
export function allDistances(X: FloatArray, i: number, C: Float64Array, k: number, d: number, out: Float64Array, o: number): void {
  const xo = i * d;
  let j = 0;
  for (; j + 3 < k; j += 4) {
    const o0 = j * d, o1 = o0 + d, o2 = o1 + d, o3 = o2 + d;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let t = 0; t < d; t++) {
      const x = X[xo + t];
      const a = x - C[o0 + t];
      const b = x - C[o1 + t];
      const c = x - C[o2 + t];
      const e = x - C[o3 + t];
      s0 += a * a; s1 += b * b; s2 += c * c; s3 += e * e;
    }
    out[o + j] = Math.sqrt(s0); out[o + j + 1] = Math.sqrt(s1); out[o + j + 2] = Math.sqrt(s2); out[o + j + 3] = Math.sqrt(s3);
  }
  for (; j < k; j++) out[o + j] = Math.sqrt(sqDist(X, xo, C, j * d, d));
}

// ---------------------------------------------------------------- float32 arithmetic
// KMeans' precision 'float32': the points are float32, the centres are rounded to float32 and
// every distance is computed in float32 arithmetic, as scikit-learn does for float32 input.
// Math.fround after each operation gives the float32 result exactly (an operation on two float32
// values is computed exactly or with innocuous double rounding in float64), so these repeat the
// f32x4 kernels of src/wasm/kernels.wat bit for bit. The sums are returned widened to float64.

const fr = Math.fround;

/** {@link sqDist} in float32: the same eight partial sums, step of four and final order. */
export function sqDist32(X: Float32Array, xo: number, C: Float32Array, co: number, d: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
  let t = 0;
  for (; t + 7 < d; t += 8) {
    const a = fr(X[xo + t] - C[co + t]);
    const b = fr(X[xo + t + 1] - C[co + t + 1]);
    const c = fr(X[xo + t + 2] - C[co + t + 2]);
    const e = fr(X[xo + t + 3] - C[co + t + 3]);
    const f = fr(X[xo + t + 4] - C[co + t + 4]);
    const g = fr(X[xo + t + 5] - C[co + t + 5]);
    const h = fr(X[xo + t + 6] - C[co + t + 6]);
    const q = fr(X[xo + t + 7] - C[co + t + 7]);
    s0 = fr(s0 + fr(a * a)); s1 = fr(s1 + fr(b * b)); s2 = fr(s2 + fr(c * c)); s3 = fr(s3 + fr(e * e));
    s4 = fr(s4 + fr(f * f)); s5 = fr(s5 + fr(g * g)); s6 = fr(s6 + fr(h * h)); s7 = fr(s7 + fr(q * q));
  }
  if (t + 3 < d) {
    const a = fr(X[xo + t] - C[co + t]);
    const b = fr(X[xo + t + 1] - C[co + t + 1]);
    const c = fr(X[xo + t + 2] - C[co + t + 2]);
    const e = fr(X[xo + t + 3] - C[co + t + 3]);
    s0 = fr(s0 + fr(a * a)); s1 = fr(s1 + fr(b * b)); s2 = fr(s2 + fr(c * c)); s3 = fr(s3 + fr(e * e));
    t += 4;
  }
  for (; t < d; t++) { const a = fr(X[xo + t] - C[co + t]); s0 = fr(s0 + fr(a * a)); }
  return fr(fr(fr(s0 + s1) + fr(s2 + s3)) + fr(fr(s4 + s5) + fr(s6 + s7)));
}

/**
 * Squared (or, when `squared` is false, plain) distances in float32 arithmetic from point row
 * `xo` of X to all k centres into out[o .. o + k): one sequential float32 sum per centre for the
 * first 4⌊k/4⌋ centres (the lanes of the wasm panels), {@link sqDist32} for the rest; square
 * roots in float64.
 */
export function dists32(
  X: Float32Array, xo: number, C: Float32Array, k: number, d: number, out: Float64Array, o: number, squared: boolean,
): void {
  const k4 = k & ~3;
  for (let j = 0; j < k4; j++) {
    const co = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) { const e = fr(X[xo + t] - C[co + t]); s = fr(s + fr(e * e)); }
    out[o + j] = squared ? s : Math.sqrt(s);
  }
  for (let j = k4; j < k; j++) {
    const s = sqDist32(X, xo, C, j * d, d);
    out[o + j] = squared ? s : Math.sqrt(s);
  }
}

/** nearestTwo (kernels.ts) in float32 arithmetic: the squared distances of {@link dists32} into `buf`, scanned in index order. */
export function nearestTwo32(X: Float32Array, i: number, C: Float32Array, k: number, d: number, buf: Float64Array, out: Float64Array): void {
  dists32(X, i * d, C, k, d, buf, 0, true);
  let best = -1, bd = Infinity, sd = Infinity;
  for (let j = 0; j < k; j++) {
    const v = buf[j];
    if (v < bd) { sd = bd; bd = v; best = j; } else if (v < sd) sd = v;
  }
  out[0] = best; out[1] = bd; out[2] = sd;
}

/** Limits of the two arithmetics: largest finite, smallest normal, unit roundoff. */
const ARITHMETIC = {
  float64: { max: Number.MAX_VALUE, minNormal: 2.2250738585072014e-308, eps: Number.EPSILON },
  float32: { max: 3.4028234663852886e38, minNormal: 1.1754943508222875e-38, eps: 2 ** -23 },
} as const;

/**
 * Range of data scales (the largest |x|) for which squared distances between points of d
 * columns are meaningful in the given arithmetic: above `upper` a squared distance, at most
 * d · (2 max|x|)², can overflow; below `lower` squared distances down to eps · max|x|² fall
 * under the smallest normal number and lose their digits (or become 0).
 */
export function distanceScaleLimits(d: number, precision: 'float64' | 'float32'): { lower: number; upper: number } {
  const a = ARITHMETIC[precision];
  return { lower: Math.sqrt(a.minNormal / a.eps), upper: Math.sqrt(a.max / (4 * d)) };
}

/**
 * Throws a RangeError when the n x d matrix X is out of the scale range of
 * {@link distanceScaleLimits}: an entry too large (including float64 values that overflowed
 * to ±Infinity when rounded to float32), or a largest |x| that is positive but too small.
 * All-zero data passes (it is reported elsewhere as identical points). `name` names the argument.
 * `underflow: false` checks the upper limit only (new points scored against fitted centres,
 * where the centres set the scale).
 */
export function checkDistanceScale(
  X: FloatArray, n: number, d: number, name: string, precision: 'float64' | 'float32', underflow = true,
): void {
  const { lower, upper } = distanceScaleLimits(d, precision);
  const fix = precision === 'float32' ? "Use precision 'float64' or rescale the data" : 'Rescale the data';
  let maxAbs = 0;
  for (let i = 0; i < n * d; i++) {
    const a = Math.abs(X[i]);
    if (!(a <= upper)) {
      const r = Math.floor(i / d), c = i % d;
      const what = Number.isFinite(precision === 'float32' ? Math.fround(a) : a)
        ? `an entry of magnitude ${a.toPrecision(3)}` : 'an entry too large for float32 (it rounds to Infinity)';
      throw new RangeError(
        `${name} has ${what} at row ${r}, column ${c}; with precision '${precision}' squared distances overflow ${precision} above ` +
          `|x| = ${upper.toPrecision(3)} for ${d} columns. ${fix} (k-means labels do not change when every entry is multiplied by one constant).`,
      );
    }
    if (a > maxAbs) maxAbs = a;
  }
  if (underflow && maxAbs > 0 && maxAbs < lower) {
    throw new RangeError(
      `${name} has no entry larger than ${maxAbs.toPrecision(3)} in magnitude; with precision '${precision}' squared distances ` +
        `underflow for data on a scale below ${lower.toPrecision(3)}. ${fix} (k-means labels do not change when every entry ` +
        'is multiplied by one constant).',
    );
  }
}
