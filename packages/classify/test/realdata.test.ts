// Real-data integration tests: Brown genres (500 docs, 15 classes) and SpamAssassin (deduplicated).
// On an idle 2-core machine the file takes about a minute; on the shared build machine
// (load 15-20) it took ~10 minutes, hence the generous timeouts.
// Sanity bounds sit a little below the figures measured for the README (printed here), so a
// regression fails while run-to-run noise (none: everything is seeded) cannot.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadBrown, loadSpamAssassin, deduplicate } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { createTokenizer } from '@embfact/text';
import { evaluateClassification, formatEvaluation, TextClassifier, stratifiedKFold, type EmbeddingTableLike } from '../src/index.js';

const log = (s: string) => process.stdout.write(s + '\n');

describe('Brown genres, stratified 5-fold (seed 0)', () => {
  let table: EmbeddingTableLike;
  let brown: { text: string; label: string }[];
  beforeAll(async () => {
    table = await loadDefaultEmbeddings();
    brown = (await loadBrown()).map((d) => ({ text: d.text, label: d.label }));
  });
  it('TF-IDF (sublinear tf) + logistic regression C=100 matches scikit-learn (0.528)', { timeout: 900_000 }, () => {
    const r = evaluateClassification({ documents: brown, features: 'tfidf', cv: 5, seed: 0, pipeline: { tfidf: { sublinearTf: true }, modelOptions: { C: 100 } } });
    log(formatEvaluation(r));
    expect(r.classes).toHaveLength(15);
    expect(r.mean.accuracy).toBeGreaterThan(0.5);
    expect(r.folds.every((f) => f.converged)).toBe(true);
  });
  it('mean embeddings, standardized, C=1 (scikit-learn: 0.468)', { timeout: 900_000 }, () => {
    const r = evaluateClassification({ documents: brown, table, features: 'emb', transform: 'raw', cv: 5, seed: 0, pipeline: { modelOptions: { C: 1 } } });
    log(formatEvaluation(r));
    expect(r.mean.accuracy).toBeGreaterThan(0.43);
  });
  it('a fitted pipeline (both feature sets) reloads from JSON with identical predictions', { timeout: 900_000 }, () => {
    const tok = createTokenizer();
    const [f] = stratifiedKFold(brown.map((d) => d.label), { k: 5, seed: 0 });
    const docs = brown.map((d) => tok(d.text));
    const clf = new TextClassifier({ features: 'both', table, modelOptions: { C: 100 } })
      .fit(f.train.map((i) => docs[i]), f.train.map((i) => brown[i].label));
    const test = f.test.map((i) => brown[i].text);
    const json = JSON.stringify(clf.toJSON());
    log(`saved pipeline: ${(json.length / 1e6).toFixed(2)} MB of JSON`);
    const back = TextClassifier.fromJSON(JSON.parse(json), { table });
    expect(Array.from(back.predictProba(test).data)).toEqual(Array.from(clf.predictProba(test).data));
  });
});

describe('SpamAssassin, bodies deduplicated, stratified 80/20 (seed 0)', () => {
  it('TF-IDF + logistic regression; duplicates counted; spam F1 reported', { timeout: 900_000 }, async () => {
    const all = await loadSpamAssassin({ textMode: 'body' });
    const { documents, duplicates } = deduplicate(all, { by: (d) => d.body });
    log(`SpamAssassin: ${all.length} messages, ${duplicates.length} duplicate bodies removed, ${documents.length} kept`);
    expect(duplicates.length).toBeGreaterThan(50);
    const docs = documents.map((d) => ({ text: d.text, label: d.label as string }));
    const r = evaluateClassification({ documents: docs, features: 'tfidf', cv: { testSize: 0.2 }, seed: 0, pipeline: { tfidf: { sublinearTf: true }, modelOptions: { C: 100 } } });
    log(formatEvaluation(r));
    const spam = r.pooled.perClass.find((c) => c.label === 'spam')!;
    log(`spam F1 ${spam.f1.toFixed(4)} (precision ${spam.precision.toFixed(4)}, recall ${spam.recall.toFixed(4)})`);
    expect(r.mean.accuracy).toBeGreaterThan(0.97);
    expect(spam.f1).toBeGreaterThan(0.95);
  });
});
