/**
 * Embedding ranking (EmbedRank / KeyBERT style): cosine similarity between each
 * candidate's phrase vector and the document vector, with MMR and max-sum diversity.
 */
import type { Matrix } from '@embfact/core';
import type { AnalyzedDocument } from './analyze.js';
import type { Candidate } from './candidates.js';

/**
 * The part of an `EmbeddingTable` (from @embfact/embeddings) keyword extraction needs:
 * `indexOf(word)` (−1 when out of vocabulary) and the `words × dim` matrix. Pass a table
 * transformed with `table.withMatrix(transform.transform(table.matrix))` to rank with
 * whitened or all-but-the-top vectors.
 */
export interface WordVectorTable {
  indexOf(word: string): number;
  readonly matrix: Matrix;
}

/**
 * Memoized word vectors (float64 copies of table rows) shared by every document of a
 * batch: each distinct word is looked up once. A hyphenated word missing from the table
 * (`short-term`) gets the mean of its parts' vectors when they exist.
 */
export class WordVectorCache {
  readonly dim: number;
  private readonly cache = new Map<string, Float64Array | null>();
  private readonly sifA: number;
  private readonly zipfH: number;

  /**
   * @param table - the word vectors
   * @param sifA - when > 0, {@link weight} gives SIF weights `a / (a + p(w))` (Arora et al. 2017)
   *   with p(w) estimated by Zipf's law from the row index, `p(w) = 1 / ((i + 1) · H_V)`: this
   *   assumes rows sorted by decreasing frequency, as in wink and GloVe files. 0 (default): all weights 1.
   * @throws TypeError when `table` lacks `indexOf` or `matrix`
   */
  constructor(readonly table: WordVectorTable, sifA = 0) {
    if (table === null || typeof table !== 'object' || typeof table.indexOf !== 'function' || table.matrix === undefined) {
      throw new TypeError("The 'table' option must be an EmbeddingTable-like object with indexOf(word) and matrix.");
    }
    this.dim = table.matrix.cols;
    this.sifA = sifA;
    this.zipfH = Math.log(Math.max(2, table.matrix.rows)) + 0.5772156649;
  }

  /** SIF weight of a word (1 when `sifA` is 0 or the word is out of vocabulary). */
  weight(word: string): number {
    if (this.sifA <= 0) return 1;
    const i = this.table.indexOf(word);
    if (i < 0) return 1;
    const p = 1 / ((i + 1) * this.zipfH);
    return this.sifA / (this.sifA + p);
  }

  /** Number of distinct words looked up so far. */
  get size(): number {
    return this.cache.size;
  }

  /** Vector of a lowercase word, or null when it (and its hyphen parts) are out of vocabulary. */
  get(word: string): Float64Array | null {
    let v = this.cache.get(word);
    if (v !== undefined) return v;
    v = this.lookup(word);
    if (this.cache.size > 500_000) this.cache.clear();
    this.cache.set(word, v);
    return v;
  }

  private lookup(word: string): Float64Array | null {
    const { matrix } = this.table;
    const d = matrix.cols;
    const idx = this.table.indexOf(word);
    if (idx >= 0) {
      const out = new Float64Array(d);
      const off = idx * d;
      for (let j = 0; j < d; j++) out[j] = matrix.data[off + j];
      return allFinite(out) ? out : null;
    }
    if (/[-'’]/.test(word)) {
      const parts = word.split(/[-'’]/).filter((p) => p.length > 0);
      const acc = new Float64Array(d);
      let found = 0;
      for (const p of parts) {
        const pv = p === word ? null : this.get(p);
        if (pv !== null) { for (let j = 0; j < d; j++) acc[j] += pv[j]; found++; }
      }
      if (found > 0) { for (let j = 0; j < d; j++) acc[j] /= found; return acc; }
    }
    return null;
  }

  /** Mean of the vectors of `words` that are in the vocabulary (SIF-weighted when `weighted`); null when none is. */
  mean(words: readonly string[], weighted = false): Float64Array | null {
    const acc = new Float64Array(this.dim);
    let found = 0;
    for (const w of words) {
      const v = this.get(w);
      if (v === null) continue;
      const a = weighted ? this.weight(w) : 1;
      for (let j = 0; j < this.dim; j++) acc[j] += a * v[j];
      found += a;
    }
      if (found === 0) return null;
    for (let j = 0; j < this.dim; j++) acc[j] /= found;
    return acc;
  }
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] - a[i] !== 0) return false;
  return true;
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/**
 * Document vector: the mean of the word vectors of every content-token occurrence
 * (stop words and bare numbers excluded, so frequent content words weigh more), SIF-weighted
 * when the cache has `sifA > 0`, or null when no token is in the vocabulary.
 */
export function documentVector(doc: AnalyzedDocument, cache: WordVectorCache): Float64Array | null {
  const words: string[] = [];
  for (const t of doc.tokens) if (!t.stop && !t.numeric) words.push(t.lower);
  return cache.mean(words, true);
}

/** Phrase vectors (mean of word vectors, EmbedRank's word-average variant); null for fully OOV phrases. */
export function phraseVectors(cands: readonly Candidate[], cache: WordVectorCache): (Float64Array | null)[] {
  return cands.map((c) => cache.mean(c.words));
}

/**
 * Cosine similarity of each candidate's phrase vector to the document vector
 * (EmbedRank, Bennani-Smires et al. 2018, eq. 1). Candidates without a vector, and
 * every candidate when the document has none, score −1 (ranked last, never NaN).
 */
export function embeddingScores(docVec: Float64Array | null, vecs: readonly (Float64Array | null)[]): Float64Array {
  const out = new Float64Array(vecs.length).fill(-1);
  if (docVec === null) return out;
  for (let i = 0; i < vecs.length; i++) {
    const v = vecs[i];
    if (v !== null) out[i] = cosine(v, docVec);
  }
  return out;
}

/**
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998; EmbedRank++ eq. 2): pick
 * greedily `argmax_i λ · rel_i − (1 − λ) · max_{j ∈ S} sim(i, j)` where rel is the
 * relevance min–max scaled to [0, 1] and sim the cosine between phrase vectors (0 when
 * either is missing). λ = 1 is plain ranking by relevance.
 *
 * @param relevance - one score per candidate, higher is better
 * @param vecs - phrase vectors (null allowed)
 * @param top - how many to pick
 * @param lambda - trade-off in [0, 1]
 * @returns picked candidate indices, in pick order
 */
export function mmr(relevance: Float64Array, vecs: readonly (Float64Array | null)[], top: number, lambda: number): number[] {
  const n = relevance.length;
  const rel = minMax(relevance);
  const picked: number[] = [];
  const maxSim = new Float64Array(n).fill(-Infinity);
  const used = new Uint8Array(n);
  const k = Math.min(top, n);
  while (picked.length < k) {
    let best = -1;
    let bestVal = -Infinity;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const red = picked.length === 0 ? 0 : maxSim[i];
      const val = lambda * rel[i] - (1 - lambda) * red;
      if (val > bestVal) { bestVal = val; best = i; }
    }
    used[best] = 1;
    picked.push(best);
    const vb = vecs[best];
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const vi = vecs[i];
      const s = vb === null || vi === null ? 0 : cosine(vi, vb);
      if (s > maxSim[i]) maxSim[i] = s;
    }
  }
  return picked;
}

/**
 * Max-sum diversity (KeyBERT's `use_maxsum`): among the `pool` most relevant
 * candidates choose the `top` whose summed pairwise cosine is smallest. Exact
 * enumeration while C(pool, top) ≤ 20,000, else a greedy approximation (start from
 * the most relevant, add the candidate with the least summed similarity to those
 * chosen). The result is ordered by relevance.
 *
 * @returns picked candidate indices, most relevant first
 */
export function maxSum(relevance: Float64Array, vecs: readonly (Float64Array | null)[], top: number, pool: number): number[] {
  const order = argsortDesc(relevance);
  const cand = order.slice(0, Math.max(Math.min(pool, order.length), Math.min(top, order.length)));
  const k = Math.min(top, cand.length);
  if (k === cand.length) return cand;
  const m = cand.length;
  const sim = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) {
    const va = vecs[cand[a]], vb = vecs[cand[b]];
    const s = va === null || vb === null ? 0 : cosine(va, vb);
    sim[a * m + b] = s; sim[b * m + a] = s;
  }
  let chosen: number[];
  if (binomial(m, k) <= 20_000) {
    let bestSum = Infinity;
    let best: number[] = [];
    const comb = Array.from({ length: k }, (_, i) => i);
    for (;;) {
      let s = 0;
      for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) s += sim[comb[a] * m + comb[b]];
      if (s < bestSum) { bestSum = s; best = comb.slice(); }
      let i = k - 1;
      while (i >= 0 && comb[i] === m - k + i) i--;
      if (i < 0) break;
      comb[i]++;
      for (let j = i + 1; j < k; j++) comb[j] = comb[j - 1] + 1;
    }
    chosen = best;
  } else {
    chosen = [0];
    const acc = new Float64Array(m);
    const used = new Uint8Array(m); used[0] = 1;
    for (let i = 0; i < m; i++) acc[i] = sim[i];
    while (chosen.length < k) {
      let b = -1;
      for (let i = 0; i < m; i++) if (!used[i] && (b < 0 || acc[i] < acc[b])) b = i;
      used[b] = 1; chosen.push(b);
      for (let i = 0; i < m; i++) acc[i] += sim[b * m + i];
    }
  }
  return chosen.sort((a, b) => a - b).map((i) => cand[i]);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) { r = (r * (n - k + i)) / i; if (r > 1e9) return r; }
  return r;
}

/** Indices sorted by descending value; ties keep the lower index first (stable). */
export function argsortDesc(v: ArrayLike<number>): number[] {
  const idx = Array.from({ length: v.length }, (_, i) => i);
  return idx.sort((a, b) => (v[b] - v[a]) || (a - b));
}

function minMax(v: Float64Array): Float64Array {
  let lo = Infinity, hi = -Infinity;
  for (const x of v) { if (x < lo) lo = x; if (x > hi) hi = x; }
  const out = new Float64Array(v.length);
  const span = hi - lo;
  for (let i = 0; i < v.length; i++) out[i] = span > 0 ? (v[i] - lo) / span : 1;
  return out;
}
