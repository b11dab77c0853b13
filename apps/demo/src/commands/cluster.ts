/** `embfact cluster` (documents) and `embfact cluster-words` (the vocabulary). */
import { KMeans, adjustedRandIndex, clusterWords, distinctiveTerms, documentFeatures, normalizedMutualInfo, vMeasure, type ClusteringConfig, type WordCluster } from '@embfact/cluster';
import { defaultAbttDirections } from '@embfact/core';
import type { EmbeddingTable } from '@embfact/embeddings';
import { DocumentEmbedder, tokenize } from '@embfact/text';
import { choiceOption, intOption, table, type Command, type Context } from '../command.js';
import { rowSummary, tooFewDistinct } from '../distinct.js';
import { InputError, UsageError } from '../errors.js';
import { DATASET_HELP, loadLabelledDocuments, loadTable, methodOption, SCOPES, tableForTask, TABLE_OPTIONS, CLUSTER_TRANSFORM_OPTIONS, transformParams } from '../shared.js';

export interface ClusterResult {
  dataset: string;
  k: number;
  /**
   * What was clustered: `features` (emb, lsa or both); with lsa/both `lsaDim` (the resolved LSA
   * dimension) and `lsaDimOption` (what --lsa-dim asked: `'k'` or the number); with emb/both the
   * embedding options (transform, scope, pooling, abttD, lowrankK); `spherical`, `nInit`, `seed`.
   */
  config: Record<string, unknown>;
  inertia: number;
  scores: { nmi: number; ari: number; homogeneity: number; completeness: number; vMeasure: number };
  clusters: { size: number; topLabel: string; terms: string[] }[];
  /** Set when some documents have an all-zero feature vector (clustered as the origin). */
  warning?: string;
}

/** Values of `cluster --features`, and the library's names for them. */
const CLUSTER_FEATURES = { emb: 'embeddings', lsa: 'lsa', both: 'lsa+embeddings' } as const;
type ClusterFeatures = keyof typeof CLUSTER_FEATURES;

/** Options of `cluster` that only shape the embedding block: refused with `--features lsa`. */
const EMBEDDING_ONLY_OPTIONS = ['embeddings', 'transform', 'scope', 'pooling', 'rank', 'd', 'eps', 'format', 'vocab', 'tensor'] as const;

/** Why documents get the same feature vector, per `--features`. */
const SAME_VECTOR: Record<ClusterFeatures, string> = {
  emb: 'documents with the same words in the embeddings, or none, pool to the same vector',
  lsa: 'documents with the same words after stop-word removal get the same TF-IDF vector',
  both: 'documents with the same words get the same TF-IDF and pooled vectors',
};

/** Why a document gets an all-zero feature vector, per `--features`. */
const ZERO_VECTOR: Record<ClusterFeatures, string> = {
  emb: 'none of their words is in the embeddings',
  lsa: 'no word is left after stop-word removal, or their words lie outside the LSA dimensions',
  both: 'none of their words is in the embeddings, and none lies in the LSA dimensions',
};

/**
 * `--lsa-dim`: `k` (the default: the number of clusters, the spectral-clustering convention) or an
 * integer in [1, documents].
 */
function lsaDimOption(ctx: Context, documents: number): number | 'k' {
  const raw = ctx.options['lsa-dim'];
  if (raw === undefined || raw === 'k') return 'k';
  const v = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || v < 1 || v > documents) {
    throw new UsageError(`--lsa-dim must be k (the number of clusters) or an integer in [1, ${documents}] (at most the number of documents); got ${JSON.stringify(raw)}.`);
  }
  return v;
}

export const cluster: Command<ClusterResult> = {
  name: 'cluster',
  summary: 'k-means clustering of documents on pooled (transformed) embeddings, on TF-IDF + LSA, or on both, scored against their labels (NMI, ARI, V-measure) and described by distinctive terms.',
  args: '',
  positionals: { min: 0, max: 0 },
  options: {
    ...TABLE_OPTIONS,
    ...CLUSTER_TRANSFORM_OPTIONS,
    dataset: { type: 'string', valueName: 'D', description: DATASET_HELP, default: 'brown' },
    embeddings: { type: 'string', valueName: 'FILE', description: 'embedding file (default: the embedded default)' },
    k: { type: 'string', valueName: 'N', description: 'number of clusters (default: the number of labels)' },
    features: {
      type: 'string', valueName: 'F', default: 'emb',
      description: 'emb (pooled embeddings), lsa (TF-IDF + LSA + l2; no embeddings) or both (the two blocks l2-normalized and concatenated)',
    },
    'lsa-dim': { type: 'string', valueName: 'N|k', description: 'LSA dimension with --features lsa or both: an integer, or k = the number of clusters (default: k). Above 2,000 documents time and memory grow with N (SpamAssassin: 5 s at 2, 22 s at 100, 10 min and 1.6 GB at 1000)' },
    transform: { type: 'string', valueName: 'M', description: 'raw, whiten, zca, abtt or lowrank', default: 'raw' },
    scope: { type: 'string', valueName: 'S', description: 'fit the transform on the vocabulary or on the document vectors', default: 'vocabulary' },
    spherical: { type: 'boolean', description: 'cosine k-means on unit vectors' },
    pooling: { type: 'string', valueName: 'P', description: 'mean, tfidf or sif', default: 'mean' },
    'n-init': { type: 'string', valueName: 'N', description: 'k-means++ restarts', default: '10' },
    seed: { type: 'string', valueName: 'N', description: 'seed', default: '0' },
  },
  async run(ctx) {
    const features = choiceOption(ctx, 'features', Object.keys(CLUSTER_FEATURES) as ClusterFeatures[]) ?? 'emb';
    if (features === 'lsa') {
      for (const o of EMBEDDING_ONLY_OPTIONS) {
        if (ctx.options[o] !== undefined && ctx.options[o] !== cluster.options[o].default) {
          throw new UsageError(`--${o} applies to embedding features (--features emb or both); --features lsa uses no embeddings.`);
        }
      }
    }
    if (features === 'emb' && ctx.options['lsa-dim'] !== undefined) {
      throw new UsageError(`--lsa-dim applies to --features lsa or both; got --features emb.`);
    }
    const method = methodOption(ctx, 'transform', 'raw');
    const scope = choiceOption(ctx, 'scope', SCOPES) ?? 'vocabulary';
    if (method === 'zca' && scope === 'documents') throw new UsageError('--transform zca is only available with --scope vocabulary.');
    const pooling = choiceOption(ctx, 'pooling', ['mean', 'tfidf', 'sif'] as const) ?? 'mean';
    const seed = intOption(ctx, 'seed', 0, 2 ** 32 - 1) ?? 0;
    const nInit = intOption(ctx, 'n-init', 1, 1000) ?? 10;
    const dataset = String(ctx.options.dataset);
    const docs = await loadLabelledDocuments(ctx, dataset, () => {});
    const labels = docs.map((d) => d.label);
    const k = intOption(ctx, 'k', 1, docs.length) ?? new Set(labels).size;
    const lsaDim = lsaDimOption(ctx, docs.length);
    const spherical = Boolean(ctx.options.spherical);
    const texts = docs.map((d) => d.text);
    const n = docs.length;
    const kIs = ctx.options.k !== undefined ? `--k ${k}` : `k = ${k} (the number of labels, the default of --k)`;
    const distinctTexts = new Set(texts).size;
    if (distinctTexts < k) throw tooFewDistinct({ source: dataset, distinct: distinctTexts, of: n, noun: 'document', kIs, k });
    // What the TF-IDF (LSA) block and the cluster descriptions see.
    const tokens = texts.map((t) => tokenize(t, { stopWords: true }));
    if (features !== 'emb' && tokens.every((t) => t.length === 0)) {
      const emb = texts.some((t) => tokenize(t).length > 0) ? ' --features emb, which keeps stop words, may be an option.' : '';
      throw new InputError(`${dataset}: no document has a word left after tokenization and stop-word removal (its ${n} texts are empty or only stop words and punctuation), so --features ${features} has no TF-IDF terms.${emb}`);
    }
    let tab;
    let embeddingConfig: ClusteringConfig = {};
    if (features !== 'lsa') {
      const loaded = await loadTable(ctx, ctx.options.embeddings as string | undefined);
      const rank = transformParams(ctx, loaded.dim, 'rank').k;
      let libraryTransform;
      ({ table: tab, libraryTransform } = tableForTask(ctx, loaded, method, scope, 'rank'));
      const { empty } = new DocumentEmbedder({ table: tab }).fit(texts).transform(texts);
      if (empty.every((e) => e === 1)) {
        const source = ctx.options.embeddings === undefined ? 'the default embeddings' : String(ctx.options.embeddings);
        const lsa = tokens.some((t) => t.length > 0) ? ' --features lsa, which uses no embeddings, may be an option.' : '';
        throw new InputError(`${dataset}: none of its ${n} documents has a word in ${source}, so --features ${features} has no word vectors to pool.${lsa}`);
      }
      const dOption = intOption(ctx, 'd', 1);
      if (scope === 'documents' && method === 'abtt') {
        // the document vectors, centred, have rank at most n − 1: removing that many directions leaves rounding noise
        const dRemoved = dOption ?? defaultAbttDirections(loaded.dim);
        if (dRemoved >= n - 1) {
          const fewer = n - 2 >= 1 ? `--d ${n - 2} or less, or ` : '';
          throw new InputError(`${dataset}: --transform abtt --scope documents would remove ${dRemoved} direction${dRemoved === 1 ? '' : 's'} from ${n} document vectors, whose centred rank is at most ${n - 1}, leaving only rounding noise to cluster. Use ${fewer}--scope vocabulary.`);
        }
      }
      embeddingConfig = { transform: libraryTransform as 'raw', scope, pooling, ...(dOption !== undefined ? { abttD: dOption } : {}), lowrankK: rank ?? 50 };
    }
    const config: ClusteringConfig = { features: CLUSTER_FEATURES[features], ...embeddingConfig, spherical, ...(features !== 'emb' ? { lsaDim } : {}) };
    const onProgress = ctx.progress.step(features === 'lsa' ? 'TF-IDF + LSA' : features === 'both' ? 'TF-IDF + LSA, pooling documents' : 'pooling documents');
    // The library resolves lsaDim 'k' to k (one rule for evaluateClustering and this command).
    const X = documentFeatures(texts, tab, config, { k, onProgress });
    // equal up to 1e-6 (of the largest entry; on unit rows when spherical): the SVD of LSA leaves
    // rounding noise in the coordinates of documents with equal TF-IDF rows
    const { distinct, zeroRows } = rowSummary(X, { spherical, tolerance: 1e-6, upTo: k });
    const zeroNote = zeroRows.length === 0 ? '' : `with --features ${features}, ${zeroRows.length} of its ${n} documents (the first is document ${zeroRows[0] + 1}) ${zeroRows.length === 1 ? 'gets' : 'get'} an all-zero feature vector (${ZERO_VECTOR[features]})`;
    if (spherical && zeroRows.length > 0) {
      throw new InputError(`${dataset}: ${zeroNote}, which --spherical (cosine) k-means cannot use. Leave out --spherical, or remove those documents.`);
    }
    if (distinct < k) {
      throw new InputError(`${dataset}: with --features ${features} its ${n} documents give only ${distinct} distinct feature vector${distinct === 1 ? '' : 's'} (${SAME_VECTOR[features]}); ${kIs} needs at least ${k}.`);
    }
    const km = new KMeans({ k, nInit, seed, spherical, onProgress: ctx.progress.step('k-means', nInit) }).fit(X);
    const lab = km.labels;
    const v = vMeasure(labels, lab);
    // log-odds against the other clusters: c-TF-IDF (the library default) ranks words common to
    // every cluster first ('not', 'one', 'will' in each Brown cluster)
    const terms = distinctiveTerms(tokens, lab, { topN: 8, method: 'logodds' });
    const clusters = terms.map((t, c) => {
      const members = labels.filter((_, i) => lab[i] === c);
      const counts = new Map<string, number>();
      for (const m of members) counts.set(m, (counts.get(m) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1])[0];
      return { size: members.length, topLabel: top ? `${top[0]} (${top[1]})` : '-', terms: t.map((x) => x.term) };
    });
    const lsaConfig = features === 'emb' ? {} : { lsaDim: lsaDim === 'k' ? k : lsaDim, lsaDimOption: lsaDim };
    return {
      dataset, k,
      config: { ...config, features, ...(features === 'lsa' ? {} : { transform: method }), ...lsaConfig, nInit, seed },
      inertia: km.inertia,
      scores: { nmi: normalizedMutualInfo(labels, lab), ari: adjustedRandIndex(labels, lab), homogeneity: v.homogeneity, completeness: v.completeness, vMeasure: v.vMeasure },
      clusters,
      ...(zeroNote ? { warning: `${zeroNote}; they are clustered as the origin.` } : {}),
    };
  },
  render(r) {
    const c = r.config;
    const lsa = c.features === 'emb' ? '' : ` (TF-IDF + LSA ${String(c.lsaDim)}${c.lsaDimOption === 'k' ? ' = k' : ''} + l2${c.features === 'both' ? ', and pooled embeddings' : ''})`;
    const emb = c.features === 'lsa' ? '' : `, transform ${String(c.transform)} (${String(c.scope)}), pooling ${String(c.pooling)}`;
    return [
      ...(r.warning ? [`warning: ${r.warning}`] : []),
      `${r.dataset}: k=${r.k}, features ${String(c.features)}${lsa}${emb}${c.spherical ? ', spherical' : ''}`,
      table(['NMI', 'ARI', 'homogeneity', 'completeness', 'V-measure', 'inertia'], [[r.scores.nmi, r.scores.ari, r.scores.homogeneity, r.scores.completeness, r.scores.vMeasure, r.inertia]]),
      table(['cluster', 'size', 'most common label', 'distinctive terms (log-odds)'], r.clusters.map((c, i) => [i + 1, c.size, c.topLabel, c.terms.join(', ')])),
    ].join('\n');
  },
};

/** Largest --k of cluster-words (k = 200 takes ~15 s on the 341,479-word default; cost grows with k). */
const MAX_WORD_CLUSTERS = 10_000;

/**
 * The word vectors mini-batch k-means will see (the first `maxVocab` rows of the table) must have
 * no zero row when spherical and at least k distinct rows (directions when spherical, with
 * entries equal up to 1e-6 on unit rows so that positive multiples count as one; exact values
 * otherwise). InputErrors name the file and --k.
 */
function checkWordVectors(source: string, tab: EmbeddingTable, o: { k: number; spherical: boolean; maxVocab: number | undefined; method: string }): void {
  const n = o.maxVocab ?? tab.size;
  const X = { data: tab.matrix.data.subarray(0, n * tab.dim), rows: n, cols: tab.dim };
  const after = o.method === 'raw' ? '' : ` after --transform ${o.method}`;
  const { distinct, zeroRows } = rowSummary(X, { spherical: o.spherical, tolerance: o.spherical ? 1e-6 : 0, upTo: o.k });
  if (o.spherical && zeroRows.length > 0) {
    const first = JSON.stringify(tab.words[zeroRows[0]]);
    const which = zeroRows.length === 1 ? `the vector of ${first} (word ${zeroRows[0] + 1} of ${n}) is` : `${zeroRows.length} of its ${n} word vectors (the first is ${first}) are`;
    throw new InputError(`${source}: ${which} all zeros${after}, which cosine k-means cannot use. Use --euclidean, or remove ${zeroRows.length === 1 ? 'that word' : 'those words'}.`);
  }
  if (distinct >= o.k) return;
  const why = [after.trim()];
  if (o.spherical && rowSummary(X, { spherical: false, upTo: o.k }).distinct > distinct) {
    why.push('as directions (cosine k-means counts vectors that are positive multiples of one another as one; --euclidean does not)');
  }
  const of = o.maxVocab === undefined ? n : `${n}, the --max-vocab ${n} most frequent words`;
  throw tooFewDistinct({ source, distinct, of, noun: 'word vector', why: why.filter(Boolean).join(', '), kIs: `--k ${o.k}`, k: o.k });
}

export interface ClusterWordsResult { k: number; words: number; spherical: boolean; show: number; clusters: WordCluster[] }

export const clusterWordsCommand: Command<ClusterWordsResult> = {
  name: 'cluster-words',
  summary: 'Mini-batch k-means over the vocabulary itself; lists each cluster\'s words nearest its centre.',
  args: '[file]',
  positionals: { min: 0, max: 1 },
  options: {
    ...TABLE_OPTIONS,
    ...CLUSTER_TRANSFORM_OPTIONS,
    k: { type: 'string', valueName: 'N', description: `number of clusters (2..${MAX_WORD_CLUSTERS}, at most the vocabulary size)`, default: '200' },
    transform: { type: 'string', valueName: 'M', description: 'raw, whiten, zca, abtt or lowrank', default: 'raw' },
    'max-vocab': { type: 'string', valueName: 'N', description: 'only the N most frequent words (default: all)' },
    euclidean: { type: 'boolean', description: 'Euclidean instead of cosine (spherical) k-means' },
    show: { type: 'string', valueName: 'N', description: 'clusters printed (largest first)', default: '20' },
    seed: { type: 'string', valueName: 'N', description: 'seed', default: '0' },
  },
  async run(ctx) {
    const method = methodOption(ctx, 'transform', 'raw');
    const loaded = await loadTable(ctx, ctx.positionals[0]);
    // Mini-batch k-means costs about k x batch x steps: k = 200 takes ~15 s on the default
    // table, so k is capped where a run would take hours.
    const k = intOption(ctx, 'k', 2, Math.min(loaded.size, MAX_WORD_CLUSTERS)) ?? 200;
    transformParams(ctx, loaded.dim, 'rank');
    const { table: tab } = tableForTask(ctx, loaded, method, 'vocabulary', 'rank');
    const spherical = !ctx.options.euclidean;
    const maxVocab = intOption(ctx, 'max-vocab', k, tab.size);
    checkWordVectors(ctx.positionals[0] ?? 'the default embeddings', tab, { k, spherical, maxVocab, method });
    const { clusters } = clusterWords(tab, {
      k, seed: intOption(ctx, 'seed', 0, 2 ** 32 - 1) ?? 0, spherical, maxVocab,
      onProgress: ctx.progress.step('mini-batch k-means'),
    });
    return { k, words: maxVocab ?? tab.size, spherical, show: intOption(ctx, 'show', 1) ?? 20, clusters };
  },
  render(r) {
    return `${r.words} words in ${r.k} clusters (${r.spherical ? 'cosine' : 'Euclidean'}); largest first:\n` +
      table(['cluster', 'size', 'words nearest the centre'], r.clusters.map((c, i) => ({ c, i })).sort((a, b) => b.c.size - a.c.size).slice(0, r.show)
        .map(({ c, i }) => [i + 1, c.size, c.words.map((w) => w.term).join(', ')]));
  },
};
