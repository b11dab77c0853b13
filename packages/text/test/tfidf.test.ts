import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { TfidfVectorizer, toDense, sparseRow, compareCodePoints, charNgrams, type TfidfOptions } from '@embfact/text';
import { NotFittedError, FormatError } from '@embfact/core';

// Reference: test/fixtures/make_tfidf_reference.py (scikit-learn version and command inside the JSON).
const ref = JSON.parse(readFileSync(new URL('./fixtures/tfidf_reference.json', import.meta.url), 'utf8'));

describe('TfidfVectorizer vs scikit-learn', () => {
  it('fixture provenance is recorded', () => {
    expect(ref.versions.sklearn).toBe('1.2.1');
    expect(ref.command).toContain('make_tfidf_reference.py');
  });
  for (const c of ref.cases) {
    it(`matches sklearn ${ref.versions.sklearn} to 1e-12: ${c.name}`, () => {
      const v = new TfidfVectorizer(c.options as TfidfOptions);
      const train = c.pretokenized ? ref.pretokenizedTrain : c.char ? ref.charTrain : ref.train;
      const test = c.pretokenized ? ref.pretokenizedTest : c.char ? ref.charTest : ref.test;
      v.fit(train);
      expect(v.featureNames).toEqual(c.features);
      if (c.idf !== null) expect(v.idf).toBeAllClose(c.idf, 1e-12);
      expect(toDense(v.transform(test))).toBeAllClose(c.test.flat(), 1e-12);
      expect(toDense(v.transform(train))).toBeAllClose(c.train.flat(), 1e-12);
    });
  }
});

describe('character n-grams (analyzer char / char_wb)', () => {
  it('the fixture covers both char analyzers', () => {
    const names = ref.cases.filter((c: { char?: boolean }) => c.char).map((c: { options: TfidfOptions }) => c.options.analyzer);
    expect(new Set(names)).toEqual(new Set(['char', 'char_wb']));
  });
  it('char_wb pads each word with one space; a padded word shorter than n counts once', () => {
    expect(charNgrams('Ab c', 'char_wb', 2, 3)).toEqual([' a', 'ab', 'b ', ' ab', 'ab ', ' c', 'c ', ' c ']);
    expect(charNgrams('x', 'char_wb', 4, 6)).toEqual([' x ']);
    expect(charNgrams('', 'char_wb', 1, 3)).toEqual([]);
  });
  it('char: whitespace runs become one space, a single newline stays, n counts code points', () => {
    expect(charNgrams('a  \tB', 'char', 1, 2)).toEqual(['a', ' ', 'b', 'a ', ' b']);
    expect(charNgrams('a\nb', 'char', 3, 3)).toEqual(['a\nb']);
    expect(charNgrams('\u{1F600}\u{1F600}x', 'char', 2, 2)).toEqual(['\u{1F600}\u{1F600}', '\u{1F600}x']);
    expect(charNgrams('ab', 'char', 3, 5)).toEqual([]);
    expect(charNgrams('AB', 'char', 2, 2, false)).toEqual(['AB']);
  });
  it('needs raw text, and refuses word-tokenizer options that would be ignored', () => {
    const v = new TfidfVectorizer({ analyzer: 'char_wb', ngramRange: [2, 3] }).fit(['free money']);
    expect(() => v.transform([['free', 'money']])).toThrow(/analyzer 'char_wb' must be a string.*array of tokens/);
    expect(() => new TfidfVectorizer({ analyzer: 'char', tokenizeOptions: { stem: true } })).toThrow(/accepts only 'lowercase' with analyzer 'char'; got 'stem'/);
    expect(() => new TfidfVectorizer({ analyzer: 'char', tokenizer: (t) => t.split(' ') })).toThrow(RangeError);
    expect(() => new TfidfVectorizer({ analyzer: 'chars' as never })).toThrow(/'analyzer' option of TfidfVectorizer/);
  });
  it('toJSON/fromJSON keeps the analyzer; JSON without one (older) is a word analyzer', () => {
    const v = new TfidfVectorizer({ analyzer: 'char_wb', ngramRange: [2, 4], sublinearTf: true, tokenizeOptions: { lowercase: false } }).fit(['Free money', 'free MONEY now']);
    const w = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(w.analyzer).toBe('char_wb');
    expect(w.featureNames).toEqual(v.featureNames);
    expect(toDense(w.transform(['Free now', 'x']))).toBeAllClose(toDense(v.transform(['Free now', 'x'])), 0);
    const old = new TfidfVectorizer().fit(['a b']).toJSON() as unknown as { options: Record<string, unknown> };
    delete old.options.analyzer;
    expect(TfidfVectorizer.fromJSON(old).analyzer).toBe('word');
  });
});

describe('TfidfVectorizer behaviour', () => {
  const train = ['a b b c', 'b c d', 'a a e'];
  it('CSR layout: indptr, increasing indices, unit l2 rows, empty row stays zero', () => {
    const X = new TfidfVectorizer().fit(train).transform(['c b a', '', 'zzz unknown', 'a']);
    expect(X.rows).toBe(4);
    expect(X.cols).toBe(5);
    expect(Array.from(X.indptr)).toEqual([0, 3, 3, 3, 4]);
    expect(Array.from(sparseRow(X, 0).indices)).toEqual([0, 1, 2]);
    let s = 0;
    for (const x of sparseRow(X, 0).values) s += x * x;
    expect(s).toBeCloseTo(1, 14);
    expect(Array.from(sparseRow(X, 3).values)).toEqual([1]);
    for (const x of X.values) expect(Number.isFinite(x)).toBe(true);
  });
  it('idf follows ln((1+n)/(1+df)) + 1 (smooth) and ln(n/df) + 1', () => {
    const v = new TfidfVectorizer().fit(train);
    expect(v.idf[v.vocabulary.get('b')!]).toBeCloseTo(Math.log(4 / 3) + 1, 15);
    expect(v.idf[v.vocabulary.get('e')!]).toBeCloseTo(Math.log(4 / 2) + 1, 15);
    const u = new TfidfVectorizer({ smoothIdf: false }).fit(train);
    expect(u.idf[u.vocabulary.get('b')!]).toBeCloseTo(Math.log(3 / 2) + 1, 15);
    expect(Array.from(v.documentFrequency)).toEqual([2, 2, 2, 1, 1]);
  });
  it('sublinear tf: 1 + ln(tf)', () => {
    const v = new TfidfVectorizer({ sublinearTf: true, useIdf: false, norm: 'none' }).fit(['x x x x y']);
    expect(toDense(v.transform(['x x x x y'])).data).toBeAllClose([1 + Math.log(4), 1], 1e-15);
  });
  it('toJSON/fromJSON round trip gives identical rows', () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true, tokenizeOptions: { stopWords: new Set(['e']) } }).fit(train);
    const w = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
    expect(w.featureNames).toEqual(v.featureNames);
    expect(toDense(w.transform(['a b c e', 'b b']))).toBeAllClose(toDense(v.transform(['a b c e', 'b b'])), 0);
  });
  it('custom tokenizer must be given again on restore', () => {
    const tok = (s: string) => s.split('|');
    const v = new TfidfVectorizer({ tokenizer: tok }).fit(['a|b', 'b|c']);
    expect(v.featureNames).toEqual(['a', 'b', 'c']);
    expect(() => TfidfVectorizer.fromJSON(v.toJSON())).toThrow(FormatError);
    expect(TfidfVectorizer.fromJSON(v.toJSON(), { tokenizer: tok }).featureNames).toEqual(['a', 'b', 'c']);
  });
  it('fromJSON rejects another name or version', () => {
    const j = new TfidfVectorizer().fit(train).toJSON();
    expect(() => TfidfVectorizer.fromJSON({ ...j, name: 'Other' })).toThrow(FormatError);
    expect(() => TfidfVectorizer.fromJSON({ ...j, version: 2 })).toThrow(/version must be 1; got 2/);
  });
  it('errors: not fitted, empty corpus, all pruned, bad options', () => {
    expect(() => new TfidfVectorizer().transform(['a'])).toThrow(NotFittedError);
    expect(() => new TfidfVectorizer().vocabulary).toThrow(NotFittedError);
    expect(() => new TfidfVectorizer().fit([])).toThrow(/at least 1 document; got 0/);
    expect(() => new TfidfVectorizer().fit(['', '...'])).toThrow(/empty vocabulary/);
    expect(() => new TfidfVectorizer({ minDf: 3 }).fit(train)).toThrow(/no terms remain/);
    expect(() => new TfidfVectorizer({ minDf: 5 }).fit(train)).toThrow(/'maxDf'.*fewer than 'minDf'/);
    expect(() => new TfidfVectorizer({ norm: 'l3' as 'l2' })).toThrow(/'norm' option of TfidfVectorizer must be one of/);
    expect(() => new TfidfVectorizer({ minDf: 1.5 })).toThrow(RangeError);
    expect(() => new TfidfVectorizer({ ngramRange: [2, 1] })).toThrow(RangeError);
    expect(() => new TfidfVectorizer().fit(train).transform([3 as unknown as string])).toThrow(TypeError);
  });
  it('orders terms by code point like Python', () => {
    const terms = ['b', 'a', '\u{1F600}', '\uFF21', 'é'];
    expect([...terms].sort(compareCodePoints)).toEqual(['a', 'b', 'é', '\uFF21', '\u{1F600}']);
  });
});
