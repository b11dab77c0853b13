/**
 * The extraction pipeline: analyze → select candidates → rank → (diversify) → top k.
 */
import { checkInt, checkNumber, checkOneOf, describe } from '@embfact/core';
import { analyze, type AnalyzedDocument } from './analyze.js';
import { resolveCandidateOptions, selectCandidates, type Candidate, type CandidateOptions } from './candidates.js';
import { WordVectorCache, argsortDesc, documentVector, embeddingScores, maxSum, mmr, phraseVectors, type WordVectorTable } from './embed.js';
import { firstPhraseScores, graphScores, yakeScores, type GraphOptions } from './statistical.js';
import { DocumentFrequencies, tfidfScores } from './tfidf.js';

/** Ranking methods. */
export type Method = 'tfidf' | 'yake' | 'embedding' | 'textrank' | 'singlerank' | 'positionrank' | 'firstphrases' | 'fusion';
/** All {@link Method} values. */
export const METHODS: readonly Method[] = ['tfidf', 'yake', 'embedding', 'textrank', 'singlerank', 'positionrank', 'firstphrases', 'fusion'];
/** Diversity re-ranking. */
export type Diversity = 'none' | 'mmr' | 'maxsum';

/** One member of a rank fusion. */
export interface FusionComponent {
  method: Exclude<Method, 'fusion'>;
  /** Weight of its reciprocal rank (default 1). */
  weight?: number;
}

/** A keyphrase found in a document. */
export interface Keyword {
  /** Most frequent surface form of the phrase, as written. */
  phrase: string;
  /** Method score (higher is better; see the method's docs for its scale; never NaN). */
  score: number;
  /** Character span of every occurrence in the input text (`text.slice(start, end)` is the occurrence). */
  offsets: { start: number; end: number }[];
}

/** Options of {@link extractKeywords} and {@link KeywordExtractor}. */
export interface ExtractOptions {
  /** Ranking method (default `'fusion'` when `df` is given, else `'yake'`). */
  method?: Method;
  /** Number of keyphrases returned (default 60, tuned on Inspec dev). */
  top?: number;
  /** Candidate selection (see {@link CandidateOptions}; default noun phrases of at most 5 words). */
  candidates?: CandidateOptions;
  /** Document frequencies for `'tfidf'` (required by it). */
  df?: DocumentFrequencies;
  /** Word vectors for `'embedding'` and for MMR / max-sum (required by them). */
  table?: WordVectorTable;
  /**
   * SIF constant a for the document vector of `'embedding'` (default 1e-6, tuned on Inspec dev:
   * F1@10 31.9 vs 25.0 for the plain mean (a = 0) with raw wink vectors). Word
   * probabilities come from the table's row order (Zipf), see {@link WordVectorCache}.
   */
  sifA?: number;
  /** Diversity re-ranking of the top list (default `'none'`; needs `table`). */
  diversity?: Diversity;
  /** MMR trade-off λ in [0, 1] (default 0.7: 1 = relevance only). */
  lambda?: number;
  /** Max-sum pool size: pick `top` out of this many most relevant (default 2 · top). */
  maxSumPool?: number;
  /** Rank fusion members (default, tuned on Inspec dev: tfidf (weight 2) when `df` is given, yake, textrank, singlerank, firstphrases (weight 1), embedding (weight 2) when `table` is given). */
  fusion?: FusionComponent[];
  /** Reciprocal-rank constant k₀ of the fusion `Σ w / (k₀ + rank)` (default 60, tuned on Inspec dev). */
  fusionK?: number;
  /** Graph ranker options. */
  graph?: GraphOptions;
  /** Analyze at most this many characters (default 200,000; see {@link analyze}). */
  maxChars?: number;
  /** Strip HTML markup (default `'auto'`: when the text looks like HTML). */
  stripHtml?: boolean | 'auto';
}

interface Resolved {
  method: Method;
  top: number;
  cand: ReturnType<typeof resolveCandidateOptions>;
  df?: DocumentFrequencies;
  diversity: Diversity;
  lambda: number;
  maxSumPool: number;
  fusion: FusionComponent[];
  fusionK: number;
  graph: GraphOptions;
  pos: boolean;
  maxChars: number;
  stripHtml: boolean | 'auto';
}

function resolve(opts: ExtractOptions): Resolved {
  if (opts === null || typeof opts !== 'object') throw new TypeError(`Keyword extraction options must be an object; got ${describe(opts)}.`);
  const where = (o: string): string => `The '${o}' option of extractKeywords`;
  const method = checkOneOf(opts.method ?? (opts.df ? 'fusion' : 'yake'), where('method'), METHODS);
  const top = checkInt(opts.top ?? 10, where('top'), 1, 100_000);
  const diversity = checkOneOf(opts.diversity ?? 'none', where('diversity'), ['none', 'mmr', 'maxsum'] as const);
  if (opts.df !== undefined && !(opts.df instanceof DocumentFrequencies)) {
    throw new TypeError(`${where('df')} must be a DocumentFrequencies; got ${describe(opts.df)}.`);
  }
  const fusion = opts.fusion ?? [
    ...(opts.df ? [{ method: 'tfidf' as const, weight: 2 }] : []),
    { method: 'yake' as const, weight: 1 },
    { method: 'textrank' as const, weight: 1 },
    { method: 'singlerank' as const, weight: 1 },
    { method: 'firstphrases' as const, weight: 1 },
    ...(opts.table ? [{ method: 'embedding' as const, weight: 2 }] : []),
  ];
  if (!Array.isArray(fusion) || fusion.length === 0) throw new RangeError(`${where('fusion')} must be a non-empty array of { method, weight }; got ${describe(fusion)}.`);
  for (const f of fusion) {
    checkOneOf(f?.method, `${where('fusion')} entry's 'method'`, METHODS.filter((m) => m !== 'fusion'));
    if (f.weight !== undefined) checkNumber(f.weight, `${where('fusion')} entry's 'weight'`, 0, 1e6);
  }
  const used = method === 'fusion' ? fusion.map((f) => f.method) : [method];
  if (used.includes('tfidf') && opts.df === undefined) {
    throw new RangeError(`Method 'tfidf' needs document frequencies: pass ${where('df')} (a fitted DocumentFrequencies).`);
  }
  if ((used.includes('embedding') || diversity !== 'none') && opts.table === undefined) {
    throw new RangeError(`${used.includes('embedding') ? "Method 'embedding'" : `Diversity '${diversity}'`} needs word vectors: pass ${where('table')} (an EmbeddingTable).`);
  }
  const cand = resolveCandidateOptions(opts.candidates);
  const graph = opts.graph ?? {};
  const graphNeedsPos = used.some((m) => m === 'textrank' || m === 'singlerank' || m === 'positionrank') && (graph.posFilter ?? false);
  return {
    method,
    top,
    cand,
    df: opts.df,
    diversity,
    lambda: checkNumber(opts.lambda ?? 0.7, where('lambda'), 0, 1),
    maxSumPool: checkInt(opts.maxSumPool ?? 2 * top, where('maxSumPool'), 1, 10_000),
    fusion,
    fusionK: checkNumber(opts.fusionK ?? 60, where('fusionK'), 0, 1e6),
    graph: { ...graph, posFilter: graph.posFilter ?? false },
    pos: cand.selection === 'noun-phrases' || cand.posFilter || graphNeedsPos,
    maxChars: opts.maxChars === Infinity ? Infinity : checkInt(opts.maxChars ?? 200_000, where('maxChars'), 1, 1e9),
    stripHtml: opts.stripHtml ?? 'auto',
  };
}

/**
 * Reusable extractor: validates options once and shares a {@link WordVectorCache}
 * (each distinct word's vector is fetched once across all documents it sees).
 *
 * @example
 * const df = new DocumentFrequencies().fit(corpus);
 * const ex = new KeywordExtractor({ method: 'tfidf', df, top: 5 });
 * ex.extract('Whitening transforms of word embeddings ...'); // [{ phrase, score, offsets }, ...]
 */
export class KeywordExtractor {
  private readonly o: Resolved;
  private readonly cache: WordVectorCache | undefined;

  /** @throws RangeError / TypeError naming a bad option (unknown method, tfidf without df, ...) */
  constructor(options: ExtractOptions = {}) {
    this.o = resolve(options);
    this.cache = options.table ? new WordVectorCache(options.table, checkNumber(options.sifA ?? 1e-6, "The 'sifA' option of extractKeywords", 0, 1)) : undefined;
  }

  /** The word-vector cache (undefined without a table). */
  get vectorCache(): WordVectorCache | undefined {
    return this.cache;
  }

  /**
   * Ranked keyphrases of one document.
   * @throws TypeError when `text` is not a string
   */
  extract(text: string): Keyword[] {
    if (typeof text !== 'string') throw new TypeError(`The 'text' argument of extractKeywords must be a string; got ${describe(text)}.`);
    const doc = analyze(text, { pos: this.o.pos, maxChars: this.o.maxChars, stripHtml: this.o.stripHtml });
    return this.rank(doc);
  }

  /**
   * Ranked keyphrases of many documents. The distinct words of all documents are
   * embedded once (shared cache) before ranking.
   * @throws TypeError when `texts` is not an array of strings
   */
  extractBatch(texts: readonly string[], opts: { onProgress?: (done: number, total: number, label?: string) => void } = {}): Keyword[][] {
    if (!Array.isArray(texts)) throw new TypeError(`The 'texts' argument of extractKeywordsBatch must be an array of strings; got ${describe(texts)}.`);
    const docs = texts.map((t, i) => {
      if (typeof t !== 'string') throw new TypeError(`The 'texts' argument of extractKeywordsBatch must hold strings; entry ${i} is ${describe(t)}.`);
      return analyze(t, { pos: this.o.pos, maxChars: this.o.maxChars, stripHtml: this.o.stripHtml });
    });
    if (this.cache) for (const d of docs) for (const t of d.tokens) if (!t.stop) this.cache.get(t.lower);
    const out: Keyword[][] = [];
    for (let i = 0; i < docs.length; i++) {
      out.push(this.rank(docs[i]));
      if (opts.onProgress && (i % 50 === 49 || i === docs.length - 1)) opts.onProgress(i + 1, docs.length, 'keywords');
    }
    return out;
  }

  /** Rank an already analyzed document (exposed for evaluation and benchmarks). */
  rank(doc: AnalyzedDocument): Keyword[] {
    const o = this.o;
    const cands = selectCandidates(doc, o.cand);
    if (cands.length === 0) return [];
    let vecs: (Float64Array | null)[] | undefined;
    const needVecs = (): (Float64Array | null)[] => (vecs ??= phraseVectors(cands, this.cache!));
    const scoreOf = (m: Exclude<Method, 'fusion'>): Float64Array => {
      switch (m) {
        case 'tfidf': return tfidfScores(cands, o.df!);
        case 'yake': return yakeScores(doc, cands);
        case 'embedding': return embeddingScores(documentVector(doc, this.cache!), needVecs());
        case 'firstphrases': return firstPhraseScores(cands);
        default: return graphScores(doc, cands, m, o.graph);
      }
    };
    let scores: Float64Array;
    if (o.method === 'fusion') scores = fuse(o.fusion.map((f) => ({ scores: scoreOf(f.method), weight: f.weight ?? 1 })), o.fusionK);
    else scores = scoreOf(o.method);
    let picked: number[];
    if (o.diversity === 'mmr') picked = mmr(scores, needVecs(), o.top, o.lambda);
    else if (o.diversity === 'maxsum') picked = maxSum(scores, needVecs(), o.top, o.maxSumPool);
    else picked = argsortDesc(scores).slice(0, o.top);
    return picked.map((i) => toKeyword(cands[i], scores[i]));
  }
}

function toKeyword(c: Candidate, score: number): Keyword {
  return { phrase: c.phrase, score, offsets: c.occurrences.map((o) => ({ start: o.start, end: o.end })) };
}

/**
 * Weighted reciprocal rank fusion (Cormack et al. 2009): `score(c) = Σ_m w_m / (k₀ + rank_m(c))`
 * with 1-based ranks (ties broken by first occurrence).
 */
export function fuse(parts: { scores: Float64Array; weight: number }[], k0: number): Float64Array {
  const n = parts[0].scores.length;
  const out = new Float64Array(n);
  for (const p of parts) {
    const order = argsortDesc(p.scores);
    for (let r = 0; r < order.length; r++) out[order[r]] += p.weight / (k0 + r + 1);
  }
  return out;
}

/**
 * Ranked keyphrases of one document.
 *
 * @param text - any string; empty, stop-word-only, binary-looking or HTML input gives a
 *   defined (possibly empty) list; inputs over `maxChars` are cut (default 200,000 chars)
 * @returns at most `top` keyphrases, best first, each with its score and the character
 *   offsets of every occurrence in `text` (HTML is blanked in place, so offsets still
 *   index the original string; a truncated input only reports offsets in the analyzed prefix)
 * @throws TypeError when `text` is not a string; RangeError on a bad option
 * @example
 * extractKeywords('Whitening of word embeddings improves word similarity.', { method: 'yake', top: 3 });
 * // [{ phrase: 'word embeddings', score: 0.9…, offsets: [{ start: 13, end: 28 }] }, ...]
 */
export function extractKeywords(text: string, options: ExtractOptions = {}): Keyword[] {
  return new KeywordExtractor(options).extract(text);
}

/**
 * Ranked keyphrases of many documents, sharing one word-vector cache (the vocabulary
 * of the batch is embedded once). Same options and results as {@link extractKeywords}.
 * @throws TypeError when `texts` is not an array of strings; RangeError on a bad option
 */
export function extractKeywordsBatch(
  texts: readonly string[],
  options: ExtractOptions & { onProgress?: (done: number, total: number, label?: string) => void } = {},
): Keyword[][] {
  return new KeywordExtractor(options).extractBatch(texts, { onProgress: options.onProgress });
}
