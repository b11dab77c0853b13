/**
 * Instance-based classifiers on dense features: k-nearest neighbours (cosine, through
 * hnswlib-node's HNSW graph — Malkov & Yashunin, TPAMI 2020 — or an exact scan) and
 * nearest centroid (cosine or Euclidean).
 */
import hnswlib from 'hnswlib-node';
import { NotFittedError, checkMatrix, checkInt, checkNumber, checkOneOf, describe, type Matrix } from '@embfact/core';
import { encodeLabels, checkLabels, type Label } from './labels.js';
import { encodeFloat64, decodeFloat64, checkHeader, type EncodedArray } from './codec.js';
import { argmaxRows } from './logistic.js';

function unitRows(X: Matrix, what: string, allowZero: boolean): { data: Float64Array; zero: Uint8Array } {
  const { rows, cols } = X;
  const out = new Float64Array(rows * cols);
  const zero = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) { const v = X.data[i * cols + j]; s += v * v; }
    if (s === 0) {
      if (!allowZero) throw new RangeError(`${what} must not contain all-zero rows under the cosine metric (the direction is undefined); row ${i} is zero.`);
      zero[i] = 1;
      continue;
    }
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < cols; j++) out[i * cols + j] = X.data[i * cols + j] * inv;
  }
  return { data: out, zero };
}

/** Options of {@link KNNClassifier}. */
export interface KNNOptions {
  /** Number of neighbours (default 5). */
  k?: number;
  /** `'uniform'` votes or `'distance'` (weight 1/d; exact matches, d = 0, outvote all others). Default 'uniform'. */
  weights?: 'uniform' | 'distance';
  /** `'auto'` (default): exact scan when n ≤ exactThreshold, else HNSW; `true`/`false` force it. */
  exact?: boolean | 'auto';
  /** Training-set size up to which `'auto'` uses the exact scan (default 2000). */
  exactThreshold?: number;
  /** HNSW graph degree M (default 16). */
  M?: number;
  /** HNSW efConstruction (default 200). */
  efConstruction?: number;
  /** HNSW ef at query time (default 64, raised to k when smaller). */
  ef?: number;
  /** HNSW random seed (default 100, hnswlib's own default). */
  seed?: number;
}

interface KnnState<L extends Label> {
  classes: L[];
  codes: Int32Array;
  unit: Float64Array; // n × d, L2-normalized training rows
  n: number;
  d: number;
  exact: boolean;
  index: InstanceType<typeof hnswlib.HierarchicalNSW> | null;
  prior: Float64Array;
}

/**
 * k-nearest-neighbour classifier under cosine distance 1 − cos(x, t).
 *
 * Documented results: an all-zero query row (e.g. an empty document's mean embedding)
 * has no direction; it gets the training class frequencies as probabilities and the
 * most frequent class as prediction. Training rows must be non-zero.
 *
 * @example
 * const knn = new KNNClassifier({ k: 10, weights: 'distance' }).fit(Xtrain, ytrain);
 * knn.predict(Xtest);
 */
export class KNNClassifier<L extends Label = Label> {
  readonly options: Readonly<Required<KNNOptions>>;
  #s: KnnState<L> | null = null;

  /** @throws RangeError on an invalid option */
  constructor(options: KNNOptions = {}) {
    const nm = (k: string) => `The '${k}' option of KNNClassifier`;
    const exact = options.exact ?? 'auto';
    if (exact !== 'auto' && typeof exact !== 'boolean') throw new RangeError(`${nm('exact')} must be 'auto', true or false; got ${describe(exact)}.`);
    this.options = {
      k: options.k === undefined ? 5 : checkInt(options.k, nm('k'), 1),
      weights: options.weights === undefined ? 'uniform' : checkOneOf(options.weights, nm('weights'), ['uniform', 'distance'] as const),
      exact,
      exactThreshold: options.exactThreshold === undefined ? 2000 : checkInt(options.exactThreshold, nm('exactThreshold'), 0),
      M: options.M === undefined ? 16 : checkInt(options.M, nm('M'), 2, 1024),
      efConstruction: options.efConstruction === undefined ? 200 : checkInt(options.efConstruction, nm('efConstruction'), 1),
      ef: options.ef === undefined ? 64 : checkInt(options.ef, nm('ef'), 1),
      seed: options.seed === undefined ? 100 : checkInt(options.seed, nm('seed'), 0, 2 ** 31 - 1),
    };
  }

  /**
   * Index the training rows.
   * @throws RangeError on fewer than two classes, a zero row, mismatched lengths, non-finite values
   * @throws TypeError on mixed label types
   */
  fit(X: Matrix | number[][], y: readonly L[]): this {
    const Xc = checkMatrix(X, "The 'X' argument of KNNClassifier.fit");
    const { classes, codes } = encodeLabels(y, "The 'y' argument of KNNClassifier.fit", Xc.rows);
    this.#s = this.#build(classes, codes, unitRows(Xc, "The 'X' argument of KNNClassifier.fit", false).data, Xc.rows, Xc.cols);
    return this;
  }

  #build(classes: L[], codes: Int32Array, unit: Float64Array, n: number, d: number): KnnState<L> {
    const exact = this.options.exact === 'auto' ? n <= this.options.exactThreshold : this.options.exact;
    let index: KnnState<L>['index'] = null;
    if (!exact) {
      index = new hnswlib.HierarchicalNSW('cosine', d);
      index.initIndex(n, this.options.M, this.options.efConstruction, this.options.seed);
      for (let i = 0; i < n; i++) index.addPoint(Array.from(unit.subarray(i * d, (i + 1) * d)), i);
    }
    const prior = new Float64Array(classes.length);
    for (let i = 0; i < n; i++) prior[codes[i]] += 1 / n;
    return { classes, codes, unit, n, d, exact, index, prior };
  }

  #state(member: string): KnnState<L> {
    if (this.#s === null) throw new NotFittedError('KNNClassifier', member);
    return this.#s;
  }

  /** Sorted classes. @throws NotFittedError */
  get classes(): readonly L[] { return this.#state('classes').classes; }
  /** Whether queries scan exactly (true) or use the HNSW graph. @throws NotFittedError */
  get isExact(): boolean { return this.#state('isExact').exact; }

  /**
   * The `k` nearest training rows of each query (indices and cosine distances, nearest first).
   * @throws NotFittedError; RangeError on a wrong column count
   */
  kneighbors(X: Matrix | number[][], k = this.options.k): { indices: Int32Array[]; distances: Float64Array[] } {
    const s = this.#state('kneighbors');
    const Xc = checkMatrix(X, "The 'X' argument of KNNClassifier.kneighbors", { cols: s.d, minRows: 0 });
    const kk = Math.min(checkInt(k, "The 'k' argument of KNNClassifier.kneighbors", 1), s.n);
    const { data: q, zero } = unitRows(Xc, '', true);
    const indices: Int32Array[] = [];
    const distances: Float64Array[] = [];
    if (s.index) s.index.setEf(Math.max(this.options.ef, kk));
    const sims = new Float64Array(s.n);
    for (let i = 0; i < Xc.rows; i++) {
      if (zero[i]) { indices.push(new Int32Array(0)); distances.push(new Float64Array(0)); continue; }
      const qi = q.subarray(i * s.d, (i + 1) * s.d);
      if (s.index) {
        const r = s.index.searchKnn(Array.from(qi), kk);
        // hnswlib returns nearest first; recompute distances in float64 for reproducibility.
        const idx = Int32Array.from(r.neighbors);
        const dist = Float64Array.from(idx, (t) => 1 - dotRow(s.unit, t, s.d, qi));
        indices.push(idx); distances.push(dist);
      } else {
        for (let t = 0; t < s.n; t++) sims[t] = dotRow(s.unit, t, s.d, qi);
        const order = Array.from({ length: s.n }, (_, t) => t);
        order.sort((a, b) => sims[b] - sims[a] || a - b); // ties → lower index, deterministic
        const idx = Int32Array.from(order.slice(0, kk));
        indices.push(idx);
        distances.push(Float64Array.from(idx, (t) => 1 - sims[t]));
      }
    }
    return { indices, distances };
  }

  /** Vote shares, n × K (columns in {@link classes} order); zero rows get the class priors. @throws NotFittedError */
  predictProba(X: Matrix | number[][]): Matrix<Float64Array> {
    const s = this.#state('predictProba');
    const { indices, distances } = this.kneighbors(X);
    const K = s.classes.length;
    const out = new Float64Array(indices.length * K);
    for (let i = 0; i < indices.length; i++) {
      const idx = indices[i], dist = distances[i];
      const o = i * K;
      if (idx.length === 0) { out.set(s.prior, o); continue; }
      if (this.options.weights === 'distance') {
        let exactHit = false;
        for (let t = 0; t < idx.length; t++) if (dist[t] <= 1e-12) { exactHit = true; out[o + s.codes[idx[t]]] += 1; }
        if (!exactHit) for (let t = 0; t < idx.length; t++) out[o + s.codes[idx[t]]] += 1 / dist[t];
      } else {
        for (let t = 0; t < idx.length; t++) out[o + s.codes[idx[t]]] += 1;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) sum += out[o + k];
      for (let k = 0; k < K; k++) out[o + k] /= sum;
    }
    return { data: out, rows: indices.length, cols: K };
  }

  /** Majority (or distance-weighted) vote; ties → first class in sorted order. @throws NotFittedError */
  predict(X: Matrix | number[][]): L[] {
    const P = this.predictProba(X);
    const cls = this.#s!.classes;
    return argmaxRows(P).map((k) => cls[k]);
  }

  /** Options, classes and the (normalized) training rows; the HNSW graph is rebuilt on load. @throws NotFittedError */
  toJSON(): { name: 'KNNClassifier'; version: 1; options: Required<KNNOptions>; classes: L[]; codes: number[]; n: number; d: number; unit: EncodedArray } {
    const s = this.#state('toJSON');
    return { name: 'KNNClassifier', version: 1, options: { ...this.options }, classes: s.classes, codes: Array.from(s.codes), n: s.n, d: s.d, unit: encodeFloat64(s.unit) };
  }

  /** @throws FormatError on another name/version or malformed content */
  static fromJSON<L extends Label = Label>(json: unknown): KNNClassifier<L> {
    const j = checkHeader(json, 'KNNClassifier', 1) as any;
    checkLabels(j.classes, 'KNNClassifier JSON classes');
    const m = new KNNClassifier<L>(j.options);
    const unit = decodeFloat64(j.unit, 'KNNClassifier JSON unit', j.n * j.d);
    m.#s = m.#build(j.classes, Int32Array.from(j.codes), unit, j.n, j.d);
    return m;
  }
}

function dotRow(M: Float64Array, t: number, d: number, q: Float64Array): number {
  let s = 0;
  const o = t * d;
  for (let j = 0; j < d; j++) s += M[o + j] * q[j];
  return s;
}

/** Options of {@link NearestCentroid}. */
export interface NearestCentroidOptions {
  /** `'cosine'` (default: centroids of the L2-normalized rows, the spherical mean) or `'euclidean'`. */
  metric?: 'cosine' | 'euclidean';
  /**
   * Temperature τ of the soft scores returned by predictProba: softmax(−dist/τ), dist = 1 − cos
   * or the squared Euclidean distance / 2 (default 0.05 for cosine, 1 for Euclidean). These are
   * soft assignments, not calibrated probabilities.
   */
  temperature?: number;
}

/**
 * Nearest-centroid classifier (Rocchio). Zero query rows under cosine get the class
 * priors as scores and the most frequent class as prediction (documented result).
 * @example new NearestCentroid({ metric: 'cosine' }).fit(X, y).predict(Xtest)
 */
export class NearestCentroid<L extends Label = Label> {
  readonly options: Readonly<Required<NearestCentroidOptions>>;
  #s: { classes: L[]; centroids: Float64Array; d: number; prior: Float64Array } | null = null;

  /** @throws RangeError on an invalid option */
  constructor(options: NearestCentroidOptions = {}) {
    const metric = options.metric === undefined ? 'cosine' : checkOneOf(options.metric, "The 'metric' option of NearestCentroid", ['cosine', 'euclidean'] as const);
    this.options = {
      metric,
      temperature: options.temperature === undefined ? (metric === 'cosine' ? 0.05 : 1) : checkNumber(options.temperature, "The 'temperature' option of NearestCentroid", Number.MIN_VALUE),
    };
  }

  /** @throws RangeError on fewer than two classes or (cosine) a zero row; TypeError on mixed labels */
  fit(X: Matrix | number[][], y: readonly L[]): this {
    const Xc = checkMatrix(X, "The 'X' argument of NearestCentroid.fit");
    const { classes, codes } = encodeLabels(y, "The 'y' argument of NearestCentroid.fit", Xc.rows);
    const d = Xc.cols, K = classes.length;
    const src = this.options.metric === 'cosine' ? unitRows(Xc, "The 'X' argument of NearestCentroid.fit", false).data : Xc.data;
    const cen = new Float64Array(K * d);
    const cnt = new Float64Array(K);
    for (let i = 0; i < Xc.rows; i++) {
      const c = codes[i];
      cnt[c]++;
      for (let j = 0; j < d; j++) cen[c * d + j] += src[i * d + j];
    }
    for (let c = 0; c < K; c++) for (let j = 0; j < d; j++) cen[c * d + j] /= cnt[c];
    if (this.options.metric === 'cosine') {
      const u = unitRows({ data: cen, rows: K, cols: d }, 'NearestCentroid centroids', true);
      cen.set(u.data);
    }
    const prior = Float64Array.from(cnt, (v) => v / Xc.rows);
    this.#s = { classes, centroids: cen, d, prior };
    return this;
  }

  #state(member: string) {
    if (this.#s === null) throw new NotFittedError('NearestCentroid', member);
    return this.#s;
  }

  /** Sorted classes. @throws NotFittedError */
  get classes(): readonly L[] { return this.#state('classes').classes; }
  /** Centroids, K × d (unit length under cosine). @throws NotFittedError */
  get centroids(): Matrix<Float64Array> {
    const s = this.#state('centroids');
    return { data: Float64Array.from(s.centroids), rows: s.classes.length, cols: s.d };
  }

  /** Distances to each centroid, n × K (1 − cos, or squared Euclidean / 2); NaN-free. @throws NotFittedError */
  distances(X: Matrix | number[][]): { dist: Matrix<Float64Array>; zero: Uint8Array } {
    const s = this.#state('distances');
    const Xc = checkMatrix(X, "The 'X' argument of NearestCentroid.predict", { cols: s.d, minRows: 0 });
    const K = s.classes.length, d = s.d;
    const cos = this.options.metric === 'cosine';
    const { data: q, zero } = cos ? unitRows(Xc, '', true) : { data: Xc.data, zero: new Uint8Array(Xc.rows) };
    const out = new Float64Array(Xc.rows * K);
    for (let i = 0; i < Xc.rows; i++) {
      for (let c = 0; c < K; c++) {
        let v = 0;
        if (cos) { for (let j = 0; j < d; j++) v += q[i * d + j] * s.centroids[c * d + j]; v = 1 - v; }
        else { for (let j = 0; j < d; j++) { const e = q[i * d + j] - s.centroids[c * d + j]; v += e * e; } v /= 2; }
        out[i * K + c] = v;
      }
    }
    return { dist: { data: out, rows: Xc.rows, cols: K }, zero };
  }

  /** softmax(−dist/τ) per row (priors for zero rows under cosine). @throws NotFittedError */
  predictProba(X: Matrix | number[][]): Matrix<Float64Array> {
    const s = this.#state('predictProba');
    const { dist, zero } = this.distances(X);
    const K = dist.cols;
    const out = dist.data;
    for (let i = 0; i < dist.rows; i++) {
      const o = i * K;
      if (zero[i]) { out.set(s.prior, o); continue; }
      let m = Infinity;
      for (let k = 0; k < K; k++) if (out[o + k] < m) m = out[o + k];
      let sum = 0;
      for (let k = 0; k < K; k++) { const e = Math.exp(-(out[o + k] - m) / this.options.temperature); out[o + k] = e; sum += e; }
      for (let k = 0; k < K; k++) out[o + k] /= sum;
    }
    return dist;
  }

  /** Class of the nearest centroid. @throws NotFittedError */
  predict(X: Matrix | number[][]): L[] {
    const P = this.predictProba(X);
    const cls = this.#s!.classes;
    return argmaxRows(P).map((k) => cls[k]);
  }

  /** @throws NotFittedError */
  toJSON(): { name: 'NearestCentroid'; version: 1; options: Required<NearestCentroidOptions>; classes: L[]; d: number; centroids: EncodedArray; prior: EncodedArray } {
    const s = this.#state('toJSON');
    return { name: 'NearestCentroid', version: 1, options: { ...this.options }, classes: s.classes, d: s.d, centroids: encodeFloat64(s.centroids), prior: encodeFloat64(s.prior) };
  }

  /** @throws FormatError on another name/version or malformed content */
  static fromJSON<L extends Label = Label>(json: unknown): NearestCentroid<L> {
    const j = checkHeader(json, 'NearestCentroid', 1) as any;
    checkLabels(j.classes, 'NearestCentroid JSON classes');
    const m = new NearestCentroid<L>(j.options);
    const K = j.classes.length;
    m.#s = { classes: j.classes, d: j.d, centroids: decodeFloat64(j.centroids, 'NearestCentroid JSON centroids', K * j.d), prior: decodeFloat64(j.prior, 'NearestCentroid JSON prior', K) };
    return m;
  }
}
