// Inspec report: F1@5 / F1@10 of every method on one split, and of the embedding-based
// methods per transform (raw / whiten / abtt, fitted on the whole vocabulary matrix).
// Run: node node_modules/.pnpm/vite-node@*/node_modules/vite-node/vite-node.mjs -c vitest.config.ts packages/keywords/bench/inspec-report.ts
// (SPLIT=dev|test, default test). Tuning used SPLIT=dev only.
import { AllButTheTop, Whitening } from '@embfact/core';
import { loadInspec } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { DocumentFrequencies, evaluateInspec, type Method } from '../src/index.js';

const split = (process.env.SPLIT ?? 'test') as 'test';
const docs = await loadInspec();
const df = new DocumentFrequencies().fit(docs.filter((d) => d.split !== 'test').map((d) => d.text));
const row = (label: string, r: { f1At5: number; f1At10: number; atK: Record<5 | 10, { precision: number; recall: number }> }) =>
  console.log(`| ${label} | ${(100 * r.f1At5).toFixed(2)} | ${(100 * r.f1At10).toFixed(2)} | ${(100 * r.atK[10].precision).toFixed(1)} | ${(100 * r.atK[10].recall).toFixed(1)} |`);
console.log(`Inspec ${split} (${docs.filter((d) => d.split === split).length} documents)\n`);
console.log('| method | F1@5 | F1@10 | P@10 | R@10 |\n|---|---:|---:|---:|---:|');
for (const m of ['tfidf', 'yake', 'textrank', 'singlerank', 'positionrank', 'firstphrases', 'fusion'] as Method[]) {
  row(m, evaluateInspec({ documents: docs, method: m, split, df: split === 'test' ? df : undefined }));
}
const table = await loadDefaultEmbeddings();
const transforms = { raw: table, whiten: table.withMatrix(new Whitening().fitTransform(table.matrix)), abtt: table.withMatrix(new AllButTheTop({ d: 2 }).fitTransform(table.matrix)) };
for (const [name, t] of Object.entries(transforms)) {
  row(`embedding (${name}, plain mean)`, evaluateInspec({ documents: docs, method: 'embedding', split, table: t, extract: { sifA: 0 } }));
  row(`embedding (${name}, SIF a=1e-6)`, evaluateInspec({ documents: docs, method: 'embedding', split, table: t }));
  row(`embedding + MMR λ=0.7 (${name})`, evaluateInspec({ documents: docs, method: 'embedding', split, table: t, extract: { diversity: 'mmr' } }));
  row(`fusion + embedding (${name})`, evaluateInspec({ documents: docs, method: 'fusion', split, table: t, df: split === 'test' ? df : undefined }));
}
