/**
 * TF-IDF vectorizer with scikit-learn's semantics (`TfidfVectorizer`, sklearn 1.2), producing
 * CSR rows. Fitted on training documents only; `transform` maps any documents onto the learned
 * vocabulary (unknown terms are ignored).
 *
 * Weights (sklearn's `TfidfTransformer`):
 * - tf(t, d) = count of t in d, or 1 + ln(count) with `sublinearTf`;
 * - idf(t) = ln((1 + n) / (1 + df(t))) + 1 with `smoothIdf` (default), ln(n / df(t)) + 1 without,
 *   where n = number of training documents and df(t) = training documents containing t;
 * - x(t, d) = tf · idf, then each row is scaled to unit l2 (default) or l1 norm; an empty row stays 0.
 *
 * Terms (sklearn's `analyzer`): word n-grams of the tokenizer's tokens (`'word'`, default), or
 * character n-grams of the raw text (`'char'`, `'char_wb'`), see {@link charNgrams}.
 */
import { FormatError, checkInt, checkNumber, checkOneOf, describe, NotFittedError } from '@embfact/core';
import type { SparseMatrix } from './sparse.js';
import { createTokenizer, ngramRange, type TokenizeOptions } from './tokenize.js';

/**
 * A document-frequency bound: an integer document count, a proportion of the training documents
 * (a non-integer number in (0, 1), or `{ proportion: p }` with p in [0, 1]), or `{ count: c }`.
 * A plain `1` means one document (as sklearn's int `1`); write `{ proportion: 1 }` for "all".
 */
export type DfBound = number | { count: number } | { proportion: number };

/** What a TF-IDF term is: a word n-gram, a character n-gram, or a character n-gram inside one padded word. */
export type TfidfAnalyzer = 'word' | 'char' | 'char_wb';

// Python's str.isspace() set (= `\s` of Python's `re` on str), which sklearn's char analyzers use;
// JavaScript's `\s` differs (it lacks U+001C–U+001F and U+0085, and has U+FEFF).
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RUN = new RegExp(`[${PY_SPACE}]{2,}`, 'g');
const WS_SPLIT = new RegExp(`[${PY_SPACE}]+`);
const SURROGATE = /[\ud800-\udfff]/;

/**
 * Character n-grams of a text, exactly as scikit-learn 1.2's `TfidfVectorizer(analyzer='char' |
 * 'char_wb')` makes them after its preprocessing (`lowercase`; no accent stripping):
 * - every run of two or more whitespace characters becomes one space (a single newline or tab is kept);
 * - `'char'`: all substrings of n code points of the whole text, for n in `[min, max]`;
 * - `'char_wb'`: for each whitespace-separated word w, the substrings of n code points of
 *   `' ' + w + ' '`; a padded word shorter than n gives itself, once (sklearn's `_char_wb_ngrams`).
 *
 * Lengths count Unicode code points (as Python's `str`), not UTF-16 units.
 *
 * @param text - the document
 * @param analyzer - `'char'` or `'char_wb'`
 * @param min - smallest n (≥ 1)
 * @param max - largest n (≥ min)
 * @param lowercase - lowercase first (default true)
 * @example charNgrams('Ab c', 'char_wb', 2, 3) // [' a', 'ab', 'b ', ' ab', 'ab ', ' c', 'c ', ' c ']
 */
export function charNgrams(text: string, analyzer: 'char' | 'char_wb', min: number, max: number, lowercase = true): string[] {
  const t = (lowercase ? text.toLowerCase() : text).replace(WS_RUN, ' ');
  const out: string[] = [];
  // Slices by code point: on pure BMP text (the common case) string offsets are code points.
  const grams = (s: string) => {
    const cps: string | string[] = SURROGATE.test(s) ? Array.from(s) : s;
    const len = cps.length;
    const cut = typeof cps === 'string' ? (i: number, n: number) => cps.substring(i, i + n) : (i: number, n: number) => cps.slice(i, i + n).join('');
    if (analyzer === 'char') {
      let lo = min;
      if (lo === 1) { for (let i = 0; i < len; i++) out.push(cut(i, 1)); lo = 2; }
      for (let n = lo; n <= Math.min(max, len); n++) for (let i = 0; i + n <= len; i++) out.push(cut(i, n));
      return;
    }
    for (let n = min; n <= max; n++) {
      out.push(cut(0, n));
      let off = 0;
      while (off + n < len) { off++; out.push(cut(off, n)); }
      if (off === 0) break; // the padded word is shorter than n: counted once
    }
  };
  if (analyzer === 'char') grams(t);
  else for (const w of t.split(WS_SPLIT)) if (w !== '') grams(' ' + w + ' ');
  return out;
}

/** Options of {@link TfidfVectorizer}. */
export interface TfidfOptions {
  /**
   * `'word'` (default): word n-grams of the tokens. `'char'` / `'char_wb'`: character n-grams of
   * the raw text ({@link charNgrams}; documents must then be strings, not token arrays, and of the
   * tokenizer options only `tokenizeOptions.lowercase` applies, default true).
   */
  analyzer?: TfidfAnalyzer;
  /** Custom tokenizer for string documents. Default: {@link createTokenizer}(`tokenizeOptions`). */
  tokenizer?: (text: string) => string[];
  /** Options for the default tokenizer (ignored when `tokenizer` is given). Default `{}`. */
  tokenizeOptions?: TokenizeOptions;
  /** n-gram lengths `[min, max]`: in words (n-grams joined by one space), or in characters for a char analyzer. Default `[1, 1]`. */
  ngramRange?: readonly [number, number];
  /** Ignore terms in fewer training documents. Default `1` (keep all). */
  minDf?: DfBound;
  /** Ignore terms in more training documents. Default `{ proportion: 1 }` (no limit). */
  maxDf?: DfBound;
  /** Keep only the `maxFeatures` terms with the highest corpus frequency (ties: alphabetical). Default: all. */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of tf. Default `false`. */
  sublinearTf?: boolean;
  /** Multiply by idf. Default `true`. */
  useIdf?: boolean;
  /** Smooth idf as if one extra document contained every term. Default `true`. */
  smoothIdf?: boolean;
  /** Row normalization. Default `'l2'`. */
  norm?: 'l2' | 'l1' | 'none';
}

/** Serialized form of a fitted {@link TfidfVectorizer} (see `toJSON`). */
export interface TfidfJSON {
  name: 'TfidfVectorizer';
  version: 1;
  options: {
    /** Absent in JSON written before char analyzers existed: `'word'`. */
    analyzer?: TfidfAnalyzer;
    tokenizer: 'default' | 'custom';
    tokenizeOptions: Omit<TokenizeOptions, 'stopWords'> & { stopWords?: boolean | string[] };
    ngramRange: [number, number];
    minDf: DfBound;
    maxDf: DfBound;
    maxFeatures: number | null;
    sublinearTf: boolean;
    useIdf: boolean;
    smoothIdf: boolean;
    norm: 'l2' | 'l1' | 'none';
  };
  nDocs: number;
  features: string[];
  idf: number[];
  df: number[];
}

/** Compare strings by Unicode code point (Python's `str` order, which sklearn uses to sort terms). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // A surrogate (an astral code point) sorts after every BMP character in code point order.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

function checkDf(v: unknown, name: string): DfBound {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return checkInt(v, name, 0);
    return checkNumber(v, `${name} (a proportion)`, 0, 1);
  }
  if (v !== null && typeof v === 'object') {
    if ('count' in v) return { count: checkInt((v as { count: unknown }).count, `${name}.count`, 0) };
    if ('proportion' in v) return { proportion: checkNumber((v as { proportion: unknown }).proportion, `${name}.proportion`, 0, 1) };
  }
  throw new RangeError(`${name} must be an integer count, a proportion in (0, 1), { count } or { proportion }; got ${describe(v)}.`);
}

function dfLimit(b: DfBound, n: number): number {
  if (typeof b === 'number') return Number.isInteger(b) ? b : b * n;
  return 'count' in b ? b.count : b.proportion * n;
}

function checkBool(v: unknown, name: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean; got ${describe(v)}.`);
  return v;
}

/**
 * TF-IDF features, fitted on training documents (scikit-learn's `TfidfVectorizer` semantics,
 * matched to 1e-12 on a committed fixture).
 *
 * Documents are strings (tokenized with the configured tokenizer) or pre-tokenized `string[]`.
 * Columns are the kept terms in code-point order (as sklearn).
 *
 * @example
 * const v = new TfidfVectorizer({ sublinearTf: true, minDf: 2, ngramRange: [1, 2] }).fit(trainTexts);
 * const X = v.transform(testTexts); // SparseMatrix, rows l2-normalized
 */
export class TfidfVectorizer {
  private readonly tokenizer: (text: string) => string[];
  private readonly customTokenizer: boolean;
  private readonly tokenizeOptions: TokenizeOptions;
  readonly analyzer: TfidfAnalyzer;
  readonly ngramRange: [number, number];
  readonly minDf: DfBound;
  readonly maxDf: DfBound;
  readonly maxFeatures: number | null;
  readonly sublinearTf: boolean;
  readonly useIdf: boolean;
  readonly smoothIdf: boolean;
  readonly norm: 'l2' | 'l1' | 'none';
  private vocab: Map<string, number> | null = null;
  private features: string[] = [];
  private idfs: Float64Array = new Float64Array(0);
  private dfs: Int32Array = new Int32Array(0);
  private nDocs = 0;

  /**
   * @param opts - {@link TfidfOptions}
   * @throws TypeError / RangeError naming the bad option
   */
  constructor(opts: TfidfOptions = {}) {
    if (opts === null || typeof opts !== 'object') throw new TypeError(`The options of TfidfVectorizer must be an object; got ${describe(opts)}.`);
    if (opts.tokenizer !== undefined && typeof opts.tokenizer !== 'function') {
      throw new TypeError(`The 'tokenizer' option of TfidfVectorizer must be a function; got ${describe(opts.tokenizer)}.`);
    }
    this.analyzer = checkOneOf(opts.analyzer ?? 'word', "The 'analyzer' option of TfidfVectorizer", ['word', 'char', 'char_wb'] as const);
    if (this.analyzer !== 'word') {
      if (opts.tokenizer !== undefined) throw new RangeError(`The 'tokenizer' option of TfidfVectorizer does not apply to analyzer '${this.analyzer}' (character n-grams of the raw text); got a function.`);
      const to = (opts.tokenizeOptions ?? {}) as Record<string, unknown>;
      const other = Object.keys(to).filter((k) => k !== 'lowercase' && to[k] !== undefined);
      if (other.length > 0) throw new RangeError(`The 'tokenizeOptions' option of TfidfVectorizer accepts only 'lowercase' with analyzer '${this.analyzer}'; got ${other.map((k) => `'${k}'`).join(', ')}.`);
    }
    this.tokenizeOptions = { ...(opts.tokenizeOptions ?? {}) };
    this.customTokenizer = opts.tokenizer !== undefined;
    this.tokenizer = opts.tokenizer ?? createTokenizer(this.tokenizeOptions);
    const r = opts.ngramRange ?? [1, 1];
    if (!Array.isArray(r) || r.length !== 2) {
      throw new RangeError(`The 'ngramRange' option of TfidfVectorizer must be [min, max]; got ${describe(r)}.`);
    }
    const lo = checkInt(r[0], "The 'ngramRange[0]' option of TfidfVectorizer", 1);
    this.ngramRange = [lo, checkInt(r[1], "The 'ngramRange[1]' option of TfidfVectorizer", lo)];
    this.minDf = checkDf(opts.minDf ?? 1, "The 'minDf' option of TfidfVectorizer");
    this.maxDf = checkDf(opts.maxDf ?? { proportion: 1 }, "The 'maxDf' option of TfidfVectorizer");
    this.maxFeatures = opts.maxFeatures === undefined ? null : checkInt(opts.maxFeatures, "The 'maxFeatures' option of TfidfVectorizer", 1);
    this.sublinearTf = checkBool(opts.sublinearTf, "The 'sublinearTf' option of TfidfVectorizer", false);
    this.useIdf = checkBool(opts.useIdf, "The 'useIdf' option of TfidfVectorizer", true);
    this.smoothIdf = checkBool(opts.smoothIdf, "The 'smoothIdf' option of TfidfVectorizer", true);
    this.norm = checkOneOf(opts.norm ?? 'l2', "The 'norm' option of TfidfVectorizer", ['l2', 'l1', 'none'] as const);
  }

  /** Terms of one document (tokens, then word n-grams; or character n-grams). */
  analyze(doc: string | readonly string[]): string[] {
    if (this.analyzer !== 'word') {
      if (typeof doc !== 'string') {
        throw new TypeError(`A document given to TfidfVectorizer with analyzer '${this.analyzer}' must be a string (character n-grams need the raw text); got ${Array.isArray(doc) ? 'an array of tokens' : describe(doc)}.`);
      }
      return charNgrams(doc, this.analyzer, this.ngramRange[0], this.ngramRange[1], this.tokenizeOptions.lowercase ?? true);
    }
    let tokens: readonly string[];
    if (typeof doc === 'string') tokens = this.tokenizer(doc);
    else if (Array.isArray(doc)) tokens = doc;
    else throw new TypeError(`A document given to TfidfVectorizer must be a string or an array of tokens; got ${describe(doc)}.`);
    return ngramRange(tokens, this.ngramRange[0], this.ngramRange[1]);
  }

  private checkDocs(docs: unknown, where: string): readonly (string | readonly string[])[] {
    if (!Array.isArray(docs)) throw new TypeError(`The 'docs' argument of TfidfVectorizer.${where} must be an array; got ${describe(docs)}.`);
    return docs;
  }

  /**
   * Learn the vocabulary, document frequencies and idf from training documents.
   * @param docs - training documents (strings or token arrays), at least one
   * @returns `this`
   * @throws RangeError when `docs` is empty, when maxDf < minDf in documents, or when no term survives
   */
  fit(docs: readonly (string | readonly string[])[]): this {
    this.checkDocs(docs, 'fit');
    const n = docs.length;
    if (n === 0) throw new RangeError("The 'docs' argument of TfidfVectorizer.fit must contain at least 1 document; got 0.");
    const ids = new Map<string, number>();
    const terms: string[] = [];
    let df: Int32Array = new Int32Array(1024);
    let tf: Float64Array = new Float64Array(1024);
    let last: Int32Array = new Int32Array(1024).fill(-1);
    for (let i = 0; i < n; i++) {
      for (const t of this.analyze(docs[i])) {
        let id = ids.get(t);
        if (id === undefined) {
          id = terms.length;
          ids.set(t, id);
          terms.push(t);
          if (id >= df.length) {
            const m = df.length * 2;
            const df2 = new Int32Array(m); df2.set(df); df = df2;
            const tf2 = new Float64Array(m); tf2.set(tf); tf = tf2;
            const l2 = new Int32Array(m).fill(-1); l2.set(last); last = l2;
          }
        }
        tf[id] += 1;
        if (last[id] !== i) { last[id] = i; df[id] += 1; }
      }
    }
    if (terms.length === 0) {
      throw new RangeError('TfidfVectorizer.fit found an empty vocabulary: the training documents contain no tokens (or only stop words).');
    }
    const hi = dfLimit(this.maxDf, n);
    const lo = dfLimit(this.minDf, n);
    if (hi < lo) {
      throw new RangeError(`The 'maxDf' option of TfidfVectorizer corresponds to ${hi} documents, fewer than 'minDf' (${lo}) for ${n} training documents.`);
    }
    let kept: number[] = [];
    for (let id = 0; id < terms.length; id++) if (df[id] <= hi && df[id] >= lo) kept.push(id);
    if (kept.length === 0) {
      throw new RangeError(`TfidfVectorizer.fit: after pruning with minDf=${JSON.stringify(this.minDf)} and maxDf=${JSON.stringify(this.maxDf)} no terms remain; lower minDf or raise maxDf.`);
    }
    if (this.maxFeatures !== null && kept.length > this.maxFeatures) {
      kept.sort((a, b) => tf[b] - tf[a] || compareCodePoints(terms[a], terms[b]));
      kept = kept.slice(0, this.maxFeatures);
    }
    kept.sort((a, b) => compareCodePoints(terms[a], terms[b]));
    const vocab = new Map<string, number>();
    const idf = new Float64Array(kept.length);
    const dfs = new Int32Array(kept.length);
    const s = this.smoothIdf ? 1 : 0;
    for (let j = 0; j < kept.length; j++) {
      const id = kept[j];
      vocab.set(terms[id], j);
      dfs[j] = df[id];
      idf[j] = Math.log((n + s) / (df[id] + s)) + 1;
    }
    this.vocab = vocab;
    this.features = kept.map((id) => terms[id]);
    this.idfs = idf;
    this.dfs = dfs;
    this.nDocs = n;
    return this;
  }

  private fitted(member: string): Map<string, number> {
    if (this.vocab === null) throw new NotFittedError('TfidfVectorizer', member);
    return this.vocab;
  }

  /** Term → column index (read-only view of the learned vocabulary). @throws NotFittedError */
  get vocabulary(): ReadonlyMap<string, number> { return this.fitted('vocabulary'); }
  /** Column labels (terms in code-point order). @throws NotFittedError */
  get featureNames(): readonly string[] { this.fitted('featureNames'); return this.features; }
  /** idf per column (length = number of features). @throws NotFittedError */
  get idf(): Float64Array { this.fitted('idf'); return this.idfs; }
  /** Training document frequency per column. @throws NotFittedError */
  get documentFrequency(): Int32Array { this.fitted('documentFrequency'); return this.dfs; }
  /** Number of training documents. @throws NotFittedError */
  get trainingDocuments(): number { this.fitted('trainingDocuments'); return this.nDocs; }

  /**
   * TF-IDF rows of documents on the learned vocabulary (terms not in it are ignored).
   * @param docs - documents (strings or token arrays), possibly empty
   * @returns CSR matrix `docs.length x featureNames.length`, column indices increasing per row
   * @throws NotFittedError before `fit`
   */
  transform(docs: readonly (string | readonly string[])[]): SparseMatrix {
    const vocab = this.fitted('transform');
    this.checkDocs(docs, 'transform');
    const cols = this.features.length;
    const acc = new Float64Array(cols);
    const indptr = new Int32Array(docs.length + 1);
    let indices = new Int32Array(Math.max(16, docs.length * 8));
    let values = new Float64Array(indices.length);
    let nnz = 0;
    const touched: number[] = [];
    for (let i = 0; i < docs.length; i++) {
      touched.length = 0;
      for (const t of this.analyze(docs[i])) {
        const j = vocab.get(t);
        if (j === undefined) continue;
        if (acc[j] === 0) touched.push(j);
        acc[j] += 1;
      }
      touched.sort((a, b) => a - b);
      if (nnz + touched.length > indices.length) {
        const m = Math.max(indices.length * 2, nnz + touched.length);
        const i2 = new Int32Array(m); i2.set(indices.subarray(0, nnz)); indices = i2;
        const v2 = new Float64Array(m); v2.set(values.subarray(0, nnz)); values = v2;
      }
      let s = 0;
      for (const j of touched) {
        let x = acc[j];
        acc[j] = 0;
        if (this.sublinearTf) x = Math.log(x) + 1;
        if (this.useIdf) x *= this.idfs[j];
        indices[nnz] = j;
        values[nnz] = x;
        s += this.norm === 'l1' ? Math.abs(x) : x * x;
        nnz++;
      }
      if (this.norm !== 'none' && s > 0) {
        const scale = this.norm === 'l2' ? 1 / Math.sqrt(s) : 1 / s;
        for (let p = nnz - touched.length; p < nnz; p++) values[p] *= scale;
      }
      indptr[i + 1] = nnz;
    }
    return { rows: docs.length, cols, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
  }

  /** `fit(docs).transform(docs)`. */
  fitTransform(docs: readonly (string | readonly string[])[]): SparseMatrix {
    return this.fit(docs).transform(docs);
  }

  /**
   * Serializable state (options, features, idf, df). A custom `tokenizer` function cannot be
   * serialized: it is recorded as `'custom'` and must be passed again to {@link TfidfVectorizer.fromJSON}.
   * @throws NotFittedError before `fit`
   */
  toJSON(): TfidfJSON {
    this.fitted('toJSON');
    const sw = this.tokenizeOptions.stopWords;
    return {
      name: 'TfidfVectorizer',
      version: 1,
      options: {
        analyzer: this.analyzer,
        tokenizer: this.customTokenizer ? 'custom' : 'default',
        tokenizeOptions: { ...this.tokenizeOptions, stopWords: sw instanceof Set ? [...sw] : (sw as boolean | undefined) },
        ngramRange: [...this.ngramRange],
        minDf: this.minDf,
        maxDf: this.maxDf,
        maxFeatures: this.maxFeatures,
        sublinearTf: this.sublinearTf,
        useIdf: this.useIdf,
        smoothIdf: this.smoothIdf,
        norm: this.norm,
      },
      nDocs: this.nDocs,
      features: [...this.features],
      idf: Array.from(this.idfs),
      df: Array.from(this.dfs),
    };
  }

  /**
   * Rebuild a fitted vectorizer from {@link TfidfVectorizer.toJSON} output.
   * @param json - parsed JSON
   * @param opts - `tokenizer`: required when the model was fitted with a custom tokenizer
   * @throws FormatError on another name/version, inconsistent arrays, or a missing custom tokenizer
   */
  static fromJSON(json: unknown, opts: { tokenizer?: (text: string) => string[] } = {}): TfidfVectorizer {
    const j = json as Partial<TfidfJSON> | null;
    if (j === null || typeof j !== 'object' || j.name !== 'TfidfVectorizer') {
      throw new FormatError(`Expected a serialized TfidfVectorizer (name 'TfidfVectorizer'); got name ${describe(j?.name)}.`);
    }
    if (j.version !== 1) throw new FormatError(`TfidfVectorizer JSON version must be 1; got ${describe(j.version)}.`);
    const o = j.options;
    if (!o || !Array.isArray(j.features) || !Array.isArray(j.idf) || !Array.isArray(j.df) ||
      j.idf.length !== j.features.length || j.df.length !== j.features.length || typeof j.nDocs !== 'number') {
      throw new FormatError('TfidfVectorizer JSON must have options, nDocs and features, idf, df arrays of equal length.');
    }
    if (o.tokenizer === 'custom' && opts.tokenizer === undefined) {
      throw new FormatError("This TfidfVectorizer was fitted with a custom tokenizer: pass it as fromJSON(json, { tokenizer }).");
    }
    const sw = o.tokenizeOptions?.stopWords;
    const v = new TfidfVectorizer({
      analyzer: o.analyzer ?? 'word',
      tokenizer: opts.tokenizer,
      tokenizeOptions: { ...o.tokenizeOptions, stopWords: Array.isArray(sw) ? new Set(sw) : sw },
      ngramRange: o.ngramRange,
      minDf: o.minDf,
      maxDf: o.maxDf,
      maxFeatures: o.maxFeatures ?? undefined,
      sublinearTf: o.sublinearTf,
      useIdf: o.useIdf,
      smoothIdf: o.smoothIdf,
      norm: o.norm,
    });
    v.features = j.features.slice();
    v.vocab = new Map(v.features.map((t, i) => [t, i]));
    v.idfs = Float64Array.from(j.idf);
    v.dfs = Int32Array.from(j.df);
    v.nDocs = j.nDocs;
    return v;
  }
}
