/**
 * WebAssembly SIMD backend of the k-means assignment step (src/wasm/kernels.wat), with an
 * optional second thread.
 *
 * The kernels perform the same floating-point operations as the JavaScript ones in the same
 * order (see the header of kernels.wat), so labels, bounds and centres are bitwise those of the
 * JavaScript path; the JavaScript path stays the fallback where WebAssembly (or SIMD) is missing,
 * and `EMBFACT_WASM=0` forces it.
 *
 * Memory: one WebAssembly memory per process, grown on demand, holding one run's arrays at a
 * time (the points as float64, or as float32 with precision 'float32' together with a float32
 * copy of the centres; the centres, the bounds, the labels); the run reads and writes them
 * through typed-array views ({@link WasmSpace}) and copies its results out.
 *
 * Threads (Node): one persistent worker, created lazily and unref'd, instantiates the same module
 * on the same shared memory. A call is split into chunks of points that both threads claim from
 * a shared counter (compare-and-swap on a word tagged with the call's number, so a late worker
 * can never claim chunks of a later call); the main thread claims chunks until none is left, then
 * blocks in `Atomics.wait` until the worker's last chunk is done. Every point's result depends on
 * that point only, so the split never changes a result. A worker that has not started yet simply
 * claims nothing (the main thread does all); one that dies mid-chunk is dropped after a timeout
 * and its chunk redone on the main thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KERNELS_WASM_PLAIN, KERNELS_WASM_SHARED } from './wasm/kernels-wasm.js';

type Kernel = (...args: number[]) => void;
interface Kernels { full: Kernel; elkan: Kernel; hamerly: Kernel; msum: Kernel }

// The few WebAssembly JS-API members used here (the project's lib has no DOM types).
interface WasmMemory { readonly buffer: ArrayBuffer; grow(pages: number): number }
interface WasmModule { readonly __wasmModule?: never }
interface WasmApi {
  Memory: new (desc: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
}

interface Backend {
  module: WasmModule;
  memory: WasmMemory;
  exports: Kernels;
  shared: boolean;
}

const PAGE = 65536;
const MAX_PAGES = 65536; // 4 GiB, the wasm32 limit

let backend: Backend | null | undefined;

function decodeBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function envValue(name: string): string | undefined {
  const p = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return p?.env?.[name];
}

function load(): Backend | null {
  // read on every run, so a benchmark can time the JavaScript fallback in the same process
  const flag = envValue('EMBFACT_WASM');
  if (flag === '0' || flag === 'false') return null;
  if (flag !== undefined && flag !== '' && flag !== '1' && flag !== 'true') {
    throw new RangeError(`The EMBFACT_WASM environment variable must be 0 or false (JavaScript kernels) or 1 or true (WebAssembly, the default); got '${flag}'.`);
  }
  if (backend !== undefined) return backend;
  backend = null;
  const wa = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wa === undefined) return null;
  const attempt = (shared: boolean): Backend | null => {
    try {
      const memory = new wa.Memory({ initial: 1, maximum: MAX_PAGES, shared });
      const module = new wa.Module(decodeBase64(shared ? KERNELS_WASM_SHARED : KERNELS_WASM_PLAIN));
      const inst = new wa.Instance(module, { env: { memory } });
      return { module, memory, exports: inst.exports as unknown as Kernels, shared };
    } catch {
      return null; // no SIMD, no shared memory, or synchronous compilation refused
    }
  };
  backend = (typeof SharedArrayBuffer === 'function' ? attempt(true) : null) ?? attempt(false);
  return backend;
}

/** True when the WebAssembly SIMD kernels can run here (and `EMBFACT_WASM` is not `0`). */
export function wasmAvailable(): boolean {
  return load() !== null;
}

/** Typed-array views of one run's arrays in the wasm memory, and the kernels bound to them. */
export interface WasmSpace {
  /** The points: float64, or float32 when the space was opened for float32 arithmetic. */
  X: Float64Array | Float32Array; xsq: Float64Array; C: Float64Array; Cnew: Float64Array; Cp: Float64Array; csq: Float64Array;
  labels: Int32Array; upper: Float64Array; lower: Float64Array; lowerAll: Float64Array; drift: Float64Array;
  cc: Float64Array; half: Float64Array;
  /** fullAssign of points [0, n) with the current centres `c` (a view: C or Cnew). */
  full(c: Float64Array, elkan: boolean): void;
  elkan(c: Float64Array): void;
  hamerly(c: Float64Array): void;
  /** The M-step's member sums into `cnew` (zeroed by the caller), in point order (as update() in lloyd.ts). */
  msum(cnew: Float64Array): void;
  /** Sample weights in the wasm memory (null: unweighted). */
  w: Float64Array | null;
  /** Release the memory for the next run. */
  release(): void;
}

let busy = false;

/**
 * Lay out a run's arrays in the wasm memory (growing it if needed) and copy the points in.
 * Returns null when wasm is unavailable, the memory is in use by another run (a nested fit) or
 * cannot grow that far; the caller then uses the JavaScript kernels.
 * `threads`: 1 or 2 (the second only with a shared memory). `f32`: the points are stored as
 * float32 and every distance is computed in float32 arithmetic (KMeans' precision 'float32').
 */
export function openWasmSpace(
  Xsrc: ArrayLike<number>, n: number, d: number, k: number, elkan: boolean, threads: number, w: Float64Array | null,
  f32 = false,
): WasmSpace | null {
  const be = load();
  if (be === null || busy) return null;
  let off = 0;
  const take = (bytes: number): number => { const o = off; off += Math.ceil(bytes / 16) * 16; return o; };
  const nb = k >> 2;
  const pX = take((f32 ? 4 : 8) * n * d), pXsq = take(8 * n), pC = take(8 * k * d), pCnew = take(8 * k * d), pCp = take(32 * nb * d);
  const pCsq = take(8 * k), pLabels = take(4 * n), pUpper = take(8 * n), pLower = take(8 * n);
  const pLowerAll = take(elkan ? 8 * n * k : 0), pDrift = take(8 * k), pCc = take(elkan ? 8 * k * k : 0), pHalf = take(8 * k);
  const pScratch0 = take(8 * 4 * k), pScratch1 = take(8 * 4 * k), pW = take(w === null ? 0 : 8 * n);
  const pC32 = take(f32 ? 4 * k * d : 0), pCp32 = take(f32 ? 16 * nb * d : 0);
  const pages = Math.ceil(off / PAGE);
  if (pages > MAX_PAGES) return null;
  const have = be.memory.buffer.byteLength / PAGE;
  if (pages > have) {
    try { be.memory.grow(pages - have); } catch { return null; }
  }
  const buf = be.memory.buffer;
  const f64 = (p: number, len: number) => new Float64Array(buf, p, len);
  const sp: WasmSpace = {
    X: f32 ? new Float32Array(buf, pX, n * d) : f64(pX, n * d), xsq: f64(pXsq, n), C: f64(pC, k * d), Cnew: f64(pCnew, k * d), Cp: f64(pCp, 4 * nb * d),
    csq: f64(pCsq, k), labels: new Int32Array(buf, pLabels, n), upper: f64(pUpper, n), lower: f64(pLower, n),
    lowerAll: f64(pLowerAll, elkan ? n * k : 0), drift: f64(pDrift, k), cc: f64(pCc, elkan ? k * k : 0), half: f64(pHalf, k),
    full: (c, el) => {
      // float32: the kernels read the float32 copy of the centres (no norms: exact differences)
      const [pc, pp] = f32 ? centres32(c) : (prepareCentres(sp, c, k, d), [c.byteOffset, pCp]);
      split(be, threads, 'full', [pX, pXsq, pc, pp, pCsq, k, d], [pLabels, pUpper, pLower, pLowerAll, pDrift, el ? 1 : 0, f32 ? 1 : 0], n, [pScratch0, pScratch1]);
    },
    elkan: (c) => {
      const [pc, pp] = f32 ? centres32(c) : (packPanels(c, sp.Cp, k, d), [c.byteOffset, pCp]);
      split(be, threads, 'elkan', [pX, pc, pp, k, d], [pLabels, pUpper, pLowerAll, pDrift, pCc, pHalf, f32 ? 1 : 0], n, [pScratch0, pScratch1]);
    },
    hamerly: (c) => {
      const [pc, pp] = f32 ? centres32(c) : (packPanels(c, sp.Cp, k, d), [c.byteOffset, pCp]);
      split(be, threads, 'hamerly', [pX, pc, pp, k, d], [pLabels, pUpper, pLower, pHalf, f32 ? 1 : 0], n, [pScratch0, pScratch1]);
    },
    msum: (cnew) => {
      // Split over the coordinates, not the points: each element's sum keeps the point order.
      split(be, threads, 'msum', [pX, pLabels, w === null ? 0 : pW, n, d, cnew.byteOffset], [f32 ? 1 : 0], d, null, Math.ceil(d / 2), n * d >= THREAD_MIN_WORK / 10);
    },
    w: w === null ? null : f64(pW, n),
    release: () => { busy = false; },
  };
  /** The centres rounded to float32 and their float32 panels; returns their pointers. */
  const c32 = f32 ? new Float32Array(buf, pC32, k * d) : null;
  const cp32 = f32 ? new Float32Array(buf, pCp32, 4 * nb * d) : null;
  const centres32 = (c: Float64Array): [number, number] => {
    c32!.set(c);
    packPanels(c32!, cp32!, k, d);
    return [pC32, pCp32];
  };
  busy = true;
  sp.X.set(Xsrc as ArrayLike<number>);
  if (w !== null) sp.w!.set(w);
  return sp;
}

/** csq[j] = ‖c_j‖² (the same loop as lloyd.ts' fullAssign) and the panels. */
function prepareCentres(sp: WasmSpace, C: Float64Array, k: number, d: number): void {
  for (let j = 0; j < k; j++) {
    let t2 = 0;
    for (let t = 0; t < d; t++) t2 += C[j * d + t] * C[j * d + t];
    sp.csq[j] = t2;
  }
  packPanels(C, sp.Cp, k, d);
}

/**
 * Centres in panels of four, coordinate-major inside a panel: Cp[b][t][q] = C[4b + q][t]
 * (the layout in which a v128 load gives one coordinate of two centres). The last k mod 4
 * centres are read from C itself.
 */
export function packPanels<T extends Float64Array | Float32Array>(C: T, Cp: T, k: number, d: number): void {
  const nb = k >> 2;
  for (let b = 0; b < nb; b++) {
    const base = b * 4 * d;
    for (let q = 0; q < 4; q++) {
      const co = (4 * b + q) * d;
      for (let t = 0; t < d; t++) Cp[base + 4 * t + q] = C[co + t];
    }
  }
}

// ---------------------------------------------------------------- threads

/** Points (n·k·d multiply-adds per full pass) from which a call is split over two threads. */
export const THREAD_MIN_WORK = 5e7;

/** Threads for a run: `requested`, else EMBFACT_THREADS, else 2; at most 2 and the cores available. */
export function runThreads(requested: number | undefined, n: number, k: number, d: number): number {
  let t = requested;
  if (t === undefined) {
    const env = envValue('EMBFACT_THREADS');
    if (env === undefined || env === '') t = 2;
    else if (/^\s*\d+\s*$/.test(env) && Number(env) >= 1) t = Number(env);
    // the same check and message as @embfact/core's kernels, rather than a silent default
    else throw new RangeError(`The EMBFACT_THREADS environment variable must be an integer ≥ 1; got '${env}'.`);
    if (n * k * d < THREAD_MIN_WORK) t = 1;
  }
  let cores = 1;
  try { cores = availableParallelism(); } catch { /* not Node */ }
  return Math.max(1, Math.min(t, 2, cores));
}

interface Job {
  gen: number; fn: keyof Kernels; pre: number[]; post: number[]; n: number; chunk: number; nChunks: number;
  scratch: number; // the worker's scratch pointer, or -1 when the kernel takes none
}

// ctl[0]: claim word ((gen & 0x7fff) << 16 | next chunk); ctl[1]: chunks done;
// ctl[2]: 1 once the worker runs; ctl[3]: the chunk the worker is in, or -1;
// ctl[4]: chunks the worker has done in total (for tests).
/** Claim and run chunks of `job` until none is left (both threads run this same function). */
function claimChunks(ex: Kernels, ctl: Int32Array, job: Job, scratch: number, worker: boolean): void {
  const tag = (job.gen & 0x7fff) << 16;
  for (;;) {
    const w = Atomics.load(ctl, 0);
    if ((w & 0x7fff0000) !== tag) return;
    const c = w & 0xffff;
    if (c >= job.nChunks) return;
    if (Atomics.compareExchange(ctl, 0, w, w + 1) !== w) continue;
    if (worker) Atomics.store(ctl, 3, c);
    const i0 = c * job.chunk;
    const i1 = Math.min(job.n, i0 + job.chunk);
    if (scratch >= 0) ex[job.fn](...job.pre, i0, i1, ...job.post, scratch);
    else ex[job.fn](...job.pre, i0, i1, ...job.post);
    if (worker) { Atomics.store(ctl, 3, -1); Atomics.add(ctl, 4, 1); }
    Atomics.add(ctl, 1, 1);
    if (worker) Atomics.notify(ctl, 1);
  }
}

const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const claimChunks = ${claimChunks.toString()};
const { module, memory, ctl } = workerData;
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
parentPort.on('message', (job) => { claimChunks(ex, ctl, job, job.scratch, true); });
Atomics.store(ctl, 2, 1);
`;

let pool: { worker: Worker; ctl: Int32Array } | undefined;
let poolFailed = false;
let gen = 0;

function getPool(be: Backend): NonNullable<typeof pool> | undefined {
  if (pool || poolFailed) return pool;
  try {
    const ctl = new Int32Array(new SharedArrayBuffer(32));
    ctl[3] = -1;
    // execArgv: [] — an inherited flag (a loader, --input-type) would change how the code string runs.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { module: be.module, memory: be.memory, ctl } });
    worker.unref();
    const drop = (): void => { if (pool?.worker === worker) pool = undefined; };
    worker.on('exit', drop);
    worker.on('error', drop);
    pool = { worker, ctl };
  } catch {
    poolFailed = true; // no worker_threads here (a browser): one thread
  }
  return pool;
}

/** Chunks of points the worker thread has processed so far (0 when it never ran); for tests. */
export function workerChunks(): number {
  return pool ? Atomics.load(pool.ctl, 4) : 0;
}

/** A chunk's worth of points: small enough to balance the two threads, large enough to amortize a claim. */
function chunkSize(n: number): number {
  return Math.max(64, Math.ceil(n / 32768));
}

const JOB_TIMEOUT_MS = 60_000;

/**
 * Run kernel `fn` over the index range [0, n) (points, or coordinates for msum), split in chunks
 * over two threads when `threads` > 1 and the work is worth it; `scratch`: one scratch pointer
 * per thread (appended as the last argument) or null.
 */
function split(
  be: Backend, threads: number, fn: keyof Kernels, pre: number[], post: number[], n: number, scratch: [number, number] | null,
  chunk = chunkSize(n), worth = n >= 2 * chunk,
): void {
  const ex = be.exports;
  const p = threads > 1 && be.shared && worth && n > chunk ? getPool(be) : undefined;
  if (p === undefined) {
    if (scratch) ex[fn](...pre, 0, n, ...post, scratch[0]);
    else ex[fn](...pre, 0, n, ...post);
    return;
  }
  const { ctl, worker } = p;
  gen = (gen + 1) & 0x7fff;
  const job: Job = { gen, fn, pre, post, n, chunk, nChunks: Math.ceil(n / chunk), scratch: scratch ? scratch[1] : -1 };
  Atomics.store(ctl, 1, 0);
  Atomics.store(ctl, 0, gen << 16);
  worker.postMessage(job);
  claimChunks(ex, ctl, job, scratch ? scratch[0] : -1, false);
  for (;;) {
    const done = Atomics.load(ctl, 1);
    if (done >= job.nChunks) return;
    if (Atomics.wait(ctl, 1, done, JOB_TIMEOUT_MS) === 'timed-out' && Atomics.load(ctl, 1) === done) {
      // The worker is gone mid-chunk (e.g. out of memory): drop it and redo its chunk here.
      const c = Atomics.load(ctl, 3);
      pool = undefined;
      void worker.terminate();
      if (c >= 0) {
        const i0 = c * chunk, i1 = Math.min(n, i0 + chunk);
        if (scratch) ex[fn](...pre, i0, i1, ...post, scratch[0]); else ex[fn](...pre, i0, i1, ...post);
      }
      return;
    }
  }
}
