/**
 * `natural` loaded through `createRequire`, typed with only the members this package
 * uses. (Importing `natural` directly makes `tsc` type-check natural's shipped
 * `analyzers/SenType.ts`, which fails under the repository's `verbatimModuleSyntax`.)
 */
import { createRequire } from 'node:module';

/** A Brill-tagged sentence. */
export interface TaggedSentence {
  taggedWords: { token: string; tag: string }[];
}

/** The subset of natural 8.2.6 used here. */
export interface NaturalSubset {
  stopwords: string[];
  PorterStemmer: { stem(word: string): string };
  Lexicon: new (language: string, defaultCategory: string, defaultCategoryCapitalised?: string) => object;
  RuleSet: new (language: string) => object;
  BrillPOSTagger: new (lexicon: object, ruleSet: object) => { tag(words: string[]): TaggedSentence };
}

const require = createRequire(import.meta.url);
/** natural (CommonJS), loaded once. */
export const natural = require('natural') as NaturalSubset;
