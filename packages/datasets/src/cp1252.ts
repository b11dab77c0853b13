/**
 * windows-1252 decoding, written out because Node 20's `TextDecoder('windows-1252')`
 * (also reached through the labels `iso-8859-1`, `latin1`, `us-ascii`) decodes bytes
 * 0x80-0x9F as C1 control characters (ISO-8859-1) instead of the WHATWG mapping
 * (0x93 must be U+201C “, 0x96 U+2013 –, 0x80 U+20AC €). Measured on Node 20.20:
 * `new TextDecoder('windows-1252').decode(Uint8Array.of(0x93))` returns U+0093.
 */

/** WHATWG windows-1252 code points for bytes 0x80-0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D map to themselves). */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Code point of one windows-1252 byte. */
export function cp1252CodePoint(byte: number): number {
  return byte >= 0x80 && byte <= 0x9f ? HIGH[byte - 0x80] : byte;
}

/**
 * Decode bytes (or a binary string, one char per byte) as windows-1252 (WHATWG).
 *
 * @example decodeWindows1252(Uint8Array.of(0x93, 0x41, 0x94)) // '“A”'
 */
export function decodeWindows1252(bytes: Uint8Array | string): string {
  const s = typeof bytes === 'string' ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return s.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(HIGH[c.charCodeAt(0) - 0x80]));
}
