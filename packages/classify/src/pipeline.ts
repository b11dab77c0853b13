/**
 * TextClassifier: raw text → features → model, fitted, applied, saved and reloaded as
 * one object.
 *
 * Features:
 * - `'emb'`: pooled word vectors (@embfact/text's DocumentEmbedder) of a table, optionally
 *   through a core transform (Whitening, AllButTheTop, LowRankFactorization) fitted either
 *   on the vocabulary matrix (`transformScope: 'vocabulary'`, default: the transform sees
 *   no training labels or documents; pass `transformFitted: true` to reuse one fitted
 *   transform across folds) or on the pooled training-document vectors (`'documents'`). The
 *   pooled vectors are standardized with training-set statistics and multiplied by a block
 *   weight (default 1 alone; 1/√dim next to TF-IDF, so both blocks have comparable norm).
 * - `'tfidf'`: @embfact/text's TfidfVectorizer (default: sublinear tf, unigrams, l2 rows — measured best on Brown).
 * - `'both'`: the two blocks side by side (the sparse TF-IDF block stays sparse).
 *
 * The JSON holds the transform, the vectorizer, the scaler and the model — not the
 * embeddings: it stores a fingerprint of the table (size, dim, FNV-1a hash of a sample
 * of words and float32 values) and `fromJSON` refuses a different table.
 */
import {
  NotFittedError, FormatError, describe, checkInt, checkNumber, checkOneOf,
  Whitening, AllButTheTop, LowRankFactorization, type Matrix, type MatrixLike,
} from '@embfact/core';
import { DocumentEmbedder, TfidfVectorizer, type TfidfOptions, type DocumentEmbedderOptions } from '@embfact/text';
import { LogisticRegression, type LogisticRegressionOptions, argmaxRows } from './logistic.js';
import { KNNClassifier, NearestCentroid, type KNNOptions, type NearestCentroidOptions } from './neighbors.js';
import { hstack, type Features, type SparseMatrix } from './features.js';
import { checkLabels, encodeLabels, type Label } from './labels.js';
import { encodeFloat64, decodeFloat64, checkHeader, type EncodedArray } from './codec.js';
import { stratifiedKFold } from '@embfact/datasets';

/** What the pipeline needs of an embedding table (EmbeddingTable from @embfact/embeddings fits). */
export interface EmbeddingTableLike {
  readonly words: readonly string[];
  readonly matrix: Matrix;
  indexOf(word: string): number;
}

/** What the pipeline needs of a core transform. */
export interface TransformLike {
  fit(X: MatrixLike): unknown;
  transform(X: MatrixLike): Matrix;
  toJSON(): object;
}

/** Table identity stored in a saved pipeline. */
export interface TableFingerprint {
  size: number;
  dim: number;
  /** FNV-1a (32-bit, hex) over ≤ 1024 evenly spaced rows: the word and its float32 values. */
  hash: string;
}

/**
 * Fingerprint of an embedding table: cheap (≤ 1024 rows read) and sensitive to the
 * vocabulary order and the values.
 */
export function tableFingerprint(table: EmbeddingTableLike): TableFingerprint {
  const n = table.words.length;
  const d = table.matrix.cols;
  let h = 0x811c9dc5;
  const mix = (byte: number) => { h ^= byte; h = Math.imul(h, 0x01000193); };
  const f32 = new Float32Array(1);
  const u8 = new Uint8Array(f32.buffer);
  const step = Math.max(1, Math.ceil(n / 1024));
  for (let i = 0; i < n; i += step) {
    const w = table.words[i];
    for (let c = 0; c < w.length; c++) { const code = w.charCodeAt(c); mix(code & 255); mix(code >>> 8); }
    for (let j = 0; j < d; j++) {
      f32[0] = table.matrix.data[i * d + j];
      mix(u8[0]); mix(u8[1]); mix(u8[2]); mix(u8[3]);
    }
  }
  return { size: n, dim: d, hash: (h >>> 0).toString(16).padStart(8, '0') };
}

/** Rebuild a core transform from its JSON (dispatch on `name`). @throws FormatError on an unknown name */
export function transformFromJSON(json: unknown): TransformLike {
  const name = (json as { name?: unknown } | null)?.name;
  switch (name) {
    case 'Whitening': return Whitening.fromJSON(json);
    case 'AllButTheTop': return AllButTheTop.fromJSON(json);
    case 'LowRankFactorization': return LowRankFactorization.fromJSON(json);
    default: throw new FormatError(`TextClassifier.fromJSON: unknown transform ${describe(name)}; expected 'Whitening', 'AllButTheTop' or 'LowRankFactorization'.`);
  }
}

interface PooledRow { vec: Float64Array; oov: number; empty: number }
const pooledCache = new WeakMap<EmbeddingTableLike, Map<string, WeakMap<readonly string[], PooledRow>>>();

function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return (h >>> 0).toString(16) + ':' + s.length;
}

/** Mean-pooled vectors through a per-(table, transform, embedder options) cache of token-array documents. */
function pooledCached(o: TextClassifierOptions, embedder: DocumentEmbedder, docs: (readonly string[])[]): { matrix: Matrix<Float64Array>; oovRate: Float64Array; empty: Uint8Array } {
  const table = o.table!;
  const key = `${o.transform ? hashString(JSON.stringify(o.transform.toJSON())) : 'raw'}|${JSON.stringify(o.embedder ?? {})}`;
  let byTable = pooledCache.get(table);
  if (!byTable) { byTable = new Map(); pooledCache.set(table, byTable); }
  let cache = byTable.get(key);
  if (!cache) { cache = new WeakMap(); byTable.set(key, cache); }
  const missing = docs.filter((dc) => !cache!.has(dc));
  if (missing.length > 0) {
    const p = embedder.transform(missing);
    missing.forEach((dc, i) => cache!.set(dc, {
      vec: p.matrix.data.slice(i * p.matrix.cols, (i + 1) * p.matrix.cols), oov: p.oovRate[i], empty: p.empty[i],
    }));
  }
  const d = cache.get(docs[0])!.vec.length;
  const data = new Float64Array(docs.length * d);
  const oovRate = new Float64Array(docs.length);
  const empty = new Uint8Array(docs.length);
  docs.forEach((dc, i) => { const r = cache!.get(dc)!; data.set(r.vec, i * d); oovRate[i] = r.oov; empty[i] = r.empty; });
  return { matrix: { data, rows: docs.length, cols: d }, oovRate, empty };
}

/** Model kinds of a {@link TextClassifier}. */
export type ModelKind = 'logreg' | 'knn' | 'centroid';
/** Feature kinds of a {@link TextClassifier}. */
export type FeatureKind = 'emb' | 'tfidf' | 'both';

/** Options of {@link TextClassifier}. */
export interface TextClassifierOptions {
  /** `'emb'`, `'tfidf'` or `'both'` (required). */
  features: FeatureKind;
  /** Embedding table (required for `'emb'` / `'both'`). */
  table?: EmbeddingTableLike;
  /** A core transform applied to the word vectors (default none = raw). */
  transform?: TransformLike | null;
  /** Where the transform is fitted: `'vocabulary'` (default) or `'documents'` (pooled training vectors). */
  transformScope?: 'vocabulary' | 'documents';
  /** The transform is already fitted on this table's vocabulary: do not refit (default false). */
  transformFitted?: boolean;
  /** Pooling of word vectors (DocumentEmbedder): `'mean'` (default), `'tfidf'` or `'sif'`. */
  pooling?: 'mean' | 'tfidf' | 'sif';
  /** Further DocumentEmbedder options (sifA, sifFrequencies, removeFirstPc, tokenizeOptions, backoff, normalize). */
  embedder?: Pick<DocumentEmbedderOptions, 'sifA' | 'sifFrequencies' | 'removeFirstPc' | 'tokenizeOptions' | 'backoff' | 'normalize'>;
  /** Standardize the pooled vectors with training statistics (default true). */
  standardizeEmbeddings?: boolean;
  /** Weight of the embedding block after standardization (default 1 for 'emb', 1/√dim for 'both'). */
  embeddingWeight?: number;
  /** TF-IDF options (default { sublinearTf: true }: unigrams, l2 rows; 1–2-grams measured worse on Brown, see README). */
  tfidf?: TfidfOptions;
  /** `'logreg'` (default), `'knn'` or `'centroid'` (the last two on 'emb' features only). */
  model?: ModelKind;
  /** Options of the model (LogisticRegressionOptions / KNNOptions / NearestCentroidOptions). */
  modelOptions?: LogisticRegressionOptions | KNNOptions | NearestCentroidOptions;
  /**
   * Logistic regression only: choose C from this grid by stratified inner cross-validation
   * on the training texts (the whole pipeline refitted per inner fold; never sees test data).
   */
  tuneC?: readonly number[];
  /** Inner folds for `tuneC` (default 3). */
  innerFolds?: number;
  /** Seed of the inner folds (default 0). */
  seed?: number;
}

type Model<L extends Label> = LogisticRegression<L> | KNNClassifier<L> | NearestCentroid<L>;

interface PipelineState<L extends Label> {
  classes: L[];
  embedder: DocumentEmbedder | null;
  mean: Float64Array | null;
  scale: Float64Array | null; // includes the block weight
  vectorizer: TfidfVectorizer | null;
  model: Model<L>;
  selectedC: number | null;
  tuning: { C: number; accuracy: number }[] | null;
}

/** Per-document diagnostics returned by {@link TextClassifier.predictDetailed}. */
export interface PredictionDetails<L extends Label> {
  labels: L[];
  proba: Matrix<Float64Array>;
  /** Fraction of tokens not in the table (NaN-free: 0 for a document without tokens). Absent for 'tfidf'. */
  oovRate?: Float64Array;
  /** 1 when a document had no known word (its embedding is the zero vector). Absent for 'tfidf'. */
  empty?: Uint8Array;
  /** Number of non-zero TF-IDF features per document. Absent for 'emb'. */
  tfidfNnz?: Int32Array;
}

/** A document: raw text, or its tokens (already tokenized with @embfact/text's default tokenizer). */
export type Doc = string | readonly string[];

function checkTexts(texts: unknown, name: string): Doc[] {
  if (!Array.isArray(texts)) throw new TypeError(`${name} must be an array of strings; got ${describe(texts)}.`);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (typeof t === 'string') continue;
    if (Array.isArray(t) && t.every((w) => typeof w === 'string')) continue;
    throw new TypeError(`${name} must hold strings (or token arrays); document ${i} is ${describe(t)}.`);
  }
  return texts as Doc[];
}

/**
 * Text classification pipeline.
 *
 * Documented results for awkward input: an empty document, or one without a single word
 * of the table, gets the zero vector as its pooled embedding (then the standardization
 * maps it to −mean/std) and/or an empty TF-IDF row; the model still returns a prediction
 * (mostly the intercept's choice), and {@link predictDetailed} flags it (`empty`,
 * `oovRate`, `tfidfNnz`). KNN and nearest centroid return the training class frequencies
 * for such documents (no direction under cosine).
 *
 * @example
 * const clf = new TextClassifier({ features: 'both', table, transform: new Whitening(), tuneC: [1, 10, 100] });
 * clf.fit(trainTexts, trainLabels);
 * clf.predict(['a new document']);
 * const saved = JSON.stringify(clf.toJSON());
 * const again = TextClassifier.fromJSON(JSON.parse(saved), { table });
 */
export class TextClassifier<L extends Label = Label> {
  readonly options: Readonly<TextClassifierOptions>;
  #s: PipelineState<L> | null = null;

  /** @throws RangeError / TypeError on an invalid option (names it, expected and found) */
  constructor(options: TextClassifierOptions) {
    if (options === null || typeof options !== 'object') throw new TypeError(`The options of TextClassifier must be an object; got ${describe(options)}.`);
    const nm = (k: string) => `The '${k}' option of TextClassifier`;
    const features = checkOneOf(options.features, nm('features'), ['emb', 'tfidf', 'both'] as const);
    const model = options.model === undefined ? 'logreg' : checkOneOf(options.model, nm('model'), ['logreg', 'knn', 'centroid'] as const);
    if (features !== 'tfidf') {
      const t = options.table;
      if (!t || !Array.isArray(t.words) || !t.matrix || typeof t.indexOf !== 'function') {
        throw new TypeError(`${nm('table')} must be an embedding table ({ words, matrix, indexOf }) when features is '${features}'; got ${describe(t)}.`);
      }
    }
    if (model !== 'logreg' && features !== 'emb') {
      throw new RangeError(`${nm('model')} '${model}' works on dense embedding features only: use features 'emb'; got features '${features}'.`);
    }
    if (options.transform != null && (typeof options.transform.fit !== 'function' || typeof options.transform.transform !== 'function' || typeof options.transform.toJSON !== 'function')) {
      throw new TypeError(`${nm('transform')} must be a transform with fit/transform/toJSON (e.g. new Whitening()); got ${describe(options.transform)}.`);
    }
    if (options.transformScope !== undefined) checkOneOf(options.transformScope, nm('transformScope'), ['vocabulary', 'documents'] as const);
    if (options.pooling !== undefined) checkOneOf(options.pooling, nm('pooling'), ['mean', 'tfidf', 'sif'] as const);
    if (options.embeddingWeight !== undefined) checkNumber(options.embeddingWeight, nm('embeddingWeight'), Number.MIN_VALUE);
    if (options.tuneC !== undefined) {
      if (model !== 'logreg') throw new RangeError(`${nm('tuneC')} applies to model 'logreg' only; got model '${model}'.`);
      if (!Array.isArray(options.tuneC) || options.tuneC.length === 0) throw new RangeError(`${nm('tuneC')} must be a non-empty array of positive numbers; got ${describe(options.tuneC)}.`);
      options.tuneC.forEach((c, i) => checkNumber(c, `${nm('tuneC')}[${i}]`, Number.MIN_VALUE));
    }
    if (options.innerFolds !== undefined) checkInt(options.innerFolds, nm('innerFolds'), 2);
    if (options.seed !== undefined) checkInt(options.seed, nm('seed'), 0, 2 ** 32 - 1);
    this.options = { ...options, features, model };
  }

  #embWeight(dim: number): number {
    return this.options.embeddingWeight ?? (this.options.features === 'both' ? 1 / Math.sqrt(dim) : 1);
  }

  /**
   * Fit features and model on training texts.
   * @param texts - training documents: strings (empty allowed) or token arrays produced by
   *   @embfact/text's default tokenizer (lets a caller tokenize once for many fits)
   * @param labels - one label per document, all strings or all numbers, ≥ 2 classes
   * @throws TypeError on non-string documents or mixed label types
   * @throws RangeError on one class only or mismatched lengths
   */
  fit(texts: readonly Doc[], labels: readonly L[], opts: { onProgress?: (done: number, total: number, label?: string) => void } = {}): this {
    const docs = checkTexts(texts, "The 'texts' argument of TextClassifier.fit");
    const { classes } = encodeLabels(labels, "The 'labels' argument of TextClassifier.fit", docs.length);
    const o = this.options;
    let C: number | null = null;
    let tuning: { C: number; accuracy: number }[] | null = null;
    if (o.tuneC && o.tuneC.length > 1) {
      const k = o.innerFolds ?? 3;
      const folds = stratifiedKFold(labels, { k, seed: o.seed ?? 0 });
      const correct = new Array<number>(o.tuneC.length).fill(0);
      let total = 0;
      let step = 0;
      // The features do not depend on C: each inner fold fits its extractors (TF-IDF, scaler,
      // transform) once on its training part, and only the model is refitted per C.
      for (const f of folds) {
        const inner = new TextClassifier<L>({ ...o, tuneC: undefined });
        const yTrain = f.train.map((i) => labels[i]);
        const built = inner.#buildFeatures(f.train.map((i) => docs[i]), true);
        inner.#s = { ...built.state } as PipelineState<L>;
        const Xtest = inner.#buildFeatures(f.test.map((i) => docs[i]), false).X;
        o.tuneC.forEach((c, ci) => {
          const lr = new LogisticRegression<L>({ ...(o.modelOptions as LogisticRegressionOptions), C: c }).fit(built.X, yTrain);
          // As predict(): argmax of the probabilities (ties → the first class).
          const pred = argmaxRows(lr.predictProba(Xtest as Matrix)).map((j) => lr.classes[j]);
          for (let t = 0; t < f.test.length; t++) if (pred[t] === labels[f.test[t]]) correct[ci]++;
          opts.onProgress?.(++step, o.tuneC!.length * k + 1, 'tuneC');
        });
        total += f.test.length;
      }
      tuning = o.tuneC.map((c, ci) => ({ C: c, accuracy: correct[ci] / total }));
      // Best inner accuracy; ties → the smaller C (stronger regularization).
      let best = tuning[0];
      for (const t of tuning) if (t.accuracy > best.accuracy || (t.accuracy === best.accuracy && t.C < best.C)) best = t;
      C = best.C;
    } else if (o.tuneC) {
      C = o.tuneC[0];
    }
    const built = this.#buildFeatures(docs, true);
    let model: Model<L>;
    if (o.model === 'knn') model = new KNNClassifier<L>(o.modelOptions as KNNOptions).fit(built.X as Matrix, labels);
    else if (o.model === 'centroid') model = new NearestCentroid<L>(o.modelOptions as NearestCentroidOptions).fit(built.X as Matrix, labels);
    else {
      const lo = { ...(o.modelOptions as LogisticRegressionOptions) };
      if (C !== null) lo.C = C;
      model = new LogisticRegression<L>(lo).fit(built.X, labels);
    }
    this.#s = { ...built.state, classes, model, selectedC: C ?? (o.model === 'logreg' ? (model as LogisticRegression<L>).options.C : null), tuning } as PipelineState<L>;
    return this;
  }

  /** Builds (and with `fitting`, fits) the feature extractors; returns the feature matrix. */
  #buildFeatures(docs: Doc[], fitting: boolean): { X: Features; state: Partial<PipelineState<L>>; info: Omit<PredictionDetails<L>, 'labels' | 'proba'> } {
    const o = this.options;
    const st: Partial<PipelineState<L>> = fitting ? {} : this.#s!;
    const info: Omit<PredictionDetails<L>, 'labels' | 'proba'> = {};
    const blocks: (Matrix | SparseMatrix)[] = [];
    if (o.features !== 'emb') {
      if (fitting) st.vectorizer = new TfidfVectorizer(o.tfidf ?? { sublinearTf: true }).fit(docs);
      const T = st.vectorizer!.transform(docs) as SparseMatrix;
      const nnz = new Int32Array(T.rows);
      for (let i = 0; i < T.rows; i++) nnz[i] = T.indptr[i + 1] - T.indptr[i];
      info.tfidfNnz = nnz;
      blocks.push(T);
    } else if (fitting) st.vectorizer = null;
    if (o.features !== 'tfidf') {
      // Mean pooling of a vocabulary-scope transformed table has no corpus statistics: a
      // document's vector depends on its tokens only, so vectors of token-array documents are
      // cached across fits (cross-validation folds, C tuning) and the embedder is fitted on
      // one document (fitting it on all would only pool them once more).
      const cacheable = (o.pooling ?? 'mean') === 'mean' && (o.transformScope ?? 'vocabulary') === 'vocabulary' &&
        !o.embedder?.removeFirstPc && docs.length > 0 && docs.every((dc) => Array.isArray(dc));
      if (fitting) {
        st.embedder = new DocumentEmbedder({
          table: o.table!, pooling: o.pooling ?? 'mean', ...(o.embedder ?? {}),
          transform: o.transform ?? null, transformScope: o.transformScope ?? 'vocabulary',
          transformFitted: o.transformFitted ?? false,
        }).fit(cacheable ? [docs[0]] : docs);
      }
      const pooled = cacheable ? pooledCached(o, st.embedder!, docs as (readonly string[])[]) : st.embedder!.transform(docs);
      const E: Matrix = pooled.matrix;
      info.oovRate = pooled.oovRate;
      info.empty = pooled.empty;
      const n = E.rows, d = E.cols;
      if (fitting) {
        const mean = new Float64Array(d);
        const scale = new Float64Array(d);
        const w = this.#embWeight(d);
        if (o.standardizeEmbeddings ?? true) {
          for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += E.data[i * d + j] / n;
          for (let j = 0; j < d; j++) {
            let v = 0;
            for (let i = 0; i < n; i++) { const e = E.data[i * d + j] - mean[j]; v += e * e; }
            const sd = Math.sqrt(v / n);
            scale[j] = (sd > 1e-12 ? 1 / sd : 1) * w;
          }
        } else scale.fill(w);
        st.mean = mean; st.scale = scale;
      }
      const out = new Float64Array(n * d);
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (E.data[i * d + j] - st.mean![j]) * st.scale![j];
      blocks.push({ data: out, rows: n, cols: d });
    } else if (fitting) { st.embedder = null; st.mean = null; st.scale = null; }
    const X: Features = blocks.length === 1 ? blocks[0] : hstack(...blocks);
    return { X, state: st, info };
  }

  #state(member: string): PipelineState<L> {
    if (this.#s === null) throw new NotFittedError('TextClassifier', member);
    return this.#s;
  }

  /** Sorted classes. @throws NotFittedError */
  get classes(): readonly L[] { return this.#state('classes').classes; }
  /** The fitted model. @throws NotFittedError */
  get model(): LogisticRegression<L> | KNNClassifier<L> | NearestCentroid<L> { return this.#state('model').model; }
  /** C used for the final logistic regression (chosen by `tuneC` or given). @throws NotFittedError */
  get selectedC(): number | null { return this.#state('selectedC').selectedC; }
  /** Inner-CV accuracy per C of the `tuneC` grid (null without tuning). @throws NotFittedError */
  get tuning(): readonly { C: number; accuracy: number }[] | null { return this.#state('tuning').tuning; }
  /** Number of TF-IDF features (0 without). @throws NotFittedError */
  get nTfidfFeatures(): number { const v = this.#state('nTfidfFeatures').vectorizer; return v ? (v.transform(['']) as SparseMatrix).cols : 0; }

  /** Feature matrix of `texts` as the model sees it. @throws NotFittedError */
  features(texts: readonly Doc[]): Features {
    this.#state('features');
    return this.#buildFeatures(checkTexts(texts, "The 'texts' argument of TextClassifier.features"), false).X;
  }

  /** Labels, probabilities and per-document diagnostics (empty / OOV documents). @throws NotFittedError */
  predictDetailed(texts: readonly Doc[]): PredictionDetails<L> {
    const s = this.#state('predict');
    const b = this.#buildFeatures(checkTexts(texts, "The 'texts' argument of TextClassifier.predict"), false);
    const proba = b.X.rows === 0
      ? { data: new Float64Array(0), rows: 0, cols: s.classes.length }
      : s.model.predictProba(b.X as Matrix) as Matrix<Float64Array>;
    return { labels: argmaxRows(proba).map((k) => s.classes[k]), proba, ...b.info };
  }

  /** Predicted labels. @throws NotFittedError */
  predict(texts: readonly Doc[]): L[] { return this.predictDetailed(texts).labels; }

  /** Class probabilities n × K in {@link classes} order. @throws NotFittedError */
  predictProba(texts: readonly Doc[]): Matrix<Float64Array> { return this.predictDetailed(texts).proba; }

  /**
   * The whole fitted pipeline as one JSON-compatible object (options, transform, vectorizer,
   * scaler, model, table fingerprint). Embedding vectors are not included.
   * @throws NotFittedError
   */
  toJSON(): TextClassifierJSON {
    const s = this.#state('toJSON');
    const o = this.options;
    return {
      name: 'TextClassifier', version: 1,
      options: {
        features: o.features, transformScope: o.transformScope ?? 'vocabulary', pooling: o.pooling ?? 'mean',
        embedder: o.embedder ?? null,
        standardizeEmbeddings: o.standardizeEmbeddings ?? true, embeddingWeight: o.embeddingWeight ?? null,
        tfidf: o.tfidf ?? null, model: o.model ?? 'logreg', tuneC: o.tuneC ? [...o.tuneC] : null,
        innerFolds: o.innerFolds ?? 3, seed: o.seed ?? 0,
      },
      classes: s.classes,
      table: o.table && o.features !== 'tfidf' ? tableFingerprint(o.table) : null,
      transform: o.transform ? o.transform.toJSON() : null,
      embedder: s.embedder ? s.embedder.toJSON() : null,
      mean: s.mean ? encodeFloat64(s.mean) : null,
      scale: s.scale ? encodeFloat64(s.scale) : null,
      vectorizer: s.vectorizer ? s.vectorizer.toJSON() : null,
      model: s.model.toJSON(),
      selectedC: s.selectedC, tuning: s.tuning,
    };
  }

  /**
   * Rebuild a pipeline saved by {@link toJSON}. Predictions equal the original's exactly.
   * @param opts.table - the same embedding table used in fit (checked by fingerprint); required unless features is 'tfidf'
   * @throws FormatError on another name/version, a malformed document, or a table whose fingerprint differs
   */
  static fromJSON<L extends Label = Label>(json: unknown, opts: { table?: EmbeddingTableLike } = {}): TextClassifier<L> {
    const j = checkHeader(json, 'TextClassifier', 1) as unknown as TextClassifierJSON;
    const o = j.options;
    checkLabels(j.classes, 'TextClassifier JSON classes');
    if (o.features !== 'tfidf') {
      if (!opts.table) throw new FormatError(`TextClassifier.fromJSON: this pipeline uses '${o.features}' features; pass the embedding table it was trained with as { table } (fingerprint size ${j.table?.size}, dim ${j.table?.dim}, hash ${j.table?.hash}).`);
      const fp = tableFingerprint(opts.table);
      if (!j.table || fp.size !== j.table.size || fp.dim !== j.table.dim || fp.hash !== j.table.hash) {
        throw new FormatError(`TextClassifier.fromJSON: the embedding table differs from the one used in fit: expected size ${j.table?.size}, dim ${j.table?.dim}, hash ${j.table?.hash}; got size ${fp.size}, dim ${fp.dim}, hash ${fp.hash}.`);
      }
    }
    const transform = j.transform ? transformFromJSON(j.transform) : null;
    const clf = new TextClassifier<L>({
      features: o.features, table: opts.table, transform, transformScope: o.transformScope, transformFitted: true,
      pooling: o.pooling, embedder: o.embedder ?? undefined, standardizeEmbeddings: o.standardizeEmbeddings, embeddingWeight: o.embeddingWeight ?? undefined,
      tfidf: o.tfidf ?? undefined, model: o.model, tuneC: o.tuneC ?? undefined, innerFolds: o.innerFolds, seed: o.seed,
    });
    let model: Model<L>;
    const mj = j.model as { name?: unknown };
    if (mj?.name === 'LogisticRegression') model = LogisticRegression.fromJSON<L>(mj);
    else if (mj?.name === 'KNNClassifier') model = KNNClassifier.fromJSON<L>(mj);
    else if (mj?.name === 'NearestCentroid') model = NearestCentroid.fromJSON<L>(mj);
    else throw new FormatError(`TextClassifier.fromJSON: unknown model ${describe(mj?.name)}.`);
    let embedder: DocumentEmbedder | null = null;
    if (o.features !== 'tfidf') {
      if (!j.embedder) throw new FormatError('TextClassifier.fromJSON: the embedder state is missing for embedding features.');
      embedder = DocumentEmbedder.fromJSON(j.embedder, { table: opts.table!, transform: transform ?? undefined });
    }
    const d = j.mean ? (j.mean as EncodedArray).length : 0;
    clf.#s = {
      classes: j.classes as L[], embedder,
      mean: j.mean ? decodeFloat64(j.mean, 'TextClassifier JSON mean') : null,
      scale: j.scale ? decodeFloat64(j.scale, 'TextClassifier JSON scale', d) : null,
      vectorizer: j.vectorizer ? TfidfVectorizer.fromJSON(j.vectorizer) : null,
      model, selectedC: j.selectedC, tuning: j.tuning,
    };
    return clf;
  }
}

/** Serialized {@link TextClassifier}. */
export interface TextClassifierJSON {
  name: 'TextClassifier';
  version: 1;
  options: {
    features: FeatureKind; transformScope: 'vocabulary' | 'documents'; pooling: 'mean' | 'tfidf' | 'sif';
    embedder: TextClassifierOptions['embedder'] | null;
    standardizeEmbeddings: boolean; embeddingWeight: number | null; tfidf: TfidfOptions | null;
    model: ModelKind; tuneC: number[] | null; innerFolds: number; seed: number;
  };
  classes: Label[];
  table: TableFingerprint | null;
  transform: object | null;
  embedder: object | null;
  mean: EncodedArray | null;
  scale: EncodedArray | null;
  vectorizer: object | null;
  model: object;
  selectedC: number | null;
  tuning: { C: number; accuracy: number }[] | null;
}

