import { describe, expect, it } from 'vitest';
import { clusterWords, distinctiveTerms, nearestWords } from '../src/index.js';

const words = ['cat', 'dog', 'kitten', 'car', 'truck', 'the'];
const table = {
  words,
  matrix: { data: new Float64Array([1, 0.1, 0.9, 0.2, 0.95, 0.05, 0, 1, 0.1, 0.9, 0.5, 0.5]), rows: 6, cols: 2 },
  indexOf: (w: string) => words.indexOf(w),
};

describe('nearestWords', () => {
  it('returns the words nearest each centre, best first, by cosine and by distance', () => {
    const res = nearestWords(table, [[1, 0], [0, 1]], { topN: 2 });
    expect(res[0].map((r) => r.term)).toEqual(['kitten', 'cat']);
    expect(res[1].map((r) => r.term)).toEqual(['car', 'truck']);
    expect(res[0][0].score).toBeAllClose(0.95 / Math.hypot(0.95, 0.05), 1e-12);
    const euc = nearestWords(table, [[0.5, 0.5]], { topN: 1, metric: 'euclidean' });
    expect(euc[0][0].term).toBe('the');
    expect(euc[0][0].score).toBeAllClose(0, 1e-7);
    const filtered = nearestWords(table, [[1, 0]], { topN: 1, filter: (w) => w !== 'kitten', maxVocab: 3 });
    expect(filtered[0][0].term).toBe('cat');
  });
  it('offset: equals scoring the shifted words against the shifted centres', () => {
    const off = [0.4, 0.3];
    const shifted = { ...table, matrix: { data: table.matrix.data.map((v, i) => v - off[i % 2]), rows: 6, cols: 2 } };
    const centres = [[1, 0.2], [0.3, 0.9]];
    const a = nearestWords(table, centres, { topN: 3, offset: off });
    const b = nearestWords(shifted, centres.map((c) => [c[0] - off[0], c[1] - off[1]]), { topN: 3 });
    expect(a.map((l) => l.map((x) => x.term))).toEqual(b.map((l) => l.map((x) => x.term)));
    expect(a[0].map((x) => x.score)).toBeAllClose(b[0].map((x) => x.score), 1e-12);
    expect(() => nearestWords(table, centres, { offset: [1] })).toThrow(/'offset' option of nearestWords must be a vector of length 2/);
  });
  it('rejects centres of another dimension', () => {
    expect(() => nearestWords(table, [[1, 0, 0]])).toThrow(/2 columns; got 3/);
  });
});

describe('distinctiveTerms', () => {
  const docs = [['goal', 'match', 'the', 'goal'], ['match', 'team', 'the', 'goal'], ['vote', 'law', 'the', 'vote'], ['law', 'court', 'the', 'law']];
  it('c-TF-IDF: W = tf/|c| · log(1 + A/f)', () => {
    const res = distinctiveTerms(docs, [0, 0, 1, 1], { topN: 3 });
    // cluster 0: 8 tokens, A = 8; goal: tf 3, f 3 -> 3/8 log(1 + 8/3); the: 2/8 log(1 + 8/4)
    expect(res[0][0].term).toBe('goal');
    expect(res[0][0].score).toBeAllClose((3 / 8) * Math.log(1 + 8 / 3), 1e-15);
    // match: 2/8 log(1 + 8/2) > the: 2/8 log(1 + 8/4); minCount 2 drops 'team'
    expect(res[0].map((r) => r.term)).toEqual(['goal', 'match', 'the']);
    expect(res[1].map((r) => r.term)).toEqual(['law', 'vote', 'the']);
  });
  it('log-odds ranks shared words below distinctive ones', () => {
    const res = distinctiveTerms(docs, [0, 0, 1, 1], { method: 'logodds', minCount: 1, topN: 10 });
    const terms = res[0].map((r) => r.term);
    expect(terms.indexOf('goal')).toBeLessThan(terms.indexOf('the'));
    expect(res[1][0].term).toBe('law');
  });
  it('empty clusters get empty lists; mismatched lengths throw', () => {
    const res = distinctiveTerms(docs, [0, 0, 2, 2]);
    expect(res[1]).toEqual([]);
    expect(() => distinctiveTerms(docs, [0, 1])).toThrow(/one label per document \(4\); got 2/);
    expect(() => distinctiveTerms(docs, [0, 1, -1, 0])).toThrow(/entry 2 is -1/);
  });
});

describe('clusterWords', () => {
  it('groups the vocabulary and lists the members nearest each centre', () => {
    const { model, clusters } = clusterWords(table, { k: 2, topN: 2, batchSize: 4, seed: 1 });
    expect(clusters.reduce((a, c) => a + c.size, 0)).toBe(6);
    const animal = clusters.find((c) => c.words.some((w) => w.term === 'cat'));
    expect(animal?.words.map((w) => w.term).sort()).toEqual(['cat', 'kitten']);
    expect(model.labels[words.indexOf('car')]).toBe(model.labels[words.indexOf('truck')]);
    expect(model.labels[words.indexOf('car')]).not.toBe(model.labels[words.indexOf('cat')]);
    expect(() => clusterWords(table, { k: 7 })).toThrow(/at least k = 7 rows; got 6/);
  });
});
