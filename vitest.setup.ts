// The one shared close-to matcher (STYLE.md): an explicit absolute + relative tolerance,
// element-wise over numbers, arrays, typed arrays or { data } matrices.
import { expect } from 'vitest';

type Numeric = number | ArrayLike<number> | { data: ArrayLike<number> };

function flatten(x: Numeric): ArrayLike<number> {
  if (typeof x === 'number') return [x];
  if (x !== null && typeof x === 'object' && 'data' in x) return x.data;
  return x as ArrayLike<number>;
}

expect.extend({
  /**
   * `expect(actual).toBeAllClose(expected, atol, rtol = 0)`: passes when, element-wise,
   * |a - e| <= atol + rtol * |e|, the lengths agree and nothing is NaN.
   */
  toBeAllClose(received: Numeric, expected: Numeric, atol: number, rtol = 0) {
    const a = flatten(received);
    const e = flatten(expected);
    if (a.length !== e.length) {
      return { pass: false, message: () => `expected length ${e.length}, got ${a.length}` };
    }
    let worst = -1;
    let worstErr = 0;
    for (let i = 0; i < a.length; i++) {
      const err = Math.abs(a[i] - e[i]);
      const ok = err <= atol + rtol * Math.abs(e[i]);
      if (!ok || Number.isNaN(a[i])) {
        if (worst < 0 || err > worstErr || Number.isNaN(err)) { worst = i; worstErr = err; }
      }
    }
    return {
      pass: worst < 0,
      message: () => worst < 0
        ? `expected values not to be all close (atol ${atol}, rtol ${rtol})`
        : `entry ${worst}: got ${a[worst]}, expected ${e[worst]} (|diff| ${worstErr} > atol ${atol} + rtol ${rtol})`,
    };
  },
});

declare module 'vitest' {
  interface Assertion<T = any> {
    toBeAllClose(expected: Numeric, atol: number, rtol?: number): T;
  }
}
