/**
 * One call that runs a whole evaluation: stratified k-fold cross-validation (or one
 * stratified hold-out split) of a {@link TextClassifier} configuration on labelled
 * documents, with per-fold and mean accuracy / macro-F1, the pooled per-class report and
 * the confusion matrix. This is what `embfact classify` prints.
 */
import { createTransform, checkInt, checkOneOf, describe, TRANSFORM_NAMES, type TransformName } from '@embfact/core';
import { stratifiedKFold, stratifiedSplit, type SplitIndices as Fold } from '@embfact/datasets';
import { createTokenizer } from '@embfact/text';
import { TextClassifier, type Doc, type EmbeddingTableLike, type TransformLike, type FeatureKind, type ModelKind, type TextClassifierOptions } from './pipeline.js';
import { classificationReport, type ClassificationReport, type Confusion } from './metrics.js';
import { checkLabels, type Label } from './labels.js';
import { LogisticRegression } from './logistic.js';

/** Options of {@link evaluateClassification}. */
export interface EvaluateOptions<L extends Label = Label> {
  /** Labelled documents (`text`, `label`); other fields are ignored. */
  documents: readonly { text: string; label: L }[];
  /** `'emb'`, `'tfidf'` or `'both'`. */
  features: FeatureKind;
  /** Embedding table (required unless features is 'tfidf'). */
  table?: EmbeddingTableLike;
  /**
   * A name of @embfact/core's `createTransform` — `'raw'` (default), `'whiten'` (PCA-whitening,
   * all directions), `'zca'`, `'abtt'` (all-but-the-top, D = `transformOptions.d`, default
   * core's `defaultAbttDirections(dim)` = max(1, round(dim/50))), `'lowrank'` (rank
   * `transformOptions.k`, default dim/2) — or a transform instance.
   */
  transform?: TransformName | TransformLike;
  /** `{ k }` for whiten/lowrank, `{ d }` for abtt. */
  transformOptions?: { k?: number; d?: number };
  /** Where the transform is fitted (default 'vocabulary': once, before the folds). */
  transformScope?: 'vocabulary' | 'documents';
  /** Number of stratified folds (default 5), or `{ testSize }` for one stratified hold-out split. */
  cv?: number | { testSize: number };
  /** Precomputed folds (e.g. from @embfact/datasets), overriding `cv`. */
  folds?: readonly Fold[];
  /** Seed of the folds and of inner tuning folds (default 0). */
  seed?: number;
  /** Everything else of a {@link TextClassifier}: model, modelOptions, tfidf, pooling, tuneC, ... */
  pipeline?: Omit<TextClassifierOptions, 'features' | 'table' | 'transform' | 'transformScope' | 'transformFitted'>;
  /** Progress: (fold done, folds total, label). */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Scores of one fold. */
export interface FoldResult<L extends Label = Label> {
  fold: number;
  nTrain: number;
  nTest: number;
  accuracy: number;
  macroF1: number;
  confusion: Confusion<L>;
  /** Wall time of TextClassifier.fit on the training part (s), tuning included. */
  trainSeconds: number;
  /** Wall time of predict on the test part (s). */
  predictSeconds: number;
  /** C of the final logistic regression (null for other models). */
  selectedC: number | null;
  /** Inner-CV accuracy per C of the `tuneC` grid on this fold's training part (null without tuning). */
  tuning: { C: number; accuracy: number }[] | null;
  /** L-BFGS iterations and convergence of the final logistic regression. */
  nIter: number | null;
  converged: boolean | null;
}

/** Result of {@link evaluateClassification}. */
export interface EvaluationResult<L extends Label = Label> {
  /** A readable description of the configuration. */
  config: { features: FeatureKind; transform: string; transformScope: string; model: ModelKind; folds: number; seed: number; tuneC: number[] | null };
  classes: L[];
  folds: FoldResult<L>[];
  mean: { accuracy: number; macroF1: number };
  /** Sample standard deviation over folds (0 for one split). */
  std: { accuracy: number; macroF1: number };
  /** Report over all test predictions pooled (per-class precision/recall/F1, summed confusion). */
  pooled: ClassificationReport<L>;
  /** Seconds spent fitting a vocabulary-scope transform once, before the folds. */
  transformSeconds: number;
}

const now = (): number => performance.now() / 1000;

/**
 * Cross-validate a text-classification pipeline.
 *
 * Every fold fits the whole pipeline (TF-IDF vocabulary and idf, embedding scaler,
 * documents-scope transform, C tuning by inner CV) on its training part only. A
 * vocabulary-scope transform uses no documents, so it is fitted once on the table.
 *
 * @throws TypeError on malformed documents or mixed label types
 * @throws RangeError on an invalid option, fewer than two classes, or a class smaller than the fold count
 * @example
 * const r = evaluateClassification({ documents: brown, table, features: 'emb', transform: 'whiten', cv: 5, seed: 0 });
 * r.mean.accuracy; r.folds[0].confusion; r.pooled.perClass
 */
export function evaluateClassification<L extends Label>(opts: EvaluateOptions<L>): EvaluationResult<L> {
  if (opts === null || typeof opts !== 'object') throw new TypeError(`evaluateClassification expects an options object; got ${describe(opts)}.`);
  const docs = opts.documents;
  if (!Array.isArray(docs)) throw new TypeError(`The 'documents' option of evaluateClassification must be an array of { text, label }; got ${describe(docs)}.`);
  const texts: string[] = [];
  const labels: L[] = [];
  docs.forEach((d, i) => {
    if (d === null || typeof d !== 'object' || typeof d.text !== 'string') {
      throw new TypeError(`The 'documents' option of evaluateClassification must hold { text: string, label }; document ${i} is ${describe(d)}${d && typeof d === 'object' ? ` with text ${describe((d as { text?: unknown }).text)}` : ''}.`);
    }
    texts.push(d.text);
    labels.push(d.label);
  });
  checkLabels(labels, "The labels of evaluateClassification's documents");
  const seed = opts.seed === undefined ? 0 : checkInt(opts.seed, "The 'seed' option of evaluateClassification", 0, 2 ** 32 - 1);
  let folds: readonly Fold[];
  if (opts.folds) folds = opts.folds;
  else if (typeof opts.cv === 'object' && opts.cv !== null) folds = [stratifiedSplit(labels, { testSize: opts.cv.testSize, seed })];
  else folds = stratifiedKFold(labels, { k: opts.cv === undefined ? 5 : checkInt(opts.cv, "The 'cv' option of evaluateClassification", 2), seed });

  const scope = opts.transformScope === undefined ? 'vocabulary' : checkOneOf(opts.transformScope, "The 'transformScope' option of evaluateClassification", ['vocabulary', 'documents'] as const);
  const tname = opts.transform === undefined ? 'raw' : opts.transform;
  let transform: TransformLike | null = null;
  let transformLabel = 'raw';
  let transformSeconds = 0;
  if (opts.features !== 'tfidf' || tname !== 'raw') {
    if (typeof tname === 'string') {
      checkOneOf(tname, "The 'transform' option of evaluateClassification", TRANSFORM_NAMES);
      if (opts.features === 'tfidf' && tname !== 'raw') throw new RangeError(`The 'transform' option of evaluateClassification needs embedding features ('emb' or 'both'); got features 'tfidf' with transform '${tname}'.`);
      // Without a table there is nothing to transform; TextClassifier reports the missing table.
      transform = tname === 'raw' || !opts.table ? null : createTransform(tname, opts.table.matrix.cols, opts.transformOptions);
      transformLabel = tname + (opts.transformOptions?.k !== undefined ? `(k=${opts.transformOptions.k})` : opts.transformOptions?.d !== undefined ? `(d=${opts.transformOptions.d})` : '');
    } else {
      transform = tname;
      transformLabel = (tname.toJSON() as { name?: string }).name ?? 'custom';
    }
  }
  if (transform && scope === 'vocabulary' && opts.table) {
    const t0 = now();
    transform.fit(opts.table.matrix);
    transformSeconds = now() - t0;
  }
  const p = opts.pipeline ?? {};
  const model = p.model ?? 'logreg';
  // Tokenize once for all folds when both feature extractors use the default tokenizer
  // (character n-gram TF-IDF needs the raw text).
  let docsIn: Doc[] = texts;
  const wordTfidf = p.tfidf?.analyzer === undefined || p.tfidf.analyzer === 'word';
  if (wordTfidf && p.tfidf?.tokenizer === undefined && p.tfidf?.tokenizeOptions === undefined && p.embedder?.tokenizeOptions === undefined) {
    const tok = createTokenizer();
    docsIn = texts.map((t) => tok(t));
  }
  const results: FoldResult<L>[] = [];
  const allTrue: L[] = [];
  const allPred: L[] = [];
  let classes: L[] = [];
  folds.forEach((f, fi) => {
    const clf = new TextClassifier<L>({
      ...p, seed: p.seed ?? seed, features: opts.features, table: opts.table, transform,
      transformScope: scope, transformFitted: transform !== null && scope === 'vocabulary',
    });
    const t0 = now();
    clf.fit(f.train.map((i) => docsIn[i]), f.train.map((i) => labels[i]));
    const t1 = now();
    const pred = clf.predict(f.test.map((i) => docsIn[i]));
    const t2 = now();
    const yt = f.test.map((i) => labels[i]);
    classes = [...clf.classes];
    const rep = classificationReport(yt, pred, classes);
    const lr = clf.model instanceof LogisticRegression ? clf.model : null;
    results.push({
      fold: fi, nTrain: f.train.length, nTest: f.test.length, accuracy: rep.accuracy, macroF1: rep.macroF1,
      confusion: rep.confusion, trainSeconds: t1 - t0, predictSeconds: t2 - t1,
      selectedC: clf.selectedC, tuning: clf.tuning ? clf.tuning.map((t) => ({ ...t })) : null, nIter: lr ? lr.nIter : null, converged: lr ? lr.converged : null,
    });
    allTrue.push(...yt);
    allPred.push(...pred);
    opts.onProgress?.(fi + 1, folds.length, `fold ${fi + 1}`);
  });
  const meanOf = (f: (r: FoldResult<L>) => number) => results.reduce((a, r) => a + f(r), 0) / results.length;
  const sdOf = (f: (r: FoldResult<L>) => number) => {
    if (results.length < 2) return 0;
    const m = meanOf(f);
    return Math.sqrt(results.reduce((a, r) => a + (f(r) - m) ** 2, 0) / (results.length - 1));
  };
  return {
    config: { features: opts.features, transform: transform ? transformLabel : 'raw', transformScope: scope, model, folds: folds.length, seed, tuneC: p.tuneC ? [...p.tuneC] : null },
    classes,
    folds: results,
    mean: { accuracy: meanOf((r) => r.accuracy), macroF1: meanOf((r) => r.macroF1) },
    std: { accuracy: sdOf((r) => r.accuracy), macroF1: sdOf((r) => r.macroF1) },
    pooled: classificationReport(allTrue, allPred, classes),
    transformSeconds,
  };
}

/**
 * Plain-text table of an evaluation (what the CLI prints): per-fold rows, the mean ± std,
 * and per-class precision / recall / F1.
 */
export function formatEvaluation(r: EvaluationResult): string {
  const f3 = (x: number) => x.toFixed(3);
  const lines: string[] = [];
  const c = r.config;
  lines.push(`features=${c.features} transform=${c.transform} scope=${c.transformScope} model=${c.model} folds=${c.folds} seed=${c.seed}${c.tuneC ? ` tuneC=[${c.tuneC.join(',')}]` : ''}`);
  lines.push('fold  n_train  n_test  accuracy  macro-F1  C        iters  train_s');
  for (const f of r.folds) {
    lines.push(`${String(f.fold + 1).padEnd(6)}${String(f.nTrain).padEnd(9)}${String(f.nTest).padEnd(8)}${f3(f.accuracy).padEnd(10)}${f3(f.macroF1).padEnd(10)}${String(f.selectedC ?? '-').padEnd(9)}${String(f.nIter ?? '-').padEnd(7)}${f.trainSeconds.toFixed(2)}`);
  }
  lines.push(`mean  accuracy ${f3(r.mean.accuracy)} ± ${f3(r.std.accuracy)}   macro-F1 ${f3(r.mean.macroF1)} ± ${f3(r.std.macroF1)}`);
  lines.push('class                precision  recall  f1     support');
  for (const p of r.pooled.perClass) {
    lines.push(`${String(p.label).padEnd(21)}${f3(p.precision).padEnd(11)}${f3(p.recall).padEnd(8)}${f3(p.f1).padEnd(7)}${p.support}`);
  }
  return lines.join('\n');
}

