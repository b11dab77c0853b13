import { describe, expect, it } from 'vitest';
import { EmbeddingTable } from '@embfact/embeddings';
import { AllButTheTop, createRng } from '@embfact/core';
import {
  spearman, rankAverage, wordSimilarity, analogyAccuracy, evaluateWordBenchmarks, formatWordBenchmarks,
  type AnalogyQuestion,
} from '@embfact/text';

describe('spearman', () => {
  it('average ranks for ties (scipy rankdata)', () => {
    expect(Array.from(rankAverage([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(Array.from(rankAverage([1, 1, 1]))).toEqual([2, 2, 2]);
  });
  it('matches a hand computation with ties: 3 / sqrt(10)', () => {
    // ranks x = 1 2 3 4, ranks y = 1 2.5 2.5 4 -> sum dxdy = 4.5, sum dx^2 = 5, sum dy^2 = 4.5
    expect(spearman([1, 2, 3, 4], [10, 20, 20, 40])).toBeCloseTo(3 / Math.sqrt(10), 15);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(spearman([1, 2, 3], [1, 4, 9])).toBe(1);
  });
  it('throws instead of returning NaN', () => {
    expect(() => spearman([1, 1, 1], [1, 2, 3])).toThrow(/constant sample/);
    expect(() => spearman([1], [1])).toThrow(/at least 2 values/);
    expect(() => spearman([1, 2], [1])).toThrow(/equal length/);
    expect(() => spearman([1, NaN], [1, 2])).toThrow(/finite/);
  });
});

const t3 = new EmbeddingTable(['a', 'b', 'c', 'd', 'zero'], {
  data: Float64Array.from([1, 0, 0, 0.8, 0.6, 0, 0, 1, 0, -1, 0, 0, 0, 0, 0]), rows: 5, cols: 3,
});

describe('wordSimilarity', () => {
  it('cosine vs scores, lowercased lookups, covered/total and missing words', () => {
    const pairs = [
      { word1: 'A', word2: 'b', score: 9 }, // cos 0.8
      { word1: 'a', word2: 'c', score: 5 }, // cos 0
      { word1: 'a', word2: 'd', score: 1 }, // cos -1
      { word1: 'a', word2: 'nope', score: 3 },
      { word1: 'zero', word2: 'a', score: 4 }, // zero vector: cosine defined as 0
    ];
    const r = wordSimilarity(t3, pairs);
    expect(r.covered).toBe(4);
    expect(r.total).toBe(5);
    expect(r.missing).toEqual(['nope']);
    expect(r.spearman).toBeCloseTo(spearman([0.8, 0, -1, 0], [9, 5, 1, 4]), 15);
    expect(() => wordSimilarity(t3, pairs, { lowercase: false })).not.toThrow();
    expect(wordSimilarity(t3, pairs, { lowercase: false }).covered).toBe(3);
  });
  it('needs two covered pairs and well-formed input', () => {
    expect(() => wordSimilarity(t3, [{ word1: 'x', word2: 'y', score: 1 }])).toThrow(/0 of 1 are covered/);
    expect(() => wordSimilarity(t3, [{ word1: 'a', word2: 'b' } as never])).toThrow(/Pair 0/);
    expect(() => wordSimilarity({} as never, [])).toThrow(TypeError);
  });
});

describe('analogyAccuracy (3CosAdd)', () => {
  // a : b :: c : d with b - a + c = [0, 0.1, 1, 0]; c itself is the nearest word, so the answer d
  // is only found because a, b and c are excluded.
  const words = ['a', 'b', 'c', 'd', 'e', 'f'];
  const M = [[1, 0, 0, 0], [1, 0.1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 0.3], [0, 0, 0, 1], [0, 1, 0, 0]];
  const table = new EmbeddingTable(words, { data: Float32Array.from(M.flat()), rows: 6, cols: 4 });
  const qs: AnalogyQuestion[] = [
    { section: 's1', a: 'A', b: 'b', c: 'c', d: 'd' },
    { section: 's1', a: 'a', b: 'b', c: 'c', d: 'e' }, // wrong answer
    { section: 's2', a: 'a', b: 'f', c: 'c', d: 'zzz' }, // OOV: not covered
  ];
  it('excludes the question words, reports coverage and sections', () => {
    const r = analogyAccuracy(table, qs);
    expect(r).toMatchObject({ correct: 1, covered: 2, total: 3, accuracy: 0.5, searched: 6 });
    expect(r.perSection).toEqual({
      s1: { accuracy: 0.5, correct: 1, covered: 2, total: 2 },
      s2: { accuracy: 0, correct: 0, covered: 0, total: 1 },
    });
  });
  it('restrictVocab, sections and maxQuestions are explicit and reported', () => {
    const r = analogyAccuracy(table, qs, { restrictVocab: 3 });
    expect(r.searched).toBe(3);
    expect(r.covered).toBe(0); // d is row 3, outside the top 3
    expect(analogyAccuracy(table, qs, { sections: ['s2'] }).total).toBe(1);
    expect(analogyAccuracy(table, qs, { maxQuestions: 1 })).toMatchObject({ total: 1, covered: 1, correct: 1 });
    expect(() => analogyAccuracy(table, qs, { sections: ['nope'] })).toThrow(/unknown sections 'nope'/);
    expect(() => analogyAccuracy(table, qs, { restrictVocab: 0 })).toThrow(RangeError);
  });
  it('agrees with a brute-force float64 argmax on a random table (odd sizes, several batches)', () => {
    const rng = createRng(5);
    const n = 101, d = 7;
    const data = new Float32Array(n * d).map(() => rng.normal());
    const t = new EmbeddingTable(Array.from({ length: n }, (_, i) => `w${i}`), { data, rows: n, cols: d });
    const unit = (i: number) => { const v = Array.from(data.subarray(i * d, (i + 1) * d)); const s = Math.hypot(...v); return v.map((x) => x / s); };
    const questions: AnalogyQuestion[] = [];
    let expected = 0;
    for (let q = 0; q < 45; q++) {
      const [a, b, c] = [rng.int(n), rng.int(n), rng.int(n)];
      if (a === b || b === c || a === c) continue;
      const ua = unit(a), ub = unit(b), uc = unit(c);
      const qv = ub.map((x, k) => x - ua[k] + uc[k]);
      let best = -1, bs = -Infinity;
      for (let j = 0; j < n; j++) {
        if (j === a || j === b || j === c) continue;
        const u = unit(j);
        const s = u.reduce((acc, x, k) => acc + x * qv[k], 0);
        if (s > bs) { bs = s; best = j; }
      }
      const dIdx = q % 3 === 0 ? rng.int(n) : best;
      if (dIdx === best) expected++;
      questions.push({ section: 'r', a: `w${a}`, b: `w${b}`, c: `w${c}`, d: `w${dIdx}` });
    }
    const r = analogyAccuracy(t, questions, { batchSize: 8 });
    expect(r.covered).toBe(questions.length);
    expect(r.correct).toBe(expected);
  });
});

describe('evaluateWordBenchmarks', () => {
  it('scores raw and transformed tables side by side in one call and formats a table', () => {
    const rng = createRng(9);
    const n = 60, d = 5;
    const data = new Float64Array(n * d).map(() => rng.normal() + 1);
    const t = new EmbeddingTable(Array.from({ length: n }, (_, i) => `w${i}`), { data, rows: n, cols: d });
    const pairs = Array.from({ length: 20 }, (_, i) => ({ word1: `w${i}`, word2: `w${i + 20}`, score: rng.next() }));
    const analogy = [{ section: 's', a: 'w1', b: 'w2', c: 'w3', d: 'w4' }];
    const rows = evaluateWordBenchmarks(t, { similarity: { toy: pairs }, analogy, transforms: { raw: null, 'abtt D=1': new AllButTheTop({ d: 1 }) } });
    expect(rows.map((r) => r.variant)).toEqual(['raw', 'abtt D=1']);
    expect(rows[0].similarity.toy).toEqual(wordSimilarity(t, pairs));
    const abtt = t.withMatrix(new AllButTheTop({ d: 1 }).fitTransform(t.matrix));
    expect(rows[1].similarity.toy.spearman).toBeCloseTo(wordSimilarity(abtt, pairs).spearman, 12);
    expect(rows[1].analogy!.covered).toBe(1);
    const text = formatWordBenchmarks(rows);
    expect(text.split('\n')[0]).toMatch(/^variant\s+dim\s+toy \(20\/20\)\s+analogy \(1\/1, searched 60\)$/);
    expect(text.split('\n')).toHaveLength(4);
  });
});
