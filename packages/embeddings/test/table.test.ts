// EmbeddingTable: lookups, case policy, OOV handling, withMatrix, subset, input checks.
import { describe, expect, it } from 'vitest';
import { fromRows } from '@embfact/core';
import { EmbeddingTable } from '../src/index.js';

const m = (rows: number[][]) => fromRows(rows, 'float32');

describe('EmbeddingTable', () => {
  const t = new EmbeddingTable(['Paris', 'paris', 'London'], m([[1, 0], [0, 1], [1, 1]]));

  it('looks words up exactly by default (case-sensitive)', () => {
    expect(t.size).toBe(3);
    expect(t.dim).toBe(2);
    expect(t.dtype).toBe('float32');
    expect(t.indexOf('Paris')).toBe(0);
    expect(t.indexOf('paris')).toBe(1);
    expect(t.indexOf('london')).toBe(-1);
    expect(t.has('London')).toBe(true);
    expect(Array.from(t.vector('London') ?? [])).toEqual([1, 1]);
  });

  it('returns views, not copies', () => {
    const v = t.vector('paris') as Float32Array;
    expect(v.buffer).toBe(t.matrix.data.buffer);
    expect(v.length).toBe(2);
  });

  it('OOV: indexOf -1, vector undefined, lookupMany lists the OOV words in query order', () => {
    expect(t.indexOf('Berlin')).toBe(-1);
    expect(t.vector('Berlin')).toBeUndefined();
    const r = t.lookupMany(['London', 'Berlin', 'Paris', 'Rome', 'Berlin']);
    expect(r.found).toEqual(['London', 'Paris']);
    expect(Array.from(r.indices)).toEqual([2, 0]);
    expect(r.oov).toEqual(['Berlin', 'Rome', 'Berlin']);
    expect(r.matrix.rows).toBe(2);
    expect(Array.from(r.matrix.data)).toEqual([1, 1, 1, 0]);
    const none = t.lookupMany([]);
    expect(none.matrix.rows).toBe(0);
    expect(none.matrix.cols).toBe(2);
  });

  it('lowercase policy: lowercases queries; the lowest row wins among case variants', () => {
    const lc = new EmbeddingTable(t.words, t.matrix, { lowercase: true });
    expect(lc.indexOf('PARIS')).toBe(0);
    expect(lc.indexOf('paris')).toBe(0);
    expect(lc.indexOf('london')).toBe(2);
    expect(lc.words).toEqual(['Paris', 'paris', 'London']); // stored words untouched
  });

  it('withMatrix keeps the words and case policy, accepts another width, and checks the row count', () => {
    const w = t.withMatrix(m([[1], [2], [3]]));
    expect(w.dim).toBe(1);
    expect(w.vector('London')?.[0]).toBe(3);
    expect(() => t.withMatrix(m([[1], [2]]))).toThrow(/must have 3 rows \(one per word\); got 2/);
    expect(() => t.withMatrix(m([[1], [NaN], [3]]))).toThrow(/must be finite; entry \(1, 0\) is NaN/);
  });

  it('subset(n) takes the first n rows as a view; subset(words) copies in the given order', () => {
    const s = t.subset(2);
    expect(s.words).toEqual(['Paris', 'paris']);
    expect(s.matrix.data.buffer).toBe(t.matrix.data.buffer);
    const w = t.subset(['London', 'Paris']);
    expect(w.words).toEqual(['London', 'Paris']);
    expect(Array.from(w.matrix.data)).toEqual([1, 1, 1, 0]);
    expect(t.subset(0).size).toBe(0);
    expect(() => t.subset(4)).toThrow(/'count' argument of EmbeddingTable.subset must be an integer in \[0, 3\]; got 4/);
    expect(() => t.subset(['Rome'])).toThrow(/1 are not, e.g. \["Rome"\]/);
  });

  it('row(i) checks its index', () => {
    expect(Array.from(t.row(1))).toEqual([0, 1]);
    expect(() => t.row(3)).toThrow(RangeError);
  });

  it('rejects bad input with messages naming the argument', () => {
    expect(() => new EmbeddingTable(['a'], m([[1], [2]]))).toThrow(/one word per matrix row \(2\); got 1 words/);
    expect(() => new EmbeddingTable(['a', 'a'], m([[1], [2]]))).toThrow(/must not repeat a word; "a" is at rows 0 and 1/);
    expect(() => new EmbeddingTable('ab' as unknown as string[], m([[1], [2]]))).toThrow(TypeError);
    expect(() => new EmbeddingTable(['a', 2 as unknown as string], m([[1], [2]]))).toThrow(/entry 1 is 2/);
    expect(() => new EmbeddingTable(['a'], m([[Infinity]]))).toThrow(/must be finite/);
    expect(() => new EmbeddingTable(['a'], m([[1]]), { lowercase: 'yes' as unknown as boolean })).toThrow(/'lowercase' option/);
  });

  it('accepts an empty table and float64 matrices', () => {
    const e = new EmbeddingTable([], { data: new Float64Array(0), rows: 0, cols: 3 });
    expect(e.size).toBe(0);
    expect(e.dtype).toBe('float64');
    expect(e.indexOf('x')).toBe(-1);
  });
});

describe('EmbeddingTable.subset(words) with the lowercase policy', () => {
  it('rejects two queries that resolve to the same row', () => {
    const t = new EmbeddingTable(['Paris', 'x'], fromRows([[1], [2]], 'float32'), { lowercase: true });
    expect(() => t.subset(['paris', 'PARIS'])).toThrow(/must name distinct rows; "PARIS" repeats row 0 \("Paris"\)/);
    expect(t.subset(['PARIS']).words).toEqual(['Paris']);
  });
});
