/**
 * One k-means run from given initial centres: Lloyd iterations, optionally
 * accelerated with Hamerly's bounds (G. Hamerly, "Making k-means even faster",
 * SDM 2010, Algorithm 2), plus greedy k-means++ seeding (Arthur & Vassilvitskii 2007,
 * with the greedy local trials of scikit-learn).
 *
 * Hamerly keeps, per point i, an upper bound u(i) >= ||x_i - c_a(i)|| on the distance to
 * its assigned centre and a lower bound l(i) <= min_{j != a(i)} ||x_i - c_j|| on the
 * distance to every other centre. With s(j) = ½ min_{j' != j} ||c_j - c_j'||, a point whose
 * u(i) <= max(s(a(i)), l(i)) cannot change cluster and is skipped. After the centres move
 * by p(j), u(i) += p(a(i)) and l(i) -= max_{j != a(i)} p(j) keep the bounds valid.
 * The assignment it produces is the one plain Lloyd produces (up to exact ties).
 */
import type { FloatArray, Rng } from '@embfact/core';
import { allDistances, blockDistances, dists32, nearestTwo, nearestTwo32, normalizeCentresInPlace, sqDist, sqDist32 } from './kernels.js';
import { openWasmSpace, runThreads, type WasmSpace } from './wasm.js';

/** Result of one run. */
export interface RunResult {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  nIter: number;
  converged: boolean;
  /** Objective after each iteration's centre update (non-increasing). */
  history: Float64Array;
}

/** Settings of one run (validated by the caller). */
export interface RunSettings {
  maxIter: number;
  /** Absolute tolerance on the sum of squared centre shifts. */
  tol: number;
  algorithm: 'elkan' | 'hamerly' | 'lloyd';
  spherical: boolean;
  /**
   * Kernels of the assignment step: `'auto'` (default) the WebAssembly SIMD ones when available
   * (src/wasm.ts; bitwise the same results), else JavaScript; `'js'` forces JavaScript; `'wasm'`
   * throws when they are unavailable (for tests).
   */
  backend?: 'auto' | 'js' | 'wasm';
  /** Threads of the wasm kernels (1 or 2); default EMBFACT_THREADS, else 2 above 5e7 multiply-adds per pass. */
  threads?: number;
  /**
   * Arithmetic of the distances: `'float64'` (default) or `'float32'` (X must then be a
   * Float32Array; centres rounded to float32 for the distances, sums and centres stay float64).
   */
  precision?: 'float64' | 'float32';
}

/**
 * Run Lloyd / Hamerly from `init` (k x d, copied). `X` is n x d (already unit rows when
 * spherical), `w` the sample weights or null (all ones).
 */
export function runKMeans(
  X: FloatArray, n: number, d: number, k: number, w: Float64Array | null,
  init: Float64Array, s: RunSettings,
): RunResult {
  const elkan = s.algorithm === 'elkan';
  const f32 = s.precision === 'float32';
  if (f32 && !(X instanceof Float32Array)) throw new TypeError('runKMeans: precision float32 needs the points as a Float32Array.');
  let wk: WasmSpace | null = null;
  if (s.backend !== 'js') {
    wk = openWasmSpace(X, n, d, k, elkan, runThreads(s.threads, n, k, d), w, f32);
    if (wk === null && s.backend === 'wasm') throw new Error('The WebAssembly k-means kernels are unavailable here (or in use).');
  }
  try {
    return run(X, n, d, k, w, init, s, wk);
  } finally {
    wk?.release();
  }
}

function run(
  X: FloatArray, n: number, d: number, k: number, w: Float64Array | null,
  init: Float64Array, s: RunSettings, wk: WasmSpace | null,
): RunResult {
  // With the wasm kernels, the arrays they read or write are views of the wasm memory.
  let C = wk ? wk.C : new Float64Array(k * d);
  C.set(init);
  let Cnew = wk ? wk.Cnew : new Float64Array(k * d);
  const labels = wk ? wk.labels : new Int32Array(n);
  labels.fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const upper = wk ? wk.upper : new Float64Array(n);
  const lower = wk ? wk.lower : new Float64Array(n);
  const half = wk ? wk.half : new Float64Array(k);
  const shift = new Float64Array(k);
  const wsum = new Float64Array(k);
  const count = new Int32Array(k); // members with positive weight
  const sqsum = new Float64Array(k);
  const scratch = new Float64Array(3);
  const xsq = wk ? wk.xsq : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let t2 = 0;
    const o = i * d;
    for (let t = 0; t < d; t++) t2 += X[o + t] * X[o + t];
    xsq[i] = t2;
  }
  const history: number[] = [];
  const elkan = s.algorithm === 'elkan';
  // Elkan: one lower bound per (point, centre), n x k; Hamerly: one per point.
  // Elkan's lower bounds are stored anchored: lowerAll[i, j] = l(i, j) + drift[j], where drift[j]
  // is the total distance centre j has moved so far. The bound in force is lowerAll[i, j] − drift[j]
  // (Elkan's update l ← l − p(j) for every point becomes drift[j] += p(j): O(k), not O(n k)).
  const lowerAll = wk ? wk.lowerAll : new Float64Array(elkan ? n * k : 0);
  const drift = wk ? wk.drift : new Float64Array(k);
  drift.fill(0);
  const cc = wk ? wk.cc : new Float64Array(elkan ? k * k : 0);

  const dist2 = new Float64Array(2 * k);
  const csq = new Float64Array(k);
  // Precision 'float32' (JavaScript kernels): the points as float32, the centres rounded to
  // float32 before each assignment, distances by the float32 kernels of kernels.ts.
  const f32 = s.precision === 'float32';
  const X32 = f32 ? (X as Float32Array) : null;
  const C32 = f32 && !wk ? new Float32Array(k * d) : null;
  /** Distance (not squared) from point row o to centre j in the run's arithmetic. */
  const dist = (o: number, j: number): number =>
    Math.sqrt(X32 ? sqDist32(X32, o, C32!, j * d, d) : sqDist(X, o, C, j * d, d));
  /** Every distance (register-blocked kernel); sets labels and the bounds of the chosen algorithm. */
  const fullAssign = (): void => {
    if (wk) { wk.full(C, elkan); return; }
    if (C32) C32.set(C);
    else {
      for (let j = 0; j < k; j++) {
        let t2 = 0;
        for (let t = 0; t < d; t++) t2 += C[j * d + t] * C[j * d + t];
        csq[j] = t2;
      }
    }
    for (let i0 = 0; i0 < n; i0 += X32 ? 1 : 2) {
      // float32: one point at a time, exact differences (as the wasm kernel)
      const m = X32 ? 1 : i0 + 1 < n ? 2 : 1;
      if (X32) dists32(X32, i0 * d, C32!, k, d, dist2, 0, true);
      else blockDistances(X, i0, m, C, k, d, xsq, csq, dist2);
      for (let r = 0; r < m; r++) {
        const i = i0 + r, ro = r * k;
        let best = 0, bd = Infinity, sd = Infinity;
        for (let j = 0; j < k; j++) {
          const v = dist2[ro + j];
          if (v < bd) { sd = bd; bd = v; best = j; } else if (v < sd) sd = v;
        }
        labels[i] = best;
        upper[i] = Math.sqrt(bd);
        if (elkan) {
          const lo = i * k;
          for (let j = 0; j < k; j++) lowerAll[lo + j] = Math.sqrt(dist2[ro + j]) + drift[j];
        } else lower[i] = Math.sqrt(sd);
      }
    }
  };

  const hamerlyAssign = (): void => {
    // s(j): half the distance from centre j to its nearest other centre.
    half.fill(Infinity);
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        const dd = Math.sqrt(sqDist(C, a * d, C, b * d, d)) / 2;
        if (dd < half[a]) half[a] = dd;
        if (dd < half[b]) half[b] = dd;
      }
    }
    if (wk) { wk.hamerly(C); return; }
    if (C32) C32.set(C);
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const m = half[a] > lower[i] ? half[a] : lower[i];
      if (upper[i] <= m) continue;
      const u = dist(i * d, a);
      upper[i] = u;
      if (u <= m) continue;
      if (X32) nearestTwo32(X32, i, C32!, k, d, dist2, scratch);
      else nearestTwo(X, i, C, k, d, scratch);
      labels[i] = scratch[0];
      upper[i] = Math.sqrt(scratch[1]);
      lower[i] = Math.sqrt(scratch[2]);
    }
  };

  const elkanAssign = (): void => {
    half.fill(Infinity);
    for (let a = 0; a < k; a++) {
      cc[a * k + a] = 0;
      for (let b = a + 1; b < k; b++) {
        const dd = Math.sqrt(sqDist(C, a * d, C, b * d, d)) / 2;
        cc[a * k + b] = dd; cc[b * k + a] = dd;
        if (dd < half[a]) half[a] = dd;
        if (dd < half[b]) half[b] = dd;
      }
    }
    if (wk) { wk.elkan(C); return; }
    if (C32) C32.set(C);
    for (let i = 0; i < n; i++) {
      let a = labels[i];
      let u = upper[i];
      if (u <= half[a]) continue;
      const o = i * d, lo = i * k;
      // How many centres survive the bound tests? When most do (typically right after the
      // large first moves of the centres), one blocked pass over all centres is cheaper.
      // Tighten the upper bound first (one distance): most points then pass every test.
      u = dist(o, a);
      lowerAll[lo + a] = u + drift[a];
      upper[i] = u;
      if (u <= half[a]) continue;
      const ak = a * k;
      let alive = 0;
      for (let j = 0; j < k; j++) if (u > lowerAll[lo + j] - drift[j] && u > cc[ak + j] && j !== a) alive++;
      if (alive === 0) continue;
      if (alive * 3 > k) {
        if (X32) dists32(X32, o, C32!, k, d, lowerAll, lo, false);
        else allDistances(X, i, C, k, d, lowerAll, lo);
        let best = a, bd = lowerAll[lo + a];
        for (let j = 0; j < k; j++) {
          const v = lowerAll[lo + j];
          if (v < bd) { bd = v; best = j; }
          lowerAll[lo + j] = v + drift[j];
        }
        labels[i] = best;
        upper[i] = bd;
        continue;
      }
      for (let j = 0; j < k; j++) {
        if (j === a || u <= lowerAll[lo + j] - drift[j] || u <= cc[a * k + j]) continue;
        const dj = dist(o, j);
        lowerAll[lo + j] = dj + drift[j];
        if (dj < u) { a = j; u = dj; }
      }
      labels[i] = a;
      upper[i] = u;
    }
  };

  /** M-step into Cnew; returns [objective, sum of squared shifts]; relocates empty clusters. */
  const update = (): [number, number] => {
    Cnew.fill(0); wsum.fill(0); count.fill(0); sqsum.fill(0);
    for (let i = 0; i < n; i++) {
      const j = labels[i];
      const wi = w === null ? 1 : w[i];
      if (wi === 0) continue;
      count[j]++;
      wsum[j] += wi;
      sqsum[j] += wi * xsq[i];
      if (wk) continue; // the member sums below, in wasm (same order)
      const o = i * d, co = j * d;
      for (let t = 0; t < d; t++) Cnew[co + t] += wi * X[o + t];
    }
    if (wk) wk.msum(Cnew);
    const empty: number[] = [];
    for (let j = 0; j < k; j++) if (!(wsum[j] > 0)) empty.push(j);
    if (empty.length > 0) relocate(empty);
    let obj = 0;
    for (let j = 0; j < k; j++) {
      const co = j * d;
      let nn = 0;
      for (let t = 0; t < d; t++) nn += Cnew[co + t] * Cnew[co + t];
      if (s.spherical) {
        if (!(nn > 0)) {
          // Members cancel exactly (S = 0): every unit centre is equally good; keep the old one.
          obj += 2 * wsum[j];
          for (let t = 0; t < d; t++) Cnew[co + t] = C[co + t];
          continue;
        }
        // sum_i w_i ||x_i - S/||S|| ||^2 = 2 W - 2 ||S|| for unit x_i.
        obj += 2 * wsum[j] - 2 * Math.sqrt(nn);
        const inv = 1 / Math.sqrt(nn);
        for (let t = 0; t < d; t++) Cnew[co + t] *= inv;
      } else {
        // sum_i w_i ||x_i - S/W||^2 = sum_i w_i ||x_i||^2 - ||S||^2 / W.
        obj += sqsum[j] - nn / wsum[j];
        const inv = 1 / wsum[j];
        for (let t = 0; t < d; t++) Cnew[co + t] *= inv;
      }
    }
    let tot = 0;
    for (let j = 0; j < k; j++) {
      const p2 = sqDist(Cnew, j * d, C, j * d, d);
      shift[j] = Math.sqrt(p2);
      tot += p2;
    }
    return [obj > 0 ? obj : 0, tot];
  };

  const relocated: number[] = [];
  /**
   * Empty-cluster re-seeding (as scikit-learn's `_relocate_empty_clusters`): the points
   * farthest from their current centre (positive weight, in a cluster with another member)
   * become the centres of the empty clusters. Never produces a NaN centre.
   */
  const relocate = (empty: number[]): void => {
    const dist = new Float64Array(n);
    const order: number[] = [];
    for (let i = 0; i < n; i++) {
      if (w !== null && w[i] === 0) continue;
      dist[i] = sqDist(X, i * d, C, labels[i] * d, d);
      order.push(i);
    }
    order.sort((a, b) => dist[b] - dist[a] || a - b);
    let p = 0;
    for (const j of empty) {
      while (p < order.length && count[labels[order[p]]] < 2) p++;
      if (p >= order.length) break; // unreachable when k <= number of positive-weight points
      const i = order[p++];
      const old = labels[i];
      const wi = w === null ? 1 : w[i];
      const o = i * d;
      // Remove i from its old cluster, make it the sole member of j.
      for (let t = 0; t < d; t++) { Cnew[old * d + t] -= wi * X[o + t]; Cnew[j * d + t] = wi * X[o + t]; }
      wsum[old] -= wi; sqsum[old] -= wi * xsq[i]; count[old]--;
      wsum[j] = wi; sqsum[j] = wi * xsq[i]; count[j] = 1;
      labels[i] = j;
      relocated.push(i);
    }
  };

  let nIter = 0;
  let converged = false;
  let strict = false;
  for (let it = 0; it < s.maxIter; it++) {
    if (it === 0 || s.algorithm === 'lloyd') fullAssign(); else if (elkan) elkanAssign(); else hamerlyAssign();
    strict = it > 0 && labelsEqual(labels, prev);
    relocated.length = 0;
    const [obj, tot] = update();
    history.push(obj);
    nIter = it + 1;
    // Move the bounds with the centres (Hamerly's update step).
    let r1 = -1, p1 = 0, p2 = 0;
    for (let j = 0; j < k; j++) {
      if (shift[j] > p1) { p2 = p1; p1 = shift[j]; r1 = j; } else if (shift[j] > p2) p2 = shift[j];
    }
    if (elkan) {
      for (let i = 0; i < n; i++) upper[i] += shift[labels[i]];
      for (let j = 0; j < k; j++) drift[j] += shift[j];
      for (const i of relocated) { upper[i] = Infinity; lowerAll.set(drift, i * k); }
    } else {
      for (let i = 0; i < n; i++) {
        const a = labels[i];
        upper[i] += shift[a];
        lower[i] -= a === r1 ? p2 : p1;
      }
      for (const i of relocated) { upper[i] = Infinity; lower[i] = 0; }
    }
    const tmp = C; C = Cnew; Cnew = tmp;
    if (strict || tot <= s.tol) { converged = true; break; }
    prev.set(labels);
  }
  if (!strict) {
    if (s.algorithm === 'lloyd') fullAssign(); else if (elkan) elkanAssign(); else hamerlyAssign();
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    inertia += wi * sqDist(X, i * d, C, labels[i] * d, d);
  }
  // Copies: the wasm views are reused by the next run.
  return {
    centres: wk ? Float64Array.from(C) : C, labels: wk ? Int32Array.from(labels) : labels,
    inertia, nIter, converged, history: Float64Array.from(history),
  };
}

function labelsEqual(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007; greedy variant as in
 * scikit-learn's `_kmeans_plusplus`): the first centre is drawn with probability ∝ w_i,
 * each next one from `nLocalTrials` (default 2 + ⌊ln k⌋) candidates drawn with probability
 * ∝ w_i D(x_i)², keeping the candidate that most reduces the potential Σ w_i D(x_i)².
 *
 * @throws RangeError when the data has fewer than k distinct points (the potential reaches 0
 *   before k centres are chosen)
 */
export function kmeansPlusPlus(
  X: FloatArray, n: number, d: number, k: number, w: Float64Array | null, rng: Rng,
  nLocalTrials = 2 + Math.floor(Math.log(k)), name = 'X',
): Float64Array {
  const C = new Float64Array(k * d);
  const weight = (i: number): number => (w === null ? 1 : w[i]);
  let first = 0;
  if (w === null) first = rng.int(n);
  else {
    let tw = 0;
    for (let i = 0; i < n; i++) tw += w[i];
    const r = rng.next() * tw;
    let c = 0;
    first = n - 1;
    for (let i = 0; i < n; i++) { c += w[i]; if (c > r && w[i] > 0) { first = i; break; } }
  }
  for (let t = 0; t < d; t++) C[t] = X[first * d + t];
  const closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) { closest[i] = weight(i) * sqDist(X, i * d, C, 0, d); pot += closest[i]; }
  const cum = new Float64Array(n);
  const cand = new Float64Array(n);
  const bestCand = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    if (!(pot > 0)) {
      throw new RangeError(`${name} must have at least k = ${k} distinct points (with positive weight) for k-means++; found only ${c}.`);
    }
    let acc = 0;
    for (let i = 0; i < n; i++) { acc += closest[i]; cum[i] = acc; }
    let bestPot = Infinity, bestId = -1;
    for (let trial = 0; trial < nLocalTrials; trial++) {
      const r = rng.next() * acc;
      // first index whose cumulative potential exceeds r (binary search): a point with D > 0
      let lo = 0, hi = n - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > r) hi = mid; else lo = mid + 1; }
      const id = lo;
      const co = c * d;
      for (let t = 0; t < d; t++) C[co + t] = X[id * d + t];
      let p = 0;
      for (let i = 0; i < n; i++) {
        const v = weight(i) * sqDist(X, i * d, C, co, d);
        const m = v < closest[i] ? v : closest[i];
        cand[i] = m;
        p += m;
      }
      if (p < bestPot) { bestPot = p; bestId = id; bestCand.set(cand); }
    }
    for (let t = 0; t < d; t++) C[c * d + t] = X[bestId * d + t];
    closest.set(bestCand);
    pot = bestPot;
  }
  return C;
}

/** k distinct rows drawn uniformly (Forgy initialisation, scikit-learn's init='random'). */
export function randomInit(X: FloatArray, n: number, d: number, k: number, rng: Rng): Float64Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  // partial Fisher-Yates
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
  }
  const C = new Float64Array(k * d);
  for (let c = 0; c < k; c++) for (let t = 0; t < d; t++) C[c * d + t] = X[idx[c] * d + t];
  return C;
}

export { normalizeCentresInPlace };

/**
 * Nearest centre of every row (register-blocked distance kernel) and the weighted inertia
 * Σ w_i ‖x_i − c_label(i)‖² (recomputed directly, without the expansion's cancellation).
 */
export function assignAll(
  X: FloatArray, n: number, d: number, C: Float64Array, k: number, w: Float64Array | null,
): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(n);
  const xsq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += X[i * d + t] * X[i * d + t];
    xsq[i] = s;
  }
  const csq = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += C[j * d + t] * C[j * d + t];
    csq[j] = s;
  }
  const out = new Float64Array(2 * k);
  let inertia = 0;
  for (let i0 = 0; i0 < n; i0 += 2) {
    const m = i0 + 1 < n ? 2 : 1;
    blockDistances(X, i0, m, C, k, d, xsq, csq, out);
    for (let r = 0; r < m; r++) {
      let best = 0, bd = Infinity;
      for (let j = 0; j < k; j++) { const v = out[r * k + j]; if (v < bd) { bd = v; best = j; } }
      const i = i0 + r;
      labels[i] = best;
      inertia += (w === null ? 1 : w[i]) * sqDist(X, i * d, C, best * d, d);
    }
  }
  return { labels, inertia };
}
