/**
 * Text benchmark (@embfact/text) on the real SpamAssassin corpus, side by side in one process:
 * - tokenization: our Unicode regex tokenizer vs `natural`'s WordTokenizer (+ lowercase);
 * - tokenize + pool (DocumentEmbedder, mean and SIF) on the default embeddings vs `natural`'s own
 *   TfIdf (addDocument for every document, then listTerms for every document = its tf-idf vector);
 * - our TfidfVectorizer (fit + transform) vs the same `natural` TfIdf run;
 * - 3CosAdd analogy throughput (questions/s over the whole 341,479-word vocabulary); the full
 *   19,544-question run only without --quick.
 * Figures are documents (or questions) per second; ratios are ours / natural.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { loadSpamAssassin, loadAnalogy } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { DocumentEmbedder, TfidfVectorizer, createTokenizer, analogyAccuracy } from '@embfact/text';

interface NaturalTfIdf {
  addDocument(doc: string): void;
  listTerms(d: number): { term: string; tfidf: number }[];
}
interface NaturalSubset {
  WordTokenizer: new () => { tokenize(s: string): string[] };
  TfIdf: new () => NaturalTfIdf;
}
const natural = createRequire(import.meta.url)('natural') as NaturalSubset;

function time<T>(f: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t0) / 1000 };
}

export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { log, quick } = opts;
  const all = await loadSpamAssassin();
  const texts = all.map((d) => d.text);
  // natural's TfIdf scans every document for each new term's idf (O(terms x docs)): the quick run
  // uses the first 1,000 documents for the head-to-head rows.
  const nNatural = quick ? 1000 : texts.length;
  const docs = texts.slice(0, nNatural);
  const chars = docs.reduce((s, t) => s + t.length, 0);
  log(`SpamAssassin: ${texts.length} messages; head-to-head on ${docs.length} (${(chars / 1e6).toFixed(1)} M characters)`);
  const results: Record<string, unknown> = { documents: docs.length, characters: chars };

  // 1. tokenization
  const ours = createTokenizer();
  const wt = new natural.WordTokenizer();
  // warm up both tokenizers (JIT) on 200 documents before timing
  for (const t of docs.slice(0, 200)) { ours(t); wt.tokenize(t.toLowerCase()); }
  const tOurs = time(() => { let n = 0; for (const t of docs) n += ours(t).length; return n; });
  const tNat = time(() => { let n = 0; for (const t of docs) n += wt.tokenize(t.toLowerCase()).length; return n; });
  const row = (name: string, n: number, s: number, peer?: number) => {
    const rate = n / s;
    log(`${name.padEnd(44)} ${rate.toFixed(0).padStart(9)} docs/s  ${s.toFixed(2).padStart(7)} s${peer !== undefined ? `   x${(rate / peer).toFixed(2)} vs natural TfIdf` : ''}`);
    return rate;
  };
  const natTokRate = docs.length / tNat.seconds;
  const ourTokRate = docs.length / tOurs.seconds;
  log(`${'tokenize: @embfact/text (Unicode regex)'.padEnd(44)} ${ourTokRate.toFixed(0).padStart(9)} docs/s  ${tOurs.seconds.toFixed(2).padStart(7)} s   ${tOurs.value} tokens   x${(ourTokRate / natTokRate).toFixed(2)} vs natural`);
  log(`${'tokenize: natural WordTokenizer'.padEnd(44)} ${natTokRate.toFixed(0).padStart(9)} docs/s  ${tNat.seconds.toFixed(2).padStart(7)} s   ${tNat.value} tokens`);
  results.tokenize = { oursDocsPerSec: ourTokRate, naturalDocsPerSec: natTokRate, ratio: ourTokRate / natTokRate, oursTokens: tOurs.value, naturalTokens: tNat.value };

  // 2. natural's TfIdf: the peer for both rows below
  const natTfidf = time(() => {
    const tfidf = new natural.TfIdf();
    for (const t of docs) tfidf.addDocument(t);
    let nnz = 0;
    for (let i = 0; i < docs.length; i++) nnz += tfidf.listTerms(i).length;
    return nnz;
  });
  const natRate = docs.length / natTfidf.seconds;

  // 3. our TF-IDF
  const ourTfidf = time(() => new TfidfVectorizer({ sublinearTf: true }).fitTransform(docs));
  // 4. tokenize + pool on the default embeddings (loading the table is not timed)
  const table = await loadDefaultEmbeddings();
  const meanFit = time(() => new DocumentEmbedder({ table }).fit(docs.slice(0, 1)));
  const meanCold = time(() => meanFit.value.transform(docs));
  const meanWarm = time(() => meanFit.value.transform(docs));
  const sif = time(() => new DocumentEmbedder({ table, pooling: 'sif' }).fitTransform(docs));
  const oov = meanWarm.value.oovRate.reduce((s, x) => s + x, 0) / docs.length;
  const empty = meanWarm.value.empty.reduce((s, x) => s + x, 0);

  log('');
  const rates = {
    naturalTfIdf: row('natural TfIdf (addDocument + listTerms)', docs.length, natTfidf.seconds),
    oursTfidf: row('TfidfVectorizer fit+transform', docs.length, ourTfidf.seconds, natRate),
    poolMeanCold: row('tokenize+pool mean (cold token cache)', docs.length, meanCold.seconds, natRate),
    poolMeanWarm: row('tokenize+pool mean (warm token cache)', docs.length, meanWarm.seconds, natRate),
    poolSifFitTransform: row('tokenize+pool SIF fit+transform (+PC removal)', docs.length, sif.seconds, natRate),
  };
  log(`mean OOV rate per document ${(100 * oov).toFixed(1)} %, documents without any known token: ${empty}`);
  results.docsPerSec = rates;
  results.ratiosVsNaturalTfIdf = {
    tfidf: rates.oursTfidf / natRate, poolMeanCold: rates.poolMeanCold / natRate,
    poolMeanWarm: rates.poolMeanWarm / natRate, poolSif: rates.poolSifFitTransform / natRate,
  };
  results.meanOovRate = oov;
  results.emptyDocuments = empty;
  results.tfidfFeatures = ourTfidf.value.cols;

  // 5. analogy throughput over the whole vocabulary
  const questions = await loadAnalogy();
  const nq = quick ? 128 : questions.length;
  const cpu0 = process.cpuUsage();
  const an = time(() => analogyAccuracy(table, questions, { maxQuestions: nq }));
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const qps = an.value.covered / an.seconds;
  const madds = an.value.covered * an.value.searched * table.dim;
  log('');
  log(`analogy 3CosAdd, ${an.value.covered} questions x ${an.value.searched} words: ${an.seconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU ` +
    `(${qps.toFixed(1)} questions/s, ${(madds / an.seconds / 1e9).toFixed(2)} G multiply-adds/s wall, ${(madds / cpuSeconds / 1e9).toFixed(2)} per CPU-second), accuracy ${an.value.accuracy.toFixed(4)}`);
  if (quick) {
    log(`(full 19,544-question run estimated at ${(19544 / qps / 60).toFixed(1)} min wall at this load, ` +
      `${(19544 * an.value.searched * table.dim / (madds / cpuSeconds) / 60).toFixed(1)} min of CPU; run without --quick to measure it)`);
  }
  // numpy peer: its full-run time is measured by the committed reference script (not re-run here).
  let numpySeconds: number | null = null;
  try {
    const refUrl = new URL('../../../packages/text/test/fixtures/word_eval_reference.json', import.meta.url);
    numpySeconds = (JSON.parse(readFileSync(refUrl, 'utf8')) as { analogyFullRunSeconds: number }).analogyFullRunSeconds;
    log(`numpy peer (from make_word_eval_reference.py, not re-run): full 19,544-question run ${numpySeconds.toFixed(1)} s` +
      (quick ? '' : `; ours x${(numpySeconds / an.seconds).toFixed(2)} its speed`));
  } catch {
    log('numpy peer: skipped (packages/text/test/fixtures/word_eval_reference.json not found)');
  }
  results.analogy = { questions: an.value.covered, searched: an.value.searched, seconds: an.seconds, cpuSeconds, questionsPerSec: qps, accuracy: an.value.accuracy, numpyFullRunSeconds: numpySeconds };
  return results;
}
