/**
 * Everything the CLI does with the outside world goes through an {@link Io}, so tests can
 * run commands in-process and read what they printed.
 */
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { InputError } from './errors.js';

/** Streams and environment of one CLI invocation. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars are drawn only then). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Current directory, for resolving relative paths. */
  cwd: string;
  /** Read all of standard input as UTF-8 text (for `-` as a file name); see {@link decodeText}. */
  readStdin: () => Promise<string>;
}

/** The real process streams. */
export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return decodeText(Buffer.concat(chunks), 'standard input');
    },
  };
}

/** Callback shape every embfact library uses for long work. */
export type OnProgress = (done: number, total: number, label?: string) => void;

/**
 * Progress display for long steps: a bar on stderr when it is a TTY and neither
 * `--quiet`, `--json` nor CI is in effect; otherwise silent. One bar at a time.
 */
export class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly enabled: boolean;
  private readonly started = new Map<string, number>();

  constructor(private readonly io: Io, opts: { quiet: boolean; json: boolean }) {
    this.enabled = io.isTTY && !opts.quiet && !opts.json && !io.env.CI;
  }

  /** Start a step with a known total and get the callback that advances it. */
  step(label: string, total = 1): OnProgress {
    this.stop();
    this.started.set(label, performance.now());
    if (this.enabled) {
      this.bar = new cliProgress.SingleBar(
        // The long steps are synchronous, so a Ctrl-C ends the process before any handler could
        // restore the terminal: leave the cursor and line wrapping alone (fit 80 columns instead).
        {
          format: `${label.padEnd(24)} [{bar}] {percentage}% | {value}/{total} {detail}`, barsize: 20, stream: process.stderr,
          hideCursor: false, linewrap: true, clearOnComplete: false, fps: 10,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { detail: '' });
    }
    return (done, tot, detail) => {
      if (!this.bar) return;
      if (tot !== this.bar.getTotal()) this.bar.setTotal(tot);
      this.bar.update(done, { detail: detail ?? '' });
    };
  }

  /** Finish the current bar, if any. */
  stop(): void {
    if (this.bar) {
      this.bar.stop();
      this.bar = null;
    }
  }

  /** Seconds since `step(label)` was called. */
  seconds(label: string): number {
    const t = this.started.get(label);
    return t === undefined ? 0 : (performance.now() - t) / 1000;
  }
}

/**
 * Decode bytes that must be UTF-8 text. A NUL byte or an invalid UTF-8 sequence (a binary file,
 * or text in another encoding such as Latin-1, which would otherwise lose its accented letters
 * in silence) is an {@link InputError} naming `name`.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(`${name} is not text: it contains a NUL byte at offset ${nul} (a binary file?).`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${name} is not UTF-8 text (it has an invalid UTF-8 byte sequence); convert it first, e.g. iconv -f latin1 -t utf-8.`);
  }
}

/** Read a file that must be UTF-8 text ({@link decodeText}); file-system errors carry the path. */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.path === undefined) e.path = path; // a read of a folder reports no path
    throw e;
  }
  return decodeText(bytes, `'${path}'`);
}
