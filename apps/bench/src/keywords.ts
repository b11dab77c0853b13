/**
 * Keyword extraction throughput on Inspec (2,000 abstracts): documents per second for
 * every @embfact/keywords method, next to natural's TfIdf (term-level TF-IDF, the JS
 * peer) run in the same process on the same texts. pke (Python) is not installed here:
 * it is reported as skipped with its published figure (618 docs/s for TfIdf on Inspec,
 * boudinfl/pke results.md) for reference only.
 */
import { createRequire } from 'node:module';
import { loadInspec } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { DocumentFrequencies, KeywordExtractor, type ExtractOptions, type Method } from '@embfact/keywords';

// natural through createRequire: importing it makes tsc check natural's shipped SenType.ts,
// which fails under verbatimModuleSyntax.
const natural = createRequire(import.meta.url)('natural') as {
  TfIdf: new () => { addDocument(text: string): void; listTerms(i: number): { term: string; tfidf: number }[] };
};

/** Throughput of every keyword method on Inspec, with natural's TfIdf as the in-process peer. */
export async function run(opts: { quick: boolean; log: (line: string) => void }): Promise<Record<string, unknown>> {
  const { quick, log } = opts;
  const docs = await loadInspec();
  const test = docs.filter((d) => d.split === 'test').map((d) => d.text);
  const texts = quick ? test : docs.map((d) => d.text);
  const df = new DocumentFrequencies().fit(docs.filter((d) => d.split !== 'test').map((d) => d.text));
  const repeats = quick ? 1 : 3;

  // Wall time and this process's CPU time (user + system): on a shared, overloaded machine the
  // CPU figure is the stable one; both are reported.
  const time = (fn: () => void): { wall: number; cpu: number } => {
    fn(); // warm-up (JIT, tagger lexicon, stem cache)
    let best = { wall: Infinity, cpu: Infinity };
    for (let r = 0; r < repeats; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fn();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      const cpu = (c.user + c.system) / 1000;
      if (cpu < best.cpu) best = { wall, cpu };
    }
    return best;
  };
  const rate = (ms: number): number => (texts.length / ms) * 1000;

  // peer: natural's TfIdf — add the documents, then list the top terms of each
  const nat = time(() => {
    const tfidf = new natural.TfIdf();
    for (const t of texts) tfidf.addDocument(t);
    for (let i = 0; i < texts.length; i++) tfidf.listTerms(i).slice(0, 10);
  });
  const naturalRate = rate(nat.cpu);
  log(`documents: ${texts.length} Inspec abstracts (${quick ? 'test split' : 'all splits'}), best of ${repeats} by CPU time`);
  log(`| method | docs per CPU-second | docs/s wall | CPU ratio vs natural TfIdf |`);
  log(`|---|---:|---:|---:|`);
  log(`| natural TfIdf (peer, terms only) | ${naturalRate.toFixed(0)} | ${rate(nat.wall).toFixed(0)} | 1.00 |`);

  const results: Record<string, unknown> = { documents: texts.length, unit: 'documents per CPU-second', naturalTfIdfDocsPerSec: naturalRate, pke: 'skipped: pke (Python) not installed; published TfIdf 618.4 docs/s on Inspec' };
  const methods: { label: string; o: ExtractOptions }[] = [
    { label: 'tfidf', o: { method: 'tfidf', df } },
    { label: 'tfidf (n-grams, no POS)', o: { method: 'tfidf', df, candidates: { selection: 'ngrams' } } },
    { label: 'yake', o: { method: 'yake' } },
    { label: 'textrank', o: { method: 'textrank' } },
    { label: 'singlerank', o: { method: 'singlerank' } },
    { label: 'positionrank', o: { method: 'positionrank' } },
    { label: 'fusion', o: { method: 'fusion', df } },
  ];
  if (!quick) {
    const table = await loadDefaultEmbeddings();
    methods.push({ label: 'embedding', o: { method: 'embedding', table } });
    methods.push({ label: 'embedding + MMR', o: { method: 'embedding', table, diversity: 'mmr' } });
    methods.push({ label: 'fusion + embedding', o: { method: 'fusion', df, table, fusion: [{ method: 'tfidf', weight: 2 }, { method: 'yake' }, { method: 'textrank' }, { method: 'singlerank' }, { method: 'embedding' }] } });
  } else {
    log(`| embedding | skipped in --quick (loads the 341,479 x 100 table) | | |`);
  }
  const rates: Record<string, number> = {};
  for (const { label, o } of methods) {
    const ex = new KeywordExtractor({ ...o, top: 10 });
    const t = time(() => { ex.extractBatch(texts); });
    rates[label] = rate(t.cpu);
    log(`| ${label} | ${rate(t.cpu).toFixed(0)} | ${rate(t.wall).toFixed(0)} | ${(rate(t.cpu) / naturalRate).toFixed(2)} |`);
  }
  log(`| pke TfIdf (Python) | skipped: not installed (published 618 docs/s) | | |`);
  results.docsPerSec = rates as Record<Method | string, number>;
  return results;
}
