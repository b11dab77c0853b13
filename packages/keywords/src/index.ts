/**
 * @embfact/keywords — keyphrase extraction: candidate phrases, embedding ranking with
 * MMR / max-sum diversity, TF-IDF, YAKE-style and graph rankers, rank fusion, and
 * F1@k evaluation with the field's conventions. This file is the only public surface.
 */
// Pipeline
export { extractKeywords, extractKeywordsBatch, KeywordExtractor, fuse, METHODS } from './extract.js';
export type { ExtractOptions, Keyword, Method, Diversity, FusionComponent } from './extract.js';
// Analysis and candidates
export { analyze, stripHtml, looksLikeHtml, cachedStem } from './analyze.js';
export type { AnalyzedDocument, AnalyzeOptions, Token } from './analyze.js';
export { selectCandidates, resolveCandidateOptions, isContentToken, GENERIC_MODIFIERS } from './candidates.js';
export type { Candidate, CandidateOptions, Occurrence, Selection } from './candidates.js';
export { STOP_WORDS, isStopWord, stem } from './lexicon.js';
// Rankers
export { DocumentFrequencies, tfidfScores } from './tfidf.js';
export type { DocumentFrequenciesJSON, DocumentFrequenciesOptions } from './tfidf.js';
export { yakeScores, graphScores, firstPhraseScores } from './statistical.js';
export type { YakeOptions, GraphOptions, GraphVariant } from './statistical.js';
export { WordVectorCache, documentVector, phraseVectors, embeddingScores, mmr, maxSum, cosine, argsortDesc } from './embed.js';
export type { WordVectorTable } from './embed.js';
// Evaluation
export { normalizePhrase, scoreAtK, evaluateRankings } from './evaluate.js';
export type { PRF, EvaluationResult } from './evaluate.js';
export { evaluateInspec } from './inspec.js';
export type { EvaluateInspecOptions, InspecResult, KeyphraseDocument, VectorTransform, TransformName, TransformableTable } from './inspec.js';
