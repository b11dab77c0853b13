/**
 * Everything the CLI does with the outside world goes through an {@link Io}, so tests can
 * run commands in-process and read what they printed.
 */
import cliProgress from 'cli-progress';

/** Streams and environment of one CLI invocation. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars are drawn only then). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Current directory, for resolving relative paths. */
  cwd: string;
  /** Read all of standard input as UTF-8 (for `-` as a file name). */
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
      return Buffer.concat(chunks).toString('utf8');
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
        { format: `${label.padEnd(28)} [{bar}] {percentage}% | {value}/{total} {detail}`, stream: process.stderr, hideCursor: true, clearOnComplete: false, fps: 10 },
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
