/**
 * Tokenization, sentences, stop words, Porter stemming and n-grams.
 *
 * The word tokenizer is a single Unicode-aware regular expression (not `natural`'s
 * `WordTokenizer`, whose character class `[A-Za-zА-Яа-я0-9_]` splits "café" and "naïve";
 * see README for the speed comparison). `natural` provides the Porter stemmer, the English
 * stop-word list and the sentence splitter with its English abbreviation list.
 *
 * Rules, in the order they are tried at each position of the text (each has a test):
 * 1. **URL**: `http://`, `https://`, `ftp://` or `www.` followed by non-space characters other
 *    than `<>"'()[]{}`; trailing `.,;:!?` are not part of it. Kind `'url'`.
 * 2. **E-mail address**: `local@domain.tld` (letters, digits, `._%+-` in the local part; a
 *    dotted domain ending in ≥ 2 letters). Kind `'email'`.
 * 3. **Decimal / grouped number**: digits with internal `.` or `,` groups (`3.50`, `1,000,000`).
 *    Kind `'number'`.
 * 4. **Word**: a run of letters, combining marks and digits (any script: `\p{L}\p{M}\p{Nd}`),
 *    optionally joined by single internal hyphens (`-`, U+2010, U+2011) or apostrophes (`'`,
 *    U+2019, U+02BC): `state-of-the-art`, `don't`, `rock'n'roll`, `h1n1` are one token each.
 *    A word without any letter (`1999`, `2-3`) has kind `'number'`, otherwise `'word'`.
 * Everything else (punctuation, symbols, emoji, whitespace) separates tokens and is dropped.
 *
 * Each token's text is NFKC-normalized (full-width letters, ligatures such as "ﬁ" → "fi"),
 * apostrophe and hyphen variants are mapped to ASCII `'` and `-`, then lowercased with the
 * locale-independent `String.prototype.toLowerCase` when `lowercase` is true (the default).
 * Offsets always refer to the *original* input string (UTF-16 code units, `end` exclusive).
 */
import { natural } from './natural.js';
import { checkInt, checkOneOf, describe } from '@embfact/core';

/** Kind of a token, decided by the rule that matched (see the module comment). */
export type TokenKind = 'word' | 'number' | 'url' | 'email';

/** A token with its position in the original text. */
export interface TokenWithOffsets {
  /** Normalized token text (NFKC, ASCII apostrophe/hyphen, lowercased unless disabled). */
  token: string;
  /** Index of the first UTF-16 code unit in the original text. */
  start: number;
  /** Index one past the last UTF-16 code unit in the original text. */
  end: number;
  /** Which rule produced the token. */
  kind: TokenKind;
}

/** What to do with tokens of one kind: keep the text, drop it, or replace it by a placeholder. */
export type TokenPolicy = 'keep' | 'drop' | 'placeholder';

/** Options of {@link tokenize} and {@link tokenizeWithOffsets}. */
export interface TokenizeOptions {
  /** Lowercase tokens (locale independent). Default `true`. */
  lowercase?: boolean;
  /** URLs: `'keep'` the URL text, `'drop'` it, or `'placeholder'` → `<url>`. Default `'placeholder'`. */
  urls?: TokenPolicy;
  /** E-mail addresses: keep / drop / `'placeholder'` → `<email>`. Default `'placeholder'`. */
  emails?: TokenPolicy;
  /** Numbers (tokens without letters): keep / drop / `'placeholder'` → `<num>`. Default `'keep'`. */
  numbers?: TokenPolicy;
  /** Remove stop words ({@link STOP_WORDS} or a custom set, compared after lowercasing). Default `false`. */
  stopWords?: boolean | ReadonlySet<string>;
  /** Drop tokens shorter than this many UTF-16 code units (after normalization). Default `1` (keep all). */
  minLength?: number;
  /** Replace each word token by its Porter stem ({@link stem}). Default `false`. */
  stem?: boolean;
}

/** Placeholders produced by the `'placeholder'` policies; the tokenizer never produces `<` otherwise. */
export const PLACEHOLDERS = { url: '<url>', email: '<email>', number: '<num>' } as const;

const L = '\\p{L}\\p{M}\\p{Nd}';
const JOIN = "[-\\u2010\\u2011'\\u2019\\u02BC]";
// One sticky-free global regex with four capture groups, tried left to right at each position.
const TOKEN_RE = new RegExp(
  [
    `((?:https?:\\/\\/|ftp:\\/\\/|www\\.)[^\\s<>"'()\\[\\]{}]+)`,
    `([${L}](?:[${L}._%+\\-]*[${L}])?@[${L}](?:[${L}\\-]*[${L}])?(?:\\.[${L}](?:[${L}\\-]*[${L}])?)*\\.\\p{L}{2,})`,
    `(\\p{Nd}+(?:[.,]\\p{Nd}+)+)(?![${L}])`,
    `([${L}]+(?:${JOIN}[${L}]+)*)`,
  ].join('|'),
  'gu',
);
const HAS_LETTER = /\p{L}/u;
const NON_ASCII = /[^\x00-\x7f]/;
const VARIANTS = /[\u2010\u2011\u2019\u02BC]/g;
const TRAILING_PUNCT = /[.,;:!?]+$/;

function normalizeToken(s: string, lowercase: boolean): string {
  if (NON_ASCII.test(s)) {
    s = s.normalize('NFKC').replace(VARIANTS, (c) => (c === '\u2010' || c === '\u2011' ? '-' : "'"));
  }
  return lowercase ? s.toLowerCase() : s;
}

interface ResolvedOptions {
  lowercase: boolean;
  urls: TokenPolicy;
  emails: TokenPolicy;
  numbers: TokenPolicy;
  stopWords: ReadonlySet<string> | null;
  minLength: number;
  stem: boolean;
}

const POLICIES: readonly TokenPolicy[] = ['keep', 'drop', 'placeholder'];

/**
 * Validate tokenizer options once (so that hot loops do not).
 * @throws TypeError / RangeError naming the bad option
 */
export function resolveTokenizeOptions(opts: TokenizeOptions = {}, where = 'tokenize'): ResolvedOptions {
  if (opts === null || typeof opts !== 'object') {
    throw new TypeError(`The options of ${where} must be an object; got ${describe(opts)}.`);
  }
  const lowercase = opts.lowercase ?? true;
  if (typeof lowercase !== 'boolean') {
    throw new TypeError(`The 'lowercase' option of ${where} must be a boolean; got ${describe(lowercase)}.`);
  }
  const stem = opts.stem ?? false;
  if (typeof stem !== 'boolean') throw new TypeError(`The 'stem' option of ${where} must be a boolean; got ${describe(stem)}.`);
  let stopWords: ReadonlySet<string> | null = null;
  const sw = opts.stopWords ?? false;
  if (sw === true) stopWords = STOP_WORDS;
  else if (sw instanceof Set) stopWords = sw;
  else if (sw !== false) {
    throw new TypeError(`The 'stopWords' option of ${where} must be a boolean or a Set of strings; got ${describe(sw)}.`);
  }
  return {
    lowercase,
    urls: checkOneOf(opts.urls ?? 'placeholder', `The 'urls' option of ${where}`, POLICIES),
    emails: checkOneOf(opts.emails ?? 'placeholder', `The 'emails' option of ${where}`, POLICIES),
    numbers: checkOneOf(opts.numbers ?? 'keep', `The 'numbers' option of ${where}`, POLICIES),
    stopWords,
    minLength: checkInt(opts.minLength ?? 1, `The 'minLength' option of ${where}`, 1),
    stem,
  };
}

function checkText(text: unknown, where: string): string {
  if (typeof text !== 'string') throw new TypeError(`The 'text' argument of ${where} must be a string; got ${describe(text)}.`);
  return text;
}

/** Core loop shared by the public tokenizers; `emit` receives tokens that survive the filters. */
function scan(text: string, o: ResolvedOptions, emit: (token: string, start: number, end: number, kind: TokenKind) => void): void {
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const start = m.index;
    let raw = m[0];
    let kind: TokenKind;
    let policy: TokenPolicy;
    if (m[1] !== undefined) {
      kind = 'url';
      policy = o.urls;
      const trimmed = raw.replace(TRAILING_PUNCT, '');
      // Give the trimmed punctuation back to the scanner (it is not a token anyway).
      TOKEN_RE.lastIndex = start + trimmed.length;
      raw = trimmed;
    } else if (m[2] !== undefined) {
      kind = 'email';
      policy = o.emails;
    } else if (m[3] !== undefined) {
      kind = 'number';
      policy = o.numbers;
    } else {
      kind = HAS_LETTER.test(raw) ? 'word' : 'number';
      policy = kind === 'number' ? o.numbers : 'keep';
    }
    const end = start + raw.length;
    if (policy === 'drop') continue;
    let token: string;
    if (policy === 'placeholder') token = PLACEHOLDERS[kind as 'url' | 'email' | 'number'];
    else {
      token = normalizeToken(raw, o.lowercase);
      if (kind === 'word') {
        if (o.stopWords !== null && o.stopWords.has(o.lowercase ? token : token.toLowerCase())) continue;
        if (o.stem) token = stem(token);
      }
      if (token.length < o.minLength) continue;
    }
    emit(token, start, end, kind);
  }
}

/**
 * Split a text into tokens with their offsets in the original string (rules in the module comment).
 *
 * @param text - any string (may be empty)
 * @param opts - {@link TokenizeOptions}; defaults: lowercase, URLs and e-mails as placeholders, numbers kept
 * @returns tokens in text order
 * @throws TypeError when `text` is not a string; RangeError on a bad option
 * @example
 * tokenizeWithOffsets('Visit www.x.org, café!')
 * // [{ token: 'visit', start: 0, end: 5, kind: 'word' }, { token: '<url>', start: 6, end: 15, kind: 'url' },
 * //  { token: 'café', start: 17, end: 21, kind: 'word' }]
 */
export function tokenizeWithOffsets(text: string, opts: TokenizeOptions = {}): TokenWithOffsets[] {
  checkText(text, 'tokenizeWithOffsets');
  const o = resolveTokenizeOptions(opts, 'tokenizeWithOffsets');
  const out: TokenWithOffsets[] = [];
  scan(text, o, (token, start, end, kind) => out.push({ token, start, end, kind }));
  return out;
}

/**
 * Split a text into normalized tokens (same rules as {@link tokenizeWithOffsets}).
 *
 * @param text - any string
 * @param opts - {@link TokenizeOptions}
 * @throws TypeError when `text` is not a string; RangeError on a bad option
 * @example
 * tokenize("Don't e-mail bob@example.com about the state-of-the-art 3.5% gain")
 * // ["don't", 'e-mail', '<email>', 'about', 'the', 'state-of-the-art', '3.5', 'gain']
 */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  checkText(text, 'tokenize');
  const o = resolveTokenizeOptions(opts, 'tokenize');
  const out: string[] = [];
  scan(text, o, (token) => out.push(token));
  return out;
}

/**
 * A reusable tokenizer function with options validated once (for hot loops over many documents).
 * @example
 * const tok = createTokenizer({ stopWords: true });
 * docs.map(tok);
 */
export function createTokenizer(opts: TokenizeOptions = {}): (text: string) => string[] {
  const o = resolveTokenizeOptions(opts, 'createTokenizer');
  return (text: string) => {
    checkText(text, 'tokenizer');
    const out: string[] = [];
    scan(text, o, (token) => out.push(token));
    return out;
  };
}

let sentenceSplitter: { tokenize(text: string): string[] } | null = null;

/**
 * Split a text into sentences with `natural`'s `SentenceTokenizer` and its English abbreviation
 * list (`Dr.`, `e.g.`, `i.e.`, ... do not end a sentence; URLs and decimal numbers are protected).
 * Sentences are trimmed; blank lines also end a sentence (each paragraph is split separately).
 *
 * @param text - any string; `''` or whitespace gives `[]`
 * @throws TypeError when `text` is not a string
 * @example
 * sentences('Dr. Smith paid $3.50. He left!') // ['Dr. Smith paid $3.50.', 'He left!']
 */
export function sentences(text: string): string[] {
  checkText(text, 'sentences');
  if (sentenceSplitter === null) sentenceSplitter = new natural.SentenceTokenizer(natural.abbreviations);
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    if (para.trim() === '') continue;
    for (const s of sentenceSplitter.tokenize(para.replace(/\s+/g, ' ').trim())) {
      const t = s.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}

/**
 * English stop words: `natural`'s list (`natural.stopwords`, 170 entries: function words such as
 * "the", "of", "would", plus the single letters a–z, the digits 0–9, `$` and `_`).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(natural.stopwords);

/** True when `word` (lowercased) is in {@link STOP_WORDS}. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

const stemCache = new Map<string, string>();

/**
 * Porter (1980) stem of a word, via `natural.PorterStemmer` (which lowercases its input).
 * Results are memoized (the cache is bounded to 200,000 entries).
 * @example
 * stem('running') // 'run';  stem('generalizations') // 'gener'
 */
export function stem(word: string): string {
  if (typeof word !== 'string') throw new TypeError(`The 'word' argument of stem must be a string; got ${describe(word)}.`);
  let s = stemCache.get(word);
  if (s === undefined) {
    s = natural.PorterStemmer.stem(word);
    if (stemCache.size >= 200_000) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/**
 * Contiguous n-grams of a token list, joined by `separator` (default a single space, as in
 * scikit-learn's word n-grams).
 *
 * @param tokens - the token sequence
 * @param n - n-gram length (integer ≥ 1)
 * @returns `tokens.length - n + 1` n-grams (or `[]` when there are fewer than `n` tokens)
 * @throws RangeError when `n` is not an integer ≥ 1
 * @example
 * ngrams(['a', 'b', 'c'], 2) // ['a b', 'b c']
 */
export function ngrams(tokens: readonly string[], n: number, separator = ' '): string[] {
  checkInt(n, "The 'n' argument of ngrams", 1);
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) {
    let s = tokens[i];
    for (let j = 1; j < n; j++) s += separator + tokens[i + j];
    out.push(s);
  }
  return out;
}

/**
 * All n-grams for n in `[minN, maxN]`, in scikit-learn's order (all n-grams of length minN first,
 * then minN + 1, ...).
 * @throws RangeError when the range is not 1 ≤ minN ≤ maxN
 */
export function ngramRange(tokens: readonly string[], minN: number, maxN: number, separator = ' '): string[] {
  checkInt(minN, "The 'minN' argument of ngramRange", 1);
  checkInt(maxN, "The 'maxN' argument of ngramRange", minN);
  if (minN === 1 && maxN === 1) return tokens.slice();
  const out: string[] = [];
  for (let n = minN; n <= maxN; n++) for (const g of ngrams(tokens, n, separator)) out.push(g);
  return out;
}
