// The fast Brill rule loop in analyze.ts must give exactly natural's BrillPOSTagger tags.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSharedDataDir } from '@embfact/datasets';
import { describe, expect, it } from 'vitest';
import { getTagger } from '../src/analyze.js';

const natural = createRequire(import.meta.url)('natural') as {
  Lexicon: new (l: string, d: string, c?: string) => object;
  RuleSet: new (l: string) => object;
  BrillPOSTagger: new (lex: object, rs: object) => { tag(w: string[]): { taggedWords: { tag: string }[] } };
};
const reference = new natural.BrillPOSTagger(new natural.Lexicon('EN', 'NN', 'NNP'), new natural.RuleSet('EN'));
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

describe('Brill tagging', () => {
  it('equals natural on crafted cases (numbers, URLs, -ed/-ly/-al/-s/-ing words, "would", wildcard rule)', () => {
    const cases = [
      ['The', 'runs', 'were', 'quickly', 'computed', 'by', 'singing', 'models'],
      ['I', 'would', 'train', 'the', 'model', '3', '0', '2D', 'x1', 'www.example.com', 'seasonal', 'Kalman'],
      ['a', 'walk', 'the', 'go', 'the', 'ran', 'in', 'general', 'processing'],
      [],
    ];
    const t = getTagger();
    for (const words of cases) expect(t.tag(words)).toEqual(reference.tag(words).taggedWords.map((w) => w.tag));
  });
  const dir = findSharedDataDir();
  const file = dir === undefined ? '' : join(dir, 'keyphrase', 'inspec.jsonl');
  if (dir === undefined) console.warn('[keywords] SKIPPING the Inspec tagging equivalence test: shared data folder not found.');
  it.skipIf(file === '' || !existsSync(file))('equals natural on 300 Inspec abstracts (skipped without ../shared/data)', () => {
    const texts = readFileSync(file, 'utf8').trim().split('\n').slice(0, 300).map((l) => JSON.parse(l).text as string);
    const t = getTagger();
    let n = 0;
    for (const text of texts) {
      const words = text.match(WORD) ?? [];
      expect(t.tag(words)).toEqual(reference.tag(words).taggedWords.map((w) => w.tag));
      n += words.length;
    }
    expect(n).toBeGreaterThan(30_000);
  });
});
