/**
 * Document analysis for keyphrase extraction: tokens with character offsets,
 * sentence and punctuation boundaries, lowercase forms, Porter stems, stop-word
 * flags and (optionally) part-of-speech tags from `natural`'s Brill tagger.
 *
 * The tokenizer is specific to keyphrase candidates: a token is a run of letters
 * and digits, optionally joined by inner hyphens or apostrophes (`short-term`,
 * `Utah's`), so a hyphenated compound stays one word as annotators write it.
 * Everything between two tokens is a *gap*: a gap holding anything other than
 * whitespace is a punctuation boundary, a gap holding `.`, `!`, `?`, `;`-free
 * sentence end (terminator followed by whitespace) or a line break is a
 * sentence boundary. Candidates never cross either.
 */
import { natural } from './natural.js';
import { isStopWord, stem as porterStem } from './lexicon.js';

/** One token of an analyzed document. */
export interface Token {
  /** Text as written. */
  readonly surface: string;
  /** Lowercased surface. */
  readonly lower: string;
  /** Porter stem of `lower`. */
  readonly stem: string;
  /** Character offset of the first character (UTF-16 code units, as `String.prototype.slice`). */
  readonly start: number;
  /** Offset one past the last character. */
  readonly end: number;
  /** Index of the sentence holding the token (0-based). */
  readonly sentence: number;
  /** True for a stop word (see {@link isStopWord}). */
  readonly stop: boolean;
  /** True when the token has no letter (a number such as `2002` or `3.5`). */
  readonly numeric: boolean;
  /** True when the gap *before* this token holds punctuation or a sentence break. */
  readonly breakBefore: boolean;
  /** Penn Treebank tag when POS tagging was requested, else `''`. */
  tag: string;
}

/** An analyzed document. */
export interface AnalyzedDocument {
  /** The text the offsets refer to (after HTML stripping and truncation, see {@link AnalyzeOptions}). */
  readonly text: string;
  readonly tokens: Token[];
  /** Number of sentences (≥ 1 when there is a token, else 0). */
  readonly sentenceCount: number;
  /** True when the input was longer than `maxChars` and only its prefix was analyzed. */
  readonly truncated: boolean;
}

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** Tag parts of speech with natural's Brill tagger (default false: costs ~2x time). */
  pos?: boolean;
  /**
   * Analyze at most this many characters (default 200,000): a 1 MB input is cut at the
   * last whitespace before the limit so extraction stays fast. `Infinity` disables the cap.
   */
  maxChars?: number;
  /** Replace HTML tags, comments, `<script>`/`<style>` bodies and entities by spaces (default: auto-detect). */
  stripHtml?: boolean | 'auto';
}

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const HAS_LETTER = /\p{L}/u;
const SENTENCE_END = /[.!?](?:["')\]]*)\s|[\r\n]|[.!?]["')\]]*$/;
const NON_SPACE = /\S/;

const stemCache = new Map<string, string>();
/** Porter stem of a lowercase word, memoized (the stemmer costs ~4 µs a call). */
export function cachedStem(lower: string): string {
  let s = stemCache.get(lower);
  if (s === undefined) {
    s = porterStem(lower);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(lower, s);
  }
  return s;
}

/** True when `text` looks like HTML (a tag such as `<p>`, `<div class=...>`, `</a>` or `<!--`). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?\/?>|<!--/.test(text);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Replace HTML markup by spaces of the same length, so character offsets into the result
 * are offsets into the original string. `<script>`/`<style>` bodies and comments are blanked,
 * block-level tags (`p`, `div`, `br`, `li`, `h1`..`h6`, `tr`, `td`) become a line break (a
 * sentence boundary), entities (`&amp;`, `&#39;`) become their character padded with spaces.
 */
export function stripHtml(text: string): string {
  const blank = (m: string): string => ' '.repeat(m.length);
  let out = text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
  out = out.replace(/<![^<>]*>/g, blank); // <!DOCTYPE ...>, <![CDATA[ ... (opening)
  out = out.replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, blank);
  out = out.replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*)?\/?>/g, (m, name: string) =>
    /^(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|title|blockquote|pre)$/i.test(name)
      ? '\n' + ' '.repeat(m.length - 1)
      : blank(m));
  out = out.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, body: string) => {
    let ch: string | undefined;
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      ch = code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
    } else ch = ENTITIES[body.toLowerCase()];
    if (ch === undefined || ch.length > m.length) return blank(m);
    return ch + ' '.repeat(m.length - ch.length);
  });
  return out;
}

interface Tagger {
  /** Brill tags of a sentence's words. */
  tag(words: string[]): string[];
}
let tagger: Tagger | undefined;

/**
 * natural's English Brill tagger (lexicon + 18 contextual rules), with the rules applied by a
 * loop over plain arrays instead of natural's per-rule predicate dispatch on `Sentence`
 * objects — 60 % of the tagging time in natural (measured on Inspec). The lexicon and the
 * rules are natural's own; every predicate the English rule set uses is evaluated exactly as
 * natural's `RuleTemplates.js` does (including its `ENDS-WITH` test via `indexOf`).
 * A rule set with any other predicate falls back to natural's `BrillPOSTagger` as a whole.
 * `test/pos.test.ts` checks tag-for-tag equality with natural on Inspec.
 */
export function getTagger(): Tagger {
  if (tagger !== undefined) return tagger;
  const lexicon = new natural.Lexicon('EN', 'NN', 'NNP');
  const ruleSet = new natural.RuleSet('EN');
  const rules = ruleSet.getRules();
  const known = new Set(['PREV-TAG', 'CURRENT-WORD-IS-NUMBER', 'CURRENT-WORD-IS-URL', 'CURRENT-WORD-ENDS-WITH', 'PREV-WORD-IS']);
  if (!rules.every((r) => known.has(r.predicate.name))) {
    const brill = new natural.BrillPOSTagger(lexicon, ruleSet);
    tagger = { tag: (words) => brill.tag(words).taggedWords.map((t) => t.tag) };
    return tagger;
  }
  const compiled = rules.map((r) => ({
    from: r.oldCategory,
    to: r.newCategory,
    name: r.predicate.name,
    p1: r.predicate.parameter1 ?? '',
    p1Lower: (r.predicate.parameter1 ?? '').toLowerCase(),
  }));
  const wordCache = new Map<string, string>();
  tagger = {
    tag(words: string[]): string[] {
      const tags = words.map((w) => {
        let t = wordCache.get(w);
        if (t === undefined) {
          t = lexicon.tagWord(w)[0];
          if (wordCache.size > 200_000) wordCache.clear();
          wordCache.set(w, t);
        }
        return t;
      });
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        for (const r of compiled) {
          if (r.from !== '*' && tags[i] !== r.from) continue;
          let hit: boolean;
          switch (r.name) {
            case 'PREV-TAG': hit = i > 0 && tags[i - 1] === r.p1; break;
            case 'CURRENT-WORD-IS-NUMBER': {
              // natural: isNumber = !isNaN(w) || parseFloat(w) (truthy), YES -> isNumber
              const isNumber = !Number.isNaN(Number(w)) || Boolean(parseFloat(w));
              hit = r.p1 === 'YES' ? isNumber : !isNumber;
              break;
            }
            case 'CURRENT-WORD-IS-URL': {
              const isUrl = w.indexOf('.') > -1 && /[a-zA-Z]{2}/.test(w);
              hit = r.p1 === 'YES' ? isUrl : !isUrl;
              break;
            }
            case 'CURRENT-WORD-ENDS-WITH':
              hit = r.p1 !== '' && r.p1.length <= w.length && w.indexOf(r.p1) === w.length - r.p1.length;
              break;
            default: // 'PREV-WORD-IS'
              hit = i > 0 && words[i - 1].toLowerCase() === r.p1Lower;
          }
          if (hit) tags[i] = r.to;
        }
      }
      return tags;
    },
  };
  return tagger;
}

/**
 * Tokenize, split into sentences, stem and (optionally) POS-tag a document.
 *
 * @param text - any string (empty, binary-looking, HTML or huge inputs give a defined result)
 * @throws TypeError when `text` is not a string
 * @example
 * const doc = analyze('Keyphrase extraction. It ranks phrases.');
 * doc.tokens.map((t) => t.stem); // ['keyphras', 'extract', 'it', 'rank', 'phrase']
 */
export function analyze(text: string, opts: AnalyzeOptions = {}): AnalyzedDocument {
  if (typeof text !== 'string') {
    throw new TypeError(`The 'text' argument of analyze must be a string; got ${text === null ? 'null' : typeof text}.`);
  }
  const maxChars = opts.maxChars ?? 200_000;
  let truncated = false;
  if (text.length > maxChars) {
    const cut = text.lastIndexOf(' ', maxChars);
    text = text.slice(0, cut > maxChars / 2 ? cut : maxChars);
    truncated = true;
  }
  const html = opts.stripHtml ?? 'auto';
  if (html === true || (html === 'auto' && looksLikeHtml(text))) text = stripHtml(text);

  const tokens: Token[] = [];
  let sentence = 0;
  let prevEnd = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const surface = m[0];
    const start = m.index;
    let breakBefore = tokens.length === 0;
    if (tokens.length > 0) {
      const gap = text.slice(prevEnd, start);
      if (NON_SPACE.test(gap) || gap.includes('\n') || gap.includes('\r')) {
        breakBefore = true;
        if (SENTENCE_END.test(gap)) sentence++;
      }
    }
    const lower = surface.toLowerCase();
    tokens.push({
      surface,
      lower,
      stem: cachedStem(lower),
      start,
      end: start + surface.length,
      sentence,
      stop: isStopWord(lower),
      numeric: !HAS_LETTER.test(surface),
      breakBefore,
      tag: '',
    });
    prevEnd = start + surface.length;
  }
  if (opts.pos && tokens.length > 0) tagTokens(tokens);
  return { text, tokens, sentenceCount: tokens.length > 0 ? sentence + 1 : 0, truncated };
}

/** POS-tag tokens sentence by sentence (the Brill tagger's contextual rules look at neighbours). */
function tagTokens(tokens: Token[]): void {
  const t = getTagger();
  let i = 0;
  while (i < tokens.length) {
    let j = i + 1;
    while (j < tokens.length && tokens[j].sentence === tokens[i].sentence) j++;
    const words = tokens.slice(i, j).map((x) => x.surface);
    const tags = t.tag(words);
    for (let k = 0; k < tags.length; k++) tokens[i + k].tag = tags[k];
    i = j;
  }
}
