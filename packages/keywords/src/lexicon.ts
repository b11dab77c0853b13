/**
 * The word-level primitives keyphrase extraction needs — stop words and the Porter
 * stemmer — gathered in one adapter so the rest of the package does not care where
 * they come from.
 */
import { STOP_WORDS as TEXT_STOP_WORDS, stem as textStem } from '@embfact/text';

/**
 * English stop words used to split candidates: @embfact/text's `STOP_WORDS` (natural's
 * list, 170 words, including single letters and digits) plus the NLTK words it lacks (`not`, `no`, `nor`,
 * `against`, `off`, `down`, `just`, `again`, `once`, `per`, `via`, `whose`, ...),
 * as pke's candidate filtering uses NLTK's list.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set<string>([
  ...TEXT_STOP_WORDS,
  'not', 'no', 'nor', 'against', 'off', 'down', 'just', 'once', 'both', 'few', 'than', 'too', 'very',
  'whose', 'via', 'per', 'upon', 'yet', 'also', 'however', 'thus', 'therefore', 'although', 'though',
  'either', 'neither', 'whether', 'within', 'without', 'among', 'around', 'across', 'along', 'toward',
  'towards', 'onto', 'hers', 'herself', 'it\'s', 'its', 'he\'s', 'she\'s', 'i\'m', 'we\'re', 'they\'re',
  'don\'t', 'doesn\'t', 'didn\'t', 'isn\'t', 'aren\'t', 'wasn\'t', 'weren\'t', 'won\'t', 'can\'t',
  'don', 'doesn', 'didn', 'isn', 'aren', 'wasn', 'weren', 'won', 'll', 've', 're', 'will', 'shall', 'may', 'ought', 'every', 'whom', 'whatever', 'which', 'whereas', 'etc', 'ie', 'eg',
]);

/** True when the lowercase `word` is in {@link STOP_WORDS}. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Porter stem of a lowercase word (@embfact/text's `stem`: natural's `PorterStemmer`). */
export function stem(word: string): string {
  return textStem(word);
}
