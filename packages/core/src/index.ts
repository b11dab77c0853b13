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
