/**
 * Options shared by the readers and the helpers that turn (words, rows) into an EmbeddingTable.
 */
import { FormatError, checkOneOf, describe, type DType, type FloatArray, type FormatLocation } from '@embfact/core';
import { type EmbeddingTable, trustedTable, type TableInfo } from './table.js';
import type { ProgressCallback } from './io.js';

/** Formats {@link readEmbeddings} understands. */
export type EmbeddingFormat = 'text' | 'word2vec-bin' | 'npy' | 'safetensors' | 'wink-json' | 'cache';
/** All format names, for validation. */
export const FORMATS: readonly EmbeddingFormat[] = ['text', 'word2vec-bin', 'npy', 'safetensors', 'wink-json', 'cache'];

/** Options understood by every reader (each reader ignores the ones that do not apply to it). */
export interface ReadOptions {
  /** File format; `'auto'` (default) detects it from the extension and the first bytes. */
  format?: 'auto' | EmbeddingFormat;
  /** Storage type of the returned matrix (default `'float32'`; float64 sources are rounded to float32 unless `'float64'`). */
  dtype?: DType;
  /**
   * What to do when a word repeats (exact string match): `'error'` (default) throws a FormatError at the
   * second occurrence; `'first'` keeps the first row and drops the later ones; `'last'` keeps the
   * first occurrence's position but the last occurrence's vector. The number of dropped rows is
   * reported in `table.info.duplicatesDropped`.
   */
  onDuplicate?: 'error' | 'first' | 'last';
  /** Case policy of the returned table (see {@link EmbeddingTable}); default `false`. */
  lowercase?: boolean;
  /** Text format: `'auto'` (default) treats a first line of exactly two non-negative integers as a `count dim` header. */
  header?: 'auto' | boolean;
  /** `.npy` / `.safetensors`: vocabulary file (`vocab.txt`, one token per line, or a HuggingFace `tokenizer.json`). */
  vocab?: string;
  /** `.safetensors`: name of the tensor holding the embedding matrix (optional when the file has one 2-D tensor). */
  tensor?: string;
  /**
   * `.npy` / `.safetensors`: what to do when the matrix has more rows than the vocabulary (models often pad
   * their embedding matrix): `'error'` (default) or `'drop'` the rows without a token.
   */
  extraRows?: 'error' | 'drop';
  /** Read only the first `limit` rows (text, word2vec binary, wink JSON stop early; others slice). */
  limit?: number;
  /** Progress in bytes: `onProgress(bytesDone, bytesTotal, 'read')`. */
  onProgress?: ProgressCallback;
}

/** Validated duplicate policy. */
export function duplicatePolicy(opts: ReadOptions): 'error' | 'first' | 'last' {
  return opts.onDuplicate === undefined ? 'error' : checkOneOf(opts.onDuplicate, "The 'onDuplicate' option of readEmbeddings", ['error', 'first', 'last']);
}

/** Validated dtype. */
export function dtypeOption(opts: ReadOptions): DType {
  return opts.dtype === undefined ? 'float32' : checkOneOf(opts.dtype, "The 'dtype' option of readEmbeddings", ['float32', 'float64']);
}

/** Validated row limit (Infinity when absent). */
export function limitOption(opts: ReadOptions): number {
  if (opts.limit === undefined) return Infinity;
  if (typeof opts.limit !== 'number' || !Number.isInteger(opts.limit) || opts.limit < 0) {
    throw new RangeError(`The 'limit' option of readEmbeddings must be a non-negative integer; got ${describe(opts.limit)}.`);
  }
  return opts.limit;
}

/**
 * Accumulates the vocabulary while rows stream in, applying the duplicate policy.
 * `add` returns the row index the vector must be written to, or -1 when it must be skipped.
 */
export class VocabBuilder {
  readonly words: string[] = [];
  readonly map = new Map<string, number>();
  dropped = 0;
  constructor(private readonly policy: 'error' | 'first' | 'last', private readonly file: string) {}

  add(word: string, where: () => FormatLocation, describeFirst: (row: number) => string = (r) => `row ${r}`): number {
    const prev = this.map.get(word);
    if (prev === undefined) {
      this.map.set(word, this.words.length);
      this.words.push(word);
      return this.words.length - 1;
    }
    if (this.policy === 'error') {
      throw new FormatError(
        `duplicate word ${JSON.stringify(word)} (first at ${describeFirst(prev)}); expected unique words. ` +
          "Pass onDuplicate: 'first' or 'last' to keep one of them.",
        { file: this.file, ...where() },
      );
    }
    this.dropped++;
    return this.policy === 'last' ? prev : -1;
  }
}

/** Growable row storage for readers that do not know the row count in advance. */
export class RowBuffer {
  data: FloatArray;
  rows = 0;
  constructor(readonly cols: number, readonly dtype: DType, capacityRows = 1024) {
    this.data = dtype === 'float32' ? new Float32Array(capacityRows * cols) : new Float64Array(capacityRows * cols);
  }
  /** Offset where row `r` starts, growing the storage when `r` is a new row. */
  slot(r: number): number {
    if (r >= this.rows) {
      this.rows = r + 1;
      if (this.rows * this.cols > this.data.length) {
        const nd = this.dtype === 'float32' ? new Float32Array(this.data.length * 2) : new Float64Array(this.data.length * 2);
        nd.set(this.data);
        this.data = nd;
      }
    }
    return r * this.cols;
  }
  /** Trimmed copy (or the storage itself when it is exactly full). */
  finish(): FloatArray {
    const n = this.rows * this.cols;
    return n === this.data.length ? this.data : this.data.slice(0, n);
  }
}

/**
 * Build a table from a vocabulary and a full matrix (npy, safetensors, wink): applies the duplicate
 * policy, drops rows beyond the vocabulary when asked, and compacts the matrix.
 */
export function tableFromVocab(
  file: string,
  words: readonly string[],
  data: FloatArray,
  rows: number,
  cols: number,
  opts: ReadOptions,
  info: TableInfo,
  vocabWhere: (i: number) => FormatLocation,
  vocabFile: string = file,
): EmbeddingTable {
  const extra = opts.extraRows === undefined ? 'error' : checkOneOf(opts.extraRows, "The 'extraRows' option of readEmbeddings", ['error', 'drop']);
  if (words.length > rows) {
    throw new FormatError(`the vocabulary has ${words.length} tokens but the matrix has only ${rows} rows; expected one row per token.`, { file });
  }
  if (words.length < rows) {
    if (extra === 'error') {
      throw new FormatError(
        `the matrix has ${rows} rows but the vocabulary has ${words.length} tokens; expected one token per row (pass extraRows: 'drop' to drop the extra rows).`,
        { file },
      );
    }
    info.extraRowsDropped = rows - words.length;
    rows = words.length;
  }
  const limit = Math.min(limitOption(opts), rows);
  const vb = new VocabBuilder(duplicatePolicy(opts), vocabFile);
  const target = new Int32Array(limit);
  for (let i = 0; i < limit; i++) target[i] = vb.add(words[i], () => vocabWhere(i), (r) => `token ${r}`);
  let out = data;
  const n = vb.words.length;
  if (vb.dropped > 0 || n * cols !== data.length) {
    out = data instanceof Float32Array ? new Float32Array(n * cols) : new Float64Array(n * cols);
    for (let i = 0; i < limit; i++) {
      const t = target[i];
      if (t >= 0) out.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
    }
  }
  if (vb.dropped > 0) info.duplicatesDropped = vb.dropped;
  return trustedTable(vb.words, { data: out, rows: n, cols }, { lowercase: opts.lowercase }, info, vb.map);
}

/** Check that every entry is finite; report the first bad one with a location computed from its index. */
export function checkFinite(data: FloatArray, cols: number, where: (row: number, col: number) => FormatLocation, file: string, rowLabel = 'row'): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v !== 0) {
      const r = Math.floor(i / cols);
      const c = i - r * cols;
      throw new FormatError(`non-finite value ${describe(v)} at ${rowLabel} ${r}, column ${c}; expected finite numbers.`, { file, ...where(r, c) });
    }
  }
}
