// Dev-set evaluation of embedding-based ranking per transform (run with vite-node, see tune.ts).
import { loadInspec } from '@embfact/datasets';
import { AllButTheTop, Whitening } from '@embfact/core';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { evaluateInspec, type EvaluateInspecOptions } from '../src/index.js';

const docs = await loadInspec();
const split = (process.env.SPLIT ?? 'dev') as 'dev';
const t0 = performance.now();
const table = await loadDefaultEmbeddings();
console.log(`loaded ${table.size} x ${table.dim} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const transforms = { whiten: () => new Whitening(), abtt: () => new AllButTheTop({ d: 2 }) };
const configs: [string, Partial<EvaluateInspecOptions>][] = JSON.parse(process.env.CONFIGS ?? '[]');
for (const [label, c] of configs) {
  const t1 = performance.now();
  const r = evaluateInspec({ documents: docs, split, method: 'embedding', table, transforms, ...c } as EvaluateInspecOptions);
  console.log(`${label.padEnd(40)} F1@5 ${(100 * r.f1At5).toFixed(2)} F1@10 ${(100 * r.f1At10).toFixed(2)} ${((performance.now() - t1) / 1000).toFixed(2)}s`);
}
