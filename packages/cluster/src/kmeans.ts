/**
 * KMeans: k-means++ seeding, n_init restarts, Lloyd iterations accelerated with
 * Hamerly's bounds, Euclidean or spherical (cosine), sample weights.
 */
import {
  FormatError, NotFittedError, checkInt, checkMatrix, checkNumber, checkOneOf, createRng, describe,
  type FloatArray, type Matrix, type MatrixLike,
} from '@embfact/core';
import { addOffsetInPlace, checkDistanceScale, offsetToRemove, subtractOffset, meanColumnVariance, nearestTwo, nearestTwo32, normalizedRows, sqDist } from './kernels.js';
import { kmeansPlusPlus, randomInit, runKMeans, type RunResult } from './lloyd.js';
import { checkSavedCentres, checkWeights, expectSaved, fromSaved, normalizeWeightScale, savedOffset, timesPowerOfTwo } from './validate.js';

/** Options of {@link KMeans}. */
export interface KMeansOptions {
  /** Number of clusters (integer ≥ 1, ≤ number of rows at fit). Required. */
  k: number;
  /**
   * Initial centres: `'k-means++'` (default; greedy, 2 + ⌊ln k⌋ local trials per centre),
   * `'random'` (k distinct rows), or an explicit k x d matrix (then `nInit` must be 1).
   */
  init?: 'k-means++' | 'random' | MatrixLike;
  /** Number of restarts; the run with the lowest inertia is kept. Default 10 (1 with explicit `init`). */
  nInit?: number;
  /** Maximum Lloyd iterations per run. Default 300. */
  maxIter?: number;
  /**
   * Relative tolerance (scikit-learn's definition): a run stops when the sum over centres of
   * the squared centre shift ‖c_new − c_old‖² is ≤ tol · mean_j Var(X[:, j]) (the mean of the
   * per-feature variances of the data being clustered). Default 1e-4. A run also stops when
   * no label changes (strict convergence).
   */
  tol?: number;
  /** Seed of the restarts' random initialisations. Default 0. */
  seed?: number;
  /**
   * All give the same Lloyd iterations (same labels and centres up to exact ties):
   * `'elkan'`: Elkan's (2003) k lower bounds per point (n x k float64 memory; fewest distance
   * computations in 100 dimensions); `'hamerly'`: Hamerly's (2010) single lower bound per point
   * (n memory); `'lloyd'`: every distance, every iteration. Default `'auto'`: elkan when
   * n·k ≤ 2e7 (160 MB of bounds), hamerly otherwise.
   */
  algorithm?: 'auto' | 'elkan' | 'hamerly' | 'lloyd';
  /**
   * Spherical (cosine) k-means: rows are scaled to unit norm and centres are the normalized
   * (weighted) member sums, so clusters maximize Σ cos(x, c). Inertia is then Σ w‖x̂ − ĉ‖² =
   * 2 Σ w (1 − cos). Rows of zero norm are rejected. Default false.
   */
  spherical?: boolean;
  /**
   * Arithmetic of the distance computations. `'float64'` (default): float32 input is widened
   * exactly and every distance is computed in float64. `'float32'`: what scikit-learn does for
   * float32 input — the points are held as float32 (float64 input is rounded to float32), the
   * centres are rounded to float32 for each assignment step and every distance is computed in
   * float32 arithmetic; centres, member sums and the reported inertia stay float64. Faster
   * (half the memory traffic, four SIMD lanes instead of two; see BENCHMARKS.md), at the price
   * of float32 rounding: labels can differ from the float64 run where two centres are within
   * about 1e-6 (relative) of a point, and Elkan/Hamerly then equal Lloyd only up to such near-ties.
   * Either way the data's scale must suit the arithmetic: entries above √(max / 4d) (float32:
   * 9.2e17 for d = 100; float64: 6.7e152) would overflow a squared distance, and data whose
   * largest |x| is below √(smallest normal / eps) (float32 3.1e-16, float64 1.0e-146) would
   * underflow; both are RangeErrors naming the limit, not a silent Infinity or 0.
   */
  precision?: 'float64' | 'float32';
  /** Progress callback: `(restartsDone, nInit, 'kmeans')`. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Options of {@link KMeans.fit}. */
export interface KMeansFitOptions {
  /** Non-negative weight per row (default all 1); at least k positive. */
  sampleWeight?: ArrayLike<number>;
}

/** The best run's result plus the data's dimension. */
interface Fitted extends RunResult {
  d: number;
  /** Column means subtracted before fitting (see offsetToRemove in kernels.ts), if any; centres are in X's coordinates. */
  offset?: Float64Array;
}

const NAME = 'KMeans';

/**
 * k-means clustering (Lloyd 1982) with greedy k-means++ seeding and Hamerly's (2010)
 * bounds. Follows scikit-learn's `KMeans` contract; learned state (scikit-learn name → ours):
 * `cluster_centers_` → {@link KMeans.clusterCenters} (k x d, float64), `labels_` →
 * {@link KMeans.labels}, `inertia_` → {@link KMeans.inertia}, `n_iter_` → {@link KMeans.nIter}.
 *
 * Inputs may be float32 or float64; distances and sums are accumulated in float64 (with
 * `precision: 'float32'`, distances in float32, as scikit-learn does for float32 input).
 * Bad input: k > n, NaN/Infinity rows and empty data throw `RangeError`; k = 1 gives the
 * (weighted) mean; fewer than k distinct points make k-means++ throw (`RangeError`), while
 * explicit/random inits then end with duplicate centres (empty clusters are re-seeded with
 * the farthest points, so a centre is never NaN). X is fitted centred (its column means
 * subtracted, as scikit-learn does; spherical rows excepted), and the offset is kept for `predict`; data on a scale where squared distances would overflow or
 * underflow is a `RangeError`; sample weights of any scale work (see the README's table).
 *
 * @example
 * const km = new KMeans({ k: 3, seed: 1 }).fit([[0, 0], [0, 1], [10, 10], [10, 11], [20, 0], [21, 0]]);
 * km.labels;  // Int32Array(6), e.g. [0, 0, 1, 1, 2, 2]
 * km.predict([[9, 9]]); // Int32Array [1]
 */
export class KMeans {
  readonly k: number;
  readonly nInit: number;
  readonly maxIter: number;
  readonly tol: number;
  readonly seed: number;
  readonly algorithm: 'auto' | 'elkan' | 'hamerly' | 'lloyd';
  readonly spherical: boolean;
  readonly precision: 'float64' | 'float32';
  readonly init: 'k-means++' | 'random' | Matrix;
  private readonly onProgress?: (done: number, total: number, label?: string) => void;
  private fitted: Fitted | null = null;

  /**
   * @throws RangeError for an invalid option (the message names it)
   */
  constructor(opts: KMeansOptions) {
    if (opts === null || typeof opts !== 'object') throw new TypeError(`The options of KMeans must be an object; got ${describe(opts)}.`);
    this.k = checkInt(opts.k, "The 'k' option of KMeans", 1);
    const explicit = opts.init !== undefined && typeof opts.init !== 'string';
    if (explicit) {
      this.init = checkMatrix(opts.init, "The 'init' option of KMeans", { minRows: this.k });
      if (this.init.rows !== this.k) {
        throw new RangeError(`The 'init' option of KMeans must have k = ${this.k} rows; got ${this.init.rows}.`);
      }
    } else {
      this.init = checkOneOf(opts.init ?? 'k-means++', "The 'init' option of KMeans", ['k-means++', 'random'] as const);
    }
    this.nInit = checkInt(opts.nInit ?? (explicit ? 1 : 10), "The 'nInit' option of KMeans", 1, explicit ? 1 : Infinity);
    this.maxIter = checkInt(opts.maxIter ?? 300, "The 'maxIter' option of KMeans", 1);
    this.tol = checkNumber(opts.tol ?? 1e-4, "The 'tol' option of KMeans", 0);
    this.seed = checkInt(opts.seed ?? 0, "The 'seed' option of KMeans", 0, 2 ** 32 - 1);
    this.algorithm = checkOneOf(opts.algorithm ?? 'auto', "The 'algorithm' option of KMeans", ['auto', 'elkan', 'hamerly', 'lloyd'] as const);
    if (opts.spherical !== undefined && typeof opts.spherical !== 'boolean') {
      throw new TypeError(`The 'spherical' option of KMeans must be a boolean; got ${describe(opts.spherical)}.`);
    }
    this.spherical = opts.spherical ?? false;
    this.precision = checkOneOf(opts.precision ?? 'float64', "The 'precision' option of KMeans", ['float64', 'float32'] as const);
    this.onProgress = opts.onProgress;
  }

  /**
   * Cluster the rows of X (n x d, n ≥ k). Returns `this`.
   * @throws RangeError when X is empty, has a non-finite entry, has fewer than k rows, a
   *   zero row (spherical), fewer than k distinct points (k-means++), or the explicit init has
   *   another column count; when sampleWeight is invalid
   */
  fit(X: MatrixLike, opts: KMeansFitOptions = {}): this {
    const name = "The 'X' argument of KMeans.fit";
    const M = checkMatrix(X, name);
    const n = M.rows, d = M.cols, k = this.k;
    if (n < k) throw new RangeError(`${name} must have at least k = ${k} rows; got ${n}.`);
    const w = checkWeights(opts.sampleWeight, n, "The 'sampleWeight' option of KMeans.fit", k);
    const weightExp = w === null ? 0 : normalizeWeightScale(w); // weights · 2^weightExp, max in [1, 2)
    let data: FloatArray = M.data;
    if (this.spherical) data = normalizedRows(data, n, d, name);
    // the scale of X as given (predict and saved centres are checked the same way)
    checkDistanceScale(data, n, d, name, this.precision);
    // fitted centred, as scikit-learn does (before any rounding to float32); spherical rows are unit
    const offset = this.spherical ? null : offsetToRemove(data, n, d);
    if (offset !== null) data = subtractOffset(data, n, d, offset, this.precision === 'float32');
    // float32 precision: the points as float32, and the k-means++ message says they were rounded
    let seedName = name;
    if (this.precision === 'float32') {
      if (!(data instanceof Float32Array)) data = Float32Array.from(data);
      seedName = `${name} (rounded to float32 for precision 'float32')`;
    }
    let explicitInit: Float64Array | null = null;
    if (typeof this.init !== 'string') {
      if (this.init.cols !== d) {
        throw new RangeError(`The 'init' option of KMeans must have ${d} columns (the columns of X); got ${this.init.cols}.`);
      }
      const initName = "The 'init' option of KMeans";
      explicitInit = Float64Array.from(this.init.data);
      // spherical: unit rows at any scale (as the data); then only overflow can matter, the
      // data set the scale for underflow
      if (this.spherical) explicitInit = normalizedRows(explicitInit, k, d, initName) as Float64Array;
      if (offset !== null) explicitInit = subtractOffset(explicitInit, k, d, offset, false) as Float64Array;
      const init = this.precision === 'float32' ? Float32Array.from(explicitInit) : explicitInit;
      checkDistanceScale(init, k, d, initName, this.precision, false);
    }
    // tol = 0 (run exactly maxIter iterations or to strict convergence) needs no pass over the data.
    const tolAbs = this.tol === 0 ? 0 : this.tol * meanColumnVariance(data, n, d);
    const algorithm = this.algorithm === 'auto' ? (n * k <= 2e7 ? 'elkan' : 'hamerly') : this.algorithm;
    const rng = createRng(this.seed);
    let best: Fitted | null = null;
    for (let r = 0; r < this.nInit; r++) {
      let init: Float64Array;
      if (explicitInit !== null) init = explicitInit;
      else {
        const sub = createRng((rng.next() * 4294967296) >>> 0);
        init = this.init === 'random' ? randomInit(data, n, d, k, sub) : kmeansPlusPlus(data, n, d, k, w, sub, undefined, seedName);
      }
      const res = runKMeans(data, n, d, k, w, init, { maxIter: this.maxIter, tol: tolAbs, algorithm, spherical: this.spherical, precision: this.precision });
      if (best === null || res.inertia < best.inertia) best = { ...res, d };
      this.onProgress?.(r + 1, this.nInit, 'kmeans');
    }
    if (best !== null && offset !== null) {
      addOffsetInPlace(best.centres, d, offset); // back to X's coordinates
      best.offset = offset;
    }
    if (best !== null && weightExp !== 0) {
      best.inertia = timesPowerOfTwo(best.inertia, -weightExp);
      best.history = best.history.map((v) => timesPowerOfTwo(v, -weightExp));
    }
    if (best !== null && !Number.isFinite(best.inertia)) {
      throw new RangeError(`The inertia Σ w·‖x − c‖² of KMeans.fit overflows float64 (${name} and the sample weights are too large together); rescale X or the weights.`);
    }
    this.fitted = best;
    return this;
  }

  /** `fit(X).labels`. */
  fitPredict(X: MatrixLike, opts: KMeansFitOptions = {}): Int32Array {
    return this.fit(X, opts).labels;
  }

  private state(member: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(NAME, member);
    return this.fitted;
  }

  /** Cluster centres, k x d float64 (scikit-learn `cluster_centers_`; unit rows when spherical). */
  get clusterCenters(): Matrix<Float64Array> {
    const f = this.state('clusterCenters');
    return { data: Float64Array.from(f.centres), rows: this.k, cols: f.d };
  }

  /** Cluster index of each training row, length n (scikit-learn `labels_`). */
  get labels(): Int32Array {
    return Int32Array.from(this.state('labels').labels);
  }

  /**
   * Σ_i w_i ‖x_i − c_label(i)‖² of the kept run (scikit-learn `inertia_`); for spherical
   * k-means on the unit-normalized rows, i.e. 2 Σ w (1 − cos).
   */
  get inertia(): number {
    return this.state('inertia').inertia;
  }

  /** Lloyd iterations of the kept run (scikit-learn `n_iter_`). */
  get nIter(): number {
    return this.state('nIter').nIter;
  }

  /** Whether the kept run stopped by tolerance or strict convergence (false: maxIter reached). */
  get converged(): boolean {
    return this.state('converged').converged;
  }

  /** Objective after each iteration's centre update in the kept run (non-increasing). */
  get inertiaHistory(): Float64Array {
    return Float64Array.from(this.state('inertiaHistory').history);
  }

  /** Number of columns seen at fit. */
  get nFeatures(): number {
    return this.state('nFeatures').d;
  }

  private prepare(X: MatrixLike, method: string): Matrix {
    const f = this.state(method);
    const name = `The 'X' argument of KMeans.${method}`;
    const M = checkMatrix(X, name, { minRows: 0, cols: f.d });
    if (!this.spherical) return M;
    return { data: normalizedRows(M.data, M.rows, M.cols, name), rows: M.rows, cols: M.cols };
  }

  /**
   * Index of the nearest centre for each row of X (m x d). Spherical: nearest by cosine. With
   * `precision: 'float32'` the distances are computed as in fit (X and the centres rounded to
   * float32, float32 arithmetic), so `predict` of the training data gives `labels`.
   * @throws NotFittedError before fit; RangeError on a column mismatch, a non-finite entry, or
   *   (float32) an entry too large for float32 distances
   */
  predict(X: MatrixLike): Int32Array {
    const M = this.prepare(X, 'predict');
    const f = this.fitted as Fitted;
    const out = new Int32Array(M.rows);
    const tmp = new Float64Array(3);
    if (this.precision === 'float32') {
      // the arithmetic of fit's assignment step, so predict(X_train) reproduces labels
      // (centred by fit's offset, when fit removed one, before rounding)
      const off = f.offset;
      checkDistanceScale(M.data, M.rows, f.d, "The 'X' argument of KMeans.predict", 'float32', false);
      const X32 = off ? subtractOffset(M.data, M.rows, f.d, off, true) as Float32Array
        : M.data instanceof Float32Array ? M.data : Float32Array.from(M.data);
      const C32 = off ? subtractOffset(f.centres, this.k, f.d, off, true) as Float32Array : Float32Array.from(f.centres);
      const buf = new Float64Array(this.k);
      for (let i = 0; i < M.rows; i++) {
        nearestTwo32(X32, i, C32, this.k, f.d, buf, tmp);
        out[i] = tmp[0];
      }
      return out;
    }
    checkDistanceScale(M.data, M.rows, f.d, "The 'X' argument of KMeans.predict", 'float64', false);
    for (let i = 0; i < M.rows; i++) {
      nearestTwo(M.data, i, f.centres, this.k, f.d, tmp);
      out[i] = tmp[0];
    }
    return out;
  }

  /**
   * Euclidean distance of each row of X to each centre: m x k float64 (spherical: between
   * the unit-normalized row and the unit centre, √(2 − 2 cos)).
   */
  transform(X: MatrixLike): Matrix<Float64Array> {
    const M = this.prepare(X, 'transform');
    const f = this.fitted as Fitted;
    checkDistanceScale(M.data, M.rows, f.d, "The 'X' argument of KMeans.transform", 'float64', false);
    const out = new Float64Array(M.rows * this.k);
    for (let i = 0; i < M.rows; i++) {
      for (let j = 0; j < this.k; j++) out[i * this.k + j] = Math.sqrt(sqDist(M.data, i * f.d, f.centres, j * f.d, f.d));
    }
    return { data: out, rows: M.rows, cols: this.k };
  }

  /** Serializable state: `{ name: 'KMeans', version: 1, options, state }`. */
  toJSON(): KMeansJSON {
    return {
      name: NAME,
      version: 1,
      options: {
        k: this.k, nInit: this.nInit, maxIter: this.maxIter, tol: this.tol, seed: this.seed,
        algorithm: this.algorithm, spherical: this.spherical, precision: this.precision,
        init: typeof this.init === 'string' ? this.init : matrixRows(this.init.data, this.init.rows, this.init.cols),
      },
      state: this.fitted === null ? null : {
        centres: matrixRows(this.fitted.centres, this.k, this.fitted.d),
        labels: Array.from(this.fitted.labels),
        inertia: this.fitted.inertia,
        nIter: this.fitted.nIter,
        converged: this.fitted.converged,
        history: Array.from(this.fitted.history),
        ...(this.fitted.offset ? { offset: Array.from(this.fitted.offset) } : {}),
      },
    };
  }

  /**
   * Rebuild a KMeans from {@link KMeans.toJSON}.
   * @throws FormatError on another name or version, or a malformed state
   */
  static fromJSON(json: unknown): KMeans {
    const j = json as KMeansJSON;
    if (j === null || typeof j !== 'object' || j.name !== NAME) {
      throw new FormatError(`Expected a serialized KMeans (name 'KMeans'); got ${describe((j as { name?: unknown } | null)?.name ?? j)}.`);
    }
    if (j.version !== 1) throw new FormatError(`Unsupported KMeans format version ${describe(j.version)}; expected 1.`);
    const km = fromSaved('Serialized KMeans has invalid options', () => new KMeans(j.options as KMeansOptions));
    if (j.state !== null && j.state !== undefined) {
      const s = j.state;
      if (!Array.isArray(s.centres) || s.centres.length !== km.k || !Array.isArray(s.labels)) {
        throw new FormatError(`Serialized KMeans state must have k = ${km.k} centres and a labels array.`);
      }
      const c = fromSaved('Serialized KMeans state', () => {
        const m = checkMatrix(s.centres, 'The centres of a serialized KMeans');
        checkSavedCentres(m, km.spherical, km.precision, 'The centres of a serialized KMeans');
        return m;
      });
      const labelAt = s.labels.findIndex((v) => !Number.isInteger(v) || v < 0 || v >= km.k);
      expectSaved(labelAt < 0, NAME, `labels must be integers in [0, ${km.k - 1}]; entry ${labelAt} is not`, s.labels[labelAt]);
      expectSaved(typeof s.inertia === 'number' && s.inertia >= 0 && Number.isFinite(s.inertia), NAME, 'inertia must be a finite number ≥ 0', s.inertia);
      expectSaved(Number.isInteger(s.nIter) && s.nIter >= 0, NAME, 'nIter must be an integer ≥ 0', s.nIter);
      expectSaved(typeof s.converged === 'boolean', NAME, 'converged must be true or false', s.converged);
      const history = s.history ?? [];
      expectSaved(Array.isArray(history) && history.length === s.nIter && history.every((v) => typeof v === 'number' && Number.isFinite(v)),
        NAME, `history must hold nIter = ${s.nIter} finite numbers`, history);
      const offset = savedOffset(s.offset, c.cols, NAME);
      km.fitted = {
        centres: Float64Array.from(c.data), labels: Int32Array.from(s.labels), inertia: s.inertia,
        nIter: s.nIter, converged: s.converged, history: Float64Array.from(history), d: c.cols,
        ...(offset !== undefined ? { offset } : {}),
      };
    }
    return km;
  }
}

/** JSON form of a {@link KMeans}. */
export interface KMeansJSON {
  name: 'KMeans';
  version: 1;
  options: Omit<KMeansOptions, 'init' | 'onProgress'> & { init: 'k-means++' | 'random' | number[][] };
  state: null | {
    centres: number[][]; labels: number[]; inertia: number; nIter: number; converged: boolean; history: number[];
    /** Column means fit subtracted (data far from the origin), absent otherwise. */
    offset?: number[];
  };
}

function matrixRows(a: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from({ length: cols }, (_, t) => a[i * cols + t]));
  return out;
}
