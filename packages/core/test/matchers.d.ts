// Type of the shared matcher registered in the root vitest.setup.ts (that file is not part
// of this package's type-check program, so its `declare module 'vitest'` is repeated here).
import 'vitest';

type Numeric = number | ArrayLike<number> | { data: ArrayLike<number> };

declare module 'vitest' {
  interface Assertion<T = any> {
    toBeAllClose(expected: Numeric, atol: number, rtol?: number): T;
  }
}
