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

  const time = (fn: () => void): number => {
    fn(); // warm-up (JIT, tagger lexicon, stem cache)
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      fn();
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };

  // peer: natural's TfIdf — add the documents, then list the top terms of each
  const naturalMs = time(() => {
    const tfidf = new natural.TfIdf();
    for (const t of texts) tfidf.addDocument(t);
    for (let i = 0; i < texts.length; i++) tfidf.listTerms(i).slice(0, 10);
  });
  const naturalRate = (texts.length / naturalMs) * 1000;
  log(`documents: ${texts.length} Inspec abstracts (${quick ? 'test split' : 'all splits'}), best of ${repeats}`);
  log(`| method | docs/s | vs natural TfIdf |`);
  log(`|---|---:|---:|`);
  log(`| natural TfIdf (peer, terms only) | ${naturalRate.toFixed(0)} | 1.00 |`);

  const results: Record<string, unknown> = { documents: texts.length, naturalTfIdfDocsPerSec: naturalRate, pke: 'skipped: pke (Python) not installed; published TfIdf 618.4 docs/s on Inspec' };
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
    log(`| embedding | skipped in --quick (loads the 341,479 x 100 table) | |`);
  }
  const rates: Record<string, number> = {};
  for (const { label, o } of methods) {
    const ex = new KeywordExtractor({ ...o, top: 10 });
    const ms = time(() => { ex.extractBatch(texts); });
    const rate = (texts.length / ms) * 1000;
    rates[label] = rate;
    log(`| ${label} | ${rate.toFixed(0)} | ${(rate / naturalRate).toFixed(2)} |`);
  }
  log(`| pke TfIdf (Python) | skipped: not installed (published 618 docs/s) | |`);
  results.docsPerSec = rates as Record<Method | string, number>;
  return results;
}
