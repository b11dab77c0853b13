/**
 * @embfact/core — dense matrices, factorizations, transforms and diagnostics.
 * This file is the only public surface of the package.
 */
// Matrices and input checks
export * from './matrix.js';
// Errors
export * from './errors.js';
// Seeded randomness
export * from './random.js';
// Kernels on typed arrays
export {
  columnMeans, center, gram, matmul, matmulTransA, matmulTransB, dot, norm2, rowNorms,
  normalizeRowsInPlace, frobeniusSquared, transpose, type MatmulOptions,
} from './kernels.js';
// Threads used by gram / matmul above a size threshold (EMBFACT_THREADS=1 forces one)
export { PARALLEL_MIN_WORK } from './parallel.js';
// Factorizations: TSQR, SVD via R, randomized SVD
export { tsqr, type TsqrOptions, type TsqrResult } from './qr.js';
export {
  svd, randomizedSvd, GRAM_ROUTE_LIMIT, type SvdOptions, type SvdResult, type RandomizedSvdOptions,
} from './svd.js';
// Transforms (fit / transform / toJSON / fromJSON)
export {
  Whitening, AllButTheTop, LowRankFactorization, invertSpectrum, defaultRcond,
  type Transform, type FitOptions, type SvdMethod, type WhiteningOptions, type AllButTheTopOptions, type LowRankOptions,
  type LowRankProfileRow,
} from './transforms.js';
// The five steps of the original method (DESIGN.md §1)
export {
  createTransform, defaultAbttDirections, defaultLowRank, TRANSFORM_NAMES, type TransformName, type CreateTransformOptions,
} from './factory.js';
export { originalMethod, type OriginalMethodOptions, type OriginalMethodResult } from './original-method.js';
// Diagnostics
export { diagnose, type DiagnoseOptions, type Diagnostics } from './diagnostics.js';
