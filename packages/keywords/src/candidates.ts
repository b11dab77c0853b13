/**
 * Candidate keyphrases: word n-grams that cross no sentence boundary, no punctuation
 * and no stop word, optionally restricted by part of speech, merged by stem.
 */
import { checkInt, checkOneOf } from '@embfact/core';
import type { AnalyzedDocument, Token } from './analyze.js';

/** Where one occurrence of a candidate sits in the analyzed text. */
export interface Occurrence {
  /** Character offset of the first character. */
  readonly start: number;
  /** Offset one past the last character. */
  readonly end: number;
  /** Index of the first token. */
  readonly token: number;
  /** Sentence index. */
  readonly sentence: number;
}

/** A candidate phrase after merging by stem. */
export interface Candidate {
  /** Merge key: the Porter stems of the words, lowercased, joined by one space (`'regul complianc'`). */
  readonly key: string;
  /** Most frequent surface form as written in the text (ties: the earliest). */
  phrase: string;
  /** Lowercased words of `phrase`. */
  words: string[];
  /** Stems of the words. */
  readonly stems: string[];
  /** Number of occurrences. */
  count: number;
  /** Every occurrence, in text order. */
  readonly occurrences: Occurrence[];
}

/** How candidates are selected. */
export type Selection = 'ngrams' | 'noun-phrases';

/** Options of {@link selectCandidates}. */
export interface CandidateOptions {
  /**
   * `'noun-phrases'` (default): maximal matches of the noun-phrase `grammar` on Brill POS
   * tags (the document must be analyzed with `pos: true`), at most `maxWords` long (a longer
   * phrase keeps its last `maxWords` words). `'ngrams'`: every n-gram of `minWords..maxWords` words inside a run of
   * content words. `'noun-phrases'`: maximal matches of the pattern `(JJ.*)*(NN.*)+`
   * on Brill POS tags (needs a document analyzed with `pos: true`), at most `maxWords` long.
   */
  selection?: Selection;
  /** Keep only n-grams whose words match `(JJ.*)*(NN.*)+` (needs POS tags; default false). Ignored for noun phrases. */
  posFilter?: boolean;
  /** Minimum words per phrase (default 1). */
  minWords?: number;
  /** Maximum words per phrase (default 3 for n-grams, 5 for noun phrases). */
  maxWords?: number;
  /** Minimum characters per word (default 2). */
  minWordLength?: number;
  /** Maximum characters per word (default 40: longer runs are IDs, hashes or binary junk). */
  maxWordLength?: number;
  /**
   * Noun-phrase grammar: `'loose'` (default) `(ADJ | NOUN)* NOUN` where ADJ = JJ.*, VBN, VBG and a
   * VBG after a noun counts as a noun (`model checking`); `'strict'` is pke's `(JJ.*)*(NN.*)+`.
   */
  grammar?: 'strict' | 'loose';
  /** Also keep every head-final suffix of each noun phrase (`ship control` inside `safe ship control`; default false). */
  subphrases?: boolean;
  /** Treat {@link GENERIC_MODIFIERS} as candidate boundaries (default true). */
  genericModifiers?: boolean;
  /** Stop keeping new candidates after this many distinct ones (default 20,000; occurrences of kept ones still count). */
  maxCandidates?: number;
}

const SELECTIONS: readonly Selection[] = ['ngrams', 'noun-phrases'];

/** Resolved candidate options (every field set). */
export type ResolvedCandidateOptions = Required<CandidateOptions>;

/**
 * Validate candidate options and fill defaults.
 * @throws RangeError naming the bad option
 */
export function resolveCandidateOptions(opts: CandidateOptions = {}): ResolvedCandidateOptions {
  const where = (o: string): string => `The '${o}' candidate option`;
  const selection = checkOneOf(opts.selection ?? 'noun-phrases', where('selection'), SELECTIONS);
  const minWords = checkInt(opts.minWords ?? 1, where('minWords'), 1, 10);
  const maxWords = checkInt(opts.maxWords ?? (selection === 'ngrams' ? 3 : 5), where('maxWords'), minWords, 10);
  return {
    selection,
    posFilter: opts.posFilter ?? false,
    minWords,
    maxWords,
    minWordLength: checkInt(opts.minWordLength ?? 2, where('minWordLength'), 1, 100),
    maxWordLength: checkInt(opts.maxWordLength ?? 40, where('maxWordLength'), 1, 10_000),
    grammar: checkOneOf(opts.grammar ?? 'loose', where('grammar'), ['strict', 'loose'] as const),
    subphrases: opts.subphrases ?? false,
    genericModifiers: opts.genericModifiers ?? true,
    maxCandidates: checkInt(opts.maxCandidates ?? 20_000, where('maxCandidates'), 1, 10_000_000),
  };
}

/**
 * Generic modifiers that annotators leave out of keyphrases (`new`, `proposed`, `novel`,
 * `two`, ...): with `genericModifiers: true` (default) they split candidates like stop words.
 * The list holds every word starting ≥ 10 multi-word fusion predictions on Inspec *train*
 * of which ≤ 5 % were gold (measured once with a script; dev and test were not used).
 */
export const GENERIC_MODIFIERS: ReadonlySet<string> = new Set([
  'one', 'two', 'three', 'four', 'different', 'specific', 'using', 'called', 'main', 'basic', 'recent', 'existing',
  'use', 'traditional', 'original', 'proposed', 'various', 'given', 'several', 'novel', 'particular', 'successful',
  'important', 'new', 'simple', 'efficient', 'common',
]);

/** True when the token may appear inside a candidate (not a stop word, not a bare number, sane length). */
export function isContentToken(t: Token, o: ResolvedCandidateOptions): boolean {
  return !t.stop && !t.numeric && t.surface.length >= o.minWordLength && t.surface.length <= o.maxWordLength &&
    !(o.genericModifiers && GENERIC_MODIFIERS.has(t.lower));
}

const isNoun = (tag: string): boolean => tag.startsWith('NN');
const isAdj = (tag: string): boolean => tag.startsWith('JJ');
const isAdjLike = (tag: string): boolean => tag.startsWith('JJ') || tag === 'VBN' || tag === 'VBG';

/**
 * Select and merge candidates of an analyzed document.
 *
 * Rules: a phrase is a run of consecutive content tokens (no stop word, no bare number,
 * word length within bounds) with no punctuation or sentence break between them.
 * Occurrences whose stems agree are merged into one {@link Candidate} — `model` and
 * `models` are one candidate — whose `phrase` is the most frequent surface form.
 *
 * @returns candidates in order of first occurrence
 * @example
 * const doc = analyze('Neural models. A neural model, trained.');
 * selectCandidates(doc, { selection: 'ngrams', maxWords: 2 }).map((c) => c.phrase);
 * // ['Neural', 'Neural models', 'models', 'trained']  ('neural model' merged into 'Neural models')
 * selectCandidates(analyze('The new regulatory compliance units', { pos: true })).map((c) => c.phrase);
 * // ['regulatory compliance units']  ('new' is a generic modifier)
 */
export function selectCandidates(doc: AnalyzedDocument, opts: CandidateOptions = {}): Candidate[] {
  const o = resolveCandidateOptions(opts);
  const tokens = doc.tokens;
  const byKey = new Map<string, Candidate>();
  const surfaceCounts = new Map<string, Map<string, number>>();
  const out: Candidate[] = [];
  const usePos = o.selection === 'noun-phrases' || o.posFilter;
  if (usePos && tokens.length > 0 && tokens[0].tag === '') {
    throw new RangeError(`Candidate selection '${o.selection}'${o.posFilter ? ' with posFilter' : ''} needs POS tags: analyze the text with { pos: true }.`);
  }

  const add = (i: number, j: number): void => {
    // tokens i..j-1
    let key = tokens[i].stem;
    for (let t = i + 1; t < j; t++) key += ' ' + tokens[t].stem;
    let c = byKey.get(key);
    const start = tokens[i].start;
    const end = tokens[j - 1].end;
    const surface = doc.text.slice(start, end).replace(/\s+/g, ' ');
    if (c === undefined) {
      if (out.length >= o.maxCandidates) return;
      const words: string[] = [];
      const stems: string[] = [];
      for (let t = i; t < j; t++) { words.push(tokens[t].lower); stems.push(tokens[t].stem); }
      c = { key, phrase: surface, words, stems, count: 0, occurrences: [] };
      byKey.set(key, c);
      surfaceCounts.set(key, new Map());
      out.push(c);
    }
    c.count++;
    c.occurrences.push({ start, end, token: i, sentence: tokens[i].sentence });
    const sc = surfaceCounts.get(key)!;
    sc.set(surface, (sc.get(surface) ?? 0) + 1);
  };

  let i = 0;
  const n = tokens.length;
  while (i < n) {
    if (!isContentToken(tokens[i], o) || (usePos && !(isNoun(tokens[i].tag) ||
      (o.grammar === 'strict' || o.selection === 'ngrams' ? isAdj(tokens[i].tag) : isAdjLike(tokens[i].tag))))) { i++; continue; }
    // maximal run [i, j) of content tokens without a break inside
    let j = i + 1;
    while (j < n && !tokens[j].breakBefore && isContentToken(tokens[j], o) &&
      (!usePos || isNoun(tokens[j].tag) || (o.grammar === 'strict' || o.selection === 'ngrams' ? isAdj(tokens[j].tag) : isAdjLike(tokens[j].tag)))) j++;
    if (o.selection === 'ngrams') {
      for (let s = i; s < j; s++) {
        for (let len = o.minWords; len <= o.maxWords && s + len <= j; len++) {
          if (o.posFilter && !matchesAdjNoun(tokens, s, s + len)) continue;
          add(s, s + len);
        }
      }
    } else {
      // noun phrases: maximal chunks of the run matching the grammar, ending on a noun
      let s = i;
      while (s < j) {
        let u = s;
        let lastNoun = -1;
        if (o.grammar === 'strict') {
          while (u < j && isAdj(tokens[u].tag)) u++;
          while (u < j && isNoun(tokens[u].tag)) { lastNoun = u; u++; }
        } else {
          // (ADJ | NOUN)* NOUN, where VBN/VBG act as modifiers and a VBG after a noun as a noun
          while (u < j && (isAdjLike(tokens[u].tag) || isNoun(tokens[u].tag))) {
            if (isNoun(tokens[u].tag) || (tokens[u].tag === 'VBG' && u > s && isNoun(tokens[u - 1].tag))) lastNoun = u;
            u++;
          }
        }
        if (lastNoun >= s) {
          const e = lastNoun + 1;
          if (o.subphrases) {
            for (let b = Math.max(s, e - o.maxWords); b < e; b++) if (e - b >= o.minWords) add(b, e);
          } else {
            const len = e - s;
            if (len >= o.minWords && len <= o.maxWords) add(s, e);
            else if (len > o.maxWords) add(e - o.maxWords, e); // keep the head-final suffix
          }
          s = e;
        } else s = Math.max(u, s + 1);
      }
    }
    i = j;
  }
  // most frequent surface form (ties: the earliest, thanks to insertion order)
  for (const c of out) {
    let best = c.phrase;
    let bestCount = 0;
    for (const [s, k] of surfaceCounts.get(c.key)!) if (k > bestCount) { best = s; bestCount = k; }
    c.phrase = best;
    c.words = best.toLowerCase().split(' ');
  }
  return out;
}

function matchesAdjNoun(tokens: Token[], s: number, e: number): boolean {
  if (!isNoun(tokens[e - 1].tag)) return false;
  let k = s;
  while (k < e && isAdj(tokens[k].tag)) k++;
  for (; k < e; k++) if (!isNoun(tokens[k].tag)) return false;
  return true;
}
