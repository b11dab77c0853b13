// Dev-set tuning harness (run: node <vite-node> -c vitest.config.ts packages/keywords/bench/tune.ts)
import { loadInspec } from '@embfact/datasets';
import { evaluateInspec, type EvaluateInspecOptions } from '../src/index.js';

const docs = await loadInspec();
const split = (process.env.SPLIT ?? 'dev') as 'dev';
const configs: [string, Partial<EvaluateInspecOptions>][] = JSON.parse(process.env.CONFIGS ?? '[]');
for (const [label, c] of configs) {
  const t0 = performance.now();
  const r = evaluateInspec({ documents: docs, split, method: 'tfidf', ...c } as EvaluateInspecOptions);
  console.log(`${label.padEnd(40)} F1@5 ${(100 * r.f1At5).toFixed(2)} F1@10 ${(100 * r.f1At10).toFixed(2)} P@10 ${(100*r.atK[10].precision).toFixed(1)} R@10 ${(100*r.atK[10].recall).toFixed(1)} ${((performance.now() - t0) / 1000).toFixed(2)}s`);
}
