import { describe, expect, it } from 'vitest';
import { deduplicate, normalizeForDedup, stratifiedKFold, stratifiedSplit } from '../src/index.js';

/** Labels with uneven classes: a 50, b 30, c 15, d 5 (100 documents), interleaved. */
function uneven(): string[] {
  const out: string[] = [];
  const want: Record<string, number> = { a: 50, b: 30, c: 15, d: 5 };
  let i = 0;
  while (out.length < 100) {
    const k = 'abcd'[i++ % 4];
    if (want[k]-- > 0) out.push(k);
  }
  return out;
}

const countBy = (labels: readonly string[], idx: number[]): Record<string, number> => {
  const c: Record<string, number> = {};
  for (const i of idx) c[labels[i]] = (c[labels[i]] ?? 0) + 1;
  return c;
};

describe('stratifiedSplit', () => {
  it('partitions the indices with exact class proportions (Hamilton rounding)', () => {
    const y = uneven();
    const { train, test } = stratifiedSplit(y, { testSize: 0.2, seed: 7 });
    expect(test).toHaveLength(20);
    expect(train).toHaveLength(80);
    expect([...train, ...test].sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_v, i) => i));
    expect(countBy(y, test)).toEqual({ a: 10, b: 6, c: 3, d: 1 });
    expect(train).toEqual([...train].sort((p, q) => p - q));
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const y = uneven();
    const a = stratifiedSplit(y, { testSize: 0.3, seed: 1 });
    expect(stratifiedSplit(y, { testSize: 0.3, seed: 1 })).toEqual(a);
    expect(stratifiedSplit(y, { testSize: 0.3, seed: 2 }).test).not.toEqual(a.test);
  });

  it('each class is within 1 of its quota and has at least one member on each side', () => {
    const y = [...'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'b', 'b', 'c', 'c', 'c'];
    const n = y.length; // 95
    const { train, test } = stratifiedSplit(y, { testSize: 0.1, seed: 3 });
    expect(test).toHaveLength(Math.round(0.1 * n));
    const ct = countBy(y, test);
    const cr = countBy(y, train);
    for (const k of ['a', 'b', 'c']) {
      expect(ct[k]).toBeGreaterThanOrEqual(1);
      expect(cr[k]).toBeGreaterThanOrEqual(1);
    }
    expect(Math.abs(ct['a'] - (90 * 10) / 95)).toBeLessThan(2);
  });

  it('accepts an integer test count and numeric labels', () => {
    const y = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
    const { test } = stratifiedSplit(y, { testSize: 3, seed: 0 });
    expect(test).toHaveLength(3);
    expect(countBy(y.map(String), test)).toEqual({ 0: 1, 1: 1, 2: 1 });
  });

  it('rejects bad input with errors naming the problem', () => {
    expect(() => stratifiedSplit(['a', 'a', 'b'], { testSize: 0.5, seed: 0 })).toThrow('Class "b" has 1 member; stratifiedSplit needs at least 2 per class');
    expect(() => stratifiedSplit(['a', 'a', 'b', 'b'], { testSize: 1.5, seed: 0 })).toThrow(/'testSize' option .* got 1.5/);
    expect(() => stratifiedSplit(['a', 'a', 'b', 'b'], { testSize: 0, seed: 0 })).toThrow(RangeError);
    expect(() => stratifiedSplit(['a', 'a', 'b', 'b'], { testSize: 4, seed: 0 })).toThrow(RangeError);
    expect(() => stratifiedSplit(['a', 'a', 'b', 'b', 'c', 'c'], { testSize: 0.2, seed: 0 })).toThrow(/1 test and 5 train documents; both must be at least the number of classes \(3\)/);
    expect(() => stratifiedSplit(['a', 'a', 'b', 'b'], { testSize: 0.5, seed: 0.5 })).toThrow(TypeError);
    expect(() => stratifiedSplit(['a', null as never], { testSize: 0.5, seed: 0 })).toThrow(/got null at index 1/);
    expect(() => stratifiedSplit('ab' as never, { testSize: 0.5, seed: 0 })).toThrow(TypeError);
    expect(() => stratifiedSplit([], { testSize: 0.5, seed: 0 })).toThrow(RangeError);
  });
});

describe('stratifiedKFold', () => {
  it('test folds partition the data; each class spread floor/ceil(n_c / k); sizes differ by <= 1', () => {
    const y = uneven();
    const k = 5;
    const folds = stratifiedKFold(y, { k, seed: 11 });
    expect(folds).toHaveLength(k);
    const allTest = folds.flatMap((f) => f.test).sort((p, q) => p - q);
    expect(allTest).toEqual(Array.from({ length: 100 }, (_v, i) => i));
    for (const f of folds) {
      expect(f.test).toHaveLength(20);
      expect(f.train).toHaveLength(80);
      const inTest = new Set(f.test);
      expect(f.train.some((i) => inTest.has(i))).toBe(false);
      expect(countBy(y, f.test)).toEqual({ a: 10, b: 6, c: 3, d: 1 });
    }
  });

  it('uneven class sizes: per-class counts within floor/ceil, fold sizes within 1', () => {
    const y = [...Array(23).fill('x'), ...Array(11).fill('y'), ...Array(7).fill('z')];
    const folds = stratifiedKFold(y, { k: 4, seed: 5 });
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const [cls, n] of [['x', 23], ['y', 11], ['z', 7]] as const) {
      for (const f of folds) {
        const c = countBy(y, f.test)[cls] ?? 0;
        expect(c).toBeGreaterThanOrEqual(Math.floor(n / 4));
        expect(c).toBeLessThanOrEqual(Math.ceil(n / 4));
      }
    }
  });

  it('is deterministic, seed-dependent and independent of label order of appearance', () => {
    const y = uneven();
    expect(stratifiedKFold(y, { k: 3, seed: 1 })).toEqual(stratifiedKFold(y, { k: 3, seed: 1 }));
    expect(stratifiedKFold(y, { k: 3, seed: 1 })[0].test).not.toEqual(stratifiedKFold(y, { k: 3, seed: 2 })[0].test);
  });

  it('a class smaller than k is an error naming the class; bad k is rejected', () => {
    expect(() => stratifiedKFold(['a', 'a', 'a', 'b', 'b'], { k: 3, seed: 0 })).toThrow('Class "b" has 2 members; stratifiedKFold with k = 3 needs at least 3 per class.');
    expect(() => stratifiedKFold(['a', 'a'], { k: 1, seed: 0 })).toThrow(/'k' option of stratifiedKFold must be an integer >= 2; got 1/);
    expect(() => stratifiedKFold(['a', 'a'], { k: 2.5, seed: 0 })).toThrow(RangeError);
    expect(() => stratifiedKFold(['a', 'a'], { k: 2, seed: '1' as never })).toThrow(TypeError);
    expect(stratifiedKFold([], { k: 2, seed: 0 })).toEqual([{ train: [], test: [] }, { train: [], test: [] }]);
  });
});

describe('deduplicate', () => {
  const docs = [
    { id: 'a', text: 'Hello   World', label: 'x' },
    { id: 'b', text: 'hello world\n', label: 'x' },
    { id: 'c', text: '', label: 'x' },
    { id: 'd', text: ' ', label: 'y' },
    { id: 'e', text: 'ＨＥＬＬＯ world', label: 'y' }, // fullwidth letters, equal after NFKC
    { id: 'f', text: 'other', label: 'y' },
  ];

  it('keeps the first of each normalized text; empty texts are never duplicates; conflicts reported', () => {
    const r = deduplicate(docs);
    expect(r.documents.map((d) => d.id)).toEqual(['a', 'c', 'd', 'f']);
    expect(r.keptIndices).toEqual([0, 2, 3, 5]);
    expect(r.duplicates).toEqual([
      { index: 1, id: 'b', duplicateOfIndex: 0, duplicateOf: 'a', labelConflict: false },
      { index: 4, id: 'e', duplicateOfIndex: 0, duplicateOf: 'a', labelConflict: true },
    ]);
  });

  it('compares the field chosen by `by`', () => {
    const r = deduplicate(docs, { by: (d) => d.label });
    expect(r.documents.map((d) => d.id)).toEqual(['a', 'd']);
    expect(() => deduplicate(docs, { by: () => 3 as never })).toThrow(/'by' option of deduplicate must return a string; got 3 for document 0/);
    expect(() => deduplicate('x' as never)).toThrow(TypeError);
    expect(deduplicate([]).documents).toEqual([]);
  });

  it('normalizeForDedup', () => {
    expect(normalizeForDedup('  Hello\n\tWORLD ')).toBe('hello world');
    expect(normalizeForDedup('ﬁne')).toBe('fine');
  });
});
