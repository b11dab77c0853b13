/**
 * Reading and writing the report files. Writes are atomic: a temporary file in the same
 * directory, then a rename, so a reader never sees a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError } from '@embfact/core';
import { renderReport, type RenderOptions } from './render.js';
import { validateResults, type DemoResults } from './schema.js';

/** Name of the HTML page written by {@link writeReport}. */
export const REPORT_FILE = 'index.html';
/** Name of the JSON file written by {@link writeResultsJson}. */
export const RESULTS_FILE = 'results.json';

/**
 * Writes `text` to `path` atomically (temporary file in the same directory + rename).
 * The temporary file is removed when the write fails.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Renders `results` with {@link renderReport} and writes `<outDir>/<fileName>` (default
 * `index.html`) atomically, creating `outDir` if needed.
 *
 * @returns the path of the written page.
 * @throws ResultsSchemaError when `results` does not follow the schema (nothing is written).
 * @example
 * ```ts
 * const page = await writeReport(results, 'report'); // 'report/index.html'
 * ```
 */
export async function writeReport(results: DemoResults, outDir: string, opts: RenderOptions = {}, fileName: string = REPORT_FILE): Promise<string> {
  const html = renderReport(results, opts);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, fileName);
  await writeFileAtomic(path, html);
  return path;
}

/**
 * Validates `results` and writes `<outDir>/results.json` (2-space indented) atomically,
 * creating `outDir` if needed.
 *
 * @returns the path of the written file.
 * @throws ResultsSchemaError when `results` does not follow the schema (nothing is written).
 * @example
 * ```ts
 * await writeResultsJson(results, 'report'); // 'report/results.json'
 * ```
 */
export async function writeResultsJson(results: DemoResults, outDir: string): Promise<string> {
  validateResults(results);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, RESULTS_FILE);
  await writeFileAtomic(path, `${JSON.stringify(results, null, 2)}\n`);
  return path;
}

/**
 * Reads and validates a `results.json` (for `embfact report --from results.json`).
 *
 * @throws FormatError (file, line, column) when the file is not valid JSON.
 * @throws ResultsSchemaError (a FormatError naming the file and JSON path) when it does not follow the schema.
 * @example
 * ```ts
 * await writeReport(await readResults('report/results.json'), 'report');
 * ```
 */
export async function readResults(path: string): Promise<DemoResults> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    if (at) {
      const offset = Number(at[1]);
      const before = text.slice(0, offset).split('\n');
      throw new FormatError(`invalid JSON: ${msg}`, { file: path, line: before.length, column: before[before.length - 1].length + 1 });
    }
    throw new FormatError(`invalid JSON: ${msg}`, { file: path });
  }
  return validateResults(parsed, { file: path });
}
