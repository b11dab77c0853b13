/**
 * Errors thrown by the dataset loaders. Malformed files raise core's `FormatError`
 * (re-exported here with `describe`), so one `instanceof` check covers every embfact reader.
 */
import { FormatError, describe, type FormatLocation } from '@embfact/core';

export { FormatError, describe, type FormatLocation };

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

