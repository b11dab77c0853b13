import { describe, expect, it } from 'vitest';
import { checkMatrix, checkInt, createRng, fromRows, toRows, row, NotFittedError, FormatError } from '@embfact/core';

describe('checkMatrix', () => {
  it('converts number[][] to a float64 row-major matrix', () => {
    const m = checkMatrix([[1, 2, 3], [4, 5, 6]], "The 'X' argument");
    expect(m.rows).toBe(2);
    expect(m.cols).toBe(3);
    expect(m.data).toBeInstanceOf(Float64Array);
    expect(Array.from(row(m, 1))).toEqual([4, 5, 6]);
    expect(toRows(m)).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
  it('returns a Matrix unchanged (same object, not copied)', () => {
    const m = fromRows([[1, 2]], 'float32');
    expect(checkMatrix(m, 'X')).toBe(m);
  });
  it('names the parameter, the expectation and what was found', () => {
    expect(() => checkMatrix([[1, 2], [3]], "The 'X' argument")).toThrow(/The 'X' argument must have rows of equal length 2; row 1 has length 1/);
    expect(() => checkMatrix([[1, NaN]], "The 'X' argument")).toThrow(/entry \(0, 1\) is NaN/);
    expect(() => checkMatrix([], "The 'X' argument")).toThrow(RangeError);
    expect(() => checkMatrix('abc', "The 'X' argument")).toThrow(TypeError);
    expect(() => checkMatrix([[1, 2]], 'X', { cols: 3 })).toThrow(/must have 3 columns; got 2/);
  });
  it('rejects Infinity in typed input', () => {
    const m = { data: new Float32Array([1, Infinity]), rows: 1, cols: 2 };
    expect(() => checkMatrix(m, 'X')).toThrow(/Infinity/);
  });
});

describe('option checks', () => {
  it('formats the STYLE.md message', () => {
    expect(() => checkInt(250, "The 'k' option of Whitening", 1, 100)).toThrow(
      "The 'k' option of Whitening must be an integer in [1, 100]; got 250.",
    );
  });
});

describe('errors', () => {
  it('NotFittedError and FormatError carry names and locations', () => {
    expect(new NotFittedError('Whitening', 'transform').message).toMatch(/Whitening is not fitted yet/);
    const e = new FormatError('expected 100 numbers, found 99', { file: 'a.txt', line: 3, column: 7 });
    expect(e.message).toBe('a.txt:3:7: expected 100 numbers, found 99');
    expect(e.line).toBe(3);
  });
});

describe('createRng', () => {
  it('is deterministic per seed and uniform-ish', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(c.next()).not.toBe(xa[0]);
    const r = createRng(1);
    let sum = 0, sq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) { const z = r.normal(); sum += z; sq += z * z; }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });
});
