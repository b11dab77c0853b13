/**
 * NumPy `.npy` (format versions 1.0, 2.0, 3.0): a 2-D little-endian float32 (`<f4`) or float64
 * (`<f8`) array in C order. Words come from a vocabulary file beside it (see `locateVocabulary`).
 */
import type { FileHandle } from 'node:fs/promises';
import { FormatError, type FloatArray } from '@embfact/core';
import type { EmbeddingTable, TableInfo } from './table.js';
import { dtypeOption, checkFinite, tableFromVocab, type ReadOptions } from './common.js';
import { assertLittleEndian, atomicWrite, bytesOf, openForRead, stripExt, writeAll, type ProgressCallback } from './io.js';
import { locateVocabulary, readVocabulary, writeVocabulary } from './vocab.js';

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY

/** Parsed `.npy` header. */
export interface NpyHeader {
  descr: '<f4' | '<f8';
  rows: number;
  cols: number;
  /** Byte offset of the data. */
  dataOffset: number;
}

/**
 * Parse and validate the header of an open `.npy` file.
 * @throws FormatError on a bad magic string, version, header dict, dtype other than `<f4`/`<f8`,
 *   Fortran order, a shape that is not 2-D, or a data size that disagrees with the shape
 */
export async function readNpyHeader(fh: FileHandle, size: number, file: string): Promise<NpyHeader> {
  if (size === 0) throw new FormatError('empty file; expected the \\x93NUMPY magic string.', { file, offset: 0 });
  const pre = Buffer.alloc(12);
  const { bytesRead } = await fh.read(pre, 0, 12, 0);
  if (bytesRead < 10 || !pre.subarray(0, 6).equals(MAGIC)) {
    throw new FormatError(`bad magic ${JSON.stringify(pre.subarray(0, Math.min(bytesRead, 6)).toString('latin1'))}; expected "\\x93NUMPY" (not a .npy file).`, { file, offset: 0 });
  }
  const major = pre[6];
  if (major < 1 || major > 3) throw new FormatError(`unsupported .npy version ${major}.${pre[7]}; expected 1.0, 2.0 or 3.0.`, { file, offset: 6 });
  const lenBytes = major === 1 ? 2 : 4;
  if (bytesRead < 8 + lenBytes) throw new FormatError('truncated header; expected the header length field.', { file, offset: 8 });
  const hlen = major === 1 ? pre.readUInt16LE(8) : pre.readUInt32LE(8);
  const start = 8 + lenBytes;
  if (start + hlen > size) throw new FormatError(`truncated header: it declares ${hlen} bytes; the file ends at ${size}.`, { file, offset: start });
  const hb = Buffer.alloc(hlen);
  await fh.read(hb, 0, hlen, start);
  const h = hb.toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(h)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(h)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(h)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new FormatError(`bad header ${JSON.stringify(h.trim().slice(0, 120))}; expected a dict with 'descr', 'fortran_order' and 'shape'.`, { file, offset: start });
  }
  if (descr !== '<f4' && descr !== '<f8') {
    throw new FormatError(`unsupported dtype '${descr}'; expected '<f4' (little-endian float32) or '<f8' (little-endian float64).`, { file, offset: start });
  }
  if (fortran !== 'False') {
    throw new FormatError("Fortran-order array; expected C order (save with numpy.ascontiguousarray).", { file, offset: start });
  }
  const dims = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (dims.length !== 2 || !dims.every((d) => /^\d+$/.test(d))) {
    throw new FormatError(`shape (${shapeText.trim()}); expected a 2-D shape (rows, dim).`, { file, offset: start });
  }
  const rows = Number(dims[0]);
  const cols = Number(dims[1]);
  const dataOffset = start + hlen;
  const expected = rows * cols * (descr === '<f4' ? 4 : 8);
  if (size - dataOffset < expected) {
    throw new FormatError(`truncated data: shape (${rows}, ${cols}) of ${descr} needs ${expected} bytes; found ${size - dataOffset}.`, { file, offset: size });
  }
  if (size - dataOffset > expected) {
    throw new FormatError(`${size - dataOffset - expected} unexpected bytes after the data of shape (${rows}, ${cols}); expected end of file.`, { file, offset: dataOffset + expected });
  }
  return { descr, rows, cols, dataOffset };
}

/**
 * Read `n` values stored as float32 or float64 at `offset` into a new array of `dtype`, in chunks.
 * Used by the npy, safetensors and cache readers.
 */
export async function readFloats(
  fh: FileHandle,
  offset: number,
  n: number,
  stored: 'float32' | 'float64',
  dtype: 'float32' | 'float64',
  onProgress?: ProgressCallback,
): Promise<FloatArray> {
  const out = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  const item = stored === 'float32' ? 4 : 8;
  const total = n * item;
  const CH = 1 << 24;
  if (stored === dtype) {
    // Straight into the result's memory; large reads (64 MiB) keep the thread-pool round trips few.
    const bytes = new Uint8Array(out.buffer);
    for (let done = 0; done < total;) {
      const len = Math.min(1 << 26, total - done);
      const { bytesRead } = await fh.read(bytes, done, len, offset + done);
      if (bytesRead === 0) throw new Error('unexpected end of file');
      done += bytesRead;
      onProgress?.(done, total, 'read');
    }
    return out;
  }
  const chunk = Buffer.allocUnsafe(CH);
  const view = stored === 'float32' ? new Float32Array(chunk.buffer, chunk.byteOffset, CH / 4) : new Float64Array(chunk.buffer, chunk.byteOffset, CH / 8);
  for (let done = 0; done < total;) {
    const len = Math.min(CH, total - done);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await fh.read(chunk, got, len - got, offset + done + got);
      if (bytesRead === 0) throw new Error('unexpected end of file');
      got += bytesRead;
    }
    out.set(view.subarray(0, len / item), done / item);
    done += len;
    onProgress?.(done, total, 'read');
  }
  return out;
}

/**
 * Read a `.npy` matrix and its vocabulary (option `vocab`, else `<base>.vocab.txt`, `vocab.txt` or
 * `tokenizer.json` beside it).
 * @throws FormatError on a bad header, unsupported dtype/order, truncated data, NaN/Inf, or a vocabulary
 *   whose size disagrees with the row count
 */
export async function readNpy(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  assertLittleEndian();
  const dtype = dtypeOption(opts);
  const { fh, size } = await openForRead(path);
  let data: FloatArray;
  let h: NpyHeader;
  try {
    h = await readNpyHeader(fh, size, path);
    const vocabPath = await locateVocabulary(path, stripExt(path, '.npy'), opts.vocab);
    const vocab = await readVocabulary(vocabPath);
    data = await readFloats(fh, h.dataOffset, h.rows * h.cols, h.descr === '<f4' ? 'float32' : 'float64', dtype, opts.onProgress);
    const item = h.descr === '<f4' ? 4 : 8;
    checkFinite(data, h.cols, (r, c) => ({ offset: h.dataOffset + (r * h.cols + c) * item }), path);
    const info: TableInfo = { source: path, format: 'npy' };
    return tableFromVocab(path, vocab.tokens, data, h.rows, h.cols, opts, info, vocab.where, vocab.file);
  } finally {
    await fh.close();
  }
}

/** Build the `.npy` header (version 1.0, or 2.0 when it does not fit), padded to 64 bytes as numpy does. */
export function npyHeader(descr: '<f4' | '<f8', rows: number, cols: number): Buffer {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  for (const major of [1, 2]) {
    const pre = major === 1 ? 10 : 12;
    const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
    const hlen = total - pre;
    if (major === 1 && hlen > 0xffff) continue;
    const b = Buffer.alloc(total, 0x20);
    MAGIC.copy(b, 0);
    b[6] = major;
    b[7] = 0;
    if (major === 1) b.writeUInt16LE(hlen, 8);
    else b.writeUInt32LE(hlen, 8);
    b.write(dict, pre, 'latin1');
    b[total - 1] = 0x0a;
    return b;
  }
  throw new Error('unreachable');
}

/** Options of {@link writeNpy}. */
export interface WriteNpyOptions {
  /** Where to write the vocabulary (default `<base>.vocab.txt`, base = path without `.npy`); `false` to skip it. */
  vocab?: string | false;
  onProgress?: ProgressCallback;
}

/**
 * Write the matrix as `.npy` (float32 → `<f4`, float64 → `<f8`, C order) and the words as a vocab.txt
 * beside it; both atomically.
 * @throws RangeError when a word cannot go into vocab.txt (empty or containing a line break)
 */
export async function writeNpy(table: EmbeddingTable, path: string, opts: WriteNpyOptions = {}): Promise<void> {
  assertLittleEndian();
  const { data, rows, cols } = table.matrix;
  const vocabPath = opts.vocab === undefined ? `${stripExt(path, '.npy')}.vocab.txt` : opts.vocab;
  if (vocabPath !== false) await writeVocabulary(table.words, vocabPath);
  await atomicWrite(path, async (fh) => {
    await writeAll(fh, npyHeader(data instanceof Float32Array ? '<f4' : '<f8', rows, cols));
    await writeAll(fh, bytesOf(data));
    opts.onProgress?.(rows, rows, 'write');
  });
}
