/**
 * word2vec binary format (Mikolov's `word2vec -binary 1`, gensim `save_word2vec_format(binary=True)`):
 * an ASCII header line `count dim\n`, then per word its UTF-8 bytes, one space, and `dim` little-endian
 * float32 values, optionally followed by `\n` (the reader skips line breaks before each word).
 */
import { FormatError } from '@embfact/core';
import { type EmbeddingTable, trustedTable } from './table.js';
import { VocabBuilder, dtypeOption, duplicatePolicy, limitOption, type ReadOptions } from './common.js';
import { BlockReader, assertLittleEndian, atomicWrite, bytesOf, openForRead, writeAll } from './io.js';

const MAX_WORD_BYTES = 1 << 16;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Read a word2vec binary file, streaming in 1 MiB blocks (memory: the matrix plus one block).
 * @throws FormatError (file@offset) on an empty file, a bad header, invalid UTF-8 in a word, a
 *   truncated vector, a non-finite value, a duplicate word (see `onDuplicate`) or trailing garbage
 */
export async function readWord2VecBinary(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  assertLittleEndian();
  const { fh, size } = await openForRead(path);
  try {
    if (size === 0) throw new FormatError("empty file; expected a 'count dim' header line.", { file: path, offset: 0 });
    const dtype = dtypeOption(opts);
    const limit = limitOption(opts);
    const r = new BlockReader(fh);
    await r.ensure(Math.min(size, 64));
    let nl = r.buf.indexOf(0x0a, r.cur);
    if (nl < 0 || nl >= r.end) throw new FormatError("bad header; expected a 'count dim' line ending in a line break within the first 64 bytes.", { file: path, offset: 0 });
    const headerText = r.buf.toString('latin1', r.cur, nl).trim();
    const m = /^(\d+) (\d+)$/.exec(headerText);
    if (m === null) throw new FormatError(`bad header ${JSON.stringify(headerText)}; expected 'count dim' (two non-negative integers).`, { file: path, offset: 0 });
    const count = Number(m[1]);
    const dim = Number(m[2]);
    if (dim < 1) throw new FormatError(`bad header: dimension ${dim}; expected at least 1.`, { file: path, offset: 0 });
    r.cur = nl + 1;
    const n = Math.min(count, limit);
    const minBytes = count * (dim * 4 + 2);
    if (size - r.pos < minBytes) {
      // Fail early (before allocating) on a file too short for its header.
      const expected = r.pos + minBytes;
      throw new FormatError(`truncated file: the header declares ${count} x ${dim} float32 values (at least ${expected} bytes); found ${size} bytes.`, { file: path, offset: size });
    }
    const out = dtype === 'float32' ? new Float32Array(n * dim) : new Float64Array(n * dim);
    const row = new Float32Array(dim);
    const rowBytes = new Uint8Array(row.buffer);
    const vb = new VocabBuilder(duplicatePolicy(opts), path);
    const offsets: number[] = [];
    const vecBytes = dim * 4;
    let nextReport = 0;
    for (let i = 0; i < n; i++) {
      // Skip line breaks before the word.
      for (;;) {
        if (!(await r.ensure(1))) throw new FormatError(`truncated file: expected word ${i + 1} of ${count}; found end of file.`, { file: path, offset: r.pos });
        if (r.buf[r.cur] === 0x0a) r.cur++;
        else break;
      }
      const wordStart = r.pos;
      let sp = -1;
      for (let want = 64; ; want *= 2) {
        const ok = await r.ensure(Math.min(want, MAX_WORD_BYTES + 1));
        sp = r.buf.indexOf(0x20, r.cur);
        if (sp >= r.end) sp = -1;
        if (sp >= 0) break;
        if (!ok || r.end - r.cur > MAX_WORD_BYTES) {
          throw new FormatError(
            r.end - r.cur > MAX_WORD_BYTES
              ? `expected a word followed by a space within ${MAX_WORD_BYTES} bytes (word ${i + 1} of ${count}); found none.`
              : `truncated file: expected word ${i + 1} of ${count} followed by a space; found end of file.`,
            { file: path, offset: wordStart },
          );
        }
      }
      let word: string;
      try {
        word = utf8.decode(r.buf.subarray(r.cur, sp));
      } catch {
        throw new FormatError(`word ${i + 1} of ${count} is not valid UTF-8; expected a UTF-8 word.`, { file: path, offset: wordStart });
      }
      if (word.length === 0) throw new FormatError(`empty word ${i + 1} of ${count}; expected a word before the space.`, { file: path, offset: wordStart });
      r.cur = sp + 1;
      const vecStart = r.pos;
      if (!(await r.ensure(vecBytes))) {
        throw new FormatError(
          `truncated file: expected ${vecBytes} bytes of float32 vector for word ${JSON.stringify(word)} (${i + 1} of ${count}); found ${r.end - r.cur}.`,
          { file: path, offset: vecStart },
        );
      }
      rowBytes.set(r.buf.subarray(r.cur, r.cur + vecBytes));
      r.cur += vecBytes;
      for (let j = 0; j < dim; j++) {
        const v = row[j];
        if (v - v !== 0) {
          throw new FormatError(`non-finite value ${v} in column ${j} of word ${JSON.stringify(word)}; expected finite numbers.`, { file: path, offset: vecStart + 4 * j });
        }
      }
      const t = vb.add(word, () => ({ offset: wordStart }), (row) => `offset ${offsets[row]}`);
      if (t < 0) continue;
      if (t === offsets.length) offsets.push(wordStart);
      out.set(row, t * dim);
      if (opts.onProgress !== undefined && i >= nextReport) {
        nextReport = i + 10_000;
        opts.onProgress(r.pos, size, 'read');
      }
    }
    if (n === count) {
      // Only line breaks may follow the last vector.
      while (await r.ensure(1)) {
        if (r.buf[r.cur] !== 0x0a && r.buf[r.cur] !== 0x0d) {
          throw new FormatError(`unexpected data after the ${count} declared rows; expected end of file.`, { file: path, offset: r.pos });
        }
        r.cur++;
      }
    }
    opts.onProgress?.(size, size, 'read');
    const rows = vb.words.length;
    const data = rows * dim === out.length ? out : out.slice(0, rows * dim);
    const info = { source: path, format: 'word2vec-bin', ...(vb.dropped > 0 ? { duplicatesDropped: vb.dropped } : {}) };
    return trustedTable(vb.words, { data, rows, cols: dim }, { lowercase: opts.lowercase }, info, vb.map);
  } finally {
    await fh.close();
  }
}

/**
 * Write a table in word2vec binary format (float32; float64 tables are rounded to float32), atomically.
 * @throws RangeError when a word is empty or contains a space or line break (the format cannot hold it)
 */
export async function writeWord2VecBinary(
  table: EmbeddingTable,
  path: string,
  opts: { onProgress?: (done: number, total: number, label?: string) => void } = {},
): Promise<void> {
  assertLittleEndian();
  const words = table.words;
  for (let i = 0; i < words.length; i++) {
    if (words[i].length === 0 || /[ \n]/.test(words[i])) {
      throw new RangeError(`Word ${i} (${JSON.stringify(words[i])}) cannot be written in word2vec binary: words must be non-empty without spaces or line breaks.`);
    }
  }
  const { data, cols } = table.matrix;
  await atomicWrite(path, async (fh) => {
    const parts: Buffer[] = [Buffer.from(`${table.size} ${cols}\n`, 'latin1')];
    let len = 0;
    const row = new Float32Array(cols);
    for (let i = 0; i < table.size; i++) {
      const w = Buffer.from(words[i] + ' ', 'utf8');
      row.set(data.subarray(i * cols, (i + 1) * cols));
      parts.push(w, Buffer.from(bytesOf(row)), Buffer.from('\n', 'latin1'));
      len += w.length + cols * 4 + 1;
      if (len > 1 << 20) {
        await writeAll(fh, Buffer.concat(parts));
        parts.length = 0;
        len = 0;
        opts.onProgress?.(i + 1, table.size, 'write');
      }
    }
    await writeAll(fh, Buffer.concat(parts));
    opts.onProgress?.(table.size, table.size, 'write');
  });
}
