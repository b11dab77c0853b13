/**
 * Multinomial (softmax) logistic regression with L2 regularization, trained by L-BFGS.
 *
 * Objective (scikit-learn's `LogisticRegression(multi_class='multinomial')`, divided by
 * S = Σᵢ sᵢ so the tolerance does not depend on n; the minimizer is the same):
 *
 *   F(W, b) = (1/S) Σᵢ sᵢ [ log Σₖ exp(zᵢₖ) − zᵢ,yᵢ ] + ‖W‖²_F / (2 C S),   zᵢ = Wᵀxᵢ + b
 *
 * with sᵢ the sample weight times the class weight, the intercept b unpenalized, and
 * the log-sum-exp computed stably as m + log Σ exp(z − m), m = max z. The gradient is
 * ∇_W = Xᵀ G + W/(C S), ∇_b = Σᵢ Gᵢ with Gᵢ = sᵢ (softmax(zᵢ) − e_yᵢ) / S.
 */
import { NotFittedError, checkNumber, checkInt, checkOneOf, describe, type Matrix } from '@embfact/core';
import { minimizeLbfgs, type LbfgsStop } from './lbfgs.js';
import { addXW, addXtG, checkFeatures, columnStats, rowGram, pivotedCholesky, type Features } from './features.js';
import { encodeLabels, classWeights, checkLabels, type ClassWeight, type Label } from './labels.js';
import { encodeFloat64, decodeFloat64, checkHeader } from './codec.js';

/** Options of {@link LogisticRegression}. */
export interface LogisticRegressionOptions {
  /** Inverse regularization strength, as scikit-learn's `C` (default 1). */
  C?: number;
  /** Fit an unpenalized intercept per class (default true). */
  fitIntercept?: boolean;
  /**
   * Standardize features inside the model (default false, as scikit-learn): dense
   * columns are centered and scaled to unit variance, sparse columns only scaled
   * (centering would densify them), zero-variance columns left as they are. The
   * learned coefficients are reported in the original feature units.
   */
  standardize?: boolean;
  /** `'balanced'` or a map label → weight (default: all 1). */
  classWeight?: ClassWeight;
  /** Maximum L-BFGS iterations (default 1000). */
  maxIter?: number;
  /** Stop when the largest gradient entry of F is ≤ tol (default 1e-6). */
  tol?: number;
  /** Stop when the relative decrease of F in one iteration is ≤ ftol (default 1e-10). */
  ftol?: number;
  /** L-BFGS memory (default 10). */
  memory?: number;
  /**
   * `'primal'`: optimize the d × K coefficients directly. `'rowspace'`: optimize over the
   * row space of X (n × r features from a pivoted Cholesky of X̃X̃ᵀ; same minimizer, much
   * faster when d ≫ n, e.g. TF-IDF on a few hundred documents). `'auto'` (default): rowspace
   * when n ≤ 1500 and d > 2n.
   */
  solver?: 'auto' | 'primal' | 'rowspace';
}

/** Options of {@link LogisticRegression.fit}. */
export interface FitOptions {
  /** Per-sample weights (length n, positive). */
  sampleWeight?: ArrayLike<number>;
  /** Progress callback, called once per L-BFGS iteration. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

interface Fitted<L extends Label> {
  classes: L[];
  nFeatures: number;
  /** d × K row-major, in the original feature units. */
  w: Float64Array;
  /** K */
  b: Float64Array;
  nIter: number;
  converged: boolean;
  reason: LbfgsStop;
  loss: number;
  solver: 'primal' | 'rowspace';
  /** Number of optimized features per class: d (primal) or rank of X̃ (rowspace). */
  rank: number;
}

/** Largest n for which solver 'auto' picks the row-space route (its Cholesky costs O(n³)). */
export const ROWSPACE_MAX_N = 1500;

/** The S-normalized objective F and its gradient (see the file header) over features X. */
function objective(
  X: Features, codes: Int32Array, sw: Float64Array, K: number, lam: number, fitB: boolean,
  scale?: Float64Array, shift?: Float64Array,
): (x: Float64Array, g: Float64Array) => number {
  const n = X.rows;
  const nW = X.cols * K;
  let S = 0;
  for (let i = 0; i < n; i++) S += sw[i];
  const invS = 1 / S;
  const Z = new Float64Array(n * K);
  return (x, g) => {
    Z.fill(0);
    addXW(X, x, K, Z, scale, shift);
    if (fitB) for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) Z[i * K + k] += x[nW + k];
    let f = softmaxInPlace(Z, n, K, codes, sw) * invS;
    // G = s (P − Y) / S, in place in Z.
    for (let i = 0; i < n; i++) {
      const o = i * K;
      const s = sw[i] * invS;
      for (let k = 0; k < K; k++) Z[o + k] *= s;
      Z[o + codes[i]] -= s;
    }
    g.fill(0);
    addXtG(X, Z, K, g, scale, shift);
    let reg = 0;
    for (let j = 0; j < nW; j++) { reg += x[j] * x[j]; g[j] += lam * x[j]; }
    f += 0.5 * lam * reg;
    if (fitB) for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) g[nW + k] += Z[i * K + k];
    return f;
  };
}

/**
 * Row-wise softmax in place over an n × K score matrix; returns Σᵢ wᵢ (lse(zᵢ) − zᵢ,yᵢ)
 * when labels are given.
 */
function softmaxInPlace(Z: Float64Array, n: number, K: number, codes?: Int32Array, sw?: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let m = -Infinity;
    for (let k = 0; k < K; k++) if (Z[o + k] > m) m = Z[o + k];
    // lse(z) − z_y = log Σ exp(z − m) − (z_y − m): never overflows, never log(0).
    const zy = codes ? Z[o + codes[i]] - m : 0;
    let s = 0;
    for (let k = 0; k < K; k++) { const e = Math.exp(Z[o + k] - m); Z[o + k] = e; s += e; }
    if (codes) loss += (sw ? sw[i] : 1) * (Math.log(s) - zy);
    const inv = 1 / s;
    for (let k = 0; k < K; k++) Z[o + k] *= inv;
  }
  return loss;
}

/**
 * Multinomial logistic regression (softmax, L2, L-BFGS) on dense, sparse CSR or
 * hstacked features. Deterministic: the optimizer starts from zero and uses no randomness.
 *
 * @example
 * const lr = new LogisticRegression({ C: 10, standardize: true }).fit(X, y);
 * lr.predict(Xtest);        // labels
 * lr.predictProba(Xtest);   // n × K, rows sum to 1, columns in lr.classes order
 */
export class LogisticRegression<L extends Label = Label> {
  /** Validated options. */
  readonly options: Readonly<Required<Omit<LogisticRegressionOptions, 'classWeight'>> & { classWeight?: ClassWeight }>;
  #fitted: Fitted<L> | null = null;

  /** @throws RangeError on an invalid option (names the option, expected and found) */
  constructor(options: LogisticRegressionOptions = {}) {
    const o = options;
    const name = (k: string) => `The '${k}' option of LogisticRegression`;
    if (o.classWeight !== undefined && o.classWeight !== 'balanced' && (typeof o.classWeight !== 'object' || o.classWeight === null)) {
      throw new RangeError(`${name('classWeight')} must be 'balanced' or a map label → weight; got ${describe(o.classWeight)}.`);
    }
    for (const k of ['fitIntercept', 'standardize'] as const) {
      if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new TypeError(`${name(k)} must be a boolean; got ${describe(o[k])}.`);
    }
    this.options = {
      C: o.C === undefined ? 1 : checkNumber(o.C, name('C'), Number.MIN_VALUE),
      fitIntercept: o.fitIntercept ?? true,
      standardize: o.standardize ?? false,
      classWeight: o.classWeight,
      maxIter: o.maxIter === undefined ? 1000 : checkInt(o.maxIter, name('maxIter'), 1),
      tol: o.tol === undefined ? 1e-6 : checkNumber(o.tol, name('tol'), 0),
      ftol: o.ftol === undefined ? 1e-10 : checkNumber(o.ftol, name('ftol'), 0),
      memory: o.memory === undefined ? 10 : checkInt(o.memory, name('memory'), 1, 1000),
      solver: o.solver === undefined ? 'auto' : checkOneOf(o.solver, name('solver'), ['auto', 'primal', 'rowspace'] as const),
    };
  }

  /**
   * Fit on features `X` (n × d: Matrix, `number[][]`, CSR, or {@link hstack}) and labels `y`
   * (n strings or n numbers, at least two classes).
   * @throws TypeError on mixed label types or a wrong kind of `X`
   * @throws RangeError on fewer than two classes, mismatched lengths, non-finite features or weights
   */
  fit(X: Features | number[][], y: readonly L[], opts: FitOptions = {}): this {
    const Xc = checkFeatures(X, "The 'X' argument of LogisticRegression.fit");
    const n = Xc.rows;
    const d = Xc.cols;
    const { classes, codes } = encodeLabels(y, "The 'y' argument of LogisticRegression.fit", n);
    const K = classes.length;
    const cw = classWeights(this.options.classWeight, classes, codes, "The 'classWeight' option of LogisticRegression");
    const sw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = opts.sampleWeight ? opts.sampleWeight[i] : 1;
      if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) {
        throw new RangeError(`The 'sampleWeight' option of LogisticRegression.fit must hold finite non-negative numbers; entry ${i} is ${describe(s)}.`);
      }
      sw[i] = s * cw[codes[i]];
    }
    if (opts.sampleWeight && opts.sampleWeight.length !== n) {
      throw new RangeError(`The 'sampleWeight' option of LogisticRegression.fit must have length ${n}; got ${opts.sampleWeight.length}.`);
    }
    let S = 0;
    for (let i = 0; i < n; i++) S += sw[i];
    if (!(S > 0)) throw new RangeError(`The sample weights of LogisticRegression.fit must not all be zero.`);

    // Standardization, applied implicitly inside the products (X is never copied).
    let scale: Float64Array | undefined;
    let shift: Float64Array | undefined;
    if (this.options.standardize) {
      const st = columnStats(Xc);
      scale = new Float64Array(d);
      shift = new Float64Array(d);
      let anyShift = false;
      for (let j = 0; j < d; j++) {
        scale[j] = st.std[j] > 1e-12 * Math.max(1, Math.abs(st.mean[j])) ? 1 / st.std[j] : 1;
        if (!st.sparse[j]) { shift[j] = st.mean[j]; if (shift[j] !== 0) anyShift = true; }
      }
      if (!anyShift) shift = undefined;
    }

    const fitB = this.options.fitIntercept;
    const lam = 1 / (this.options.C * S);
    const solver = this.options.solver === 'auto'
      ? (n <= ROWSPACE_MAX_N && d > 2 * n ? 'rowspace' : 'primal')
      : this.options.solver;
    const lbfgs = {
      memory: this.options.memory, maxIter: this.options.maxIter,
      gtol: this.options.tol, ftol: this.options.ftol, onProgress: opts.onProgress,
    };
    const nW = d * K;
    let wStd: Float64Array; // d × K in the standardized space
    let bias: Float64Array;
    let r: ReturnType<typeof minimizeLbfgs>;
    let rank = d;
    if (solver === 'rowspace') {
      // The optimal W lies in the row space of X̃ (∇_W = X̃ᵀG + λW = 0 ⇒ W = −X̃ᵀG/λ), so
      // with K = X̃X̃ᵀ = ZZᵀ (pivoted Cholesky) the problem over W equals the one over
      // features Z (n × r, r ≤ n) with the same penalty; W is then recovered exactly from
      // the stationarity condition at the optimal scores.
      const { z, rank: rr } = pivotedCholesky(rowGram(Xc, scale, shift), n);
      rank = rr;
      const Zm: Matrix<Float64Array> = { data: z, rows: n, cols: rr };
      r = minimizeLbfgs(objective(Zm, codes, sw, K, lam, fitB), new Float64Array(rr * K + (fitB ? K : 0)), lbfgs);
      bias = fitB ? r.x.slice(rr * K) : new Float64Array(K);
      const G = new Float64Array(n * K);
      addXW(Zm, r.x, K, G);
      for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) G[i * K + k] += bias[k];
      softmaxInPlace(G, n, K);
      for (let i = 0; i < n; i++) {
        const s = sw[i] / S;
        for (let k = 0; k < K; k++) G[i * K + k] *= s;
        G[i * K + codes[i]] -= s;
      }
      wStd = new Float64Array(nW);
      addXtG(Xc, G, K, wStd, scale, shift);
      for (let j = 0; j < nW; j++) wStd[j] /= -lam;
    } else {
      r = minimizeLbfgs(objective(Xc, codes, sw, K, lam, fitB, scale, shift), new Float64Array(nW + (fitB ? K : 0)), lbfgs);
      wStd = r.x.subarray(0, nW);
      bias = fitB ? r.x.slice(nW) : new Float64Array(K);
    }
    // Fold the standardization into the coefficients: z = Σ_j (x_j − μ_j) σ_j⁻¹ W_jk + b_k.
    const w = new Float64Array(nW);
    const b = Float64Array.from(bias);
    for (let j = 0; j < d; j++) {
      const sc = scale ? scale[j] : 1;
      for (let k = 0; k < K; k++) {
        const v = wStd[j * K + k] * sc;
        w[j * K + k] = v;
        if (shift) b[k] -= shift[j] * v;
      }
    }
    this.#fitted = { classes, nFeatures: d, w, b, nIter: r.nIter, converged: r.converged, reason: r.reason, loss: r.f, solver, rank };
    return this;
  }

  #state(member: string): Fitted<L> {
    if (this.#fitted === null) throw new NotFittedError('LogisticRegression', member);
    return this.#fitted;
  }

  /** Sorted class labels (the column order of {@link predictProba}). @throws NotFittedError */
  get classes(): readonly L[] { return this.#state('classes').classes; }
  /** Number of features seen in fit. @throws NotFittedError */
  get nFeatures(): number { return this.#state('nFeatures').nFeatures; }
  /** Coefficients K × d (scikit-learn's `coef_` layout), in the original feature units. @throws NotFittedError */
  get coef(): Matrix<Float64Array> {
    const s = this.#state('coef');
    const K = s.classes.length, d = s.nFeatures;
    const out = new Float64Array(K * d);
    for (let j = 0; j < d; j++) for (let k = 0; k < K; k++) out[k * d + j] = s.w[j * K + k];
    return { data: out, rows: K, cols: d };
  }
  /** Intercepts (length K). @throws NotFittedError */
  get intercept(): Float64Array { return Float64Array.from(this.#state('intercept').b); }
  /** L-BFGS iterations used by the last fit. @throws NotFittedError */
  get nIter(): number { return this.#state('nIter').nIter; }
  /** Whether L-BFGS met its tolerance (false: stopped at maxIter or in the line search). @throws NotFittedError */
  get converged(): boolean { return this.#state('converged').converged; }
  /** Why the optimizer stopped. @throws NotFittedError */
  get stopReason(): LbfgsStop { return this.#state('stopReason').reason; }
  /** Solver used by the last fit ('primal' or 'rowspace'). @throws NotFittedError */
  get solver(): 'primal' | 'rowspace' { return this.#state('solver').solver; }
  /** Optimized features per class: d (primal) or the numerical rank of X̃ (rowspace). @throws NotFittedError */
  get rank(): number { return this.#state('rank').rank; }
  /** Final value of the (S-normalized) objective. @throws NotFittedError */
  get loss(): number { return this.#state('loss').loss; }

  /** Class scores z = X Wᵀ + b, n × K. @throws NotFittedError; RangeError on a wrong column count */
  decisionFunction(X: Features | number[][]): Matrix<Float64Array> {
    const s = this.#state('decisionFunction');
    const Xc = checkFeatures(X, "The 'X' argument of LogisticRegression.decisionFunction", s.nFeatures);
    const K = s.classes.length;
    const Z = new Float64Array(Xc.rows * K);
    addXW(Xc, s.w, K, Z);
    for (let i = 0; i < Xc.rows; i++) for (let k = 0; k < K; k++) Z[i * K + k] += s.b[k];
    return { data: Z, rows: Xc.rows, cols: K };
  }

  /** Class probabilities, n × K, columns in {@link classes} order. @throws NotFittedError */
  predictProba(X: Features | number[][]): Matrix<Float64Array> {
    const Z = this.decisionFunction(X);
    softmaxInPlace(Z.data, Z.rows, Z.cols);
    return Z;
  }

  /** Most probable class per row (ties → the first class in sorted order). @throws NotFittedError */
  predict(X: Features | number[][]): L[] {
    const Z = this.decisionFunction(X);
    const cls = this.#fitted!.classes;
    return argmaxRows(Z).map((k) => cls[k]);
  }

  /** `{ name: 'LogisticRegression', version: 1, options, classes, coefficients }`, bit-exact. @throws NotFittedError */
  toJSON(): LogisticRegressionJSON {
    const s = this.#state('toJSON');
    const { classWeight, ...rest } = this.options;
    return {
      name: 'LogisticRegression', version: 1,
      options: { ...rest, classWeight: classWeight instanceof Map ? Object.fromEntries([...classWeight].map(([k, v]) => [String(k), v])) : classWeight },
      classes: s.classes, nFeatures: s.nFeatures,
      weights: encodeFloat64(s.w), intercept: encodeFloat64(s.b),
      nIter: s.nIter, converged: s.converged, stopReason: s.reason, loss: s.loss, solver: s.solver, rank: s.rank,
    };
  }

  /** Rebuild a fitted model from {@link toJSON} output. @throws FormatError on another name/version or malformed content */
  static fromJSON<L extends Label = Label>(json: unknown): LogisticRegression<L> {
    const j = checkHeader(json, 'LogisticRegression', 1) as unknown as LogisticRegressionJSON;
    const m = new LogisticRegression<L>(j.options as LogisticRegressionOptions);
    checkLabels(j.classes, 'LogisticRegression JSON classes');
    const K = j.classes.length;
    const d = j.nFeatures;
    m.#fitted = {
      classes: j.classes as L[], nFeatures: d,
      w: decodeFloat64(j.weights, 'LogisticRegression JSON weights', d * K),
      b: decodeFloat64(j.intercept, 'LogisticRegression JSON intercept', K),
      nIter: j.nIter, converged: j.converged, reason: j.stopReason, loss: j.loss, solver: j.solver, rank: j.rank,
    };
    return m;
  }
}

/** Serialized {@link LogisticRegression}. */
export interface LogisticRegressionJSON {
  name: 'LogisticRegression';
  version: 1;
  options: Record<string, unknown>;
  classes: Label[];
  nFeatures: number;
  weights: ReturnType<typeof encodeFloat64>;
  intercept: ReturnType<typeof encodeFloat64>;
  nIter: number;
  converged: boolean;
  stopReason: LbfgsStop;
  loss: number;
  solver: 'primal' | 'rowspace';
  rank: number;
}

/** Index of the largest entry of each row (first one on ties). */
export function argmaxRows(M: Matrix): number[] {
  const out: number[] = new Array(M.rows);
  for (let i = 0; i < M.rows; i++) {
    let best = 0;
    let bv = -Infinity;
    for (let k = 0; k < M.cols; k++) {
      const v = M.data[i * M.cols + k];
      if (v > bv) { bv = v; best = k; }
    }
    out[i] = best;
  }
  return out;
}
