#!/usr/bin/env node
/**
 * `pnpm bench [--quick] [area ...]`: runs the benchmarks of every package side by side
 * with their peers and prints ratios. Areas: core, embeddings, text, classify, cluster, keywords.
 * Figures are also written to bench-results.json (git-ignored) for BENCHMARKS.md.
 */
import { writeFileSync, renameSync } from 'node:fs';
import { parseArgs } from 'node:util';

const AREAS = ['core', 'embeddings', 'text', 'classify', 'cluster', 'keywords'] as const;
type Area = (typeof AREAS)[number];
interface BenchModule { run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> }

const { values, positionals } = parseArgs({ options: { quick: { type: 'boolean' }, out: { type: 'string' } }, allowPositionals: true });
const unknown = positionals.filter((p) => !(AREAS as readonly string[]).includes(p));
if (unknown.length) {
  process.stderr.write(`bench: unknown area(s) ${unknown.join(', ')}; choose from ${AREAS.join(', ')}.\n`);
  process.exit(2);
}
const areas = (positionals.length ? positionals : AREAS) as Area[];
const log = (line: string) => process.stdout.write(line + '\n');
const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length, date: new Date().toISOString() },
};
let failed = 0;
for (const area of areas) {
  log(`\n## ${area}\n`);
  const t0 = performance.now();
  try {
    const mod = (await import(`./${area}.js`)) as BenchModule;
    results[area] = await mod.run({ quick: Boolean(values.quick), log });
  } catch (err) {
    failed++;
    log(`${area}: FAILED: ${(err as Error).stack ?? String(err)}`);
    results[area] = { error: String(err) };
  }
  log(`(${area} took ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
const out = values.out ?? 'bench-results.json';
writeFileSync(out + '.tmp', JSON.stringify(results, null, 2));
renameSync(out + '.tmp', out);
log(`\nfigures written to ${out}`);
process.exit(failed ? 1 : 0);
