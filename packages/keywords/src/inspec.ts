/**
 * Evaluation on Inspec (Hulth 2003) with the field's protocol: extract from the
 * abstracts of one split, compare with the uncontrolled gold keyphrases (lowercase +
 * Porter stem, exact match), F1@5 and F1@10 macro-averaged.
 */
import { checkOneOf, createTransform, describe, type Matrix } from '@embfact/core';
import type { WordVectorTable } from './embed.js';
import { evaluateRankings, type PRF } from './evaluate.js';
import { KeywordExtractor, METHODS, type ExtractOptions, type Method } from './extract.js';
import { DocumentFrequencies } from './tfidf.js';

/** A labelled document (what `loadInspec()` of @embfact/datasets returns). */
export interface KeyphraseDocument {
  text: string;
  keyphrases?: readonly string[];
  split?: string;
}

/** Something fitted on the vocabulary matrix and applied to it (a core transform). */
export interface VectorTransform {
  fit(X: Matrix): unknown;
  transform(X: Matrix): Matrix;
}

/** Named embedding transforms: `'raw'` (none), or a {@link VectorTransform} factory result. */
export type TransformName = 'raw' | 'whiten' | 'abtt';

/** A table whose vectors can be replaced (EmbeddingTable.withMatrix). */
export interface TransformableTable extends WordVectorTable {
  withMatrix(m: Matrix): WordVectorTable;
}

/** Options of {@link evaluateInspec}. */
export interface EvaluateInspecOptions {
  /** Inspec documents (all splits): `text`, `keyphrases` (uncontrolled gold), `split`. */
  documents: readonly KeyphraseDocument[];
  /** Ranking method. */
  method: Method;
  /** Split evaluated (default `'test'`). */
  split?: 'train' | 'dev' | 'test';
  /** Word vectors (needed by `'embedding'`, diversity, and fusions using them). */
  table?: TransformableTable;
  /**
   * Embedding transform applied to the whole vocabulary matrix before ranking:
   * `'raw'` (default), `'whiten'` (PCA whitening, all directions) or `'abtt'` (all-but-the-top with
   * core's `defaultAbttDirections(dim)`, i.e. 2 directions for 100-dim vectors), built by core's `createTransform`,
   * or a transform object already configured; fitted here on `table.matrix` (vocabulary scope,
   * DESIGN.md §5). `transforms` overrides the factories of the names.
   */
  transform?: TransformName | VectorTransform;
  /** Factories for named transforms, e.g. `{ whiten: () => new Whitening(), abtt: () => new AllButTheTop({ d: 2 }) }`. */
  transforms?: Partial<Record<TransformName, () => VectorTransform>>;
  /**
   * Splits whose texts (never their labels) are used to fit document frequencies
   * (default: train + dev for `test`, train for `dev`, dev for `train`).
   */
  dfSplits?: readonly string[];
  /** Document frequencies to use instead of fitting them. */
  df?: DocumentFrequencies;
  /** Other extraction options (top is ignored: 10 predictions are scored). */
  extract?: Omit<ExtractOptions, 'method' | 'df' | 'table' | 'top'>;
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Result of {@link evaluateInspec} (scores in [0, 1]). */
export interface InspecResult {
  method: Method;
  transform: string;
  split: string;
  documents: number;
  f1At5: number;
  f1At10: number;
  /** Macro P/R/F1 at k = 5 and 10. */
  atK: Record<5 | 10, PRF>;
  emptyGold: number;
  emptyPredictions: number;
  /** Documents used to fit document frequencies (0 when not needed or given). */
  dfDocuments: number;
}

/**
 * Extract the top 10 phrases of every document in `split` and score them against the
 * uncontrolled gold keyphrases (see {@link evaluateRankings} for the conventions).
 *
 * @throws RangeError on an unknown split, method or transform name, or a missing table
 * @example
 * const docs = await loadInspec();
 * const r = evaluateInspec({ documents: docs, method: 'tfidf', split: 'test' });
 * r.f1At10; // ≈ 0.36
 */
export function evaluateInspec(opts: EvaluateInspecOptions): InspecResult {
  if (opts === null || typeof opts !== 'object' || !Array.isArray(opts.documents)) {
    throw new TypeError(`The 'documents' option of evaluateInspec must be an array of { text, keyphrases, split }; got ${describe(opts?.documents)}.`);
  }
  const split = checkOneOf(opts.split ?? 'test', "The 'split' option of evaluateInspec", ['train', 'dev', 'test'] as const);
  const method = checkOneOf(opts.method, "The 'method' option of evaluateInspec", METHODS);
  const docs = opts.documents.filter((d) => d.split === split);
  if (docs.length === 0) throw new RangeError(`evaluateInspec found no documents with split '${split}' among ${opts.documents.length}.`);

  let table: WordVectorTable | undefined = opts.table;
  let transformLabel = 'raw';
  const t = opts.transform ?? 'raw';
  if (t !== 'raw') {
    if (opts.table === undefined) throw new RangeError(`The 'transform' option of evaluateInspec needs a 'table'.`);
    let tr: VectorTransform;
    if (typeof t === 'string') {
      checkOneOf(t, "The 'transform' option of evaluateInspec", ['raw', 'whiten', 'abtt'] as const);
      const dim = opts.table.matrix.cols;
      const make = opts.transforms?.[t] ?? (() => createTransform(t, dim)!);
      tr = make();
      transformLabel = t;
    } else {
      tr = t;
      transformLabel = (t as object).constructor?.name ?? 'custom';
    }
    tr.fit(opts.table.matrix);
    table = opts.table.withMatrix(tr.transform(opts.table.matrix));
  }

  let df = opts.df;
  let dfDocuments = 0;
  const usesTfidf = method === 'tfidf' || (method === 'fusion' && (opts.extract?.fusion === undefined || opts.extract.fusion.some((f) => f.method === 'tfidf')));
  if (df === undefined && usesTfidf) {
    const dfSplits = opts.dfSplits ?? (split === 'test' ? ['train', 'dev'] : split === 'dev' ? ['train'] : ['dev']);
    const dfTexts = opts.documents.filter((d) => d.split !== undefined && dfSplits.includes(d.split)).map((d) => d.text);
    df = new DocumentFrequencies().fit(dfTexts);
    dfDocuments = dfTexts.length;
  }
  const ex = new KeywordExtractor({ ...opts.extract, method, df, table, top: 10 });
  const predicted = ex.extractBatch(docs.map((d) => d.text), { onProgress: opts.onProgress }).map((ks) => ks.map((k) => k.phrase));
  const r = evaluateRankings(predicted, docs.map((d) => d.keyphrases ?? []), [5, 10]);
  return {
    method,
    transform: transformLabel,
    split,
    documents: r.documents,
    f1At5: r.atK[5].f1,
    f1At10: r.atK[10].f1,
    atK: { 5: r.atK[5], 10: r.atK[10] },
    emptyGold: r.emptyGold,
    emptyPredictions: r.emptyPredictions,
    dfDocuments,
  };
}
