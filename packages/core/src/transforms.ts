/**
 * Fit/transform estimators on top of {@link svd}: {@link Whitening} (PCA / ZCA),
 * {@link AllButTheTop} (Mu & Viswanath 2018) and {@link LowRankFactorization}
 * (A ≈ E W, as in ALBERT's factorized embedding).
 *
 * Contract (STYLE.md, scikit-learn): the constructor only validates and stores options;
 * `fit(X)` learns and returns `this`; `transform(X)` works on any matrix with the fitted
 * number of columns (the whole vocabulary or new vectors) and keeps the input dtype
 * (float32 in → float32 out, float64 arithmetic inside); learned state is read through
 * getters that throw {@link NotFittedError} before `fit`; `toJSON()` carries
 * `{ name, version }` and `fromJSON()` rejects another name or version with a FormatError.
 */
import { checkInt, checkMatrix, checkNumber, checkOneOf, dtypeOf, type Matrix, type MatrixLike } from './matrix.js';
import { FormatError, NotFittedError, describe } from './errors.js';
import { frobeniusSquared, matmul } from './kernels.js';
import { svd, type SvdResult } from './svd.js';

/** What every transform satisfies (see docs/architecture.md). */
export interface Transform {
  fit(X: MatrixLike): this;
  transform(X: MatrixLike): Matrix;
  fitTransform(X: MatrixLike): Matrix;
  /** Number of output columns (throws NotFittedError before fit). */
  readonly outputDim: number;
  toJSON(): object;
}

/** Options of `fit` for every transform. */
export interface FitOptions {
  /** Progress of the factorization pass(es): (rows done, n, label 'gram' | 'qr' | 'q'). */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Route used to factor the training matrix: see {@link svd}. */
export type SvdMethod = 'auto' | 'gram' | 'tsqr';

// ---------------------------------------------------------------- shared helpers

function checkOptionsObject(opts: unknown, cls: string): Record<string, unknown> {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
    throw new TypeError(`The options of ${cls} must be an object; got ${describe(opts)}.`);
  }
  return opts as Record<string, unknown>;
}

function checkBool(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean; got ${describe(v)}.`);
  return v;
}

function rejectUnknown(opts: Record<string, unknown>, cls: string, allowed: readonly string[]): void {
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`Unknown option '${key}' of ${cls}; expected one of ${allowed.map((a) => `'${a}'`).join(', ')}.`);
    }
  }
}

/** Add μ to every row in place. */
function addMeanInPlace(M: Matrix, mean: Float64Array | null): Matrix {
  if (!mean) return M;
  const { data, rows, cols } = M;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] += mean[j];
  return M;
}

function toNested(data: Float64Array, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) out.push(Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return out;
}

function readHeader(json: unknown, cls: string): Record<string, unknown> {
  if (json === null || typeof json !== 'object') throw new FormatError(`${cls}.fromJSON expects an object; got ${describe(json)}.`);
  const j = json as Record<string, unknown>;
  if (j.name !== cls) throw new FormatError(`${cls}.fromJSON expects name '${cls}'; got ${describe(j.name)}.`);
  if (j.version !== 1) throw new FormatError(`${cls}.fromJSON supports version 1; got ${describe(j.version)}.`);
  return j;
}

function readVector(v: unknown, field: string, cls: string, length?: number): Float64Array {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new FormatError(`${cls}.fromJSON: '${field}' must be an array of finite numbers; got ${describe(v)}.`);
  }
  if (length !== undefined && v.length !== length) {
    throw new FormatError(`${cls}.fromJSON: '${field}' must have length ${length}; got ${v.length}.`);
  }
  return Float64Array.from(v as number[]);
}

function readNested(v: unknown, field: string, cls: string, rows: number, cols: number): Float64Array {
  if (!Array.isArray(v) || v.length !== rows) {
    throw new FormatError(`${cls}.fromJSON: '${field}' must be an array of ${rows} rows; got ${describe(v)}.`);
  }
  const out = new Float64Array(rows * cols);
  v.forEach((r, i) => out.set(readVector(r, `${field}[${i}]`, cls, cols), i * cols));
  return out;
}

function readInt(v: unknown, field: string, cls: string, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new FormatError(`${cls}.fromJSON: '${field}' must be an integer ≥ ${min}; got ${describe(v)}.`);
  }
  return v;
}

/** Finite numbers as-is, ±Infinity as null (JSON has no Infinity). */
const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

// ---------------------------------------------------------------- Whitening

/** Options of {@link Whitening}. */
export interface WhiteningOptions {
  /**
   * `'pca'` (default): A' = Ā V_k Σ'_k, n×k — dimension reduction as in BERT-whitening
   * (Su et al. 2021). `'zca'`: A' = Ā V_k Σ'_k V_kᵀ, n×d, back in the original basis.
   */
  mode?: 'pca' | 'zca';
  /** Directions kept, integer in [1, d]; default d. */
  k?: number;
  /** ε ≥ 0 added to each variance: Σ'ᵢ = 1/sqrt(σᵢ²/(n−1) + ε). Default 0 (exact identity covariance). */
  eps?: number;
  /**
   * Directions with σᵢ ≤ rcond·σ₁ get Σ'ᵢ = 0 (dropped, never Inf/NaN). Default
   * max(n, d)·2⁻⁵² for the TSQR route and sqrt(max(n, d)·2⁻⁵²) for the Gram route
   * (whose small singular values are only that accurate).
   */
  rcond?: number;
  /** Subtract the column means before whitening (default true). */
  center?: boolean;
  /** SVD route (default 'auto'): see {@link svd}. */
  method?: SvdMethod;
}

const WHITENING_OPTIONS = ['mode', 'k', 'eps', 'rcond', 'center', 'method'] as const;

interface WhiteningState {
  d: number;
  n: number;
  mean: Float64Array | null;
  /** kept×d rows: V_kᵀ */
  components: Float64Array;
  kept: number;
  scales: Float64Array;
  singularValues: Float64Array;
  method: 'gram' | 'tsqr' | 'randomized';
  conditionEstimate: number;
  rcond: number;
}

/**
 * PCA- or ZCA-whitening (DESIGN.md §1 steps 4–5): the whitened rows have identity
 * covariance, A'ᵀA'/(n−1) = I (up to ε and dropped directions).
 *
 * Σ'ᵢ = 1/sqrt(σᵢ²/(n−1) + ε) for σᵢ > rcond·σ₁, else 0 (n − 1 is replaced by 1 when n = 1).
 *
 * @example
 * const w = new Whitening({ k: 50 }).fit(table);   // PCA-whitening to 50 dims
 * const Y = w.transform(newVectors);               // (X − μ) V₅₀ Σ'₅₀, same dtype as X
 * const Z = new Whitening({ mode: 'zca' }).fitTransform(X); // n×d
 * @throws RangeError / TypeError from the constructor on a bad option
 */
export class Whitening implements Transform {
  readonly mode: 'pca' | 'zca';
  readonly k: number | undefined;
  readonly eps: number;
  readonly rcond: number | undefined;
  readonly center: boolean;
  readonly method: SvdMethod;
  #state: WhiteningState | null = null;
  #forward: Matrix<Float64Array> | null = null;
  #inverse: Matrix<Float64Array> | null = null;

  constructor(options: WhiteningOptions = {}) {
    const o = checkOptionsObject(options, 'Whitening');
    rejectUnknown(o, 'Whitening', WHITENING_OPTIONS);
    this.mode = o.mode === undefined ? 'pca' : checkOneOf(o.mode, "The 'mode' option of Whitening", ['pca', 'zca'] as const);
    this.k = o.k === undefined ? undefined : checkInt(o.k, "The 'k' option of Whitening", 1);
    this.eps = o.eps === undefined ? 0 : checkNumber(o.eps, "The 'eps' option of Whitening", 0);
    this.rcond = o.rcond === undefined ? undefined : checkNumber(o.rcond, "The 'rcond' option of Whitening", 0, 1);
    this.center = o.center === undefined ? true : checkBool(o.center, "The 'center' option of Whitening");
    this.method = o.method === undefined ? 'auto' : checkOneOf(o.method, "The 'method' option of Whitening", ['auto', 'gram', 'tsqr'] as const);
  }

  /**
   * Learn μ, V and Σ' from the n×d matrix X (n ≥ 1).
   * @throws RangeError when `k` exceeds d, or on a bad matrix
   */
  fit(X: MatrixLike, fitOptions: FitOptions = {}): this {
    const A = checkMatrix(X, "The 'X' argument of Whitening.fit");
    const d = A.cols;
    const k = this.k === undefined ? d : checkInt(this.k, "The 'k' option of Whitening", 1, d);
    const res = svd(A, { center: this.center, method: this.method, onProgress: fitOptions.onProgress });
    this.#setState(fromSvd(res, d, k, this.eps, this.rcond));
    return this;
  }

  /** Whiten the rows of X (m×d, any m ≥ 1): returns m×outputDim in X's dtype. */
  transform(X: MatrixLike): Matrix {
    const s = this.#need('transform');
    const A = checkMatrix(X, "The 'X' argument of Whitening.transform", { cols: s.d });
    return matmul(A, this.#forward as Matrix, { mean: s.mean ?? undefined, dtype: dtypeOf(A.data) });
  }

  /** Same as `fit(X).transform(X)`. */
  fitTransform(X: MatrixLike, fitOptions: FitOptions = {}): Matrix {
    return this.fit(X, fitOptions).transform(X);
  }

  /**
   * Map whitened rows back: Y Σ V_kᵀ + μ (PCA) or Y V Σ Vᵀ + μ (ZCA), where Σ holds
   * 1/Σ'ᵢ for kept directions. Exact on the span of the kept directions; the dropped
   * directions (i > k, or σᵢ ≤ rcond·σ₁) come back as 0.
   */
  inverseTransform(Y: MatrixLike): Matrix {
    const s = this.#need('inverseTransform');
    const B = checkMatrix(Y, "The 'Y' argument of Whitening.inverseTransform", { cols: this.outputDim });
    return addMeanInPlace(matmul(B, this.#inverse as Matrix, { dtype: dtypeOf(B.data) }), s.mean);
  }

  /** Columns of the output: k (PCA) or d (ZCA). */
  get outputDim(): number {
    const s = this.#need('outputDim');
    return this.mode === 'pca' ? s.kept : s.d;
  }
  /** Column means μ subtracted before whitening (zeros when `center` is false). */
  get mean(): Float64Array {
    const s = this.#need('mean');
    return s.mean ? s.mean.slice() : new Float64Array(s.d);
  }
  /** k×d principal directions V_kᵀ (rows, sign convention of {@link svd}). */
  get components(): Matrix<Float64Array> {
    const s = this.#need('components');
    return { data: s.components.slice(), rows: s.kept, cols: s.d };
  }
  /** Σ'_k: the k whitening scales (0 for dropped directions). */
  get scales(): Float64Array { return this.#need('scales').scales.slice(); }
  /** All singular values of the (centered) training matrix, descending. */
  get singularValues(): Float64Array { return this.#need('singularValues').singularValues.slice(); }
  /** Variances σᵢ²/(n−1) of all directions. */
  get explainedVariance(): Float64Array {
    const s = this.#need('explainedVariance');
    const den = Math.max(s.n - 1, 1);
    return s.singularValues.map((v) => (v * v) / den);
  }
  /** Route the SVD took ('gram' or 'tsqr') and its condition estimate. */
  get fitInfo(): { method: string; conditionEstimate: number; rcond: number; nSamples: number; dropped: number } {
    const s = this.#need('fitInfo');
    let dropped = 0;
    for (const v of s.scales) if (v === 0) dropped++;
    return { method: s.method, conditionEstimate: s.conditionEstimate, rcond: s.rcond, nSamples: s.n, dropped };
  }

  /** `{ name: 'Whitening', version: 1, options, ...learned state }` (plain JSON). */
  toJSON(): object {
    const s = this.#need('toJSON');
    return {
      name: 'Whitening', version: 1,
      options: { mode: this.mode, k: this.k, eps: this.eps, rcond: this.rcond, center: this.center, method: this.method },
      nFeatures: s.d, nSamples: s.n, kept: s.kept,
      mean: s.mean ? Array.from(s.mean) : null,
      components: toNested(s.components, s.kept, s.d),
      scales: Array.from(s.scales),
      singularValues: Array.from(s.singularValues),
      method: s.method, conditionEstimate: finiteOrNull(s.conditionEstimate), rcond: s.rcond,
    };
  }

  /**
   * Restore a fitted Whitening from {@link Whitening.toJSON} output.
   * @throws FormatError on another name/version or a malformed field
   */
  static fromJSON(json: unknown): Whitening {
    const j = readHeader(json, 'Whitening');
    const cls = 'Whitening';
    const opts = (j.options ?? {}) as Record<string, unknown>;
    const clean: Record<string, unknown> = {};
    for (const key of WHITENING_OPTIONS) if (opts[key] !== undefined && opts[key] !== null) clean[key] = opts[key];
    const w = new Whitening(clean as WhiteningOptions);
    const d = readInt(j.nFeatures, 'nFeatures', cls, 1);
    const kept = readInt(j.kept, 'kept', cls, 1);
    const st: WhiteningState = {
      d, n: readInt(j.nSamples, 'nSamples', cls, 1), kept,
      mean: j.mean === null ? null : readVector(j.mean, 'mean', cls, d),
      components: readNested(j.components, 'components', cls, kept, d),
      scales: readVector(j.scales, 'scales', cls, kept),
      singularValues: readVector(j.singularValues, 'singularValues', cls),
      method: checkOneOf(j.method, `${cls}.fromJSON: 'method'`, ['gram', 'tsqr', 'randomized'] as const),
      conditionEstimate: j.conditionEstimate === null ? Infinity : Number(j.conditionEstimate),
      rcond: Number(j.rcond),
    };
    w.#setState(st);
    return w;
  }

  #need(member: string): WhiteningState {
    if (!this.#state) throw new NotFittedError('Whitening', member);
    return this.#state;
  }

  #setState(st: WhiteningState): void {
    const { d, kept, components: V, scales } = st;
    if (this.mode === 'pca') {
      const F = new Float64Array(d * kept), I = new Float64Array(kept * d);
      for (let c = 0; c < kept; c++) {
        const inv = scales[c] > 0 ? 1 / scales[c] : 0;
        for (let j = 0; j < d; j++) { F[j * kept + c] = V[c * d + j] * scales[c]; I[c * d + j] = V[c * d + j] * inv; }
      }
      this.#forward = { data: F, rows: d, cols: kept };
      this.#inverse = { data: I, rows: kept, cols: d };
    } else {
      const F = new Float64Array(d * d), I = new Float64Array(d * d);
      for (let c = 0; c < kept; c++) {
        const sc = scales[c], inv = sc > 0 ? 1 / sc : 0;
        for (let a = 0; a < d; a++) {
          const va = V[c * d + a];
          if (va === 0) continue;
          for (let b = 0; b < d; b++) { const vv = va * V[c * d + b]; F[a * d + b] += vv * sc; I[a * d + b] += vv * inv; }
        }
      }
      this.#forward = { data: F, rows: d, cols: d };
      this.#inverse = { data: I, rows: d, cols: d };
    }
    this.#state = st;
  }
}

/** Turn an SVD into the whitening state (step 4: the inverted spectrum). */
function fromSvd(res: SvdResult, d: number, k: number, eps: number, rcondOpt: number | undefined): WhiteningState {
  const n = res.rows;
  const rcond = rcondOpt ?? defaultRcond(res.method, n, d);
  const { scales, variances } = invertSpectrum(res.s, n, k, eps, rcond);
  void variances;
  return {
    d, n, mean: res.mean ?? null, components: res.vt.data.slice(0, k * d), kept: k, scales,
    singularValues: res.s.slice(), method: res.method, conditionEstimate: res.conditionEstimate, rcond,
  };
}

/** Default relative floor on σ: max(n,d)·ε (TSQR) or its square root (Gram route). */
export function defaultRcond(method: string, n: number, d: number): number {
  const r = Math.max(n, d) * Number.EPSILON;
  return method === 'gram' ? Math.sqrt(r) : r;
}

/**
 * Step 4 of DESIGN.md §1: Σ'ᵢ = 1/sqrt(σᵢ²/(n−1) + ε) for i < k and σᵢ > rcond·σ₁, else 0.
 * @returns the k scales and the k variances σᵢ²/(n−1)
 */
export function invertSpectrum(s: Float64Array, n: number, k: number, eps: number, rcond: number): { scales: Float64Array; variances: Float64Array } {
  const den = Math.max(n - 1, 1);
  const floor = rcond * (s[0] ?? 0);
  const scales = new Float64Array(k), variances = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const si = s[i] ?? 0;
    const v = (si * si) / den;
    variances[i] = v;
    const denom = v + eps;
    scales[i] = si > floor && denom > 0 ? 1 / Math.sqrt(denom) : 0;
  }
  return { scales, variances };
}

// ---------------------------------------------------------------- AllButTheTop

/** Options of {@link AllButTheTop}. */
export interface AllButTheTopOptions {
  /** Number D of top principal directions removed, integer in [0, d]. Required (the paper: D ≈ d/100; D = 10 for GloVe 300d). */
  d: number;
  /** Subtract the common mean vector first (default true, as in the paper). */
  center?: boolean;
  /** SVD route (default 'auto'). */
  method?: SvdMethod;
}

/**
 * All-but-the-top post-processing (Mu & Viswanath, ICLR 2018, Algorithm 1):
 * ṽ(w) = v(w) − μ, then v'(w) = ṽ(w) − Σ_{i≤D} (uᵢᵀ ṽ(w)) uᵢ with u₁..u_D the top principal
 * directions of the centered vocabulary. Output rows are orthogonal to u₁..u_D.
 * Lossy by design, so there is no inverseTransform.
 *
 * @example
 * const abtt = new AllButTheTop({ d: 2 }).fit(table);
 * const Y = abtt.transform(table); // n×d, same dtype
 */
export class AllButTheTop implements Transform {
  readonly d: number;
  readonly center: boolean;
  readonly method: SvdMethod;
  #mean: Float64Array | null = null;
  #dims = 0;
  #dirs: Float64Array | null = null;
  #s: Float64Array | null = null;
  #fitted = false;

  constructor(options: AllButTheTopOptions) {
    const o = checkOptionsObject(options, 'AllButTheTop');
    rejectUnknown(o, 'AllButTheTop', ['d', 'center', 'method']);
    this.d = checkInt(o.d, "The 'd' option of AllButTheTop", 0);
    this.center = o.center === undefined ? true : checkBool(o.center, "The 'center' option of AllButTheTop");
    this.method = o.method === undefined ? 'auto' : checkOneOf(o.method, "The 'method' option of AllButTheTop", ['auto', 'gram', 'tsqr'] as const);
  }

  /**
   * Learn μ and the top D directions.
   * @throws RangeError when D exceeds the rank bound min(columns, rows − 1 when centring, else rows)
   */
  fit(X: MatrixLike, fitOptions: FitOptions = {}): this {
    const A = checkMatrix(X, "The 'X' argument of AllButTheTop.fit");
    // beyond the rank of the (centred) data there is no direction left to remove, only rounding noise
    const rankBound = Math.min(A.cols, Math.max(0, A.rows - (this.center ? 1 : 0)));
    if (rankBound < A.cols && !(Number.isInteger(this.d) && this.d <= rankBound)) {
      throw new RangeError(
        `The 'd' option of AllButTheTop must be an integer in [0, ${rankBound}] for ${A.rows} rows (the ${this.center ? 'centred ' : ''}data has rank at most ${rankBound}); got ${String(this.d)}.`,
      );
    }
    checkInt(this.d, "The 'd' option of AllButTheTop", 0, A.cols);
    const res = svd(A, { center: this.center, method: this.method, onProgress: fitOptions.onProgress });
    this.#mean = res.mean ?? null;
    this.#dims = A.cols;
    this.#dirs = res.vt.data.slice(0, this.d * A.cols);
    this.#s = res.s.slice();
    this.#fitted = true;
    return this;
  }

  /** (X − μ) − (X − μ) U_D U_Dᵀ for any m×d X; same dtype as X. Cost 2·m·d·D. */
  transform(X: MatrixLike): Matrix {
    this.#need('transform');
    const A = checkMatrix(X, "The 'X' argument of AllButTheTop.transform", { cols: this.#dims });
    const d = this.#dims, D = this.d, mean = this.#mean, U = this.#dirs as Float64Array;
    const out = dtypeOf(A.data) === 'float32' ? new Float32Array(A.rows * d) : new Float64Array(A.rows * d);
    const proj = D > 0 ? matmul(A, transposeRows(U, D, d), { mean: mean ?? undefined }).data : new Float64Array(0);
    const row = new Float64Array(d);
    for (let i = 0; i < A.rows; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) row[j] = mean ? A.data[o + j] - mean[j] : A.data[o + j];
      for (let c = 0; c < D; c++) {
        const p = proj[i * D + c];
        for (let j = 0; j < d; j++) row[j] -= p * U[c * d + j];
      }
      for (let j = 0; j < d; j++) out[o + j] = row[j];
    }
    return { data: out, rows: A.rows, cols: d };
  }

  /** Same as `fit(X).transform(X)`. */
  fitTransform(X: MatrixLike, fitOptions: FitOptions = {}): Matrix { return this.fit(X, fitOptions).transform(X); }

  /** Equal to the number of input columns. */
  get outputDim(): number { this.#need('outputDim'); return this.#dims; }
  /** The removed directions u₁..u_D as a D×d matrix (rows). */
  get removedDirections(): Matrix<Float64Array> {
    this.#need('removedDirections');
    return { data: (this.#dirs as Float64Array).slice(), rows: this.d, cols: this.#dims };
  }
  /** The subtracted mean μ (zeros when `center` is false). */
  get mean(): Float64Array { this.#need('mean'); return this.#mean ? this.#mean.slice() : new Float64Array(this.#dims); }
  /** Singular values of the (centered) training matrix. */
  get singularValues(): Float64Array { this.#need('singularValues'); return (this.#s as Float64Array).slice(); }

  /** `{ name: 'AllButTheTop', version: 1, ... }`. */
  toJSON(): object {
    this.#need('toJSON');
    return {
      name: 'AllButTheTop', version: 1, options: { d: this.d, center: this.center, method: this.method },
      nFeatures: this.#dims, mean: this.#mean ? Array.from(this.#mean) : null,
      directions: toNested(this.#dirs as Float64Array, this.d, this.#dims), singularValues: Array.from(this.#s as Float64Array),
    };
  }

  /** @throws FormatError on another name/version or a malformed field */
  static fromJSON(json: unknown): AllButTheTop {
    const cls = 'AllButTheTop';
    const j = readHeader(json, cls);
    const o = (j.options ?? {}) as Record<string, unknown>;
    const t = new AllButTheTop({ d: o.d as number, center: o.center as boolean, method: o.method as SvdMethod });
    const dims = readInt(j.nFeatures, 'nFeatures', cls, 1);
    t.#dims = dims;
    t.#mean = j.mean === null ? null : readVector(j.mean, 'mean', cls, dims);
    t.#dirs = readNested(j.directions, 'directions', cls, t.d, dims);
    t.#s = readVector(j.singularValues, 'singularValues', cls);
    t.#fitted = true;
    return t;
  }

  #need(member: string): void {
    if (!this.#fitted) throw new NotFittedError('AllButTheTop', member);
  }
}

/** D×d rows → d×D matrix (columns). */
function transposeRows(U: Float64Array, D: number, d: number): Matrix<Float64Array> {
  const t = new Float64Array(d * D);
  for (let c = 0; c < D; c++) for (let j = 0; j < d; j++) t[j * D + c] = U[c * d + j];
  return { data: t, rows: d, cols: D };
}

// ---------------------------------------------------------------- LowRankFactorization

/** Options of {@link LowRankFactorization}. */
export interface LowRankOptions {
  /** Rank k, integer in [1, d]. Required. */
  k: number;
  /** Factor A − 1μᵀ and add μ back on reconstruction (default false: plain truncated SVD of A). */
  center?: boolean;
  /** SVD route (default 'auto'). */
  method?: SvdMethod;
}

/** One row of {@link LowRankFactorization.profile}. */
export interface LowRankProfileRow {
  k: number;
  /** (n·k + k·d) / (n·d): stored numbers of E and W over those of A. */
  storageRatio: number;
  /** ‖A − Â‖_F / ‖A‖_F = sqrt(Σ_{i>k} σᵢ²) / ‖A‖_F (Eckart–Young). */
  relativeError: number;
  /** Σ_{i≤k} σᵢ² / Σ σᵢ² of the factored (centered or not) matrix. */
  explainedVariance: number;
}

/**
 * Low-rank factorization A ≈ E W (+ 1μᵀ when centered) with E = U_k Σ_k (n×k) and
 * W = V_kᵀ (k×d): the best rank-k approximation (Eckart–Young), as in ALBERT's
 * factorized embedding parameterization (Lan et al. 2020).
 *
 * `transform(X)` projects new rows onto W: (X − μ) W ᵀ (m×k); `inverseTransform(E)`
 * reconstructs E W + μ (m×d).
 *
 * @example
 * const lr = new LowRankFactorization({ k: 32 }).fit(table);
 * lr.storageRatio; lr.relativeError; lr.explainedVariance;
 * const approx = lr.inverseTransform(lr.embeddings);
 * LowRankFactorization.profile(table, [8, 16, 32, 64]); // one SVD, all k
 */
export class LowRankFactorization implements Transform {
  readonly k: number;
  readonly center: boolean;
  readonly method: SvdMethod;
  #st: { n: number; d: number; mean: Float64Array | null; basis: Float64Array; s: Float64Array; frob2: number } | null = null;
  #embeddings: Matrix | null = null;

  constructor(options: LowRankOptions) {
    const o = checkOptionsObject(options, 'LowRankFactorization');
    rejectUnknown(o, 'LowRankFactorization', ['k', 'center', 'method']);
    this.k = checkInt(o.k, "The 'k' option of LowRankFactorization", 1);
    this.center = o.center === undefined ? false : checkBool(o.center, "The 'center' option of LowRankFactorization");
    this.method = o.method === undefined ? 'auto' : checkOneOf(o.method, "The 'method' option of LowRankFactorization", ['auto', 'gram', 'tsqr'] as const);
  }

  /** Factor X; keeps E (n×k, X's dtype) and W. @throws RangeError when k > d */
  fit(X: MatrixLike, fitOptions: FitOptions = {}): this {
    const A = checkMatrix(X, "The 'X' argument of LowRankFactorization.fit");
    checkInt(this.k, "The 'k' option of LowRankFactorization", 1, A.cols);
    const res = svd(A, { center: this.center, method: this.method, onProgress: fitOptions.onProgress });
    const mean = res.mean ?? null;
    this.#st = {
      n: A.rows, d: A.cols, mean, basis: res.vt.data.slice(0, this.k * A.cols), s: res.s.slice(),
      frob2: frobeniusSquared(A),
    };
    this.#embeddings = this.transform(A);
    return this;
  }

  /** E = (X − μ) Wᵀ for any m×d X: m×k in X's dtype. */
  transform(X: MatrixLike): Matrix {
    const st = this.#need('transform');
    const A = checkMatrix(X, "The 'X' argument of LowRankFactorization.transform", { cols: st.d });
    return matmul(A, transposeRows(st.basis, this.k, st.d), { mean: st.mean ?? undefined, dtype: dtypeOf(A.data) });
  }

  /** Same as `fit(X).transform(X)` (returns the stored E). */
  fitTransform(X: MatrixLike, fitOptions: FitOptions = {}): Matrix { this.fit(X, fitOptions); return this.embeddings; }

  /** Reconstruct E W + μ (m×d) from m×k codes, in E's dtype. */
  inverseTransform(E: MatrixLike): Matrix {
    const st = this.#need('inverseTransform');
    const B = checkMatrix(E, "The 'E' argument of LowRankFactorization.inverseTransform", { cols: this.k });
    return addMeanInPlace(matmul(B, { data: st.basis, rows: this.k, cols: st.d }, { dtype: dtypeOf(B.data) }), st.mean);
  }

  /** k. */
  get outputDim(): number { this.#need('outputDim'); return this.k; }
  /** E = U_k Σ_k of the fitted matrix (n×k). Not stored in JSON: after fromJSON use transform(X). */
  get embeddings(): Matrix {
    this.#need('embeddings');
    if (!this.#embeddings) throw new NotFittedError('LowRankFactorization', 'embeddings (not part of toJSON; call transform(X))');
    return this.#embeddings;
  }
  /** W = V_kᵀ (k×d). */
  get basis(): Matrix<Float64Array> { const st = this.#need('basis'); return { data: st.basis.slice(), rows: this.k, cols: st.d }; }
  /** Column means (zeros when not centered). */
  get mean(): Float64Array { const st = this.#need('mean'); return st.mean ? st.mean.slice() : new Float64Array(st.d); }
  /** All singular values of the factored matrix. */
  get singularValues(): Float64Array { return this.#need('singularValues').s.slice(); }
  /** (n·k + k·d)/(n·d) for the fitted n, d (the mean's d numbers are not counted). */
  get storageRatio(): number { const st = this.#need('storageRatio'); return profileRow(st, this.k).storageRatio; }
  /** ‖A − (E W + 1μᵀ)‖_F / ‖A‖_F on the fitted matrix. */
  get relativeError(): number { const st = this.#need('relativeError'); return profileRow(st, this.k).relativeError; }
  /** Share of Σσᵢ² captured by the first k directions. */
  get explainedVariance(): number { const st = this.#need('explainedVariance'); return profileRow(st, this.k).explainedVariance; }

  /**
   * Storage ratio, relative error and explained variance for each k in `ks`, from one SVD.
   * @throws RangeError when a k is outside [1, d]
   */
  static profile(X: MatrixLike, ks: readonly number[], opts: { center?: boolean; method?: SvdMethod } = {}): LowRankProfileRow[] {
    const A = checkMatrix(X, "The 'X' argument of LowRankFactorization.profile");
    if (!Array.isArray(ks) || ks.length === 0) throw new RangeError(`The 'ks' argument of LowRankFactorization.profile must be a non-empty array of integers; got ${describe(ks)}.`);
    ks.forEach((k, i) => checkInt(k, `The 'ks[${i}]' argument of LowRankFactorization.profile`, 1, A.cols));
    const res = svd(A, { center: opts.center === true, method: opts.method ?? 'auto' });
    const st = { n: A.rows, d: A.cols, s: res.s, frob2: frobeniusSquared(A) };
    return ks.map((k) => profileRow(st, k));
  }

  /** `{ name: 'LowRankFactorization', version: 1, ... }` (basis and statistics, not E). */
  toJSON(): object {
    const st = this.#need('toJSON');
    return {
      name: 'LowRankFactorization', version: 1, options: { k: this.k, center: this.center, method: this.method },
      nSamples: st.n, nFeatures: st.d, mean: st.mean ? Array.from(st.mean) : null,
      basis: toNested(st.basis, this.k, st.d), singularValues: Array.from(st.s), frobeniusSquared: st.frob2,
    };
  }

  /** @throws FormatError on another name/version or a malformed field */
  static fromJSON(json: unknown): LowRankFactorization {
    const cls = 'LowRankFactorization';
    const j = readHeader(json, cls);
    const o = (j.options ?? {}) as Record<string, unknown>;
    const t = new LowRankFactorization({ k: o.k as number, center: o.center as boolean, method: o.method as SvdMethod });
    const d = readInt(j.nFeatures, 'nFeatures', cls, 1);
    const frob2 = Number(j.frobeniusSquared);
    if (!Number.isFinite(frob2) || frob2 < 0) throw new FormatError(`${cls}.fromJSON: 'frobeniusSquared' must be a finite number ≥ 0; got ${describe(j.frobeniusSquared)}.`);
    t.#st = {
      n: readInt(j.nSamples, 'nSamples', cls, 1), d, mean: j.mean === null ? null : readVector(j.mean, 'mean', cls, d),
      basis: readNested(j.basis, 'basis', cls, t.k, d), s: readVector(j.singularValues, 'singularValues', cls), frob2,
    };
    return t;
  }

  #need(member: string) {
    if (!this.#st) throw new NotFittedError('LowRankFactorization', member);
    return this.#st;
  }
}

function profileRow(st: { n: number; d: number; s: Float64Array; frob2: number }, k: number): LowRankProfileRow {
  let total = 0, head = 0;
  for (let i = 0; i < st.s.length; i++) { const v = st.s[i] * st.s[i]; total += v; if (i < k) head += v; }
  const tail = Math.max(total - head, 0);
  let tail2 = 0;
  for (let i = k; i < st.s.length; i++) tail2 += st.s[i] * st.s[i]; // summed directly: no cancellation
  return {
    k,
    storageRatio: (st.n * k + k * st.d) / (st.n * st.d),
    relativeError: st.frob2 > 0 ? Math.sqrt(tail2) / Math.sqrt(st.frob2) : 0,
    explainedVariance: total > 0 ? 1 - tail / total : 1,
  };
}
