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

/** natural's Brill lexicon (only `tagWord` is used). */
export interface BrillLexicon {
  tagWord(word: string): string[];
}

/** One of natural's transformation rules. */
export interface BrillRule {
  oldCategory: string;
  newCategory: string;
  predicate: { name: string; parameter1?: string; parameter2?: string };
}

/** natural's rule set. */
export interface BrillRuleSet {
  getRules(): BrillRule[];
}

/** The subset of natural 8.2.6 used here. */
export interface NaturalSubset {
  stopwords: string[];
  PorterStemmer: { stem(word: string): string };
  Lexicon: new (language: string, defaultCategory: string, defaultCategoryCapitalised?: string) => BrillLexicon;
  RuleSet: new (language: string) => BrillRuleSet;
  BrillPOSTagger: new (lexicon: BrillLexicon, ruleSet: BrillRuleSet) => { tag(words: string[]): TaggedSentence };
}

const require = createRequire(import.meta.url);
/** natural (CommonJS), loaded once. */
export const natural = require('natural') as NaturalSubset;
