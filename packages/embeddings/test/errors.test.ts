// Every reader rejects bad files with a FormatError naming the file, the line:column or byte offset,
// and what was expected vs found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { FormatError } from '@embfact/core';
import { loadCache, readEmbeddings, saveCache, writeEmbeddings, type ReadOptions } from '../src/index.js';
import { npyHeader } from '../src/npy.js';
import { randomTable, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => { tmp = await tempDir(); });
afterAll(async () => { await tmp.cleanup(); });

/** Read `path` and return the FormatError it must throw. */
async function formatError(path: string, opts: ReadOptions = {}): Promise<FormatError> {
  const e = await readEmbeddings(path, opts).then(() => undefined, (x: unknown) => x);
  if (!(e instanceof FormatError)) throw new Error(`expected a FormatError from ${path}; got ${String(e)}`);
  expect(e.file).toBe(e.file ?? path);
  return e;
}

async function text(name: string, content: string | Buffer): Promise<string> {
  const p = tmp.path(name);
  await writeFile(p, content);
  return p;
}

describe('missing and empty files', () => {
  it('a missing file names the path', async () => {
    const e = await formatError(tmp.path('nope.txt'));
    expect(e.file).toBe(tmp.path('nope.txt'));
    expect(e.message).toMatch(/nope\.txt: cannot open the embeddings file \(no such file\)/);
  });
  it('a directory is not a file', async () => {
    const e = await formatError(tmp.dir, { format: 'text' });
    expect(e.message).toMatch(/expected a regular file/);
  });
  it('an empty file, in every format', async () => {
    const p = await text('empty.txt', '');
    expect((await formatError(p)).message).toMatch(/empty file/);
    for (const format of ['text', 'word2vec-bin', 'npy', 'safetensors', 'wink-json', 'cache'] as const) {
      const e = await formatError(p, { format });
      expect(e.file).toBe(p);
      expect(e.message).toMatch(/empty|expected at least/);
    }
  });
});

describe('text', () => {
  it('ragged row: line and what was expected', async () => {
    const e = await formatError(await text('ragged.txt', 'a 1 2 3\nb 1 2\n'));
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.message).toMatch(/ragged\.txt:2:1: ragged row: expected a word and 3 numbers; found 3 fields/);
  });
  it('a row with too many fields for a single word becomes a multi-word entry only in the middle of a line', async () => {
    // 'b c 1 2 3' with dim 3 is the word "b c"; this is documented behaviour, not an error.
    const t = await readEmbeddings(await text('multi.txt', 'a 1 2 3\nb c 1 2 3\n'));
    expect(t.words).toEqual(['a', 'b c']);
  });
  it('wrong dimension against the header', async () => {
    const e = await formatError(await text('dim.txt', '2 3\na 1 2 3\nb 1 2\n'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/expected a word and 3 numbers; found 3 fields/);
  });
  it('NaN and Inf, with column', async () => {
    const e = await formatError(await text('nan.txt', 'a 1 2 3\nbb 1 NaN 3\n'));
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.message).toMatch(/non-finite value "NaN" in field 2 of 3; expected finite numbers/);
    const f = await formatError(await text('inf.txt', 'a 1 2 -Infinity\n'));
    expect([f.line, f.column]).toEqual([1, 7]);
    expect(f.message).toMatch(/non-finite value "-Infinity"/);
  });
  it('a value that overflows float32 (1e39) is an error with its column, unless read as float64', async () => {
    const file = await text('big.txt', 'a 1 2 3\nbb 1 1e39 3\n');
    const e = await formatError(file);
    expect([e.line, e.column]).toEqual([2, 6]);
    expect(e.message).toMatch(/value "1e39" in field 2 of 3 overflows float32 .*dtype 'float64'/);
    const t = await readEmbeddings(file, { dtype: 'float64' });
    expect(t.matrix.data[4]).toBe(1e39);
  });
  it('a field that is not a number', async () => {
    const e = await formatError(await text('nonnum.txt', 'a 1 2 3\nb 1 x2 3\n'));
    expect([e.line, e.column]).toEqual([2, 5]);
    expect(e.message).toMatch(/expected a number in field 2 of 3; found "x2"/);
    const d = await formatError(await text('dblspace.txt', 'a 1 2 3\nb 1  3\n'));
    expect(d.message).toMatch(/ragged row|expected a number/);
  });
  it('bad header', async () => {
    const e = await formatError(await text('badh.txt', 'a 1 2\n'), { header: true });
    expect([e.line, e.column]).toEqual([1, 1]);
    expect(e.message).toMatch(/bad header "a 1 2"; expected 'count dim'/);
    const z = await formatError(await text('zeroh.txt', '1 0\na\n'));
    expect(z.message).toMatch(/bad header: dimension 0; expected at least 1/);
  });
  it('row count disagreeing with the header (truncated file)', async () => {
    const e = await formatError(await text('short.txt', '3 2\na 1 2\nb 3 4\n'));
    expect(e.message).toMatch(/the header declares 3 rows; found 2/);
    expect(e.line).toBe(4);
  });
  it('an empty line in the middle', async () => {
    const e = await formatError(await text('gap.txt', 'a 1 2\n\nb 3 4\n'));
    expect([e.line, e.column]).toEqual([2, 1]);
    expect(e.message).toMatch(/empty line/);
  });
  it('a single field on the first line', async () => {
    const e = await formatError(await text('one.txt', 'hello\n'));
    expect(e.message).toMatch(/at least one number/);
  });
  it('a header with no rows', async () => {
    const e = await formatError(await text('onlyh.txt', '0 5\n'), { header: true });
    expect(e.message).toMatch(/no embedding rows after the header/);
  });
});

describe('word2vec binary', () => {
  const good = async (): Promise<Buffer> => {
    const t = randomTable(1, 3, 4);
    await writeEmbeddings(t, tmp.path('good.bin'));
    return readFile(tmp.path('good.bin'));
  };
  it('truncated vector: offset and bytes expected vs found', async () => {
    const b = await good();
    const p = await text('trunc.bin', b.subarray(0, b.length - 5));
    const e = await formatError(p, { format: 'word2vec-bin' });
    expect(e.message).toMatch(/truncated file/);
    expect(e.offset).toBeGreaterThan(0);
  });
  it('truncated in the middle of the rows', async () => {
    const b = await good();
    const hdr = b.indexOf(0x0a) + 1;
    const rowLen = 3 + 16 + 1; // "w0 " + 4 floats + "\n"
    const p = await text('trunc2.bin', Buffer.concat([b.subarray(0, hdr + rowLen + 2), Buffer.alloc(0)]));
    const e = await formatError(p, { format: 'word2vec-bin' });
    expect(e.message).toMatch(/truncated file: the header declares 3 x 4 float32 values/);
  });
  it('bad header', async () => {
    const e = await formatError(await text('badh.bin', 'hello world\nxxxx'), { format: 'word2vec-bin' });
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/bad header "hello world"; expected 'count dim'/);
  });
  it('NaN in a vector: offset of the value', async () => {
    const b = Buffer.from(await good());
    const hdr = b.indexOf(0x0a) + 1;
    b.writeFloatLE(NaN, hdr + 3 + 8); // third value of "w0"
    const p = await text('nan.bin', b);
    const e = await formatError(p, { format: 'word2vec-bin' });
    expect(e.offset).toBe(hdr + 3 + 8);
    expect(e.message).toMatch(/non-finite value NaN in column 2 of word "w0"/);
  });
  it('garbage after the declared rows', async () => {
    const b = await good();
    const p = await text('extra.bin', Buffer.concat([b, Buffer.from('junk')]));
    const e = await formatError(p, { format: 'word2vec-bin' });
    expect(e.offset).toBe(b.length);
    expect(e.message).toMatch(/unexpected data after the 3 declared rows/);
  });
  it('duplicate word: offset of the repeat and of the first', async () => {
    const t = randomTable(2, 2, 2, { words: ['a', 'b'] });
    await writeEmbeddings(t, tmp.path('dup.bin'));
    const b = Buffer.from(await readFile(tmp.path('dup.bin')));
    const second = b.indexOf('b ', 4);
    b.write('a', second);
    const p = await text('dup2.bin', b);
    const e = await formatError(p, { format: 'word2vec-bin' });
    expect(e.offset).toBe(second);
    expect(e.message).toMatch(/duplicate word "a" \(first at offset 4\)/);
  });
});

describe('npy', () => {
  const vocab = (n: number): Promise<string> => text(`v${n}.txt`, Array.from({ length: n }, (_, i) => `t${i}`).join('\n') + '\n');
  it('bad magic', async () => {
    const e = await formatError(await text('bad.npy', 'not numpy at all'), { vocab: await vocab(1) });
    expect(e.offset).toBe(0);
    expect(e.message).toMatch(/bad magic "not nu"; expected "\\x93NUMPY"/);
  });
  it('unsupported dtype, Fortran order, 1-D shape', async () => {
    const mk = (dict: string): Buffer => {
      const h = npyHeader('<f4', 1, 1);
      const b = Buffer.alloc(h.length, 0x20);
      h.copy(b, 0, 0, 10);
      b.write(dict, 10, 'latin1');
      b[b.length - 1] = 0x0a;
      return Buffer.concat([b, Buffer.alloc(8)]);
    };
    const v = await vocab(1);
    expect((await formatError(await text('i4.npy', mk("{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2), }")), { vocab: v })).message)
      .toMatch(/unsupported dtype '<i4'; expected '<f4' \(little-endian float32\) or '<f8'/);
    expect((await formatError(await text('be.npy', mk("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2), }")), { vocab: v })).message)
      .toMatch(/unsupported dtype '>f4'/);
    expect((await formatError(await text('fo.npy', mk("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }")), { vocab: v })).message)
      .toMatch(/Fortran-order array; expected C order/);
    expect((await formatError(await text('1d.npy', mk("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }")), { vocab: v })).message)
      .toMatch(/shape \(2,\); expected a 2-D shape/);
    expect((await formatError(await text('nod.npy', mk("{'shape': (1, 2), }")), { vocab: v })).message)
      .toMatch(/bad header .*expected a dict with 'descr', 'fortran_order' and 'shape'/);
  });
  it('truncated data and trailing bytes', async () => {
    const t = randomTable(3, 4, 3);
    await writeEmbeddings(t, tmp.path('t.npy'));
    await truncate(tmp.path('t.npy'), 128 + 40);
    const e = await formatError(tmp.path('t.npy'));
    expect(e.message).toMatch(/truncated data: shape \(4, 3\) of <f4 needs 48 bytes; found 40/);
    await writeEmbeddings(t, tmp.path('x.npy'));
    await writeFile(tmp.path('x.npy'), Buffer.concat([await readFile(tmp.path('x.npy')), Buffer.alloc(4)]));
    expect((await formatError(tmp.path('x.npy'))).message).toMatch(/4 unexpected bytes after the data/);
  });
  it('NaN: offset of the value', async () => {
    const t = randomTable(3, 4, 3);
    await writeEmbeddings(t, tmp.path('nan.npy'));
    const b = await readFile(tmp.path('nan.npy'));
    expect(b.readUInt16LE(8) + 10).toBe(128); // header size
    b.writeFloatLE(Infinity, 128 + 4 * 7);
    await writeFile(tmp.path('nan.npy'), b);
    const e = await formatError(tmp.path('nan.npy'));
    expect(e.offset).toBe(128 + 28);
    expect(e.message).toMatch(/non-finite value Infinity at row 2, column 1/);
  });
  it('vocabulary: missing, wrong size, empty token', async () => {
    const t = randomTable(3, 4, 3);
    await writeEmbeddings(t, tmp.path('nov.npy'), { vocab: false });
    const sub = await tempDir();
    await writeEmbeddings(t, `${sub.dir}/m.npy`, { vocab: false });
    expect((await formatError(`${sub.dir}/m.npy`)).message).toMatch(/no vocabulary found; expected the 'vocab' option or one of .*m\.vocab\.txt/);
    await sub.cleanup();
    expect((await formatError(tmp.path('nov.npy'), { vocab: await vocab(3) })).message).toMatch(/the matrix has 4 rows but the vocabulary has 3 tokens/);
    expect((await formatError(tmp.path('nov.npy'), { vocab: await vocab(5) })).message).toMatch(/the vocabulary has 5 tokens but the matrix has only 4 rows/);
    const e = await formatError(tmp.path('nov.npy'), { vocab: await text('holes.txt', 'a\n\nb\nc\n') });
    expect([e.file, e.line]).toEqual([tmp.path('holes.txt'), 2]);
    expect(e.message).toMatch(/empty token/);
  });
});

describe('safetensors', () => {
  it('bad header length, invalid JSON, offsets beyond the file, unsupported dtype', async () => {
    const len = (n: number): Buffer => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; };
    const v = await text('v1.txt', 'a\n');
    expect((await formatError(await text('big.safetensors', Buffer.concat([len(1e6), Buffer.from('{}')])), { format: 'safetensors', vocab: v })).message)
      .toMatch(/bad header length 1000000/);
    expect((await formatError(await text('json.safetensors', Buffer.concat([len(5), Buffer.from('{"a":')])), { format: 'safetensors', vocab: v })).message)
      .toMatch(/invalid JSON header/);
    const h1 = Buffer.from(JSON.stringify({ e: { dtype: 'F32', shape: [1, 2], data_offsets: [0, 8] } }));
    const e = await formatError(await text('tr.safetensors', Buffer.concat([len(h1.length), h1, Buffer.alloc(4)])), { vocab: v });
    expect(e.message).toMatch(/truncated file: tensor "e" ends at byte/);
    const h2 = Buffer.from(JSON.stringify({ e: { dtype: 'F32', shape: [1, 2], data_offsets: [0, 12] } }));
    expect((await formatError(await text('sz.safetensors', Buffer.concat([len(h2.length), h2, Buffer.alloc(12)])), { vocab: v })).message)
      .toMatch(/shape \[1,2\] of F32 needs 8 bytes; data_offsets span 12/);
    const h3 = Buffer.from(JSON.stringify({ e: { dtype: 'I32', shape: [1, 2], data_offsets: [0, 8] } }));
    expect((await formatError(await text('i32.safetensors', Buffer.concat([len(h3.length), h3, Buffer.alloc(8)])), { vocab: v })).message)
      .toMatch(/dtype I32; expected F32, F64, F16 or BF16/);
  });
  it('tokenizer.json with a gap in the ids', async () => {
    const t = randomTable(3, 2, 2);
    await writeEmbeddings(t, tmp.path('g.safetensors'), { vocab: false });
    const tok = await text('gap-tokenizer.json', JSON.stringify({ model: { vocab: { a: 0, b: 2 } } }));
    const e = await formatError(tmp.path('g.safetensors'), { vocab: tok });
    expect(e.file).toBe(tok);
    expect(e.message).toMatch(/token ids must be 0\.\.2 without gaps; id 1 is missing/);
    const bad = await text('bad-tokenizer.json', JSON.stringify({ model: {} }));
    expect((await formatError(tmp.path('g.safetensors'), { vocab: bad })).message).toMatch(/expected a tokenizer\.json with a 'model\.vocab'/);
  });
});

describe('wink JSON', () => {
  const ok = { precision: 8, l2NormIndex: 2, wordIndex: 3, size: 2, dimensions: 2, words: ['a', 'b'], vectors: { a: [1, 2, 2.23, 0], b: [3, 4, 5, 1] }, unkVector: [0, 0, 0, -1] };
  it('reads the documented shape, keeping the first `dimensions` entries', async () => {
    const t = await readEmbeddings(await text('ok.json', JSON.stringify(ok)));
    expect(t.words).toEqual(['a', 'b']);
    expect(Array.from(t.matrix.data)).toEqual([1, 2, 3, 4]);
  });
  it('invalid JSON (with offset), missing fields, short vectors, missing vectors, non-finite', async () => {
    const e = await formatError(await text('bad.json', '{"words": [1,'));
    expect(e.message).toMatch(/invalid JSON/);
    expect((await formatError(await text('nf.json', JSON.stringify({ words: [] })))).message).toMatch(/expected an object with 'dimensions', a 'words' array and a 'vectors' object/);
    expect((await formatError(await text('short.json', JSON.stringify({ ...ok, vectors: { a: [1], b: [3, 4] } })))).message)
      .toMatch(/vectors\["a"\] has 1 entries; expected at least 2/);
    expect((await formatError(await text('miss.json', JSON.stringify({ ...ok, vectors: { a: [1, 2] } })))).message)
      .toMatch(/vectors\["b"\] \(words\[1\]\) is missing; expected a vector for every word/);
    const str = await formatError(await text('str.json', '{"dimensions": 2, "words": ["a"], "vectors": {"a": [1, "x"]}}'));
    expect(str.offset).toBe(55);
    expect(str.message).toMatch(/@55: invalid JSON: expected a number; found "\\"x\\"\]}}"/);
    const inf = await formatError(await text('inf.json', '{"dimensions": 1, "words": ["a"], "vectors": {"a": [1e999]}}'));
    expect(inf.message).toMatch(/@52: invalid JSON: expected a finite number; found "1e999\]}}"/);
    expect((await formatError(await text('size.json', JSON.stringify({ ...ok, size: 3 })))).message).toMatch(/'size' is 3 but 'words' has 2 entries/);
    expect((await formatError(await text('dup.json', JSON.stringify({ ...ok, size: 3, words: ['a', 'b', 'a'] })))).message).toMatch(/duplicate word "a" \(first at words\[0\]\)/);
  });
});

describe('binary cache', () => {
  it('bad magic, other version, truncated, corrupt data', async () => {
    const t = randomTable(4, 20, 5);
    await saveCache(t, tmp.path('c.embcache'));
    const b = await readFile(tmp.path('c.embcache'));
    const v = Buffer.from(b); v.writeUInt32LE(99, 8);
    await writeFile(tmp.path('v.embcache'), v);
    await expect(loadCache(tmp.path('v.embcache'))).rejects.toThrow(/@8: cache version 99; expected 1/);
    await writeFile(tmp.path('m.embcache'), Buffer.concat([Buffer.from('XXXXXXXX'), b.subarray(8)]));
    await expect(loadCache(tmp.path('m.embcache'))).rejects.toThrow(/@0: bad magic "XXXXXXXX"/);
    await writeFile(tmp.path('t.embcache'), b.subarray(0, b.length - 1));
    await expect(loadCache(tmp.path('t.embcache'))).rejects.toThrow(/sizes disagree: 20 x 5 x 4 bytes .* found \d+ bytes \(truncated or corrupt\)/);
    const c = Buffer.from(b); c[c.length - 3] ^= 0x40;
    await writeFile(tmp.path('x.embcache'), c);
    await expect(loadCache(tmp.path('x.embcache'))).rejects.toThrow(/checksum mismatch in the data section/);
    await expect(loadCache(tmp.path('x.embcache'))).rejects.toBeInstanceOf(FormatError);
  });
});
