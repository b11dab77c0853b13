import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classificationSpecs,
  clusteringSpecs,
  compressionSpecs,
  confusionSpec,
  cumulativeVarianceSpec,
  isotropySpecs,
  RAW_COLOR,
  transformColors,
  wordSimilaritySpec,
} from '../src/report/charts.js';
import type { ClassificationResult, DemoResults } from '../src/report/index.js';

let sample: DemoResults;
beforeAll(async () => {
  sample = JSON.parse(await readFile(fileURLToPath(new URL('./fixtures/results.sample.json', import.meta.url)), 'utf8'));
});

describe('chart specs', () => {
  it('transformColors: raw is grey wherever it appears, others keep first-appearance order', () => {
    expect(transformColors(['whiten', 'raw', 'abtt', 'whiten'])).toEqual({ domain: ['whiten', 'raw', 'abtt'], range: ['#4e79a7', RAW_COLOR, '#f28e2b'] });
    expect(transformColors([])).toEqual({ domain: [], range: [] });
  });

  it('cumulativeVarianceSpec sums the ratios and ends at 1 (clamped against rounding)', () => {
    const spec = cumulativeVarianceSpec({ singularValues: [3, 2, 1], explainedVarianceRatio: [9 / 14, 4 / 14, 1 / 14 + 1e-12], effectiveRank: 2.5, conditionNumber: 3, method: 'gram' });
    [9 / 14, 13 / 14, 1].forEach((x, i) => expect(Math.abs(spec.cumulative[i] - x)).toBeLessThan(1e-12));
    expect(spec.cumulative[2]).toBeLessThanOrEqual(1);
    const full = cumulativeVarianceSpec(sample.spectrum!);
    expect(full.cumulative).toHaveLength(100);
    expect(full.cumulative[99]).toBeCloseTo(1, 5);
  });

  it('isotropySpecs: I(W) on [0, 1] with a rule at 1; cosine axis includes 0 and the largest value', () => {
    const [iso, cos] = isotropySpecs(sample.isotropy!);
    expect(iso.domain).toEqual([0, 1]);
    expect(iso.reference).toBe(1);
    expect(cos.reference).toBe(0);
    expect(cos.domain[0]).toBe(0);
    expect(cos.domain[1]).toBeGreaterThan(0.214);
    const [, neg] = isotropySpecs([{ transform: 'x', isotropy: 0.9, meanRandomCosine: -0.02 }]);
    expect(neg.domain[0]).toBeLessThan(-0.02);
  });

  it('compressionSpecs sorts by k and adds the accuracy line only when measured', () => {
    const [err, lines] = compressionSpecs([
      { k: 20, storageRatio: 0.2, relativeError: 0.5, explainedVariance: 0.75 },
      { k: 10, storageRatio: 0.1, relativeError: 0.6, explainedVariance: 0.64 },
    ]);
    expect(err.points.map((p) => p.k)).toEqual([10, 20]);
    expect(lines.series).toEqual(['explained variance']);
    const [, withAcc] = compressionSpecs(sample.compression!);
    expect(withAcc.series).toEqual(['explained variance', 'downstream accuracy']);
    expect(withAcc.rows).toHaveLength(14);
  });

  it('classificationSpecs: one chart per dataset; features in the label only when a dataset has several', () => {
    const specs = classificationSpecs(sample.classification!);
    expect(specs.map((s) => s.dataset)).toEqual(['brown', 'spamassassin']);
    expect(specs[0].spec.rows.slice(0, 2)).toEqual([
      { group: 'raw · embedding', series: 'accuracy', value: sample.classification![0].accuracy },
      { group: 'raw · embedding', series: 'macro-F1', value: sample.classification![0].macroF1 },
    ]);
    const one: ClassificationResult = { ...sample.classification![0], features: 'embedding' };
    expect(classificationSpecs([one, { ...one, transform: 'whiten' }])[0].spec.rows.map((r) => r.group)).toEqual(['raw', 'raw', 'whiten', 'whiten']);
  });

  it('confusionSpec starts on the best entry of the dataset with the most classes', () => {
    const spec = confusionSpec(sample.classification!, 'sel');
    const best = sample.classification!.filter((c) => c.labels.length === 15).sort((a, b) => b.accuracy - a.accuracy)[0];
    expect(sample.classification![spec.initial]).toBe(best);
    expect(spec.entries).toHaveLength(sample.classification!.length);
  });

  it('clusteringSpecs extends the axis below 0 for a negative ARI', () => {
    const [{ spec }] = clusteringSpecs([{ dataset: 'd', transform: 'raw', scope: 's', nmi: 0.01, ari: -0.05 }]);
    expect(spec.domain[0]).toBe(-0.05);
    expect(spec.domain[1]).toBe(1);
  });

  it('wordSimilaritySpec groups by benchmark with one series per transform', () => {
    const spec = wordSimilaritySpec(sample.wordSimilarity!);
    expect(spec.series).toEqual(['raw', 'abtt', 'whiten']);
    expect(spec.colorBy).toBe('transform');
    expect(new Set(spec.rows.map((r) => r.group)).size).toBe(5);
  });
});
