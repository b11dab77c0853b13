/**
 * One place that turns a transform *name* (as used by the CLI and every evaluation helper)
 * into a transform object, so `'abtt'` means the same thing in classify, cluster, keywords
 * and the demo.
 */
import { AllButTheTop, LowRankFactorization, Whitening } from './transforms.js';
import { checkInt, checkNumber, checkOneOf } from './matrix.js';

/** Names accepted by {@link createTransform}; `'raw'` means no transform. */
export const TRANSFORM_NAMES = ['raw', 'whiten', 'zca', 'abtt', 'lowrank'] as const;
/** One of {@link TRANSFORM_NAMES}. */
export type TransformName = (typeof TRANSFORM_NAMES)[number];

/** Parameters of {@link createTransform}; each applies to the transforms that have it. */
export interface CreateTransformOptions {
  /** whiten: output dimension (default d); lowrank: rank (default {@link defaultLowRank}). */
  k?: number;
  /** abtt: directions removed (default {@link defaultAbttDirections}). */
  d?: number;
  /** whiten / zca: ε added to each variance (default 0, see {@link Whitening}). */
  eps?: number;
}

/**
 * Default number of directions all-but-the-top removes for a dim-dimensional table:
 * max(1, round(dim / 50)), i.e. 2 for 100 dimensions, 6 for 300.
 * Mu & Viswanath (2018) suggest D ≈ dim / 100. On the default 100-dim embeddings every D from
 * 1 to 20 improves WordSim-353 (raw 0.533; D = 1: 0.600, D = 2: 0.604, D = 10: 0.658 — numpy
 * sweep in packages/text/test/fixtures), but removing many directions also removes information
 * downstream tasks use, so the default stays close to the paper's rule. Pass `d` to choose.
 */
export function defaultAbttDirections(dim: number): number {
  return Math.max(1, Math.round(dim / 50));
}

/** Default rank of the low-rank factorization: half the dimension (at least 1). */
export function defaultLowRank(dim: number): number {
  return Math.max(1, Math.floor(dim / 2));
}

/**
 * Build the transform a name stands for (not fitted).
 * @param name - `'raw'` (returns null), `'whiten'` (PCA whitening to k dims), `'zca'`,
 *   `'abtt'` (all-but-the-top) or `'lowrank'` (rank-k factorization)
 * @param dim - dimension of the vectors it will be fitted on (bounds k and d, sets defaults)
 * @throws RangeError on an unknown name or an out-of-range k / d / eps
 * @example
 * const t = createTransform('abtt', table.dim);        // AllButTheTop({ d: 2 }) for 100 dims
 * const white = createTransform('whiten', 100, { k: 50 });
 */
export function createTransform(name: TransformName, dim: number, opts: CreateTransformOptions = {}): Whitening | AllButTheTop | LowRankFactorization | null {
  checkOneOf(name, "The 'name' argument of createTransform", TRANSFORM_NAMES);
  checkInt(dim, "The 'dim' argument of createTransform", 1);
  const k = opts.k === undefined ? undefined : checkInt(opts.k, `The 'k' option of createTransform('${name}')`, 1, dim);
  const eps = opts.eps === undefined ? undefined : checkNumber(opts.eps, `The 'eps' option of createTransform('${name}')`, 0);
  switch (name) {
    case 'raw': return null;
    case 'whiten': return new Whitening({ mode: 'pca', ...(k !== undefined ? { k } : {}), ...(eps !== undefined ? { eps } : {}) });
    case 'zca': return new Whitening({ mode: 'zca', ...(eps !== undefined ? { eps } : {}) });
    case 'abtt': {
      const d = opts.d === undefined ? Math.min(defaultAbttDirections(dim), dim) : checkInt(opts.d, "The 'd' option of createTransform('abtt')", 1, Math.max(1, dim - 1));
      return new AllButTheTop({ d });
    }
    case 'lowrank': return new LowRankFactorization({ k: k ?? defaultLowRank(dim) });
  }
}
