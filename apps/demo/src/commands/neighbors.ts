/** `embfact neighbors WORD...`: nearest words before and after a transform. */
import { mostSimilar } from '@embfact/embeddings';
import { table, intOption, type Command } from '../command.js';
import { loadTable, makeTransform, methodOption, TABLE_OPTIONS, TRANSFORM_OPTIONS, transformParams } from '../shared.js';
import { InputError } from '../errors.js';

export interface NeighborsResult {
  method: string;
  words: { word: string; found: boolean; before: { word: string; similarity: number }[]; after: { word: string; similarity: number }[] }[];
}

export const neighbors: Command<NeighborsResult> = {
  name: 'neighbors',
  summary: 'Nearest words by cosine, before and after a transform (exact search).',
  args: 'WORD...',
  positionals: { min: 1, max: 50 },
  options: {
    ...TABLE_OPTIONS,
    ...TRANSFORM_OPTIONS,
    file: { type: 'string', valueName: 'FILE', description: 'embedding file (default: the embedded default)' },
    method: { type: 'string', valueName: 'M', description: 'raw, whiten, zca, abtt or lowrank', default: 'whiten' },
    top: { type: 'string', valueName: 'N', description: 'neighbours per word', default: '10' },
  },
  async run(ctx) {
    const method = methodOption(ctx);
    const top = intOption(ctx, 'top', 1, 1000) ?? 10;
    const tab = await loadTable(ctx, ctx.options.file as string | undefined);
    const missing = ctx.positionals.filter((w) => !tab.has(w));
    if (missing.length === ctx.positionals.length) {
      throw new InputError(`neighbors: none of the words is in the vocabulary: ${missing.join(', ')}.`);
    }
    const t = makeTransform(method, transformParams(ctx, tab.dim), tab.dim);
    let after = tab;
    if (t) {
      ctx.progress.step(`fitting ${method}`);
      t.fit(tab.matrix);
      after = tab.withMatrix(t.transform(tab.matrix));
    }
    return {
      method,
      words: ctx.positionals.map((word) => ({
        word,
        found: tab.has(word),
        before: tab.has(word) ? mostSimilar(tab, word, top).map(({ word: w, similarity }) => ({ word: w, similarity })) : [],
        after: tab.has(word) ? mostSimilar(after, word, top).map(({ word: w, similarity }) => ({ word: w, similarity })) : [],
      })),
    };
  },
  render(r) {
    return r.words.map((w) => {
      if (!w.found) return `${w.word}: not in the vocabulary\n`;
      const rows = w.before.map((b, i) => [i + 1, b.word, b.similarity, w.after[i]?.word ?? '', w.after[i]?.similarity ?? NaN]);
      return `${w.word}\n` + table(['#', 'raw', 'cos', r.method, 'cos'], rows);
    }).join('\n');
  },
};
