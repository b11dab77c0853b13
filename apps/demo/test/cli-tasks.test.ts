import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@embfact/core';
import { findSharedDataDir } from '@embfact/datasets';
import { run, smallEmbeddingFile } from './helpers.js';

/** Two topics whose words live in two regions of the small embedding space. */
function topicCorpus(dir: string): string {
  const rng = createRng(3);
  const lines: string[] = [];
  for (let i = 0; i < 40; i++) {
    const topic = i % 2;
    const words = Array.from({ length: 12 }, () => `w${topic * 150 + rng.int(150)}`);
    lines.push(JSON.stringify({ text: words.join(' '), label: topic ? 'b' : 'a' }));
  }
  const p = join(dir, 'corpus.jsonl');
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

describe('embfact classify / cluster on a JSONL corpus', () => {
  it('classify --json reports folds, mean accuracy and a confusion matrix over all documents', async () => {
    const { dir, file } = smallEmbeddingFile();
    const corpus = topicCorpus(dir);
    const r = await run(['classify', '--dataset', corpus, '--embeddings', file, '--features', 'tfidf', '--cv', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout).evaluation;
    expect(e.folds).toHaveLength(2);
    expect(e.mean.accuracy).toBeGreaterThan(0.5);
    expect(e.pooled.confusion.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(40);
  });
  it('classify rejects a transform without embedding features, and a JSONL without labels', async () => {
    const { dir, file } = smallEmbeddingFile();
    const corpus = topicCorpus(dir);
    const a = await run(['classify', '--dataset', corpus, '--embeddings', file, '--features', 'tfidf', '--transform', 'whiten']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/needs embedding features/);
    const unlabelled = join(dir, 'u.jsonl');
    writeFileSync(unlabelled, '{"text":"w1 w2"}\n');
    const b = await run(['classify', '--dataset', unlabelled, '--embeddings', file]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/u\.jsonl:1: expected a "label"/);
  });
  it('classify: labels of mixed types and more folds than the smallest class are bad input naming the cause', async () => {
    const { dir, file } = smallEmbeddingFile();
    const mixed = join(dir, 'mixed.jsonl');
    writeFileSync(mixed, ['{"text":"w1 w2","label":"1"}', '{"text":"w3 w4","label":1}', '{"text":"w5","label":"1"}'].join('\n') + '\n');
    const a = await run(['classify', '--dataset', mixed, '--embeddings', file, '--features', 'tfidf']);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/mixed\.jsonl:2: expected "label" 1 to have the type it has on line 1 \(string\)/);
    const one = join(dir, 'one.jsonl');
    writeFileSync(one, '{"text":"w1 w2","label":"spam"}\n{"text":"w3","label":"spam"}\n');
    const c = await run(['classify', '--dataset', one, '--embeddings', file, '--features', 'tfidf']);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/one\.jsonl has a single class \("spam", 2 documents\); classification needs at least 2/);
    const corpus = topicCorpus(dir);
    const b = await run(['classify', '--dataset', corpus, '--embeddings', file, '--features', 'tfidf', '--cv', '21']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/--cv 21 needs at least 21 documents of every class; class "a" of .*corpus\.jsonl has 20/);
  });
  it('--format, --vocab or --tensor without an embeddings file is a usage error, not ignored', async () => {
    const r = await run(['analyze', '--format', 'npy']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format applies to an embeddings file; none was given/);
    expect((await run(['analyze', '--format', 'nope'])).code).toBe(2);
  });
  it('cluster --json scores the clustering against the labels and describes clusters', async () => {
    const { dir, file } = smallEmbeddingFile();
    const corpus = topicCorpus(dir);
    const r = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--transform', 'abtt', '--d', '1', '--n-init', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.k).toBe(2);
    expect(j.clusters).toHaveLength(2);
    expect(j.scores.nmi).toBeGreaterThanOrEqual(0);
    expect(j.scores.nmi).toBeLessThanOrEqual(1);
    expect(j.clusters[0].size + j.clusters[1].size).toBe(40);
    // --k is the number of clusters here; the transform's dimensions are --rank.
    const r3 = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--k', '3', '--transform', 'lowrank', '--rank', '4', '--n-init', '2', '--json']);
    expect(r3.code, r3.stderr).toBe(0);
    const j3 = JSON.parse(r3.stdout);
    expect(j3.k).toBe(3);
    expect(j3.clusters).toHaveLength(3);
    expect(j3.config.lowrankK).toBe(4);
  });
  it('cluster describes clusters by log-odds terms: a word frequent in every document is not distinctive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embfact-terms-'));
    const rng = createRng(4);
    const lines = Array.from({ length: 40 }, (_, i) => {
      const words = Array.from({ length: 12 }, () => `w${(i % 2) * 150 + rng.int(150)}`);
      return JSON.stringify({ text: `shared shared shared ${words.join(' ')}`, label: i % 2 ? 'b' : 'a' });
    });
    const corpus = join(dir, 'shared.jsonl');
    writeFileSync(corpus, lines.join('\n') + '\n');
    const r = await run(['cluster', '--dataset', corpus, '--features', 'lsa', '--n-init', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.clusters).toHaveLength(2);
    for (const c of j.clusters) {
      expect(c.terms.length).toBeGreaterThan(0);
      expect(c.terms).not.toContain('shared'); // c-TF-IDF ranked it first in both clusters
    }
    const human = await run(['cluster', '--dataset', corpus, '--features', 'lsa', '--n-init', '2']);
    expect(human.stdout).toMatch(/distinctive terms \(log-odds\)/);
  });
  it('cluster without --spherical warns about documents with an all-zero feature vector (they are clustered as the origin)', async () => {
    const { dir, file, words } = smallEmbeddingFile();
    const corpus = join(dir, 'some-unknown.jsonl');
    const lines = [0, 1, 2, 3, 4, 5].map((i) => JSON.stringify({ text: words.slice(i * 5, i * 5 + 5).join(' '), label: i % 2 ? 'b' : 'a' }));
    lines.push(JSON.stringify({ text: 'zzz qqq', label: 'a' }), JSON.stringify({ text: '', label: 'b' }));
    writeFileSync(corpus, lines.join('\n') + '\n');
    const human = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--n-init', '2']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^warning: with --features emb, 2 of its 8 documents \(the first is document 7\) get an all-zero feature vector \(none of their words is in the embeddings\); they are clustered as the origin\.$/m);
    const json = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--n-init', '2', '--json']);
    expect(JSON.parse(json.stdout).warning).toMatch(/2 of its 8 documents/);
    const clean = await run(['cluster', '--dataset', topicCorpus(dir), '--embeddings', file, '--n-init', '2', '--json']);
    expect(JSON.parse(clean.stdout).warning).toBeUndefined();
  });
  it('cluster --transform abtt --scope documents refuses to remove as many directions as the documents span', async () => {
    const { dir, file, words } = smallEmbeddingFile();
    const corpus = join(dir, 'four.jsonl');
    writeFileSync(corpus, [0, 1, 2, 3].map((i) => JSON.stringify({ text: words.slice(i * 5, i * 5 + 5).join(' '), label: i % 2 ? 'b' : 'a' })).join('\n') + '\n');
    const bad = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--transform', 'abtt', '--scope', 'documents', '--d', '3', '--n-init', '2']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/four\.jsonl: --transform abtt --scope documents would remove 3 directions from 4 document vectors, whose centred rank is at most 3, leaving only rounding noise to cluster\. Use --d 2 or less, or --scope vocabulary\./);
    const ok = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--transform', 'abtt', '--scope', 'documents', '--d', '2', '--n-init', '2', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
  });
  it('cluster --features lsa|both clusters TF-IDF + LSA, with --lsa-dim k (the default: the number of clusters) or N', async () => {
    const { dir, file } = smallEmbeddingFile();
    const corpus = topicCorpus(dir);
    // lsa needs no embeddings: none is given, so the embedded default is not loaded either
    const r = await run(['cluster', '--dataset', corpus, '--features', 'lsa', '--n-init', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.k).toBe(2);
    expect(j.config).toMatchObject({ features: 'lsa', lsaDim: 2, lsaDimOption: 'k', spherical: false, nInit: 3, seed: 0 });
    expect(j.config.transform).toBeUndefined();
    expect(j.scores.nmi).toBeGreaterThan(0.5); // two topics with disjoint vocabularies
    expect(j.clusters[0].size + j.clusters[1].size).toBe(40);
    const human = await run(['cluster', '--dataset', corpus, '--features', 'lsa', '--k', '3', '--n-init', '2']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/corpus\.jsonl: k=3, features lsa \(TF-IDF \+ LSA 3 = k \+ l2\)\n/);
    const n = await run(['cluster', '--dataset', corpus, '--features', 'lsa', '--lsa-dim', '5', '--n-init', '2', '--json']);
    expect(n.code, n.stderr).toBe(0);
    expect(JSON.parse(n.stdout).config).toMatchObject({ features: 'lsa', lsaDim: 5, lsaDimOption: 5 });
    const both = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--features', 'both', '--k', '3', '--lsa-dim', 'k', '--spherical', '--n-init', '2', '--json']);
    expect(both.code, both.stderr).toBe(0);
    const jb = JSON.parse(both.stdout);
    expect(jb.config).toMatchObject({ features: 'both', lsaDim: 3, lsaDimOption: 'k', transform: 'raw', scope: 'vocabulary', pooling: 'mean', spherical: true });
    expect(jb.clusters).toHaveLength(3);
    const bothHuman = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--features', 'both', '--lsa-dim', '4', '--n-init', '2']);
    expect(bothHuman.code, bothHuman.stderr).toBe(0);
    expect(bothHuman.stdout).toMatch(/corpus\.jsonl: k=2, features both \(TF-IDF \+ LSA 4 \+ l2, and pooled embeddings\), transform raw \(vocabulary\), pooling mean\n/);
    const emb = await run(['cluster', '--dataset', corpus, '--embeddings', file, '--n-init', '2', '--json']);
    expect(emb.code, emb.stderr).toBe(0);
    expect(JSON.parse(emb.stdout).config).toMatchObject({ features: 'emb', transform: 'raw' });
    expect(JSON.parse(emb.stdout).config.lsaDim).toBeUndefined();
  });
  it('cluster: --lsa-dim without LSA features, a bad --lsa-dim and embedding options with --features lsa are usage errors', async () => {
    const { dir, file } = smallEmbeddingFile();
    const corpus = topicCorpus(dir);
    const cases: [string[], RegExp][] = [
      [['--lsa-dim', '10'], /--lsa-dim applies to --features lsa or both; got --features emb\./],
      [['--features', 'emb', '--lsa-dim', 'k'], /--lsa-dim applies to --features lsa or both; got --features emb\./],
      [['--features', 'lsa', '--lsa-dim', '0'], /--lsa-dim must be k \(the number of clusters\) or an integer in \[1, 40\] \(at most the number of documents\); got "0"\./],
      [['--features', 'both', '--lsa-dim', '41'], /--lsa-dim must be k .* or an integer in \[1, 40\].*; got "41"\./],
      [['--features', 'lsa', '--lsa-dim', 'K'], /--lsa-dim must be k .*; got "K"\./],
      [['--features', 'lsa', '--lsa-dim', '2.5'], /--lsa-dim must be k .*; got "2\.5"\./],
      [['--features', 'lsa', '--transform', 'whiten'], /--transform applies to embedding features \(--features emb or both\); --features lsa uses no embeddings\./],
      [['--features', 'lsa', '--embeddings', file], /--embeddings applies to embedding features/],
      [['--features', 'lsa', '--pooling', 'sif'], /--pooling applies to embedding features/],
      [['--features', 'tfidf'], /--features must be one of emb, lsa, both; got "tfidf"\./],
    ];
    for (const [args, message] of cases) {
      const r = await run(['cluster', '--dataset', corpus, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
  it('cluster: too few distinct documents, no TF-IDF terms or no known words are bad input naming the file and --k, for every --features', async () => {
    const { dir, file } = smallEmbeddingFile(); // words w0..w299
    const jsonl = (name: string, texts: string[]): string => {
      const p = join(dir, name);
      writeFileSync(p, texts.map((text, i) => JSON.stringify({ text, label: 'abc'[i % 3] })).join('\n') + '\n');
      return p;
    };
    const same = jsonl('same.jsonl', Array(6).fill('w1 w2 w3'));
    const two = jsonl('two.jsonl', ['w1 w2', 'w3 w4', 'w1 w2', 'w3 w4', 'w1 w2', 'w3 w4']);
    const reworded = jsonl('reworded.jsonl', ['w1 w2', 'The w2 w1.', 'W1 w2 of', 'w2, w1', 'w1 w2', 'w2 w1']);
    const stop = jsonl('stop.jsonl', ['the of and', '', ' a an the ', 'is it', '...', 'the']);
    const blank = jsonl('blank.jsonl', ['', '  ', '!?', '', '-', '']);
    const unknown = jsonl('unknown.jsonl', ['zz1 qq', 'zz2 qq', 'zz3', 'zz4 yy', 'zz5', 'zz6']);
    const someUnknown = jsonl('some-unknown.jsonl', ['w1 w2', 'zz1', 'w5 w9 w3', 'qq yy', 'w7 w8', 'zz2']);
    const emb = ['--embeddings', file];
    const cases: [string[], RegExp][] = [
      ...(['emb', 'lsa', 'both'] as const).flatMap((f): [string[], RegExp][] => [
        [['--dataset', same, '--k', '3', '--features', f, ...(f === 'lsa' ? [] : emb)], /same\.jsonl has only 1 distinct document \(of 6\); --k 3 needs at least 3\./],
        [['--dataset', two, '--k', '3', '--features', f, ...(f === 'lsa' ? [] : emb)], /two\.jsonl has only 2 distinct documents \(of 6\); --k 3 needs at least 3\./],
      ]),
      [['--dataset', same, ...emb], /same\.jsonl has only 1 distinct document \(of 6\); k = 3 \(the number of labels, the default of --k\) needs at least 3\./],
      // distinct texts, but the same words: the same feature vector
      [['--dataset', reworded, '--k', '2', ...emb], /reworded\.jsonl: with --features emb its 6 documents give only 1 distinct feature vector \(documents with the same words in the embeddings, or none, pool to the same vector\); --k 2 needs at least 2\./],
      [['--dataset', reworded, '--k', '2', '--features', 'lsa'], /reworded\.jsonl: with --features lsa its 6 documents give only 1 distinct feature vector \(documents with the same words after stop-word removal get the same TF-IDF vector\); --k 2 needs at least 2\./],
      [['--dataset', reworded, '--k', '2', '--features', 'both', ...emb], /reworded\.jsonl: with --features both its 6 documents give only 1 distinct feature vector/],
      // nothing left for TF-IDF after stop-word removal; emb is suggested only when stop words are there
      [['--dataset', stop, '--features', 'lsa'], /stop\.jsonl: no document has a word left after tokenization and stop-word removal \(its 6 texts are empty or only stop words and punctuation\), so --features lsa has no TF-IDF terms\. --features emb, which keeps stop words, may be an option\.$/m],
      [['--dataset', stop, '--features', 'both', ...emb], /stop\.jsonl: no document has a word left .*, so --features both has no TF-IDF terms\. --features emb/],
      [['--dataset', blank, '--features', 'lsa'], /blank\.jsonl: no document has a word left .*, so --features lsa has no TF-IDF terms\.$/m],
      // no word in the embeddings; lsa is suggested only when TF-IDF would have terms
      [['--dataset', unknown, ...emb], /unknown\.jsonl: none of its 6 documents has a word in .*small\.txt, so --features emb has no word vectors to pool\. --features lsa, which uses no embeddings, may be an option\./],
      [['--dataset', unknown, '--features', 'both', ...emb], /unknown\.jsonl: none of its 6 documents has a word in .*small\.txt, so --features both has no word vectors to pool\. --features lsa/],
      [['--dataset', stop, ...emb], /stop\.jsonl: none of its 6 documents has a word in .*small\.txt, so --features emb has no word vectors to pool\.$/m],
      // cosine k-means cannot use the zero vector of a document without known words
      [['--dataset', someUnknown, '--spherical', ...emb], /some-unknown\.jsonl: with --features emb, 3 of its 6 documents \(the first is document 2\) get an all-zero feature vector \(none of their words is in the embeddings\), which --spherical \(cosine\) k-means cannot use\./],
    ];
    for (const [args, message] of cases) {
      const r = await run(['cluster', ...args, '--n-init', '2']);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/KMeans|TfidfVectorizer|NaN|internal error/);
    }
    // the same files cluster when --k fits and --spherical is left out
    const ok = await run(['cluster', '--dataset', someUnknown, '--k', '3', ...emb, '--n-init', '2', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
  });
  it('cluster-words: fewer distinct word vectors than --k, or a zero vector under cosine, is bad input naming the file and --k', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embfact-cw-'));
    const txt = (name: string, rows: number[][]): string => {
      writeFileSync(join(dir, name), rows.map((r, i) => `w${i} ${r.join(' ')}`).join('\n') + '\n');
      return name; // relative: the message names the file as typed
    };
    const same = txt('same.txt', Array(5).fill([0.1, 0.2, 0.3]));
    const two = txt('two.txt', [[1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0]]);
    const multiples = txt('multiples.txt', [[1, 2, 3], [2, 4, 6], [0.5, 1, 1.5], [3, 6, 9]]);
    const zero = txt('zero.txt', [[1, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0]]);
    const oneZero = txt('one-zero.txt', [[1, 0, 0], [0, 1, 0], [0, 0, 0]]);
    const prefix = txt('prefix.txt', [[1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const cases: [string[], RegExp][] = [
      [[same, '--k', '2'], /^embfact: same\.txt has only 1 distinct word vector \(of 5\); --k 2 needs at least 2\.$/m],
      [[same, '--k', '2', '--euclidean'], /^embfact: same\.txt has only 1 distinct word vector \(of 5\); --k 2 needs at least 2\.$/m],
      [[two, '--k', '3'], /^embfact: two\.txt has only 2 distinct word vectors \(of 5\); --k 3 needs at least 3\.$/m],
      // cosine k-means sees directions: positive multiples are one point
      [[multiples, '--k', '2'], /^embfact: multiples\.txt has only 1 distinct word vector \(of 4\) as directions \(cosine k-means counts vectors that are positive multiples of one another as one; --euclidean does not\); --k 2 needs at least 2\.$/m],
      [[prefix, '--k', '2', '--max-vocab', '3'], /^embfact: prefix\.txt has only 1 distinct word vector \(of 3, the --max-vocab 3 most frequent words\); --k 2 needs at least 2\.$/m],
      [[zero, '--k', '2'], /^embfact: zero\.txt: 2 of its 4 word vectors \(the first is "w1"\) are all zeros, which cosine k-means cannot use\. Use --euclidean, or remove those words\.$/m],
      [[oneZero, '--k', '2'], /^embfact: one-zero\.txt: the vector of "w2" \(word 3 of 3\) is all zeros, which cosine k-means cannot use\. Use --euclidean, or remove that word\.$/m],
    ];
    for (const [args, message] of cases) {
      const r = await run(['cluster-words', ...args], dir);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/MiniBatchKMeans|k-means\+\+|internal error/);
    }
    // the same files cluster when --k fits them (Euclidean k-means takes multiples and zeros)
    for (const args of [[two, '--k', '2'], [multiples, '--k', '2', '--euclidean'], [zero, '--k', '2', '--euclidean'], [prefix, '--k', '3']]) {
      const r = await run(['cluster-words', ...args, '--json'], dir);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
  });
  it('cluster-words groups the vocabulary', async () => {
    const { file } = smallEmbeddingFile();
    const r = await run(['cluster-words', file, '--k', '5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.clusters).toHaveLength(5);
    expect(j.clusters.reduce((a: number, c: { size: number }) => a + c.size, 0)).toBe(300);
  });
});

describe('embfact keywords', () => {
  const text = 'Whitening transforms of word embeddings. We study whitening transforms and all-but-the-top post-processing of word embeddings for text classification.';
  it('reads standard input and returns phrases with offsets into it', async () => {
    const r = await run(['keywords', '-', '--method', 'yake', '--top', '5', '--json'], process.cwd(), {}, text);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.keywords.length).toBeGreaterThan(0);
    expect(j.keywords.length).toBeLessThanOrEqual(5);
    for (const k of j.keywords) for (const o of k.offsets) expect(text.slice(o.start, o.end).length).toBeGreaterThan(0);
    expect(j.keywords.map((k: { phrase: string }) => k.phrase.toLowerCase()).join('|')).toMatch(/whitening transforms|word embeddings/);
  });
  it('empty input gives an empty, documented result', async () => {
    const r = await run(['keywords', '-', '--method', 'yake'], process.cwd(), {}, '');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no keyphrase candidates/);
  });
  it('a binary or non-UTF-8 file, a folder and a missing file are bad input (exit 1) naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'embfact-kw-'));
    const bin = join(dir, 'a.bin');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x41]));
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('caf\xe9 r\xe9sum\xe9 of the whitening transforms', 'latin1'));
    const cases: [string, RegExp][] = [
      [bin, /a\.bin' is not text: it contains a NUL byte at offset 6/],
      [latin1, /latin1\.txt' is not UTF-8 text/],
      [dir, new RegExp(`cannot read '${dir}': it is a folder`)],
      [join(dir, 'missing.txt'), /cannot read '.*missing\.txt': no such file or folder/],
    ];
    for (const [file, message] of cases) {
      const r = await run(['keywords', file, '--method', 'yake']);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toMatch(message);
    }
    const stdin = await run(['keywords', '-', '--method', 'yake'], process.cwd(), {}, 'caf\u00e9 na\u00efve r\u00e9sum\u00e9 whitening');
    expect(stdin.code, stdin.stderr).toBe(0);
  });
  it('embedding ranking of a text with no word in the table warns that its scores carry no information', async () => {
    const { file } = smallEmbeddingFile();
    const none = await run(['keywords', '-', '--method', 'embedding', '--embeddings', file, '--json', '--quiet'], process.cwd(), {}, text);
    expect(none.code, none.stderr).toBe(0);
    expect(JSON.parse(none.stdout).warning).toMatch(/none of the \d+ words of the text has an embedding/);
    const some = await run(['keywords', '-', '--method', 'embedding', '--embeddings', file, '--quiet'], process.cwd(), {}, 'w1 w2 w3 model. w4 w5 transform w6.');
    expect(some.code, some.stderr).toBe(0);
    expect(some.stdout).toMatch(/w4 w5/);
    expect(some.stdout).not.toMatch(/warning/);
  });
  it('rejects an unknown method and a transform for a method without vectors', async () => {
    expect((await run(['keywords', '-', '--method', 'magic'], process.cwd(), {}, text)).code).toBe(2);
    const r = await run(['keywords', '-', '--method', 'yake', '--transform', 'whiten'], process.cwd(), {}, text);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--transform applies to --method embedding/);
  });
});

const shared = findSharedDataDir();
if (!shared) console.warn('eval-words CLI test skipped: ../shared/data not found (set EMBFACT_DATA_DIR).');
describe.skipIf(!shared)('embfact eval-words on the real default embeddings', () => {
  it('matches the independent numpy reference (WordSim-353 all, raw: 0.5327; RG-65 raw 0.6907)', async () => {
    const r = await run(['eval-words', '--methods', 'raw', '--analogy-vocab', '0', '--json', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const raw = JSON.parse(r.stdout).rows[0];
    // Reference: numpy on the default embeddings, lowercased, cosine, Spearman (issue #3).
    expect(raw.similarity.wordsim353_all.spearman).toBeCloseTo(0.5327, 3);
    expect(raw.similarity.wordsim353_all.covered).toBe(353);
    expect(raw.similarity.rg65.spearman).toBeCloseTo(0.6907, 3);
  }, 300_000);
});
