// Type of the shared matcher registered in the root vitest.setup.ts. That file is not part of
// any package's type-check program, so every package tsconfig includes this declaration.
import 'vitest';

type Numeric = number | ArrayLike<number> | { data: ArrayLike<number> };

declare module 'vitest' {
  interface Assertion<T = any> {
    /** Element-wise |actual − expected| ≤ atol + rtol·|expected|, same length, no NaN. */
    toBeAllClose(expected: Numeric, atol: number, rtol?: number): T;
  }
}
