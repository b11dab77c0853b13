/**
 * The shape of an `embfact` command and the shared option parsing.
 * Each command declares its options once; parsing, `--help`, `--json` and `--quiet`
 * are handled here so every command behaves the same.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { UsageError } from './errors.js';
import { Progress, type Io } from './io.js';

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

/** What a command's `run` receives. */
export interface Context {
  io: Io;
  /** Parsed option values (strings / booleans as declared). */
  options: Record<string, string | boolean | undefined>;
  /** Positional arguments after the command name. */
  positionals: string[];
  json: boolean;
  quiet: boolean;
  progress: Progress;
  /** Resolve a user path against the invocation's directory. */
  path(p: string): string;
}

/** One `embfact` sub-command. */
export interface Command<R = unknown> {
  name: string;
  summary: string;
  /** Positional part of the usage line, e.g. `'[file]'`. */
  args: string;
  options: Record<string, OptionSpec>;
  /** Positional argument count allowed. */
  positionals: { min: number; max: number };
  run(ctx: Context): Promise<R>;
  /** Human-readable rendering of the result (ignored with --json). */
  render(result: R): string;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print one JSON document on stdout instead of tables' },
  quiet: { type: 'boolean', short: 'q', description: 'no progress bars or notes on stderr' },
  help: { type: 'boolean', short: 'h', description: 'show this command\'s help' },
};

/** Parse argv for one command; throws UsageError naming the offending option. */
export function parseCommandArgs(cmd: Command, argv: string[], io: Io): Context | 'help' {
  const options = { ...GLOBAL_OPTIONS, ...cmd.options };
  // `--eps -1`: parseArgs takes "-1" for an option and refuses; a string option followed by a
  // negative number gets it as its value, as `--eps=-1` would.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && /^-\d|^-\.\d/.test(argv[i + 1] ?? '')) {
      args.push(`${argv[i]}=${argv[++i]}`);
    } else args.push(argv[i]);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, { type: v.type, ...(v.short ? { short: v.short } : {}), ...(v.multiple ? { multiple: true } : {}) }])),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(`${cmd.name}: ${(err as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return 'help';
  const pos = parsed.positionals;
  if (pos.length < cmd.positionals.min || pos.length > cmd.positionals.max) {
    throw new UsageError(`${cmd.name}: expected ${describeCount(cmd.positionals)} argument(s) (${cmd.args || 'none'}); got ${pos.length}${pos.length ? ` (${pos.join(' ')})` : ''}.`);
  }
  for (const [k, spec] of Object.entries(cmd.options)) {
    if (values[k] === undefined && spec.default !== undefined) values[k] = spec.default as string | boolean;
  }
  const json = Boolean(values.json);
  const quiet = Boolean(values.quiet);
  return {
    io, options: values, positionals: pos, json, quiet,
    progress: new Progress(io, { quiet, json }),
    path: (p) => resolve(io.cwd, p),
  };
}

function describeCount({ min, max }: { min: number; max: number }): string {
  return min === max ? String(min) : `${min} to ${max}`;
}

/** Help text of one command. */
export function commandHelp(cmd: Command): string {
  const all = { ...cmd.options, ...GLOBAL_OPTIONS };
  const lines = [`Usage: embfact ${cmd.name}${cmd.args ? ' ' + cmd.args : ''} [options]`, '', cmd.summary, '', 'Options:'];
  for (const [k, v] of Object.entries(all)) {
    const flag = `${v.short ? `-${v.short}, ` : '    '}--${k}${v.type === 'string' ? ` ${v.valueName ?? 'VALUE'}` : ''}`;
    const def = v.default !== undefined && v.type === 'string' ? ` (default: ${String(v.default)})` : '';
    lines.push(`  ${flag.padEnd(30)} ${v.description}${def}`);
  }
  return lines.join('\n') + '\n';
}

/** Read an integer option; UsageError names the option, the range and what was given. */
export function intOption(ctx: Context, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim()) || v < min || v > max) {
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}]; got ${JSON.stringify(raw)}.`);
  }
  return v;
}

/** Read a number option. */
export function numberOption(ctx: Context, name: string, min: number, max: number): number | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
    throw new UsageError(`--${name} must be a number in [${min}, ${max}]; got ${JSON.stringify(raw)}.`);
  }
  return v;
}

/** Read a string option restricted to a list. */
export function choiceOption<T extends string>(ctx: Context, name: string, allowed: readonly T[]): T | undefined {
  const raw = ctx.options[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(raw)}.`);
  }
  return raw as T;
}

/** Format rows as an aligned plain-text table (numbers right-aligned). */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => String(r[j] ?? '').length)));
  const isNum = header.map((_, j) => rows.length > 0 && rows.every((r) => typeof r[j] === 'number'));
  const fmt = (r: (string | number)[]) => r.map((c, j) => (isNum[j] ? String(c).padStart(widths[j]) : String(c).padEnd(widths[j]))).join('  ').trimEnd();
  return [fmt(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)].join('\n') + '\n';
}

/** Compact number formatting for tables. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(3);
  return x.toFixed(4);
}
