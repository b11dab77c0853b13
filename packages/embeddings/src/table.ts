/**
 * EmbeddingTable: a vocabulary (one word per row) plus a dense row-major matrix.
 */
import { checkInt, checkMatrix, dtypeOf, describe, type FloatArray, type Matrix } from '@embfact/core';

/** Options of {@link EmbeddingTable}. */
export interface EmbeddingTableOptions {
  /**
   * Case policy for lookups (default `false`: exact, case-sensitive lookups).
   * When `true`, {@link EmbeddingTable.indexOf} lowercases the query (`String.prototype.toLowerCase`)
   * and matches it against the lowercased vocabulary; when several words share a lowercased form
   * (`Paris` and `paris`), the one with the lowest row index wins. The stored words are never changed.
   */
  lowercase?: boolean;
}

/** Where a table came from and what a reader did to it (set by the readers, informative only). */
export interface TableInfo {
  /** Path the table was read from. */
  source?: string;
  /** Format the table was read as. */
  format?: string;
  /** Number of rows dropped because their word repeated an earlier (or later) one (`onDuplicate: 'first' | 'last'`). */
  duplicatesDropped?: number;
  /** Rows of the matrix without a vocabulary entry that were dropped (`extraRows: 'drop'`). */
  extraRowsDropped?: number;
}

// Set only by trustedTable() below: readers that already validated shape and finiteness skip the
// second O(n·d) pass of checkMatrix (about 70 ms on the 341,479 x 100 default).
let trusted = false;
let trustedIndex: Map<string, number> | undefined;

/**
 * Package-internal: build a table from a matrix a reader has already validated (shape, finiteness).
 * Not exported from the package entry point.
 */
export function trustedTable(
  words: readonly string[],
  matrix: Matrix,
  opts: EmbeddingTableOptions,
  info: TableInfo,
  index?: Map<string, number>,
): EmbeddingTable {
  trusted = true;
  trustedIndex = index;
  try {
    return new EmbeddingTable(words, matrix, opts, info);
  } finally {
    trusted = false;
    trustedIndex = undefined;
  }
}

/** Result of {@link EmbeddingTable.lookupMany}. */
export interface LookupResult {
  /** The words that were found, in query order (as queried, not as stored). */
  found: string[];
  /** Row index of each found word (same length as `found`). */
  indices: Int32Array;
  /** Out-of-vocabulary queries, in query order (repeats kept). */
  oov: string[];
  /** The found rows as a new `found.length x dim` matrix (same dtype as the table). */
  matrix: Matrix;
}

/**
 * A vocabulary of `size` unique words and their vectors: row `i` of `matrix` (`size x dim`,
 * row-major, float32 or float64) belongs to `words[i]`. Lookups go through a `Map` (O(1)).
 * Out-of-vocabulary words give `indexOf(w) === -1` and `vector(w) === undefined`.
 * The table never copies or mutates the matrix it is given; row views share its memory.
 *
 * @throws TypeError when `words` is not an array of strings
 * @throws RangeError when `words.length !== matrix.rows`, a word repeats, or the matrix is invalid
 *   (see `checkMatrix`: NaN/Inf entries are rejected)
 * @example
 * const t = new EmbeddingTable(['a', 'b'], fromRows([[1, 0], [0, 1]], 'float32'));
 * t.vector('b'); // Float32Array [0, 1]
 * t.indexOf('zzz'); // -1
 */
export class EmbeddingTable {
  /** The vocabulary, row order. */
  readonly words: readonly string[];
  /** `size x dim` row-major matrix. */
  readonly matrix: Matrix;
  /** Case policy used by lookups. */
  readonly lowercase: boolean;
  /** Provenance set by readers. */
  readonly info: TableInfo;
  private index: Map<string, number> | undefined;

  constructor(words: readonly string[], matrix: Matrix, opts: EmbeddingTableOptions = {}, info: TableInfo = {}) {
    if (!Array.isArray(words)) {
      throw new TypeError(`The 'words' argument of EmbeddingTable must be an array of strings; got ${describe(words)}.`);
    }
    const m = trusted ? matrix : checkMatrix(matrix, "The 'matrix' argument of EmbeddingTable", { minRows: 0, minCols: 1 });
    if (words.length !== m.rows) {
      throw new RangeError(`The 'words' argument of EmbeddingTable must have one word per matrix row (${m.rows}); got ${words.length} words.`);
    }
    if (opts.lowercase !== undefined && typeof opts.lowercase !== 'boolean') {
      throw new TypeError(`The 'lowercase' option of EmbeddingTable must be a boolean; got ${describe(opts.lowercase)}.`);
    }
    this.lowercase = opts.lowercase ?? false;
    if (trusted) {
      // Words already known to be unique strings (a reader checked them, or they come from another
      // table). A reader's exact word -> row map is reused; otherwise the lookup map is built on the
      // first lookup, so loading a table whose words are never looked up (factorization) skips it
      // (≈ 0.13 s for the 341,479-word default).
      if (!this.lowercase && trustedIndex !== undefined && trustedIndex.size === words.length) this.index = trustedIndex;
    } else {
      const index = new Map<string, number>();
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (typeof w !== 'string') throw new TypeError(`The 'words' argument of EmbeddingTable must contain strings; entry ${i} is ${describe(w)}.`);
        if (index.has(w)) {
          throw new RangeError(`The 'words' argument of EmbeddingTable must not repeat a word; ${JSON.stringify(w)} is at rows ${index.get(w)} and ${i}.`);
        }
        index.set(w, i);
      }
      if (!this.lowercase) this.index = index;
    }
    this.words = words;
    this.matrix = m;
    this.info = info;
  }

  /** Number of words (rows). */
  get size(): number {
    return this.matrix.rows;
  }

  /** Vector dimension (columns). */
  get dim(): number {
    return this.matrix.cols;
  }

  /** `'float32'` or `'float64'`. */
  get dtype(): 'float32' | 'float64' {
    return dtypeOf(this.matrix.data);
  }

  /** Row index of `word` after the case policy, or -1 when it is out of vocabulary. */
  indexOf(word: string): number {
    const i = (this.index ?? this.buildIndex()).get(this.lowercase ? word.toLowerCase() : word);
    return i === undefined ? -1 : i;
  }

  /** The lookup map (exact, or lowercased forms → lowest row), built once on first use. */
  private buildIndex(): Map<string, number> {
    const index = new Map<string, number>();
    const words = this.words;
    for (let i = 0; i < words.length; i++) {
      const w = this.lowercase ? words[i].toLowerCase() : words[i];
      if (!index.has(w)) index.set(w, i);
    }
    this.index = index;
    return index;
  }

  /** True when `word` (after the case policy) is in the vocabulary. */
  has(word: string): boolean {
    return this.indexOf(word) >= 0;
  }

  /** A view (no copy) of the vector of `word`, or `undefined` when it is out of vocabulary. */
  vector(word: string): FloatArray | undefined {
    const i = this.indexOf(word);
    return i < 0 ? undefined : this.row(i);
  }

  /**
   * A view (no copy) of row `i`.
   * @throws RangeError when `i` is not an integer in [0, size - 1]
   */
  row(i: number): FloatArray {
    checkInt(i, "The 'i' argument of EmbeddingTable.row", 0, this.size - 1);
    const d = this.dim;
    return this.matrix.data.subarray(i * d, (i + 1) * d);
  }

  /**
   * Look up many words at once. Found words keep query order; OOV words are listed, not dropped silently.
   * @example
   * const { found, oov, matrix } = table.lookupMany(['king', 'qwxz']); // oov = ['qwxz']
   */
  lookupMany(words: Iterable<string>): LookupResult {
    const found: string[] = [];
    const idx: number[] = [];
    const oov: string[] = [];
    for (const w of words) {
      const i = this.indexOf(w);
      if (i < 0) oov.push(w);
      else { found.push(w); idx.push(i); }
    }
    const indices = Int32Array.from(idx);
    return { found, indices, oov, matrix: this.gatherRows(indices) };
  }

  /**
   * Copy the given rows into a new matrix (same dtype).
   * @throws RangeError on an index out of range
   */
  gatherRows(indices: ArrayLike<number>): Matrix {
    const d = this.dim;
    const src = this.matrix.data;
    const out = new (src.constructor as Float32ArrayConstructor | Float64ArrayConstructor)(indices.length * d);
    for (let r = 0; r < indices.length; r++) {
      const i = indices[r];
      if (!Number.isInteger(i) || i < 0 || i >= this.size) {
        throw new RangeError(`Row index ${r} must be an integer in [0, ${this.size - 1}]; got ${describe(i)}.`);
      }
      out.set(src.subarray(i * d, (i + 1) * d), r * d);
    }
    return { data: out, rows: indices.length, cols: d };
  }

  /**
   * Same words (and case policy), new vectors — e.g. the output of a whitening transform.
   * @param m - a `size x k` matrix (any k ≥ 1)
   * @throws RangeError when `m.rows !== size`
   * @example
   * const white = table.withMatrix(new Whitening({ k: 50 }).fitTransform(table.matrix));
   */
  withMatrix(m: Matrix): EmbeddingTable {
    const checked = checkMatrix(m, "The 'm' argument of EmbeddingTable.withMatrix", { minRows: 0 });
    if (checked.rows !== this.size) {
      throw new RangeError(`The 'm' argument of EmbeddingTable.withMatrix must have ${this.size} rows (one per word); got ${checked.rows}.`);
    }
    return trustedTable(this.words, checked, { lowercase: this.lowercase }, { ...this.info });
  }

  /**
   * A smaller table: the first `n` rows (files are usually sorted by frequency, so these are the most
   * frequent words; the matrix is a view, not a copy), or the given words in the given order (copied).
   * @throws RangeError when `n` is out of [0, size] or a word is out of vocabulary
   * @example
   * const top50k = table.subset(50_000);
   * const small = table.subset(['king', 'queen']);
   */
  subset(wordsOrCount: number | readonly string[]): EmbeddingTable {
    if (typeof wordsOrCount === 'number') {
      const n = checkInt(wordsOrCount, "The 'count' argument of EmbeddingTable.subset", 0, this.size);
      const d = this.dim;
      const m: Matrix = { data: this.matrix.data.subarray(0, n * d), rows: n, cols: d };
      return trustedTable(this.words.slice(0, n), m, { lowercase: this.lowercase }, { ...this.info });
    }
    if (!Array.isArray(wordsOrCount)) {
      throw new TypeError(`The argument of EmbeddingTable.subset must be a count or an array of words; got ${describe(wordsOrCount)}.`);
    }
    const { indices, oov } = this.lookupMany(wordsOrCount);
    if (oov.length > 0) {
      throw new RangeError(`The words passed to EmbeddingTable.subset must be in the vocabulary; ${oov.length} are not, e.g. ${JSON.stringify(oov.slice(0, 5))}.`);
    }
    const seen = new Set<number>();
    for (let r = 0; r < indices.length; r++) {
      if (seen.has(indices[r])) {
        throw new RangeError(`The words passed to EmbeddingTable.subset must name distinct rows; ${JSON.stringify(wordsOrCount[r])} repeats row ${indices[r]} (${JSON.stringify(this.words[indices[r]])}).`);
      }
      seen.add(indices[r]);
    }
    const words = Array.from(indices, (i) => this.words[i]);
    return trustedTable(words, this.gatherRows(indices), { lowercase: this.lowercase }, { ...this.info });
  }
}
