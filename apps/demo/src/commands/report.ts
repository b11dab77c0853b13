/** `embfact report --from results.json`: rebuild the HTML page from a run's figures. */
import { basename, dirname } from 'node:path';
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
    out: { type: 'string', valueName: 'DIR|FILE.html', description: 'output directory (the page is DIR/index.html), or the page itself when it ends in .html (default: the directory of --from)' },
  },
  async run(ctx) {
    const from = ctx.path(String(ctx.options.from));
    if (ctx.options.out === '') throw new UsageError('--out must be a directory or an .html file path.');
    const out = ctx.options.out ? ctx.path(String(ctx.options.out)) : undefined;
    const asFile = out !== undefined && /\.html?$/i.test(out);
    const outDir = out === undefined ? dirname(from) : asFile ? dirname(out) : out;
    const results = await readResults(from);
    const html = await writeReport(results, outDir, {}, asFile ? basename(out) : undefined);
    return { from, html };
  },
  render(r) {
    return `report written to ${r.html} (from ${r.from})\n`;
  },
};
