import { describe, expect, it } from 'vitest';
import {
  tokenize, tokenizeWithOffsets, createTokenizer, sentences, stem, ngrams, ngramRange, isStopWord, STOP_WORDS,
} from '@embfact/text';

describe('tokenize: rules', () => {
  it('lowercases by default and keeps case when asked', () => {
    expect(tokenize('The Cat SAT')).toEqual(['the', 'cat', 'sat']);
    expect(tokenize('The Cat SAT', { lowercase: false })).toEqual(['The', 'Cat', 'SAT']);
  });
  it('drops punctuation, symbols and emoji', () => {
    expect(tokenize('Hello, world!!! (really?) — yes… 🙂 #tag')).toEqual(['hello', 'world', 'really', 'yes', 'tag']);
  });
  it('empty and whitespace-only text give no tokens', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t ')).toEqual([]);
  });
  it('keeps letters beyond ASCII and applies NFKC', () => {
    expect(tokenize('Café naïve Müller Ελλάδα Москва 東京')).toEqual(['café', 'naïve', 'müller', 'ελλάδα', 'москва', '東京']);
    // decomposed é (e + U+0301) is composed; the ligature ﬁ and full-width letters are unfolded
    expect(tokenize('cafe\u0301 \uFB01ne \uFF21\uFF22\uFF23')).toEqual(['café', 'fine', 'abc']);
  });
  it('hyphenated words stay one token; dashes and leading/trailing hyphens separate', () => {
    expect(tokenize('state-of-the-art well\u2011known e-mail')).toEqual(['state-of-the-art', 'well-known', 'e-mail']);
    expect(tokenize('pages 3–5 -- yes - no -x y-')).toEqual(['pages', '3', '5', 'yes', 'no', 'x', 'y']);
  });
  it('internal apostrophes stay (curly ones become ASCII); quotes are dropped', () => {
    expect(tokenize("Don't rock'n'roll O\u2019Neill's 'quoted' students' books")).toEqual(
      ["don't", "rock'n'roll", "o'neill's", 'quoted', 'students', 'books']);
  });
  it('numbers: decimals and groups are one token; policies keep/drop/placeholder', () => {
    expect(tokenize('Pay $3.50 or 1,000,000 in 2026, at 10.5%.')).toEqual(['pay', '3.50', 'or', '1,000,000', 'in', '2026', 'at', '10.5']);
    expect(tokenize('Pay 3.50 in 2026 for h1n1', { numbers: 'drop' })).toEqual(['pay', 'in', 'for', 'h1n1']);
    expect(tokenize('in 2026 and 3.5', { numbers: 'placeholder' })).toEqual(['in', '<num>', 'and', '<num>']);
  });
  it('URLs: one token, trailing punctuation excluded; placeholder by default', () => {
    const t = tokenizeWithOffsets('See https://ex.com/a?b=1&c=2. Or www.x.org/p, ok', { urls: 'keep' });
    expect(t.map((x) => [x.token, x.kind])).toEqual([
      ['see', 'word'], ['https://ex.com/a?b=1&c=2', 'url'], ['or', 'word'], ['www.x.org/p', 'url'], ['ok', 'word']]);
    expect(tokenize('go to http://a.b/c now')).toEqual(['go', 'to', '<url>', 'now']);
    expect(tokenize('go to http://a.b/c now', { urls: 'drop' })).toEqual(['go', 'to', 'now']);
  });
  it('e-mail addresses: one token; placeholder by default', () => {
    expect(tokenize('Mail John.Doe+x@Example.co.uk today', { emails: 'keep' })).toEqual(['mail', 'john.doe+x@example.co.uk', 'today']);
    expect(tokenize('mail bob@example.com.')).toEqual(['mail', '<email>']);
    expect(tokenize('a @ b and x@y')).toEqual(['a', 'b', 'and', 'x', 'y']);
  });
  it('offsets point into the original text (also after NFKC changes the length)', () => {
    const text = 'Ｈｉ  \uFB01ne, café!';
    const toks = tokenizeWithOffsets(text);
    expect(toks.map((t) => t.token)).toEqual(['hi', 'fine', 'café']);
    for (const t of toks) expect(text.slice(t.start, t.end).normalize('NFKC').toLowerCase()).toBe(t.token);
    expect(toks[1]).toEqual({ token: 'fine', start: 4, end: 7, kind: 'word' });
  });
  it('stop words and stemming options', () => {
    expect(tokenize('The cats are running to the houses', { stopWords: true })).toEqual(['cats', 'running', 'houses']);
    expect(tokenize('The cats are running', { stem: true })).toEqual(['the', 'cat', 'ar', 'run']);
    expect(tokenize('a bb ccc', { minLength: 2 })).toEqual(['bb', 'ccc']);
    expect(tokenize('keep foo bar', { stopWords: new Set(['foo']) })).toEqual(['keep', 'bar']);
  });
  it('rejects bad input with a typed error naming the parameter', () => {
    expect(() => tokenize(42 as unknown as string)).toThrow(/'text' argument of tokenize must be a string; got 42/);
    expect(() => tokenize('x', { urls: 'zap' as 'keep' })).toThrow(/'urls' option of tokenize must be one of 'keep', 'drop', 'placeholder'; got "zap"/);
    expect(() => tokenize('x', { minLength: 0 })).toThrow(RangeError);
    expect(() => createTokenizer({ lowercase: 'yes' as unknown as boolean })).toThrow(TypeError);
  });
  it('README and TSDoc examples hold', () => {
    expect(tokenize("Don't e-mail bob@example.com about the state-of-the-art 3.5% gain at https://x.org/a.")).toEqual(
      ["don't", 'e-mail', '<email>', 'about', 'the', 'state-of-the-art', '3.5', 'gain', 'at', '<url>']);
    expect(tokenizeWithOffsets('Ｈｉ ﬁne café').slice(0, 2)).toEqual([
      { token: 'hi', start: 0, end: 2, kind: 'word' }, { token: 'fine', start: 3, end: 6, kind: 'word' }]);
    expect(tokenizeWithOffsets('Visit www.x.org, café!')).toEqual([
      { token: 'visit', start: 0, end: 5, kind: 'word' }, { token: '<url>', start: 6, end: 15, kind: 'url' },
      { token: 'café', start: 17, end: 21, kind: 'word' }]);
    expect(tokenize('The cats are running', { stopWords: true, stem: true })).toEqual(['cat', 'run']);
  });
  it('createTokenizer gives the same tokens as tokenize', () => {
    const text = "It's 3.5 km to www.a.org – café-bar!";
    expect(createTokenizer({ numbers: 'drop' })(text)).toEqual(tokenize(text, { numbers: 'drop' }));
  });
});

describe('sentences', () => {
  it('splits on . ! ? but not after abbreviations, decimals or inside URLs', () => {
    expect(sentences('Dr. Smith paid $3.50 for e.g. a coffee! Really? Visit http://x.com/a.b now.')).toEqual([
      'Dr. Smith paid $3.50 for e.g. a coffee!', 'Really?', 'Visit http://x.com/a.b now.']);
  });
  it('blank lines end a sentence; empty text has none', () => {
    expect(sentences('Title line\n\nFirst sentence. Second one.')).toEqual(['Title line', 'First sentence.', 'Second one.']);
    expect(sentences('')).toEqual([]);
    expect(sentences('  \n ')).toEqual([]);
  });
});

describe('stop words, stemming, n-grams', () => {
  it("uses natural's English list", () => {
    expect(STOP_WORDS.size).toBe(170);
    expect(isStopWord('The')).toBe(true);
    expect(isStopWord('would')).toBe(true);
    expect(isStopWord('embedding')).toBe(false);
  });
  it('Porter stems (Porter 1980 examples)', () => {
    const cases: [string, string][] = [
      ['caresses', 'caress'], ['ponies', 'poni'], ['cats', 'cat'], ['running', 'run'], ['agreed', 'agre'],
      ['relational', 'relat'], ['generalizations', 'gener'], ['hopeful', 'hope'], ['Connection', 'connect'],
    ];
    for (const [w, s] of cases) expect(stem(w)).toBe(s);
  });
  it('n-grams joined by a space, scikit-learn order for ranges', () => {
    expect(ngrams(['a', 'b', 'c'], 2)).toEqual(['a b', 'b c']);
    expect(ngrams(['a', 'b', 'c'], 3)).toEqual(['a b c']);
    expect(ngrams(['a'], 2)).toEqual([]);
    expect(ngrams(['a', 'b'], 1, '_')).toEqual(['a', 'b']);
    expect(ngramRange(['a', 'b', 'c'], 1, 2)).toEqual(['a', 'b', 'c', 'a b', 'b c']);
    expect(() => ngrams(['a'], 0)).toThrow(/'n' argument of ngrams must be an integer in \[1, Infinity\]; got 0/);
    expect(() => ngramRange(['a'], 2, 1)).toThrow(RangeError);
  });
});
