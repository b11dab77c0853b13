/**
 * A small, tolerant RFC 822 / MIME reader for the SpamAssassin corpus (real mail from
 * 2002: broken boundaries, mislabelled charsets, HTML-only spam).
 *
 * Input is the raw message as a *binary string*: one JavaScript char per byte (what
 * `Buffer#toString('latin1')` gives), so 8-bit bodies survive until their charset is
 * known. Parsing never throws on a malformed message: every irregularity is recorded in
 * `defects` and the most sensible reading is kept.
 *
 * Standards followed: RFC 5322 (header fields, unfolding), RFC 2045 (Content-Type,
 * quoted-printable, base64), RFC 2046 (multipart boundaries), RFC 2047 (encoded words in
 * headers), RFC 2231 (parameter continuations and charsets), WHATWG Encoding (charset
 * labels, through `TextDecoder`).
 */
import { decodeWindows1252 } from './cp1252.js';
import { htmlToText, tidyLines } from './html.js';

/** One header field, name lowercased, value unfolded and decoded (RFC 2047). */
export interface HeaderField {
  name: string;
  value: string;
}

/** A parsed `Content-Type` (or `Content-Disposition`) value. */
export interface ContentType {
  /** `type/subtype`, lowercased (`'text/plain'` when absent or malformed). */
  type: string;
  /** Parameters, names lowercased, values unquoted (RFC 2231 continuations joined). */
  params: Record<string, string>;
}

/** A non-text part that was dropped (image, application/*, an attachment). */
export interface AttachmentInfo {
  contentType: string;
  filename?: string;
  /** Size of the encoded part in bytes. */
  size: number;
}

/** Which kind of part the body text came from. */
export type BodySource = 'plain' | 'html' | 'mixed' | 'none';

/** The result of {@link parseMessage}. */
export interface ParsedMessage {
  /** All header fields in order, decoded. */
  headers: HeaderField[];
  /** The `Subject` header, decoded ('' when absent). */
  subject: string;
  /** The `From` header, decoded ('' when absent). */
  from: string;
  /** The `Date` header as written ('' when absent). */
  date: string;
  /** Top-level `type/subtype`. */
  contentType: string;
  /** The readable body text (see {@link parseMessage} for what is kept). */
  body: string;
  /** Where the body came from: text/plain parts, HTML parts converted to text, both, or nothing. */
  bodySource: BodySource;
  /** Non-text parts and attachments that were dropped. */
  attachments: AttachmentInfo[];
  /** Irregularities met while parsing (e.g. `'unknown-charset:x-foo'`, `'unterminated-multipart'`). */
  defects: string[];
}

// ---------------------------------------------------------------------------
// Bytes and charsets

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();
const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true });

/** Charset labels seen in real mail that WHATWG does not know, mapped to ones it does. */
const CHARSET_ALIASES: Record<string, string> = {
  chinesebig5: 'big5',
  gb2312_charset: 'gb2312',
  'iso8859-1': 'iso-8859-1',
  iso8859_1: 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'x-user-defined': '',
  default: '',
  default_charset: '',
  'unknown-8bit': '',
  'x-unknown': '',
  unknown: '',
  // "unicode" is labelled as UTF-16 by WHATWG, but in mail it is used for 8-bit text.
  unicode: '',
};

function decoderFor(label: string): Decoder | null {
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = null;
    }
    decoders.set(label, d);
  }
  return d;
}

/** Bytes of a binary string (one char per byte, as produced by `latin1` decoding). */
export function binaryToBytes(s: string): Uint8Array {
  return Buffer.from(s, 'latin1');
}

function hasHighOrControl(s: string): boolean {
  // Bytes >= 0x80, or ESC (ISO-2022 escape sequences are 7-bit).
  return /[\x80-\xff\x1b]/.test(s);
}

/**
 * Decode a binary string in the given charset.
 *
 * Rules: the label is normalized (quotes, case, a few real-world aliases) and looked up
 * with `TextDecoder` (WHATWG labels, so `iso-8859-1` and `us-ascii` read as
 * windows-1252, `gb2312` as GBK, `ks_c_5601-1987` as EUC-KR). When the label is absent,
 * unknown, or a UTF-16 label on text with no NUL byte, the **fallback** is: UTF-8 if the
 * bytes are valid UTF-8, else windows-1252 (which maps every byte; decoded by {@link decodeWindows1252} because Node
 * 20's TextDecoder gets bytes 0x80-0x9F wrong) — and a defect
 * `unknown-charset:<label>` is recorded unless the label was simply absent. Bytes that are
 * invalid in a declared UTF-8 are re-read as windows-1252 (defect `invalid-utf8`).
 * Pure 7-bit input without ESC bytes is returned as is.
 */
export function decodeCharset(binary: string, charset: string | undefined, defects?: string[]): string {
  if (!hasHighOrControl(binary)) {
    const lab = (charset ?? '').toLowerCase();
    if (!lab.startsWith('utf-16') && !lab.startsWith('utf-32')) return binary;
  }
  let label = (charset ?? '').trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (label in CHARSET_ALIASES) {
    const alias = CHARSET_ALIASES[label];
    if (alias === '' && label !== '' && defects) defects.push(`unknown-charset:${label}`);
    label = alias;
  }
  const bytes = binaryToBytes(binary);
  if (label !== '') {
    const dec = decoderFor(label);
    if (dec !== null && !(dec.encoding.startsWith('utf-16') && !bytes.includes(0))) {
      if (dec.encoding === 'windows-1252') return decodeWindows1252(bytes); // Node 20 TextDecoder bug, see cp1252.ts
      if (dec.encoding === 'utf-8') {
        try {
          return UTF8_FATAL.decode(bytes);
        } catch {
          defects?.push('invalid-utf8');
          return decodeWindows1252(bytes);
        }
      }
      return dec.decode(bytes);
    }
    defects?.push(`unknown-charset:${label}`);
  }
  try {
    return UTF8_FATAL.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Decode quoted-printable (RFC 2045 §6.7) to a binary string: `=XX` becomes the byte,
 * `=` at the end of a line (trailing blanks allowed) is a soft line break, a `=` that
 * starts neither is kept literally.
 *
 * @example decodeQuotedPrintable('caf=E9 =\nau lait') // 'caf\xe9 au lait' (binary string)
 */
export function decodeQuotedPrintable(s: string): string {
  return s
    .replace(/=[ \t]*(?:\r\n|\n|\r|$)/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Decode base64 (RFC 2045 §6.8) to a binary string. Characters outside the alphabet
 * (line breaks, stray blanks) are ignored, missing padding is tolerated, data after
 * the first padding is ignored.
 */
export function decodeBase64(s: string): string {
  let clean = s.replace(/[^A-Za-z0-9+/=]/g, '');
  const pad = clean.indexOf('=');
  if (pad >= 0) clean = clean.slice(0, pad);
  return Buffer.from(clean, 'base64').toString('latin1');
}

// ---------------------------------------------------------------------------
// Headers

/**
 * Decode RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?iso-8859-1?Q?...?=`) in a header
 * value. Whitespace between two adjacent encoded words is dropped; adjacent words in the
 * same charset are decoded together so a multi-byte character split across words
 * survives (not for stateful ISO-2022 charsets, whose words are each complete). Raw
 * 8-bit bytes outside encoded words are read as UTF-8 when valid, else in
 * `fallbackCharset` (the message's declared body charset) when given, else windows-1252.
 *
 * @param raw - unfolded header value as a binary string.
 * @param defects - where irregularities are recorded (optional).
 * @param fallbackCharset - charset for raw 8-bit bytes that are not UTF-8.
 * @example decodeHeaderValue('=?ISO-8859-1?Q?Caf=E9?= =?utf-8?B?IOKCrA==?=') // 'Café €'
 */
export function decodeHeaderValue(raw: string, defects?: string[], fallbackCharset?: string): string {
  const re = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;
  const plain = (t: string): string => decodeRaw8bit(t, fallbackCharset, defects);
  if (raw.indexOf('=?') < 0) return plain(raw);
  let out = '';
  let last = 0;
  let pendCharset: string | null = null;
  let pendBytes = '';
  const flush = (): void => {
    if (pendCharset !== null) out += decodeCharset(pendBytes, pendCharset, defects);
    pendCharset = null;
    pendBytes = '';
  };
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const between = raw.slice(last, m.index);
    if (!(pendCharset !== null && /^[ \t]*$/.test(between))) {
      flush();
      out += plain(between);
    }
    const charset = m[1].split('*')[0].toLowerCase(); // RFC 2231 language suffix
    const text = m[2].toLowerCase() === 'b' ? decodeBase64(m[3]) : decodeQuotedPrintable(m[3].replace(/_/g, ' '));
    // Adjacent words in one charset are decoded together (a character may be split
    // across them), except in stateful ISO-2022 charsets where each word is complete.
    if (pendCharset !== null && (pendCharset !== charset || charset.startsWith('iso-2022'))) flush();
    pendCharset = charset;
    pendBytes += text;
    last = re.lastIndex;
  }
  flush();
  out += plain(raw.slice(last));
  return out;
}

/**
 * Raw 8-bit bytes in a header (outside encoded words): UTF-8 when valid (RFC 6532),
 * else the message's body charset when one is declared (what mail clients do with
 * unlabelled GB2312/Big5/KOI8 subjects), else windows-1252.
 */
function decodeRaw8bit(t: string, fallbackCharset: string | undefined, defects?: string[]): string {
  if (!hasHighOrControl(t)) return t;
  const bytes = binaryToBytes(t);
  try {
    return UTF8_FATAL.decode(bytes);
  } catch {
    const lab = (fallbackCharset ?? '').toLowerCase();
    if (lab === '' || lab === 'us-ascii' || lab === 'utf-8') return decodeWindows1252(bytes);
    return decodeCharset(t, fallbackCharset, defects);
  }
}

const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;

/**
 * Split a header block into fields: unfold continuation lines (RFC 5322 §2.2.3) and
 * keep the raw (binary) value. A leading mbox `From ` line is skipped.
 */
function splitHeaderBlock(block: string): { name: string; raw: string }[] {
  const fields: { name: string; raw: string }[] = [];
  const lines = block.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    if ((line[0] === ' ' || line[0] === '\t') && fields.length > 0) {
      fields[fields.length - 1].raw += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !HEADER_LINE.test(line)) continue; // mbox "From " line or junk
    fields.push({ name: line.slice(0, colon).trim().toLowerCase(), raw: line.slice(colon + 1).trim() });
  }
  return fields;
}

/**
 * Split an entity into its header block and body at the first empty line. If a line
 * that is neither a header field nor a continuation comes first, the body starts there
 * (as Python's `email` package does; defect `missing-header-body-separator`).
 */
function splitEntity(entity: string, defects: string[]): { head: string; body: string } {
  let pos = 0;
  let first = true;
  while (pos < entity.length) {
    let nl = entity.indexOf('\n', pos);
    if (nl < 0) nl = entity.length;
    let line = entity.slice(pos, nl);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') return { head: entity.slice(0, pos), body: entity.slice(Math.min(nl + 1, entity.length)) };
    const isCont = (line[0] === ' ' || line[0] === '\t') && !first;
    const isMbox = first && line.startsWith('From ');
    if (!isCont && !isMbox && !HEADER_LINE.test(line)) {
      if (!first) defects.push('missing-header-body-separator');
      return { head: entity.slice(0, pos), body: entity.slice(pos) };
    }
    first = false;
    pos = nl + 1;
  }
  return { head: entity, body: '' };
}

/**
 * Parse a `Content-Type` / `Content-Disposition` value: `type/subtype; a=1; b="x y"`.
 * RFC 2231 continuations (`name*0`, `name*1*`) are joined and `charset''%XX` values
 * decoded. A missing or malformed type gives `fallbackType`.
 */
export function parseContentType(value: string | undefined, fallbackType = 'text/plain'): ContentType {
  const { type: typePart, params } = parseParameterized(value);
  const type = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(typePart) ? typePart : fallbackType;
  return { type, params };
}

/**
 * Parse `token; a=1; b="x y"` (Content-Type, Content-Disposition): the leading token
 * lowercased (`''` when absent) and the parameters.
 */
function parseParameterized(value: string | undefined): ContentType {
  const params: Record<string, string> = {};
  if (value === undefined) return { type: '', params };
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const sections = new Map<string, { parts: Map<number, { v: string; ext: boolean }> }>();
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"?|([^;]*))/g;
  let m: RegExpExecArray | null;
  const rest = semi < 0 ? '' : value.slice(semi);
  while ((m = re.exec(rest)) !== null) {
    const key = m[1].toLowerCase();
    const v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    const cm = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!cm) continue;
    const name = cm[1];
    const idx = cm[2] !== undefined ? Number(cm[2]) : 0;
    let entry = sections.get(name);
    if (!entry) sections.set(name, (entry = { parts: new Map() }));
    if (!entry.parts.has(idx)) entry.parts.set(idx, { v, ext: cm[3] === '*' });
  }
  for (const [name, { parts }] of sections) {
    const ordered = [...parts.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    let charset: string | undefined;
    let bytes = '';
    let anyExt = false;
    ordered.forEach((p, i) => {
      let v = p.v;
      if (p.ext) {
        anyExt = true;
        if (i === 0) {
          const q = /^([^']*)'[^']*'(.*)$/.exec(v);
          if (q) {
            charset = q[1] || undefined;
            v = q[2];
          }
        }
        v = v.replace(/%([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
      }
      bytes += v;
    });
    params[name] = anyExt ? decodeCharset(bytes, charset) : bytes;
  }
  return { type, params };
}

// ---------------------------------------------------------------------------
// Bodies

interface Rendered {
  text: string;
  source: BodySource;
}

interface Ctx {
  defects: string[];
  attachments: AttachmentInfo[];
  depth: number;
}

const MAX_DEPTH = 24;

function header(fields: { name: string; raw: string }[], name: string): string | undefined {
  for (const f of fields) if (f.name === name) return f.raw;
  return undefined;
}

function decodeTransfer(body: string, cte: string | undefined, ctx: Ctx): string {
  const enc = (cte ?? '7bit').trim().toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  if (enc === 'base64') return decodeBase64(body);
  if (enc !== '7bit' && enc !== '8bit' && enc !== 'binary' && enc !== '') ctx.defects.push(`unknown-transfer-encoding:${enc}`);
  return body;
}

/**
 * Split a multipart body at its boundary (RFC 2046 §5.1.1): a delimiter is a line
 * `--boundary` (trailing blanks allowed), the closing one `--boundary--`; the line break
 * before a delimiter belongs to it; preamble and epilogue are dropped. When no line
 * matches exactly, delimiters are matched again ignoring blanks (real spam declares
 * `boundary="=Multipart Boundary 1"` and writes `--= Multipart Boundary 1`; defect
 * `boundary-whitespace-mismatch`). Returns `null` when the boundary never occurs.
 */
function splitMultipart(body: string, boundary: string, ctx: Ctx): string[] | null {
  const strict = scanDelimiters(body, boundary, false);
  if (strict.length > 0) return cutParts(body, strict, ctx);
  const loose = scanDelimiters(body, boundary, true);
  if (loose.length > 0) {
    ctx.defects.push('boundary-whitespace-mismatch');
    return cutParts(body, loose, ctx);
  }
  return null;
}

interface Delimiter {
  /** Offset of the line break before the delimiter line (or of the line when first). */
  cut: number;
  /** Offset just after the delimiter line's line break. */
  next: number;
  close: boolean;
}

function scanDelimiters(body: string, boundary: string, loose: boolean): Delimiter[] {
  const out: Delimiter[] = [];
  const want = loose ? boundary.replace(/\s+/g, '') : boundary;
  let pos = 0;
  while (pos < body.length) {
    let eol = body.indexOf('\n', pos);
    if (eol < 0) eol = body.length;
    if (body.charCodeAt(pos) === 45 && body.charCodeAt(pos + 1) === 45) {
      let rest = body.slice(pos + 2, eol).replace(/\s+$/, '');
      if (loose) rest = rest.replace(/\s+/g, '');
      const close = rest === `${want}--`;
      if (close || rest === want) {
        let cut = pos;
        if (cut > 0 && body[cut - 1] === '\n') cut--;
        if (cut > 0 && body[cut - 1] === '\r') cut--;
        out.push({ cut, next: Math.min(eol + 1, body.length), close });
        if (close) break;
      }
    }
    pos = eol + 1;
  }
  return out;
}

function cutParts(body: string, delims: Delimiter[], ctx: Ctx): string[] {
  const parts: string[] = [];
  for (let i = 0; i + 1 < delims.length; i++) parts.push(body.slice(delims[i].next, Math.max(delims[i + 1].cut, delims[i].next)));
  const last = delims[delims.length - 1];
  if (!last.close) {
    ctx.defects.push('unterminated-multipart');
    parts.push(body.slice(last.next));
  }
  return parts;
}

function renderEntity(entity: string, ctx: Ctx, defaultType: string): Rendered {
  const { head, body } = splitEntity(entity, ctx.defects);
  return renderParsed(splitHeaderBlock(head), body, ctx, defaultType);
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>])/i.test(text);
}

function renderParsed(fields: { name: string; raw: string }[], body: string, ctx: Ctx, defaultType: string): Rendered {
  const ct = parseContentType(header(fields, 'content-type'), defaultType);
  const disp = parseParameterized(header(fields, 'content-disposition'));
  const [major] = ct.type.split('/');
  if (ctx.depth > MAX_DEPTH) {
    ctx.defects.push('nesting-too-deep');
    return { text: '', source: 'none' };
  }
  if (major === 'multipart') {
    const boundary = ct.params['boundary'];
    const parts = boundary ? splitMultipart(body, boundary, ctx) : null;
    if (parts === null) {
      // No usable boundary: read the body as plain text, like most mail clients.
      ctx.defects.push(boundary ? 'boundary-not-found' : 'missing-boundary');
      return renderLeaf('text/plain', ct.params, fields, body, ctx);
    }
    const childDefault = ct.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    ctx.depth++;
    const rendered = parts.map((p) => renderEntity(p, ctx, childDefault));
    ctx.depth--;
    if (ct.type === 'multipart/alternative') {
      // Prefer a text/plain alternative; else the first non-empty one (usually HTML).
      const plain = rendered.find((r) => r.source === 'plain' && r.text !== '');
      const any = plain ?? rendered.find((r) => r.text !== '');
      return any ?? { text: '', source: 'none' };
    }
    const kept = rendered.filter((r) => r.text !== '');
    if (kept.length === 0) return { text: '', source: 'none' };
    const sources = new Set(kept.map((r) => r.source));
    return {
      text: kept.map((r) => r.text).join('\n\n'),
      source: sources.size === 1 ? kept[0].source : 'mixed',
    };
  }
  const filename = disp.params['filename'] ?? ct.params['name'];
  if (disp.type === 'attachment' || !(major === 'text' || ct.type === 'message/rfc822')) {
    ctx.attachments.push({ contentType: ct.type, ...(filename !== undefined ? { filename } : {}), size: body.length });
    return { text: '', source: 'none' };
  }
  if (ct.type === 'message/rfc822') {
    const { head, body: innerBody } = splitEntity(body, ctx.defects);
    const innerFields = splitHeaderBlock(head);
    ctx.depth++;
    const inner = renderParsed(innerFields, innerBody, ctx, 'text/plain');
    ctx.depth--;
    const subj = header(innerFields, 'subject');
    const subject = subj !== undefined ? decodeHeaderValue(subj, ctx.defects) : '';
    const text = [subject, inner.text].filter((t) => t !== '').join('\n\n');
    return { text, source: inner.source };
  }
  return renderLeaf(ct.type, ct.params, fields, body, ctx);
}

function renderLeaf(type: string, params: Record<string, string>, fields: { name: string; raw: string }[], body: string, ctx: Ctx): Rendered {
  if (type !== 'text/plain' && type !== 'text/html' && type !== 'text/enriched' && type !== 'text/richtext') {
    // Other text/* (text/rfc822-headers, text/x-vcard, text/calendar, ...): not prose.
    ctx.attachments.push({ contentType: type, size: body.length });
    return { text: '', source: 'none' };
  }
  const bytes = decodeTransfer(body, header(fields, 'content-transfer-encoding'), ctx);
  const text = decodeCharset(bytes, params['charset'], ctx.defects);
  if (type === 'text/html' || (type === 'text/plain' && looksLikeHtml(text))) {
    if (type === 'text/plain') ctx.defects.push('html-in-text-plain');
    return { text: htmlToText(text), source: 'html' };
  }
  if (type === 'text/enriched' || type === 'text/richtext') {
    return { text: tidyLines(text.replace(/<<\s*/g, '\u0000').replace(/<[^>]*>/g, '').replace(/\u0000/g, '<')), source: 'plain' };
  }
  return { text: tidyLines(text), source: 'plain' };
}

/**
 * Parse one raw RFC 822 message.
 *
 * What is kept (the body):
 * - `multipart/alternative`: the text/plain alternative when it has text, else the
 *   first non-empty alternative (usually HTML, converted with {@link htmlToText});
 * - other `multipart/*` (mixed, related, signed, report, ...): every inline text part,
 *   in order, joined by a blank line; nested multiparts recursively;
 * - `message/rfc822` parts: the embedded message's subject and body;
 * - `text/html` (and text/plain whose content starts with `<html`, `<body`, `<head`
 *   or `<!DOCTYPE html`): converted to text;
 * - dropped (listed in `attachments`): every part with `Content-Disposition:
 *   attachment`, every non-text part (images, application/*, PGP signatures), and
 *   text/* parts other than plain, html, enriched/richtext.
 * Text is decoded by transfer encoding then charset ({@link decodeCharset}), lines are
 * trimmed and runs of blank lines collapsed.
 *
 * Never throws for any string input; problems are listed in `defects`.
 *
 * @param raw - the message as a binary string (one char per byte).
 * @example
 * const m = parseMessage('Subject: hi\r\nContent-Type: text/plain\r\n\r\nHello\r\n');
 * m.subject // 'hi'; m.body // 'Hello'
 */
export function parseMessage(raw: string): ParsedMessage {
  const defects: string[] = [];
  const ctx: Ctx = { defects, attachments: [], depth: 0 };
  const { head, body } = splitEntity(raw, defects);
  const fields = splitHeaderBlock(head);
  const top = parseContentType(header(fields, 'content-type'));
  const headers = fields.map((f) => ({ name: f.name, value: decodeHeaderValue(f.raw, defects, top.params['charset']) }));
  const get = (n: string): string => headers.find((h) => h.name === n)?.value ?? '';
  const rendered = renderParsed(fields, body, ctx, 'text/plain');
  return {
    headers,
    subject: tidyLines(get('subject')),
    from: get('from'),
    date: get('date'),
    contentType: top.type,
    body: rendered.text,
    bodySource: rendered.text === '' ? 'none' : rendered.source,
    attachments: ctx.attachments,
    defects,
  };
}
