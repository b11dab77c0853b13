import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, type FloatArray } from '@embfact/core';
import { KMeans } from '../src/index.js';
import { kmeansPlusPlus, randomInit, runKMeans, type RunResult, type RunSettings } from '../src/lloyd.js';
import { dists32, meanColumnVariance, normalizedRows, sqDist, sqDist32 } from '../src/kernels.js';
import { packPanels, wasmAvailable, workerChunks } from '../src/wasm.js';
import { generate } from '../scripts/build-wasm.mjs';

/** Seeded overlapping Gaussian blobs (many points near cluster boundaries), n x d in the given dtype. */
function data(seed: number, n: number, d: number, dtype: 'float32' | 'float64', blobs = 6): FloatArray {
  const rng = createRng(seed);
  const centres = Array.from({ length: blobs }, () => Array.from({ length: d }, () => rng.normal() * 2));
  const X = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[rng.int(blobs)];
    for (let t = 0; t < d; t++) X[i * d + t] = c[t] + rng.normal();
  }
  return X;
}

function expectSameRun(a: RunResult, b: RunResult): void {
  expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
  // bitwise: the wasm kernels perform the JavaScript operations in the same order
  expect(Array.from(b.centres)).toEqual(Array.from(a.centres));
  expect(b.inertia).toBe(a.inertia);
  expect(b.nIter).toBe(a.nIter);
  expect(Array.from(b.history)).toEqual(Array.from(a.history));
  for (const v of b.centres) expect(Number.isFinite(v)).toBe(true);
  expect(Number.isFinite(b.inertia)).toBe(true);
}

const ALGORITHMS = ['elkan', 'hamerly', 'lloyd'] as const;

describe('WebAssembly SIMD kernels', () => {
  it('src/wasm/kernels-wasm.ts is kernels.wat assembled by scripts/build-wasm.mjs', async () => {
    const committed = readFileSync(new URL('../src/wasm/kernels-wasm.ts', import.meta.url), 'utf8');
    expect(await generate()).toBe(committed);
  });

  it('are available in Node 20 (SIMD128 is on by default)', () => {
    expect(wasmAvailable()).toBe(true);
  });

  it('packPanels lays four centres coordinate-major', () => {
    const k = 9, d = 3;
    const C = Float64Array.from({ length: k * d }, (_, i) => i);
    const Cp = new Float64Array(2 * 4 * d);
    packPanels(C, Cp, k, d);
    // panel 1, coordinate 2, centre 4 + 3 = C[7][2]
    expect(Cp[1 * 4 * d + 4 * 2 + 3]).toBe(C[7 * d + 2]);
    expect(Cp[0 * 4 * d + 4 * 1 + 2]).toBe(C[2 * d + 1]);
  });

  // k not a multiple of the 4-centre block, d not a multiple of 4, n not a multiple of 4 points
  const shapes = [
    { n: 301, d: 7, k: 13 }, { n: 517, d: 10, k: 8 }, { n: 130, d: 3, k: 5 }, { n: 257, d: 16, k: 19 }, { n: 64, d: 1, k: 3 },
  ];
  const variants = [['float32', 'float64'], ['float64', 'float64'], ['float32', 'float32']] as const;
  for (const [dtype, precision] of variants) {
    for (const { n, d, k } of shapes) {
      it(`give the JavaScript path's labels, centres and inertia bitwise (${dtype} data, ${precision} arithmetic, n=${n}, d=${d}, k=${k}; 1 and 2 threads)`, () => {
        const X = data(n + d + k, n, d, dtype);
        const init = kmeansPlusPlus(X, n, d, k, null, createRng(7));
        for (const algorithm of ALGORITHMS) {
          for (const spherical of [false, true]) {
            const Xs = spherical ? normalizedRows(X, n, d, 'X') : X;
            const start = spherical ? normalizedRows(init, k, d, 'init') as Float64Array : init;
            const s: RunSettings = { maxIter: 50, tol: 0, algorithm, spherical, precision };
            const js = runKMeans(Xs, n, d, k, null, start, { ...s, backend: 'js' });
            if (d > 1 || !spherical) expect(js.nIter).toBeGreaterThan(1);
            for (const threads of [1, 2]) expectSameRun(js, runKMeans(Xs, n, d, k, null, start, { ...s, backend: 'wasm', threads }));
          }
        }
      });
    }
  }

  it('give the same results when the worker thread takes part (bitwise, every algorithm)', async () => {
    const n = 20000, d = 12, k = 21;
    const X = data(21, n, d, 'float32', 30);
    const init = randomInit(X, n, d, k, createRng(2));
    const s: RunSettings = { maxIter: 15, tol: 0, algorithm: 'lloyd', spherical: false };
    // the worker starts asynchronously: let it come up, then check that it did some chunks
    for (let tries = 0; tries < 50 && workerChunks() === 0; tries++) {
      runKMeans(X, n, d, k, null, init, { ...s, maxIter: 1, backend: 'wasm', threads: 2 });
      await new Promise((r) => setTimeout(r, 20));
    }
    const before = workerChunks();
    expect(before).toBeGreaterThan(0);
    for (const algorithm of ALGORITHMS) {
      for (const precision of ['float64', 'float32'] as const) {
        const js = runKMeans(X, n, d, k, null, init, { ...s, algorithm, precision, backend: 'js' });
        expectSameRun(js, runKMeans(X, n, d, k, null, init, { ...s, algorithm, precision, backend: 'wasm', threads: 2 }));
      }
    }
    expect(workerChunks()).toBeGreaterThan(before);
  });

  it('agree with sample weights and with the random initialisation', () => {
    const n = 400, d = 6, k = 11;
    const X = data(3, n, d, 'float32');
    const rng = createRng(4);
    const w = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? 0 : rng.next() * 3));
    const init = randomInit(X, n, d, k, createRng(9));
    for (const algorithm of ALGORITHMS) {
      for (const precision of ['float64', 'float32'] as const) {
        const s: RunSettings = { maxIter: 100, tol: 0, algorithm, spherical: false, precision };
        expectSameRun(runKMeans(X, n, d, k, w, init, { ...s, backend: 'js' }), runKMeans(X, n, d, k, w, init, { ...s, backend: 'wasm', threads: 2 }));
      }
    }
  });

  it('handle n = 1 and k = 1', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const X = data(5, 1, 5, dtype);
      const init = Float64Array.from(X);
      for (const algorithm of ALGORITHMS) {
        const s: RunSettings = { maxIter: 10, tol: 0, algorithm, spherical: false };
        const r = runKMeans(X, 1, 5, 1, null, init, { ...s, backend: 'wasm' });
        expectSameRun(runKMeans(X, 1, 5, 1, null, init, { ...s, backend: 'js' }), r);
        expect(Array.from(r.labels)).toEqual([0]);
        expect(r.inertia).toBe(0);
      }
      const Y = data(6, 50, 5, dtype);
      for (const algorithm of ALGORITHMS) {
        const s: RunSettings = { maxIter: 10, tol: 0, algorithm, spherical: false };
        const r = runKMeans(Y, 50, 5, 1, null, Float64Array.from(Y.subarray(0, 5)), { ...s, backend: 'wasm' });
        expectSameRun(runKMeans(Y, 50, 5, 1, null, Float64Array.from(Y.subarray(0, 5)), { ...s, backend: 'js' }), r);
        expect(new Set(r.labels)).toEqual(new Set([0]));
      }
    }
  });

  it('handle duplicate points and duplicate initial centres without NaN (empty clusters re-seeded)', () => {
    const d = 5, k = 6;
    for (const dtype of ['float32', 'float64'] as const) {
      const base = data(8, 10, d, dtype);
      // 200 rows that are copies of 10 distinct rows; 6 identical initial centres
      const n = 200;
      const X = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
      for (let i = 0; i < n; i++) X.set(base.subarray((i % 10) * d, (i % 10 + 1) * d), i * d);
      const init = new Float64Array(k * d);
      for (let j = 0; j < k; j++) init.set(base.subarray(0, d), j * d);
      for (const algorithm of ALGORITHMS) {
        const s: RunSettings = { maxIter: 30, tol: 0, algorithm, spherical: false };
        const js = runKMeans(X, n, d, k, null, init, { ...s, backend: 'js' });
        const wa = runKMeans(X, n, d, k, null, init, { ...s, backend: 'wasm', threads: 2 });
        expectSameRun(js, wa);
        expect(new Set(wa.labels).size).toBe(k);
      }
      // all points identical: inertia 0, no NaN
      const same = dtype === 'float32' ? new Float32Array(64 * d).fill(1.5) : new Float64Array(64 * d).fill(1.5);
      const r = runKMeans(same, 64, d, 3, null, new Float64Array(3 * d).fill(1.5), { maxIter: 5, tol: 0, algorithm: 'elkan', spherical: false, backend: 'wasm' });
      expect(r.inertia).toBe(0);
      for (const v of r.centres) expect(v).toBe(1.5);
    }
  });

  it('KMeans (wasm by default) gives the JavaScript labels on a larger seeded problem, with nInit restarts', () => {
    const n = 3000, d = 20, k = 25;
    const X = data(11, n, d, 'float32', 40);
    const km = new KMeans({ k, nInit: 2, seed: 3, maxIter: 60 }).fit({ data: X, rows: n, cols: d });
    // the same two k-means++ starts, run with the JavaScript kernels
    const rng = createRng(3);
    let best: RunResult | null = null;
    const tol = 1e-4 * meanColumnVariance(X, n, d);
    for (let r = 0; r < 2; r++) {
      const init = kmeansPlusPlus(X, n, d, k, null, createRng((rng.next() * 4294967296) >>> 0));
      const res = runKMeans(X, n, d, k, null, init, { maxIter: 60, tol, algorithm: 'elkan', spherical: false, backend: 'js' });
      if (best === null || res.inertia < best.inertia) best = res;
    }
    expect(Array.from(km.labels)).toEqual(Array.from(best!.labels));
    expect(km.inertia).toBe(best!.inertia);
  });
  it("precision 'float32' really computes in float32, and stays within float32 rounding of float64", () => {
    const n = 2000, d = 30, k = 16;
    const X = data(31, n, d, 'float32', 12) as Float32Array;
    const C = Float32Array.from(X.subarray(0, k * d), (v) => v + 0.25);
    // every distance is a float32 value, within float32 rounding of the float64 one
    const out = new Float64Array(k);
    for (let i = 0; i < 50; i++) {
      dists32(X, i * d, C, k, d, out, 0, true);
      for (let j = 0; j < k; j++) {
        expect(Math.fround(out[j])).toBe(out[j]);
        const exact = sqDist(X, i * d, Float64Array.from(C), j * d, d);
        expect(Math.abs(out[j] - exact) / exact).toBeLessThan(1e-5);
        expect(Math.abs(sqDist32(X, i * d, C, j * d, d) - exact) / exact).toBeLessThan(1e-5);
      }
    }
    // and they are not the float64 values (the test would pass trivially otherwise)
    let differ = 0;
    for (let j = 0; j < k; j++) if (sqDist32(X, 0, C, j * d, d) !== sqDist(X, 0, Float64Array.from(C), j * d, d)) differ++;
    expect(differ).toBeGreaterThan(k / 2);
    // a whole run: labels as float64 except at most a few near-ties, inertia to 1e-6
    const init = kmeansPlusPlus(X, n, d, k, null, createRng(5));
    for (const algorithm of ALGORITHMS) {
      const s: RunSettings = { maxIter: 100, tol: 0, algorithm, spherical: false };
      const a = runKMeans(X, n, d, k, null, init, { ...s, precision: 'float64' });
      const b = runKMeans(X, n, d, k, null, init, { ...s, precision: 'float32' });
      let same = 0;
      for (let i = 0; i < n; i++) if (a.labels[i] === b.labels[i]) same++;
      expect(same / n).toBeGreaterThan(0.995);
      expect(Math.abs(b.inertia - a.inertia) / a.inertia).toBeLessThan(1e-6);
    }
  });
});
