/**
 * Removing duplicate documents before splitting, so that the same text never lands in
 * both train and test (SpamAssassin holds a few hundred repeated bodies).
 */
import { describe } from './errors.js';
import type { Document } from './types.js';

/**
 * The normalization used to compare documents: Unicode NFKC, lowercase, every run of
 * whitespace to one space, trimmed.
 *
 * @example normalizeForDedup('  Hello\n\tWORLD ') // 'hello world'
 */
export function normalizeForDedup(text: string): string {
  // NFKC leaves pure ASCII unchanged; skipping it there halves the cost on SpamAssassin.
  const t = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC');
  return t.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A document that was removed because an earlier one had the same key. */
export interface DuplicateInfo {
  /** Index of the removed document in the input. */
  index: number;
  id: string;
  /** Index of the kept (first) document with the same key. */
  duplicateOfIndex: number;
  duplicateOf: string;
  /** True when the two documents carry different labels. */
  labelConflict: boolean;
}

/** Options of {@link deduplicate}. */
export interface DeduplicateOptions<D> {
  /** The text compared, before {@link normalizeForDedup}. Default: `doc.text`. For SpamAssassin, `(d) => d.body` compares bodies only. */
  by?: (doc: D) => string;
}

/** Result of {@link deduplicate}. */
export interface DeduplicateResult<D> {
  /** The first document of each group of equal keys, in input order. */
  documents: D[];
  /** Indices (into the input) of the kept documents, ascending. */
  keptIndices: number[];
  /** Every removed document and what it duplicated. */
  duplicates: DuplicateInfo[];
}

/**
 * Keep the first document of each group whose normalized text ({@link normalizeForDedup}
 * of `by(doc)`) is equal. Documents whose normalized key is empty are never treated as
 * duplicates (an empty body says nothing about two messages being the same). Label
 * conflicts (same text, different labels) are reported, not resolved: the first wins.
 *
 * @throws {TypeError} when `docs` is not an array or `by` returns a non-string.
 * @example
 * const { documents, duplicates } = deduplicate(await loadSpamAssassin(), { by: (d) => d.body });
 */
export function deduplicate<D extends Document>(docs: readonly D[], opts: DeduplicateOptions<D> = {}): DeduplicateResult<D> {
  if (!Array.isArray(docs)) throw new TypeError(`The 'docs' argument of deduplicate must be an array of documents; got ${describe(docs)}.`);
  const by = opts.by ?? ((d: D) => d.text);
  const first = new Map<string, number>();
  const documents: D[] = [];
  const keptIndices: number[] = [];
  const duplicates: DuplicateInfo[] = [];
  for (let i = 0; i < docs.length; i++) {
    const raw = by(docs[i]);
    if (typeof raw !== 'string') throw new TypeError(`The 'by' option of deduplicate must return a string; got ${describe(raw)} for document ${i}.`);
    const key = normalizeForDedup(raw);
    const j = key === '' ? undefined : first.get(key);
    if (j === undefined) {
      if (key !== '') first.set(key, i);
      documents.push(docs[i]);
      keptIndices.push(i);
    } else {
      duplicates.push({ index: i, id: docs[i].id, duplicateOfIndex: j, duplicateOf: docs[j].id, labelConflict: docs[i].label !== docs[j].label });
    }
  }
  return { documents, keptIndices, duplicates };
}
