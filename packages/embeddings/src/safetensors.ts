/**
 * safetensors (https://github.com/huggingface/safetensors): an 8-byte little-endian header length N,
 * N bytes of JSON `{ name: { dtype, shape, data_offsets: [begin, end] }, __metadata__?: {...} }`,
 * then the tensor bytes (offsets relative to the end of the header). One 2-D tensor is the embedding
 * matrix; its words come from a vocab.txt or a HuggingFace tokenizer.json.
 */
import { FormatError, describe, type FloatArray } from '@embfact/core';
import type { EmbeddingTable, TableInfo } from './table.js';
import { checkFinite, dtypeOption, tableFromVocab, type ReadOptions } from './common.js';
import { assertLittleEndian, atomicWrite, bytesOf, openForRead, stripExt, writeAll, type ProgressCallback } from './io.js';
import { readFloats } from './npy.js';
import { locateVocabulary, readVocabulary, writeVocabulary } from './vocab.js';

/** A tensor entry of a safetensors header. */
export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const ITEM: Record<string, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };
const MAX_HEADER = 100_000_000;

/**
 * Read and validate the header of a safetensors file.
 * @throws FormatError on a short file, a header length beyond the file, invalid JSON, or entries whose
 *   offsets disagree with their shape and dtype or fall outside the file
 */
export async function readSafetensorsHeader(path: string): Promise<{ tensors: Map<string, SafetensorsEntry>; dataStart: number; size: number; metadata?: Record<string, string> }> {
  const { fh, size } = await openForRead(path);
  try {
    return { ...(await parseHeader(fh, size, path)), size };
  } finally {
    await fh.close();
  }
}

async function parseHeader(fh: import('node:fs/promises').FileHandle, size: number, file: string) {
  if (size < 8) throw new FormatError(`file of ${size} bytes; expected at least the 8-byte header length.`, { file, offset: 0 });
  const pre = Buffer.alloc(8);
  await fh.read(pre, 0, 8, 0);
  const n = Number(pre.readBigUInt64LE(0));
  if (n < 2 || n > MAX_HEADER || 8 + n > size) {
    throw new FormatError(`bad header length ${n}; expected 2..${Math.min(MAX_HEADER, size - 8)} (file has ${size} bytes).`, { file, offset: 0 });
  }
  const hb = Buffer.alloc(n);
  await fh.read(hb, 0, n, 8);
  let json: unknown;
  try {
    json = JSON.parse(hb.toString('utf8'));
  } catch (err) {
    throw new FormatError(`invalid JSON header (${(err as Error).message}); expected a safetensors header.`, { file, offset: 8 });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new FormatError(`header is ${describe(json)}; expected a JSON object.`, { file, offset: 8 });
  }
  const dataStart = 8 + n;
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> | undefined;
  for (const [name, e] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') { metadata = e as Record<string, string>; continue; }
    const t = e as Partial<SafetensorsEntry> | null;
    const ok = t !== null && typeof t === 'object' && typeof t.dtype === 'string' && Array.isArray(t.shape) &&
      t.shape.every((d) => Number.isInteger(d) && d >= 0) && Array.isArray(t.data_offsets) && t.data_offsets.length === 2 &&
      t.data_offsets.every((d) => Number.isInteger(d) && d >= 0);
    if (!ok) throw new FormatError(`tensor ${JSON.stringify(name)}: expected { dtype, shape, data_offsets: [begin, end] }; found ${JSON.stringify(e).slice(0, 100)}.`, { file, offset: 8 });
    const entry = t as SafetensorsEntry;
    const [b, en] = entry.data_offsets;
    const item = ITEM[entry.dtype];
    const count = entry.shape.reduce((a, d) => a * d, 1);
    if (item !== undefined && en - b !== count * item) {
      throw new FormatError(`tensor ${JSON.stringify(name)}: shape [${entry.shape}] of ${entry.dtype} needs ${count * item} bytes; data_offsets span ${en - b}.`, { file, offset: 8 });
    }
    if (en < b || dataStart + en > size) {
      throw new FormatError(`truncated file: tensor ${JSON.stringify(name)} ends at byte ${dataStart + en}; the file has ${size} bytes.`, { file, offset: size });
    }
    tensors.set(name, entry);
  }
  return { tensors, dataStart, metadata };
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f === 0 ? s * Infinity : NaN;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/**
 * Read the embedding matrix from a safetensors file plus its vocabulary.
 * Tensor choice: the `tensor` option, else the only 2-D tensor; F32/F64/F16/BF16 are converted to the
 * requested dtype (default float32; F16 and BF16 convert exactly).
 * @throws FormatError listing the available tensors when the name is wrong or ambiguous, on an
 *   unsupported dtype, a non-2-D tensor, NaN/Inf, or a vocabulary size mismatch
 */
export async function readSafetensors(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  assertLittleEndian();
  const dtype = dtypeOption(opts);
  const { fh, size } = await openForRead(path);
  try {
    const { tensors, dataStart } = await parseHeader(fh, size, path);
    const list = [...tensors].map(([k, v]) => `${k} ${v.dtype}[${v.shape.join(', ')}]`).join('; ');
    let name = opts.tensor;
    if (name === undefined) {
      const twoD = [...tensors].filter(([, v]) => v.shape.length === 2);
      if (twoD.length !== 1) {
        throw new FormatError(`${twoD.length} 2-D tensors; expected the 'tensor' option to pick one of: ${list || '(no tensors)'}.`, { file: path, offset: 8 });
      }
      name = twoD[0][0];
    }
    const e = tensors.get(name);
    if (e === undefined) throw new FormatError(`no tensor named ${JSON.stringify(name)}; available: ${list || '(no tensors)'}.`, { file: path, offset: 8 });
    if (e.shape.length !== 2) throw new FormatError(`tensor ${JSON.stringify(name)} has shape [${e.shape}]; expected 2-D (rows, dim).`, { file: path, offset: 8 });
    const [rows, cols] = e.shape;
    const start = dataStart + e.data_offsets[0];
    const vocab = await readVocabulary(await locateVocabulary(path, stripExt(path, '.safetensors'), opts.vocab));
    let data: FloatArray;
    const n = rows * cols;
    if (e.dtype === 'F32' || e.dtype === 'F64') {
      data = await readFloats(fh, start, n, e.dtype === 'F32' ? 'float32' : 'float64', dtype, opts.onProgress);
    } else if (e.dtype === 'F16' || e.dtype === 'BF16') {
      data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      const CH = 1 << 22;
      const buf = Buffer.allocUnsafe(CH * 2);
      const u16 = new Uint16Array(buf.buffer, buf.byteOffset, CH);
      const f32 = new Float32Array(1);
      const u32 = new Uint32Array(f32.buffer);
      for (let done = 0; done < n;) {
        const len = Math.min(CH, n - done);
        await fh.read(buf, 0, len * 2, start + done * 2);
        if (e.dtype === 'F16') {
          for (let i = 0; i < len; i++) data[done + i] = halfToFloat(u16[i]);
        } else {
          for (let i = 0; i < len; i++) { u32[0] = u16[i] << 16; data[done + i] = f32[0]; }
        }
        done += len;
        opts.onProgress?.(done, n, 'read');
      }
    } else {
      throw new FormatError(`tensor ${JSON.stringify(name)} has dtype ${e.dtype}; expected F32, F64, F16 or BF16.`, { file: path, offset: 8 });
    }
    const item = ITEM[e.dtype];
    checkFinite(data, cols, (r, c) => ({ offset: start + (r * cols + c) * item }), path);
    const info: TableInfo = { source: path, format: 'safetensors' };
    return tableFromVocab(path, vocab.tokens, data, rows, cols, opts, info, vocab.where, vocab.file);
  } finally {
    await fh.close();
  }
}

/** Options of {@link writeSafetensors}. */
export interface WriteSafetensorsOptions {
  /** Tensor name (default `'embeddings'`). */
  tensor?: string;
  /** Where to write vocab.txt (default `<base>.vocab.txt`, base = path without `.safetensors`); `false` to skip. */
  vocab?: string | false;
  /** Extra string metadata stored in `__metadata__`. */
  metadata?: Record<string, string>;
  onProgress?: ProgressCallback;
}

/**
 * Write the matrix as one safetensors tensor (float32 → F32, float64 → F64) and the words as a vocab.txt
 * beside it; both atomically. The header is padded with spaces to a multiple of 8 bytes.
 */
export async function writeSafetensors(table: EmbeddingTable, path: string, opts: WriteSafetensorsOptions = {}): Promise<void> {
  assertLittleEndian();
  const { data, rows, cols } = table.matrix;
  const name = opts.tensor ?? 'embeddings';
  if (typeof name !== 'string' || name.length === 0 || name === '__metadata__') {
    throw new RangeError(`The 'tensor' option of writeEmbeddings must be a non-empty name other than '__metadata__'; got ${describe(name)}.`);
  }
  const vocabPath = opts.vocab === undefined ? `${stripExt(path, '.safetensors')}.vocab.txt` : opts.vocab;
  if (vocabPath !== false) await writeVocabulary(table.words, vocabPath);
  const header: Record<string, unknown> = {
    __metadata__: { format: 'pt', producer: 'embfact', ...(opts.metadata ?? {}) },
    [name]: { dtype: data instanceof Float32Array ? 'F32' : 'F64', shape: [rows, cols], data_offsets: [0, data.byteLength] },
  };
  let hjson = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(hjson.length / 8) * 8;
  if (padded !== hjson.length) hjson = Buffer.concat([hjson, Buffer.alloc(padded - hjson.length, 0x20)]);
  await atomicWrite(path, async (fh) => {
    const pre = Buffer.alloc(8);
    pre.writeBigUInt64LE(BigInt(hjson.length), 0);
    await writeAll(fh, pre);
    await writeAll(fh, hjson);
    await writeAll(fh, bytesOf(data));
    opts.onProgress?.(rows, rows, 'write');
  });
}
