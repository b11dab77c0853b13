// Test helpers: seeded random tables with awkward words, temp dirs, bit-exact comparison.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@embfact/core';
import { EmbeddingTable } from '../src/index.js';

/** Words that exercise UTF-8 (2-, 3- and 4-byte sequences), tabs and inner spaces. */
export const AWKWARD = ['naïve', '東京', '😀emoji', 'Zürich', 'a\tb', 'ЖЖЖ', 'ß', 'x'];

/**
 * A seeded `n x d` float32 table; entries are N(0,1)·scale with a few special values (−0, subnormal,
 * float32 max/min normal) planted so bit-exact round trips are really tested.
 */
export function randomTable(seed: number, n: number, d: number, opts: { words?: string[]; dtype?: 'float32' | 'float64' } = {}): EmbeddingTable {
  const rng = createRng(seed);
  const data = opts.dtype === 'float64' ? new Float64Array(n * d) : new Float32Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal() * 10 ** (rng.int(7) - 3);
  const special = [-0, 1e-45, -1.4e-45, 3.4028234663852886e38, 1.1754943508222875e-38, 0.1, 1 / 3];
  for (let i = 0; i < special.length && i < data.length; i++) data[i * 7 % data.length] = special[i];
  const words = opts.words ?? [];
  const all = [...words];
  for (let i = all.length; i < n; i++) all.push(`w${i}`);
  return new EmbeddingTable(all.slice(0, n), { data, rows: n, cols: d });
}

/** True when two typed arrays have identical bits. */
export function bitsEqual(a: Float32Array | Float64Array, b: Float32Array | Float64Array): boolean {
  if (a.constructor !== b.constructor || a.length !== b.length) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return Buffer.compare(x, y) === 0;
}

/** A fresh temp directory; call the returned cleanup in afterAll. */
export async function tempDir(): Promise<{ dir: string; path: (name: string) => string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'embfact-emb-'));
  return { dir, path: (name) => join(dir, name), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
