import { describe, expect, it } from 'vitest';
import { analyze, selectCandidates, extractKeywords, stripHtml } from '../src/index.js';

const ngrams = (text: string, maxWords = 3) =>
  selectCandidates(analyze(text), { selection: 'ngrams', maxWords }).map((c) => c.phrase);

describe('analyze', () => {
  it('keeps offsets, sentences, breaks and stems', () => {
    const text = 'Neural models, trained fast. New data!';
    const doc = analyze(text);
    expect(doc.tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Neural', 'models', 'trained', 'fast', 'New', 'data']);
    expect(doc.tokens.map((t) => t.sentence)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(doc.tokens.map((t) => t.breakBefore)).toEqual([true, false, true, false, true, false]);
    expect(doc.tokens[1].stem).toBe('model');
    expect(doc.sentenceCount).toBe(2);
  });
  it('keeps hyphenated compounds as one word and splits possessives', () => {
    const doc = analyze("Utah's short-term goal");
    expect(doc.tokens.map((t) => t.lower)).toEqual(['utah', 's', 'short-term', 'goal']);
  });
  it('treats a line break as a sentence boundary (title / abstract)', () => {
    expect(analyze('Matrix games\nWe study').tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 1]);
  });
  it('rejects a non-string with a TypeError', () => {
    expect(() => analyze(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('candidate rules', () => {
  it('n-grams never cross punctuation', () => {
    const c = ngrams('robust control, fault detection');
    expect(c).toEqual(['robust', 'robust control', 'control', 'fault', 'fault detection', 'detection']);
    expect(c).not.toContain('control fault');
  });
  it('n-grams never cross stop words', () => {
    const c = ngrams('detection of faults in linear systems');
    expect(c).toEqual(['detection', 'faults', 'linear', 'linear systems', 'systems']);
  });
  it('n-grams never cross sentence boundaries', () => {
    const c = ngrams('We study kalman filters. Filters converge');
    expect(c).not.toContain('filters filters');
    expect(c).toContain('kalman filters');
  });
  it('respects minWords / maxWords and drops bare numbers and 1-letter words', () => {
    expect(ngrams('alpha beta gamma delta', 2)).toEqual(['alpha', 'alpha beta', 'beta', 'beta gamma', 'gamma', 'gamma delta', 'delta']);
    expect(ngrams('2002 results x')).toEqual(['results']);
  });
  it('noun phrases follow the POS grammar and end on a noun', () => {
    const doc = analyze('The new regulatory compliance units were efficiently created.', { pos: true });
    const c = selectCandidates(doc, { selection: 'noun-phrases', genericModifiers: false }).map((x) => x.phrase);
    expect(c).toEqual(['new regulatory compliance units']);
    // generic modifiers ('new', 'proposed', ...) split candidates by default
    expect(selectCandidates(doc).map((x) => x.phrase)).toEqual(['regulatory compliance units']);
    const strict = selectCandidates(analyze('fault tolerant control', { pos: true }), { selection: 'noun-phrases', grammar: 'strict' });
    expect(strict.map((x) => x.phrase)).toEqual(['fault', 'tolerant control']);
    const loose = selectCandidates(analyze('fault tolerant control', { pos: true }), { selection: 'noun-phrases' });
    expect(loose.map((x) => x.phrase)).toEqual(['fault tolerant control']);
  });
  it('POS selection without tags is a RangeError', () => {
    expect(() => selectCandidates(analyze('some words'), { selection: 'noun-phrases' })).toThrow(/POS tags/);
  });
  it('bad options name the option', () => {
    expect(() => selectCandidates(analyze('a b'), { selection: 'ngrams', maxWords: 0 })).toThrow(/'maxWords'/);
    expect(() => selectCandidates(analyze('a b'), { selection: 'chunks' as 'ngrams' })).toThrow(/'selection'/);
  });
});

describe('stem merge', () => {
  it('merges "model" and "models" into one candidate, keeping the most frequent surface form', () => {
    const text = 'Models fit. The models work. Two models help. A model.';
    const c = selectCandidates(analyze(text), { selection: 'ngrams' });
    const m = c.filter((x) => x.key === 'model');
    expect(m).toHaveLength(1);
    expect(m[0].count).toBe(4);
    expect(m[0].phrase).toBe('models'); // 'models' twice beats 'Models' and 'model' (once each)
    expect(m[0].occurrences.map((o) => text.slice(o.start, o.end))).toEqual(['Models', 'models', 'models', 'model']);
  });
  it('never returns two keyphrases with the same stems', () => {
    const text = 'Neural network training. Neural networks generalize. Training neural networks is hard.';
    const out = extractKeywords(text, { method: 'yake', top: 20 });
    const keys = out.map((k) => k.phrase.toLowerCase().replace(/s\b/g, ''));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('offsets', () => {
  it('every offset points at the phrase (case-insensitively, up to stemming)', () => {
    const text = 'Keyphrase extraction ranks phrases.\nKeyphrase Extraction with word embeddings: embeddings help keyphrase extraction.';
    const out = extractKeywords(text, { method: 'yake', top: 10, candidates: { selection: 'ngrams' } });
    expect(out.length).toBeGreaterThan(0);
    for (const k of out) {
      expect(k.offsets.length).toBeGreaterThan(0);
      for (const o of k.offsets) expect(text.slice(o.start, o.end).toLowerCase()).toBe(k.phrase.toLowerCase());
    }
    const ke = out.find((k) => k.phrase.toLowerCase() === 'keyphrase extraction')!;
    const lower = text.toLowerCase();
    const at = [0, lower.indexOf('keyphrase extraction', 1), lower.lastIndexOf('keyphrase extraction')];
    expect(ke.offsets).toEqual(at.map((s) => ({ start: s, end: s + 20 })));
  });
  it('HTML is blanked in place so offsets index the original string', () => {
    const html = '<html><body><p>Matrix <b>factorization</b> methods</p><script>var x = "junk words";</script></body></html>';
    const stripped = stripHtml(html);
    expect(stripped.length).toBe(html.length);
    const out = extractKeywords(html, { method: 'yake' });
    expect(out.map((k) => k.phrase)).not.toContain('junk words');
    for (const k of out) for (const o of k.offsets) expect(html.slice(o.start, o.end)).toMatch(/^[A-Za-z]/);
    expect(out.map((k) => k.phrase)).toContain('Matrix factorization methods');
  });
});
