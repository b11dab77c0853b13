/** `embfact keywords FILE|-` and `embfact eval-keywords --dataset inspec`. */
import { readTextFile } from '../io.js';
import { loadBrown, loadInspec, loadJsonl } from '@embfact/datasets';
import { DocumentFrequencies, evaluateInspec, extractKeywords, METHODS, type Keyword, type Method } from '@embfact/keywords';
import { choiceOption, intOption, table, type Command, type Context } from '../command.js';
import { UsageError } from '../errors.js';
import { tokenize } from '@embfact/text';
import type { EmbeddingTable } from '@embfact/embeddings';
import { loadTable, methodList, tableForTask, TABLE_OPTIONS, TRANSFORM_OPTIONS, transformParams, type Method as TransformMethod } from '../shared.js';

const NEEDS_DF: readonly Method[] = ['tfidf', 'fusion'];

/** Document frequencies for tfidf/fusion: from Brown (general English), Inspec train+dev, or a JSONL corpus. */
async function documentFrequencies(ctx: Context, corpus: string): Promise<DocumentFrequencies> {
  let texts: string[];
  if (corpus === 'brown') texts = (await loadBrown()).map((d) => d.text);
  else if (corpus === 'inspec') texts = (await loadInspec()).filter((d) => d.split !== 'test').map((d) => d.text);
  else if (/\.jsonl?$/i.test(corpus)) texts = (await loadJsonl(ctx.path(corpus))).map((d) => d.text);
  else throw new UsageError(`--df-corpus must be brown, inspec or a JSONL file; got ${JSON.stringify(corpus)}.`);
  return new DocumentFrequencies().fit(texts, { onProgress: ctx.progress.step('document frequencies') });
}

export interface KeywordsResult {
  source: string; method: Method; transform: string; keywords: Keyword[];
  /** Set when the result cannot mean much (e.g. no word of the text has an embedding). */
  warning?: string;
}

export const keywords: Command<KeywordsResult> = {
  name: 'keywords',
  summary: 'Ranked keyphrases of one document (a file, or - for standard input), with scores and character offsets.',
  args: 'FILE|-',
  positionals: { min: 1, max: 1 },
  options: {
    ...TRANSFORM_OPTIONS,
    ...TABLE_OPTIONS,
    method: { type: 'string', valueName: 'M', description: METHODS.join(', '), default: 'fusion' },
    top: { type: 'string', valueName: 'N', description: 'keyphrases returned', default: '10' },
    transform: { type: 'string', valueName: 'M', description: 'embedding transform for the embedding method: raw, whiten, zca, abtt, lowrank', default: 'raw' },
    embeddings: { type: 'string', valueName: 'FILE', description: 'embedding file (default: the embedded default)' },
    'df-corpus': { type: 'string', valueName: 'C', description: 'corpus for document frequencies (tfidf, fusion): brown, inspec or a JSONL file', default: 'brown' },
  },
  async run(ctx) {
    const method = choiceOption(ctx, 'method', METHODS) ?? 'fusion';
    const top = intOption(ctx, 'top', 1, 1000) ?? 10;
    const transformName = (choiceOption(ctx, 'transform', ['raw', 'whiten', 'zca', 'abtt', 'lowrank'] as const) ?? 'raw') as TransformMethod;
    const src = ctx.positionals[0];
    const text = src === '-' ? await ctx.io.readStdin() : await readTextFile(ctx.path(src));
    const df = NEEDS_DF.includes(method) ? await documentFrequencies(ctx, String(ctx.options['df-corpus'])) : undefined;
    let tab: EmbeddingTable | undefined;
    if (method === 'embedding' || transformName !== 'raw') {
      if (method !== 'embedding') throw new UsageError(`--transform applies to --method embedding; got --method ${method}.`);
      const loaded = await loadTable(ctx, ctx.options.embeddings as string | undefined);
      transformParams(ctx, loaded.dim);
      tab = tableForTask(ctx, loaded, transformName, 'vocabulary').table;
    }
    const kws = extractKeywords(text, { method, top, df, table: tab });
    const result: KeywordsResult = { source: src === '-' ? '<stdin>' : src, method, transform: transformName, keywords: kws };
    if (tab !== undefined && kws.length > 0) {
      const tokens = tokenize(text);
      const known = tokens.filter((w) => tab.has(w)).length;
      if (known === 0) result.warning = `none of the ${tokens.length} words of the text has an embedding in the table, so the embedding scores carry no information.`;
    }
    return result;
  },
  render(r) {
    if (r.keywords.length === 0) return `${r.source}: no keyphrase candidates (empty text or no noun phrases).\n`;
    const rows = table(['#', 'keyphrase', 'score', 'first at'], r.keywords.map((k, i) => [i + 1, k.phrase, k.score, k.offsets[0] ? `${k.offsets[0].start}` : '-']));
    return r.warning ? `warning: ${r.warning}\n${rows}` : rows;
  },
};

export interface EvalKeywordsResult { rows: ReturnType<typeof evaluateInspec>[] }

export const evalKeywords: Command<EvalKeywordsResult> = {
  name: 'eval-keywords',
  summary: 'F1@5 / F1@10 on Inspec (uncontrolled gold; lowercased + Porter-stemmed exact match, macro-averaged) per method and transform.',
  args: '',
  positionals: { min: 0, max: 0 },
  options: {
    ...TRANSFORM_OPTIONS,
    dataset: { type: 'string', valueName: 'D', description: 'inspec (../shared/data/keyphrase/inspec.jsonl)', default: 'inspec' },
    split: { type: 'string', valueName: 'S', description: 'train, dev or test', default: 'test' },
    methods: { type: 'string', valueName: 'LIST', description: `comma-separated, from ${METHODS.join(', ')}`, default: 'tfidf,yake,textrank,embedding,fusion' },
    transforms: { type: 'string', valueName: 'LIST', description: 'for the embedding method: comma-separated raw, whiten, abtt, lowrank', default: 'raw,whiten,abtt' },
  },
  async run(ctx) {
    if (ctx.options.dataset !== 'inspec') throw new UsageError(`--dataset must be inspec; got ${JSON.stringify(ctx.options.dataset)}.`);
    const split = choiceOption(ctx, 'split', ['train', 'dev', 'test'] as const) ?? 'test';
    const methods = String(ctx.options.methods).split(',').map((m) => m.trim()).filter(Boolean);
    for (const m of methods) if (!(METHODS as readonly string[]).includes(m)) throw new UsageError(`--methods must list methods from ${METHODS.join(', ')}; got ${JSON.stringify(m)}.`);
    const transforms = methodList(ctx, 'transforms', ['raw', 'whiten', 'abtt']);
    const docs = await loadInspec();
    const needTable = methods.includes('embedding');
    const loaded = needTable ? await loadTable(ctx, undefined) : undefined;
    if (loaded) transformParams(ctx, loaded.dim);
    const rows: ReturnType<typeof evaluateInspec>[] = [];
    for (const m of methods as Method[]) {
      for (const t of m === 'embedding' ? transforms : ['raw' as const]) {
        const tab = loaded ? tableForTask(ctx, loaded, t, 'vocabulary').table : undefined;
        const r = evaluateInspec({ documents: docs, method: m, split, table: tab, onProgress: ctx.progress.step(`${m} ${m === 'embedding' ? t : ''}`.trim()) });
        rows.push({ ...r, transform: m === 'embedding' ? t : 'n/a' });
      }
    }
    return { rows };
  },
  render(r) {
    return table(['method', 'transform', 'split', 'docs', 'F1@5', 'F1@10', 'P@10', 'R@10'], r.rows.map((x) => [x.method, x.transform, x.split, x.documents, x.f1At5, x.f1At10, x.atK[10].precision, x.atK[10].recall])) +
      '\npublished F1@10 on Inspec test (pke): TF-IDF 0.350, SingleRank 0.342, TextRank 0.340, PositionRank 0.329.\n';
  },
};
