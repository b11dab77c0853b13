/**
 * Nearest neighbours by cosine similarity: exact brute force, or approximate through hnswlib-node's
 * HNSW graph (Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search using
 * Hierarchical Navigable Small World graphs", TPAMI 2018) on unit-normalized rows with the
 * inner-product space (cos(a, b) = â·b̂).
 */
import hnswlib from 'hnswlib-node';
import { checkInt, describe } from '@embfact/core';
import type { EmbeddingTable } from './table.js';
import type { ProgressCallback } from './io.js';

/** One neighbour: the word, its row, and the cosine similarity (computed exactly in float64). */
export interface Neighbor {
  word: string;
  index: number;
  similarity: number;
}

/** Options of {@link NearestNeighbors}. */
export interface NearestNeighborsOptions {
  /** Force exact (`true`) or HNSW (`false`) search; default: exact when `size <= exactBelow`. */
  exact?: boolean;
  /** Tables up to this many rows use exact search unless `exact` says otherwise (default 20,000). */
  exactBelow?: number;
  /** HNSW: links per node (default 16). */
  M?: number;
  /** HNSW: candidate list size while building (default 200). */
  efConstruction?: number;
  /** HNSW: candidate list size while querying (default 100; raised to k when smaller). */
  ef?: number;
  /** HNSW: random seed of the level generator (default 100). */
  seed?: number;
  /** Build progress in rows: `onProgress(done, total, 'hnsw')`. */
  onProgress?: ProgressCallback;
}

/** Options of {@link NearestNeighbors.query} and {@link mostSimilar}. */
export interface QueryOptions {
  /** Words to leave out of the result (OOV words in this list are ignored). */
  exclude?: Iterable<string>;
  /** When the query is a word, leave the word itself out (default `true`). */
  excludeQuery?: boolean;
}

/** Min-heap top-k of (score, index); ties broken toward the smaller index. */
class TopK {
  readonly s: Float64Array;
  readonly i: Int32Array;
  n = 0;
  constructor(readonly k: number) {
    this.s = new Float64Array(k);
    this.i = new Int32Array(k);
  }
  /** Smallest kept score (-Infinity until full). */
  get min(): number {
    return this.n < this.k ? -Infinity : this.s[0];
  }
  private less(a: number, b: number): boolean {
    return this.s[a] < this.s[b] || (this.s[a] === this.s[b] && this.i[a] > this.i[b]);
  }
  push(score: number, idx: number): void {
    const { s, i } = this;
    if (this.n < this.k) {
      let c = this.n++;
      s[c] = score; i[c] = idx;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!this.less(c, p)) break;
        [s[c], s[p]] = [s[p], s[c]]; [i[c], i[p]] = [i[p], i[c]];
        c = p;
      }
      return;
    }
    if (score < s[0] || (score === s[0] && idx > i[0])) return;
    s[0] = score; i[0] = idx;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1, r = l + 1;
      let m = c;
      if (l < this.n && this.less(l, m)) m = l;
      if (r < this.n && this.less(r, m)) m = r;
      if (m === c) break;
      [s[c], s[m]] = [s[m], s[c]]; [i[c], i[m]] = [i[m], i[c]];
      c = m;
    }
  }
  sorted(): Array<{ index: number; similarity: number }> {
    const out = [];
    for (let j = 0; j < this.n; j++) out.push({ index: this.i[j], similarity: this.s[j] });
    return out.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  }
}

function resolveQuery(table: EmbeddingTable, q: string | ArrayLike<number>, who: string): { vec: Float64Array; self: number } {
  let src: ArrayLike<number>;
  let self = -1;
  if (typeof q === 'string') {
    self = table.indexOf(q);
    if (self < 0) throw new RangeError(`The query word of ${who} must be in the vocabulary; ${JSON.stringify(q)} is not.`);
    src = table.row(self);
  } else if (q !== null && typeof q === 'object' && typeof q.length === 'number') {
    if (q.length !== table.dim) throw new RangeError(`The query vector of ${who} must have ${table.dim} entries; got ${q.length}.`);
    src = q;
  } else {
    throw new TypeError(`The query of ${who} must be a word or a vector; got ${describe(q)}.`);
  }
  const vec = Float64Array.from(src);
  let nn = 0;
  for (let j = 0; j < vec.length; j++) {
    if (!Number.isFinite(vec[j])) throw new RangeError(`The query vector of ${who} must be finite; entry ${j} is ${describe(vec[j])}.`);
    nn += vec[j] * vec[j];
  }
  if (nn === 0) throw new RangeError(`The query vector of ${who} is all zeros; cosine similarity is undefined.`);
  const inv = 1 / Math.sqrt(nn);
  for (let j = 0; j < vec.length; j++) vec[j] *= inv;
  return { vec, self };
}

function excludedSet(table: EmbeddingTable, self: number, opts: QueryOptions): Set<number> {
  const ex = new Set<number>();
  if (self >= 0 && opts.excludeQuery !== false) ex.add(self);
  if (opts.exclude !== undefined) {
    for (const w of opts.exclude) {
      const i = table.indexOf(w);
      if (i >= 0) ex.add(i);
    }
  }
  return ex;
}

/**
 * Cosine nearest neighbours over a table. Rows are normalized once (float32 copy, zero rows stay zero
 * and score 0). Exact search scans all rows (float64 dot products); HNSW search asks hnswlib for
 * `k + |excluded|` candidates at `ef = max(ef, k)` and re-scores them exactly.
 *
 * @throws RangeError on invalid options
 * @example
 * const nn = new NearestNeighbors(table, { seed: 1 });
 * nn.query('king', 5); // [{ word: 'prince', index: 1234, similarity: 0.77 }, ...]
 */
export class NearestNeighbors {
  /** `'exact'` or `'hnsw'`. */
  readonly method: 'exact' | 'hnsw';
  readonly table: EmbeddingTable;
  private readonly unit: Float32Array;
  private readonly index?: hnswlib.HierarchicalNSW;
  private ef: number;

  constructor(table: EmbeddingTable, opts: NearestNeighborsOptions = {}) {
    this.table = table;
    const exactBelow = checkInt(opts.exactBelow ?? 20_000, "The 'exactBelow' option of NearestNeighbors", 0);
    if (opts.exact !== undefined && typeof opts.exact !== 'boolean') {
      throw new TypeError(`The 'exact' option of NearestNeighbors must be a boolean; got ${describe(opts.exact)}.`);
    }
    const M = checkInt(opts.M ?? 16, "The 'M' option of NearestNeighbors", 2, 1024);
    const efC = checkInt(opts.efConstruction ?? 200, "The 'efConstruction' option of NearestNeighbors", 1);
    this.ef = checkInt(opts.ef ?? 100, "The 'ef' option of NearestNeighbors", 1);
    const seed = checkInt(opts.seed ?? 100, "The 'seed' option of NearestNeighbors", 0, 2 ** 31 - 1);
    this.method = (opts.exact ?? table.size <= exactBelow) ? 'exact' : 'hnsw';
    const { data, rows, cols } = table.matrix;
    const unit = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      let nn = 0;
      for (let j = 0; j < cols; j++) nn += data[off + j] * data[off + j];
      const inv = nn > 0 ? 1 / Math.sqrt(nn) : 0;
      for (let j = 0; j < cols; j++) unit[off + j] = data[off + j] * inv;
    }
    this.unit = unit;
    if (this.method === 'hnsw' && rows > 0) {
      const index = new hnswlib.HierarchicalNSW('ip', cols);
      index.initIndex({ maxElements: rows, m: M, efConstruction: efC, randomSeed: seed });
      const point = new Array<number>(cols);
      for (let i = 0; i < rows; i++) {
        const off = i * cols;
        for (let j = 0; j < cols; j++) point[j] = unit[off + j];
        index.addPoint(point, i);
        if (opts.onProgress !== undefined && (i + 1) % 10_000 === 0) opts.onProgress(i + 1, rows, 'hnsw');
      }
      opts.onProgress?.(rows, rows, 'hnsw');
      this.index = index;
    }
  }

  /** Change the HNSW query-time candidate list size. */
  setEf(ef: number): void {
    this.ef = checkInt(ef, "The 'ef' argument of NearestNeighbors.setEf", 1);
  }

  /**
   * The `k` most cosine-similar words to a word (itself excluded by default) or a vector, best first.
   * @throws RangeError when `k` is not a positive integer, the word is OOV, or the vector has the wrong
   *   length, a non-finite entry, or is all zeros
   */
  query(vectorOrWord: string | ArrayLike<number>, k: number, opts: QueryOptions = {}): Neighbor[] {
    checkInt(k, "The 'k' argument of NearestNeighbors.query", 1);
    const { vec, self } = resolveQuery(this.table, vectorOrWord, 'NearestNeighbors.query');
    const ex = excludedSet(this.table, self, opts);
    const { rows, cols } = this.table.matrix;
    const unit = this.unit;
    const words = this.table.words;
    if (this.method === 'exact' || this.index === undefined) {
      const top = new TopK(Math.min(k, Math.max(0, rows - ex.size)));
      if (top.k === 0) return [];
      for (let i = 0; i < rows; i++) {
        const off = i * cols;
        let s = 0;
        for (let j = 0; j < cols; j++) s += unit[off + j] * vec[j];
        if (s >= top.min && !ex.has(i)) top.push(s, i);
      }
      return top.sorted().map((r) => ({ word: words[r.index], index: r.index, similarity: r.similarity }));
    }
    const want = Math.min(rows, k + ex.size);
    this.index.setEf(Math.max(this.ef, want));
    const res = this.index.searchKnn(Array.from(vec), want);
    const out: Neighbor[] = [];
    for (const i of res.neighbors) {
      if (ex.has(i)) continue;
      const off = i * cols;
      let s = 0;
      for (let j = 0; j < cols; j++) s += unit[off + j] * vec[j];
      out.push({ word: words[i], index: i, similarity: s });
    }
    out.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
    return out.slice(0, k);
  }
}

/**
 * Exact cosine neighbours of one word or vector in a single pass over the table, without building an
 * index (341,479 x 100 is 34M multiply-adds: tens of milliseconds). Use it for a few queries; build a
 * {@link NearestNeighbors} for many.
 * @throws RangeError as {@link NearestNeighbors.query}
 * @example
 * mostSimilar(table, 'france', 5).map((n) => n.word); // ['belgium', 'french', ...]
 */
export function mostSimilar(table: EmbeddingTable, vectorOrWord: string | ArrayLike<number>, k: number, opts: QueryOptions = {}): Neighbor[] {
  checkInt(k, "The 'k' argument of mostSimilar", 1);
  const { vec, self } = resolveQuery(table, vectorOrWord, 'mostSimilar');
  const ex = excludedSet(table, self, opts);
  const { data, rows, cols } = table.matrix;
  const top = new TopK(Math.min(k, Math.max(0, rows - ex.size)));
  if (top.k === 0) return [];
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    let dot = 0;
    let nn = 0;
    for (let j = 0; j < cols; j++) {
      const x = data[off + j];
      dot += x * vec[j];
      nn += x * x;
    }
    const s = nn === 0 ? 0 : dot / Math.sqrt(nn);
    if (s >= top.min && !ex.has(i)) top.push(s, i);
  }
  return top.sorted().map((r) => ({ word: table.words[r.index], index: r.index, similarity: r.similarity }));
}
