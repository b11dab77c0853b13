/**
 * What k-means will see, checked before it runs (shared by `cluster` and `cluster-words`): how many
 * distinct rows there are and which rows are all zeros, so the commands can say which file and
 * which --k do not fit instead of passing on the k-means++ message.
 */
import type { Matrix } from '@embfact/core';
import { InputError } from './errors.js';

/** Distinct and all-zero rows of a matrix, from {@link rowSummary}. */
export interface RowSummary {
  /** Distinct rows, counted up to `upTo` (counting stops there). */
  distinct: number;
  /** Indices of the all-zero rows (all of them). */
  zeroRows: number[];
}

/** Options of {@link rowSummary}. */
export interface RowSummaryOptions {
  /** Compare directions (nonzero rows as unit vectors), as spherical (cosine) k-means sees them. */
  spherical: boolean;
  /**
   * Rows whose entries all differ by at most `tolerance` count as one: on unit rows when spherical,
   * otherwise relative to the largest |entry| of the matrix. Default 0: exactly equal rows.
   */
  tolerance?: number;
  /** Stop counting distinct rows at this many (a caller comparing with k passes k). Default: all rows. */
  upTo?: number;
}

/**
 * Count the distinct rows of X (each new row is compared with one representative of each
 * distinct row found so far, stopping at the first differing entry) and list its all-zero rows.
 */
export function rowSummary(X: Matrix, opts: RowSummaryOptions): RowSummary {
  const { data, rows, cols } = X;
  const upTo = opts.upTo ?? rows;
  let scale = 0;
  if (!opts.spherical) for (let i = 0; i < data.length; i++) scale = Math.max(scale, Math.abs(data[i]));
  const tol = (opts.tolerance ?? 0) * (opts.spherical ? 1 : scale);
  const zeroRows: number[] = [];
  const reps: Float64Array[] = [];
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let m = 0;
    for (let t = 0; t < cols; t++) m = Math.max(m, Math.abs(data[o + t]));
    if (m === 0) zeroRows.push(i);
    if (reps.length >= upTo) continue;
    const row = Float64Array.from(data.subarray(o, o + cols));
    if (opts.spherical && m > 0) {
      // scaled by the largest |entry| first, so tiny or huge rows normalize without under/overflow
      let s = 0;
      for (let t = 0; t < cols; t++) { row[t] /= m; s += row[t] * row[t]; }
      const norm = Math.sqrt(s);
      for (let t = 0; t < cols; t++) row[t] /= norm;
    }
    const same = (r: Float64Array): boolean => {
      for (let t = 0; t < cols; t++) if (!(Math.abs(r[t] - row[t]) <= tol)) return false;
      return true;
    };
    if (!reps.some(same)) reps.push(row);
  }
  return { distinct: reps.length, zeroRows };
}

/** What {@link tooFewDistinct} says. */
export interface TooFewDistinct {
  /** The input as the user named it (a file or dataset name). */
  source: string;
  distinct: number;
  /** What the count is out of: `5`, or `5, the --max-vocab 5 most frequent words`. */
  of: string | number;
  /** Singular; `s` is appended for other counts than 1 (`document`, `word vector`). */
  noun: string;
  /** Why rows count as the same, put after the count (e.g. `as directions (...)`). */
  why?: string;
  /** How k was set: `--k 3`, or `k = 3 (the number of labels, the default of --k)`. */
  kIs: string;
  k: number;
}

/** `same.txt has only 1 distinct word vector (of 5); --k 2 needs at least 2.` as an InputError (exit 1). */
export function tooFewDistinct(p: TooFewDistinct): InputError {
  return new InputError(
    `${p.source} has only ${p.distinct} distinct ${p.noun}${p.distinct === 1 ? '' : 's'} (of ${p.of})${p.why ? ` ${p.why}` : ''}; ${p.kIs} needs at least ${p.k}.`,
  );
}
