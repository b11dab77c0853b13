/**
 * @embfact/text — text to vectors: tokenization, stop words, Porter stemming, n-grams, TF-IDF,
 * document vectors pooled from word embeddings (mean, TF-IDF, SIF), and intrinsic evaluation of
 * word vectors (word similarity, analogy).
 */

// Tokenization
export {
  tokenize, tokenizeWithOffsets, createTokenizer, resolveTokenizeOptions, sentences, stem, ngrams, ngramRange,
  isStopWord, STOP_WORDS, PLACEHOLDERS,
  type TokenizeOptions, type TokenWithOffsets, type TokenKind, type TokenPolicy,
} from './tokenize.js';

// TF-IDF
export { TfidfVectorizer, compareCodePoints, charNgrams, type TfidfOptions, type TfidfJSON, type DfBound, type TfidfAnalyzer } from './tfidf.js';
export { toDense, sparseRow, type SparseMatrix } from './sparse.js';

// Document vectors
export {
  DocumentEmbedder, firstSingularVector,
  type DocumentEmbedderOptions, type DocumentVectors, type DocumentEmbedderJSON, type Pooling,
} from './embedder.js';

// Word-vector evaluation
export {
  spearman, rankAverage, rowCosine, wordSimilarity, analogyAccuracy, evaluateWordBenchmarks, formatWordBenchmarks,
  tableWithMatrix,
  type WordPair, type WordSimilarityResult, type AnalogyQuestion, type AnalogyOptions, type AnalogyCounts,
  type AnalogyResult, type WordBenchmarkOptions, type WordBenchmarkRow,
} from './wordeval.js';

export type { EmbeddingTableLike, TransformLike, ProgressCallback } from './types.js';
