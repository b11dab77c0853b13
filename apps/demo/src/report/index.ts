/**
 * The embfact HTML report: the results.json schema, its validator, and the renderer that turns
 * it into one self-contained page (charts drawn offline by inlined Observable Plot + d3).
 *
 * @example
 * ```ts
 * import { readResults, writeReport } from './report/index.js';
 * await writeReport(await readResults('report/results.json'), 'report');
 * ```
 */
// Schema and validation
export {
  validateResults,
  ResultsSchemaError,
  SECTION_NAMES,
  type DemoResults,
  type SectionName,
  type ValidateOptions,
  type ResultsMeta,
  type SpectrumResult,
  type IsotropyResult,
  type CompressionResult,
  type WordSimilarityResult,
  type AnalogyResult,
  type NeighborsResult,
  type ClassificationResult,
  type ClusteringResult,
  type ProjectionResult,
  type KeywordsResult,
  type KeywordExample,
  type ExampleKeyword,
  type TimingResult,
} from './schema.js';
// Rendering
export { renderReport, type RenderOptions } from './render.js';
export { escapeHtml, highlightKeywords, jsonForScript } from './html.js';
// Files
export { writeReport, writeResultsJson, readResults, writeFileAtomic, REPORT_FILE, RESULTS_FILE } from './io.js';
