import { loadBrown } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { evaluateClustering, DEFAULT_CONFIGS } from '@embfact/cluster';
const t0 = performance.now();
const [docs, table] = await Promise.all([loadBrown(), loadDefaultEmbeddings()]);
console.log('loaded', docs.length, table.size, ((performance.now() - t0) / 1000).toFixed(1));
const extra = process.env.CONFIGS ? JSON.parse(process.env.CONFIGS) : DEFAULT_CONFIGS;
evaluateClustering({ documents: docs, table, k: 15, configs: extra, seeds: process.env.SEEDS ? JSON.parse(process.env.SEEDS) : undefined,
  onProgress: () => {} }).forEach((r) => console.log(r.name.padEnd(50), r.nmi.toFixed(3), r.ari.toFixed(3), '±', r.nmiStd.toFixed(3), 'dim', r.dim, ((performance.now() - t0) / 1000).toFixed(1)));
