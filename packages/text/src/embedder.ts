/**
 * Document vectors pooled from word vectors: mean, TF-IDF-weighted mean and SIF
 * (Arora, Liang & Ma, "A simple but tough-to-beat baseline for sentence embeddings", ICLR 2017).
 */
import { FormatError, NotFittedError, checkNumber, checkOneOf, describe, svd, type Matrix } from '@embfact/core';
import { createTokenizer, type TokenizeOptions } from './tokenize.js';
import type { EmbeddingTableLike, ProgressCallback, TransformLike } from './types.js';

/** Pooling of the word vectors of a document. */
export type Pooling = 'mean' | 'tfidf' | 'sif';

/** Options of {@link DocumentEmbedder}. */
export interface DocumentEmbedderOptions {
  /** The word vectors (an `EmbeddingTable`). Rows are assumed sorted by decreasing frequency for `sifFrequencies: 'zipf'`. */
  table: EmbeddingTableLike;
  /** Pooling (formulas in {@link DocumentEmbedder}). Default `'mean'`. */
  pooling?: Pooling;
  /** SIF smoothing a in a / (a + p(w)). Default `1e-3` (the paper's usual value). */
  sifA?: number;
  /**
   * Where SIF's word probabilities p(w) come from: `'corpus'` = token counts of the training
   * documents given to `fit` (p = count / total tokens; words unseen in training get p = 0, i.e.
   * weight 1); `'zipf'` = the table's frequency rank r (row index + 1) under Zipf's law,
   * p(r) = 1 / (r · H_V), H_V = Σ_{i=1..V} 1/i. Default `'corpus'`.
   */
  sifFrequencies?: 'corpus' | 'zipf';
  /** Remove the first principal component (uncentered, fitted on the training documents only). Default: `true` for `'sif'`, else `false`. */
  removeFirstPc?: boolean;
  /** A core transform (Whitening, AllButTheTop, LowRankFactorization, ...) or `null`. Default `null`. */
  transform?: TransformLike | null;
  /**
   * Where `transform` is fitted and applied. `'vocabulary'` (default, sound): fitted on the
   * table's whole matrix, applied to word vectors before pooling. `'documents'`: fitted on the
   * pooled training document vectors, applied to pooled vectors (after PC removal); note that
   * whitening fitted on a few hundred documents is known to hurt downstream tasks.
   */
  transformScope?: 'vocabulary' | 'documents';
  /** Vocabulary scope only: `transform` is already fitted on this table, do not refit. Default `false`. */
  transformFitted?: boolean;
  /** Custom tokenizer (not serializable). Default: {@link createTokenizer}(`tokenizeOptions`). */
  tokenizer?: (text: string) => string[];
  /** Options of the default tokenizer. Default `{}` (lowercase, URL/e-mail placeholders, numbers kept). */
  tokenizeOptions?: TokenizeOptions;
  /**
   * An OOV token containing `-` or `'` is looked up by its parts (`"well-paid"` → `well`, `paid`;
   * `"don't"` → `don`, `t`); found parts share the token's weight equally. Default `true`.
   */
  backoff?: boolean;
  /** l2-normalize each output row (non-zero rows only). Default `false`. */
  normalize?: boolean;
}

/** Output of {@link DocumentEmbedder.transform}. */
export interface DocumentVectors {
  /** `docs.length x outputDim` float64 document vectors; rows of empty / all-OOV documents are zero. */
  matrix: Matrix<Float64Array>;
  /** Per document: OOV tokens / tokens (0 for a document without tokens). */
  oovRate: Float64Array;
  /** Per document: 1 when no token was found in the table (empty or all-OOV), else 0. */
  empty: Uint8Array;
  /** Per document: number of tokens after tokenization. */
  tokens: Int32Array;
}

/** Serialized {@link DocumentEmbedder} (see `toJSON`). */
export interface DocumentEmbedderJSON {
  name: 'DocumentEmbedder';
  version: 1;
  options: {
    pooling: Pooling; sifA: number; sifFrequencies: 'corpus' | 'zipf'; removeFirstPc: boolean;
    transformScope: 'vocabulary' | 'documents'; backoff: boolean; normalize: boolean;
    tokenizer: 'default' | 'custom'; tokenizeOptions: Omit<TokenizeOptions, 'stopWords'> & { stopWords?: boolean | string[] };
  };
  tableSize: number;
  tableDim: number;
  trainDocuments: number;
  /** Token counts of the training corpus (`'corpus'` SIF) or document frequencies (`'tfidf'`). */
  counts: [string, number][];
  totalTokens: number;
  firstPc: number[] | null;
  /** `transform.toJSON()` when a transform was used (restore it yourself and pass it to fromJSON). */
  transform: object | null;
}

type Doc = string | readonly string[];
const NO_ROW = -1;

/**
 * Turns documents into vectors by pooling the vectors of their tokens.
 *
 * For a document with in-vocabulary tokens w_1..w_m (occurrences, after tokenization):
 * - `'mean'`: v = (1/m) Σ_i x_{w_i};
 * - `'tfidf'`: v = Σ_i idf(w_i) x_{w_i} / Σ_i idf(w_i), i.e. the tf·idf-weighted mean, with
 *   idf(w) = ln((1 + n) / (1 + df(w))) + 1 from the n training documents (df = 0 for unseen words);
 * - `'sif'` (Arora et al. 2017, Algorithm 1): v = (1/m) Σ_i a / (a + p(w_i)) x_{w_i}, then (with
 *   `removeFirstPc`) v ← v − u uᵀ v, u the first right singular vector of the training matrix of
 *   document vectors (uncentered, as the paper's code), fitted in `fit` only and stored in `toJSON`.
 * A document without any in-vocabulary token gets the zero vector and `empty = 1` — never NaN.
 * Token → row lookups are cached, and a vocabulary-scope transform is applied only to the rows that
 * documents use (the result equals transforming the whole table: transforms act row by row once fitted).
 *
 * @example
 * const emb = new DocumentEmbedder({ table, pooling: 'sif' }).fit(trainTexts);
 * const { matrix, oovRate, empty } = emb.transform(testTexts);
 * @example
 * // whitening of the vocabulary matrix, then mean pooling
 * new DocumentEmbedder({ table, transform: new Whitening({ k: 100 }) }).fit(train)
 */
export class DocumentEmbedder {
  readonly table: EmbeddingTableLike;
  readonly pooling: Pooling;
  readonly sifA: number;
  readonly sifFrequencies: 'corpus' | 'zipf';
  readonly removeFirstPc: boolean;
  readonly transformScope: 'vocabulary' | 'documents';
  readonly backoff: boolean;
  readonly normalize: boolean;
  private readonly transformer: TransformLike | null;
  private readonly transformFitted: boolean;
  private readonly tokenizer: (text: string) => string[];
  private readonly customTokenizer: boolean;
  private readonly tokenizeOptions: TokenizeOptions;

  // token → row (>= 0), NO_ROW, or a list of backoff rows
  private readonly rowCache = new Map<string, number | Int32Array>();
  // vocabulary-scope transformed rows: table row → offset into tRows
  private tIndex = new Int32Array(0);
  private tRows = new Float64Array(0);
  private tCount = 0;
  private dim = 0;

  private isFitted = false;
  private counts = new Map<string, number>();
  private totalTokens = 0;
  private nTrain = 0;
  private pc: Float64Array | null = null;
  private harmonic = 0;

  /**
   * @param opts - {@link DocumentEmbedderOptions}
   * @throws TypeError / RangeError naming the bad option
   */
  constructor(opts: DocumentEmbedderOptions) {
    if (opts === null || typeof opts !== 'object') throw new TypeError(`The options of DocumentEmbedder must be an object; got ${describe(opts)}.`);
    const t = opts.table;
    if (t === null || typeof t !== 'object' || typeof t.indexOf !== 'function' || t.matrix === undefined || t.words === undefined) {
      throw new TypeError(`The 'table' option of DocumentEmbedder must be an EmbeddingTable (words, matrix, indexOf); got ${describe(t)}.`);
    }
    if (t.matrix.rows !== t.words.length) {
      throw new RangeError(`The 'table' option of DocumentEmbedder must have one row per word; got ${t.matrix.rows} rows for ${t.words.length} words.`);
    }
    this.table = t;
    this.pooling = checkOneOf(opts.pooling ?? 'mean', "The 'pooling' option of DocumentEmbedder", ['mean', 'tfidf', 'sif'] as const);
    this.sifA = checkNumber(opts.sifA ?? 1e-3, "The 'sifA' option of DocumentEmbedder", Number.MIN_VALUE);
    this.sifFrequencies = checkOneOf(opts.sifFrequencies ?? 'corpus', "The 'sifFrequencies' option of DocumentEmbedder", ['corpus', 'zipf'] as const);
    this.removeFirstPc = bool(opts.removeFirstPc, 'removeFirstPc', this.pooling === 'sif');
    this.transformScope = checkOneOf(opts.transformScope ?? 'vocabulary', "The 'transformScope' option of DocumentEmbedder", ['vocabulary', 'documents'] as const);
    this.transformFitted = bool(opts.transformFitted, 'transformFitted', false);
    this.backoff = bool(opts.backoff, 'backoff', true);
    this.normalize = bool(opts.normalize, 'normalize', false);
    const tf = opts.transform ?? null;
    if (tf !== null && (typeof tf !== 'object' || typeof tf.fit !== 'function' || typeof tf.transform !== 'function')) {
      throw new TypeError(`The 'transform' option of DocumentEmbedder must be a transform with fit/transform (or null); got ${describe(tf)}.`);
    }
    if (this.transformFitted && (tf === null || this.transformScope !== 'vocabulary')) {
      throw new RangeError("The 'transformFitted' option of DocumentEmbedder needs a 'transform' with transformScope 'vocabulary'.");
    }
    this.transformer = tf;
    if (opts.tokenizer !== undefined && typeof opts.tokenizer !== 'function') {
      throw new TypeError(`The 'tokenizer' option of DocumentEmbedder must be a function; got ${describe(opts.tokenizer)}.`);
    }
    this.tokenizeOptions = { ...(opts.tokenizeOptions ?? {}) };
    this.customTokenizer = opts.tokenizer !== undefined;
    this.tokenizer = opts.tokenizer ?? createTokenizer(this.tokenizeOptions);
    this.dim = t.matrix.cols;
  }

  /** Output dimension (the transform's output dimension when one is used). @throws NotFittedError */
  get outputDim(): number {
    if (!this.isFitted) throw new NotFittedError('DocumentEmbedder', 'outputDim');
    return this.transformer !== null && this.transformScope === 'documents' ? this.docDim : this.dim;
  }

  /** The removed first principal component (unit vector), or null. @throws NotFittedError */
  get firstPc(): Float64Array | null {
    if (!this.isFitted) throw new NotFittedError('DocumentEmbedder', 'firstPc');
    return this.pc;
  }

  /** SIF / tf-idf weight of a token as used by the fitted model (1 for mean pooling). @throws NotFittedError */
  weight(token: string): number {
    if (!this.isFitted) throw new NotFittedError('DocumentEmbedder', 'weight');
    return this.tokenWeight(token, this.rows(token));
  }

  private docDim = 0;

  private tokens(doc: Doc, i: number): readonly string[] {
    if (typeof doc === 'string') return this.tokenizer(doc);
    if (Array.isArray(doc)) return doc;
    throw new TypeError(`Document ${i} given to DocumentEmbedder must be a string or an array of tokens; got ${describe(doc)}.`);
  }

  private rows(token: string): number | Int32Array {
    let r = this.rowCache.get(token);
    if (r !== undefined) return r;
    const i = this.table.indexOf(token);
    if (i >= 0) r = i;
    else if (this.backoff && /['-]/.test(token)) {
      const parts: number[] = [];
      for (const p of token.split(/['-]+/)) {
        if (p === '') continue;
        const j = this.table.indexOf(p);
        if (j >= 0) parts.push(j);
      }
      r = parts.length === 0 ? NO_ROW : parts.length === 1 ? parts[0] : Int32Array.from(parts);
    } else r = NO_ROW;
    this.rowCache.set(token, r);
    return r;
  }

  private tokenWeight(token: string, r: number | Int32Array): number {
    switch (this.pooling) {
      case 'mean': return 1;
      case 'tfidf': return Math.log((1 + this.nTrain) / (1 + (this.counts.get(token) ?? 0))) + 1;
      case 'sif': {
        let p: number;
        if (this.sifFrequencies === 'corpus') p = this.totalTokens > 0 ? (this.counts.get(token) ?? 0) / this.totalTokens : 0;
        else {
          // Zipf: p(rank) = 1 / (rank · H_V); a backoff token uses its most frequent part.
          const row = typeof r === 'number' ? r : Math.min(...r);
          p = row >= 0 ? 1 / ((row + 1) * this.harmonic) : 0;
        }
        return this.sifA / (this.sifA + p);
      }
    }
  }

  /**
   * Fit on training documents: corpus statistics (SIF counts / tf-idf document frequencies), the
   * vocabulary-scope transform (on the whole table), the first principal component and the
   * documents-scope transform (on the training document vectors).
   * @param docs - training documents (strings or token arrays)
   * @param opts - `onProgress(done, total, label)`
   * @returns `this`
   * @throws TypeError on a bad document; RangeError when `docs` is empty
   */
  fit(docs: readonly Doc[], opts: { onProgress?: ProgressCallback } = {}): this {
    if (!Array.isArray(docs)) throw new TypeError(`The 'docs' argument of DocumentEmbedder.fit must be an array; got ${describe(docs)}.`);
    if (docs.length === 0) throw new RangeError("The 'docs' argument of DocumentEmbedder.fit must contain at least 1 document; got 0.");
    const toks = docs.map((d, i) => this.tokens(d, i));
    this.counts = new Map();
    this.totalTokens = 0;
    this.nTrain = docs.length;
    if (this.pooling === 'tfidf') {
      for (const ts of toks) for (const t of new Set(ts)) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    } else if (this.pooling === 'sif' && this.sifFrequencies === 'corpus') {
      for (const ts of toks) for (const t of ts) this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
      for (const ts of toks) this.totalTokens += ts.length;
    }
    if (this.pooling === 'sif' && this.sifFrequencies === 'zipf') {
      let h = 0;
      for (let i = this.table.words.length; i >= 1; i--) h += 1 / i;
      this.harmonic = h;
    }
    this.tIndex = new Int32Array(0);
    this.tRows = new Float64Array(0);
    this.tCount = 0;
    this.dim = this.table.matrix.cols;
    if (this.transformer !== null && this.transformScope === 'vocabulary') {
      if (!this.transformFitted) {
        opts.onProgress?.(0, 1, 'fit vocabulary transform');
        this.transformer.fit(this.table.matrix);
      }
      this.dim = this.transformer.transform(sliceRows(this.table.matrix, [0])).cols;
    }
    this.pc = null;
    this.isFitted = true;
    const pooled = this.pool(toks, opts.onProgress);
    if (this.removeFirstPc) {
      this.pc = firstSingularVector(pooled.matrix, pooled.empty);
      if (this.pc !== null) removeComponent(pooled.matrix, this.pc, pooled.empty);
    }
    if (this.transformer !== null && this.transformScope === 'documents') {
      const keep: number[] = [];
      for (let i = 0; i < docs.length; i++) if (pooled.empty[i] === 0) keep.push(i);
      if (keep.length === 0) throw new RangeError('DocumentEmbedder.fit: no training document has an in-vocabulary token, so the documents-scope transform cannot be fitted.');
      const X = sliceRows(pooled.matrix, keep);
      this.transformer.fit(X);
      this.docDim = this.transformer.transform(sliceRows(X, [0])).cols;
    }
    return this;
  }

  /**
   * Document vectors for any documents (fitted statistics only; nothing is refitted).
   * @param docs - documents (strings or token arrays)
   * @param opts - `onProgress(done, total, label)`
   * @throws NotFittedError before `fit`; TypeError on a bad document
   */
  transform(docs: readonly Doc[], opts: { onProgress?: ProgressCallback } = {}): DocumentVectors {
    if (!this.isFitted) throw new NotFittedError('DocumentEmbedder', 'transform');
    if (!Array.isArray(docs)) throw new TypeError(`The 'docs' argument of DocumentEmbedder.transform must be an array; got ${describe(docs)}.`);
    const out = this.pool(docs.map((d, i) => this.tokens(d, i)), opts.onProgress);
    if (this.pc !== null) removeComponent(out.matrix, this.pc, out.empty);
    let matrix = out.matrix;
    if (this.transformer !== null && this.transformScope === 'documents') {
      const n = docs.length;
      const t = n > 0 ? this.transformer.transform(matrix) : { data: new Float64Array(0), rows: 0, cols: this.docDim };
      const data = Float64Array.from(t.data);
      for (let i = 0; i < n; i++) if (out.empty[i] === 1) data.fill(0, i * t.cols, (i + 1) * t.cols);
      matrix = { data, rows: n, cols: t.cols };
    }
    if (this.normalize) normalizeRows(matrix);
    return { ...out, matrix };
  }

  /** `fit(docs).transform(docs)`. */
  fitTransform(docs: readonly Doc[], opts: { onProgress?: ProgressCallback } = {}): DocumentVectors {
    if (!Array.isArray(docs)) throw new TypeError(`The 'docs' argument of DocumentEmbedder.fitTransform must be an array; got ${describe(docs)}.`);
    const toks = docs.map((d, i) => this.tokens(d, i)); // tokenize once for both passes
    return this.fit(toks, opts).transform(toks, opts);
  }

  /** Make sure every row in `need` has its vocabulary-scope transformed copy. */
  private ensureTransformed(need: Set<number>): void {
    if (this.tIndex.length !== this.table.words.length) this.tIndex = new Int32Array(this.table.words.length).fill(-1);
    const missing = [...need].filter((r) => this.tIndex[r] < 0);
    if (missing.length === 0) return;
    const T = this.transformer!.transform(sliceRows(this.table.matrix, missing));
    const d = T.cols;
    if (this.tRows.length < (this.tCount + missing.length) * d) {
      const grown = new Float64Array(Math.max(this.tRows.length * 2, (this.tCount + missing.length) * d));
      grown.set(this.tRows.subarray(0, this.tCount * d));
      this.tRows = grown;
    }
    this.tRows.set(T.data, this.tCount * d);
    missing.forEach((r, k) => { this.tIndex[r] = this.tCount + k; });
    this.tCount += missing.length;
  }

  /** Pooling proper (before PC removal / documents-scope transform). */
  private pool(toks: readonly (readonly string[])[], onProgress?: ProgressCallback): { matrix: Matrix<Float64Array>; oovRate: Float64Array; empty: Uint8Array; tokens: Int32Array } {
    const n = toks.length;
    const vocabT = this.transformer !== null && this.transformScope === 'vocabulary';
    if (vocabT) {
      const need = new Set<number>();
      for (const ts of toks) for (const t of ts) {
        const r = this.rows(t);
        if (typeof r === 'number') { if (r >= 0) need.add(r); } else for (const x of r) need.add(x);
      }
      this.ensureTransformed(need);
    }
    const d = this.dim;
    const src = vocabT ? this.tRows : this.table.matrix.data;
    const index = this.tIndex;
    const out = new Float64Array(n * d);
    const oovRate = new Float64Array(n);
    const empty = new Uint8Array(n);
    const tokens = new Int32Array(n);
    const wcache = new Map<string, number>();
    const isMean = this.pooling === 'mean';
    // Per document, accumulate each distinct row's total weight first (scratch arrays indexed by
    // source row, `mark` says which document touched it), then read each distinct row once.
    const size = vocabT ? this.tCount : this.table.words.length;
    const acc = new Float64Array(size);
    const mark = new Int32Array(size);
    const touched: number[] = [];
    const step = Math.max(1, Math.floor(n / 100));
    for (let i = 0; i < n; i++) {
      const ts = toks[i];
      const o = i * d;
      const stamp = i + 1;
      touched.length = 0;
      let found = 0, wsum = 0;
      for (const t of ts) {
        const r = this.rows(t);
        if (r === NO_ROW) continue;
        found++;
        let w = 1;
        if (!isMean) {
          const c = wcache.get(t);
          if (c === undefined) { w = this.tokenWeight(t, r); wcache.set(t, w); } else w = c;
        }
        wsum += w;
        if (typeof r === 'number') {
          const key = vocabT ? index[r] : r;
          if (mark[key] !== stamp) { mark[key] = stamp; acc[key] = 0; touched.push(key); }
          acc[key] += w;
        } else {
          const wp = w / r.length;
          for (const x of r) {
            const key = vocabT ? index[x] : x;
            if (mark[key] !== stamp) { mark[key] = stamp; acc[key] = 0; touched.push(key); }
            acc[key] += wp;
          }
        }
      }
      for (const key of touched) {
        const w = acc[key];
        const s0 = key * d;
        for (let k = 0; k < d; k++) out[o + k] += w * src[s0 + k];
      }
      tokens[i] = ts.length;
      oovRate[i] = ts.length > 0 ? (ts.length - found) / ts.length : 0;
      if (found === 0) { empty[i] = 1; continue; }
      // mean and SIF divide by the number of in-vocabulary tokens (SIF paper); tf-idf by the weight sum.
      const denom = this.pooling === 'tfidf' ? wsum : found;
      const inv = 1 / denom;
      for (let k = 0; k < d; k++) out[o + k] *= inv;
      if (onProgress !== undefined && (i + 1) % step === 0) onProgress(i + 1, n, 'pool');
    }
    return { matrix: { data: out, rows: n, cols: d }, oovRate, empty, tokens };
  }

  /**
   * Serializable state. The table itself is not stored (only its size, checked on restore); a
   * transform is stored as its own `toJSON()` and must be restored by the caller.
   * @throws NotFittedError before `fit`
   */
  toJSON(): DocumentEmbedderJSON {
    if (!this.isFitted) throw new NotFittedError('DocumentEmbedder', 'toJSON');
    const sw = this.tokenizeOptions.stopWords;
    return {
      name: 'DocumentEmbedder',
      version: 1,
      options: {
        pooling: this.pooling, sifA: this.sifA, sifFrequencies: this.sifFrequencies, removeFirstPc: this.removeFirstPc,
        transformScope: this.transformScope, backoff: this.backoff, normalize: this.normalize,
        tokenizer: this.customTokenizer ? 'custom' : 'default',
        tokenizeOptions: { ...this.tokenizeOptions, stopWords: sw instanceof Set ? [...sw] : (sw as boolean | undefined) },
      },
      tableSize: this.table.words.length,
      tableDim: this.table.matrix.cols,
      trainDocuments: this.nTrain,
      counts: [...this.counts],
      totalTokens: this.totalTokens,
      firstPc: this.pc === null ? null : Array.from(this.pc),
      transform: this.transformer === null ? null : this.transformer.toJSON(),
    };
  }

  /**
   * Restore a fitted embedder.
   * @param json - output of `toJSON`
   * @param opts - `table` (same size and dim as at fit time), `transform` (the fitted transform,
   *   required when one was used), `tokenizer` (required when a custom one was used)
   * @throws FormatError on another name/version, a table of another shape, or a missing transform/tokenizer
   */
  static fromJSON(json: unknown, opts: { table: EmbeddingTableLike; transform?: TransformLike; tokenizer?: (text: string) => string[] }): DocumentEmbedder {
    const j = json as Partial<DocumentEmbedderJSON> | null;
    if (j === null || typeof j !== 'object' || j.name !== 'DocumentEmbedder') {
      throw new FormatError(`Expected a serialized DocumentEmbedder (name 'DocumentEmbedder'); got name ${describe(j?.name)}.`);
    }
    if (j.version !== 1) throw new FormatError(`DocumentEmbedder JSON version must be 1; got ${describe(j.version)}.`);
    const o = j.options;
    if (!o || !Array.isArray(j.counts) || typeof j.tableSize !== 'number' || typeof j.tableDim !== 'number') {
      throw new FormatError('DocumentEmbedder JSON must have options, counts, tableSize and tableDim.');
    }
    if (opts.table.words.length !== j.tableSize || opts.table.matrix.cols !== j.tableDim) {
      throw new FormatError(`DocumentEmbedder was fitted on a ${j.tableSize} x ${j.tableDim} table; got ${opts.table.words.length} x ${opts.table.matrix.cols}.`);
    }
    if (j.transform !== null && opts.transform === undefined) {
      throw new FormatError('This DocumentEmbedder used a transform: restore it (e.g. Whitening.fromJSON(json.transform)) and pass it as fromJSON(json, { table, transform }).');
    }
    if (o.tokenizer === 'custom' && opts.tokenizer === undefined) {
      throw new FormatError('This DocumentEmbedder used a custom tokenizer: pass it as fromJSON(json, { table, tokenizer }).');
    }
    const sw = o.tokenizeOptions?.stopWords;
    const e = new DocumentEmbedder({
      table: opts.table, pooling: o.pooling, sifA: o.sifA, sifFrequencies: o.sifFrequencies, removeFirstPc: o.removeFirstPc,
      transform: j.transform === null ? null : opts.transform, transformScope: o.transformScope,
      transformFitted: j.transform !== null && o.transformScope === 'vocabulary',
      backoff: o.backoff, normalize: o.normalize, tokenizer: opts.tokenizer,
      tokenizeOptions: { ...o.tokenizeOptions, stopWords: Array.isArray(sw) ? new Set(sw) : sw },
    });
    e.counts = new Map(j.counts);
    e.totalTokens = j.totalTokens ?? 0;
    e.nTrain = j.trainDocuments ?? 0;
    e.pc = j.firstPc == null ? null : Float64Array.from(j.firstPc);
    if (e.pooling === 'sif' && e.sifFrequencies === 'zipf') {
      let h = 0;
      for (let i = opts.table.words.length; i >= 1; i--) h += 1 / i;
      e.harmonic = h;
    }
    if (e.transformer !== null) {
      const probe = e.transformer.transform(sliceRows(opts.table.matrix, [0]));
      if (e.transformScope === 'vocabulary') e.dim = probe.cols;
      else e.docDim = e.transformer.transform({ data: new Float64Array(opts.table.matrix.cols), rows: 1, cols: opts.table.matrix.cols }).cols;
    }
    e.isFitted = true;
    return e;
  }
}

function bool(v: unknown, name: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new TypeError(`The '${name}' option of DocumentEmbedder must be a boolean; got ${describe(v)}.`);
  return v;
}

/** Copy the given rows of a matrix (same dtype). */
function sliceRows(m: Matrix, rows: readonly number[]): Matrix {
  const d = m.cols;
  const out = m.data instanceof Float32Array ? new Float32Array(rows.length * d) : new Float64Array(rows.length * d);
  rows.forEach((r, k) => out.set(m.data.subarray(r * d, (r + 1) * d), k * d));
  return { data: out, rows: rows.length, cols: d };
}

/**
 * First right singular vector of X restricted to the rows with skip[i] = 0 (uncentered, as the
 * SIF paper's TruncatedSVD), via core's `svd` (sign: largest-|value| entry positive).
 * null when no row is kept or all kept rows are zero.
 */
export function firstSingularVector(X: Matrix, skip?: Uint8Array): Float64Array | null {
  const keep: number[] = [];
  for (let i = 0; i < X.rows; i++) if (skip === undefined || skip[i] === 0) keep.push(i);
  if (keep.length === 0) return null;
  const r = svd(keep.length === X.rows ? X : sliceRows(X, keep), { k: 1, center: false });
  if (!(r.s[0] > 0)) return null;
  return Float64Array.from(r.vt.data.subarray(0, X.cols));
}

function normalize(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const nrm = Math.sqrt(s);
  if (nrm > 0) for (let i = 0; i < v.length; i++) v[i] /= nrm;
  return nrm;
}

/** v ← v − u uᵀ v for every row not flagged empty (u a unit vector). */
function removeComponent(X: Matrix<Float64Array>, u: Float64Array, empty: Uint8Array): void {
  const d = X.cols;
  for (let i = 0; i < X.rows; i++) {
    if (empty[i] === 1) continue;
    const o = i * d;
    let s = 0;
    for (let k = 0; k < d; k++) s += X.data[o + k] * u[k];
    for (let k = 0; k < d; k++) X.data[o + k] -= s * u[k];
  }
}

function normalizeRows(X: Matrix<Float64Array>): void {
  const d = X.cols;
  for (let i = 0; i < X.rows; i++) {
    const row = X.data.subarray(i * d, (i + 1) * d);
    normalize(row);
  }
}
