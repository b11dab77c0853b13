/**
 * User corpora as JSON Lines: one JSON object per line with a `text` string and optional
 * `label` (string or number, returned as a string), `id`, `keyphrases` (string[]) and `split`.
 * Blank lines are skipped, and so is a UTF-8 byte-order mark at the start of the file (as Windows
 * editors save it).
 */
import { readFile } from 'node:fs/promises';
import { FormatError, describe } from './errors.js';
import type { Document } from './types.js';

/** Options of {@link loadJsonl}. */
export interface LoadJsonlOptions {
  /** Require a `label` on every record (classification, clustering evaluation). Default false. */
  requireLabel?: boolean;
}

/**
 * Read a JSONL corpus.
 * @param path - file path
 * @returns one {@link Document} per non-blank line; `id` defaults to the 1-based line number
 * @throws FormatError naming the file, line and column for bad JSON, a missing/non-string `text`,
 *   a bad `label` or `keyphrases`, a label given both as a number and as the same string (1 and "1"),
 *   or an empty file
 * @example
 * const docs = await loadJsonl('reviews.jsonl', { requireLabel: true });
 */
export async function loadJsonl(path: string, opts: LoadJsonlOptions = {}): Promise<Document[]> {
  if (typeof path !== 'string' || path === '') throw new TypeError(`The 'path' argument of loadJsonl must be a non-empty string; got ${describe(path)}.`);
  const raw = await readFile(path, 'utf8');
  const content = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const docs: Document[] = [];
  const labelSeen = new Map<string, { type: string; line: number }>();
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = { file: path, line: i + 1 };
    if (line.charCodeAt(0) === 0xfeff) {
      // JSON.parse would quote the invisible character; a second one comes from joined files
      throw new FormatError('expected one JSON object per line; the line starts with a byte-order mark (U+FEFF), as where two files saved with one were joined: remove it.', { ...where, column: 1 });
    }
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch (err) {
      const m = /position (\d+)/.exec((err as Error).message);
      throw new FormatError(`expected one JSON object per line; ${(err as Error).message}`, m ? { ...where, column: Number(m[1]) + 1 } : where);
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) throw new FormatError(`expected a JSON object; found ${describe(rec)}.`, where);
    const r = rec as Record<string, unknown>;
    if (typeof r.text !== 'string') throw new FormatError(`expected a string "text" field; ${found(r, 'text')}.`, where);
    if (r.label !== undefined && typeof r.label !== 'string' && !(typeof r.label === 'number' && Number.isFinite(r.label))) {
      throw new FormatError(`expected "label" to be a string or a finite number; found ${describe(r.label)}.`, where);
    }
    if (r.label !== undefined) {
      // Labels are stringified; 1 and "1" would silently become one class.
      const key = String(r.label);
      const seen = labelSeen.get(key);
      if (seen === undefined) labelSeen.set(key, { type: typeof r.label, line: i + 1 });
      else if (seen.type !== typeof r.label) {
        throw new FormatError(`expected "label" ${describe(r.label)} to have the type it has on line ${seen.line} (${seen.type}); labels are compared as strings, so ${JSON.stringify(key)} and ${key} would be one class.`, where);
      }
    }
    if (opts.requireLabel && r.label === undefined) throw new FormatError('expected a "label" field (this command needs labelled documents); the field is missing.', where);
    if (r.keyphrases !== undefined && !(Array.isArray(r.keyphrases) && r.keyphrases.every((k) => typeof k === 'string'))) {
      throw new FormatError(`expected "keyphrases" to be an array of strings; found ${describe(r.keyphrases)}.`, where);
    }
    docs.push({ ...r, id: r.id === undefined ? String(i + 1) : String(r.id), text: r.text, ...(r.label !== undefined ? { label: String(r.label) } : {}) } as Document);
  });
  if (docs.length === 0) throw new FormatError('expected at least one JSON line with a "text"; the file is empty.', { file: path });
  return docs;
}

/** `found 7`, or `the field is missing` when the record has no such key. */
function found(r: Record<string, unknown>, key: string): string {
  return Object.hasOwn(r, key) ? `found ${describe(r[key])}` : 'the field is missing';
}
