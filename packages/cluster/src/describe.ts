/**
 * Cluster descriptions: the vocabulary words nearest each centre, and the most distinctive
 * terms of each cluster's member documents (c-TF-IDF or weighted log-odds).
 */
import { checkInt, checkMatrix, checkOneOf, checkNumber, describe, type MatrixLike } from '@embfact/core';
import type { EmbeddingTableLike } from '@embfact/text';
import { checkLabels } from './validate.js';
import { MiniBatchKMeans } from './minibatch.js';

/** A word or term with its score. */
export interface ScoredTerm {
  term: string;
  score: number;
  /** Occurrences in the cluster (distinctive terms only). */
  count?: number;
}

/** Options of {@link nearestWords}. */
export interface NearestWordsOptions {
  /** Words per centre. Default 10. */
  topN?: number;
  /** `'cosine'` (default; the score is the cosine) or `'euclidean'` (the score is −distance). */
  metric?: 'cosine' | 'euclidean';
  /** Only the first `maxVocab` rows of the table (tables sorted by frequency: the common words). Default: all. */
  maxVocab?: number;
  /** Keep only the words for which this returns true (e.g. drop stop words and punctuation). Default: all. */
  filter?: (word: string) => boolean;
  /**
   * A vector (length d) subtracted from every centre and every word vector before scoring, e.g. the mean
   * of all document vectors: centres of pooled vectors all lean towards the common direction of
   * frequent words, and matching on (centre − mean) returns the words that distinguish a cluster
   * instead of "one, even, though". Default: none.
   */
  offset?: ArrayLike<number>;
}

/**
 * The vocabulary words nearest each centre — brute force over the table's rows (exact), k
 * centres at once. The centres must live in the table's space: when clustering transformed
 * vectors, pass `table.withMatrix(transformed)` (or the same transform applied to the table).
 * Returns one list per centre, best first.
 * @throws RangeError when the centres' columns differ from the table's, or on bad options
 * @example
 * nearestWords(table, km.clusterCenters, { topN: 8, filter: (w) => /^[a-z]+$/.test(w) && !isStopWord(w) })
 */
export function nearestWords(table: EmbeddingTableLike, centres: MatrixLike, opts: NearestWordsOptions = {}): ScoredTerm[][] {
  const C = checkMatrix(centres, "The 'centres' argument of nearestWords", { cols: table.matrix.cols });
  const topN = checkInt(opts.topN ?? 10, "The 'topN' option of nearestWords", 1);
  const metric = checkOneOf(opts.metric ?? 'cosine', "The 'metric' option of nearestWords", ['cosine', 'euclidean'] as const);
  const V = table.matrix;
  const nv = opts.maxVocab === undefined ? V.rows : Math.min(V.rows, checkInt(opts.maxVocab, "The 'maxVocab' option of nearestWords", 1));
  if (opts.filter !== undefined && typeof opts.filter !== 'function') {
    throw new TypeError(`The 'filter' option of nearestWords must be a function; got ${describe(opts.filter)}.`);
  }
  const k = C.rows, d = C.cols;
  const off = new Float64Array(d);
  if (opts.offset !== undefined) {
    const o = opts.offset;
    if (o === null || typeof o !== 'object' || o.length !== d) {
      throw new RangeError(`The 'offset' option of nearestWords must be a vector of length ${d}; got ${describe(o)}.`);
    }
    for (let t = 0; t < d; t++) {
      if (!Number.isFinite(o[t])) throw new RangeError(`The 'offset' option of nearestWords must be finite; entry ${t} is ${describe(o[t])}.`);
      off[t] = o[t];
    }
  }
  const Cd = new Float64Array(k * d);
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) Cd[j * d + t] = C.data[j * d + t] - off[t];
  const cn = new Float64Array(k);
  for (let j = 0; j < k; j++) { let s = 0; for (let t = 0; t < d; t++) s += Cd[j * d + t] ** 2; cn[j] = Math.sqrt(s); }
  const v = new Float64Array(d);
  // per centre: a small list of (score, row) kept sorted descending
  const best: { s: number; r: number }[][] = Array.from({ length: k }, () => []);
  const dots = new Float64Array(k);
  for (let r = 0; r < nv; r++) {
    if (opts.filter && !opts.filter(table.words[r])) continue;
    const o = r * d;
    let vn = 0;
    for (let t = 0; t < d; t++) { v[t] = V.data[o + t] - off[t]; vn += v[t] * v[t]; }
    for (let j = 0; j < k; j++) {
      let s = 0;
      const co = j * d;
      for (let t = 0; t < d; t++) s += v[t] * Cd[co + t];
      dots[j] = s;
    }
    for (let j = 0; j < k; j++) {
      let score: number;
      if (metric === 'cosine') { const den = Math.sqrt(vn) * cn[j]; score = den > 0 ? dots[j] / den : 0; }
      else score = -Math.sqrt(Math.max(0, vn - 2 * dots[j] + cn[j] * cn[j]));
      const list = best[j];
      if (list.length === topN && score <= list[topN - 1].s) continue;
      let p = list.length;
      while (p > 0 && list[p - 1].s < score) p--;
      list.splice(p, 0, { s: score, r });
      if (list.length > topN) list.pop();
    }
  }
  return best.map((l) => l.map(({ s, r }) => ({ term: table.words[r], score: s })));
}

/** Options of {@link distinctiveTerms}. */
export interface DistinctiveTermsOptions {
  /** Terms per cluster. Default 10. */
  topN?: number;
  /**
   * `'ctfidf'` (default): class-based TF-IDF (Grootendorst 2022, BERTopic eq. 1),
   * W(t, c) = tf(t, c)/|c| · log(1 + A / f(t)), with tf(t, c) the count of t in the cluster's
   * documents, |c| the cluster's token count, f(t) the count of t in all documents and A the mean
   * token count per cluster. `'logodds'`: z-scored log-odds ratio of the cluster against the
   * other clusters with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 22):
   * α(t) = priorSize · f(t) / N.
   */
  method?: 'ctfidf' | 'logodds';
  /** Ignore terms seen fewer than this many times in the cluster. Default 2. */
  minCount?: number;
  /** α₀ of the log-odds prior. Default 1000. */
  priorSize?: number;
}

/**
 * The most distinctive terms of each cluster's member documents. `documents` are token lists
 * (tokenize, drop stop words, stem... as you like); `labels[i]` is the cluster of document i
 * (integers in [0, k)). Returns one list per cluster index 0..max(label), best first; an empty
 * cluster gets an empty list.
 * @throws RangeError when the lengths differ or a label is negative
 * @example
 * distinctiveTerms(docs.map((d) => tokenize(d.text, { stopWords: true })), km.labels, { topN: 8 })
 */
export function distinctiveTerms(
  documents: readonly (readonly string[])[], labels: ArrayLike<number>, opts: DistinctiveTermsOptions = {},
): ScoredTerm[][] {
  if (!Array.isArray(documents)) throw new TypeError(`The 'documents' argument of distinctiveTerms must be an array of token arrays; got ${describe(documents)}.`);
  const lab = checkLabels(labels, "The 'labels' argument of distinctiveTerms");
  if (lab.length !== documents.length) {
    throw new RangeError(`The 'labels' argument of distinctiveTerms must have one label per document (${documents.length}); got ${lab.length}.`);
  }
  const topN = checkInt(opts.topN ?? 10, "The 'topN' option of distinctiveTerms", 1);
  const method = checkOneOf(opts.method ?? 'ctfidf', "The 'method' option of distinctiveTerms", ['ctfidf', 'logodds'] as const);
  const minCount = checkInt(opts.minCount ?? 2, "The 'minCount' option of distinctiveTerms", 1);
  const priorSize = checkNumber(opts.priorSize ?? 1000, "The 'priorSize' option of distinctiveTerms", Number.MIN_VALUE);
  let k = 0;
  for (let i = 0; i < lab.length; i++) {
    if (lab[i] < 0) throw new RangeError(`The 'labels' argument of distinctiveTerms must be non-negative cluster indices; entry ${i} is ${lab[i]}.`);
    k = Math.max(k, lab[i] + 1);
  }
  const perCluster: Map<string, number>[] = Array.from({ length: k }, () => new Map());
  const total = new Map<string, number>();
  const sizes = new Float64Array(k);
  let N = 0;
  documents.forEach((toks, i) => {
    const m = perCluster[lab[i]];
    for (const t of toks) {
      m.set(t, (m.get(t) ?? 0) + 1);
      total.set(t, (total.get(t) ?? 0) + 1);
      sizes[lab[i]]++;
      N++;
    }
  });
  const A = N / Math.max(1, sizes.filter((s) => s > 0).length);
  return perCluster.map((m, c) => {
    const scored: ScoredTerm[] = [];
    for (const [term, count] of m) {
      if (count < minCount) continue;
      const f = total.get(term) as number;
      let score: number;
      if (method === 'ctfidf') score = (count / sizes[c]) * Math.log(1 + A / f);
      else {
        const a = (priorSize * f) / N;
        const yc = count, yr = f - count, nc = sizes[c], nr = N - sizes[c];
        const delta = Math.log((yc + a) / (nc + priorSize - yc - a)) - Math.log((yr + a) / (nr + priorSize - yr - a));
        score = delta / Math.sqrt(1 / (yc + a) + 1 / (yr + a));
      }
      scored.push({ term, score, count });
    }
    scored.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
    return scored.slice(0, topN);
  });
}

/** Options of {@link clusterWords}. */
export interface ClusterWordsOptions {
  /** Number of clusters. Required. */
  k: number;
  /** Seed. Default 0. */
  seed?: number;
  /** Cluster by cosine (unit word vectors). Default true (word similarity is cosine). */
  spherical?: boolean;
  /** Member words listed per cluster (those nearest the centre). Default 10. */
  topN?: number;
  /** Only the first `maxVocab` rows (frequency-sorted tables: the common words). Default: all rows. */
  maxVocab?: number;
  /** Mini-batch size. Default 1024. */
  batchSize?: number;
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** One cluster of {@link clusterWords}: its size and the member words nearest its centre. */
export interface WordCluster {
  size: number;
  words: ScoredTerm[];
}

/**
 * Cluster a vocabulary (what `embfact cluster-words --k 200` runs): MiniBatchKMeans on the table's
 * rows (all 341,479 words of the default table fit in seconds), then, per cluster, the member words
 * nearest its centre (score = cosine when spherical, else −distance).
 * @throws RangeError on bad options or k > rows
 * @example
 * const { clusters } = clusterWords(table, { k: 200, maxVocab: 50000 });
 * clusters[0].words.map((w) => w.term);
 */
export function clusterWords(table: EmbeddingTableLike, opts: ClusterWordsOptions): { model: MiniBatchKMeans; clusters: WordCluster[] } {
  if (opts === null || typeof opts !== 'object') throw new TypeError(`The options of clusterWords must be an object; got ${describe(opts)}.`);
  const topN = checkInt(opts.topN ?? 10, "The 'topN' option of clusterWords", 1);
  const V = table.matrix;
  const n = opts.maxVocab === undefined ? V.rows : Math.min(V.rows, checkInt(opts.maxVocab, "The 'maxVocab' option of clusterWords", 1));
  const d = V.cols;
  const X = { data: V.data.subarray(0, n * d), rows: n, cols: d };
  const spherical = opts.spherical ?? true;
  const model = new MiniBatchKMeans({
    k: opts.k, seed: opts.seed ?? 0, spherical, batchSize: opts.batchSize ?? 1024, onProgress: opts.onProgress,
  }).fit(X);
  const labels = model.labels;
  const C = model.clusterCenters;
  const k = C.rows;
  const members: { s: number; r: number }[][] = Array.from({ length: k }, () => []);
  const sizes = new Int32Array(k);
  for (let r = 0; r < n; r++) {
    const j = labels[r];
    sizes[j]++;
    let dot = 0, vn = 0, dist = 0;
    for (let t = 0; t < d; t++) {
      const x = X.data[r * d + t], c = C.data[j * d + t];
      dot += x * c; vn += x * x; dist += (x - c) * (x - c);
    }
    const score = spherical ? (vn > 0 ? dot / Math.sqrt(vn) : 0) : -Math.sqrt(dist);
    const list = members[j];
    if (list.length === topN && score <= list[topN - 1].s) continue;
    let p = list.length;
    while (p > 0 && list[p - 1].s < score) p--;
    list.splice(p, 0, { s: score, r });
    if (list.length > topN) list.pop();
  }
  return { model, clusters: members.map((l, j) => ({ size: sizes[j], words: l.map(({ s, r }) => ({ term: table.words[r], score: s })) })) };
}
