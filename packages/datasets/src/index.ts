/**
 * @embfact/datasets — loaders for the real corpora (Brown, SpamAssassin, Inspec, word
 * similarity, analogy) returning plain records, and deterministic stratified splits.
 */
// Records
export type { Document, ProgressCallback } from './types.js';
// Errors
export { FormatError, DataNotFoundError, type FormatLocation } from './errors.js';
// Locations
export { sharedDataDir, findSharedDataDir, sharedDataCandidates, sharedDataFile, type SharedDataOptions } from './paths.js';
// Brown
export {
  loadBrown, parseBrownFile, detokenize, BROWN_GENRES,
  type BrownDocument, type BrownToken, type LoadBrownOptions, type ParsedBrownFile,
} from './brown.js';
// SpamAssassin and mail parsing
export {
  loadSpamAssassin, readSpamAssassinRaw, SPAM_ASSASSIN_GROUPS,
  type SpamAssassinDocument, type SpamAssassinGroup, type LoadSpamAssassinOptions,
} from './spamassassin.js';
export {
  parseMessage, parseContentType, decodeHeaderValue, decodeCharset, decodeQuotedPrintable, decodeBase64, binaryToBytes,
  type ParsedMessage, type HeaderField, type ContentType, type AttachmentInfo, type BodySource,
} from './mime.js';
export { htmlToText, decodeHtmlEntities, HTML_ENTITIES } from './html.js';
// shared/data sets
export {
  loadInspec, loadWordSimilarity, loadAnalogy, WORD_SIMILARITY_SETS,
  type InspecDocument, type LoadInspecOptions, type WordPair, type WordSimilaritySet, type AnalogyQuestion,
} from './shared.js';
// Splits and deduplication
export { stratifiedSplit, stratifiedKFold, type SplitIndices, type StratifiedSplitOptions, type StratifiedKFoldOptions } from './split.js';
export { loadJsonl, type LoadJsonlOptions } from './jsonl.js';
export { deduplicate, normalizeForDedup, type DeduplicateOptions, type DeduplicateResult, type DuplicateInfo } from './dedupe.js';
