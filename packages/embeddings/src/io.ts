/**
 * File-system helpers shared by readers and writers: opening with clear errors,
 * a buffered block reader for binary formats, atomic writes, float formatting.
 */
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FormatError } from '@embfact/core';

/** `onProgress(done, total, label)` callback used by long reads and writes. */
export type ProgressCallback = (done: number, total: number, label?: string) => void;

/** Open `path` for reading; a missing file or a directory becomes a FormatError naming the path. */
export async function openForRead(path: string): Promise<{ fh: FileHandle; size: number }> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    throw new FormatError(`cannot open the embeddings file (${what}).`, { file: path });
  }
  const st = await fh.stat();
  if (!st.isFile()) {
    await fh.close();
    throw new FormatError('expected a regular file; found a directory or special file.', { file: path });
  }
  return { fh, size: st.size };
}

/** Size of a file, or -1 when it does not exist. */
export async function fileSize(path: string): Promise<number> {
  try {
    const st = await stat(path);
    return st.isFile() ? st.size : -1;
  } catch {
    return -1;
  }
}

/**
 * Buffered sequential reader over a file handle (for binary formats that must be parsed byte by
 * byte). `buf[cur]` is the byte at absolute file offset `pos`.
 */
export class BlockReader {
  buf: Buffer;
  cur = 0;
  end = 0;
  private fileOffset: number;
  private eof = false;
  constructor(private readonly fh: FileHandle, start = 0, blockSize = 1 << 20) {
    this.buf = Buffer.allocUnsafe(blockSize);
    this.fileOffset = start;
  }
  /** Absolute file offset of the next unread byte. */
  get pos(): number {
    return this.fileOffset - (this.end - this.cur);
  }
  /** Make at least `n` bytes available at `buf[cur..]`; returns false when the file ends first. */
  async ensure(n: number): Promise<boolean> {
    if (this.end - this.cur >= n) return true;
    if (this.eof) return false;
    const keep = this.end - this.cur;
    if (n > this.buf.length) {
      const nb = Buffer.allocUnsafe(Math.max(n, this.buf.length * 2));
      this.buf.copy(nb, 0, this.cur, this.end);
      this.buf = nb;
    } else {
      this.buf.copy(this.buf, 0, this.cur, this.end);
    }
    this.cur = 0;
    this.end = keep;
    while (this.end < n && !this.eof) {
      const { bytesRead } = await this.fh.read(this.buf, this.end, this.buf.length - this.end, this.fileOffset);
      if (bytesRead === 0) this.eof = true;
      this.end += bytesRead;
      this.fileOffset += bytesRead;
    }
    return this.end - this.cur >= n;
  }
}

/**
 * Write a file atomically: `write` receives a handle on a temporary file in the same directory,
 * which is renamed over `path` on success and removed on failure.
 */
export async function atomicWrite(path: string, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fh: FileHandle | undefined;
  try {
    fh = await open(tmp, 'wx');
    await write(fh);
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, path);
  } catch (err) {
    if (fh !== undefined) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

/** Write all of `data` at the current position of `fh`. */
export async function writeAll(fh: FileHandle, data: Uint8Array): Promise<void> {
  let off = 0;
  while (off < data.length) {
    const { bytesWritten } = await fh.write(data, off, data.length - off);
    off += bytesWritten;
  }
}

/** Bytes of a typed array (no copy). */
export function bytesOf(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Shortest decimal string that parses back (through `Math.fround(Number(s))`) to the same
 * float32 value — at most 9 significant digits (IEEE 754: 9 digits always round-trip binary32).
 */
export function formatFloat32(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // Start at 6 digits (typical for GloVe-style data) and walk down while the string still reads back,
  // or up until it does (9 always does). Every returned string is verified to round-trip.
  let p = 6;
  let s = v.toPrecision(p);
  if (Math.fround(Number(s)) === v) {
    while (p > 1) {
      const t = v.toPrecision(p - 1);
      if (Math.fround(Number(t)) !== v) break;
      s = t;
      p--;
    }
  } else {
    do {
      p++;
      s = v.toPrecision(p);
    } while (p < 9 && Math.fround(Number(s)) !== v);
  }
  return tidy(s);
}

/** Drop toPrecision's exponent form and trailing zeros when that is shorter (`1e+2` → `100`, `0.500` → `0.5`). */
function tidy(s: string): string {
  const c = s.charCodeAt(s.length - 1);
  return c === 0x30 || s.includes('e') ? String(Number(s)) : s;
}

/** Little-endian check: the binary formats here are little-endian and read into typed arrays directly. */
export function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error('embfact binary readers and writers need a little-endian host.');
  }
}

/** Path without a given extension (case-insensitive), else unchanged. */
export function stripExt(path: string, ext: string): string {
  return path.toLowerCase().endsWith(ext) ? path.slice(0, -ext.length) : path;
}
