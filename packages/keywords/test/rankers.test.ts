import { describe, expect, it } from 'vitest';
import { FormatError, NotFittedError, fromRows } from '@embfact/core';
import {
  DocumentFrequencies, analyze, extractKeywords, extractKeywordsBatch, fuse, graphScores, maxSum, mmr,
  selectCandidates, tfidfScores, yakeScores, firstPhraseScores, KeywordExtractor, WordVectorCache, cosine,
} from '../src/index.js';

const corpus = [
  'Matrix factorization of word embeddings.',
  'Word embeddings capture similarity.',
  'Whitening makes embeddings isotropic.',
  'Keyword extraction ranks candidate phrases.',
];

describe('DocumentFrequencies / TF-IDF', () => {
  it('counts each phrase once per document and computes pke idf = ln((N+1)/(df+1))', () => {
    const df = new DocumentFrequencies().fit(corpus);
    expect(df.documentCount).toBe(4);
    expect(df.df('word embed')).toBe(2);
    expect(df.df('embed')).toBe(3);
    expect(df.df('unseen')).toBe(0);
    expect(df.idf('embed')).toBeAllClose(Math.log(5 / 4), 1e-15);
    expect(df.idf('unseen')).toBeAllClose(Math.log(5), 1e-15);
    const doc = analyze('Embeddings, embeddings and whitening.');
    const cands = selectCandidates(doc, { selection: 'ngrams' });
    const s = tfidfScores(cands, df);
    expect(cands.map((c) => c.key)).toEqual(['embed', 'whiten']);
    expect(s).toBeAllClose([2 * Math.log(5 / 4), Math.log(5 / 2)], 1e-15);
  });
  it('round-trips through JSON and rejects a wrong name or version', () => {
    const df = new DocumentFrequencies().fit(corpus);
    const back = DocumentFrequencies.fromJSON(JSON.parse(JSON.stringify(df.toJSON())));
    expect(back.documentCount).toBe(4);
    expect(back.df('word embed')).toBe(2);
    expect(back.size).toBe(df.size);
    expect(() => DocumentFrequencies.fromJSON({ ...df.toJSON(), name: 'Other' })).toThrow(FormatError);
    expect(() => DocumentFrequencies.fromJSON({ ...df.toJSON(), version: 2 })).toThrow(FormatError);
    expect(() => DocumentFrequencies.fromJSON({ ...df.toJSON(), df: { x: -1 } })).toThrow(/df\['x'\]/);
  });
  it('throws NotFittedError before fit and TypeError on bad input', () => {
    expect(() => new DocumentFrequencies().idf('x')).toThrow(NotFittedError);
    expect(() => new DocumentFrequencies().fit('text' as unknown as string[])).toThrow(TypeError);
    expect(() => new DocumentFrequencies().fit(['ok', 3 as unknown as string])).toThrow(/entry 1/);
  });
  it('tfidf without df is a RangeError naming the option', () => {
    expect(() => extractKeywords('text', { method: 'tfidf' })).toThrow(/'df'/);
    expect(() => extractKeywords('text', { method: 'nope' as 'tfidf' })).toThrow(/'method'/);
    expect(() => extractKeywords('text', { top: 0 })).toThrow(/'top'/);
  });
});

describe('YAKE-style ranker', () => {
  it('scores are in (0, 1], finite, and favour a frequent, early, spread term', () => {
    const text = 'Whitening transforms embeddings. Whitening removes the mean direction. Later text mentions cats once.';
    const doc = analyze(text);
    const cands = selectCandidates(doc, { selection: 'ngrams', maxWords: 1 });
    const s = yakeScores(doc, cands);
    for (const v of s) { expect(v).toBeGreaterThan(0); expect(v).toBeLessThanOrEqual(1); }
    const by = Object.fromEntries(cands.map((c, i) => [c.key, s[i]]));
    expect(by['whiten']).toBeGreaterThan(by['cat']);
  });
  it('matches a hand computation on a one-sentence document', () => {
    // "alpha beta": 1 sentence, TF = 1 each, no capitals. mean TF = 1, σ = 0, max TF = 1.
    // T_case = 0, T_pos = ln(ln(3 + 0)), T_fnorm = 1, T_sent = 1.
    // alpha: right neighbour beta once -> D_R = 1, D_L = 0 -> T_rel = 2; same for beta.
    // S(t) = 2 ln ln 3 / (0 + 1/2 + 1/2) = 2 ln ln 3.
    const doc = analyze('alpha beta');
    const cands = selectCandidates(doc, { selection: 'ngrams' });
    const st = 2 * Math.log(Math.log(3));
    const expected = { alpha: st / (1 + st), 'alpha beta': (st * st) / (1 + 2 * st), beta: st / (1 + st) };
    const s = yakeScores(doc, cands);
    cands.forEach((c, i) => expect(s[i]).toBeAllClose(1 / (1 + expected[c.phrase as keyof typeof expected]), 1e-12));
  });
});

describe('graph rankers', () => {
  it('SingleRank word scores sum to 1 (PageRank) and phrases sum their words', () => {
    const doc = analyze('graph ranking graph words ranking methods');
    const cands = selectCandidates(doc, { selection: 'ngrams', maxWords: 1 });
    const s = graphScores(doc, cands, 'singlerank');
    expect(s.reduce((a, b) => a + b, 0)).toBeAllClose(1, 1e-6);
    const two = selectCandidates(doc, { selection: 'ngrams', maxWords: 2 });
    const s2 = graphScores(doc, two, 'singlerank');
    const word = (k: string) => s2[two.findIndex((c) => c.key === k)];
    expect(word('graph rank')).toBeAllClose(word('graph') + word('rank'), 1e-12);
  });
  it('PositionRank prefers early words at equal structure', () => {
    const doc = analyze('alpha beta gamma delta');
    const cands = selectCandidates(doc, { selection: 'ngrams', maxWords: 1 });
    const s = graphScores(doc, cands, 'positionrank');
    expect(s[0]).toBeGreaterThan(s[3]);
  });
  it('an empty graph gives zeros, never NaN', () => {
    const doc = analyze('');
    expect(graphScores(doc, [], 'textrank')).toEqual(new Float64Array(0));
  });
});

describe('diversity', () => {
  // three near-duplicate phrases and one different one
  const v = (a: number, b: number) => Float64Array.from([a, b]);
  const vecs = [v(1, 0), v(0.99, 0.01), v(0.98, 0.02), v(0, 1)];
  const rel = Float64Array.from([1.0, 0.95, 0.9, 0.5]);
  it('MMR with λ = 1 is plain ranking; with λ = 0.5 it skips near-duplicates', () => {
    expect(mmr(rel, vecs, 2, 1)).toEqual([0, 1]);
    expect(mmr(rel, vecs, 2, 0.5)).toEqual([0, 3]);
  });
  it('max-sum picks the least similar pair out of the pool, ordered by relevance', () => {
    expect(maxSum(rel, vecs, 2, 4)).toEqual([0, 3]);
    expect(maxSum(rel, vecs, 2, 3)).toEqual([0, 2]);
  });
  it('max-sum falls back to a greedy pick when C(pool, top) > 20,000, still distinct and by relevance', () => {
    const n = 30;
    const rel2 = Float64Array.from({ length: n }, (_, i) => 1 - i / n);
    const vecs2 = Array.from({ length: n }, (_, i) => Float64Array.from([Math.cos(i / 3), Math.sin(i / 3)]));
    const picked = maxSum(rel2, vecs2, 10, 30); // C(30, 10) ≈ 3e7
    expect(picked).toHaveLength(10);
    expect(new Set(picked).size).toBe(10);
    expect([...picked].sort((a, b) => a - b)).toEqual(picked);
    expect(picked[0]).toBe(0);
  });
  it('MMR through extractKeywords returns diverse phrases', () => {
    const words = ['neural', 'network', 'networks', 'deep', 'cooking', 'recipe'];
    const table = { indexOf: (w: string) => words.indexOf(w), matrix: fromRows([[1, 0, 0], [0.9, 0.1, 0], [0.9, 0.1, 0], [1, 0.05, 0], [0, 0, 1], [0, 0.1, 1]]) };
    const text = 'Deep neural network. Neural network. Deep network. Cooking recipe.';
    const plain = extractKeywords(text, { method: 'embedding', table, top: 2, candidates: { selection: 'ngrams' } });
    const div = extractKeywords(text, { method: 'embedding', table, top: 2, diversity: 'mmr', lambda: 0.3, candidates: { selection: 'ngrams' } });
    expect(plain.map((k) => k.phrase).join(' ')).not.toMatch(/cooking|recipe/i);
    expect(div.map((k) => k.phrase).join(' ')).toMatch(/cooking|recipe/i);
    expect(() => extractKeywords(text, { diversity: 'mmr' })).toThrow(/'table'/);
  });
});

describe('embedding ranker and cache', () => {
  it('OOV phrases score -1, hyphenated words fall back to their parts, never NaN', () => {
    const table = { indexOf: (w: string) => ['short', 'term', 'goal'].indexOf(w), matrix: fromRows([[1, 0], [0, 1], [1, 1]]) };
    const cache = new WordVectorCache(table);
    expect(Array.from(cache.get('short-term')!)).toEqual([0.5, 0.5]);
    expect(cache.get('zzz')).toBeNull();
    const out = extractKeywords('short-term goal. zzz qqq.', { method: 'embedding', table, candidates: { selection: 'ngrams' }, top: 10 });
    for (const k of out) expect(Number.isNaN(k.score)).toBe(false);
    expect(out[out.length - 1].score).toBe(-1);
    expect(cosine(Float64Array.from([0, 0]), Float64Array.from([1, 0]))).toBe(0);
  });
  it('the batch API equals one-by-one extraction and shares one cache', () => {
    const words = ['matrix', 'factorization', 'word', 'embeddings', 'whitening'];
    const table = { indexOf: (w: string) => words.indexOf(w), matrix: fromRows([[1, 0], [1, 0.2], [0, 1], [0.1, 1], [0.5, 0.5]]) };
    const batch = extractKeywordsBatch(corpus, { method: 'embedding', table, top: 3 });
    const single = corpus.map((t) => extractKeywords(t, { method: 'embedding', table, top: 3 }));
    expect(batch).toEqual(single);
    const ex = new KeywordExtractor({ method: 'embedding', table });
    ex.extractBatch(corpus);
    expect(ex.vectorCache!.size).toBeGreaterThan(0);
    const seen: number[] = [];
    extractKeywordsBatch(corpus, { method: 'yake', onProgress: (d) => seen.push(d) });
    expect(seen[seen.length - 1]).toBe(corpus.length);
  });
});

describe('FirstPhrases', () => {
  it('scores 1 / (1 + first token index)', () => {
    const doc = analyze('alpha beta, gamma. Alpha delta');
    const cands = selectCandidates(doc, { selection: 'ngrams', maxWords: 1 });
    expect(cands.map((c) => c.key)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(firstPhraseScores(cands)).toBeAllClose([1, 1 / 2, 1 / 3, 1 / 5], 1e-15);
  });
});

describe('rank fusion', () => {
  it('adds weighted reciprocal ranks', () => {
    const f = fuse([{ scores: Float64Array.from([3, 2, 1]), weight: 1 }, { scores: Float64Array.from([1, 3, 2]), weight: 2 }], 10);
    expect(f).toBeAllClose([1 / 11 + 2 / 13, 1 / 12 + 2 / 11, 1 / 13 + 2 / 12], 1e-15);
  });
});
