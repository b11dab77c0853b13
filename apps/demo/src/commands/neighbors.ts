/** `embfact neighbors WORD...`: nearest words before and after a transform. */
import { mostSimilar, type EmbeddingTable } from '@embfact/embeddings';
import { table, intOption, type Command } from '../command.js';
import { loadTable, makeTransform, methodOption, TABLE_OPTIONS, TRANSFORM_OPTIONS, transformParams } from '../shared.js';
import { InputError } from '../errors.js';

export interface NeighborsResult {
  method: string;
  words: {
    word: string; found: boolean;
    /** Why a found word has no neighbours on a side (its vector is all zeros there: no direction, no cosine). */
    note?: string;
    before: { word: string; similarity: number }[]; after: { word: string; similarity: number }[];
  }[];
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
      words: ctx.positionals.map((word) => {
        if (!tab.has(word)) return { word, found: false, before: [], after: [] };
        const zero: string[] = [];
        const near = (t: EmbeddingTable, side: string) => {
          if (isZeroRow(t, word)) { zero.push(side); return []; }
          return mostSimilar(t, word, top).map(({ word: w, similarity }) => ({ word: w, similarity }));
        };
        const before = near(tab, 'raw');
        const afterList = near(after, method);
        return { word, found: true, before, after: afterList, ...(zero.length ? { note: `its vector is all zeros (${[...new Set(zero)].join(', ')}): no direction, so no neighbours` } : {}) };
      }),
    };
  },
  render(r) {
    return r.words.map((w) => {
      if (!w.found) return `${w.word}: not in the vocabulary\n`;
      if (w.note && w.before.length === 0 && w.after.length === 0) return `${w.word}: ${w.note}\n`;
      const n = Math.max(w.before.length, w.after.length);
      const rows = Array.from({ length: n }, (_, i) => [i + 1, w.before[i]?.word ?? '', w.before[i]?.similarity ?? '', w.after[i]?.word ?? '', w.after[i]?.similarity ?? '']);
      return `${w.word}${w.note ? ` (${w.note})` : ''}\n` + table(['#', 'raw', 'cos', r.method, 'cos'], rows);
    }).join('\n');
  },
};

/** True when the word's row is all zeros (cosine undefined). */
function isZeroRow(t: EmbeddingTable, word: string): boolean {
  const v = t.vector(word)!;
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) return false;
  return true;
}
