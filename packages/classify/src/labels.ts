/**
 * Class labels: validation and encoding. A label set is either all strings or all
 * finite numbers (never mixed: `1` and `'1'` would otherwise collide in JSON and in
 * class-weight maps). Classes are sorted (strings by code unit order, numbers
 * ascending), as scikit-learn's `np.unique` does, so class order is deterministic.
 */
import { describe } from '@embfact/core';

/** A class label. */
export type Label = string | number;

/** Encoded labels: sorted distinct classes and, per sample, the index of its class. */
export interface EncodedLabels<L extends Label = Label> {
  classes: L[];
  codes: Int32Array;
}

/**
 * Check that `y` is an array of labels of one type and return its type.
 * @throws TypeError when `y` is not an array, holds something other than strings or
 *   finite numbers, or mixes strings and numbers
 */
export function checkLabels(y: unknown, name: string): 'string' | 'number' {
  if (!Array.isArray(y)) throw new TypeError(`${name} must be an array of labels; got ${describe(y)}.`);
  let kind: 'string' | 'number' | undefined;
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const t = typeof v;
    if (t === 'number' && !Number.isFinite(v)) {
      throw new TypeError(`${name} must hold strings or finite numbers; label ${i} is ${describe(v)}.`);
    }
    if (t !== 'string' && t !== 'number') {
      throw new TypeError(`${name} must hold strings or finite numbers; label ${i} is ${describe(v)}.`);
    }
    if (kind === undefined) kind = t as 'string' | 'number';
    else if (kind !== t) {
      throw new TypeError(`${name} must not mix label types: label 0 is a ${kind}, label ${i} is a ${t} (${describe(v)}). Convert them all to strings or all to numbers.`);
    }
  }
  return kind ?? 'string';
}

function compare(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Encode labels for training.
 * @param minClasses - minimum number of distinct classes (2 for classifiers)
 * @throws TypeError as {@link checkLabels}
 * @throws RangeError when `y` has fewer than `minClasses` distinct labels, or its
 *   length differs from `n`
 */
export function encodeLabels<L extends Label>(y: readonly L[], name: string, n: number, minClasses = 2): EncodedLabels<L> {
  checkLabels(y, name);
  if (y.length !== n) throw new RangeError(`${name} must have one label per sample (${n}); got ${y.length}.`);
  const classes = [...new Set(y)].sort(compare);
  if (classes.length < minClasses) {
    throw new RangeError(`${name} must contain at least ${minClasses} distinct classes to train a classifier; got ${classes.length}${classes.length === 1 ? ` (only ${describe(classes[0])})` : ''}.`);
  }
  const index = new Map<L, number>(classes.map((c, i) => [c, i]));
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) codes[i] = index.get(y[i])!;
  return { classes, codes };
}

/** Class weights: `'balanced'` (n / (K · count_k), as scikit-learn) or an explicit map label → weight. */
export type ClassWeight = 'balanced' | Record<string, number> | ReadonlyMap<Label, number>;

/**
 * Per-class weights (length K) from a {@link ClassWeight} spec; classes absent from a
 * map get weight 1 (as scikit-learn).
 * @throws RangeError on a non-positive or non-finite weight, or a map key that is not a class
 */
export function classWeights(spec: ClassWeight | undefined, classes: readonly Label[], codes: Int32Array, name: string): Float64Array {
  const K = classes.length;
  const w = new Float64Array(K).fill(1);
  if (spec === undefined) return w;
  if (spec === 'balanced') {
    const count = new Float64Array(K);
    for (let i = 0; i < codes.length; i++) count[codes[i]]++;
    for (let k = 0; k < K; k++) w[k] = codes.length / (K * count[k]);
    return w;
  }
  const entries: [unknown, unknown][] = spec instanceof Map ? [...spec.entries()] : Object.entries(spec as object);
  const byKey = new Map(classes.map((c, k) => [String(c), k]));
  for (const [key, value] of entries) {
    const k = byKey.get(String(key));
    if (k === undefined) throw new RangeError(`${name} names class ${describe(key)}, which is not among the training classes [${classes.map((c) => describe(c)).join(', ')}].`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RangeError(`${name} must map each class to a finite positive weight; class ${describe(key)} has ${describe(value)}.`);
    }
    w[k] = value;
  }
  return w;
}
