// Round trips through every format (float32 bit-exact), text header variants, vocabularies for
// safetensors (vocab.txt and tokenizer.json), F16/BF16/F64 tensors, format detection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import {
  EmbeddingTable, detectFormat, formatFloat32, loadCache, readEmbeddings, readSafetensorsHeader, saveCache, writeEmbeddings,
  type WritableFormat,
} from '../src/index.js';
import { createRng } from '@embfact/core';
import { AWKWARD, bitsEqual, randomTable, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => { tmp = await tempDir(); });
afterAll(async () => { await tmp.cleanup(); });

function expectSameTable(a: EmbeddingTable, b: EmbeddingTable): void {
  expect(b.words).toEqual(a.words);
  expect(b.size).toBe(a.size);
  expect(b.dim).toBe(a.dim);
  expect(bitsEqual(a.matrix.data, b.matrix.data)).toBe(true);
}

describe('formatFloat32', () => {
  it('gives the shortest decimal that reads back to the same float32', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(-0.15408))).toBe('-0.15408');
    expect(formatFloat32(-0)).toBe('-0');
    expect(formatFloat32(Math.fround(1e-45))).toBe('1e-45');
    expect(formatFloat32(Math.fround(3.4028234663852886e38))).toBe('3.4028235e+38');
  });
  it('round-trips 100,000 random float32 bit patterns exactly', () => {
    const u = new Uint32Array(100_000);
    let s = 12345;
    for (let i = 0; i < u.length; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; u[i] = s; }
    const f = new Float32Array(u.buffer);
    for (let i = 0; i < f.length; i++) {
      if (!Number.isFinite(f[i])) continue;
      const back = Math.fround(Number(formatFloat32(f[i])));
      if (!Object.is(back, f[i])) throw new Error(`bits ${u[i].toString(16)}: ${f[i]} -> ${formatFloat32(f[i])} -> ${back}`);
    }
  });
});

describe('round trips are bit-exact (seeded random float32 tables)', () => {
  // Words each format can hold: the cache holds anything; text anything without line breaks
  // (spaces allowed except in the first word of a header-less file); vocab.txt-based formats
  // anything without line breaks; word2vec binary no spaces.
  const cases: Array<{ format: WritableFormat; ext: string; words: string[]; header?: boolean }> = [
    { format: 'text', ext: 'txt', words: [...AWKWARD, 'new york', ' lead', 'trail '] },
    { format: 'text', ext: 'vec', words: ['new york', ...AWKWARD], header: true },
    { format: 'word2vec-bin', ext: 'bin', words: AWKWARD },
    { format: 'npy', ext: 'npy', words: [...AWKWARD, 'new york'] },
    { format: 'safetensors', ext: 'safetensors', words: [...AWKWARD, 'new york'] },
    { format: 'cache', ext: 'embcache', words: [...AWKWARD, 'new york', 'line\nbreak', ''] },
  ];
  for (const c of cases) {
    it(`${c.format}${c.header ? ' (with header)' : ''}`, async () => {
      const t = randomTable(7, 300, 37, { words: c.words });
      const p = tmp.path(`rt-${c.format}-${c.header ? 'h' : 'n'}.${c.ext}`);
      await writeEmbeddings(t, p, { header: c.header });
      expect(await detectFormat(p)).toBe(c.format);
      const back = await readEmbeddings(p);
      expectSameTable(t, back);
      expect(back.info.format).toBe(c.format);
      // Twice: reading what we wrote, writing it again gives the same bytes.
      const p2 = tmp.path(`rt2-${c.format}-${c.header ? 'h' : 'n'}.${c.ext}`);
      await writeEmbeddings(back, p2, { header: c.header });
      expect(Buffer.compare(await readFile(p), await readFile(p2))).toBe(0);
    });
  }

  it('float64 tables round-trip exactly through npy, safetensors, cache and text with dtype float64', async () => {
    const t = randomTable(8, 50, 9, { dtype: 'float64' });
    for (const ext of ['npy', 'safetensors', 'embcache', 'txt']) {
      const p = tmp.path(`f64.${ext}`);
      await writeEmbeddings(t, p);
      const back = await readEmbeddings(p, { dtype: 'float64' });
      expectSameTable(t, back);
    }
    // Default dtype float32 rounds float64 sources.
    const f32 = await readEmbeddings(tmp.path('f64.npy'));
    expect(f32.matrix.data).toBeInstanceOf(Float32Array);
    expect(Array.from(f32.matrix.data)).toEqual(Array.from(t.matrix.data, Math.fround));
  });

  it('writes atomically: no temporary files are left behind, and a failed write leaves no file', async () => {
    const sub = await tempDir();
    const t = randomTable(9, 10, 3);
    await writeEmbeddings(t, `${sub.dir}/a.npy`);
    const bad = new EmbeddingTable(['a b', 'c'], { data: new Float32Array(2), rows: 2, cols: 1 });
    await expect(writeEmbeddings(bad, `${sub.dir}/b.bin`)).rejects.toThrow(RangeError);
    expect((await readdir(sub.dir)).sort()).toEqual(['a.npy', 'a.vocab.txt']);
    await sub.cleanup();
  });

  it('rejects words a format cannot hold, naming the word', async () => {
    const nl = new EmbeddingTable(['ok', 'bad\nword'], { data: new Float32Array(2), rows: 2, cols: 1 });
    await expect(writeEmbeddings(nl, tmp.path('nl.txt'))).rejects.toThrow(/Word 1 \("bad\\nword"\)/);
    await expect(writeEmbeddings(nl, tmp.path('nl.npy'))).rejects.toThrow(/Word 1/);
    const sp = new EmbeddingTable(['new york', 'b'], { data: new Float32Array(2), rows: 2, cols: 1 });
    await expect(writeEmbeddings(sp, tmp.path('sp.txt'))).rejects.toThrow(/header: true/);
    await expect(writeEmbeddings(sp, tmp.path('sp.xyz'))).rejects.toThrow(/Cannot infer the output format/);
  });
});

describe('text format', () => {
  const body = 'the 0.1 -0.2 0.3\nof 1 2 3\nnew york 4 5 6\n';
  it('reads the same table with and without a count-dim header', async () => {
    await writeFile(tmp.path('noh.txt'), body);
    await writeFile(tmp.path('h.txt'), `3 3\n${body}`);
    const a = await readEmbeddings(tmp.path('noh.txt'));
    const b = await readEmbeddings(tmp.path('h.txt'));
    expect(a.words).toEqual(['the', 'of', 'new york']);
    expectSameTable(a, b);
    expect(Array.from(a.vector('new york') ?? [])).toEqual([4, 5, 6]);
    expect(a.vector('the')).toEqual(Float32Array.from([0.1, -0.2, 0.3]));
  });
  it('accepts CRLF line ends, word2vec trailing spaces and trailing empty lines', async () => {
    await writeFile(tmp.path('crlf.txt'), '2 2\r\nab 1 2 \r\ncd 3 4 \r\n\r\n\n');
    const t = await readEmbeddings(tmp.path('crlf.txt'));
    expect(t.words).toEqual(['ab', 'cd']);
    expect(Array.from(t.matrix.data)).toEqual([1, 2, 3, 4]);
  });
  it('skips a leading UTF-8 byte-order mark (it was read as part of the first word)', async () => {
    await writeFile(tmp.path('bom.txt'), `\ufeff${body}`);
    await writeFile(tmp.path('bomh.txt'), `\ufeff3 3\n${body}`);
    expect((await readEmbeddings(tmp.path('bom.txt'))).words).toEqual(['the', 'of', 'new york']);
    expectSameTable(await readEmbeddings(tmp.path('bom.txt')), await readEmbeddings(tmp.path('bomh.txt')));
  });
  it('header: false reads a first line of two integers as a 1-dim row; header: true forces a header', async () => {
    await writeFile(tmp.path('dim1.txt'), '12 5\n13 6\n');
    const auto = await readEmbeddings(tmp.path('dim1.txt'), { header: 'auto' }).catch((e: Error) => e);
    expect(auto).toBeInstanceOf(Error); // header '12 5' then 1 row ≠ 12 declared
    const t = await readEmbeddings(tmp.path('dim1.txt'), { header: false });
    expect(t.words).toEqual(['12', '13']);
    expect(Array.from(t.matrix.data)).toEqual([5, 6]);
  });
  it('limit reads only the first rows', async () => {
    await writeFile(tmp.path('lim.txt'), `3 3\n${body}`);
    const t = await readEmbeddings(tmp.path('lim.txt'), { limit: 2 });
    expect(t.words).toEqual(['the', 'of']);
  });
  it('reports progress in bytes, ending at the file size', async () => {
    const t = randomTable(3, 30_000, 4);
    await writeEmbeddings(t, tmp.path('prog.txt'));
    const calls: number[][] = [];
    await readEmbeddings(tmp.path('prog.txt'), { onProgress: (d, n) => calls.push([d, n]) });
    expect(calls.length).toBeGreaterThan(1);
    const last = calls[calls.length - 1];
    expect(last[0]).toBe(last[1]);
  });
});

describe('safetensors vocabularies and dtypes', () => {
  /** Build a safetensors file by hand (independent of our writer). */
  async function writeRaw(path: string, tensors: Record<string, { dtype: string; shape: number[]; bytes: Buffer }>): Promise<void> {
    const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
    let off = 0;
    for (const [k, v] of Object.entries(tensors)) {
      header[k] = { dtype: v.dtype, shape: v.shape, data_offsets: [off, off + v.bytes.length] };
      off += v.bytes.length;
    }
    const h = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(8);
    len.writeBigUInt64LE(BigInt(h.length));
    await writeFile(path, Buffer.concat([len, h, ...Object.values(tensors).map((t) => t.bytes)]));
  }
  const f32 = (xs: number[]): Buffer => Buffer.from(new Float32Array(xs).buffer);
  // IEEE half: 1.0 = 0x3c00, -2 = 0xc000, 0.5 = 0x3800, 65504 = 0x7bff, smallest subnormal 2^-24 = 0x0001, -0 = 0x8000
  const F16 = { bits: [0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0x8000], values: [1, -2, 0.5, 65504, 2 ** -24, -0] };
  // bfloat16: upper 16 bits of a float32: 1.0 = 0x3f80, -2 = 0xc000, 3.140625 = 0x4049, 1e-38-ish subnormal 0x0001
  const BF16 = { bits: [0x3f80, 0xc000, 0x4049, 0x0001, 0x7f7f, 0x8000], values: [1, -2, 3.140625, new Float32Array(new Uint32Array([0x00010000]).buffer)[0], new Float32Array(new Uint32Array([0x7f7f0000]).buffer)[0], -0] };

  it('reads the vocabulary from a HuggingFace tokenizer.json (model.vocab + added_tokens)', async () => {
    const dir = (await tempDir());
    await writeRaw(`${dir.dir}/model.safetensors`, {
      'embeddings.word_embeddings.weight': { dtype: 'F32', shape: [4, 2], bytes: f32([1, 2, 3, 4, 5, 6, 7, 8]) },
      'embeddings.LayerNorm.weight': { dtype: 'F32', shape: [2], bytes: f32([1, 1]) },
    });
    await writeFile(`${dir.dir}/tokenizer.json`, JSON.stringify({
      version: '1.0',
      added_tokens: [{ id: 0, content: '[PAD]', special: true }, { id: 3, content: '[CLS]', special: true }],
      model: { type: 'WordPiece', vocab: { '[PAD]': 0, 'hello': 1, '##ing': 2 } },
    }));
    const t = await readEmbeddings(`${dir.dir}/model.safetensors`);
    expect(t.words).toEqual(['[PAD]', 'hello', '##ing', '[CLS]']);
    expect(Array.from(t.vector('##ing') ?? [])).toEqual([5, 6]);
    await dir.cleanup();
  });
  it('reads a Unigram tokenizer.json (vocab as [token, score] list) given through the vocab option', async () => {
    await writeRaw(tmp.path('uni.safetensors'), { emb: { dtype: 'F32', shape: [3, 1], bytes: f32([1, 2, 3]) } });
    await writeFile(tmp.path('uni-tokenizer.json'), JSON.stringify({ model: { type: 'Unigram', vocab: [['<unk>', 0], ['▁the', -1.5], ['s', -2]] } }));
    const t = await readEmbeddings(tmp.path('uni.safetensors'), { vocab: tmp.path('uni-tokenizer.json') });
    expect(t.words).toEqual(['<unk>', '▁the', 's']);
    // a byte-order mark before the JSON or a vocab.txt is skipped (JSON.parse rejected it; vocab.txt kept it in the first token)
    await writeFile(tmp.path('bom-tokenizer.json'), `\ufeff${JSON.stringify({ model: { type: 'Unigram', vocab: [['<unk>', 0], ['▁the', -1.5], ['s', -2]] } })}`);
    expect((await readEmbeddings(tmp.path('uni.safetensors'), { vocab: tmp.path('bom-tokenizer.json') })).words).toEqual(['<unk>', '▁the', 's']);
    await writeFile(tmp.path('bom-vocab.txt'), '\ufeff<unk>\nthe\ns\n');
    expect((await readEmbeddings(tmp.path('uni.safetensors'), { vocab: tmp.path('bom-vocab.txt') })).words).toEqual(['<unk>', 'the', 's']);
  });
  it('reads the vocabulary from vocab.txt and picks a tensor by name', async () => {
    const dir = await tempDir();
    await writeRaw(`${dir.dir}/m.safetensors`, {
      a: { dtype: 'F32', shape: [2, 2], bytes: f32([1, 2, 3, 4]) },
      b: { dtype: 'F32', shape: [2, 1], bytes: f32([9, 8]) },
    });
    await writeFile(`${dir.dir}/vocab.txt`, 'x\r\ny\r\n');
    await expect(readEmbeddings(`${dir.dir}/m.safetensors`)).rejects.toThrow(/2 2-D tensors; expected the 'tensor' option to pick one of: a F32\[2, 2\]; b F32\[2, 1\]/);
    await expect(readEmbeddings(`${dir.dir}/m.safetensors`, { tensor: 'c' })).rejects.toThrow(/no tensor named "c"; available: a F32\[2, 2\]; b F32\[2, 1\]/);
    const t = await readEmbeddings(`${dir.dir}/m.safetensors`, { tensor: 'b' });
    expect(t.words).toEqual(['x', 'y']);
    expect(Array.from(t.matrix.data)).toEqual([9, 8]);
    await dir.cleanup();
  });
  it('converts F16 and BF16 exactly, and F64 to float32 by rounding', async () => {
    await writeFile(tmp.path('v6.txt'), 'a\nb\nc\nd\ne\nf\n');
    await writeRaw(tmp.path('h.safetensors'), { e: { dtype: 'F16', shape: [6, 1], bytes: Buffer.from(new Uint16Array(F16.bits).buffer) } });
    const h = await readEmbeddings(tmp.path('h.safetensors'), { vocab: tmp.path('v6.txt') });
    expect(Array.from(h.matrix.data)).toEqual(F16.values);
    expect(Object.is(h.matrix.data[5], -0)).toBe(true);
    await writeRaw(tmp.path('bf.safetensors'), { e: { dtype: 'BF16', shape: [6, 1], bytes: Buffer.from(new Uint16Array(BF16.bits).buffer) } });
    const b = await readEmbeddings(tmp.path('bf.safetensors'), { vocab: tmp.path('v6.txt') });
    expect(Array.from(b.matrix.data)).toEqual(BF16.values);
    const d = [0.1, 1 / 3, -1e-300, 2, 1e30, 5];
    await writeRaw(tmp.path('d.safetensors'), { e: { dtype: 'F64', shape: [6, 1], bytes: Buffer.from(new Float64Array(d).buffer) } });
    const t = await readEmbeddings(tmp.path('d.safetensors'), { vocab: tmp.path('v6.txt') });
    expect(Array.from(t.matrix.data)).toEqual(d.map(Math.fround));
    const t64 = await readEmbeddings(tmp.path('d.safetensors'), { vocab: tmp.path('v6.txt'), dtype: 'float64' });
    expect(Array.from(t64.matrix.data)).toEqual(d);
  });
  it('our writer produces a header other tools read: 8-byte aligned, F32, named tensor, metadata', async () => {
    const t = randomTable(4, 5, 3);
    await writeEmbeddings(t, tmp.path('w.safetensors'), { tensor: 'wte' });
    const h = await readSafetensorsHeader(tmp.path('w.safetensors'));
    expect(h.dataStart % 8).toBe(0);
    expect(h.tensors.get('wte')).toEqual({ dtype: 'F32', shape: [5, 3], data_offsets: [0, 60] });
    expect(h.metadata?.producer).toBe('embfact');
  });
  it('extraRows: "drop" drops padded rows beyond the vocabulary, and says so', async () => {
    await writeRaw(tmp.path('pad.safetensors'), { e: { dtype: 'F32', shape: [4, 1], bytes: f32([1, 2, 3, 4]) } });
    await writeFile(tmp.path('pad.vocab.txt'), 'a\nb\n');
    await expect(readEmbeddings(tmp.path('pad.safetensors'))).rejects.toThrow(/the matrix has 4 rows but the vocabulary has 2 tokens/);
    const t = await readEmbeddings(tmp.path('pad.safetensors'), { extraRows: 'drop' });
    expect(t.words).toEqual(['a', 'b']);
    expect(t.info.extraRowsDropped).toBe(2);
  });
});

describe('npy', () => {
  it('writes the header numpy writes (version 1.0, 64-byte aligned, C order)', async () => {
    const t = randomTable(5, 3, 2);
    await writeEmbeddings(t, tmp.path('n.npy'));
    const b = await readFile(tmp.path('n.npy'));
    const hlen = b.readUInt16LE(8);
    expect((10 + hlen) % 64).toBe(0);
    expect(b.toString('latin1', 10, 10 + hlen).trim()).toBe("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }");
    expect(await readFile(tmp.path('n.vocab.txt'), 'utf8')).toBe('w0\nw1\nw2\n');
  });
});

describe('duplicate words', () => {
  const dup = 'a 1 1\nb 2 2\na 3 3\n';
  it("throws by default, at the second occurrence, naming the first", async () => {
    await writeFile(tmp.path('dup.txt'), dup);
    const e = (await readEmbeddings(tmp.path('dup.txt')).catch((x: Error) => x)) as Error;
    expect(e.name).toBe('FormatError');
    expect(e.message).toMatch(/dup\.txt:3:1: duplicate word "a" \(first at line 1\)/);
  });
  it("'first' keeps the first row, 'last' keeps the first position with the last vector; both count drops", async () => {
    const f = await readEmbeddings(tmp.path('dup.txt'), { onDuplicate: 'first' });
    expect(f.words).toEqual(['a', 'b']);
    expect(Array.from(f.matrix.data)).toEqual([1, 1, 2, 2]);
    expect(f.info.duplicatesDropped).toBe(1);
    const l = await readEmbeddings(tmp.path('dup.txt'), { onDuplicate: 'last' });
    expect(l.words).toEqual(['a', 'b']);
    expect(Array.from(l.matrix.data)).toEqual([3, 3, 2, 2]);
    expect(l.info.duplicatesDropped).toBe(1);
  });
  it('applies to vocab-based formats too', async () => {
    const t = randomTable(6, 3, 2);
    await writeEmbeddings(t, tmp.path('d.npy'), { vocab: false });
    await writeFile(tmp.path('d.vocab.txt'), 'x\ny\nx\n');
    await expect(readEmbeddings(tmp.path('d.npy'))).rejects.toThrow(/d\.vocab\.txt:3:1: duplicate word "x" \(first at token 0\)/);
    const f = await readEmbeddings(tmp.path('d.npy'), { onDuplicate: 'first' });
    expect(f.words).toEqual(['x', 'y']);
    expect(Array.from(f.matrix.data)).toEqual(Array.from(t.matrix.data.subarray(0, 4)));
  });
});

describe('generic cache', () => {
  it('keeps the case policy and checks the source tag', async () => {
    const t = new EmbeddingTable(['Paris', 'paris', 'x'], { data: new Float32Array([1, 2, 3]), rows: 3, cols: 1 }, { lowercase: true });
    await saveCache(t, tmp.path('c.embcache'), { source: 'test@1' });
    const back = await loadCache(tmp.path('c.embcache'), { expectSource: 'test@1' });
    expect(back.lowercase).toBe(true);
    expect(back.indexOf('PARIS')).toBe(0);
    await expect(loadCache(tmp.path('c.embcache'), { expectSource: 'test@2' })).rejects.toThrow(/source tag "test@1"; expected "test@2" \(stale cache\)/);
  });
});

describe('wink JSON scanner', () => {
  it('gives exactly the numbers JSON.parse gives (rounded to float32) for many notations, escapes and layouts', async () => {
    const rng = createRng(99);
    const dim = 6;
    const words = ['a"b', 'é\\n', 'tab\there', '\u{1F600}', ...Array.from({ length: 300 }, (_, i) => `w${i}`)];
    const notations = [
      (x: number) => String(x), (x: number) => x.toPrecision(1 + rng.int(17)), (x: number) => x.toFixed(rng.int(12)),
      (x: number) => x.toExponential(rng.int(10)).replace('e', rng.int(2) ? 'E' : 'e'), () => '-0', () => '0.000', () => '12345678901234567890',
      () => '0.1234567890123456789', () => '-1e-7', () => '3.4028235e38',
    ];
    const vectors: string[] = [];
    const ref: number[][] = [];
    // Vectors in reverse order of 'words', with extra trailing entries and odd whitespace.
    for (let i = words.length - 1; i >= 0; i--) {
      const texts = Array.from({ length: dim }, () => notations[rng.int(notations.length)](rng.normal() * 10 ** (rng.int(9) - 4)));
      ref[i] = texts.map((t) => Math.fround(JSON.parse(t) as number));
      vectors.push(`${JSON.stringify(words[i])} :\n [ ${texts.join(' ,')}, 1.5, ${i} ]`);
    }
    const json = `{"precision":8,"extra":{"nested":[1,{"x":null}],"t":true,"f":false},"dimensions":${dim},"size":${words.length},` +
      `"words":${JSON.stringify(words)},\n"vectors":{${vectors.join(',\n')}},"unkVector":[0,0,0,0,0,0,0,-1]}\n`;
    await writeFile(tmp.path('scan.json'), json);
    const t = await readEmbeddings(tmp.path('scan.json'));
    expect(t.words).toEqual(words);
    for (let i = 0; i < words.length; i++) {
      const got = Array.from(t.row(i));
      for (let j = 0; j < dim; j++) if (!Object.is(got[j], ref[i][j])) throw new Error(`${words[i]}[${j}]: ${got[j]} vs ${ref[i][j]}`);
    }
  });
});

describe('gzip text', () => {
  it('reads a gzip-compressed text file bit-exactly; a truncated one is a FormatError', async () => {
    const { gzipSync } = await import('node:zlib');
    const t = randomTable(12, 2000, 8, { words: AWKWARD });
    await writeEmbeddings(t, tmp.path('g.vec'), { header: true });
    const gz = gzipSync(await readFile(tmp.path('g.vec')));
    await writeFile(tmp.path('g.vec.gz'), gz);
    expect(await detectFormat(tmp.path('g.vec.gz'))).toBe('text');
    expectSameTable(t, await readEmbeddings(tmp.path('g.vec.gz')));
    await writeFile(tmp.path('cut.vec.gz'), gz.subarray(0, gz.length >> 1));
    await expect(readEmbeddings(tmp.path('cut.vec.gz'))).rejects.toThrow(/cut\.vec\.gz:\d+:1: (corrupt gzip stream|the header declares 2000 rows)/);
  });
});

describe('atomicWrite', () => {
  it('removes the temporary file when the write fails midway and leaves an existing file untouched', async () => {
    const { atomicWrite, writeAll } = await import('../src/io.js');
    const sub = await tempDir();
    const target = `${sub.dir}/keep.txt`;
    await writeFile(target, 'old');
    await expect(atomicWrite(target, async (fh) => {
      await writeAll(fh, Buffer.from('partial new content'));
      throw new Error('disk full (simulated)');
    })).rejects.toThrow('disk full (simulated)');
    expect(await readdir(sub.dir)).toEqual(['keep.txt']);
    expect(await readFile(target, 'utf8')).toBe('old');
    await atomicWrite(target, async (fh) => { await writeAll(fh, Buffer.from('new')); });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(sub.dir)).toEqual(['keep.txt']);
    await sub.cleanup();
  });
});
