import { describe, expect, it } from 'vitest';
import { evaluateRankings, normalizePhrase, scoreAtK } from '../src/index.js';

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
