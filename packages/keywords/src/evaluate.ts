/**
 * Keyphrase evaluation with the field's convention (Hulth 2003; pke, Boudin 2016):
 * lowercase and Porter-stem both predicted and gold phrases, exact match of the stemmed
 * phrase, precision / recall / F1 at k per document, macro-averaged over documents.
 */
import { checkInt, describe } from '@embfact/core';
import { cachedStem } from './analyze.js';

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/**
 * Normal form used for matching: words (same tokenizer as extraction) lowercased,
 * Porter-stemmed, joined by one space. `'Neural Networks'` → `'neural network'`.
 */
export function normalizePhrase(phrase: string): string {
  const m = phrase.toLowerCase().match(WORD);
  return m === null ? '' : m.map(cachedStem).join(' ');
}

/** Precision, recall and F1 (each in [0, 1]). */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * P/R/F1 of one document at cut-off k:
 * - predictions are normalized, de-duplicated (first occurrence kept) and cut to the first k;
 * - gold phrases are normalized and de-duplicated (empty normal forms dropped);
 * - `P = |top ∩ gold| / |top|` — divided by the number of predictions actually made, which
 *   is below k when the method returns fewer (pke's `evaluate`); `P = 0` when nothing is
 *   predicted;
 * - `R = |top ∩ gold| / |gold|`, `R = 0` when the gold set is empty;
 * - `F1 = 2PR / (P + R)`, 0 when P + R = 0.
 *
 * @example
 * scoreAtK(['neural networks', 'model', 'training data'], ['neural network', 'data'], 2);
 * // { precision: 0.5, recall: 0.5, f1: 0.5 }
 */
export function scoreAtK(predicted: readonly string[], gold: readonly string[], k: number): PRF {
  checkInt(k, "The 'k' argument of scoreAtK", 1);
  const top: string[] = [];
  const seen = new Set<string>();
  for (const p of predicted) {
    if (top.length >= k) break;
    const n = normalizePhrase(p);
    if (n === '' || seen.has(n)) continue;
    seen.add(n);
    top.push(n);
  }
  const goldSet = new Set(gold.map(normalizePhrase).filter((g) => g !== ''));
  let hit = 0;
  for (const t of top) if (goldSet.has(t)) hit++;
  const precision = top.length === 0 ? 0 : hit / top.length;
  const recall = goldSet.size === 0 ? 0 : hit / goldSet.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Macro-averaged scores of a set of documents. */
export interface EvaluationResult {
  /** Macro-averaged P/R/F1 per cut-off, keyed by k. */
  atK: Record<number, PRF>;
  /** Number of documents averaged (all of them: empty gold or predictions count as 0). */
  documents: number;
  /** Documents whose gold set is empty after normalization (their recall is 0). */
  emptyGold: number;
  /** Documents for which nothing was predicted (their P, R and F1 are 0). */
  emptyPredictions: number;
}

/**
 * Macro-average {@link scoreAtK} over documents for each k (default 5 and 10).
 * Every document counts, including those with empty predictions or empty gold (they
 * score 0), so methods are compared on the same denominator.
 * @throws RangeError when the two lists differ in length
 */
export function evaluateRankings(predictions: readonly (readonly string[])[], gold: readonly (readonly string[])[], ks: readonly number[] = [5, 10]): EvaluationResult {
  if (!Array.isArray(predictions) || !Array.isArray(gold)) {
    throw new TypeError(`evaluateRankings expects two arrays of phrase lists; got ${describe(predictions)} and ${describe(gold)}.`);
  }
  if (predictions.length !== gold.length) {
    throw new RangeError(`evaluateRankings needs one gold list per prediction list; got ${predictions.length} predictions and ${gold.length} gold lists.`);
  }
  const atK: Record<number, PRF> = {};
  const n = predictions.length;
  for (const k of ks) {
    let p = 0, r = 0, f = 0;
    for (let i = 0; i < n; i++) {
      const s = scoreAtK(predictions[i], gold[i], k);
      p += s.precision; r += s.recall; f += s.f1;
    }
    atK[k] = n === 0 ? { precision: 0, recall: 0, f1: 0 } : { precision: p / n, recall: r / n, f1: f / n };
  }
  let emptyGold = 0, emptyPredictions = 0;
  for (let i = 0; i < n; i++) {
    if (!gold[i].some((g: string) => normalizePhrase(g) !== '')) emptyGold++;
    if (predictions[i].length === 0) emptyPredictions++;
  }
  return { atK, documents: n, emptyGold, emptyPredictions };
}
