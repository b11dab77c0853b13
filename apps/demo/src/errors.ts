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

/** Input data the command cannot use (an unknown word, a file that is not text); exit code 1. */
export class InputError extends Error {
  override name = 'InputError';
}

/** Map an error to its exit code and a one-paragraph message (no stack for expected errors). */
export function classifyError(err: unknown): { code: number; message: string } {
  if (err instanceof UsageError) return { code: ExitCode.usage, message: `embfact: ${err.message}\nRun 'embfact help' for usage.` };
  if (isFsError(err)) return { code: ExitCode.badInput, message: `embfact: ${fsMessage(err as NodeJS.ErrnoException)}` };
  if (err instanceof FormatError || err instanceof InputError || err instanceof DataNotFoundError || err instanceof RangeError || err instanceof TypeError || err instanceof NotFittedError) {
    return { code: ExitCode.badInput, message: `embfact: ${(err as Error).message}` };
  }
  const e = err as Error;
  return { code: ExitCode.internal, message: `embfact: internal error: ${e?.stack ?? String(err)}` };
}

function isFsError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EPERM'].includes(code);
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder', EACCES: 'permission denied', EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file', ENOTDIR: 'a part of the path is not a folder', EEXIST: 'it already exists',
};

/** "cannot read '/path': it is a folder, not a file" — the path when Node gives one, the reason in words. */
function fsMessage(err: NodeJS.ErrnoException): string {
  const reason = FS_REASONS[err.code ?? ''] ?? err.message;
  if (err.path === undefined) return `${reason} (${err.message})`;
  const verb = err.syscall === 'open' || err.syscall === 'read' ? 'read' : err.syscall === 'mkdir' ? 'create the folder' : err.syscall ?? 'access';
  return `cannot ${verb} '${err.path}': ${reason}.`;
}
