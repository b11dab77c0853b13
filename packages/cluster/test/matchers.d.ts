// Type of the shared matcher registered in the root vitest.setup.ts (not part of this
// package's tsconfig), so `tsc --noEmit` knows `toBeAllClose`.
import 'vitest';

declare module 'vitest' {
  interface Assertion<T = any> {
    toBeAllClose(expected: number | ArrayLike<number> | { data: ArrayLike<number> }, atol: number, rtol?: number): T;
  }
}
