/**
 * Chart specifications: plain data (no code) computed on the server from {@link DemoResults}
 * and drawn in the browser by the inlined client script with Observable Plot.
 * Keeping the grouping here keeps the client script small and the logic typed and tested.
 */
import type {
  ClassificationResult,
  ClusteringResult,
  CompressionResult,
  IsotropyResult,
  KeywordsResult,
  ProjectionResult,
  SpectrumResult,
  WordSimilarityResult,
  AnalogyResult,
} from './schema.js';

/** A horizontal bar per transform, coloured by transform. */
export interface BarsSpec {
  kind: 'bars';
  rows: { label: string; value: number }[];
  xLabel: string;
  /** Value axis domain. */
  domain: [number, number];
  /** Draw a reference rule at this value (e.g. 1 for perfect isotropy, 0 for cosine). */
  reference?: number;
}

/** Groups of horizontal bars (one group per row label, one bar per series). */
export interface GroupedBarsSpec {
  kind: 'groupedBars';
  rows: { group: string; series: string; value: number }[];
  /** Series in draw order. */
  series: string[];
  /** `'transform'`: series are transforms (use the transform colours); `'metric'`: metric colours. */
  colorBy: 'transform' | 'metric';
  xLabel: string;
  domain: [number, number];
}

/** Singular values σᵢ against i (log scale). */
export interface SingularValuesSpec {
  kind: 'singularValues';
  values: number[];
}

/** Cumulative explained variance against the number of directions. */
export interface CumulativeVarianceSpec {
  kind: 'cumulativeVariance';
  cumulative: number[];
  effectiveRank: number;
}

/** Relative reconstruction error against storage ratio, one point per k. */
export interface CompressionErrorSpec {
  kind: 'compressionError';
  points: { k: number; storageRatio: number; relativeError: number }[];
}

/** Lines of y against x, one per series (metric colours). */
export interface LinesSpec {
  kind: 'lines';
  rows: { x: number; y: number; series: string }[];
  series: string[];
  xLabel: string;
  yLabel: string;
  domainY: [number, number];
}

/** Confusion matrix heatmaps; a `<select>` with id `selectId` picks the entry. */
export interface ConfusionSpec {
  kind: 'confusion';
  selectId: string;
  entries: { labels: string[]; confusion: number[][] }[];
  /** Index of the entry shown first. */
  initial: number;
}

/** 2-D scatter of documents coloured by label. */
export interface ScatterSpec {
  kind: 'scatter';
  points: { x: number; y: number; label: string; id: string }[];
  labels: string[];
}

/** Any chart the client script can draw. */
export type ChartSpec =
  | BarsSpec
  | GroupedBarsSpec
  | SingularValuesSpec
  | CumulativeVarianceSpec
  | CompressionErrorSpec
  | LinesSpec
  | ConfusionSpec
  | ScatterSpec;

const TRANSFORM_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];
/** Colour of the untransformed baseline. */
export const RAW_COLOR = '#a0a7b1';

/** Distinct values in order of first appearance. */
export function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/**
 * One colour per transform, stable across all charts: `'raw'` is grey, the others take the
 * Tableau-10 colours in order of first appearance (cycling after nine).
 */
export function transformColors(transforms: readonly string[]): { domain: string[]; range: string[] } {
  const domain = distinct(transforms);
  let i = 0;
  const range = domain.map((t) => (t === 'raw' ? RAW_COLOR : TRANSFORM_PALETTE[i++ % TRANSFORM_PALETTE.length]));
  return { domain, range };
}

/** Upper end of an axis for non-negative values: 1 when everything fits in [0, 1]. */
function unitOr(max: number): number {
  return max <= 1 ? 1 : max * 1.08;
}

/** Singular values against their index (drawn on a log scale). */
export function singularValuesSpec(s: SpectrumResult): SingularValuesSpec {
  return { kind: 'singularValues', values: s.singularValues };
}

/** Running sum of the explained-variance ratios (clamped to 1 against rounding) and the effective rank marker. */
export function cumulativeVarianceSpec(s: SpectrumResult): CumulativeVarianceSpec {
  let acc = 0;
  const cumulative = s.explainedVarianceRatio.map((r) => Math.min(1, (acc += r)));
  return { kind: 'cumulativeVariance', cumulative, effectiveRank: s.effectiveRank };
}

/** Two bar charts: I(W) per transform on [0, 1], and the mean random-pair cosine per transform (axis includes 0). */
export function isotropySpecs(rows: readonly IsotropyResult[]): [BarsSpec, BarsSpec] {
  const minCos = Math.min(0, ...rows.map((r) => r.meanRandomCosine));
  const maxCos = Math.max(0, ...rows.map((r) => r.meanRandomCosine));
  return [
    { kind: 'bars', rows: rows.map((r) => ({ label: r.transform, value: r.isotropy })), xLabel: 'isotropy I(W) (1 = isotropic)', domain: [0, 1], reference: 1 },
    {
      kind: 'bars',
      rows: rows.map((r) => ({ label: r.transform, value: r.meanRandomCosine })),
      xLabel: 'mean cosine of random word pairs (0 = isotropic)',
      domain: [minCos < 0 ? minCos * 1.1 : 0, Math.max(0.05, maxCos * 1.15)],
      reference: 0,
    },
  ];
}

/** Error vs storage ratio (sorted by k), and explained variance (+ downstream accuracy when measured) per k. */
export function compressionSpecs(rows: readonly CompressionResult[]): [CompressionErrorSpec, LinesSpec] {
  const sorted = [...rows].sort((a, b) => a.k - b.k);
  const lines: LinesSpec['rows'] = sorted.map((r) => ({ x: r.k, y: r.explainedVariance, series: 'explained variance' }));
  const series = ['explained variance'];
  if (sorted.some((r) => r.accuracy !== undefined)) {
    series.push('downstream accuracy');
    for (const r of sorted) if (r.accuracy !== undefined) lines.push({ x: r.k, y: r.accuracy, series: 'downstream accuracy' });
  }
  return [
    { kind: 'compressionError', points: sorted.map((r) => ({ k: r.k, storageRatio: r.storageRatio, relativeError: r.relativeError })) },
    { kind: 'lines', rows: lines, series, xLabel: 'rank k', yLabel: 'share / accuracy', domainY: [0, 1] },
  ];
}

/** Classification: one grouped-bar chart per dataset (accuracy and macro-F1 per transform · features). */
export function classificationSpecs(rows: readonly ClassificationResult[]): { dataset: string; spec: GroupedBarsSpec }[] {
  return distinct(rows.map((r) => r.dataset)).map((dataset) => {
    const mine = rows.filter((r) => r.dataset === dataset);
    const label = classificationLabeler(mine);
    const out: GroupedBarsSpec['rows'] = [];
    for (const r of mine) {
      out.push({ group: label(r), series: 'accuracy', value: r.accuracy }, { group: label(r), series: 'macro-F1', value: r.macroF1 });
    }
    return { dataset, spec: { kind: 'groupedBars', rows: out, series: ['accuracy', 'macro-F1'], colorBy: 'metric', xLabel: 'score', domain: [0, 1] } };
  });
}

/** Row label of a classification result: transform, plus features when a dataset has several. */
export function classificationLabeler(rows: readonly ClassificationResult[]): (r: ClassificationResult) => string {
  const several = distinct(rows.map((r) => r.features)).length > 1;
  return (r) => (several ? `${r.transform} · ${r.features}` : r.transform);
}

/** Confusion heatmap over all classification results, initially the best-accuracy entry of the dataset with most labels. */
export function confusionSpec(rows: readonly ClassificationResult[], selectId: string): ConfusionSpec {
  let initial = 0;
  rows.forEach((r, i) => {
    const b = rows[initial];
    if (r.labels.length > b.labels.length || (r.labels.length === b.labels.length && r.accuracy > b.accuracy)) initial = i;
  });
  return { kind: 'confusion', selectId, entries: rows.map((r) => ({ labels: r.labels, confusion: r.confusion })), initial };
}

/** Clustering: one grouped-bar chart per dataset (NMI and ARI per transform · scope). */
export function clusteringSpecs(rows: readonly ClusteringResult[]): { dataset: string; spec: GroupedBarsSpec }[] {
  return distinct(rows.map((r) => r.dataset)).map((dataset) => {
    const mine = rows.filter((r) => r.dataset === dataset);
    const label = clusteringLabeler(mine);
    const out: GroupedBarsSpec['rows'] = [];
    for (const r of mine) out.push({ group: label(r), series: 'NMI', value: r.nmi }, { group: label(r), series: 'ARI', value: r.ari });
    const lo = Math.min(0, ...mine.map((r) => r.ari));
    return { dataset, spec: { kind: 'groupedBars', rows: out, series: ['NMI', 'ARI'], colorBy: 'metric', xLabel: 'agreement with the true labels', domain: [lo, unitOr(Math.max(...mine.map((r) => Math.max(r.nmi, r.ari))))] } };
  });
}

/** Row label of a clustering result: transform, plus scope when a dataset has several. */
export function clusteringLabeler(rows: readonly ClusteringResult[]): (r: ClusteringResult) => string {
  const several = distinct(rows.map((r) => r.scope)).length > 1;
  return (r) => (several ? `${r.transform} · ${r.scope}` : r.transform);
}

/** The 2-D projection as a scatter; labels sorted for a stable legend. */
export function projectionSpec(p: ProjectionResult): ScatterSpec {
  return { kind: 'scatter', points: p.points, labels: distinct(p.points.map((q) => q.label)).sort() };
}

/** Keywords: F1@5 and F1@10 per method · transform. */
export function keywordsSpec(rows: readonly KeywordsResult[]): GroupedBarsSpec {
  const out: GroupedBarsSpec['rows'] = [];
  for (const r of rows) {
    const g = `${r.method} · ${r.transform}`;
    out.push({ group: g, series: 'F1@5', value: r.f1At5 }, { group: g, series: 'F1@10', value: r.f1At10 });
  }
  const max = Math.max(...rows.map((r) => Math.max(r.f1At5, r.f1At10)));
  return { kind: 'groupedBars', rows: out, series: ['F1@5', 'F1@10'], colorBy: 'metric', xLabel: 'F1 (macro over documents)', domain: [0, Math.min(1, Math.max(0.1, max * 1.25))] };
}

/** Word similarity: per benchmark, one bar per transform. */
export function wordSimilaritySpec(rows: readonly WordSimilarityResult[]): GroupedBarsSpec {
  const lo = Math.min(0, ...rows.map((r) => r.spearman));
  return {
    kind: 'groupedBars',
    rows: rows.map((r) => ({ group: r.benchmark, series: r.transform, value: r.spearman })),
    series: distinct(rows.map((r) => r.transform)),
    colorBy: 'transform',
    xLabel: 'Spearman ρ with human judgments',
    domain: [lo, 1],
  };
}

/** Analogy accuracy per transform. */
export function analogySpec(rows: readonly AnalogyResult[]): BarsSpec {
  return { kind: 'bars', rows: rows.map((r) => ({ label: r.transform, value: r.accuracy })), xLabel: 'analogy accuracy (3CosAdd)', domain: [0, unitOr(Math.max(...rows.map((r) => r.accuracy)))] };
}
