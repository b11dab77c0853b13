import { describe, expect, it } from 'vitest';
import { DocumentFrequencies, extractKeywords, extractKeywordsBatch, analyze } from '../src/index.js';

const df = new DocumentFrequencies().fit(['word embeddings and matrices', 'keyword extraction from text']);
const methods = [
  { method: 'yake' as const },
  { method: 'tfidf' as const, df },
  { method: 'textrank' as const },
  { method: 'singlerank' as const },
  { method: 'positionrank' as const },
  { method: 'fusion' as const, df },
];

describe('bad input gives a defined result quickly', () => {
  it('empty text -> []', () => {
    for (const m of methods) expect(extractKeywords('', m)).toEqual([]);
    expect(extractKeywordsBatch([], { method: 'yake' })).toEqual([]);
  });
  it('text with no candidates (stop words, numbers, punctuation) -> []', () => {
    for (const m of methods) {
      expect(extractKeywords('the of and to it is was 1999 42 ... !!! ???', m)).toEqual([]);
      expect(extractKeywords('   \n\t  ', m)).toEqual([]);
    }
  });
  it('a 1 MB document finishes well under 2 s (analysis capped at maxChars = 200,000)', () => {
    const para = 'Whitening of word embeddings removes the common mean direction. Keyword extraction ranks candidate phrases by similarity to the document vector. ';
    const big = para.repeat(Math.ceil(1_000_000 / para.length));
    expect(big.length).toBeGreaterThanOrEqual(1_000_000);
    for (const m of [methods[0], methods[5]]) {
      const t0 = performance.now();
      const out = extractKeywords(big, m);
      const ms = performance.now() - t0;
      expect(ms).toBeLessThan(4000); // generous for a loaded CI machine; typically ~0.5 s
      expect(out.length).toBe(5); // the text repeats 5 distinct noun phrases
      console.log(`1 MB document, ${m.method}: ${ms.toFixed(0)} ms`);
      for (const k of out) for (const o of k.offsets) expect(o.end).toBeLessThanOrEqual(200_000);
    }
    expect(analyze(big).truncated).toBe(true);
  });
  it('binary-looking input: no crash, no NaN, no absurd tokens', () => {
    let bin = '';
    for (let i = 0; i < 20_000; i++) bin += String.fromCharCode((i * 7919) % 256);
    for (const m of methods) {
      const out = extractKeywords(bin, m);
      for (const k of out) {
        expect(Number.isFinite(k.score)).toBe(true);
        for (const w of k.phrase.split(' ')) expect(w.length).toBeLessThanOrEqual(40);
      }
    }
    expect(extractKeywords('\u0000\u0001\u0002\uFFFD\uD800', { method: 'yake' })).toEqual([]);
  });
  it('non-English input gives Unicode-aware phrases with correct offsets', () => {
    const text = 'Правительство утвердило новую программу. 機械学習 は 重要 です。 Ελληνικά κείμενα εδώ.';
    for (const m of methods) {
      const out = extractKeywords(text, m);
      expect(out.length).toBeGreaterThan(0);
      for (const k of out) for (const o of k.offsets) expect(text.slice(o.start, o.end)).toBe(k.phrase);
    }
  });
  it('HTML: tags, scripts, styles and comments are stripped', () => {
    const html = '<!DOCTYPE html><html><head><style>.keyword { color: red }</style><title>Embedding whitening</title></head>' +
      '<body><!-- hidden comment words --><p>Whitening &amp; all-but-the-top improve word similarity.</p><script>secretFunction()</script></body></html>';
    const out = extractKeywords(html, { method: 'yake', top: 20 });
    const phrases = out.map((k) => k.phrase.toLowerCase()).join(' | ');
    expect(phrases).not.toMatch(/color|red|hidden|secretfunction|doctype|html|body/);
    expect(phrases).toMatch(/whitening/);
    expect(extractKeywords('<p>a <b>bold words</b></p>', { method: 'yake', stripHtml: true }).map((k) => k.phrase)).toEqual(['bold words']);
  });
  it('a non-string is a TypeError naming the argument', () => {
    expect(() => extractKeywords(null as unknown as string)).toThrow(/'text'/);
    expect(() => extractKeywordsBatch(['ok', 5 as unknown as string])).toThrow(/entry 1/);
  });
});
