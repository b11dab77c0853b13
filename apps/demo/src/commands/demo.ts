/** `embfact demo`: the whole chain on the real default data; writes report/index.html + results.json. */
import { defaultConfig, quickConfig, runDemo } from '../pipeline.js';
import { writeReport, writeResultsJson, type DemoResults } from '../report/index.js';
import { table, type Command } from '../command.js';

export interface DemoCommandResult { results: DemoResults; files: { html: string; json: string } }

export const demo: Command<DemoCommandResult> = {
  name: 'demo',
  summary: 'Run the whole chain on the real default data (embeddings, Brown, SpamAssassin, Inspec, word benchmarks) and write an HTML report.',
  args: '',
  positionals: { min: 0, max: 0 },
  options: {
    out: { type: 'string', valueName: 'DIR', description: 'report directory', default: 'report' },
    quick: { type: 'boolean', description: 'reduced configuration (50,000 words, fewer folds/documents): for tests and a first look' },
  },
  async run(ctx) {
    const config = ctx.options.quick ? quickConfig() : defaultConfig();
    if (ctx.io.env.EMBFACT_CACHE_DIR) config.cacheDir = ctx.io.env.EMBFACT_CACHE_DIR;
    const notes: string[] = [];
    const results = await runDemo(config, {
      step: (label, total) => ctx.progress.step(label, total),
      note: (m) => { notes.push(m); if (!ctx.quiet && !ctx.json) ctx.io.stderr(m + '\n'); },
    });
    ctx.progress.stop();
    const outDir = ctx.path(String(ctx.options.out));
    const json = await writeResultsJson(results, outDir);
    const html = await writeReport(results, outDir);
    return { results, files: { html, json } };
  },
  render({ results: r, files }) {
    return [summaryTable(r), `report: ${files.html}`, `figures: ${files.json}`, ''].join('\n');
  },
};

/** The terminal summary: one line per figure that counts, before/after each transform. */
export function summaryTable(r: DemoResults): string {
  const parts: string[] = [];
  const e = r.meta.embeddings;
  parts.push(`embfact demo: ${e.source} (${e.rows} x ${e.cols}), ${r.meta.durationSeconds.toFixed(1)} s\n`);
  if (r.spectrum) {
    parts.push(`spectrum: effective rank ${r.spectrum.effectiveRank.toFixed(1)}, condition number ${r.spectrum.conditionNumber?.toFixed(2) ?? 'inf'} (${r.spectrum.method} route)\n`);
  }
  if (r.isotropy?.length) parts.push(table(['transform', 'isotropy', 'mean cos (random pairs)'], r.isotropy.map((x) => [x.transform, x.isotropy, x.meanRandomCosine])));
  if (r.wordSimilarity?.length) {
    const benches = [...new Set(r.wordSimilarity.map((w) => w.benchmark))];
    const transforms = [...new Set(r.wordSimilarity.map((w) => w.transform))];
    parts.push(table(['transform', ...benches.map((b) => `${b} rho`), ...(r.analogy?.length ? ['analogy acc'] : [])], transforms.map((t) => [
      t,
      ...benches.map((b) => r.wordSimilarity!.find((w) => w.transform === t && w.benchmark === b)?.spearman ?? NaN),
      ...(r.analogy?.length ? [r.analogy.find((a) => a.transform === t)?.accuracy ?? NaN] : []),
    ])));
  }
  if (r.compression?.length) parts.push(table(['rank k', 'storage ratio', 'rel. error', 'explained var', 'Brown acc'], r.compression.map((c) => [c.k, c.storageRatio, c.relativeError, c.explainedVariance, c.accuracy ?? NaN])));
  if (r.classification?.length) parts.push(table(['dataset', 'features', 'transform', 'accuracy', 'macro-F1'], r.classification.map((c) => [c.dataset, c.features, c.transform, c.accuracy, c.macroF1])));
  if (r.clustering?.length) parts.push(table(['dataset', 'transform', 'fitted on', 'NMI', 'ARI'], r.clustering.map((c) => [c.dataset, c.transform, c.scope, c.nmi, c.ari])));
  if (r.keywords?.length) parts.push(table(['keywords (Inspec test)', 'transform', 'F1@5', 'F1@10'], r.keywords.map((k) => [k.method, k.transform, k.f1At5, k.f1At10])));
  if (r.timings?.length) parts.push(table(['step', 'seconds'], r.timings.map((t) => [t.step, t.seconds])));
  return parts.join('\n');
}
