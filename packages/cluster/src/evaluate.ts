/**
 * Document-clustering evaluation: features (pooled word embeddings under a transform, TF-IDF +
 * LSA, or both), k-means, and NMI / ARI against gold labels, averaged over seeds.
 */
import { checkInt, checkOneOf, createTransform, describe, type Matrix, type Transform } from '@embfact/core';
import { DocumentEmbedder, type EmbeddingTableLike, type Pooling } from '@embfact/text';
import { KMeans } from './kmeans.js';
import { lsaFeatures, type LsaOptions } from './lsa.js';
import { adjustedRandIndex, normalizedMutualInfo } from './metrics.js';

/** A transform of the embeddings, by name. */
export type TransformName = 'raw' | 'whiten' | 'abtt' | 'lowrank';

/** One feature pipeline to evaluate. */
export interface ClusteringConfig {
  /** Row label in the result table (default: generated from the other fields). */
  name?: string;
  /**
   * `'embeddings'`: pooled word vectors; `'lsa'`: TF-IDF (sublinear tf, l2) → truncated SVD
   * (`lsaDim`) → l2; `'lsa+embeddings'`: both blocks l2-normalized and concatenated, the
   * embedding block scaled by `embeddingWeight`. Default `'embeddings'`.
   */
  features?: 'embeddings' | 'lsa' | 'lsa+embeddings';
  /** Pooling of word vectors (see @embfact/text DocumentEmbedder). Default `'mean'`. */
  pooling?: Pooling;
  /** Transform of the embeddings. Default `'raw'`. */
  transform?: TransformName;
  /**
   * Where the transform is fitted: `'vocabulary'` (default; on the whole embedding table, applied
   * to word vectors before pooling) or `'documents'` (on the pooled vectors of the evaluated
   * documents — known to hurt: whitening 500 document vectors amplifies noise directions).
   */
  scope?: 'vocabulary' | 'documents';
  /** Spherical (cosine) k-means. Default false. */
  spherical?: boolean;
  /** Drop stop words before pooling. Default false. */
  stopWords?: boolean;
  /** l2-normalize document vectors before (Euclidean) k-means. Default false. */
  normalize?: boolean;
  /**
   * Subtract the mean of the pooled document vectors (fitted on the documents being clustered;
   * a centering only, no rescaling) before normalization / spherical k-means: removes the
   * component all pooled vectors share, which otherwise dominates their cosines. Default false.
   */
  center?: boolean;
  /** Porter-stem tokens of the TF-IDF (LSA) block. Default false. */
  stem?: boolean;
  /**
   * LSA dimension (number of SVD components of the `'lsa'` / `'lsa+embeddings'` features): a
   * positive integer, or `'k'` = the number of clusters of the evaluation — the spectral-clustering
   * convention of embedding into k dimensions for k clusters (Ng, Jordan & Weiss 2001; von Luxburg
   * 2007, "A tutorial on spectral clustering"), a rule that needs no labels. Default 100 (the
   * scikit-learn anchor TF-IDF + LSA(100)). Capped at the number of documents.
   */
  lsaDim?: number | 'k';
  /** Scale of the (unit) embedding block in `'lsa+embeddings'`. Default 1. */
  embeddingWeight?: number;
  /** Directions removed by all-but-the-top; 0 (default) = core's `defaultAbttDirections(dim)` (2 for 100 dims). */
  abttD?: number;
  /** Rank of the low-rank factorization. Default 50. */
  lowrankK?: number;
}

/** Options of {@link evaluateClustering}. */
export interface EvaluateClusteringOptions {
  /** Documents with gold labels (e.g. Brown: 500 documents, 15 genres). */
  documents: readonly { text: string; label?: string }[];
  /** Word vectors (an EmbeddingTable). Needed unless every config is `'lsa'`. */
  table?: EmbeddingTableLike;
  /** Number of clusters. Default: number of distinct labels. */
  k?: number;
  /** Pipelines to evaluate. Default {@link DEFAULT_CONFIGS}. */
  configs?: readonly ClusteringConfig[];
  /** k-means restarts per run. Default 10. */
  nInit?: number;
  /** Seeds; each gives one k-means fit (with nInit restarts). Default [0, 1, 2, 3, 4]. */
  seeds?: readonly number[];
  /** Progress: `(configsDone, configs, name)`. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/**
 * A {@link ClusteringConfig} with every default filled in and `lsaDim: 'k'` resolved to the number
 * of clusters.
 */
export type ResolvedClusteringConfig = Required<Omit<ClusteringConfig, 'name' | 'lsaDim'>> & { lsaDim: number };

/** One row of the result. */
export interface ClusteringResult {
  /** Row label: the config's `name`, or {@link configName} of the resolved config (e.g. `tfidf+lsa15+l2`). */
  name: string;
  config: ResolvedClusteringConfig;
  /** Mean NMI (arithmetic normalization) over seeds. */
  nmi: number;
  /** Mean ARI over seeds. */
  ari: number;
  /** Sample standard deviations over seeds (0 for one seed). */
  nmiStd: number;
  ariStd: number;
  perSeed: { seed: number; nmi: number; ari: number; inertia: number }[];
  /** Feature dimension clustered. */
  dim: number;
}

/**
 * Pipelines evaluated by default: the anchors (TF-IDF + LSA(100), mean embeddings raw,
 * vocabulary-whitened, document-whitened), the variants that were tried to beat them, and TF-IDF +
 * LSA with the dimension set to the number of clusters (`lsaDim: 'k'`), alone and with the embeddings.
 */
export const DEFAULT_CONFIGS: readonly ClusteringConfig[] = [
  { features: 'lsa' },
  { transform: 'raw' },
  { transform: 'whiten', scope: 'vocabulary' },
  { transform: 'whiten', scope: 'documents' },
  { transform: 'abtt', scope: 'vocabulary' },
  { transform: 'lowrank', scope: 'vocabulary' },
  { transform: 'raw', spherical: true },
  { transform: 'raw', center: true, spherical: true },
  { pooling: 'sif', spherical: true },
  { features: 'lsa', lsaDim: 'k' },
  { features: 'lsa+embeddings', lsaDim: 'k', embeddingWeight: 0.7, spherical: true },
];

/**
 * Fill in the defaults of a configuration and resolve `lsaDim: 'k'` to `k`. `where` / `fn` name
 * the option in error messages (`The configs[2].lsaDim option of evaluateClustering ...`).
 */
function withDefaults(c: ClusteringConfig, k: number | undefined, where: string, fn: string): ResolvedClusteringConfig & { name: string } {
  if (c === null || typeof c !== 'object') throw new TypeError(`The ${where} option of ${fn} must be an object; got ${describe(c)}.`);
  const full: ResolvedClusteringConfig & { name: string } = {
    name: '',
    features: checkOneOf(c.features ?? 'embeddings', `The ${where}.features option of ${fn}`, ['embeddings', 'lsa', 'lsa+embeddings'] as const),
    pooling: checkOneOf(c.pooling ?? 'mean', `The ${where}.pooling option of ${fn}`, ['mean', 'tfidf', 'sif'] as const),
    transform: checkOneOf(c.transform ?? 'raw', `The ${where}.transform option of ${fn}`, ['raw', 'whiten', 'abtt', 'lowrank'] as const),
    scope: checkOneOf(c.scope ?? 'vocabulary', `The ${where}.scope option of ${fn}`, ['vocabulary', 'documents'] as const),
    spherical: c.spherical ?? false,
    stopWords: c.stopWords ?? false,
    normalize: c.normalize ?? false,
    center: c.center ?? false,
    stem: c.stem ?? false,
    lsaDim: resolveLsaDim(c.lsaDim ?? 100, k, `The ${where}.lsaDim option of ${fn}`),
    embeddingWeight: c.embeddingWeight ?? 1,
    abttD: checkInt(c.abttD ?? 0, `The ${where}.abttD option of ${fn}`, 0), // 0: core's default
    lowrankK: checkInt(c.lowrankK ?? 50, `The ${where}.lowrankK option of ${fn}`, 1),
  };
  full.name = c.name ?? configName(full);
  return full;
}

/** `lsaDim`: a positive integer, or `'k'` → the number of clusters `k`. */
function resolveLsaDim(v: unknown, k: number | undefined, name: string): number {
  if (v === 'k') {
    if (k === undefined) throw new RangeError(`${name} is 'k' (the number of clusters), but no k was given; pass { k } to documentFeatures.`);
    return k;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new RangeError(`${name} must be a positive integer or 'k' (the number of clusters); got ${describe(v)}.`);
  }
  return v;
}

/**
 * Readable name of a resolved configuration, e.g. `emb mean whiten@vocab spherical` or
 * `tfidf+lsa15+l2` (the LSA dimension as resolved: `lsaDim: 'k'` with k = 15 reads `lsa15`).
 */
export function configName(c: ResolvedClusteringConfig): string {
  if (c.features === 'lsa') return `tfidf${c.stem ? '(stem)' : ''}+lsa${c.lsaDim}+l2${c.spherical ? ' spherical' : ''}`;
  const parts = [c.features === 'lsa+embeddings' ? `lsa${c.lsaDim}+emb` : 'emb', c.pooling];
  if (c.transform !== 'raw') {
    const p = c.transform === 'abtt' ? `abtt${c.abttD || ''}` : c.transform === 'lowrank' ? `lowrank${c.lowrankK}` : 'whiten';
    parts.push(`${p}@${c.scope === 'vocabulary' ? 'vocab' : 'docs'}`);
  }
  if (c.stopWords) parts.push('-stopwords');
  if (c.center) parts.push('centered');
  if (c.stem && c.features !== 'embeddings') parts.push('stem');
  if (c.normalize) parts.push('l2');
  if (c.features === 'lsa+embeddings' && c.embeddingWeight !== 1) parts.push(`w=${c.embeddingWeight}`);
  if (c.spherical) parts.push('spherical');
  return parts.join(' ');
}

function makeTransform(c: ResolvedClusteringConfig, dim: number): Transform | null {
  return createTransform(c.transform, dim, {
    ...(c.abttD ? { d: Math.min(c.abttD, dim) } : {}),
    ...(c.transform === 'lowrank' ? { k: Math.min(c.lowrankK, dim) } : {}),
  });
}

function normalizeRows(a: Float64Array, n: number, d: number, scale = 1): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += a[i * d + t] ** 2;
    if (s > 0) { const inv = scale / Math.sqrt(s); for (let t = 0; t < d; t++) a[i * d + t] *= inv; }
  }
}

/** Options of {@link documentFeatures}. */
export interface DocumentFeaturesOptions {
  /** Number of clusters: what `lsaDim: 'k'` stands for (required then, ignored otherwise). */
  k?: number;
  /** Fitted vocabulary transforms shared between configurations (keyed by transform and its parameters). */
  cache?: Map<string, Transform>;
  /** Progress of the LSA block (see {@link LsaOptions.onProgress}); LSA is the slow part of large collections. */
  onProgress?: LsaOptions['onProgress'];
}

/**
 * Document vectors of one configuration (the features k-means sees): n x dim float64, where dim
 * is the LSA dimension, the embedding dimension, or their sum for `'lsa+embeddings'`.
 *
 * @throws RangeError / TypeError on a bad config (names the option), on `lsaDim: 'k'` without
 * `k`, and on embedding features without a table
 * @example
 * const X = documentFeatures(docs.map((d) => d.text), undefined, { features: 'lsa', lsaDim: 'k' }, { k: 15 }); // 500 x 15
 */
export function documentFeatures(
  texts: readonly string[], table: EmbeddingTableLike | undefined, config: ClusteringConfig,
  options: DocumentFeaturesOptions = {},
): Matrix<Float64Array> {
  const k = options.k === undefined ? undefined : checkInt(options.k, "The 'k' option of documentFeatures", 1);
  const cache = options.cache ?? new Map<string, Transform>();
  const c = withDefaults(config, k, 'config', 'documentFeatures');
  const lsa = c.features !== 'embeddings' ? lsaFeatures(texts, c.lsaDim, { stem: c.stem, onProgress: options.onProgress }) : null;
  if (c.features === 'lsa') return lsa as Matrix<Float64Array>;
  if (table === undefined) throw new TypeError("The 'table' option of evaluateClustering is required for embedding features; got undefined.");
  let transform = makeTransform(c, table.matrix.cols);
  let fitted = false;
  if (transform !== null && c.scope === 'vocabulary') {
    const key = `${c.transform}:${c.abttD}:${c.lowrankK}`;
    const hit = cache.get(key);
    if (hit) { transform = hit; fitted = true; } else { transform.fit(table.matrix); cache.set(key, transform); fitted = true; }
  }
  const emb = new DocumentEmbedder({
    table, pooling: c.pooling, transform, transformScope: c.scope, transformFitted: fitted && c.scope === 'vocabulary',
    tokenizeOptions: { stopWords: c.stopWords },
  });
  const docs = texts as string[];
  const m = emb.fit(docs).transform(docs).matrix;
  const n = m.rows, d = m.cols;
  const data = Float64Array.from(m.data);
  if (c.center) {
    const mu = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mu[t] += data[i * d + t] / n;
    for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) data[i * d + t] -= mu[t];
  }
  if (c.normalize || c.features === 'lsa+embeddings') normalizeRows(data, n, d, c.features === 'lsa+embeddings' ? c.embeddingWeight : 1);
  if (lsa === null) return { data, rows: n, cols: d };
  const D = lsa.cols + d;
  const out = new Float64Array(n * D);
  for (let i = 0; i < n; i++) {
    out.set(lsa.data.subarray(i * lsa.cols, (i + 1) * lsa.cols), i * D);
    out.set(data.subarray(i * d, (i + 1) * d), i * D + lsa.cols);
  }
  return { data: out, rows: n, cols: D };
}

/**
 * Cluster documents under each configuration and score against their labels: for every seed,
 * `new KMeans({ k, nInit, seed, spherical })` on the configuration's features, NMI (arithmetic)
 * and ARI against the gold labels; the mean (and standard deviation) over seeds is reported.
 * A config's `lsaDim: 'k'` is resolved to `k`: the row's `name` and `config.lsaDim` carry the number
 * (`{ features: 'lsa', lsaDim: 'k' }` with k = 15 gives the row `tfidf+lsa15+l2`).
 *
 * @throws RangeError / TypeError on bad options (names the option), on unlabeled documents
 * @example
 * const rows = evaluateClustering({ documents: await loadBrown(), table: await loadDefaultEmbeddings(), k: 15 });
 * for (const r of rows) console.log(r.name, r.nmi.toFixed(3), r.ari.toFixed(3));
 */
export function evaluateClustering(opts: EvaluateClusteringOptions): ClusteringResult[] {
  if (opts === null || typeof opts !== 'object') throw new TypeError(`The options of evaluateClustering must be an object; got ${describe(opts)}.`);
  const docs = opts.documents;
  if (!Array.isArray(docs) || docs.length === 0) {
    throw new RangeError(`The 'documents' option of evaluateClustering must be a non-empty array; got ${describe(docs)}.`);
  }
  const labels = docs.map((d, i) => {
    if (d === null || typeof d !== 'object' || typeof d.text !== 'string') throw new TypeError(`documents[${i}] of evaluateClustering must have a 'text' string; got ${describe(d)}.`);
    if (typeof d.label !== 'string') throw new RangeError(`documents[${i}] of evaluateClustering must have a 'label' (gold class); got ${describe(d.label)}.`);
    return d.label;
  });
  const texts = docs.map((d) => d.text);
  const k = checkInt(opts.k ?? new Set(labels).size, "The 'k' option of evaluateClustering", 1, docs.length);
  const nInit = checkInt(opts.nInit ?? 10, "The 'nInit' option of evaluateClustering", 1);
  const seeds = opts.seeds ?? [0, 1, 2, 3, 4];
  if (!Array.isArray(seeds) || seeds.length === 0) throw new RangeError(`The 'seeds' option of evaluateClustering must be a non-empty array; got ${describe(seeds)}.`);
  const configs = (opts.configs ?? DEFAULT_CONFIGS).map((c, i) => withDefaults(c, k, `configs[${i}]`, 'evaluateClustering'));
  const cache = new Map<string, Transform>();
  const out: ClusteringResult[] = [];
  configs.forEach((c, ci) => {
    const X = documentFeatures(texts, opts.table, c, { k, cache });
    const perSeed = seeds.map((seed) => {
      const km = new KMeans({ k, nInit, seed, spherical: c.spherical }).fit(X);
      const lab = km.labels;
      return { seed, nmi: normalizedMutualInfo(labels, lab), ari: adjustedRandIndex(labels, lab), inertia: km.inertia };
    });
    const { name, ...config } = c;
    out.push({ name, config, ...meanStd(perSeed.map((p) => p.nmi), 'nmi'), ...meanStd(perSeed.map((p) => p.ari), 'ari'), perSeed, dim: X.cols } as ClusteringResult);
    opts.onProgress?.(ci + 1, configs.length, name);
  });
  return out;
}

function meanStd(v: number[], key: 'nmi' | 'ari'): Record<string, number> {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
  return { [key]: m, [`${key}Std`]: sd };
}
