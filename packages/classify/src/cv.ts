/**
 * Deterministic stratified splits (own implementation so the package does not depend
 * on @embfact/datasets at run time; `evaluateClassification` also accepts folds made
 * elsewhere). Within each class the sample indices are shuffled with `createRng(seed)`
 * and dealt round-robin over the folds, the deal of each class continuing where the
 * previous class stopped — every fold gets ⌊n_k/k⌋ or ⌈n_k/k⌉ samples of class k and
 * fold sizes differ by at most one.
 */
import { checkInt, checkNumber, createRng } from '@embfact/core';
import { encodeLabels, type Label } from './labels.js';

/** One train/test split (sorted index lists). */
export interface Fold {
  train: number[];
  test: number[];
}

/**
 * Stratified k-fold split.
 * @param labels - one label per sample
 * @param k - number of folds (≥ 2, ≤ the size of the largest class is not required, but
 *   every class must have at least `k` members so each test fold sees it)
 * @throws RangeError when k < 2, k > n, or a class has fewer than k members
 * @example stratifiedKFold(['a','a','b','b'], { k: 2, seed: 0 })
 */
export function stratifiedKFold(labels: readonly Label[], opts: { k: number; seed: number }): Fold[] {
  const k = checkInt(opts.k, "The 'k' option of stratifiedKFold", 2);
  const seed = checkInt(opts.seed, "The 'seed' option of stratifiedKFold", 0, 2 ** 32 - 1);
  const { classes, codes } = encodeLabels(labels, "The 'labels' argument of stratifiedKFold", labels.length, 1);
  const n = labels.length;
  if (k > n) throw new RangeError(`The 'k' option of stratifiedKFold must be at most the number of samples (${n}); got ${k}.`);
  const rng = createRng(seed);
  const foldOf = new Int32Array(n);
  let next = 0;
  for (let c = 0; c < classes.length; c++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (codes[i] === c) members.push(i);
    if (members.length < k) {
      throw new RangeError(`stratifiedKFold with k = ${k} needs at least ${k} samples of every class; class ${JSON.stringify(classes[c])} has ${members.length}.`);
    }
    rng.shuffle(members);
    for (const i of members) { foldOf[i] = next; next = (next + 1) % k; }
  }
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const train: number[] = [], test: number[] = [];
    for (let i = 0; i < n; i++) (foldOf[i] === f ? test : train).push(i);
    folds.push({ train, test });
  }
  return folds;
}

/**
 * Stratified train/test split: ⌊testSize·n_k⌉ of each class (at least one, at most n_k − 1) go to test.
 * @throws RangeError on testSize outside (0, 1) or a class with a single member
 */
export function stratifiedSplit(labels: readonly Label[], opts: { testSize: number; seed: number }): Fold {
  const t = checkNumber(opts.testSize, "The 'testSize' option of stratifiedSplit", 0, 1);
  if (t <= 0 || t >= 1) throw new RangeError(`The 'testSize' option of stratifiedSplit must be in (0, 1); got ${t}.`);
  const seed = checkInt(opts.seed, "The 'seed' option of stratifiedSplit", 0, 2 ** 32 - 1);
  const { classes, codes } = encodeLabels(labels, "The 'labels' argument of stratifiedSplit", labels.length, 1);
  const rng = createRng(seed);
  const isTest = new Uint8Array(labels.length);
  for (let c = 0; c < classes.length; c++) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (codes[i] === c) members.push(i);
    if (members.length < 2) throw new RangeError(`stratifiedSplit needs at least 2 samples of every class; class ${JSON.stringify(classes[c])} has ${members.length}.`);
    rng.shuffle(members);
    const m = Math.min(members.length - 1, Math.max(1, Math.round(t * members.length)));
    for (let q = 0; q < m; q++) isTest[members[q]] = 1;
  }
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < labels.length; i++) (isTest[i] ? test : train).push(i);
  return { train, test };
}
