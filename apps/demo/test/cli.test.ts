import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEmbeddings } from '@embfact/embeddings';
import { run, smallEmbeddingFile } from './helpers.js';

describe('embfact CLI: usage', () => {
  it('prints help listing every command, exit 0', async () => {
    const r = await run(['help']);
    expect(r.code).toBe(0);
    for (const c of ['analyze', 'factorize', 'neighbors']) expect(r.stdout).toContain(c);
  });
  it('no command prints help and exits 2', async () => {
    expect((await run([])).code).toBe(2);
  });
  it('unknown command and unknown option are usage errors (exit 2) that name them', async () => {
    const a = await run(['frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/unknown command 'frobnicate'/);
    const b = await run(['analyze', '--bogus']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--bogus/);
  });
  it('invalid option values name the option, the range and the value', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['factorize', file, '--method', 'whiten', '--k', '250', '--out', 'x.npy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--k must be an integer in \[1, 12\]; got "250"/);
    const m = await run(['factorize', file, '--method', 'magic', '--out', 'x.npy']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/--method must be one of/);
  });
  it('a missing file is a bad-input error (exit 1) naming the path', async () => {
    const r = await run(['analyze', '/nonexistent/emb.txt']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('/nonexistent/emb.txt');
  });
  it('a missing shared/data folder is a bad-input error (exit 1) naming the folder, not an internal error', async () => {
    const old = process.env.EMBFACT_DATA_DIR;
    process.env.EMBFACT_DATA_DIR = '/nonexistent/shared/data';
    try {
      const r = await run(['eval-keywords', '--dataset', 'inspec', '--quiet']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('/nonexistent/shared/data');
      expect(r.stderr).not.toMatch(/internal error/);
    } finally {
      if (old === undefined) delete process.env.EMBFACT_DATA_DIR; else process.env.EMBFACT_DATA_DIR = old;
    }
  });
  it('a negative number after an option is its value (range error, not "ambiguous")', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['neighbors', 'w1', '--file', file, '--eps', '-1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--eps must be a number in \[0, 1\]; got "-1"/);
  });
  it('neighbors of a word whose vector is all zeros says so instead of aborting the other words', async () => {
    const { dir } = smallEmbeddingFile();
    const f = join(dir, 'zero.txt');
    writeFileSync(f, ['z 0 0 0', 'a 1 0 0', 'b 0.9 0.1 0', 'c 0 1 0', 'd 0 0 1', 'e 0.5 0.5 0.1'].join('\n') + '\n');
    const raw = await run(['neighbors', 'z', 'a', '--file', f, '--method', 'raw', '--top', '2', '--json', '--quiet']);
    expect(raw.code, raw.stderr).toBe(0);
    const [z, a] = JSON.parse(raw.stdout).words;
    expect(z).toMatchObject({ word: 'z', found: true, before: [], after: [] });
    expect(z.note).toMatch(/all zeros \(raw\): no direction/);
    expect(a.before.map((x: { word: string }) => x.word)).toEqual(['b', 'e']);
    const white = await run(['neighbors', 'z', '--file', f, '--method', 'whiten', '--top', '2', '--quiet']);
    expect(white.code, white.stderr).toBe(0);
    expect(white.stdout).toMatch(/^z \(its vector is all zeros \(raw\)/);
  });
  it('an unknown --format is a usage error (exit 2) naming --format', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['analyze', file, '--format', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of auto, text, .*; got "nope"/);
  });
  it('neighbors with only unknown words is bad input (exit 1), checked before any fitting', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['neighbors', 'xyzzyqqq', '--file', file, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/none of the words is in the vocabulary: xyzzyqqq/);
  });
  it('factorize --out into a missing folder fails before the work, naming the folder', async () => {
    const { dir, file } = smallEmbeddingFile();
    const r = await run(['factorize', file, '--method', 'whiten', '--out', join(dir, 'nope', 'x.npy'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the folder of --out does not exist (or is not a folder): '${join(dir, 'nope')}'`);
    expect(readdirSync(dir)).toEqual(['small.txt']);
  });
  it('factorize --method abtt --d equal to the dimension is refused (it would write zeros)', async () => {
    const { dir, file } = smallEmbeddingFile(300, 12);
    const r = await run(['factorize', file, '--method', 'abtt', '--d', '12', '--out', join(dir, 'a.npy'), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--d must be an integer in \[1, 11\]; got "12"/);
  });
  it('a malformed file is a bad-input error with its location', async () => {
    const { dir } = smallEmbeddingFile();
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'a 1 2 3\nb 1 2\n');
    const r = await run(['analyze', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.txt:2/);
  });
});

describe('embfact CLI: commands on a small file', () => {
  it('analyze --json prints one JSON document with the diagnostics', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['analyze', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.rows).toBe(300);
    expect(j.cols).toBe(12);
    expect(j.diagnostics.singularValues).toHaveLength(12);
    expect(j.diagnostics.conditionNumber).toBeGreaterThan(1);
  });
  it('the reader\'s advice is given in command-line spelling: --on-duplicate and --dtype, which exist', async () => {
    const { dir } = smallEmbeddingFile();
    const dup = join(dir, 'dup.txt');
    writeFileSync(dup, 'a 1 2\nb 3 4\na 5 6\nc 7 9\n');
    const r = await run(['analyze', dup]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/duplicate word "a" .*Pass --on-duplicate first or last to keep one of them\./);
    const kept = await run(['analyze', dup, '--on-duplicate', 'last', '--json']);
    expect(kept.code, kept.stderr).toBe(0);
    expect(JSON.parse(kept.stdout).rows).toBe(3);
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, 'a 1 2\nb 1e39 4\nc 7 9\n');
    const h = await run(['analyze', huge]);
    expect(h.code).toBe(1);
    expect(h.stderr).toMatch(/overflows float32 .*or pass --dtype float64\./);
    expect((await run(['analyze', huge, '--dtype', 'float64', '--json'])).code).toBe(0);
    expect((await run(['analyze', '--dtype', 'float64'])).code).toBe(2); // no file: the embedded default
    expect((await run(['analyze', dup, '--on-duplicate', 'both'])).code).toBe(2);
  });
  it('factorize writes the whitened table atomically (no temp files left) with the right shape', async () => {
    const { dir, file } = smallEmbeddingFile();
    const out = join(dir, 'white.npy');
    const r = await run(['factorize', file, '--method', 'whiten', '--k', '5', '--out', out, '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).output).toMatchObject({ rows: 300, cols: 5, format: 'npy' });
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const t = await readEmbeddings(out, { format: 'npy' });
    expect(t.dim).toBe(5);
    expect(t.size).toBe(300);
  });
  it('factorize requires --out and a known output extension', async () => {
    const { file } = smallEmbeddingFile();
    expect((await run(['factorize', file])).stderr).toMatch(/--out FILE is required/);
    expect((await run(['factorize', file, '--out', 'x.weird'])).code).toBe(2);
  });
  it('neighbors lists raw and transformed neighbours; an unknown word is reported', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['neighbors', 'w1', 'nope', '--file', file, '--method', 'abtt', '--d', '1', '--top', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.words[0].before).toHaveLength(3);
    expect(j.words[0].after).toHaveLength(3);
    expect(j.words[0].before[0].word).not.toBe('w1');
    expect(j.words[1]).toMatchObject({ word: 'nope', found: false });
  });
});
