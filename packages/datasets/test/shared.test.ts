import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataNotFoundError, findSharedDataDir, FormatError, loadAnalogy, loadInspec, loadWordSimilarity,
  sharedDataCandidates, sharedDataDir,
} from '../src/index.js';

const dataDir = findSharedDataDir();
if (!dataDir) {
  console.warn(
    `[datasets] SKIPPING the real shared/data tests: no shared/data folder found (tried ${sharedDataCandidates().join(', ')}). ` +
      'Set EMBFACT_DATA_DIR or put shared/ beside the repository to run them.',
  );
}

describe.skipIf(!dataDir)('shared/data sets (real files)', () => {
  it('Inspec: 2000 abstracts, train 1000 / dev 500 / test 500, uncontrolled keyphrases', async () => {
    const docs = await loadInspec();
    expect(docs).toHaveLength(2000);
    const counts: Record<string, number> = {};
    for (const d of docs) counts[d.split] = (counts[d.split] ?? 0) + 1;
    expect(counts).toEqual({ train: 1000, dev: 500, test: 500 });
    expect(new Set(docs.map((d) => d.id)).size).toBe(2000);
    expect(docs[0].id).toBe('6');
    expect(docs[0].text.split('\n')[0]).toBe('SBC gets more serious on regulatory compliance');
    expect(docs[0].keyphrases).toEqual(['SBC Communications', 'regulatory compliance', 'telecom carrier']);
    expect(docs[0].keyphrasesControlled).toEqual(['telecommunication']);
    expect(docs.every((d) => d.keyphrases.length > 0 || d.keyphrasesControlled.length > 0)).toBe(true);
    const test = await loadInspec({ split: 'test' });
    expect(test).toHaveLength(500);
    expect(test.every((d) => d.split === 'test')).toBe(true);
    await expect(loadInspec({ split: 'validation' as never })).rejects.toThrow(/'split' option of loadInspec .* got "validation"/);
  });

  it('word similarity: wordsim353_all 353, rel 252, sim 203, rg65 65, mturk771 771 pairs', async () => {
    const all = await loadWordSimilarity('wordsim353_all');
    expect(all).toHaveLength(353);
    expect(all[0]).toEqual({ word1: 'love', word2: 'sex', score: 6.77 });
    expect(all[1]).toEqual({ word1: 'tiger', word2: 'cat', score: 7.35 });
    expect((await loadWordSimilarity('wordsim353_rel')).length).toBe(252);
    expect((await loadWordSimilarity('wordsim353_sim')).length).toBe(203);
    const rg = await loadWordSimilarity('rg65');
    expect(rg).toHaveLength(65);
    expect(rg[0]).toEqual({ word1: 'gem', word2: 'jewel', score: 3.94 });
    expect((await loadWordSimilarity('mturk771')).length).toBe(771);
    // Case is kept as written; lowercasing is the evaluator's policy.
    expect((await loadWordSimilarity('wordsim353_rel')).some((p) => p.word1 === 'Jerusalem')).toBe(true);
    await expect(loadWordSimilarity('simlex999' as never)).rejects.toThrow(RangeError);
  });

  it('analogy: 19,544 questions in 14 sections (8,869 semantic, 10,675 syntactic)', async () => {
    const qs = await loadAnalogy();
    expect(qs).toHaveLength(19544);
    const sections = [...new Set(qs.map((q) => q.section))];
    expect(sections).toHaveLength(14);
    expect(sections[0]).toBe('capital-common-countries');
    expect(qs[0]).toEqual({ section: 'capital-common-countries', a: 'Athens', b: 'Greece', c: 'Baghdad', d: 'Iraq' });
    // Mikolov et al. (2013): 8,869 semantic and 10,675 syntactic questions.
    expect(qs.filter((q) => q.section.startsWith('gram')).length).toBe(10675);
    expect(qs.filter((q) => !q.section.startsWith('gram')).length).toBe(8869);
  });
});

/**
 * A folder for fake checkouts with no real `shared/data` beside any of its ancestors: CI may clone
 * into the system temp folder with shared/ beside the clone (`/tmp/shared`), where the upward search
 * would rightly find it. Tries the temp folder, /dev/shm and the home folder; undefined if all are
 * covered.
 */
function isolatedRoot(): string | undefined {
  const hasSharedAbove = (dir: string): boolean => {
    for (let d = dir; ; d = dirname(d)) {
      if (existsSync(join(d, 'shared', 'data'))) return true;
      if (dirname(d) === d) return false;
    }
  };
  return [tmpdir(), '/dev/shm', homedir()].find((d) => existsSync(d) && !hasSharedAbove(d));
}
const fakeRoot = isolatedRoot();

describe('locating shared/data and reporting bad files', () => {
  let tmp: string;
  const savedEnv = process.env['EMBFACT_DATA_DIR'];
  beforeEach(() => {
    tmp = mkdtempSync(join(fakeRoot ?? tmpdir(), 'embfact-datasets-'));
    delete process.env['EMBFACT_DATA_DIR'];
  });
  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
    if (savedEnv === undefined) delete process.env['EMBFACT_DATA_DIR'];
    else process.env['EMBFACT_DATA_DIR'] = savedEnv;
  });
  afterAll(() => {
    if (savedEnv !== undefined) process.env['EMBFACT_DATA_DIR'] = savedEnv;
  });

  it('candidates include <ancestor>/shared/data for the checkout layout <X>/main + <X>/shared', () => {
    const c = sharedDataCandidates();
    expect(c.length).toBeGreaterThan(2);
    expect(c.every((p) => p.endsWith(join('shared', 'data')))).toBe(true);
    if (dataDir) expect(c).toContain(dataDir);
  });

  it.skipIf(!fakeRoot)('finds shared/data beside any ancestor: <X>/main layout, a CI clone elsewhere; lists the paths tried when absent', () => {
    // <tmp>/X/main/packages/datasets with <tmp>/X/shared/data
    const pkg = join(tmp, 'X', 'main', 'packages', 'datasets');
    mkdirSync(pkg, { recursive: true });
    const none = (): string => sharedDataDir({ searchFrom: [pkg] });
    expect(none).toThrow(DataNotFoundError);
    expect(none).toThrow(`'${join(tmp, 'X', 'main', 'packages', 'datasets', 'shared', 'data')}'`);
    expect(none).toThrow(`'${join(tmp, 'X', 'shared', 'data')}'`);
    expect(none).toThrow(/EMBFACT_DATA_DIR/);
    expect(findSharedDataDir({ searchFrom: [pkg] })).toBeUndefined();
    mkdirSync(join(tmp, 'X', 'shared', 'data'), { recursive: true });
    expect(sharedDataDir({ searchFrom: [pkg] })).toBe(join(tmp, 'X', 'shared', 'data'));
    // CI: a clone in another folder with a copy of shared/ beside it
    const clone = join(tmp, 'ci', 'build-1234', 'packages', 'datasets');
    mkdirSync(clone, { recursive: true });
    mkdirSync(join(tmp, 'ci', 'shared', 'data'), { recursive: true });
    expect(sharedDataDir({ searchFrom: [clone, pkg] })).toBe(join(tmp, 'ci', 'shared', 'data'));
    expect(() => sharedDataDir({ searchFrom: 'x' as never })).toThrow(TypeError);
  });

  it('an explicit dataDir or EMBFACT_DATA_DIR that does not exist is an error naming the path', () => {
    const missing = join(tmp, 'nope');
    expect(() => sharedDataDir({ dataDir: missing })).toThrow(DataNotFoundError);
    expect(() => sharedDataDir({ dataDir: missing })).toThrow(`Tried: '${missing}'`);
    process.env['EMBFACT_DATA_DIR'] = missing;
    expect(() => sharedDataDir()).toThrow(/EMBFACT_DATA_DIR was not found\. Tried: '.*nope'/);
    expect(() => findSharedDataDir()).toThrow(DataNotFoundError); // explicit settings are never skipped in silence
    expect(() => sharedDataDir({ dataDir: '' })).toThrow(TypeError);
  });

  it('EMBFACT_DATA_DIR wins over the search; a missing file names its path', async () => {
    process.env['EMBFACT_DATA_DIR'] = tmp;
    expect(sharedDataDir()).toBe(tmp);
    await expect(loadAnalogy()).rejects.toThrow(`The data file 'analogy/questions-words.txt' was not found. Tried: '${join(tmp, 'analogy', 'questions-words.txt')}'`);
  });

  it('malformed files give a FormatError with file and line', async () => {
    mkdirSync(join(tmp, 'wordsim'));
    mkdirSync(join(tmp, 'analogy'));
    mkdirSync(join(tmp, 'keyphrase'));
    writeFileSync(join(tmp, 'wordsim', 'rg65.tsv'), 'word1\tword2\tscore\ngem\tjewel\t3.94\ncar\tauto\tn/a\n');
    writeFileSync(join(tmp, 'wordsim', 'mturk771.tsv'), 'word1\tword2\tscore\nonly\ttwo\n');
    writeFileSync(join(tmp, 'analogy', 'questions-words.txt'), 'a b c d\n');
    writeFileSync(join(tmp, 'keyphrase', 'inspec.jsonl'), '{"id": "1", "text": "t", "keyphrases": [], "split": "train"}\n{"id": 2, "text": "t", "keyphrases": "x", "split": "train"}\n');
    const opts = { dataDir: tmp };
    await expect(loadWordSimilarity('rg65', opts)).rejects.toThrow(FormatError);
    await expect(loadWordSimilarity('rg65', opts)).rejects.toThrow(`${join(tmp, 'wordsim', 'rg65.tsv')}:3:10: expected a numeric score; got "n/a"`);
    await expect(loadWordSimilarity('mturk771', opts)).rejects.toThrow(/mturk771\.tsv:2: expected 3 tab-separated columns .* got 2/);
    await expect(loadAnalogy(opts)).rejects.toThrow(/questions-words\.txt:1: expected a ': section' line/);
    await expect(loadInspec(opts)).rejects.toThrow(/inspec\.jsonl:2: expected 'keyphrases' to be an array of strings; got "x"/);
  });
});
