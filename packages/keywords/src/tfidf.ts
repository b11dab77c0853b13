/**
 * TF-IDF keyphrase ranking: document frequencies of candidate phrases counted on a
 * corpus, saved and loaded as JSON.
 */
import { FormatError, NotFittedError, checkInt, describe } from '@embfact/core';
import { analyze } from './analyze.js';
import { selectCandidates, type Candidate } from './candidates.js';

/** Options of {@link DocumentFrequencies}. */
export interface DocumentFrequenciesOptions {
  /** Longest phrase counted, in words (default 5: covers n-grams and noun phrases). */
  maxWords?: number;
}

/** JSON form of {@link DocumentFrequencies}. */
export interface DocumentFrequenciesJSON {
  name: 'DocumentFrequencies';
  version: 1;
  maxWords: number;
  documentCount: number;
  /** stem key → number of documents holding it. */
  df: Record<string, number>;
}

/**
 * Document frequencies of candidate phrases (keys are stem keys, see {@link Candidate.key}),
 * counted with the n-gram candidate rules (every content-word n-gram up to `maxWords`
 * words, generic modifiers allowed), so they cover whatever selection is used at extraction time.
 *
 * IDF follows pke's TfIdf: `idf(p) = ln((N + 1) / (df(p) + 1))` with N documents;
 * a phrase never seen gets `ln(N + 1)`.
 *
 * @example
 * const df = new DocumentFrequencies().fit(corpusTexts);
 * const json = JSON.stringify(df.toJSON());
 * const same = DocumentFrequencies.fromJSON(JSON.parse(json));
 */
export class DocumentFrequencies {
  readonly maxWords: number;
  private counts: Map<string, number> | undefined;
  private n = 0;

  /** @throws RangeError when `maxWords` is not an integer in [1, 10] */
  constructor(opts: DocumentFrequenciesOptions = {}) {
    this.maxWords = checkInt(opts.maxWords ?? 5, "The 'maxWords' option of DocumentFrequencies", 1, 10);
  }

  /**
   * Count candidate phrases in each document once.
   * @param texts - corpus documents (may be empty strings)
   * @throws TypeError when `texts` is not an array of strings
   */
  fit(texts: readonly string[], opts: { onProgress?: (done: number, total: number, label?: string) => void } = {}): this {
    if (!Array.isArray(texts)) throw new TypeError(`The 'texts' argument of DocumentFrequencies.fit must be an array of strings; got ${describe(texts)}.`);
    const counts = new Map<string, number>();
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (typeof t !== 'string') throw new TypeError(`The 'texts' argument of DocumentFrequencies.fit must hold strings; entry ${i} is ${describe(t)}.`);
      for (const c of selectCandidates(analyze(t), { selection: 'ngrams', maxWords: this.maxWords, genericModifiers: false })) {
        counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
      }
      if (opts.onProgress && (i % 100 === 99 || i === texts.length - 1)) opts.onProgress(i + 1, texts.length, 'document frequencies');
    }
    this.counts = counts;
    this.n = texts.length;
    return this;
  }

  /** Number of documents counted. @throws NotFittedError before fit */
  get documentCount(): number {
    this.check('documentCount');
    return this.n;
  }

  /** Number of distinct phrases counted. @throws NotFittedError before fit */
  get size(): number {
    return this.check('size').size;
  }

  /** Documents holding the phrase with this stem key (0 when unseen). @throws NotFittedError before fit */
  df(key: string): number {
    return this.check('df').get(key) ?? 0;
  }

  /** `ln((N + 1) / (df + 1))`. @throws NotFittedError before fit */
  idf(key: string): number {
    return Math.log((this.n + 1) / (this.df(key) + 1));
  }

  /** Serializable state. @throws NotFittedError before fit */
  toJSON(): DocumentFrequenciesJSON {
    const counts = this.check('toJSON');
    return { name: 'DocumentFrequencies', version: 1, maxWords: this.maxWords, documentCount: this.n, df: Object.fromEntries(counts) };
  }

  /**
   * Rebuild from {@link toJSON} output.
   * @throws FormatError on another name or version, or malformed counts
   */
  static fromJSON(json: unknown): DocumentFrequencies {
    const j = json as Partial<DocumentFrequenciesJSON> | null;
    if (j === null || typeof j !== 'object' || j.name !== 'DocumentFrequencies') {
      throw new FormatError(`Expected a DocumentFrequencies JSON object (name 'DocumentFrequencies'); got name ${describe(j?.name)}.`);
    }
    if (j.version !== 1) throw new FormatError(`DocumentFrequencies JSON version must be 1; got ${describe(j.version)}.`);
    if (!Number.isInteger(j.documentCount) || (j.documentCount as number) < 0) {
      throw new FormatError(`DocumentFrequencies JSON 'documentCount' must be a non-negative integer; got ${describe(j.documentCount)}.`);
    }
    if (j.df === null || typeof j.df !== 'object') throw new FormatError(`DocumentFrequencies JSON 'df' must be an object; got ${describe(j.df)}.`);
    const out = new DocumentFrequencies({ maxWords: j.maxWords ?? 5 });
    const counts = new Map<string, number>();
    for (const [k, v] of Object.entries(j.df)) {
      if (!Number.isInteger(v) || v < 0 || v > (j.documentCount as number)) {
        throw new FormatError(`DocumentFrequencies JSON df['${k}'] must be an integer in [0, ${j.documentCount}]; got ${describe(v)}.`);
      }
      counts.set(k, v);
    }
    out.counts = counts;
    out.n = j.documentCount as number;
    return out;
  }

  private check(member: string): Map<string, number> {
    if (this.counts === undefined) throw new NotFittedError('DocumentFrequencies', member);
    return this.counts;
  }
}

/**
 * TF-IDF score of each candidate: `count(p) · idf(p)` (pke's TfIdf, Salton & Buckley 1988).
 * @returns one score per candidate, higher is better
 */
export function tfidfScores(cands: readonly Candidate[], df: DocumentFrequencies): Float64Array {
  const out = new Float64Array(cands.length);
  for (let i = 0; i < cands.length; i++) out[i] = cands[i].count * df.idf(cands[i].key);
  return out;
}
