/**
 * External (NMI, ARI, V-measure, homogeneity, completeness, purity) and internal
 * (silhouette) clustering metrics, with scikit-learn 1.2's definitions and limit cases.
 * Labels may be any numbers or strings; they are compared by identity only.
 */
import { checkInt, checkMatrix, checkOneOf, createRng, describe, type MatrixLike } from '@embfact/core';
import { rescaleExponent, timesPowerOfTwo } from './validate.js';

/** A labelling: one label (number or string) per item. */
export type Labels = ArrayLike<number | string>;

interface Contingency {
  n: number;
  /** row = class (true label), col = cluster (predicted). */
  table: Float64Array;
  rows: number;
  cols: number;
  rowSums: Float64Array;
  colSums: Float64Array;
}

function encode(labels: Labels, name: string): { codes: Int32Array; count: number } {
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new TypeError(`${name} must be an array of labels (numbers or strings); got ${describe(labels)}.`);
  }
  const map = new Map<number | string, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (typeof v !== 'string' && (typeof v !== 'number' || Number.isNaN(v))) {
      throw new TypeError(`${name} must contain numbers or strings; entry ${i} is ${describe(v)}.`);
    }
    let c = map.get(v);
    if (c === undefined) { c = map.size; map.set(v, c); }
    codes[i] = c;
  }
  return { codes, count: map.size };
}

/**
 * Contingency table of two labellings of the same items.
 * @throws RangeError when the lengths differ
 */
function contingency(labelsTrue: Labels, labelsPred: Labels, fn: string): Contingency {
  const t = encode(labelsTrue, `The 'labelsTrue' argument of ${fn}`);
  const p = encode(labelsPred, `The 'labelsPred' argument of ${fn}`);
  if (t.codes.length !== p.codes.length) {
    throw new RangeError(`The labellings given to ${fn} must have the same length; got ${t.codes.length} and ${p.codes.length}.`);
  }
  const rows = t.count, cols = p.count, n = t.codes.length;
  const table = new Float64Array(rows * cols);
  const rowSums = new Float64Array(rows), colSums = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    table[t.codes[i] * cols + p.codes[i]]++;
    rowSums[t.codes[i]]++;
    colSums[p.codes[i]]++;
  }
  return { n, table, rows, cols, rowSums, colSums };
}

function entropyOf(counts: Float64Array, n: number): number {
  if (n === 0) return 0;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) h -= (c / n) * (Math.log(c) - Math.log(n));
  }
  return h;
}

function mutualInfo(c: Contingency): number {
  const { n, table, rows, cols, rowSums, colSums } = c;
  // a constant labelling shares no information; the sum below would leave rounding noise (1e-15)
  if (n === 0 || rows === 1 || cols === 1) return 0;
  const logN = Math.log(n);
  let mi = 0;
  for (let a = 0; a < rows; a++) {
    for (let b = 0; b < cols; b++) {
      const v = table[a * cols + b];
      if (v > 0) mi += (v / n) * (Math.log(v) + logN - Math.log(rowSums[a]) - Math.log(colSums[b]));
    }
  }
  return mi > 0 ? mi : 0;
}

/**
 * Mutual information I(U; V) in nats between two labellings (scikit-learn `mutual_info_score`).
 * @example mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]) // ln 2
 */
export function mutualInfoScore(labelsTrue: Labels, labelsPred: Labels): number {
  return mutualInfo(contingency(labelsTrue, labelsPred, 'mutualInfoScore'));
}

/**
 * Normalized mutual information, NMI = I(U; V) / mean(H(U), H(V)) with the arithmetic mean by
 * default (scikit-learn's default `average_method`); `'geometric'`, `'min'`, `'max'` also accepted.
 * Limit cases as scikit-learn: both labellings with a single (or no) cluster → 1; I = 0 → 0.
 * @example normalizedMutualInfo([0, 0, 1, 1], [1, 1, 0, 0]) // 1
 */
export function normalizedMutualInfo(
  labelsTrue: Labels, labelsPred: Labels, average: 'arithmetic' | 'geometric' | 'min' | 'max' = 'arithmetic',
): number {
  checkOneOf(average, "The 'average' argument of normalizedMutualInfo", ['arithmetic', 'geometric', 'min', 'max'] as const);
  const c = contingency(labelsTrue, labelsPred, 'normalizedMutualInfo');
  if ((c.rows === 1 && c.cols === 1) || (c.rows === 0 && c.cols === 0)) return 1;
  const mi = mutualInfo(c);
  if (mi === 0) return 0;
  const hu = entropyOf(c.rowSums, c.n), hv = entropyOf(c.colSums, c.n);
  let norm: number;
  if (average === 'arithmetic') norm = (hu + hv) / 2;
  else if (average === 'geometric') norm = Math.sqrt(hu * hv);
  else if (average === 'min') norm = Math.min(hu, hv);
  else norm = Math.max(hu, hv);
  return mi / Math.max(norm, Number.EPSILON);
}

/**
 * Adjusted Rand index (Hubert & Arabie 1985), computed from the pair-confusion matrix as in
 * scikit-learn 1.2: ARI = 2(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)); 1 when
 * there are no disagreeing pairs (fn = fp = 0, e.g. identical or both single-cluster).
 * @example adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1]) // 1
 */
export function adjustedRandIndex(labelsTrue: Labels, labelsPred: Labels): number {
  const c = contingency(labelsTrue, labelsPred, 'adjustedRandIndex');
  const { n, table, rowSums, colSums } = c;
  let sumSq = 0;
  for (let i = 0; i < table.length; i++) sumSq += table[i] * table[i];
  let rowSq = 0, colSq = 0;
  for (let i = 0; i < rowSums.length; i++) rowSq += rowSums[i] * rowSums[i];
  for (let i = 0; i < colSums.length; i++) colSq += colSums[i] * colSums[i];
  // pair confusion (ordered pairs), scikit-learn's pair_confusion_matrix
  const tp = sumSq - n;
  const fp = colSq - sumSq; // together in the prediction, apart in the truth
  const fn = rowSq - sumSq; // together in the truth, apart in the prediction
  const tn = n * n - fp - fn - sumSq;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Homogeneity, completeness and V-measure (Rosenberg & Hirschberg 2007). */
export interface VMeasure {
  /** I(C; K) / H(C): each cluster holds members of a single class (1 when H(C) = 0). */
  homogeneity: number;
  /** I(C; K) / H(K): all members of a class are in the same cluster (1 when H(K) = 0). */
  completeness: number;
  /** (1 + β) h c / (β h + c); 0 when h + c = 0. */
  vMeasure: number;
}

/**
 * Homogeneity, completeness and V-measure (scikit-learn's `homogeneity_completeness_v_measure`).
 * `beta` weighs completeness vs homogeneity (default 1: their harmonic mean, equal to NMI
 * with the arithmetic mean).
 * @example vMeasure([0, 0, 1, 1], [0, 0, 0, 0]) // { homogeneity: 0, completeness: 1, vMeasure: 0 }
 */
export function vMeasure(labelsTrue: Labels, labelsPred: Labels, beta = 1): VMeasure {
  if (typeof beta !== 'number' || !(beta > 0) || !Number.isFinite(beta)) {
    throw new RangeError(`The 'beta' argument of vMeasure must be a positive finite number; got ${describe(beta)}.`);
  }
  const c = contingency(labelsTrue, labelsPred, 'vMeasure');
  if (c.n === 0) return { homogeneity: 1, completeness: 1, vMeasure: 1 };
  const hc = entropyOf(c.rowSums, c.n), hk = entropyOf(c.colSums, c.n);
  const mi = mutualInfo(c);
  const homogeneity = hc ? mi / hc : 1;
  const completeness = hk ? mi / hk : 1;
  const v = homogeneity + completeness === 0 ? 0
    : ((1 + beta) * homogeneity * completeness) / (beta * homogeneity + completeness);
  return { homogeneity, completeness, vMeasure: v };
}

/** Homogeneity (see {@link vMeasure}). */
export function homogeneityScore(labelsTrue: Labels, labelsPred: Labels): number {
  return vMeasure(labelsTrue, labelsPred).homogeneity;
}

/** Completeness (see {@link vMeasure}). */
export function completenessScore(labelsTrue: Labels, labelsPred: Labels): number {
  return vMeasure(labelsTrue, labelsPred).completeness;
}

/**
 * Purity: (1/n) Σ_clusters max_class |cluster ∩ class| — the accuracy of labelling each
 * cluster with its majority class (Manning et al., IR book §16.3). 1 for singletons; not
 * adjusted for chance. An empty labelling throws.
 * @throws RangeError when the labellings are empty or of different lengths
 * @example purity(['a', 'a', 'b', 'b'], [0, 0, 0, 1]) // 0.75
 */
export function purity(labelsTrue: Labels, labelsPred: Labels): number {
  const c = contingency(labelsTrue, labelsPred, 'purity');
  if (c.n === 0) throw new RangeError('The labellings given to purity must not be empty; got 0 items.');
  let s = 0;
  for (let b = 0; b < c.cols; b++) {
    let m = 0;
    for (let a = 0; a < c.rows; a++) m = Math.max(m, c.table[a * c.cols + b]);
    s += m;
  }
  return s / c.n;
}

/** Options of {@link silhouetteScore}. */
export interface SilhouetteOptions {
  /** `'euclidean'` (default) or `'cosine'` (1 − cos). */
  metric?: 'euclidean' | 'cosine';
  /**
   * Score a random subset of this many rows (distances only within the subset, as
   * scikit-learn's `sample_size`); default: all rows (exact, O(n² d)).
   */
  sampleSize?: number;
  /** Seed of the subset (default 0). */
  seed?: number;
}

/**
 * Silhouette coefficient per row (Rousseeuw 1987): s(i) = (b − a) / max(a, b), where a is the
 * mean distance to the other members of i's cluster and b the smallest mean distance to another
 * cluster; 0 for members of singleton clusters (scikit-learn's convention).
 * @throws RangeError when there are not 2 ≤ #clusters ≤ n − 1, or on a shape mismatch
 */
export function silhouetteSamples(X: MatrixLike, labels: Labels, opts: Pick<SilhouetteOptions, 'metric'> = {}): Float64Array {
  const M = checkMatrix(X, "The 'X' argument of silhouetteSamples");
  const { codes, count } = encode(labels, "The 'labels' argument of silhouetteSamples");
  const metric = checkOneOf(opts.metric ?? 'euclidean', "The 'metric' option of silhouetteSamples", ['euclidean', 'cosine'] as const);
  return silhouetteCore(M.data, M.rows, M.cols, codes, count, metric, 'silhouetteSamples');
}

/**
 * A copy of X on a scale where distances neither overflow nor underflow; silhouettes do not
 * change with it. Euclidean: all of X times one power of two (exact) when its largest |x| is off
 * an ordinary scale ({@link rescaleExponent}).
 * Cosine: each row divided by its largest |entry|.
 */
function silhouetteScaled(X: ArrayLike<number>, n: number, d: number, metric: 'euclidean' | 'cosine'): ArrayLike<number> {
  if (metric === 'euclidean') {
    let max = 0;
    for (let i = 0; i < n * d; i++) max = Math.max(max, Math.abs(X[i]));
    const e = rescaleExponent(max);
    return e === 0 ? X : Float64Array.from(X as ArrayLike<number>, (v) => timesPowerOfTwo(v, e)); // 0: no copy needed
  }
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let t = 0; t < d; t++) m = Math.max(m, Math.abs(X[i * d + t]));
    if (m > 0) for (let t = 0; t < d; t++) out[i * d + t] = X[i * d + t] / m;
  }
  return out;
}

function silhouetteCore(
  X0: ArrayLike<number>, n: number, d: number, codes: Int32Array, count: number, metric: 'euclidean' | 'cosine', fn: string,
): Float64Array {
  if (codes.length !== n) throw new RangeError(`The 'labels' argument of ${fn} must have one label per row (${n}); got ${codes.length}.`);
  if (count < 2 || count > n - 1) {
    throw new RangeError(`${fn} needs 2 <= number of clusters <= n - 1 = ${n - 1}; got ${count} cluster(s).`);
  }
  const X = silhouetteScaled(X0, n, d, metric);
  const norms = new Float64Array(n);
  if (metric === 'cosine') {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += X[i * d + t] * X[i * d + t];
      norms[i] = Math.sqrt(s);
    }
  }
  const sizes = new Float64Array(count);
  for (let i = 0; i < n; i++) sizes[codes[i]]++;
  const sums = new Float64Array(count);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let dist: number;
      if (metric === 'euclidean') {
        let s = 0;
        for (let t = 0; t < d; t++) { const v = X[i * d + t] - X[j * d + t]; s += v * v; }
        dist = Math.sqrt(s);
      } else {
        let s = 0;
        for (let t = 0; t < d; t++) s += X[i * d + t] * X[j * d + t];
        const den = norms[i] * norms[j];
        dist = 1 - (den > 0 ? s / den : 0);
        if (dist < 0) dist = 0;
      }
      sums[codes[j]] += dist;
    }
    const own = codes[i];
    if (sizes[own] <= 1) { out[i] = 0; continue; }
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < count; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    const m = Math.max(a, b);
    out[i] = m > 0 ? (b - a) / m : 0;
  }
  return out;
}

/**
 * Mean silhouette coefficient (scikit-learn `silhouette_score`): exact over all rows, or over a
 * seeded random subset of `sampleSize` rows for large n (distances within the subset only).
 * @throws RangeError when there are not 2 ≤ #clusters ≤ (rows scored) − 1
 * @example silhouetteScore([[0], [0.1], [5], [5.1]], [0, 0, 1, 1]) // ≈ 0.98
 */
export function silhouetteScore(X: MatrixLike, labels: Labels, opts: SilhouetteOptions = {}): number {
  const M = checkMatrix(X, "The 'X' argument of silhouetteScore");
  const { codes } = encode(labels, "The 'labels' argument of silhouetteScore");
  const metric = checkOneOf(opts.metric ?? 'euclidean', "The 'metric' option of silhouetteScore", ['euclidean', 'cosine'] as const);
  if (codes.length !== M.rows) {
    throw new RangeError(`The 'labels' argument of silhouetteScore must have one label per row (${M.rows}); got ${codes.length}.`);
  }
  let data: ArrayLike<number> = M.data;
  let n = M.rows;
  let sub = codes;
  if (opts.sampleSize !== undefined && opts.sampleSize < M.rows) {
    const m = checkInt(opts.sampleSize, "The 'sampleSize' option of silhouetteScore", 2);
    const rng = createRng(checkInt(opts.seed ?? 0, "The 'seed' option of silhouetteScore", 0, 2 ** 32 - 1));
    const idx = new Int32Array(M.rows);
    for (let i = 0; i < M.rows; i++) idx[i] = i;
    for (let i = 0; i < m; i++) { const j = i + rng.int(M.rows - i); const t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
    const d = M.cols;
    const sd = new Float64Array(m * d);
    const raw: number[] = [];
    for (let r = 0; r < m; r++) {
      const i = idx[r];
      for (let t = 0; t < d; t++) sd[r * d + t] = M.data[i * d + t];
      raw.push(codes[i]);
    }
    const re = encode(raw, "The 'labels' argument of silhouetteScore");
    data = sd; n = m; sub = re.codes;
  }
  // re-encode densely (a subset may miss clusters)
  const dense = encode(Array.from(sub), "The 'labels' argument of silhouetteScore");
  const s = silhouetteCore(data, n, M.cols, dense.codes, dense.count, metric, 'silhouetteScore');
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i];
  return total / n;
}
