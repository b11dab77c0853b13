/**
 * Two-thread execution of the streaming row kernels ({@link gramRows}, {@link multiplyRows})
 * while keeping every public function synchronous.
 *
 * Pattern (as in synckit): one persistent worker, created lazily on first use and unref'd
 * so it never keeps the process alive. The main thread posts a job for the second half of
 * the rows, computes the first half itself, then blocks in `Atomics.wait` on a shared
 * Int32Array flag until the worker has posted its result on a MessagePort and raised the
 * flag; the result is read with `receiveMessageOnPort`.
 *
 * The worker is started from a code string built from the kernels' own source text
 * (`fn.toString()`), so there is no worker file to locate: it runs the same when the
 * package is loaded from `src` (vitest) or from `dist`.
 *
 * Data: a row block backed by a SharedArrayBuffer is shared as is; any other input has the
 * worker's rows copied once into a fresh buffer that is transferred (not cloned) to the
 * worker. The caller's array is never modified or detached.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { FloatArray } from './matrix.js';
import { gramRows, multiplyRows } from './row-kernels.js';

/**
 * Work (multiply-adds) from which a kernel splits its rows over two threads: 5e7, about
 * 35 ms single-threaded, against ≈ 1 ms to post a job and wake up (plus ≈ 40 ms once, to
 * start the worker, overlapped with the main thread's half).
 */
export const PARALLEL_MIN_WORK = 5e7;

/**
 * Number of threads a kernel call may use: `requested` when given, else the
 * `EMBFACT_THREADS` environment variable, else 2; capped by `os.availableParallelism()`
 * and by 2 (one worker).
 * @throws RangeError when `requested` or `EMBFACT_THREADS` is not an integer ≥ 1
 */
export function maxThreads(requested: number | undefined, where: string): number {
  let t: number;
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`The 'threads' option of ${where} must be an integer ≥ 1; got ${String(requested)}.`);
    t = requested;
  } else {
    const env = process.env.EMBFACT_THREADS;
    if (env === undefined || env === '') t = 2;
    else {
      t = Number(env);
      if (!/^\s*\d+\s*$/.test(env) || t < 1) throw new RangeError(`The EMBFACT_THREADS environment variable must be an integer ≥ 1; got '${env}'.`);
    }
  }
  return Math.min(t, 2, availableParallelism());
}

/** A job for the worker: the second row block of a kernel call. */
export type WorkerJob =
  | { op: 'gram'; a: FloatArray; m: number; d: number; mean: Float64Array | null }
  | { op: 'multiply'; a: FloatArray; m: number; d: number; mean: Float64Array | null; bp: Float64Array; k: number; out: FloatArray };

/** Run a job on the calling thread (used when the worker cannot start). Mirrors WORKER_SOURCE. */
function runJob(job: WorkerJob): Float64Array | null {
  if (job.op === 'gram') {
    const dp = (job.d + 3) & ~3;
    const Gp = new Float64Array(dp * dp);
    gramRows(job.a, job.m, job.d, job.mean, Gp, null);
    return Gp;
  }
  multiplyRows(job.a, job.m, job.d, job.mean, job.bp, job.k, job.out);
  return null;
}

// flag[0]: 1 when the current job is done; flag[1]: 1 once the worker's code is running.
const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const gramRows = ${gramRows.toString()};
const multiplyRows = ${multiplyRows.toString()};
const { flag, port } = workerData;
parentPort.on('message', (job) => {
  let msg, transfer = [];
  try {
    if (job.op === 'gram') {
      const dp = (job.d + 3) & ~3;
      const Gp = new Float64Array(dp * dp);
      gramRows(job.a, job.m, job.d, job.mean, Gp, null);
      msg = { result: Gp };
      transfer = [Gp.buffer];
    } else {
      multiplyRows(job.a, job.m, job.d, job.mean, job.bp, job.k, job.out);
      msg = { result: null };
    }
  } catch (e) {
    msg = { error: String(e && e.stack || e) };
  }
  port.postMessage(msg, transfer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
Atomics.store(flag, 1, 1);
Atomics.notify(flag, 1);
`;

/** How long the main thread, done with its half, waits for a worker that has not started. */
const START_TIMEOUT_MS = 10_000;
/** How many times the main thread's own time it waits for the worker's half (at least START_TIMEOUT_MS). */
const JOB_TIMEOUT_FACTOR = 50;

let pool: { worker: Worker; flag: Int32Array; port: MessagePort } | undefined;

function getWorker(): NonNullable<typeof pool> {
  if (pool) return pool;
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  // execArgv: [] — the worker needs no flags, and an inherited one such as
  // --input-type=module (node -e) or a loader would change how its code string runs.
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { flag, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  // If the worker dies (it should not: it catches its own errors), start a new one next time.
  worker.on('exit', () => { if (pool?.worker === worker) pool = undefined; });
  worker.on('error', () => { if (pool?.worker === worker) pool = undefined; });
  pool = { worker, flag, port: port1 };
  return pool;
}

/**
 * Share a row block with the worker: a view on a SharedArrayBuffer is passed as is; any
 * other block is copied into a fresh buffer that is transferred (the caller's array is
 * untouched). Returns the array to post and the buffers to transfer.
 */
function shareRows(block: FloatArray): { array: FloatArray; transfer: ArrayBuffer[] } {
  if (block.buffer instanceof SharedArrayBuffer) return { array: block, transfer: [] };
  const copy = block.slice();
  return { array: copy, transfer: [copy.buffer as ArrayBuffer] };
}

/**
 * Post `job` to the worker (its row block `job.a` shared or copied, see the module comment),
 * run `local()` (the main thread's share) meanwhile, then block until the worker is done. Returns the worker's result (the partial Gram matrix for
 * `'gram'`, null for `'multiply'`, which writes into the shared `job.out`).
 * @throws Error carrying the worker's stack when the worker's kernel threw
 */
export function runWithWorker(job: WorkerJob, local: () => void): Float64Array | null {
  const { worker, flag, port } = getWorker();
  const { array, transfer } = shareRows(job.a);
  Atomics.store(flag, 0, 0);
  worker.postMessage({ ...job, a: array }, transfer);
  let localError: unknown;
  const t0 = performance.now();
  try {
    local();
  } catch (e) {
    localError = e;
  }
  const localMs = performance.now() - t0;
  // Events (the worker's 'error' / 'exit') cannot be delivered while this thread blocks, so
  // both waits are bounded: a worker that never starts, or dies in its job (e.g. out of
  // memory), is dropped and its share done here, so the call still returns the same result.
  const abandon = (why: string): Float64Array | null => {
    pool = undefined;
    void worker.terminate();
    process.emitWarning(`The embfact worker thread ${why}; running its share on the main thread (set EMBFACT_THREADS=1 to skip the attempt).`);
    if (localError !== undefined) throw localError;
    return runJob(job);
  };
  if (Atomics.load(flag, 1) === 0 && Atomics.wait(flag, 1, 0, START_TIMEOUT_MS) === 'timed-out') {
    return abandon(`did not start within ${START_TIMEOUT_MS / 1000} s`);
  }
  // The worker's share is the same size as ours: far more than JOB_TIMEOUT_FACTOR times our
  // time means it is gone, not slow. Returns at once when it has already finished.
  const jobTimeout = Math.max(START_TIMEOUT_MS, JOB_TIMEOUT_FACTOR * localMs);
  if (Atomics.wait(flag, 0, 0, jobTimeout) === 'timed-out') {
    return abandon(`did not finish its half within ${(jobTimeout / 1000).toFixed(0)} s (${JOB_TIMEOUT_FACTOR}× the main thread's time)`);
  }
  const reply = receiveMessageOnPort(port)?.message as { result?: Float64Array | null; error?: string } | undefined;
  if (localError !== undefined) throw localError;
  if (!reply) throw new Error('The embfact worker thread signalled completion without a reply.');
  if (reply.error !== undefined) throw new Error(`The embfact worker thread failed: ${reply.error}`);
  return reply.result ?? null;
}
