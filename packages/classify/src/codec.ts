/**
 * Exact, compact JSON encoding of float64 arrays: little-endian IEEE-754 bytes in
 * base64 (10.7 characters per number instead of up to 24, and bit-exact on reload).
 * Works in Node and browsers (no Buffer needed).
 */
import { FormatError, describe } from '@embfact/core';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** A float64 array as JSON: `{ dtype: 'float64', length, base64 }`. */
export interface EncodedArray {
  dtype: 'float64';
  length: number;
  base64: string;
}

function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = i + 1 < bytes.length ? bytes[i + 1] : 0, c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const t = (a << 16) | (b << 8) | c;
    chunk.push(ALPHABET[(t >> 18) & 63] + ALPHABET[(t >> 12) & 63] +
      (i + 1 < bytes.length ? ALPHABET[(t >> 6) & 63] : '=') + (i + 2 < bytes.length ? ALPHABET[t & 63] : '='));
    if (chunk.length === 4096) { parts.push(chunk.join('')); chunk.length = 0; }
  }
  parts.push(chunk.join(''));
  return parts.join('');
}

function base64ToBytes(s: string, name: string): Uint8Array {
  if (s.length % 4 !== 0) throw new FormatError(`${name} must be base64 with a length divisible by 4; got length ${s.length}.`);
  let pad = 0;
  if (s.endsWith('==')) pad = 2; else if (s.endsWith('=')) pad = 1;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let t = 0;
    for (let q = 0; q < 4; q++) {
      const ch = s.charCodeAt(i + q);
      let v: number;
      if (ch === 61 /* = */ && i + 4 === s.length && q >= 4 - pad) v = 0;
      else {
        v = ch < 128 ? LOOKUP[ch] : -1;
        if (v < 0) throw new FormatError(`${name} must be base64; found character ${JSON.stringify(s[i + q])} at offset ${i + q}.`);
      }
      t = (t << 6) | v;
    }
    if (o < out.length) out[o++] = (t >> 16) & 255;
    if (o < out.length) out[o++] = (t >> 8) & 255;
    if (o < out.length) out[o++] = t & 255;
  }
  return out;
}

/** Encode a float64 array (bit-exact). */
export function encodeFloat64(a: Float64Array): EncodedArray {
  const bytes = new Uint8Array(a.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat64(i * 8, a[i], true);
  return { dtype: 'float64', length: a.length, base64: bytesToBase64(bytes) };
}

/**
 * Decode an {@link EncodedArray}.
 * @throws FormatError when the object is malformed or has another length than `expected`
 */
export function decodeFloat64(e: unknown, name: string, expected?: number): Float64Array {
  const x = e as Partial<EncodedArray> | null;
  if (x === null || typeof x !== 'object' || x.dtype !== 'float64' || typeof x.base64 !== 'string' || typeof x.length !== 'number') {
    throw new FormatError(`${name} must be { dtype: 'float64', length, base64 }; got ${describe(e)}.`);
  }
  const bytes = base64ToBytes(x.base64, name);
  if (bytes.length !== x.length * 8) throw new FormatError(`${name} must hold ${x.length} float64 values (${x.length * 8} bytes); got ${bytes.length} bytes.`);
  if (expected !== undefined && x.length !== expected) throw new FormatError(`${name} must hold ${expected} values; got ${x.length}.`);
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(x.length);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** Common header check of every serialized object: `{ name, version }`. */
export function checkHeader(json: unknown, name: string, version: number): Record<string, unknown> {
  if (json === null || typeof json !== 'object') throw new FormatError(`${name}.fromJSON expects an object; got ${describe(json)}.`);
  const j = json as Record<string, unknown>;
  if (j.name !== name) throw new FormatError(`${name}.fromJSON expects name '${name}'; got ${describe(j.name)}.`);
  if (j.version !== version) {
    throw new FormatError(`${name}.fromJSON supports format version ${version}; got version ${describe(j.version)} (saved by another version of @embfact/classify). Retrain the model or load it with the matching version.`);
  }
  return j;
}
