import { describe, expect, it } from 'vitest';
import { EmbeddingTable } from '@embfact/embeddings';
import { AllButTheTop, Whitening, LowRankFactorization, NotFittedError, FormatError, createRng, svd } from '@embfact/core';
import { DocumentEmbedder, firstSingularVector } from '@embfact/text';

// A tiny table: rows sorted "by frequency" (row 0 most frequent).
const words = ['the', 'cat', 'dog', 'sat', 'well', 'paid', 'mat'];
const rows = [
  [1, 0, 0], [0, 2, 0], [0, 0, 3], [1, 1, 0], [2, 0, 2], [0, 4, 4], [3, 3, 3],
];
const table = new EmbeddingTable(words, { data: Float64Array.from(rows.flat()), rows: 7, cols: 3 });

function randomTable(n: number, d: number, seed: number): EmbeddingTable {
  const rng = createRng(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() + (i % d === 0 ? 2 : 0);
  return new EmbeddingTable(Array.from({ length: n }, (_, i) => `w${i}`), { data, rows: n, cols: d });
}

describe('DocumentEmbedder: mean pooling', () => {
  it('equals the hand-computed mean of the in-vocabulary tokens; reports OOV rate', () => {
    const e = new DocumentEmbedder({ table }).fit(['the cat']);
    const { matrix, oovRate, empty, tokens } = e.transform(['The cat sat on zzz', 'dog']);
    // the, cat, sat found; on, zzz OOV: mean of [1,0,0],[0,2,0],[1,1,0]
    expect(Array.from(matrix.data.subarray(0, 3))).toEqual([2 / 3, 1, 0]);
    expect(Array.from(matrix.data.subarray(3, 6))).toEqual([0, 0, 3]);
    expect(Array.from(oovRate)).toEqual([0.4, 0]);
    expect(Array.from(empty)).toEqual([0, 0]);
    expect(Array.from(tokens)).toEqual([5, 1]);
  });
  it('empty and all-OOV documents give a zero vector and the flag, never NaN', () => {
    const e = new DocumentEmbedder({ table, pooling: 'sif' }).fit(['the cat sat', 'dog mat']);
    const { matrix, oovRate, empty } = e.transform(['', 'zzz qqq', '...', 'cat']);
    expect(Array.from(empty)).toEqual([1, 1, 1, 0]);
    expect(Array.from(oovRate)).toEqual([0, 1, 0, 0]);
    expect(Array.from(matrix.data.subarray(0, 9))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const x of matrix.data) expect(Number.isNaN(x)).toBe(false);
  });
  it('hyphen/apostrophe backoff splits an OOV token into found parts sharing its weight', () => {
    const e = new DocumentEmbedder({ table }).fit(['x']);
    const v = e.transform(['well-paid']).matrix.data;
    expect(Array.from(v)).toEqual([1, 2, 3]); // (well + paid) / 2
    const off = new DocumentEmbedder({ table, backoff: false }).fit(['x']).transform(['well-paid']);
    expect(off.empty[0]).toBe(1);
  });
  it('accepts pre-tokenized documents and l2-normalizes on request', () => {
    const e = new DocumentEmbedder({ table, normalize: true }).fit([['cat']]);
    expect(e.transform([['dog', 'dog']]).matrix.data).toBeAllClose([0, 0, 1], 1e-15);
  });
});

describe('DocumentEmbedder: SIF and TF-IDF weights', () => {
  it('SIF corpus weights a / (a + count/total), divided by the number of found tokens', () => {
    const train = ['the the the cat', 'the dog'];
    const e = new DocumentEmbedder({ table, pooling: 'sif', sifA: 0.1, removeFirstPc: false }).fit(train);
    const wThe = 0.1 / (0.1 + 4 / 6), wCat = 0.1 / (0.1 + 1 / 6), wMat = 1; // mat unseen in training: p = 0
    expect(e.weight('the')).toBeCloseTo(wThe, 15);
    expect(e.weight('mat')).toBe(wMat);
    const v = e.transform(['the cat mat']).matrix.data;
    expect(v).toBeAllClose([(wThe * 1 + 3 * wMat) / 3, (wCat * 2 + 3 * wMat) / 3, (3 * wMat) / 3], 1e-15);
  });
  it("SIF 'zipf' weights use the table rank: p(r) = 1 / (r H_V)", () => {
    const e = new DocumentEmbedder({ table, pooling: 'sif', sifFrequencies: 'zipf', removeFirstPc: false }).fit(['cat']);
    let H = 0;
    for (let i = 1; i <= 7; i++) H += 1 / i;
    expect(e.weight('the')).toBeCloseTo(1e-3 / (1e-3 + 1 / (1 * H)), 15);
    expect(e.weight('mat')).toBeCloseTo(1e-3 / (1e-3 + 1 / (7 * H)), 15);
  });
  it('TF-IDF pooling: idf-weighted mean with idf = ln((1+n)/(1+df)) + 1', () => {
    const e = new DocumentEmbedder({ table, pooling: 'tfidf' }).fit(['the cat', 'the dog', 'the sat']);
    const iThe = Math.log(4 / 4) + 1, iCat = Math.log(4 / 2) + 1;
    expect(e.transform(['the cat cat']).matrix.data).toBeAllClose([iThe / (iThe + 2 * iCat), 4 * iCat / (iThe + 2 * iCat), 0], 1e-15);
  });
});

describe('DocumentEmbedder: first principal component removal', () => {
  const big = randomTable(300, 8, 1);
  const rng = createRng(7);
  const doc = () => Array.from({ length: 12 }, () => `w${rng.int(300)}`);
  const train = Array.from({ length: 80 }, doc);
  const test = Array.from({ length: 20 }, doc);
  it('is fitted on training documents only and persisted', () => {
    const e = new DocumentEmbedder({ table: big, pooling: 'sif', sifFrequencies: 'zipf' }).fit(train);
    const u = e.firstPc!;
    // u is the top right singular vector of the (uncentered) training SIF vectors without PC removal
    const raw = new DocumentEmbedder({ table: big, pooling: 'sif', sifFrequencies: 'zipf', removeFirstPc: false }).fit(train);
    const ref = svd(raw.transform(train).matrix, { k: 1 }).vt.data;
    expect(u).toBeAllClose(ref, 1e-10);
    // transforming test documents does not change it, and test rows are orthogonal to it
    const out = e.transform(test).matrix;
    expect(e.firstPc).toBe(u);
    for (let i = 0; i < out.rows; i++) {
      let s = 0;
      for (let k = 0; k < 8; k++) s += out.data[i * 8 + k] * u[k];
      expect(Math.abs(s)).toBeLessThan(1e-12);
    }
    // fitting on other documents gives another component
    const other = new DocumentEmbedder({ table: big, pooling: 'sif', sifFrequencies: 'zipf' }).fit(test);
    expect(Math.abs(other.firstPc![0] - u[0]) + Math.abs(other.firstPc![1] - u[1])).toBeGreaterThan(1e-6);
    // round trip through JSON
    const back = DocumentEmbedder.fromJSON(JSON.parse(JSON.stringify(e.toJSON())), { table: big });
    expect(back.transform(test).matrix).toBeAllClose(out, 1e-15);
  });
  it('firstSingularVector skips flagged rows and returns null for no data', () => {
    expect(firstSingularVector({ data: new Float64Array([0, 0, 3, 4]), rows: 2, cols: 2 }, new Uint8Array([0, 0]))).toBeAllClose([0.6, 0.8], 1e-12);
    expect(firstSingularVector({ data: new Float64Array([1, 0, 3, 4]), rows: 2, cols: 2 }, new Uint8Array([1, 1]))).toBeNull();
  });
});

describe('DocumentEmbedder with core transforms', () => {
  const big = randomTable(400, 6, 3);
  const rng = createRng(11);
  const doc = () => Array.from({ length: 10 }, () => `w${rng.int(400)}`).join(' ');
  const train = Array.from({ length: 60 }, doc);
  const test = Array.from({ length: 15 }, doc).concat(['']);
  it("'vocabulary' scope equals pooling the transformed table (transforming only the rows used)", () => {
    const e = new DocumentEmbedder({ table: big, transform: new AllButTheTop({ d: 2 }) }).fit(train);
    const whole = big.withMatrix(new AllButTheTop({ d: 2 }).fitTransform(big.matrix));
    const ref = new DocumentEmbedder({ table: whole }).fit(train).transform(test);
    const got = e.transform(test);
    expect(got.matrix).toBeAllClose(ref.matrix, 1e-6); // float32 table: transform output is float32
    expect(got.empty[15]).toBe(1);
  });
  it("'documents' scope fits the transform on pooled training vectors; empty docs stay zero", () => {
    const w = new Whitening({ k: 4 });
    const e = new DocumentEmbedder({ table: big, transform: w, transformScope: 'documents' }).fit(train);
    expect(e.outputDim).toBe(4);
    const trainOut = e.transform(train).matrix;
    // whitened training vectors have identity covariance
    const c = new Float64Array(16);
    const mean = new Float64Array(4);
    for (let i = 0; i < trainOut.rows; i++) for (let k = 0; k < 4; k++) mean[k] += trainOut.data[i * 4 + k] / trainOut.rows;
    for (let i = 0; i < trainOut.rows; i++) for (let p = 0; p < 4; p++) for (let q = 0; q < 4; q++) {
      c[p * 4 + q] += (trainOut.data[i * 4 + p] - mean[p]) * (trainOut.data[i * 4 + q] - mean[q]) / (trainOut.rows - 1);
    }
    expect(c).toBeAllClose([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1], 1e-6);
    const out = e.transform(test);
    expect(Array.from(out.matrix.data.subarray(15 * 4))).toEqual([0, 0, 0, 0]);
    const back = DocumentEmbedder.fromJSON(e.toJSON(), { table: big, transform: w });
    expect(back.transform(test).matrix).toBeAllClose(out.matrix, 1e-12);
  });
  it('works with LowRankFactorization (vocabulary scope: pooled k-dim codes) and pre-fitted transforms', () => {
    const lr = new LowRankFactorization({ k: 3 });
    const e = new DocumentEmbedder({ table: big, transform: lr }).fit(train);
    expect(e.outputDim).toBe(3);
    const got = e.transform(test);
    const ref = new DocumentEmbedder({ table: big.withMatrix(lr.transform(big.matrix)) }).fit(train).transform(test);
    expect(got.matrix).toBeAllClose(ref.matrix, 1e-6);
    // transformFitted: the given (already fitted) transform is used as is
    const again = new DocumentEmbedder({ table: big, transform: lr, transformFitted: true }).fit(train.slice(0, 2));
    expect(again.transform(test).matrix).toBeAllClose(got.matrix, 1e-12);
  });
  it('fromJSON demands the transform when one was used', () => {
    const e = new DocumentEmbedder({ table: big, transform: new AllButTheTop({ d: 1 }) }).fit(train);
    expect(() => DocumentEmbedder.fromJSON(e.toJSON(), { table: big })).toThrow(/restore it/);
  });
});

describe('DocumentEmbedder: errors', () => {
  it('rejects bad options and use before fit', () => {
    expect(() => new DocumentEmbedder({ table, pooling: 'max' as 'mean' })).toThrow(/'pooling' option of DocumentEmbedder must be one of 'mean', 'tfidf', 'sif'; got "max"/);
    expect(() => new DocumentEmbedder({ table, sifA: -1 })).toThrow(RangeError);
    expect(() => new DocumentEmbedder({ table: {} as EmbeddingTable })).toThrow(TypeError);
    expect(() => new DocumentEmbedder({ table, transformFitted: true })).toThrow(/'transformFitted'/);
    expect(() => new DocumentEmbedder({ table }).transform(['a'])).toThrow(NotFittedError);
    expect(() => new DocumentEmbedder({ table }).fit([])).toThrow(/at least 1 document/);
    expect(() => new DocumentEmbedder({ table }).fit([3 as unknown as string])).toThrow(/Document 0/);
    expect(() => DocumentEmbedder.fromJSON({ name: 'X' }, { table })).toThrow(FormatError);
    const small = new EmbeddingTable(['a'], { data: new Float64Array([1, 2, 3]), rows: 1, cols: 3 });
    const j = new DocumentEmbedder({ table }).fit(['cat']).toJSON();
    expect(() => DocumentEmbedder.fromJSON(j, { table: small })).toThrow(/fitted on a 7 x 3 table; got 1 x 3/);
  });
});
