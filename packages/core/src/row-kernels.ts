/**
 * The two streaming kernels that {@link ./parallel.ts} may run on a worker thread: the Gram
 * accumulation and the product with a packed right factor, each over a block of rows.
 *
 * Both functions are self-contained on purpose — they use only their arguments and
 * built-ins, no imports and no nested functions — because the worker is started from their
 * source text (`fn.toString()`), which runs the same from `src` (vitest) and from `dist`.
 * Keep them that way when editing.
 */
import type { FloatArray } from './matrix.js';

/**
 * Accumulate (A_blk − 1μᵀ)ᵀ(A_blk − 1μᵀ) of the first m rows of `data` (row-major, d
 * columns) into the upper triangle of the padded dp×dp float64 matrix `Gp`, dp = d rounded
 * up to a multiple of 4.
 *
 * Layout chosen for speed: a chunk of B rows is transposed (and centered) into a
 * column-major float64 scratch T (feature j = T[j*B .. j*B+m)), padded to a multiple of 4
 * features with zeros; G's upper triangle is then built from 4×2 register blocks of
 * contiguous dot products (6 loads per 8 multiply-adds, about 2× the rank-1 loop).
 *
 * @param progress - called with the rows done about every 16k rows, or null
 */
export function gramRows(
  data: FloatArray, m: number, d: number, mean: ArrayLike<number> | null, Gp: Float64Array,
  progress: ((done: number) => void) | null,
): void {
  const B = 256;
  const dp = (d + 3) & ~3;
  const T = new Float64Array(dp * B);
  for (let s = 0; s < m; s += B) {
    const mb = Math.min(B, m - s);
    if (mb < B) T.fill(0);
    for (let i = 0; i < mb; i++) {
      const o = (s + i) * d;
      if (mean) for (let j = 0; j < d; j++) T[j * B + i] = data[o + j] - mean[j];
      else for (let j = 0; j < d; j++) T[j * B + i] = data[o + j];
    }
    for (let a = 0; a < dp; a += 4) {
      const a0 = a * B, a1 = a0 + B, a2 = a1 + B, a3 = a2 + B;
      for (let c = a; c < dp; c += 2) {
        const c0 = c * B, c1 = c0 + B;
        let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        for (let r = 0; r < mb; r++) {
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
    if (progress !== null && ((s / B) & 63) === 63) progress(s + mb);
  }
}

/**
 * out (m×k, row-major) = (A_blk − 1μᵀ) Btᵀ for the first m rows of `a` (d columns), with
 * Bt packed by {@link packColumnPairs} into `bp`.
 *
 * Layout chosen for speed: 4 rows of A are centered into one interleaved float64 scratch
 * (R[4j + t] = row t, feature j) and the columns of Bt are interleaved in pairs, so the
 * 4×2 register block of the inner loop reads two short contiguous runs (measured ≈ 1.5×
 * faster than four separate row buffers). Every output row is computed by the same
 * arithmetic whatever block it falls in, so splitting the rows never changes a result.
 */
export function multiplyRows(
  a: FloatArray, m: number, d: number, mean: ArrayLike<number> | null, bp: Float64Array, k: number, out: FloatArray,
): void {
  const kp = (k + 1) & ~1;
  const R = new Float64Array(4 * d);
  const tmp = new Float64Array(4 * kp);
  for (let i = 0; i < m; i += 4) {
    const rowsHere = Math.min(4, m - i);
    if (rowsHere < 4) R.fill(0);
    for (let t = 0; t < rowsHere; t++) {
      const o = (i + t) * d;
      if (mean) for (let j = 0; j < d; j++) R[4 * j + t] = a[o + j] - mean[j];
      else for (let j = 0; j < d; j++) R[4 * j + t] = a[o + j];
    }
    // A full block writes its 4×2 results straight into the output; the last, partial
    // block goes through `tmp` (its missing rows are zeros and have no place in `out`).
    const full = rowsHere === 4;
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
      if (full) {
        out[o0 + c] = s00; out[o1 + c] = s10; out[o2 + c] = s20; out[o3 + c] = s30;
        if (c + 1 < k) { out[o0 + c + 1] = s01; out[o1 + c + 1] = s11; out[o2 + c + 1] = s21; out[o3 + c + 1] = s31; }
      } else {
        tmp[c] = s00; tmp[c + 1] = s01; tmp[kp + c] = s10; tmp[kp + c + 1] = s11;
        tmp[2 * kp + c] = s20; tmp[2 * kp + c + 1] = s21; tmp[3 * kp + c] = s30; tmp[3 * kp + c + 1] = s31;
      }
    }
    if (full) continue;
    for (let t = 0; t < rowsHere; t++) {
      const o = (i + t) * k, q = t * kp;
      for (let c = 0; c < k; c++) out[o + c] = tmp[q + c];
    }
  }
}

/**
 * Pack a k×d row-major float64 Bt for {@link multiplyRows}: columns interleaved in pairs,
 * bp[(c & ~1)·d + 2j + (c & 1)] = Bt[c, j], a zero column appended when k is odd.
 */
export function packColumnPairs(bt: Float64Array, k: number, d: number): Float64Array {
  const kp = (k + 1) & ~1;
  const bp = new Float64Array(kp * d);
  for (let c = 0; c < k; c++) {
    const base = (c & ~1) * d + (c & 1);
    for (let j = 0; j < d; j++) bp[base + 2 * j] = bt[c * d + j];
  }
  return bp;
}
