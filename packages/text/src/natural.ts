/**
 * `natural` loaded through `createRequire` and typed with only the members this package uses
 * (natural's own typings ship a `.ts` file that does not compile under this repository's
 * `verbatimModuleSyntax`, so its types are not imported).
 */
import { createRequire } from 'node:module';

interface NaturalSubset {
  PorterStemmer: { stem(word: string): string };
  SentenceTokenizer: new (abbreviations: string[]) => { tokenize(text: string): string[] };
  abbreviations: string[];
  stopwords: string[];
}

const require = createRequire(import.meta.url);

/** The parts of `natural` 8.x used by @embfact/text. */
export const natural = require('natural') as NaturalSubset;
