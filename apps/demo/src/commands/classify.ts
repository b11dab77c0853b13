/** `embfact classify`: cross-validated text classification on embedding and/or TF-IDF features. */
import { evaluateClassification, type EvaluationResult } from '@embfact/classify';
import { choiceOption, intOption, table, type Command } from '../command.js';
import { InputError, UsageError } from '../errors.js';
import {
  DATASET_HELP, loadLabelledDocuments, loadTable, methodOption, SCOPES, tableForTask, TABLE_OPTIONS, TRANSFORM_OPTIONS, transformParams,
} from '../shared.js';

export interface ClassifyResult { dataset: string; notes: string[]; evaluation: EvaluationResult<string> }

export const classify: Command<ClassifyResult> = {
  name: 'classify',
  summary: 'Stratified k-fold evaluation of a text classifier: accuracy, macro-F1, per-class scores and the confusion matrix.',
  args: '',
  positionals: { min: 0, max: 0 },
  options: {
    ...TABLE_OPTIONS,
    ...TRANSFORM_OPTIONS,
    dataset: { type: 'string', valueName: 'D', description: DATASET_HELP, default: 'brown' },
    embeddings: { type: 'string', valueName: 'FILE', description: 'embedding file (default: the embedded default)' },
    features: { type: 'string', valueName: 'F', description: 'emb, tfidf or both', default: 'both' },
    transform: { type: 'string', valueName: 'M', description: 'raw, whiten, zca, abtt or lowrank', default: 'raw' },
    scope: { type: 'string', valueName: 'S', description: 'fit the transform on the vocabulary or on the training documents', default: 'vocabulary' },
    model: { type: 'string', valueName: 'M', description: 'logreg, knn or centroid', default: 'logreg' },
    cv: { type: 'string', valueName: 'N', description: 'folds (0 = one stratified 80/20 split)', default: '5' },
    seed: { type: 'string', valueName: 'N', description: 'seed of the folds', default: '0' },
  },
  async run(ctx) {
    const features = choiceOption(ctx, 'features', ['emb', 'tfidf', 'both'] as const) ?? 'both';
    const method = methodOption(ctx, 'transform', 'raw');
    const scope = choiceOption(ctx, 'scope', SCOPES) ?? 'vocabulary';
    const model = choiceOption(ctx, 'model', ['logreg', 'knn', 'centroid'] as const) ?? 'logreg';
    const cv = intOption(ctx, 'cv', 0, 100) ?? 5;
    if (cv === 1) throw new UsageError('--cv must be 0 (one 80/20 split) or at least 2 folds; got "1".');
    const seed = intOption(ctx, 'seed', 0, 2 ** 32 - 1) ?? 0;
    if (features === 'tfidf' && method !== 'raw') throw new UsageError(`--transform ${method} needs embedding features (--features emb or both).`);
    const notes: string[] = [];
    const dataset = String(ctx.options.dataset);
    const docs = await loadLabelledDocuments(ctx, dataset, (m) => notes.push(m));
    const counts = new Map<string, number>();
    for (const d of docs) counts.set(d.label, (counts.get(d.label) ?? 0) + 1);
    if (counts.size < 2) {
      throw new InputError(`--dataset ${dataset} has a single class (${JSON.stringify(docs[0].label)}, ${docs.length} documents); classification needs at least 2.`);
    }
    if (cv >= 2) {
      const [small, n] = [...counts].reduce((a, b) => (b[1] < a[1] ? b : a));
      if (n < cv) {
        throw new InputError(`--cv ${cv} needs at least ${cv} documents of every class; class ${JSON.stringify(small)} of ${dataset} has ${n}. Use fewer folds, or --cv 0 for one 80/20 split.`);
      }
    }
    let tab;
    let libraryTransform: string = 'raw';
    if (features !== 'tfidf') {
      const loaded = await loadTable(ctx, ctx.options.embeddings as string | undefined);
      transformParams(ctx, loaded.dim);
      ({ table: tab, libraryTransform } = tableForTask(ctx, loaded, method, scope));
    }
    if (libraryTransform === 'zca') throw new UsageError('--transform zca is only available with --scope vocabulary.');
    const evaluation = evaluateClassification({
      documents: docs, features, table: tab, transform: libraryTransform as 'raw', transformScope: scope,
      transformOptions: { k: intOption(ctx, 'k', 1), d: intOption(ctx, 'd', 1) },
      cv: cv === 0 ? { testSize: 0.2 } : cv, seed, pipeline: { model },
      onProgress: ctx.progress.step('cross-validation'),
    });
    evaluation.config.transform = method === 'raw' ? 'raw' : `${method} (${scope})`;
    return { dataset, notes, evaluation };
  },
  render({ dataset, notes, evaluation: e }) {
    const c = e.config;
    const out = [
      ...notes,
      `${dataset}: ${c.features} features, transform ${c.transform}, ${c.model}, ${c.folds} fold(s), seed ${c.seed}`,
      table(['fold', 'train', 'test', 'accuracy', 'macro-F1', 'C', 'train s'], e.folds.map((f) => [f.fold + 1, f.nTrain, f.nTest, f.accuracy, f.macroF1, f.selectedC ?? '-', f.trainSeconds])),
      `mean accuracy ${e.mean.accuracy.toFixed(4)} (sd ${e.std.accuracy.toFixed(4)}), macro-F1 ${e.mean.macroF1.toFixed(4)} (sd ${e.std.macroF1.toFixed(4)})`,
      '',
      table(['class', 'precision', 'recall', 'F1', 'support'], e.pooled.perClass.map((p) => [String(p.label), p.precision, p.recall, p.f1, p.support])),
      'confusion (rows: true, columns: predicted; pooled over folds)',
      table(['', ...e.pooled.confusion.labels.map((l, j) => String(j + 1))], e.pooled.confusion.matrix.map((row, i) => [`${i + 1} ${String(e.pooled.confusion.labels[i])}`, ...row])),
    ];
    return out.join('\n');
  },
};
