import { beforeAll, describe, expect, it } from 'vitest';
import { BROWN_GENRES, detokenize, FormatError, loadBrown, parseBrownFile, type BrownDocument } from '../src/index.js';

let docs: BrownDocument[];
beforeAll(async () => {
  docs = await loadBrown();
});

describe('loadBrown on the real corpus', () => {
  it('has 500 documents in 15 genres with the published counts (cats.txt)', () => {
    expect(docs).toHaveLength(500);
    const counts: Record<string, number> = {};
    for (const d of docs) counts[d.label] = (counts[d.label] ?? 0) + 1;
    expect(counts).toEqual({
      news: 44, editorial: 27, reviews: 17, religion: 17, hobbies: 36, lore: 48, belles_lettres: 75, government: 30,
      learned: 80, fiction: 29, mystery: 24, science_fiction: 6, adventure: 29, romance: 29, humor: 9,
    });
    expect(Object.keys(counts)).toEqual([...BROWN_GENRES]);
    expect(docs[0].id).toBe('ca01');
    expect(docs[499].id).toBe('cr09');
    // file letter <-> genre, as in the corpus CONTENTS file
    expect(docs.filter((d) => d.id.startsWith('cm')).every((d) => d.label === 'science_fiction')).toBe(true);
  });

  it('has the token and sentence totals NLTK reports for brown.words() / brown.sents()', () => {
    // NLTK: len(brown.words()) == 1161192, len(brown.sents()) == 57340 (same 500 files, one sentence per line).
    expect(docs.reduce((s, d) => s + d.tokenCount, 0)).toBe(1161192);
    expect(docs.reduce((s, d) => s + d.sentenceCount, 0)).toBe(57340);
  });

  it('reconstructs running text (detokenized) and keeps the token form', () => {
    const ca01 = docs[0];
    expect(ca01.text.split('\n\n')[0]).toBe(
      'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced "no evidence" that any irregularities took place.',
    );
    expect(ca01.tokenText.split('\n')[0]).toBe(
      "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced `` no evidence '' that any irregularities took place .",
    );
    expect(ca01.text).toContain('the City Executive Committee, which had over-all charge of the election, "deserves the praise and thanks of the City of Atlanta" for the manner in which the election was conducted.');
    // A ')' the corpus put at the start of the next sentence line attaches to the previous word.
    expect(docs.some((d) => / \)/.test(d.text))).toBe(false);
    // No tag survives in any text.
    expect(docs.some((d) => /\b[A-Za-z]+\/(?:at|nn|np-tl|nn-tl|vbd|vbz)(?=\s)/.test(d.text))).toBe(false);
    expect(docs.every((d) => d.tagged === undefined)).toBe(true);
  });

  it('keeps the tags on request, with hyphenated tags and words containing slashes', async () => {
    const news = await loadBrown({ genres: ['news'], tagged: true });
    expect(news).toHaveLength(44);
    const first = news[0].tagged![0];
    expect(first.slice(0, 3)).toEqual([{ word: 'The', tag: 'at' }, { word: 'Fulton', tag: 'np-tl' }, { word: 'County', tag: 'nn-tl' }]);
    expect(first[15]).toEqual({ word: '``', tag: '``' });
    expect(first[10]).toEqual({ word: "Atlanta's", tag: 'np$' });
    expect(news[0].tagged!.length).toBe(news[0].sentenceCount);
    expect(news[0].tagged!.flat().length).toBe(news[0].tokenCount);
    await expect(loadBrown({ genres: ['sports'] })).rejects.toThrow(/'genres' option of loadBrown .* got "sports"/);
    await expect(loadBrown({ genres: 'news' as never })).rejects.toThrow(TypeError);
    expect(await loadBrown({ genres: [] })).toEqual([]);
    const calls: [number, number, string?][] = [];
    const humor = await loadBrown({ genres: ['humor'], onProgress: (d, t, l) => calls.push([d, t, l]) });
    expect(humor.map((d) => d.id)).toEqual(['cr01', 'cr02', 'cr03', 'cr04', 'cr05', 'cr06', 'cr07', 'cr08', 'cr09']);
    expect(calls).toHaveLength(9);
    expect(calls[8]).toEqual([9, 9, 'cr09']);
  });
});

describe('parseBrownFile and detokenize', () => {
  it('splits at the last slash: 1/2/cd, //in, AAb//nn', () => {
    const p = parseBrownFile('\n\n\tHalf/nn 1/2/cd and/cc //in AAb//nn ./.\n\tNext/ap ./.\n\n\n\tNew/jj para/nn ./.\n');
    expect(p.paragraphs).toHaveLength(2);
    expect(p.paragraphs[0]).toHaveLength(2);
    expect(p.paragraphs[0][0]).toEqual([
      { word: 'Half', tag: 'nn' }, { word: '1/2', tag: 'cd' }, { word: 'and', tag: 'cc' }, { word: '/', tag: 'in' },
      { word: 'AAb/', tag: 'nn' }, { word: '.', tag: '.' },
    ]);
  });

  it('empty input gives no paragraphs; a token without a tag is a FormatError with its position', () => {
    expect(parseBrownFile('').paragraphs).toEqual([]);
    expect(() => parseBrownFile('\tok/nn broken ./.', 'cx99')).toThrow(FormatError);
    expect(() => parseBrownFile('\n\tok/nn broken ./.', 'cx99')).toThrow("cx99:2:8: expected a token 'word/tag'; got \"broken\"");
    expect(() => parseBrownFile('trailing/', 'f')).toThrow(/f:1:1/);
  });

  it('detokenize: quotes, punctuation, brackets, dashes', () => {
    expect(detokenize(['``', 'Only', 'a', 'handful', "''", ',', 'the', 'jury', 'said', '.'])).toBe('"Only a handful", the jury said.');
    expect(detokenize(['He', '(', 'Smith', ')', 'paid', '$', '5', '--', '10', '%', 'more', '!'])).toBe('He (Smith) paid $5 -- 10% more!');
    expect(detokenize(['`', 'so', "'", 'he', 'said'])).toBe("'so' he said");
    expect(detokenize([])).toBe('');
  });
});
