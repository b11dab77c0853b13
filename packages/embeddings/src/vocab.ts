/**
 * Vocabulary files for matrix-only formats (.npy, .safetensors): `vocab.txt` (one token per line,
 * BERT style) or a HuggingFace `tokenizer.json` (`model.vocab`: token → id map, or Unigram's
 * `[token, score]` list; `added_tokens` entries are merged by id).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FormatError, describe, type FormatLocation } from '@embfact/core';
import { atomicWrite, fileSize, openForRead, writeAll } from './io.js';

/** A vocabulary in row order plus, for each token, where it was defined (for error messages). */
export interface Vocabulary {
  tokens: string[];
  file: string;
  where(i: number): FormatLocation;
}

/**
 * Read a vocabulary: `*.json` is parsed as a HuggingFace tokenizer.json, anything else as vocab.txt.
 *
 * vocab.txt rules: lines split on `\n`, a trailing `\r` is removed (CRLF files), one final empty line
 * (the file's last line break) is ignored; any other empty line is a FormatError.
 * @throws FormatError on a missing/empty file, an empty token, a malformed tokenizer.json, or token ids
 *   that leave a gap
 */
export async function readVocabulary(path: string): Promise<Vocabulary> {
  const { fh } = await openForRead(path);
  await fh.close();
  const raw = await readFile(path, 'utf8');
  // a UTF-8 byte-order mark (Windows editors write one) is not part of the first token
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (path.toLowerCase().endsWith('.json')) return parseTokenizerJson(text, path);
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new FormatError('empty vocabulary file; expected one token per line.', { file: path, line: 1, column: 1 });
  for (let i = 0; i < lines.length; i++) {
    let t = lines[i];
    if (t.endsWith('\r')) t = lines[i] = t.slice(0, -1);
    if (t.length === 0) throw new FormatError('empty token; expected one non-empty token per line.', { file: path, line: i + 1, column: 1 });
  }
  return { tokens: lines, file: path, where: (i) => ({ line: i + 1, column: 1 }) };
}

function parseTokenizerJson(text: string, path: string): Vocabulary {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FormatError(`invalid JSON (${(err as Error).message}); expected a HuggingFace tokenizer.json.`, { file: path });
  }
  const model = (json as { model?: { vocab?: unknown } } | null)?.model;
  const vocab = model?.vocab;
  const byId = new Map<number, string>();
  const put = (token: unknown, id: unknown, what: string): void => {
    if (typeof token !== 'string' || typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new FormatError(`${what}: expected a string token with a non-negative integer id; found ${describe(token)} → ${describe(id)}.`, { file: path });
    }
    const prev = byId.get(id);
    if (prev !== undefined && prev !== token) {
      throw new FormatError(`${what}: id ${id} is given to both ${JSON.stringify(prev)} and ${JSON.stringify(token)}; expected one token per id.`, { file: path });
    }
    byId.set(id, token);
  };
  if (Array.isArray(vocab)) {
    // Unigram: [[token, score], ...], the id is the position.
    vocab.forEach((e, i) => put(Array.isArray(e) ? e[0] : e, i, `model.vocab[${i}]`));
  } else if (vocab !== null && typeof vocab === 'object') {
    for (const [token, id] of Object.entries(vocab as Record<string, unknown>)) put(token, id, `model.vocab[${JSON.stringify(token)}]`);
  } else {
    throw new FormatError(`expected a tokenizer.json with a 'model.vocab' object (token → id) or list; found ${describe(vocab)}.`, { file: path });
  }
  const added = (json as { added_tokens?: unknown }).added_tokens;
  if (Array.isArray(added)) {
    added.forEach((e, i) => put((e as { content?: unknown })?.content, (e as { id?: unknown })?.id, `added_tokens[${i}]`));
  }
  const n = byId.size === 0 ? 0 : Math.max(...byId.keys()) + 1;
  if (n === 0) throw new FormatError('empty vocabulary; expected at least one token in model.vocab.', { file: path });
  const tokens = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const t = byId.get(i);
    if (t === undefined) throw new FormatError(`token ids must be 0..${n - 1} without gaps; id ${i} is missing.`, { file: path });
    tokens[i] = t;
  }
  return { tokens, file: path, where: () => ({}) };
}

/**
 * Find the vocabulary for a matrix file: the `vocab` option when given, else `<base>.vocab.txt`
 * (what our writers produce), else `vocab.txt`, else `tokenizer.json` in the same directory.
 * @throws FormatError naming the candidates when none exists
 */
export async function locateVocabulary(matrixPath: string, base: string, vocab?: string): Promise<string> {
  if (vocab !== undefined) {
    if (typeof vocab !== 'string') throw new TypeError(`The 'vocab' option of readEmbeddings must be a path; got ${describe(vocab)}.`);
    return vocab;
  }
  const candidates = [`${base}.vocab.txt`, join(dirname(matrixPath), 'vocab.txt'), join(dirname(matrixPath), 'tokenizer.json')];
  for (const c of candidates) if ((await fileSize(c)) >= 0) return c;
  throw new FormatError(`no vocabulary found; expected the 'vocab' option or one of ${candidates.map((c) => JSON.stringify(c)).join(', ')}.`, { file: matrixPath });
}

/**
 * Write `vocab.txt` (one token per line), atomically.
 * @throws RangeError when a token is empty or contains a line break
 */
export async function writeVocabulary(tokens: readonly string[], path: string): Promise<void> {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].length === 0 || /[\n\r]/.test(tokens[i])) {
      throw new RangeError(`Word ${i} (${JSON.stringify(tokens[i])}) cannot be written to a vocab.txt: words must be non-empty without line breaks.`);
    }
  }
  await atomicWrite(path, async (fh) => {
    const CH = 65536;
    for (let i = 0; i < tokens.length; i += CH) {
      await writeAll(fh, Buffer.from(tokens.slice(i, i + CH).join('\n') + '\n', 'utf8'));
    }
  });
}
