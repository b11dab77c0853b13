/**
 * Classification benchmark (@embfact/classify) on the Brown corpus (500 documents, 15 genres),
 * side by side on the SAME stratified 5-fold split (seed 0):
 * - ours: TF-IDF + multinomial logistic regression (C = 100), mean embeddings (vocabulary-whitened,
 *   standardized) + logistic regression, and both feature sets concatenated;
 * - `natural`'s BayesClassifier (all folds) and LogisticRegressionClassifier — the latter needs
 *   minutes and gigabytes per fold on full Brown documents, so it runs on ONE fold, trained on a
 *   stratified subset of the training documents truncated to their first tokens (sizes printed);
 *   our logistic regression is rerun on exactly that subset for a like-for-like row;
 * - scikit-learn 1.2 (TF-IDF + LinearSVC, TF-IDF + LogisticRegression(C=100)) through
 *   /usr/bin/python3 apps/bench/python/classify_sklearn.py on the same folds (skipped with a reason
 *   when absent).
 * Accuracy is the mean over the folds run; time is the mean training time per fold (features + model).
 */
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBrown } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { createTokenizer } from '@embfact/text';
import { createTransform } from '@embfact/core';
import { TextClassifier, stratifiedKFold, type Fold } from '@embfact/classify';

interface NaturalClassifier {
  addDocument(doc: string | string[], label: string): void;
  train(): void;
  classify(doc: string | string[]): string;
}
const natural = createRequire(import.meta.url)('natural') as {
  BayesClassifier: new () => NaturalClassifier;
  LogisticRegressionClassifier: new () => NaturalClassifier;
};
const PYTHON = '/usr/bin/python3';

interface Row { name: string; accuracy: number; seconds: number; folds: number; note?: string }

export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { log, quick } = opts;
  const brown = await loadBrown();
  const texts = brown.map((d) => d.text);
  const labels = brown.map((d) => d.label);
  const tok = createTokenizer();
  const tokens = texts.map((t) => tok(t));
  const allFolds = stratifiedKFold(labels, { k: 5, seed: 0 });
  const folds = quick ? allFolds.slice(0, 2) : allFolds;
  log(`Brown: ${texts.length} documents, 15 genres; stratified 5-fold (seed 0), ${folds.length} fold(s) run${quick ? ' (--quick)' : ''}`);
  const table = await loadDefaultEmbeddings();
  const white = createTransform('whiten', table.dim)!;
  const tw0 = performance.now();
  white.fit(table.matrix);
  const whitenSeconds = (performance.now() - tw0) / 1000;

  const rows: Row[] = [];
  const evalOurs = (name: string, make: () => TextClassifier<string>) => {
    let acc = 0, sec = 0;
    for (const f of folds) {
      const clf = make();
      const t0 = performance.now();
      clf.fit(f.train.map((i) => tokens[i]), f.train.map((i) => labels[i]));
      sec += (performance.now() - t0) / 1000;
      const pred = clf.predict(f.test.map((i) => tokens[i]));
      acc += pred.filter((p, t) => p === labels[f.test[t]]).length / f.test.length;
    }
    rows.push({ name, accuracy: acc / folds.length, seconds: sec / folds.length, folds: folds.length });
  };
  evalOurs('ours tfidf+logreg C=100', () => new TextClassifier({ features: 'tfidf', tfidf: { sublinearTf: true }, modelOptions: { C: 100 } }));
  evalOurs('ours emb(whiten)+logreg', () => new TextClassifier({ features: 'emb', table, transform: white, transformFitted: true, modelOptions: { C: 1 } }));
  evalOurs('ours both+logreg C=100', () => new TextClassifier({ features: 'both', table, tfidf: { sublinearTf: true }, modelOptions: { C: 100 } }));
  rows[1].note = `+ ${whitenSeconds.toFixed(1)} s once for the vocabulary whitening`;

  // natural BayesClassifier on every fold run.
  {
    let acc = 0, sec = 0;
    for (const f of folds) {
      const nb = new natural.BayesClassifier();
      const t0 = performance.now();
      for (const i of f.train) nb.addDocument(tokens[i], labels[i]);
      nb.train();
      sec += (performance.now() - t0) / 1000;
      acc += f.test.filter((i) => nb.classify(tokens[i]) === labels[i]).length / f.test.length;
    }
    rows.push({ name: 'natural BayesClassifier', accuracy: acc / folds.length, seconds: sec / folds.length, folds: folds.length });
  }

  // natural LogisticRegressionClassifier: one fold, a stratified subset, truncated documents.
  const perClass = quick ? 2 : 4;
  const maxTokens = quick ? 100 : 200;
  const f0 = folds[0];
  const seen = new Map<string, number>();
  const subset = f0.train.filter((i) => {
    const c = seen.get(labels[i]) ?? 0;
    seen.set(labels[i], c + 1);
    return c < perClass;
  });
  const trunc = (i: number) => tokens[i].slice(0, maxTokens);
  const subsetNote = `1 fold, ${subset.length} training docs (${perClass}/genre) truncated to ${maxTokens} tokens`;
  {
    const lr = new natural.LogisticRegressionClassifier();
    const t0 = performance.now();
    for (const i of subset) lr.addDocument(trunc(i), labels[i]);
    lr.train();
    const sec = (performance.now() - t0) / 1000;
    const acc = f0.test.filter((i) => lr.classify(tokens[i]) === labels[i]).length / f0.test.length;
    rows.push({ name: 'natural LogisticRegression', accuracy: acc, seconds: sec, folds: 1, note: subsetNote });
  }
  {
    const clf = new TextClassifier({ features: 'tfidf', tfidf: { sublinearTf: true }, modelOptions: { C: 100 } });
    const t0 = performance.now();
    clf.fit(subset.map(trunc), subset.map((i) => labels[i]));
    const sec = (performance.now() - t0) / 1000;
    const pred = clf.predict(f0.test.map((i) => tokens[i]));
    const acc = pred.filter((p, t) => p === labels[f0.test[t]]).length / f0.test.length;
    rows.push({ name: 'ours tfidf+logreg (same subset)', accuracy: acc, seconds: sec, folds: 1, note: subsetNote });
  }

  // scikit-learn on the same folds.
  let sklearn: Record<string, unknown> = {};
  if (!existsSync(PYTHON)) sklearn = { skipped: `${PYTHON} not found` };
  else {
    const dir = mkdtempSync(join(tmpdir(), 'embfact-classify-'));
    try {
      const input = join(dir, 'in.json');
      writeFileSync(input, JSON.stringify({ texts, labels, folds: folds as Fold[] }));
      const script = fileURLToPath(new URL('../python/classify_sklearn.py', import.meta.url));
      const res = spawnSync(PYTHON, [script, input], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (res.status !== 0) sklearn = { skipped: `python failed: ${(res.stderr || '').trim().split('\n').pop()}` };
      else {
        const j = JSON.parse(res.stdout) as { sklearn: string; models: Record<string, { accuracy: number[]; seconds: number[] }> };
        sklearn = { version: j.sklearn };
        for (const [name, m] of Object.entries(j.models)) {
          const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
          rows.push({ name: `sklearn ${name}`, accuracy: mean(m.accuracy), seconds: mean(m.seconds), folds: m.accuracy.length });
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if ('skipped' in sklearn) log(`sklearn peer skipped: ${String(sklearn.skipped)}`);

  const base = rows[0];
  log('model                              accuracy  train s/fold  folds  time / ours-tfidf  note');
  for (const r of rows) {
    log(`${r.name.padEnd(35)}${r.accuracy.toFixed(3).padStart(8)}  ${r.seconds.toFixed(3).padStart(12)}  ${String(r.folds).padStart(5)}  ${(r.seconds / base.seconds).toFixed(2).padStart(16)}x  ${r.note ?? ''}`);
  }
  return { dataset: 'brown', folds: folds.length, rows, sklearn, whitenSeconds };
}
