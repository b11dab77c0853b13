/**
 * The structural types @embfact/text needs from other packages. `EmbeddingTable` from
 * @embfact/embeddings and every transform from @embfact/core satisfy them; anything else with the
 * same members works too (e.g. a table built in a test).
 */
import type { Matrix, MatrixLike } from '@embfact/core';

/** What text needs of an `EmbeddingTable` (see @embfact/embeddings). */
export interface EmbeddingTableLike {
  /** Row labels; `words[i]` labels row `i` of `matrix`. */
  readonly words: readonly string[];
  /** `words.length x dim` row-major matrix (float32 or float64). */
  readonly matrix: Matrix;
  /** Row of `word` after the table's case policy, or -1 when out of vocabulary. */
  indexOf(word: string): number;
}

/** What text needs of a core transform (`Whitening`, `AllButTheTop`, `LowRankFactorization`, ...). */
export interface TransformLike {
  fit(X: MatrixLike): unknown;
  transform(X: MatrixLike): Matrix;
  fitTransform?(X: MatrixLike): Matrix;
  toJSON(): object;
}

/** Progress callback: `done` of `total` units of work, with an optional label. */
export type ProgressCallback = (done: number, total: number, label?: string) => void;
