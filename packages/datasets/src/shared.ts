/**
 * Loaders for the public evaluation sets kept in `shared/data` (see its README.md):
 * Inspec keyphrases, word-similarity TSVs, the Google analogy questions.
 */
import { readFile } from 'node:fs/promises';
import { FormatError, describe } from './errors.js';
import { sharedDataFile, type SharedDataOptions } from './paths.js';
import type { Document } from './types.js';

/** An Inspec abstract. */
export interface InspecDocument extends Document {
  /** Hulth's document number, as a string. */
  id: string;
  /** Title, newline, abstract. */
  text: string;
  /** The *uncontrolled* gold keyphrases (the set papers evaluate on), as written. */
  keyphrases: string[];
  /** The controlled (thesaurus) keyphrases. */
  keyphrasesControlled: string[];
  split: 'train' | 'dev' | 'test';
}

/** Options of {@link loadInspec}. */
export interface LoadInspecOptions extends SharedDataOptions {
  /** Only this split. Default: all 2000 documents (train 1000, dev 500, test 500). */
  split?: 'train' | 'dev' | 'test';
}

const SPLITS = ['train', 'dev', 'test'] as const;

function stringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Load Inspec (Hulth 2003) from `keyphrase/inspec.jsonl`: 2000 abstracts, split
 * train 1000 / dev 500 / test 500, in file order.
 *
 * @throws {RangeError} for an unknown `split`.
 * @throws {DataNotFoundError} naming the paths tried when the data folder or file is missing.
 * @throws {FormatError} (file and line) for a malformed line.
 * @example const test = await loadInspec({ split: 'test' }); // 500 documents
 */
export async function loadInspec(opts: LoadInspecOptions = {}): Promise<InspecDocument[]> {
  if (opts.split !== undefined && !(SPLITS as readonly string[]).includes(opts.split)) {
    throw new RangeError(`The 'split' option of loadInspec must be one of [train, dev, test]; got ${describe(opts.split)}.`);
  }
  const file = sharedDataFile('keyphrase/inspec.jsonl', opts);
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const docs: InspecDocument[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(lines[i]) as Record<string, unknown>;
    } catch (e) {
      throw new FormatError(`expected one JSON object per line; ${(e as Error).message}`, { file, line: i + 1 });
    }
    const { id, text, keyphrases, keyphrases_controlled: ctl, split } = o;
    if (typeof id !== 'string' && typeof id !== 'number') throw new FormatError(`expected 'id' to be a string; got ${describe(id)}`, { file, line: i + 1 });
    if (typeof text !== 'string') throw new FormatError(`expected 'text' to be a string; got ${describe(text)}`, { file, line: i + 1 });
    if (!stringArray(keyphrases)) throw new FormatError(`expected 'keyphrases' to be an array of strings; got ${describe(keyphrases)}`, { file, line: i + 1 });
    if (ctl !== undefined && !stringArray(ctl)) throw new FormatError(`expected 'keyphrases_controlled' to be an array of strings; got ${describe(ctl)}`, { file, line: i + 1 });
    if (typeof split !== 'string' || !(SPLITS as readonly string[]).includes(split)) {
      throw new FormatError(`expected 'split' in [train, dev, test]; got ${describe(split)}`, { file, line: i + 1 });
    }
    if (opts.split !== undefined && split !== opts.split) continue;
    docs.push({ id: String(id), text, keyphrases, keyphrasesControlled: ctl ?? [], split: split as InspecDocument['split'] });
  }
  return docs;
}

/** Names of the word-similarity sets in `shared/data/wordsim/`. */
export const WORD_SIMILARITY_SETS = ['wordsim353_all', 'wordsim353_rel', 'wordsim353_sim', 'rg65', 'mturk771'] as const;
/** A word-similarity set name. */
export type WordSimilaritySet = (typeof WORD_SIMILARITY_SETS)[number];

/** One human-rated word pair. Words are kept as written (WordSim-353 has `Jerusalem`). */
export interface WordPair {
  word1: string;
  word2: string;
  /** Human score; scales differ per set (WordSim 0-10, RG-65 0-4, MTurk 1-5). */
  score: number;
}

/**
 * Load a word-similarity set (`word1<TAB>word2<TAB>score`, one header line): 353 pairs
 * for wordsim353_all, 252 rel, 203 sim, 65 rg65, 771 mturk771.
 *
 * @throws {RangeError} for an unknown name.
 * @throws {DataNotFoundError} when the data folder or file is missing.
 * @throws {FormatError} (file, line) for a line without 3 columns or a non-numeric score.
 * @example const pairs = await loadWordSimilarity('rg65'); // 65 pairs
 */
export async function loadWordSimilarity(name: WordSimilaritySet, opts: SharedDataOptions = {}): Promise<WordPair[]> {
  if (!(WORD_SIMILARITY_SETS as readonly string[]).includes(name)) {
    throw new RangeError(`The 'name' argument of loadWordSimilarity must be one of [${WORD_SIMILARITY_SETS.join(', ')}]; got ${describe(name)}.`);
  }
  const file = sharedDataFile(`wordsim/${name}.tsv`, opts);
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const out: WordPair[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    if (i === 0 && cols[0] === 'word1') continue; // header
    if (cols.length !== 3) throw new FormatError(`expected 3 tab-separated columns (word1, word2, score); got ${cols.length}`, { file, line: i + 1 });
    const score = Number(cols[2]);
    if (cols[2].trim() === '' || !Number.isFinite(score)) {
      throw new FormatError(`expected a numeric score; got ${describe(cols[2])}`, { file, line: i + 1, column: cols[0].length + cols[1].length + 3 });
    }
    out.push({ word1: cols[0], word2: cols[1], score });
  }
  return out;
}

/** One analogy question `a : b :: c : d`. */
export interface AnalogyQuestion {
  /** Section name without the leading `: `, e.g. `'capital-common-countries'`. */
  section: string;
  a: string;
  b: string;
  c: string;
  d: string;
}

/**
 * Load the Google analogy set (Mikolov et al. 2013, `analogy/questions-words.txt`):
 * 19,544 questions in 14 sections (5 semantic, 9 `gram*` syntactic), words as written.
 *
 * @throws {DataNotFoundError} when the data folder or file is missing.
 * @throws {FormatError} (file, line) for a question without 4 words or before any section.
 * @example const qs = await loadAnalogy(); qs[0] // { section: 'capital-common-countries', a: 'Athens', b: 'Greece', c: 'Baghdad', d: 'Iraq' }
 */
export async function loadAnalogy(opts: SharedDataOptions = {}): Promise<AnalogyQuestion[]> {
  const file = sharedDataFile('analogy/questions-words.txt', opts);
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/);
  const out: AnalogyQuestion[] = [];
  let section: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    if (line.startsWith(':')) {
      section = line.slice(1).trim();
      continue;
    }
    const w = line.split(/\s+/);
    if (w.length !== 4) throw new FormatError(`expected 4 words 'a b c d'; got ${w.length}`, { file, line: i + 1 });
    if (section === undefined) throw new FormatError(`expected a ': section' line before the first question`, { file, line: i + 1 });
    out.push({ section, a: w[0], b: w[1], c: w[2], d: w[3] });
  }
  return out;
}
