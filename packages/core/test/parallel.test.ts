// Two-thread kernels (src/parallel.ts): same results as one thread, the size threshold,
// inputs that are not shared or are float32, option errors, and a worker that never keeps
// the process alive.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { clone, columnMeans, gram, matmul, matmulTransB, PARALLEL_MIN_WORK, Whitening, type Matrix } from '@embfact/core';
import { naiveCenter, naiveMul, naiveT, randn } from './helpers.js';

const twoCores = availableParallelism() > 1;
const d = 100;

/** Copy of A whose data lives on a SharedArrayBuffer. */
function onShared(A: Matrix): Matrix {
  const sab = new SharedArrayBuffer(A.data.byteLength);
  const data = A.data instanceof Float32Array ? new Float32Array(sab) : new Float64Array(sab);
  data.set(A.data);
  return { data, rows: A.rows, cols: A.cols };
}

describe('gram with two threads', () => {
  // Split threshold: n·d²/2 ≥ PARALLEL_MIN_WORK, i.e. n ≥ 10,000 for d = 100.
  const nSplit = Math.ceil((2 * PARALLEL_MIN_WORK) / (d * d));
  for (const n of [nSplit - 1, nSplit + 1]) {
    it(`gives the single-threaded result for ${n}×${d} (${n < nSplit ? 'below' : 'above'} the threshold), float64 and float32`, () => {
      const A = randn(n, d, n, 1.5, 0.3);
      const mean = columnMeans(A);
      const one = gram(A, { mean, threads: 1 });
      const two = gram(A, { mean, threads: 2 });
      expect(two.rows).toBe(d);
      expect(two.data).toBeInstanceOf(Float64Array);
      expect(two.data).toBeAllClose(one.data, 0, 1e-12);
      expect(Array.from(two.data)).toEqual(Array.from(one.data)); // fixed split and summation order: bitwise equal
      const C = naiveCenter(A);
      expect(two.data).toBeAllClose(naiveMul(naiveT(C), C).data, 1e-9, 1e-11);
      const A32 = clone(A, 'float32');
      const g32 = gram(A32, { mean, threads: 2 });
      expect(g32.data).toBeInstanceOf(Float64Array);
      expect(g32.data).toBeAllClose(gram(A32, { mean, threads: 1 }).data, 0, 1e-12);
      expect(gram(onShared(A32), { mean, threads: 2 }).data).toBeAllClose(g32.data, 0, 1e-12);
    });
  }
  it('leaves a non-shared input intact (not modified, not detached)', () => {
    const A = randn(nSplit + 1, d, 7);
    const before = A.data.slice();
    gram(A, { threads: 2 });
    expect(A.data.length).toBe(before.length);
    expect(A.data).toEqual(before);
  });
  it('reports progress up to n', () => {
    const n = nSplit + 1;
    const seen: number[] = [];
    gram(randn(n, d, 3), { threads: 2, onProgress: (done, total) => { expect(total).toBe(n); seen.push(done); } });
    expect(seen[seen.length - 1]).toBe(n);
    expect(seen.every((x, i) => i === 0 || x >= seen[i - 1])).toBe(true);
  });
});

describe('matmul with two threads', () => {
  // Split threshold: n·d·k ≥ PARALLEL_MIN_WORK, i.e. n ≥ 5,000 for d = k = 100.
  const k = 100;
  const nSplit = Math.ceil(PARALLEL_MIN_WORK / (d * k));
  const B = randn(d, k, 99);
  for (const n of [nSplit - 1, nSplit + 3]) {
    const above = n >= nSplit;
    it(`gives the single-threaded result for ${n}×${d} times ${d}×${k} (${above ? 'above' : 'below'} the threshold)`, () => {
      const A = randn(n, d, n + 1, 2, -0.5);
      const mean = columnMeans(A);
      for (const input of [A, clone(A, 'float32'), onShared(A)]) {
        for (const dtype of ['float64', 'float32'] as const) {
          const one = matmul(input, B, { mean, dtype, threads: 1 });
          const two = matmul(input, B, { mean, dtype, threads: 2 });
          expect([two.rows, two.cols]).toEqual([n, k]);
          expect(two.data).toBeInstanceOf(dtype === 'float32' ? Float32Array : Float64Array);
          expect(Array.from(two.data)).toEqual(Array.from(one.data)); // rows are independent: bitwise equal
          expect(two.data.buffer instanceof SharedArrayBuffer).toBe(above && twoCores);
          expect(one.data.buffer instanceof SharedArrayBuffer).toBe(false);
        }
      }
      expect(matmul(A, B, { mean, threads: 2 }).data).toBeAllClose(naiveMul(naiveCenter(A), B).data, 1e-10, 1e-12);
    });
  }
  it('matmulTransB and an odd k', () => {
    const n = nSplit + 1;
    const A = randn(n, d, 5);
    const Bt = randn(37, d, 6);
    const two = matmulTransB(A, Bt, { threads: 2 });
    expect([two.rows, two.cols]).toEqual([n, 37]);
    expect(Array.from(two.data)).toEqual(Array.from(matmulTransB(A, Bt, { threads: 1 }).data));
  });
  it('Whitening gives the same output with EMBFACT_THREADS=1 and by default', () => {
    const A = clone(randn(nSplit * 3, d, 11, 1, 0.2), 'float32');
    const two = new Whitening({ k: 40 }).fitTransform(A);
    process.env.EMBFACT_THREADS = '1';
    try {
      const one = new Whitening({ k: 40 }).fitTransform(A);
      expect(two.data).toBeInstanceOf(Float32Array);
      expect(Array.from(two.data)).toEqual(Array.from(one.data));
    } finally {
      delete process.env.EMBFACT_THREADS;
    }
  });
});

describe('thread options', () => {
  afterEach(() => { delete process.env.EMBFACT_THREADS; });
  it('rejects a bad threads option or EMBFACT_THREADS value', () => {
    const A = randn(10, 3, 1);
    expect(() => gram(A, { threads: 0 })).toThrow(/'threads' option of gram must be an integer ≥ 1; got 0/);
    expect(() => matmul(A, randn(3, 2, 2), { threads: 1.5 })).toThrow(/'threads' option of matmul must be an integer ≥ 1; got 1.5/);
    process.env.EMBFACT_THREADS = 'two';
    expect(() => gram(A)).toThrow(/EMBFACT_THREADS environment variable must be an integer ≥ 1; got 'two'/);
    process.env.EMBFACT_THREADS = '0';
    expect(() => gram(A)).toThrow(RangeError);
  });
});

/**
 * Run `body` (ESM source using `runWithWorker`, `multiplyRows`, `packColumnPairs` and a
 * 4-row job `job(out)`) in a child Node process against src/parallel.ts and
 * src/row-kernels.ts transpiled to plain ESM.
 */
function runChild(body: string[]): { res: ReturnType<typeof spawnSync>; ms: number } {
  const dir = mkdtempSync(join(tmpdir(), 'embfact-parallel-'));
  try {
    for (const name of ['parallel', 'row-kernels']) {
      const src = readFileSync(fileURLToPath(new URL(`../src/${name}.ts`, import.meta.url)), 'utf8');
      const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      writeFileSync(join(dir, `${name}.mjs`), js.replaceAll("'./row-kernels.js'", "'./row-kernels.mjs'"));
    }
    const script = [
      `import { runWithWorker } from ${JSON.stringify(join(dir, 'parallel.mjs'))};`,
      `import { multiplyRows, packColumnPairs } from ${JSON.stringify(join(dir, 'row-kernels.mjs'))};`,
      'const a = Float64Array.from({ length: 8 * 3 }, (_, i) => i), bp = packColumnPairs(Float64Array.of(1, 0, 1), 1, 3);',
      'const out = new Float64Array(new SharedArrayBuffer(8 * 8));',
      "const run = () => runWithWorker({ op: 'multiply', a: a.subarray(12), m: 4, d: 3, mean: null, bp, k: 1, out: out.subarray(4) },",
      '  () => multiplyRows(a.subarray(0, 12), 4, 3, null, bp, 1, out.subarray(0, 4)));',
      ...body,
    ].join('\n');
    const t0 = Date.now();
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    return { res, ms: Date.now() - t0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the worker', () => {
  it('never keeps the process alive: a child script that uses it exits by itself', () => {
    const { res, ms } = runChild(['run();', "console.log(Array.from(out).join(','));"]);
    expect(res.stderr).toBe('');
    expect(res.signal).toBeNull(); // not killed by the timeout
    expect(res.status).toBe(0);
    expect(String(res.stdout).trim()).toBe('2,8,14,20,26,32,38,44'); // row i: 3i + (3i + 2)
    expect(ms).toBeLessThan(20_000);
  });
  it('a worker that never answers is abandoned after a bounded wait, its half done on the main thread', () => {
    // The job is swallowed before it reaches the worker, as if the worker had died in it.
    const { res } = runChild([
      "import { Worker } from 'node:worker_threads';",
      'const post = Worker.prototype.postMessage;',
      'Worker.prototype.postMessage = function () {};',
      'run();',
      "console.log(Array.from(out).join(','));",
      'out.fill(0); Worker.prototype.postMessage = post;',
      'run();', // a fresh worker is started for the next call
      "console.log(Array.from(out).join(','));",
    ]);
    expect(res.signal).toBeNull();
    expect(res.status).toBe(0);
    expect(String(res.stdout).trim().split('\n')).toEqual(['2,8,14,20,26,32,38,44', '2,8,14,20,26,32,38,44']);
    expect(String(res.stderr)).toMatch(/worker thread did not finish its half within 10 s .*running its share on the main thread/);
  }, 60_000);
});
