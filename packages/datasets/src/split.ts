/**
 * Deterministic, seeded, stratified train/test splits and k-fold cross-validation.
 */
import { createRng, describe } from '@embfact/core';

type Label = string | number;

/** Group indices by label; classes in sorted order of `String(label)` (independent of input order). */
function groupByLabel(labels: readonly Label[], fn: string): { classes: string[]; members: number[][] } {
  if (!Array.isArray(labels)) throw new TypeError(`The 'labels' argument of ${fn} must be an array of strings or numbers; got ${describe(labels)}.`);
  const byClass = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (typeof l !== 'string' && !(typeof l === 'number' && Number.isFinite(l))) {
      throw new TypeError(`The 'labels' argument of ${fn} must hold strings or finite numbers; got ${describe(l)} at index ${i}.`);
    }
    const key = String(l);
    let m = byClass.get(key);
    if (!m) byClass.set(key, (m = []));
    m.push(i);
  }
  const classes = [...byClass.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return { classes, members: classes.map((c) => byClass.get(c)!) };
}

function checkSeed(seed: unknown, fn: string): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new TypeError(`The 'seed' option of ${fn} must be an integer; got ${describe(seed)}.`);
  }
  return seed;
}

/** A train/test partition of `0 .. n-1`, each list sorted ascending. */
export interface SplitIndices {
  train: number[];
  test: number[];
}

/** Options of {@link stratifiedSplit}. */
export interface StratifiedSplitOptions {
  /** Fraction in (0, 1) of the documents to put in test (the count is `round(testSize * n)`), or an integer count in [1, n-1]. */
  testSize: number;
  /** Seed of the shuffle inside each class (required: no hidden randomness). */
  seed: number;
}

/**
 * Stratified, seeded train/test split (like scikit-learn's `train_test_split(...,
 * stratify=y)`, not bit-identical to it).
 *
 * The test count of each class is its exact quota `n_c * nTest / n` rounded by the
 * largest-remainder (Hamilton) method, so class counts sum to `nTest` and each differs
 * from its quota by less than 1; then every class is guaranteed at least one train and
 * one test member (moved from the class furthest above its quota). Members of a class
 * are taken from a seeded shuffle. Classes are ordered by `String(label)`, so the result
 * depends only on the labels and the seed.
 *
 * @param labels - one class label per document.
 * @returns indices into `labels`, each list sorted ascending.
 * @throws {TypeError} for a non-array, a label that is not a string or finite number, a non-integer seed.
 * @throws {RangeError} for a bad `testSize`, a class with fewer than 2 members (named), or
 *   fewer test (or train) slots than classes.
 * @example
 * const { train, test } = stratifiedSplit(docs.map((d) => d.label!), { testSize: 0.2, seed: 42 });
 */
export function stratifiedSplit(labels: readonly Label[], opts: StratifiedSplitOptions): SplitIndices {
  const fn = 'stratifiedSplit';
  const { classes, members } = groupByLabel(labels, fn);
  const seed = checkSeed(opts?.seed, fn);
  const n = labels.length;
  const ts = opts.testSize;
  if (typeof ts !== 'number' || !Number.isFinite(ts) || ts <= 0 || (ts >= 1 && !Number.isInteger(ts)) || ts >= n) {
    throw new RangeError(`The 'testSize' option of ${fn} must be a fraction in (0, 1) or an integer in [1, ${n - 1}]; got ${describe(ts)}.`);
  }
  const nTest = ts < 1 ? Math.round(ts * n) : ts;
  const K = classes.length;
  members.forEach((m, c) => {
    if (m.length < 2) throw new RangeError(`Class ${JSON.stringify(classes[c])} has ${m.length} member; ${fn} needs at least 2 per class (one for train, one for test).`);
  });
  if (nTest < K || n - nTest < K) {
    throw new RangeError(`The 'testSize' option of ${fn} gives ${nTest} test and ${n - nTest} train documents; both must be at least the number of classes (${K}).`);
  }
  const quota = members.map((m) => (m.length * nTest) / n);
  const alloc = quota.map(Math.floor);
  let left = nTest - alloc.reduce((s, x) => s + x, 0);
  const order = classes.map((_c, i) => i).sort((x, y) => quota[y] - alloc[y] - (quota[x] - alloc[x]) || members[y].length - members[x].length || x - y);
  for (let j = 0; left > 0; j++, left--) alloc[order[j % K]]++;
  // Every class keeps >= 1 test and >= 1 train member.
  for (let c = 0; c < K; c++) {
    const size = members[c].length;
    while (alloc[c] < 1 || alloc[c] > size - 1) {
      const need = alloc[c] < 1 ? +1 : -1;
      let best = -1;
      for (let o = 0; o < K; o++) {
        if (o === c) continue;
        const ok = need > 0 ? alloc[o] >= 2 : alloc[o] <= members[o].length - 2;
        if (!ok) continue;
        const gap = need > 0 ? alloc[o] - quota[o] : quota[o] - alloc[o];
        const bestGap = best < 0 ? -Infinity : need > 0 ? alloc[best] - quota[best] : quota[best] - alloc[best];
        if (gap > bestGap) best = o;
      }
      alloc[c] += need;
      alloc[best] -= need;
    }
  }
  const rng = createRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  members.forEach((m, c) => {
    const perm = m.slice();
    rng.shuffle(perm);
    for (let i = 0; i < perm.length; i++) (i < alloc[c] ? test : train).push(perm[i]);
  });
  train.sort((x, y) => x - y);
  test.sort((x, y) => x - y);
  return { train, test };
}

/** Options of {@link stratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /** Number of folds, an integer >= 2. */
  k: number;
  /** Seed of the shuffle inside each class. */
  seed: number;
}

/**
 * Stratified, seeded k-fold cross-validation folds.
 *
 * The members of each class are shuffled (seeded), the classes are concatenated in
 * `String(label)` order, and the i-th document of that sequence goes to fold `i mod k`.
 * So every class has `floor(n_c / k)` or `ceil(n_c / k)` members in each test fold, and
 * fold sizes differ by at most 1. The k test folds partition `0 .. n-1`; fold f's train
 * set is the complement of its test set.
 *
 * @returns k objects `{ train, test }`, each list sorted ascending.
 * @throws {TypeError} for bad labels or seed.
 * @throws {RangeError} when `k` is not an integer >= 2, or a class has fewer than k members (named with its count).
 * @example
 * for (const { train, test } of stratifiedKFold(labels, { k: 5, seed: 0 })) { ... }
 */
export function stratifiedKFold(labels: readonly Label[], opts: StratifiedKFoldOptions): SplitIndices[] {
  const fn = 'stratifiedKFold';
  const { classes, members } = groupByLabel(labels, fn);
  const seed = checkSeed(opts?.seed, fn);
  const k = opts.k;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) {
    throw new RangeError(`The 'k' option of ${fn} must be an integer >= 2; got ${describe(k)}.`);
  }
  members.forEach((m, c) => {
    if (m.length < k) {
      throw new RangeError(`Class ${JSON.stringify(classes[c])} has ${m.length} member${m.length === 1 ? '' : 's'}; ${fn} with k = ${k} needs at least ${k} per class.`);
    }
  });
  const rng = createRng(seed);
  const foldOf = new Int32Array(labels.length);
  let pos = 0;
  for (const m of members) {
    const perm = m.slice();
    rng.shuffle(perm);
    for (const idx of perm) foldOf[idx] = pos++ % k;
  }
  const folds: SplitIndices[] = Array.from({ length: k }, () => ({ train: [], test: [] }));
  for (let i = 0; i < labels.length; i++) {
    for (let f = 0; f < k; f++) (f === foldOf[i] ? folds[f].test : folds[f].train).push(i);
  }
  return folds;
}
