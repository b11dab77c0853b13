import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@embfact/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

/** Run `embfact ...argv` in-process; returns exit code and captured output. */
export async function run(argv: string[], cwd = process.cwd(), env: Record<string, string | undefined> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, isTTY: false, env: { ...process.env, ...env }, cwd, readStdin: async () => stdin };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temp dir with a small GloVe-style text file of seeded random vectors with structure. */
export function smallEmbeddingFile(n = 300, d = 12, seed = 7): { dir: string; file: string; words: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'embfact-cli-'));
  const rng = createRng(seed);
  const words = Array.from({ length: n }, (_, i) => `w${i}`);
  // Anisotropic: a common offset plus decaying variance per dimension.
  const lines = words.map((w) => w + ' ' + Array.from({ length: d }, (_, j) => (0.5 + rng.normal() * Math.pow(0.7, j)).toFixed(6)).join(' '));
  const file = join(dir, 'small.txt');
  writeFileSync(file, lines.join('\n') + '\n');
  return { dir, file, words };
}
