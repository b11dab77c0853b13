/**
 * Typed errors shared by every embfact package.
 *
 * Convention (see STYLE.md): `TypeError` for the wrong kind of input, `RangeError`
 * for a bad value or shape, and the named errors below for the remaining cases.
 * Messages name the parameter, what was expected and what was found.
 */

/** Thrown when a learned attribute or `transform` is used before `fit`. */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
  /**
   * @param estimator - class name of the estimator, e.g. `'Whitening'`.
   * @param member - what was accessed, e.g. `'transform'` or `'components'`.
   */
  constructor(estimator: string, member: string) {
    super(`${estimator} is not fitted yet: call fit() before using '${member}'.`);
  }
}

/** Where in a file a {@link FormatError} was found. All fields are optional. */
export interface FormatLocation {
  /** Path of the file (or a label such as `'<stdin>'`). */
  file?: string;
  /** 1-based line number, for text formats. */
  line?: number;
  /** 1-based column number, for text formats. */
  column?: number;
  /** 0-based byte offset, for binary formats. */
  offset?: number;
}

/**
 * Thrown by readers when a file (or serialized model) does not follow its format.
 * The message starts with the location (`file:line:column` or `file@offset`) so
 * editors and terminals can jump to it.
 */
export class FormatError extends Error {
  override name = 'FormatError';
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly offset?: number;
  constructor(message: string, where: FormatLocation = {}) {
    super(formatLocation(where) + message);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.offset = where.offset;
  }
}

function formatLocation(w: FormatLocation): string {
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

/** Short, readable description of a value for error messages (`got 250`, `got a string`). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return value.length > 40 ? `a string of length ${value.length}` : JSON.stringify(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'Object'})`;
  return `a ${typeof value}`;
}
