/**
 * Intrinsic evaluation of word vectors: word similarity (Spearman ρ between cosine similarity and
 * human scores) and word analogy (3CosAdd, Mikolov et al. 2013), with the conventions of
 * `../shared/data/README.md`, so that any core transform can be scored on the field's benchmarks.
 */
import { checkInt, checkMatrix, describe, type Matrix } from '@embfact/core';
import type { EmbeddingTableLike, ProgressCallback, TransformLike } from './types.js';

/**
 * Average ranks (1-based; tied values share the mean of their ranks), as `scipy.stats.rankdata`.
 * @example
 * rankAverage([10, 20, 20, 5]) // Float64Array [2, 3.5, 3.5, 1]
 */
export function rankAverage(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = avg;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation of two equal-length arrays (float64 accumulation). */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma, db = b[i] - mb;
    sab += da * db; saa += da * da; sbb += db * db;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Spearman rank correlation ρ: the Pearson correlation of the average ranks (ties handled as
 * `scipy.stats.spearmanr`).
 *
 * @param x - first sample (finite numbers)
 * @param y - second sample, same length
 * @returns ρ in [-1, 1]
 * @throws RangeError on a length mismatch, fewer than 2 values, a non-finite value, or a constant
 *   sample (ρ undefined; never returned as NaN)
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 20, 40]) // 0.9486832980505138
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`spearman needs samples of equal length; got ${x.length} and ${y.length}.`);
  if (x.length < 2) throw new RangeError(`spearman needs at least 2 values; got ${x.length}.`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new RangeError(`spearman needs finite values; entry ${i} is (${describe(x[i])}, ${describe(y[i])}).`);
    }
  }
  const rx = rankAverage(x);
  const ry = rankAverage(y);
  const r = pearson(rx, ry);
  if (!Number.isFinite(r)) throw new RangeError('spearman is undefined for a constant sample (all values tied).');
  return Math.max(-1, Math.min(1, r));
}

/** One word pair with a human similarity score (the records of `loadWordSimilarity`). */
export interface WordPair { word1: string; word2: string; score: number }

/** Result of {@link wordSimilarity}. */
export interface WordSimilarityResult {
  /** Spearman ρ between cosine similarity and human score over the covered pairs. */
  spearman: number;
  /** Pairs whose two words are in the table. */
  covered: number;
  /** All pairs given. */
  total: number;
  /** Distinct out-of-vocabulary words (after lowercasing), in order of first appearance. */
  missing: string[];
}

/** Cosine of rows i and j of a matrix; 0 when either row is the zero vector (never NaN). */
export function rowCosine(m: Matrix, i: number, j: number): number {
  const d = m.cols, a = m.data;
  let s = 0, na = 0, nb = 0;
  for (let k = 0; k < d; k++) {
    const x = a[i * d + k], y = a[j * d + k];
    s += x * y; na += x * x; nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : s / Math.sqrt(na * nb);
}

function lookup(table: EmbeddingTableLike, w: string, lowercase: boolean): number {
  return table.indexOf(lowercase ? w.toLowerCase() : w);
}

function checkTable(table: unknown, where: string): EmbeddingTableLike {
  const t = table as EmbeddingTableLike | null;
  if (t === null || typeof t !== 'object' || typeof t.indexOf !== 'function' || t.words === null || typeof t.words !== 'object') {
    throw new TypeError(`The 'table' argument of ${where} must be an EmbeddingTable (words, matrix, indexOf); got ${describe(table)}.`);
  }
  checkMatrix(t.matrix, `The 'table.matrix' of ${where}`, { finite: false });
  if (t.matrix.rows !== t.words.length) {
    throw new RangeError(`The 'table' of ${where} must have one matrix row per word; got ${t.matrix.rows} rows for ${t.words.length} words.`);
  }
  return t;
}

/**
 * Word similarity: Spearman ρ between the cosine similarity of the two words' vectors and the
 * human score, over the pairs whose two words are in the table (the field's convention; always
 * report `covered`/`total`).
 *
 * @param table - an EmbeddingTable (any transform applied to its matrix)
 * @param pairs - `{ word1, word2, score }` records, e.g. from `loadWordSimilarity('wordsim353_all')`
 * @param opts - `lowercase` (default `true`): lowercase both words before lookup
 * @throws TypeError on a bad table or pairs; RangeError when fewer than 2 pairs are covered
 * @example
 * const r = wordSimilarity(table, await loadWordSimilarity('rg65')); // { spearman: 0.6907, covered: 65, total: 65 }
 */
export function wordSimilarity(table: EmbeddingTableLike, pairs: readonly WordPair[], opts: { lowercase?: boolean } = {}): WordSimilarityResult {
  checkTable(table, 'wordSimilarity');
  if (!Array.isArray(pairs)) throw new TypeError(`The 'pairs' argument of wordSimilarity must be an array of { word1, word2, score }; got ${describe(pairs)}.`);
  const lowercase = opts.lowercase ?? true;
  const cos: number[] = [];
  const gold: number[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  pairs.forEach((p, k) => {
    if (p === null || typeof p !== 'object' || typeof p.word1 !== 'string' || typeof p.word2 !== 'string' || !Number.isFinite(p.score)) {
      throw new TypeError(`Pair ${k} given to wordSimilarity must be { word1: string, word2: string, score: finite number }; got ${describe(p)}.`);
    }
    const i = lookup(table, p.word1, lowercase);
    const j = lookup(table, p.word2, lowercase);
    for (const [w, idx] of [[p.word1, i], [p.word2, j]] as const) {
      const key = lowercase ? w.toLowerCase() : w;
      if (idx < 0 && !seen.has(key)) { seen.add(key); missing.push(key); }
    }
    if (i < 0 || j < 0) return;
    cos.push(rowCosine(table.matrix, i, j));
    gold.push(p.score);
  });
  if (cos.length < 2) {
    throw new RangeError(`wordSimilarity needs at least 2 pairs with both words in the table; ${cos.length} of ${pairs.length} are covered.`);
  }
  return { spearman: spearman(cos, gold), covered: cos.length, total: pairs.length, missing };
}

/** One analogy question "a is to b as c is to d" (the records of `loadAnalogy`). */
export interface AnalogyQuestion { section: string; a: string; b: string; c: string; d: string }

/** Options of {@link analogyAccuracy}. */
export interface AnalogyOptions {
  /** Only these sections (default: all sections present). */
  sections?: readonly string[];
  /** Only the first `maxQuestions` questions after the section filter (default: all). For quick runs. */
  maxQuestions?: number;
  /**
   * Search only the first N rows of the table (its N most frequent words when rows are sorted by
   * frequency, as word2vec's `compute-accuracy` with 30,000) and count only questions whose four
   * words are among them. Default: the whole vocabulary. Always reported as `searched`.
   */
  restrictVocab?: number;
  /** Lowercase question words before lookup. Default `true`. */
  lowercase?: boolean;
  /** Questions per matrix-product batch. Default `256`. */
  batchSize?: number;
  /** Called after each batch with (questions done, questions covered, 'analogy'). */
  onProgress?: ProgressCallback;
}

/** Accuracy counts of one section or of all questions. */
export interface AnalogyCounts {
  /** correct / covered (0 when nothing is covered). */
  accuracy: number;
  correct: number;
  /** Questions with all four words in the searched vocabulary. */
  covered: number;
  /** Questions asked (after the section/maxQuestions filters). */
  total: number;
}

/** Result of {@link analogyAccuracy}. */
export interface AnalogyResult extends AnalogyCounts {
  /** Number of table rows searched (the whole table unless `restrictVocab`). */
  searched: number;
  /** Counts per section, in order of first appearance. */
  perSection: Record<string, AnalogyCounts>;
}

/**
 * Analogy accuracy with 3CosAdd (Mikolov et al. 2013; Levy & Goldberg 2014, eq. 3):
 * d̂ = argmax_{x ∉ {a, b, c}} cos(x, b − a + c), computed on l2-normalized rows (a zero row stays
 * zero). The search is a batched matrix product: normalized rows are stored in float32, each
 * product is accumulated in float64, a block of 2 rows x 4 questions at a time.
 * Cost: covered x searched x dim multiply-adds (19,544 x 341,479 x 100 ≈ 6.7e11 for the full
 * Google set on the default table: minutes in JavaScript — use `sections`, `maxQuestions` or
 * `restrictVocab` for quick runs).
 *
 * @param table - an EmbeddingTable (any transform applied to its matrix)
 * @param questions - `{ section, a, b, c, d }` records, e.g. from `loadAnalogy()`
 * @param opts - {@link AnalogyOptions}
 * @throws TypeError on bad input; RangeError on a bad option
 * @example
 * analogyAccuracy(table, questions, { sections: ['family'] }) // { accuracy, correct, covered, total, searched, perSection }
 */
export function analogyAccuracy(table: EmbeddingTableLike, questions: readonly AnalogyQuestion[], opts: AnalogyOptions = {}): AnalogyResult {
  checkTable(table, 'analogyAccuracy');
  if (!Array.isArray(questions)) throw new TypeError(`The 'questions' argument of analogyAccuracy must be an array; got ${describe(questions)}.`);
  const M = table.matrix;
  const n = M.rows, d = M.cols;
  const searched = opts.restrictVocab === undefined ? n : Math.min(n, checkInt(opts.restrictVocab, "The 'restrictVocab' option of analogyAccuracy", 1));
  const batch = checkInt(opts.batchSize ?? 256, "The 'batchSize' option of analogyAccuracy", 4);
  const lowercase = opts.lowercase ?? true;
  let qs = questions;
  if (opts.sections !== undefined) {
    if (!Array.isArray(opts.sections)) throw new TypeError(`The 'sections' option of analogyAccuracy must be an array of section names; got ${describe(opts.sections)}.`);
    const known = new Set(questions.map((q) => q.section));
    const unknown = opts.sections.filter((s) => !known.has(s));
    if (unknown.length > 0) {
      throw new RangeError(`The 'sections' option of analogyAccuracy names unknown sections ${unknown.map((s) => `'${s}'`).join(', ')}; known: ${[...known].join(', ')}.`);
    }
    const want = new Set(opts.sections);
    qs = qs.filter((q) => want.has(q.section));
  }
  if (opts.maxQuestions !== undefined) qs = qs.slice(0, checkInt(opts.maxQuestions, "The 'maxQuestions' option of analogyAccuracy", 1));

  const per = new Map<string, AnalogyCounts>();
  const covered: { s: AnalogyCounts; a: number; b: number; c: number; d: number }[] = [];
  qs.forEach((q, k) => {
    if (q === null || typeof q !== 'object' || typeof q.a !== 'string' || typeof q.b !== 'string' || typeof q.c !== 'string' || typeof q.d !== 'string') {
      throw new TypeError(`Question ${k} given to analogyAccuracy must be { section, a, b, c, d } strings; got ${describe(q)}.`);
    }
    let s = per.get(q.section);
    if (s === undefined) { s = { accuracy: 0, correct: 0, covered: 0, total: 0 }; per.set(q.section, s); }
    s.total++;
    const ia = lookup(table, q.a, lowercase), ib = lookup(table, q.b, lowercase);
    const ic = lookup(table, q.c, lowercase), id = lookup(table, q.d, lowercase);
    if (ia < 0 || ib < 0 || ic < 0 || id < 0 || ia >= searched || ib >= searched || ic >= searched || id >= searched) return;
    s.covered++;
    covered.push({ s, a: ia, b: ib, c: ic, d: id });
  });

  // Unit rows (float32) of the searched part of the table.
  const W = new Float32Array(searched * d);
  for (let i = 0; i < searched; i++) {
    let s = 0;
    for (let k = 0; k < d; k++) { const v = M.data[i * d + k]; s += v * v; }
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < d; k++) W[i * d + k] = M.data[i * d + k] * inv;
  }
  const Q = new Float32Array(batch * d);
  const best = new Float64Array(batch);
  const arg = new Int32Array(batch);
  const ex = new Int32Array(batch * 3);
  let correct = 0;
  for (let start = 0; start < covered.length; start += batch) {
    const m = Math.min(batch, covered.length - start);
    const B = (m + 3) & ~3; // padded to a multiple of 4; padding queries are zero and ignored
    Q.fill(0, 0, B * d);
    for (let t = 0; t < m; t++) {
      const c = covered[start + t];
      // q = b - a + c on unit vectors; its norm does not change the argmax of the cosine.
      for (let k = 0; k < d; k++) Q[t * d + k] = W[c.b * d + k] - W[c.a * d + k] + W[c.c * d + k];
      ex[3 * t] = c.a; ex[3 * t + 1] = c.b; ex[3 * t + 2] = c.c;
    }
    best.fill(-Infinity);
    arg.fill(-1);
    searchBlock(W, searched, d, Q, B, m, best, arg, ex);
    for (let t = 0; t < m; t++) {
      const c = covered[start + t];
      if (arg[t] === c.d) { c.s.correct++; correct++; }
    }
    opts.onProgress?.(start + m, covered.length, 'analogy');
  }
  const perSection: Record<string, AnalogyCounts> = {};
  for (const [name, s] of per) {
    s.accuracy = s.covered > 0 ? s.correct / s.covered : 0;
    perSection[name] = s;
  }
  return {
    accuracy: covered.length > 0 ? correct / covered.length : 0,
    correct,
    covered: covered.length,
    total: qs.length,
    searched,
    perSection,
  };
}

/**
 * argmax over rows j of W·q for each of the first m queries in Q (B padded to a multiple of 4),
 * skipping each query's three excluded rows. Register-blocked: 2 rows x 4 queries share loads
 * (measured 2.3x faster than 1 row x 4 queries, and float32 queries 1.6x faster than float64).
 */
function searchBlock(W: Float32Array, n: number, d: number, Q: Float32Array, B: number, m: number,
  best: Float64Array, arg: Int32Array, ex: Int32Array): void {
  const consider = (q: number, j: number, s: number): void => {
    if (s > best[q] && q < m && j !== ex[3 * q] && j !== ex[3 * q + 1] && j !== ex[3 * q + 2]) { best[q] = s; arg[q] = j; }
  };
  const n2 = n & ~1;
  for (let j = 0; j < n2; j += 2) {
    const o = j * d, o2 = o + d;
    for (let q = 0; q < B; q += 4) {
      const a = q * d, b = a + d, c = b + d, e = c + d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let k = 0; k < d; k++) {
        const w = W[o + k], v = W[o2 + k];
        const x0 = Q[a + k], x1 = Q[b + k], x2 = Q[c + k], x3 = Q[e + k];
        s0 += w * x0; s1 += w * x1; s2 += w * x2; s3 += w * x3;
        t0 += v * x0; t1 += v * x1; t2 += v * x2; t3 += v * x3;
      }
      if (s0 > best[q]) consider(q, j, s0);
      if (s1 > best[q + 1]) consider(q + 1, j, s1);
      if (s2 > best[q + 2]) consider(q + 2, j, s2);
      if (s3 > best[q + 3]) consider(q + 3, j, s3);
      if (t0 > best[q]) consider(q, j + 1, t0);
      if (t1 > best[q + 1]) consider(q + 1, j + 1, t1);
      if (t2 > best[q + 2]) consider(q + 2, j + 1, t2);
      if (t3 > best[q + 3]) consider(q + 3, j + 1, t3);
    }
  }
  if (n2 < n) {
    const j = n2, o = j * d;
    for (let q = 0; q < m; q++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += W[o + k] * Q[q * d + k];
      consider(q, j, s);
    }
  }
}

/** A table-like view with another matrix (uses the table's own `withMatrix` when it has one). */
export function tableWithMatrix(table: EmbeddingTableLike, matrix: Matrix): EmbeddingTableLike {
  const t = table as EmbeddingTableLike & { withMatrix?: (m: Matrix) => EmbeddingTableLike };
  if (typeof t.withMatrix === 'function') return t.withMatrix(matrix);
  return { words: table.words, matrix, indexOf: (w: string) => table.indexOf(w) };
}

/** Options of {@link evaluateWordBenchmarks}. */
export interface WordBenchmarkOptions {
  /** Similarity sets by name, e.g. `{ wordsim353_all: await loadWordSimilarity('wordsim353_all'), rg65: ... }`. */
  similarity?: Record<string, readonly WordPair[]>;
  /** Analogy questions (e.g. `await loadAnalogy()`); omitted → no analogy column. */
  analogy?: readonly AnalogyQuestion[];
  /** Analogy options (sections, maxQuestions, restrictVocab, ...). */
  analogyOptions?: Omit<AnalogyOptions, 'onProgress'>;
  /**
   * Variants by name: `null` = the raw table; a transform is fitted on the table's whole matrix
   * (vocabulary scope) with `fitTransform` and scored on its output. Default `{ raw: null }`.
   * @example { raw: null, 'abtt D=2': new AllButTheTop({ d: 2 }), 'whiten k=100': new Whitening({ k: 100 }) }
   */
  transforms?: Record<string, TransformLike | null>;
  /** Lowercase words before lookup (default `true`). */
  lowercase?: boolean;
  /** Progress over variants: (variants done, variants total, variant name). */
  onProgress?: ProgressCallback;
}

/** One row of {@link evaluateWordBenchmarks}: a variant and its scores. */
export interface WordBenchmarkRow {
  variant: string;
  /** Output dimension of the variant's matrix. */
  dim: number;
  similarity: Record<string, WordSimilarityResult>;
  analogy?: AnalogyResult;
}

/**
 * Score the raw table and transformed versions of it on word similarity and analogy in one call
 * (the table behind `embfact eval-words`). Transforms are fitted on the whole vocabulary matrix.
 *
 * @param table - an EmbeddingTable
 * @param opts - {@link WordBenchmarkOptions}
 * @returns one row per variant, in the order of `transforms`
 * @throws TypeError / RangeError on bad input
 * @example
 * const rows = evaluateWordBenchmarks(table, {
 *   similarity: { wordsim353_all: ws, rg65 },
 *   transforms: { raw: null, 'abtt D=2': new AllButTheTop({ d: 2 }), 'whiten k=100': new Whitening({ k: 100 }) },
 * });
 * console.log(formatWordBenchmarks(rows));
 */
export function evaluateWordBenchmarks(table: EmbeddingTableLike, opts: WordBenchmarkOptions = {}): WordBenchmarkRow[] {
  checkTable(table, 'evaluateWordBenchmarks');
  const transforms = opts.transforms ?? { raw: null };
  const sims = opts.similarity ?? {};
  const names = Object.keys(transforms);
  const rows: WordBenchmarkRow[] = [];
  names.forEach((variant, v) => {
    const tf = transforms[variant];
    let t = table;
    if (tf !== null) {
      if (tf === undefined || typeof tf.fit !== 'function' || typeof tf.transform !== 'function') {
        throw new TypeError(`Transform '${variant}' given to evaluateWordBenchmarks must have fit/transform (or be null for raw); got ${describe(tf)}.`);
      }
      const out = typeof tf.fitTransform === 'function' ? tf.fitTransform(table.matrix) : (tf.fit(table.matrix), tf.transform(table.matrix));
      t = tableWithMatrix(table, out);
    }
    const similarity: Record<string, WordSimilarityResult> = {};
    for (const [name, pairs] of Object.entries(sims)) similarity[name] = wordSimilarity(t, pairs, { lowercase: opts.lowercase });
    const row: WordBenchmarkRow = { variant, dim: t.matrix.cols, similarity };
    if (opts.analogy !== undefined) row.analogy = analogyAccuracy(t, opts.analogy, { ...opts.analogyOptions, lowercase: opts.lowercase });
    rows.push(row);
    opts.onProgress?.(v + 1, names.length, variant);
  });
  return rows;
}

/**
 * Plain-text table of {@link evaluateWordBenchmarks} rows: Spearman ρ per similarity set (with
 * covered/total in the header) and analogy accuracy with covered/total and the searched size.
 */
export function formatWordBenchmarks(rows: readonly WordBenchmarkRow[]): string {
  if (rows.length === 0) return '';
  const simNames = Object.keys(rows[0].similarity);
  const head = ['variant', 'dim', ...simNames.map((s) => {
    const r = rows[0].similarity[s];
    return `${s} (${r.covered}/${r.total})`;
  })];
  const a0 = rows[0].analogy;
  if (a0 !== undefined) head.push(`analogy (${a0.covered}/${a0.total}, searched ${a0.searched})`);
  const body = rows.map((r) => {
    const cells = [r.variant, String(r.dim), ...simNames.map((s) => r.similarity[s].spearman.toFixed(4))];
    if (r.analogy !== undefined) cells.push(r.analogy.accuracy.toFixed(4));
    return cells;
  });
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
