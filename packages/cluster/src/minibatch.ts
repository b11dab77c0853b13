/**
 * Mini-batch k-means (D. Sculley, "Web-scale k-means clustering", WWW 2010, Algorithm 1) with
 * scikit-learn's refinements: k-means++ on a random `initSize` subset (best of `nInit` by the
 * inertia of that subset), per-centre learning rates η = w / (accumulated weight of the centre),
 * and early stopping when the exponentially weighted average of the batch inertia has not
 * improved for `maxNoImprovement` consecutive batches.
 */
import {
  FormatError, NotFittedError, checkInt, checkMatrix, checkNumber, createRng, describe,
  type FloatArray, type Matrix, type MatrixLike,
} from '@embfact/core';
import { addOffsetInPlace, checkDistanceScale, normalizeCentresInPlace, normalizedRows, offsetToRemove, sqDist, subtractOffset } from './kernels.js';
import { assignAll, kmeansPlusPlus } from './lloyd.js';
import { checkSavedCentres, checkWeights, expectSaved, fromSaved, normalizeWeightScale, savedOffset, timesPowerOfTwo } from './validate.js';

/** Options of {@link MiniBatchKMeans}. */
export interface MiniBatchKMeansOptions {
  /** Number of clusters (≥ 1). Required. */
  k: number;
  /** Rows per mini-batch (drawn uniformly with replacement). Default 1024. */
  batchSize?: number;
  /** Maximum number of passes over the data: at most ⌈maxIter · n / batchSize⌉ batches. Default 100. */
  maxIter?: number;
  /** Stop after this many consecutive batches without improvement of the smoothed batch inertia. Default 10. */
  maxNoImprovement?: number;
  /** Rows used by the k-means++ initialisation. Default min(n, max(3 · batchSize, 3 · k)). */
  initSize?: number;
  /** Initialisations tried (on the init subset, keeping the lowest subset inertia). Default 3. */
  nInit?: number;
  /** Seed. Default 0. */
  seed?: number;
  /** Spherical (cosine) variant: unit rows, centres renormalized after each update. Default false. */
  spherical?: boolean;
  /** Compute `labels` and `inertia` over all rows at the end of fit (one full pass). Default true. */
  computeLabels?: boolean;
  /** Progress: `(batchesDone, maxBatches, 'minibatch')`. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

const NAME = 'MiniBatchKMeans';

/**
 * Mini-batch k-means for hundreds of thousands of rows (e.g. a whole 341,479 x 100 vocabulary).
 * Learned state: {@link MiniBatchKMeans.clusterCenters} (k x d), {@link MiniBatchKMeans.labels}
 * and {@link MiniBatchKMeans.inertia} (over all rows, when `computeLabels`),
 * {@link MiniBatchKMeans.nSteps} (batches processed), {@link MiniBatchKMeans.counts} (weight per centre).
 * A centre that never receives a point stays at its (data-point) initial position: never NaN.
 *
 * @example
 * const mbk = new MiniBatchKMeans({ k: 200, seed: 0 }).fit(table.matrix);
 * mbk.predict(someVectors);
 */
export class MiniBatchKMeans {
  readonly k: number;
  readonly batchSize: number;
  readonly maxIter: number;
  readonly maxNoImprovement: number;
  readonly initSize: number | undefined;
  readonly nInit: number;
  readonly seed: number;
  readonly spherical: boolean;
  readonly computeLabels: boolean;
  private readonly onProgress?: (done: number, total: number, label?: string) => void;
  private fitted: null | {
    centres: Float64Array; d: number; labels: Int32Array | null; inertia: number | null; nSteps: number; counts: Float64Array;
    /** Column means subtracted before fitting, if any (centres are in X's coordinates). */
    offset?: Float64Array;
  } = null;

  /** @throws RangeError / TypeError naming an invalid option */
  constructor(opts: MiniBatchKMeansOptions) {
    if (opts === null || typeof opts !== 'object') throw new TypeError(`The options of MiniBatchKMeans must be an object; got ${describe(opts)}.`);
    this.k = checkInt(opts.k, "The 'k' option of MiniBatchKMeans", 1);
    this.batchSize = checkInt(opts.batchSize ?? 1024, "The 'batchSize' option of MiniBatchKMeans", 1);
    this.maxIter = checkNumber(opts.maxIter ?? 100, "The 'maxIter' option of MiniBatchKMeans", Number.MIN_VALUE);
    this.maxNoImprovement = checkInt(opts.maxNoImprovement ?? 10, "The 'maxNoImprovement' option of MiniBatchKMeans", 1);
    this.initSize = opts.initSize === undefined ? undefined : checkInt(opts.initSize, "The 'initSize' option of MiniBatchKMeans", this.k);
    this.nInit = checkInt(opts.nInit ?? 3, "The 'nInit' option of MiniBatchKMeans", 1);
    this.seed = checkInt(opts.seed ?? 0, "The 'seed' option of MiniBatchKMeans", 0, 2 ** 32 - 1);
    for (const key of ['spherical', 'computeLabels'] as const) {
      if (opts[key] !== undefined && typeof opts[key] !== 'boolean') {
        throw new TypeError(`The '${key}' option of MiniBatchKMeans must be a boolean; got ${describe(opts[key])}.`);
      }
    }
    this.spherical = opts.spherical ?? false;
    this.computeLabels = opts.computeLabels ?? true;
    this.onProgress = opts.onProgress;
  }

  /**
   * Fit on the rows of X (n x d, n ≥ k). Returns `this`.
   * @throws RangeError on empty / non-finite X, n < k, zero rows (spherical), bad weights
   */
  fit(X: MatrixLike, opts: { sampleWeight?: ArrayLike<number> } = {}): this {
    const name = "The 'X' argument of MiniBatchKMeans.fit";
    const M = checkMatrix(X, name);
    const n = M.rows, d = M.cols, k = this.k;
    if (n < k) throw new RangeError(`${name} must have at least k = ${k} rows; got ${n}.`);
    const w = checkWeights(opts.sampleWeight, n, "The 'sampleWeight' option of MiniBatchKMeans.fit", k);
    const weightExp = w === null ? 0 : normalizeWeightScale(w); // weights · 2^weightExp, max in [1, 2)
    let data: FloatArray = this.spherical ? normalizedRows(M.data, n, d, name) : M.data;
    checkDistanceScale(data, n, d, name, 'float64');
    // fitted centred, as scikit-learn does (see offsetToRemove); spherical rows are unit
    const offset = this.spherical ? null : offsetToRemove(data, n, d);
    if (offset !== null) data = subtractOffset(data, n, d, offset, false);
    const rng = createRng(this.seed);

    // 1. initialisation on a random subset
    const initSize = Math.min(n, this.initSize ?? Math.max(3 * this.batchSize, 3 * k));
    let best: Float64Array | null = null;
    let bestInertia = Infinity;
    for (let r = 0; r < this.nInit; r++) {
      const idx = sampleWithoutReplacement(n, initSize, rng);
      const sub = gather(data, idx, d);
      const sw = w === null ? null : Float64Array.from(idx, (i) => w[i]);
      const C = kmeansPlusPlus(sub, initSize, d, k, sw, createRng((rng.next() * 4294967296) >>> 0), undefined, name);
      if (this.spherical) normalizeCentresInPlace(C, k, d);
      const { inertia } = assignAll(sub, initSize, d, C, k, sw);
      if (inertia < bestInertia) { bestInertia = inertia; best = C; }
    }
    const C = best as Float64Array;

    // 2. mini-batch steps
    const counts = new Float64Array(k);
    const bs = Math.min(this.batchSize, n);
    const maxSteps = Math.max(1, Math.ceil((this.maxIter * n) / bs));
    const alpha = Math.min(1, (2 * bs) / (n + 1));
    const batch = new Int32Array(bs);
    const sums = new Float64Array(k * d);
    const bw = new Float64Array(k);
    const tmp = new Float64Array(3);
    const bx = data instanceof Float32Array ? new Float32Array(bs * d) : new Float64Array(bs * d);
    let ewa = NaN, ewaMin = Infinity, noImprovement = 0, step = 0;
    for (; step < maxSteps; step++) {
      for (let b = 0; b < bs; b++) {
        const i = rng.int(n);
        batch[b] = i;
        bx.set(data.subarray(i * d, (i + 1) * d), b * d);
      }
      // nearest centres of the batch with the register-blocked kernel
      const assigned = assignAll(bx, bs, d, C, k, null);
      sums.fill(0); bw.fill(0);
      let batchInertia = 0, batchWeight = 0;
      for (let b = 0; b < bs; b++) {
        const i = batch[b];
        const j = assigned.labels[b];
        tmp[1] = sqDist(bx, b * d, C, j * d, d);
        const wi = w === null ? 1 : w[i];
        batchInertia += wi * tmp[1];
        batchWeight += wi;
        bw[j] += wi;
        const o = i * d, co = j * d;
        for (let t = 0; t < d; t++) sums[co + t] += wi * data[o + t];
      }
      // per-centre learning rate: c ← (c · N_c + Σ w x) / (N_c + Σ w)  (Sculley's η = 1/N_c per point)
      for (let j = 0; j < k; j++) {
        if (!(bw[j] > 0)) continue;
        const total = counts[j] + bw[j];
        const co = j * d;
        for (let t = 0; t < d; t++) C[co + t] = (C[co + t] * counts[j] + sums[co + t]) / total;
        counts[j] = total;
        if (this.spherical) {
          let s = 0;
          for (let t = 0; t < d; t++) s += C[co + t] * C[co + t];
          if (s > 0) { const inv = 1 / Math.sqrt(s); for (let t = 0; t < d; t++) C[co + t] *= inv; }
        }
      }
      // early stopping on the smoothed (per-unit-weight) batch inertia
      const bi = batchWeight > 0 ? batchInertia / batchWeight : 0;
      ewa = Number.isNaN(ewa) ? bi : ewa * (1 - alpha) + bi * alpha;
      if (ewa < ewaMin) { ewaMin = ewa; noImprovement = 0; } else if (++noImprovement >= this.maxNoImprovement) { step++; break; }
      if ((step & 31) === 0) this.onProgress?.(step + 1, maxSteps, 'minibatch');
    }
    this.onProgress?.(step, maxSteps, 'minibatch');
    let labels: Int32Array | null = null, inertia: number | null = null;
    if (this.computeLabels) ({ labels, inertia } = assignAll(data, n, d, C, k, w));
    if (weightExp !== 0) {
      if (inertia !== null) inertia = timesPowerOfTwo(inertia, -weightExp);
      for (let j = 0; j < k; j++) counts[j] = timesPowerOfTwo(counts[j], -weightExp);
    }
    if (inertia !== null && !Number.isFinite(inertia)) {
      throw new RangeError(`The inertia Σ w·‖x − c‖² of MiniBatchKMeans.fit overflows float64 (${name} and the sample weights are too large together); rescale X or the weights.`);
    }
    if (offset !== null) addOffsetInPlace(C, d, offset); // back to X's coordinates
    this.fitted = { centres: C, d, labels, inertia, nSteps: step, counts, ...(offset !== null ? { offset } : {}) };
    return this;
  }

  private state(member: string) {
    if (this.fitted === null) throw new NotFittedError(NAME, member);
    return this.fitted;
  }

  /** Centres, k x d float64 (unit rows when spherical). */
  get clusterCenters(): Matrix<Float64Array> {
    const f = this.state('clusterCenters');
    return { data: Float64Array.from(f.centres), rows: this.k, cols: f.d };
  }

  /** Labels of all training rows. @throws NotFittedError (also when fitted with computeLabels: false) */
  get labels(): Int32Array {
    const f = this.state('labels');
    if (f.labels === null) throw new NotFittedError(NAME, 'labels (fit with computeLabels: true)');
    return Int32Array.from(f.labels);
  }

  /** Σ w ‖x − c_label‖² over all training rows. @throws NotFittedError (also without computeLabels) */
  get inertia(): number {
    const f = this.state('inertia');
    if (f.inertia === null) throw new NotFittedError(NAME, 'inertia (fit with computeLabels: true)');
    return f.inertia;
  }

  /** Mini-batches processed. */
  get nSteps(): number {
    return this.state('nSteps').nSteps;
  }

  /** Accumulated weight per centre. */
  get counts(): Float64Array {
    return Float64Array.from(this.state('counts').counts);
  }

  /**
   * Nearest centre of each row of X (cosine when spherical).
   * @throws NotFittedError; RangeError on shape, a non-finite entry or one too large for float64 distances
   */
  predict(X: MatrixLike): Int32Array {
    const f = this.state('predict');
    const name = "The 'X' argument of MiniBatchKMeans.predict";
    const M = checkMatrix(X, name, { minRows: 0, cols: f.d });
    let data = this.spherical ? normalizedRows(M.data, M.rows, M.cols, name) : M.data;
    checkDistanceScale(data, M.rows, f.d, name, 'float64', false);
    let centres = f.centres;
    if (f.offset) {
      // assignAll expands ‖x‖² − 2x·c + ‖c‖²: score in fit's centred coordinates
      data = subtractOffset(data, M.rows, f.d, f.offset, false);
      centres = subtractOffset(centres, this.k, f.d, f.offset, false) as Float64Array;
    }
    return assignAll(data, M.rows, f.d, centres, this.k, null).labels;
  }

  /** `{ name: 'MiniBatchKMeans', version: 1, options, state }` (labels not stored). */
  toJSON(): object {
    const f = this.fitted;
    return {
      name: NAME, version: 1,
      options: {
        k: this.k, batchSize: this.batchSize, maxIter: this.maxIter, maxNoImprovement: this.maxNoImprovement,
        initSize: this.initSize, nInit: this.nInit, seed: this.seed, spherical: this.spherical, computeLabels: this.computeLabels,
      },
      state: f === null ? null : {
        centres: Array.from({ length: this.k }, (_, j) => Array.from(f.centres.subarray(j * f.d, (j + 1) * f.d))),
        inertia: f.inertia, nSteps: f.nSteps, counts: Array.from(f.counts),
        ...(f.offset ? { offset: Array.from(f.offset) } : {}),
      },
    };
  }

  /** Rebuild from {@link MiniBatchKMeans.toJSON}. @throws FormatError on another name or version */
  static fromJSON(json: unknown): MiniBatchKMeans {
    const j = json as { name?: unknown; version?: unknown; options: MiniBatchKMeansOptions; state: null | { centres: number[][]; inertia: number | null; nSteps: number; counts: number[]; offset?: number[] } };
    if (j === null || typeof j !== 'object' || j.name !== NAME) throw new FormatError(`Expected a serialized MiniBatchKMeans; got ${describe(j?.name ?? j)}.`);
    if (j.version !== 1) throw new FormatError(`Unsupported MiniBatchKMeans format version ${describe(j.version)}; expected 1.`);
    const m = fromSaved('Serialized MiniBatchKMeans has invalid options', () => new MiniBatchKMeans(j.options));
    if (j.state) {
      const s = j.state;
      const c = fromSaved('Serialized MiniBatchKMeans state', () => {
        const mat = checkMatrix(s.centres, 'The centres of a serialized MiniBatchKMeans');
        checkSavedCentres(mat, m.spherical, 'float64', 'The centres of a serialized MiniBatchKMeans');
        return mat;
      });
      if (c.rows !== m.k) throw new FormatError(`Serialized MiniBatchKMeans must have k = ${m.k} centres; got ${c.rows}.`);
      expectSaved(s.inertia === null || (typeof s.inertia === 'number' && s.inertia >= 0 && Number.isFinite(s.inertia)), NAME,
        'inertia must be null or a finite number ≥ 0', s.inertia);
      expectSaved(Number.isInteger(s.nSteps) && s.nSteps >= 0, NAME, 'nSteps must be an integer ≥ 0', s.nSteps);
      expectSaved(Array.isArray(s.counts) && s.counts.length === m.k && s.counts.every((v) => typeof v === 'number' && v >= 0 && Number.isFinite(v)),
        NAME, `counts must hold k = ${m.k} finite numbers ≥ 0`, s.counts);
      const offset = savedOffset(s.offset, c.cols, NAME);
      m.fitted = {
        centres: Float64Array.from(c.data), d: c.cols, labels: null, inertia: s.inertia, nSteps: s.nSteps, counts: Float64Array.from(s.counts),
        ...(offset !== undefined ? { offset } : {}),
      };
    }
    return m;
  }
}

function sampleWithoutReplacement(n: number, m: number, rng: ReturnType<typeof createRng>): Int32Array {
  if (m >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const chosen = new Set<number>();
  // Floyd's algorithm: m draws, O(m) memory
  for (let j = n - m; j < n; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Int32Array.from(Array.from(chosen).sort((a, b) => a - b));
}

function gather(X: FloatArray, idx: Int32Array, d: number): FloatArray {
  const out = X instanceof Float32Array ? new Float32Array(idx.length * d) : new Float64Array(idx.length * d);
  for (let r = 0; r < idx.length; r++) out.set(X.subarray(idx[r] * d, (idx[r] + 1) * d), r * d);
  return out;
}

