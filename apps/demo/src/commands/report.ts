/** `embfact report --from results.json`: rebuild the HTML page from a run's figures. */
import { dirname } from 'node:path';
import { readResults, writeReport } from '../report/index.js';
import { UsageError } from '../errors.js';
import type { Command } from '../command.js';

export interface ReportResult { from: string; html: string }

export const report: Command<ReportResult> = {
  name: 'report',
  summary: 'Rebuild report/index.html from a results.json written by `embfact demo`; every figure comes from that file.',
  args: '',
  positionals: { min: 0, max: 0 },
  options: {
    from: { type: 'string', valueName: 'FILE', description: 'results.json of a run', default: 'report/results.json' },
    out: { type: 'string', valueName: 'DIR', description: 'output directory (default: the directory of --from)' },
  },
  async run(ctx) {
    const from = ctx.path(String(ctx.options.from));
    if (ctx.options.out === '') throw new UsageError('--out must be a directory path.');
    const outDir = ctx.options.out ? ctx.path(String(ctx.options.out)) : dirname(from);
    const results = await readResults(from);
    const html = await writeReport(results, outDir);
    return { from, html };
  },
  render(r) {
    return `report written to ${r.html} (from ${r.from})\n`;
  },
};
