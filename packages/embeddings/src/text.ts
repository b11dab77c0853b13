/**
 * GloVe / word2vec / fastText text format: one `word v1 v2 ... vd` line per word, fields separated by
 * single spaces, optionally preceded by a `count dim` header line (word2vec, fastText `.vec`).
 *
 * Parsing rules (documented in the README):
 * - trailing whitespace (including `\r` of CRLF files and word2vec's trailing space) is ignored;
 * - the last `dim` space-separated fields are the numbers, everything before them (joined by single
 *   spaces) is the word — so words containing spaces (as in GloVe 840B) are read back correctly;
 * - without a header, `dim` is the number of fields of the first line minus one;
 * - a first line of exactly two non-negative integers is a header (`header: 'auto'`); force with `header`.
 * - empty lines are errors, except trailing empty lines at the end of the file;
 * - gzip-compressed files (`.txt.gz`, `.vec.gz`; detected by the 1f 8b magic) are decompressed while streaming.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { FormatError, describe } from '@embfact/core';
import { type EmbeddingTable, trustedTable } from './table.js';
import { RowBuffer, VocabBuilder, dtypeOption, duplicatePolicy, limitOption, type ReadOptions } from './common.js';
import { atomicWrite, formatFloat32, openForRead, writeAll } from './io.js';

const INT_RE = /^\d+$/;

/**
 * Read a GloVe/word2vec/fastText text file, streaming line by line (memory: the matrix plus one line).
 * @throws FormatError (file:line:column) on an empty file, a bad header, a ragged row, a non-number or
 *   non-finite value, a duplicate word (see `onDuplicate`), or a row count that disagrees with the header
 */
export async function readText(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  const { fh, size } = await openForRead(path);
  await fh.close();
  const dtype = dtypeOption(opts);
  const limit = limitOption(opts);
  const headerOpt = opts.header ?? 'auto';
  if (headerOpt !== 'auto' && typeof headerOpt !== 'boolean') {
    throw new RangeError(`The 'header' option of readEmbeddings must be 'auto', true or false; got ${describe(headerOpt)}.`);
  }
  const vb = new VocabBuilder(duplicatePolicy(opts), path);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  // gzip (magic 1f 8b) is decompressed on the fly; progress stays in compressed bytes.
  const head = await readHead(path);
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const gunzip = gz ? createGunzip() : undefined;
  const input = gunzip !== undefined ? stream.pipe(gunzip) : stream;
  input.setEncoding('utf8');
  let streamError: Error | undefined;
  gunzip?.on('error', (e) => { streamError = e; });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let dim = -1;
  let declaredCount = -1;
  let buf: RowBuffer | undefined;
  let pendingEmpty = 0; // empty lines seen but not yet known to be trailing
  let rowsRead = 0;
  const lineOfRow: number[] = [];
  const onProgress = opts.onProgress;
  let nextReport = 0;
  try {
    for await (const raw of rl) {
      lineNo++;
      // a UTF-8 byte-order mark (Windows editors write one) is not part of the first word
      const line = (lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trimEnd();
      if (line.length === 0) {
        pendingEmpty = pendingEmpty === 0 ? lineNo : pendingEmpty;
        continue;
      }
      if (pendingEmpty > 0) {
        throw new FormatError(`empty line; expected a header or a 'word v1 ... vd' row.`, { file: path, line: pendingEmpty, column: 1 });
      }
      const fields = line.split(' ');
      if (lineNo === 1) {
        const looksLikeHeader = fields.length === 2 && INT_RE.test(fields[0]) && INT_RE.test(fields[1]);
        if (headerOpt === true || (headerOpt === 'auto' && looksLikeHeader)) {
          if (!looksLikeHeader) {
            throw new FormatError(`bad header ${JSON.stringify(line.slice(0, 60))}; expected 'count dim' (two non-negative integers).`, { file: path, line: 1, column: 1 });
          }
          declaredCount = Number(fields[0]);
          dim = Number(fields[1]);
          if (dim < 1) throw new FormatError(`bad header: dimension ${dim}; expected at least 1.`, { file: path, line: 1, column: fields[0].length + 2 });
          // Preallocate what the header declares (no regrowth or final copy), but never more rows than
          // the file could hold (each row needs at least 2·dim bytes), so a bogus header cannot allocate.
          const cap = Math.max(1, Math.min(declaredCount, limit, gz ? 50_000_000 / dim : size / (2 * dim) + 1));
          buf = new RowBuffer(dim, dtype, Math.floor(cap));
          continue;
        }
        dim = fields.length - 1;
        if (dim < 1) {
          throw new FormatError(`expected 'word v1 ... vd' with at least one number; found a line with one field.`, { file: path, line: 1, column: 1 });
        }
        buf = new RowBuffer(dim, dtype, 1024);
      }
      if (rowsRead >= limit) break;
      if (fields.length < dim + 1) {
        throw new FormatError(`ragged row: expected a word and ${dim} numbers; found ${fields.length} fields.`, { file: path, line: lineNo, column: 1 });
      }
      const nWord = fields.length - dim;
      const word = nWord === 1 ? fields[0] : fields.slice(0, nWord).join(' ');
      // Column of the first number (1-based): word length + the separating space.
      let column = word.length + 2;
      // Validate numbers before registering the word so a bad row never reaches the table.
      const b = buf as RowBuffer;
      const values = new Float64Array(dim);
      for (let j = 0; j < dim; j++) {
        const f = fields[nWord + j];
        const v = f.length === 0 ? NaN : Number(f);
        if (!Number.isFinite(v)) {
          if (Number.isNaN(v) && !/^[+-]?nan$/i.test(f)) {
            throw new FormatError(`expected a number in field ${j + 1} of ${dim}; found ${JSON.stringify(f.slice(0, 30))}.`, { file: path, line: lineNo, column });
          }
          throw new FormatError(`non-finite value ${JSON.stringify(f)} in field ${j + 1} of ${dim}; expected finite numbers.`, { file: path, line: lineNo, column });
        }
        if (dtype === 'float32' && !Number.isFinite(Math.fround(v))) {
          throw new FormatError(`value ${JSON.stringify(f.slice(0, 30))} in field ${j + 1} of ${dim} overflows float32 (largest magnitude 3.4028235e38); expected finite float32 numbers, or read with dtype 'float64'.`, { file: path, line: lineNo, column });
        }
        values[j] = v;
        column += f.length + 1;
      }
      const r = vb.add(word, () => ({ line: lineNo, column: 1 }), (row) => `line ${lineOfRow[row]}`);
      rowsRead++;
      if (r < 0) continue;
      if (r === lineOfRow.length) lineOfRow.push(lineNo);
      const off = b.slot(r);
      b.data.set(values, off);
      if (onProgress !== undefined && rowsRead >= nextReport) {
        nextReport = rowsRead + 10_000;
        onProgress(Math.min(stream.bytesRead, size), size, 'read');
      }
    }
  } catch (err) {
    if (gz && !(err instanceof FormatError)) streamError = err as Error;
    else throw err;
  } finally {
    rl.close();
    stream.destroy();
    gunzip?.destroy();
  }
  if (streamError !== undefined) {
    throw new FormatError(`corrupt gzip stream (${streamError.message}); expected a valid .gz file.`, { file: path, line: lineNo + 1, column: 1 });
  }
  if (lineNo === 0 || dim < 0) throw new FormatError('empty file; expected at least one embedding row.', { file: path, line: 1, column: 1 });
  if (declaredCount >= 0 && rowsRead !== Math.min(declaredCount, limit)) {
    throw new FormatError(
      `the header declares ${declaredCount} rows; found ${rowsRead} (truncated or extra rows?).`,
      { file: path, line: rowsRead < declaredCount ? lineNo + 1 : lineNo, column: 1 },
    );
  }
  if (rowsRead === 0 && limit > 0) throw new FormatError('no embedding rows after the header; expected at least one.', { file: path, line: 2, column: 1 });
  const b = buf as RowBuffer;
  if (onProgress !== undefined) onProgress(size, size, 'read');
  const info = { source: path, format: 'text', ...(vb.dropped > 0 ? { duplicatesDropped: vb.dropped } : {}) };
  return trustedTable(vb.words, { data: b.finish(), rows: b.rows, cols: dim }, { lowercase: opts.lowercase }, info, vb.map);
}

async function readHead(path: string): Promise<Buffer> {
  const { fh } = await openForRead(path);
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b;
  } finally {
    await fh.close();
  }
}

/** Options of {@link writeText}. */
export interface WriteTextOptions {
  /** Write a `count dim` first line (word2vec/fastText style); default `false` (GloVe style). */
  header?: boolean;
  /** Progress in rows. */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/**
 * Write a table as text, atomically. float32 values are printed with the shortest decimal that reads
 * back to the same float32 (bit-exact round trip); float64 values with the shortest float64 form.
 * @throws RangeError when a word cannot be represented in the format (empty, contains a line break,
 *   or would be mistaken for a header line)
 */
export async function writeText(table: EmbeddingTable, path: string, opts: WriteTextOptions = {}): Promise<void> {
  const words = table.words;
  for (let i = 0; i < words.length; i++) checkTextWord(words[i], i);
  const { data, cols } = table.matrix;
  const f32 = data instanceof Float32Array;
  if (opts.header !== true && table.size > 0) {
    // Without a header the reader takes dim from the first line: its word must be one field, and
    // the line must not look like a 'count dim' header.
    if (words[0].includes(' ')) {
      throw new RangeError(`Word 0 (${JSON.stringify(words[0])}) contains a space: write with { header: true } so the reader knows the dimension.`);
    }
    if (cols === 1 && INT_RE.test(words[0]) && INT_RE.test(f32 ? formatFloat32(data[0]) : String(data[0]))) {
      throw new RangeError('The first line would read as a \'count dim\' header: write with { header: true }.');
    }
  }
  await atomicWrite(path, async (fh) => {
    let chunk: string[] = [];
    let chunkLen = 0;
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      await writeAll(fh, Buffer.from(chunk.join(''), 'utf8'));
      chunk = [];
      chunkLen = 0;
    };
    if (opts.header === true) chunk.push(`${table.size} ${cols}\n`);
    const parts = new Array<string>(cols + 1);
    for (let i = 0; i < table.size; i++) {
      parts[0] = words[i];
      const off = i * cols;
      for (let j = 0; j < cols; j++) {
        const v = data[off + j];
        parts[j + 1] = f32 ? formatFloat32(v) : v === 0 && 1 / v < 0 ? '-0' : String(v);
      }
      const line = parts.join(' ') + '\n';
      chunk.push(line);
      chunkLen += line.length;
      if (chunkLen > 1 << 20) {
        await flush();
        opts.onProgress?.(i + 1, table.size, 'write');
      }
    }
    await flush();
    opts.onProgress?.(table.size, table.size, 'write');
  });
}

function checkTextWord(w: string, i: number): void {
  if (w.length === 0 || /[\n\r]/.test(w) || w.trimEnd().length === 0) {
    throw new RangeError(
      `Word ${i} (${JSON.stringify(w)}) cannot be written in the text format: words must be non-empty, contain no line break and not be all whitespace.`,
    );
  }
}
