/** CLI errors and the exit codes they map to. */
import { FormatError, NotFittedError } from '@embfact/core';
import { DataNotFoundError } from '@embfact/datasets';

/** Exit codes of the `embfact` command. */
export const ExitCode = {
  ok: 0,
  /** Bad input data: unreadable, missing or malformed file or data folder, wrong shape, unknown word. */
  badInput: 1,
  /** Bad command line: unknown command/option, invalid option value. */
  usage: 2,
  /** A bug: anything not anticipated. */
  internal: 70,
} as const;

/** A command-line mistake; printed with a hint to run `embfact help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Map an error to its exit code and a one-paragraph message (no stack for expected errors). */
export function classifyError(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: ExitCode.usage, message: `embfact: ${err.message}\nRun 'embfact help' for usage.` };
  if (err instanceof FormatError || err instanceof DataNotFoundError || err instanceof RangeError || err instanceof TypeError || err instanceof NotFittedError || isFsError(err)) {
    return { code: ExitCode.badInput, message: `embfact: ${(err as Error).message}` };
  }
  const e = err as Error;
  return { code: ExitCode.internal, message: `embfact: internal error: ${e?.stack ?? String(err)}` };
}

function isFsError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EPERM'].includes(code);
}
