/**
 * Errors thrown by the dataset loaders.
 *
 * `@embfact/datasets` depends on no other embfact package (docs/architecture.md), so it
 * cannot import `FormatError` from `@embfact/core`. The class below has the same name,
 * fields and message layout (`file:line:column: message`), so code that tests
 * `err.name === 'FormatError'` treats both alike; `instanceof` distinguishes them.
 */

/** Where in a file a {@link FormatError} was found. */
export interface FormatLocation {
  /** Path of the file (or a label such as `'<input>'`). */
  file?: string;
  /** 1-based line number. */
  line?: number;
  /** 1-based column number. */
  column?: number;
  /** 0-based byte offset. */
  offset?: number;
}

/**
 * A data file does not follow its documented format (wrong column count, bad JSON,
 * a score that is not a number, ...). The message starts with `file:line[:column]: `.
 */
export class FormatError extends Error {
  override name = 'FormatError';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  constructor(message: string, where: FormatLocation = {}) {
    super(prefix(where) + message);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.offset = where.offset;
  }
}

function prefix(w: FormatLocation): string {
  if (w.file === undefined && w.line === undefined && w.offset === undefined) return '';
  let s = w.file ?? '<input>';
  if (w.line !== undefined) {
    s += `:${w.line}`;
    if (w.column !== undefined) s += `:${w.column}`;
  } else if (w.offset !== undefined) {
    s += `@${w.offset}`;
  }
  return `${s}: `;
}

/**
 * A data folder or file could not be found. `tried` lists every path that was looked
 * at, in order, and the message names them all.
 */
export class DataNotFoundError extends Error {
  override name = 'DataNotFoundError';
  /** Every path that was tried, in the order tried. */
  readonly tried: readonly string[];
  constructor(what: string, tried: readonly string[], hint = '') {
    super(
      `${what} was not found. Tried: ${tried.length ? tried.map((p) => `'${p}'`).join(', ') : '(nothing)'}.` +
        (hint ? ` ${hint}` : ''),
    );
    this.tried = tried;
  }
}

/** Short description of a value for error messages (`got 250`, `got a string`). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return value.length > 40 ? `a string of length ${value.length}` : JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}
