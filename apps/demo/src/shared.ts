/** Pieces several commands share: loading a table, building a transform from --method. */
import { createTransform, FormatError, TRANSFORM_NAMES, type Matrix } from '@embfact/core';
import { FORMATS, loadDefaultEmbeddings, readEmbeddings, type EmbeddingTable } from '@embfact/embeddings';
import { deduplicate, loadBrown, loadJsonl, loadSpamAssassin } from '@embfact/datasets';
import { UsageError } from './errors.js';
import type { Context } from './command.js';
import { choiceOption, intOption, numberOption } from './command.js';

/** Values of --format (those readEmbeddings accepts). */
const INPUT_FORMATS = ['auto', ...FORMATS] as const;

/** Transform names accepted by `--method` / `--transform`. */
export const METHODS = TRANSFORM_NAMES;
export type Method = (typeof METHODS)[number];

/** Options shared by the commands that load a table. */
export const TABLE_OPTIONS = {
  format: { type: 'string', valueName: 'FORMAT', description: `input format: ${INPUT_FORMATS.join(', ')}`, default: 'auto' },
  vocab: { type: 'string', valueName: 'FILE', description: 'vocabulary file for .npy / safetensors input (vocab.txt or tokenizer.json)' },
  tensor: { type: 'string', valueName: 'NAME', description: 'tensor name inside a safetensors file' },
  'on-duplicate': { type: 'string', valueName: 'P', description: 'a word that occurs twice in the file: error (default), first or last (keep that row)' },
  dtype: { type: 'string', valueName: 'T', description: 'float32 (default) or float64: the precision the vectors are held in' },
} as const;

/** Options that parameterize a transform. */
export const TRANSFORM_OPTIONS = {
  k: { type: 'string', valueName: 'N', description: 'kept dimensions (whiten: output dim; lowrank: rank)' },
  d: { type: 'string', valueName: 'N', description: 'abtt: number of top directions removed (default: max(1, round(dim/50)), 2 for 100 dims)' },
  eps: { type: 'string', valueName: 'X', description: 'whitening regularizer added to the variances (default 0: exact identity covariance)' },
} as const;

/**
 * Transform options for the clustering commands, where `--k` is the number of clusters (the
 * spelling the k-means literature and scikit-learn use): the transform's kept dimensions are `--rank`.
 */
export const CLUSTER_TRANSFORM_OPTIONS = {
  rank: { type: 'string', valueName: 'N', description: 'kept dimensions of the transform (whiten: output dim; lowrank: rank)' },
  d: TRANSFORM_OPTIONS.d,
  eps: TRANSFORM_OPTIONS.eps,
} as const;

/**
 * Load the table named by `file`, or the embedded default when `file` is undefined.
 * Shows a progress bar while reading.
 */
export async function loadTable(ctx: Context, file: string | undefined): Promise<EmbeddingTable> {
  const format = choiceOption(ctx, 'format', INPUT_FORMATS) ?? 'auto';
  const onDuplicate = choiceOption(ctx, 'on-duplicate', ['error', 'first', 'last'] as const);
  const dtype = choiceOption(ctx, 'dtype', ['float32', 'float64'] as const);
  if (file === undefined) {
    for (const o of ['vocab', 'tensor', 'on-duplicate', 'dtype'] as const) if (ctx.options[o] !== undefined) throw new UsageError(`--${o} applies to an embeddings file; none was given (the embedded default is used).`);
    if (format !== 'auto') throw new UsageError(`--format applies to an embeddings file; none was given (the embedded default is used).`);
  }
  const onProgress = ctx.progress.step(file ? `reading ${file}` : 'loading default embeddings');
  if (file === undefined) return loadDefaultEmbeddings({ onProgress, cacheDir: ctx.io.env.EMBFACT_CACHE_DIR });
  try {
    return await readEmbeddings(ctx.path(file), {
      format,
      vocab: ctx.options.vocab ? ctx.path(String(ctx.options.vocab)) : undefined,
      tensor: ctx.options.tensor as string | undefined,
      ...(onDuplicate !== undefined ? { onDuplicate } : {}),
      ...(dtype !== undefined ? { dtype } : {}),
      onProgress,
    });
  } catch (e) {
    // the reader's advice names its options; say the command-line spelling
    if (e instanceof FormatError) {
      e.message = e.message
        .replace("Pass onDuplicate: 'first' or 'last' to keep one of them.", 'Pass --on-duplicate first or last to keep one of them.')
        .replace("or read with dtype 'float64'", 'or pass --dtype float64');
    }
    throw e;
  }
}

/** A fitted-or-not transform with the methods the CLI uses. */
export interface AnyTransform {
  fit(X: Matrix): unknown;
  transform(X: Matrix): Matrix;
  toJSON(): object;
}

/**
 * Read transform parameters from the options and validate them against the table dimension.
 * `rankOption` names the option holding the kept dimensions (`k`, or `rank` where `--k` is a cluster count).
 */
export function transformParams(ctx: Context, dim: number, rankOption: 'k' | 'rank' = 'k'): { k: number | undefined; d: number | undefined; eps: number | undefined } {
  return {
    k: intOption(ctx, rankOption, 1, dim),
    // all-but-the-top removing every direction would leave only zeros
    d: intOption(ctx, 'd', 1, Math.max(1, dim - 1)),
    eps: numberOption(ctx, 'eps', 0, 1),
  };
}

/** Build the transform for a method name (`raw` gives `null`); `lowrank` needs --k. */
export function makeTransform(method: Method, p: { k?: number; d?: number; eps?: number }, dim: number): AnyTransform | null {
  if (method === 'lowrank' && p.k === undefined) throw new UsageError(`--method lowrank needs --k (the rank, 1..${dim}).`);
  return createTransform(method, dim, { k: method === 'whiten' || method === 'lowrank' ? p.k : undefined, d: p.d, eps: p.eps });
}

/** Parse `--method` (one) with a default. */
export function methodOption(ctx: Context, name = 'method', fallback: Method = 'whiten'): Method {
  return choiceOption(ctx, name, METHODS) ?? fallback;
}

/** Parse a comma-separated list of methods, e.g. `raw,whiten,abtt`. */
export function methodList(ctx: Context, name: string, fallback: readonly Method[]): Method[] {
  const raw = ctx.options[name];
  if (raw === undefined) return [...fallback];
  const parts = String(raw).split(',').map((s) => s.trim()).filter(Boolean);
  for (const p of parts) {
    if (!(METHODS as readonly string[]).includes(p)) throw new UsageError(`--${name} must list methods from ${METHODS.join(', ')}; got ${JSON.stringify(p)}.`);
  }
  if (parts.length === 0) throw new UsageError(`--${name} must list at least one method.`);
  return parts as Method[];
}

/** Datasets the task commands accept by name; anything else is a JSONL path. */
export const DATASET_HELP = "brown, spam (SpamAssassin, deduplicated) or a JSONL file of {\"text\", \"label\"} records";

/**
 * Load labelled documents: `brown`, `spam` (SpamAssassin bodies, duplicates removed before any
 * split) or a JSONL file. `note` receives what was dropped.
 */
export async function loadLabelledDocuments(ctx: Context, name: string, note: (m: string) => void): Promise<{ text: string; label: string }[]> {
  if (name === 'brown') return (await loadBrown()).map((d) => ({ text: d.text, label: d.label }));
  if (name === 'spam') {
    const all = await loadSpamAssassin();
    const { documents } = deduplicate(all);
    note(`SpamAssassin: ${all.length} messages, ${all.length - documents.length} duplicate bodies removed.`);
    return documents.map((d) => ({ text: d.text, label: d.label }));
  }
  if (!/\.jsonl?$/i.test(name)) throw new UsageError(`--dataset must be ${DATASET_HELP}; got ${JSON.stringify(name)}.`);
  return (await loadJsonl(ctx.path(name), { requireLabel: true })).map((d) => ({ text: d.text, label: d.label as string }));
}

/** Scope options shared by the task commands. */
export const SCOPES = ['vocabulary', 'documents'] as const;

/**
 * The table a task should pool from: for the vocabulary scope the transform is fitted once on the
 * whole table here and the transformed table is returned (the library then gets `'raw'`); for the
 * documents scope the table is returned as is and the library fits the named transform on the
 * training documents' pooled vectors.
 */
export function tableForTask(
  ctx: Context, table: EmbeddingTable, method: Method, scope: (typeof SCOPES)[number], rankOption: 'k' | 'rank' = 'k',
): { table: EmbeddingTable; libraryTransform: Method } {
  if (method === 'raw' || scope === 'documents') return { table, libraryTransform: method };
  const t = makeTransform(method, transformParams(ctx, table.dim, rankOption), table.dim)!;
  ctx.progress.step(`fitting ${method} on the vocabulary`);
  t.fit(table.matrix);
  return { table: table.withMatrix(t.transform(table.matrix)), libraryTransform: 'raw' };
}
