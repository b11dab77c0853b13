/**
 * Classification metrics with scikit-learn's conventions: accuracy, confusion matrix
 * (rows = true class, columns = predicted class), per-class precision / recall / F1
 * (a zero denominator gives 0, scikit-learn's `zero_division=0`), and macro-F1 =
 * unweighted mean of the per-class F1 over the classes present in `yTrue` or `yPred`.
 */
import { checkLabels, type Label } from './labels.js';

function checkPair(yTrue: readonly Label[], yPred: readonly Label[], fn: string): void {
  const a = checkLabels(yTrue, `The 'yTrue' argument of ${fn}`);
  const b = checkLabels(yPred, `The 'yPred' argument of ${fn}`);
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`The 'yPred' argument of ${fn} must have the length of 'yTrue' (${yTrue.length}); got ${yPred.length}.`);
  }
  if (yTrue.length === 0) throw new RangeError(`The 'yTrue' argument of ${fn} must not be empty.`);
  if (a !== b) throw new TypeError(`${fn} needs labels of one type; 'yTrue' holds ${a}s and 'yPred' ${b}s.`);
}

/**
 * Fraction of correct predictions.
 * @throws RangeError on empty or mismatched inputs; TypeError on mixed label types
 * @example accuracy(['a', 'b'], ['a', 'a']) // 0.5
 */
export function accuracy(yTrue: readonly Label[], yPred: readonly Label[]): number {
  checkPair(yTrue, yPred, 'accuracy');
  let ok = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) ok++;
  return ok / yTrue.length;
}

/** Confusion matrix over `labels` (default: sorted union of both label lists). */
export interface Confusion<L extends Label = Label> {
  labels: L[];
  /** `matrix[i][j]` = number of samples of true class `labels[i]` predicted as `labels[j]`. */
  matrix: number[][];
}

function sortedUnion<L extends Label>(a: readonly L[], b: readonly L[]): L[] {
  return [...new Set([...a, ...b])].sort((x, y) =>
    typeof x === 'number' && typeof y === 'number' ? x - y : x < y ? -1 : x > y ? 1 : 0);
}

/**
 * Confusion matrix.
 * @param labels - class order (default: sorted union of the labels seen); a label outside it throws
 * @throws RangeError when a label is not in `labels`
 */
export function confusionMatrix<L extends Label>(yTrue: readonly L[], yPred: readonly L[], labels?: readonly L[]): Confusion<L> {
  checkPair(yTrue, yPred, 'confusionMatrix');
  const labs = labels ? [...labels] : sortedUnion(yTrue, yPred);
  const idx = new Map<L, number>(labs.map((l, i) => [l, i]));
  const K = labs.length;
  const matrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const a = idx.get(yTrue[i]);
    const b = idx.get(yPred[i]);
    if (a === undefined || b === undefined) {
      throw new RangeError(`confusionMatrix: label ${JSON.stringify(a === undefined ? yTrue[i] : yPred[i])} at position ${i} is not in 'labels'.`);
    }
    matrix[a][b]++;
  }
  return { labels: labs, matrix };
}

/** Per-class scores. */
export interface ClassScores<L extends Label = Label> {
  label: L;
  precision: number;
  recall: number;
  f1: number;
  /** Number of true samples of this class. */
  support: number;
}

/** Everything {@link classificationReport} computes. */
export interface ClassificationReport<L extends Label = Label> {
  accuracy: number;
  macroF1: number;
  macroPrecision: number;
  macroRecall: number;
  /** Support-weighted mean F1. */
  weightedF1: number;
  perClass: ClassScores<L>[];
  confusion: Confusion<L>;
}

/** Scores from a confusion matrix (rows true, columns predicted). */
export function reportFromConfusion<L extends Label>(confusion: Confusion<L>): ClassificationReport<L> {
  const { labels, matrix } = confusion;
  const K = labels.length;
  let total = 0, correct = 0;
  const perClass: ClassScores<L>[] = [];
  for (let k = 0; k < K; k++) {
    let row = 0, col = 0;
    for (let j = 0; j < K; j++) { row += matrix[k][j]; col += matrix[j][k]; }
    const tp = matrix[k][k];
    total += row; correct += tp;
    const precision = col > 0 ? tp / col : 0;
    const recall = row > 0 ? tp / row : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass.push({ label: labels[k], precision, recall, f1, support: row });
  }
  const mean = (f: (c: ClassScores<L>) => number) => perClass.reduce((a, c) => a + f(c), 0) / Math.max(1, K);
  return {
    accuracy: total > 0 ? correct / total : 0,
    macroF1: mean((c) => c.f1),
    macroPrecision: mean((c) => c.precision),
    macroRecall: mean((c) => c.recall),
    weightedF1: total > 0 ? perClass.reduce((a, c) => a + c.f1 * c.support, 0) / total : 0,
    perClass,
    confusion,
  };
}

/**
 * Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix.
 * @example classificationReport(['a','b','b'], ['a','b','a']).macroF1 // 0.6667
 */
export function classificationReport<L extends Label>(yTrue: readonly L[], yPred: readonly L[], labels?: readonly L[]): ClassificationReport<L> {
  return reportFromConfusion(confusionMatrix(yTrue, yPred, labels));
}

/** Macro-averaged F1 (see {@link classificationReport}). */
export function macroF1<L extends Label>(yTrue: readonly L[], yPred: readonly L[], labels?: readonly L[]): number {
  return classificationReport(yTrue, yPred, labels).macroF1;
}
