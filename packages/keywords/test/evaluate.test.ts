import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix } from '@embfact/core';
import { EmbeddingTable } from '@embfact/embeddings';
import { evaluateInspec, evaluateRankings, normalizePhrase, scoreAtK } from '../src/index.js';

describe('normalizePhrase', () => {
  it('lowercases and Porter-stems each word', () => {
    expect(normalizePhrase('Neural Networks')).toBe('neural network');
    expect(normalizePhrase('  Kalman  filters, ')).toBe('kalman filter');
    expect(normalizePhrase('...')).toBe('');
  });
});

describe('F1@k (hand-computed)', () => {
  it('P, R, F1 at k', () => {
    // top-2 = {neural network, model}; gold = {neural network, data}: 1 hit
    expect(scoreAtK(['neural networks', 'model', 'training data'], ['neural network', 'data'], 2)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    // k = 3: 1 hit of 3 predictions, 2 gold -> P = 1/3, R = 1/2, F = 2 * (1/6) / (5/6) = 0.4
    const r = scoreAtK(['neural networks', 'model', 'training data'], ['neural network', 'data'], 3);
    expect([r.precision, r.recall, r.f1]).toBeAllClose([1 / 3, 1 / 2, 0.4], 1e-15);
  });
  it('fewer predictions than k: precision over the predictions made (pke)', () => {
    expect(scoreAtK(['a b'], ['a b', 'c d'], 10)).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3 });
  });
  it('duplicates after stemming count once; empty predictions or gold give 0', () => {
    expect(scoreAtK(['model', 'models', 'data'], ['data'], 2)).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
    expect(scoreAtK([], ['x'], 5)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(scoreAtK(['x'], [], 5)).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(() => scoreAtK(['x'], ['x'], 0)).toThrow(/'k'/);
  });
  it('macro-averages over documents, counting empty ones as zero', () => {
    const r = evaluateRankings([['a', 'b'], [], ['c']], [['a'], ['x'], []], [1, 2]);
    // doc1 @1: P=1,R=1,F=1; @2: P=.5,R=1,F=2/3. doc2: 0. doc3: P=0 (miss), R=0 (empty gold).
    expect(r.atK[1]).toEqual({ precision: 1 / 3, recall: 1 / 3, f1: 1 / 3 });
    expect([r.atK[2].precision, r.atK[2].recall, r.atK[2].f1]).toBeAllClose([0.5 / 3, 1 / 3, 2 / 9], 1e-15);
    expect(r.documents).toBe(3);
    expect(r.emptyGold).toBe(1);
    expect(r.emptyPredictions).toBe(1);
    expect(() => evaluateRankings([[]], [])).toThrow(RangeError);
  });
});

describe('evaluateInspec on synthetic documents', () => {
  const words = ['matrix', 'factorization', 'word', 'embeddings', 'whitening', 'keyword', 'extraction', 'phrases', 'similarity'];
  const rows = words.map((_, i) => [Math.cos(i), Math.sin(i), (i % 3) - 1, i / 10]);
  const table = new EmbeddingTable(words, fromRows(rows));
  const documents = [
    { text: 'Matrix factorization of word embeddings.', keyphrases: ['matrix factorization', 'word embeddings'], split: 'test' },
    { text: 'Keyword extraction. It ranks phrases.', keyphrases: ['keyword extraction'], split: 'test' },
    { text: 'Whitening improves word similarity.', keyphrases: ['whitening'], split: 'train' },
  ];
  it('scores the requested split with hand-checkable numbers', () => {
    const r = evaluateInspec({ documents, method: 'firstphrases', split: 'test' });
    // doc 1: predictions 'Matrix factorization', 'word embeddings' -> P = R = 1; doc 2: 'Keyword extraction', 'phrases' -> P = 1/2, R = 1
    expect(r.documents).toBe(2);
    expect(r.atK[10].precision).toBeAllClose(0.75, 1e-15);
    expect(r.atK[10].recall).toBeAllClose(1, 1e-15);
    expect(r.f1At10).toBeAllClose((1 + 2 / 3) / 2, 1e-15);
  });
  it('fits named transforms on the table (raw, whiten, abtt) and custom ones', () => {
    for (const t of ['raw', 'whiten', 'abtt'] as const) {
      const r = evaluateInspec({ documents, method: 'embedding', split: 'test', table, transform: t });
      expect(r.transform).toBe(t);
      expect(Number.isFinite(r.f1At10)).toBe(true);
    }
    let fitted = 0;
    const custom = { fit: () => { fitted++; }, transform: (m: Matrix) => m };
    evaluateInspec({ documents, method: 'embedding', split: 'test', table, transform: custom });
    expect(fitted).toBe(1);
    expect(() => evaluateInspec({ documents, method: 'embedding', split: 'test', table, transform: 'pca' as 'raw' })).toThrow(/'transform'/);
    expect(() => evaluateInspec({ documents, method: 'yake', split: 'dev' })).toThrow(/no documents with split 'dev'/);
  });
});
