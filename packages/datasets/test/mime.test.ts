import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decodeBase64, decodeCharset, decodeHeaderValue, decodeHtmlEntities, decodeQuotedPrintable, HTML_ENTITIES,
  htmlToText, parseContentType, parseMessage,
} from '../src/index.js';
import { decodeWindows1252 } from '../src/cp1252.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/mail/${name}`, import.meta.url)).toString('latin1');

/** Binary string of the UTF-8 encoding of `s`. */
const utf8Binary = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

describe('synthetic RFC 822 fixtures (test/fixtures/mail)', () => {
  it('nested multipart: mixed > alternative(QP latin-1 plain, html) + attachments', () => {
    const m = parseMessage(fixture('nested-multipart.eml'));
    expect(m.subject).toBe('La café au lait'); // folded header, B then Q encoded words, space kept inside the Q word
    expect(m.from).toBe('André <andre@example.org>');
    expect(m.date).toBe('Mon, 6 Jan 2003 10:00:00 +0100');
    expect(m.contentType).toBe('multipart/mixed');
    // text/plain alternative preferred over HTML; QP soft break joined; latin-1 decoded; attachments dropped
    expect(m.body).toBe('Café crème, soft line break.');
    expect(m.bodySource).toBe('plain');
    expect(m.attachments).toEqual([
      { contentType: 'image/gif', filename: 'pixel.gif', size: 50 },
      { contentType: 'text/plain', filename: 'notes.txt', size: 36 },
    ]);
    expect(m.defects).toEqual([]);
    expect(m.headers.map((h) => h.name)).toEqual(['return-path', 'from', 'subject', 'date', 'mime-version', 'content-type']);
  });

  it('base64 UTF-8 body', () => {
    const m = parseMessage(fixture('base64-utf8.eml'));
    expect(m.body).toBe('Grüße aus Köln — “quoted” text.');
    expect(m.bodySource).toBe('plain');
  });

  it('HTML-only windows-1252 body: comments, entities, C1 quotes', () => {
    const m = parseMessage(fixture('html-cp1252.eml'));
    expect(m.subject).toBe('“Free” offer');
    expect(m.body).toBe('Viagra “deal” — 50% off now\nLine two ’ – &unknown; <tag>');
    expect(m.bodySource).toBe('html');
  });
});

describe('parseMessage edge cases', () => {
  it('a message without headers, without body, and the empty string', () => {
    expect(parseMessage('').body).toBe('');
    expect(parseMessage('').bodySource).toBe('none');
    expect(parseMessage('Subject: only headers\n').subject).toBe('only headers');
    expect(parseMessage('Subject: only headers\n').body).toBe('');
    const noHead = parseMessage('\nJust a body.\n');
    expect(noHead.subject).toBe('');
    expect(noHead.body).toBe('Just a body.');
  });

  it('a non-header line ends the headers (missing blank line)', () => {
    const m = parseMessage('Subject: x\nthis is body text\nmore\n');
    expect(m.subject).toBe('x');
    expect(m.body).toBe('this is body text\nmore');
    expect(m.defects).toContain('missing-header-body-separator');
  });

  it('skips the mbox From_ line and unfolds continuation lines', () => {
    const m = parseMessage('From a@b  Mon Jan 1 2002\nSubject: one\n  two\n\tthree\n\nbody');
    expect(m.subject).toBe('one  two\tthree'.replace(/\s+/g, ' '));
    expect(m.headers).toHaveLength(1);
  });

  it('multipart without a boundary parameter, or whose boundary never occurs, reads as text', () => {
    const a = parseMessage('Content-Type: multipart/mixed\n\nhello there\n');
    expect(a.body).toBe('hello there');
    expect(a.defects).toContain('missing-boundary');
    const b = parseMessage('Content-Type: multipart/mixed; boundary=zz\n\nhello there\n');
    expect(b.body).toBe('hello there');
    expect(b.defects).toContain('boundary-not-found');
  });

  it('unterminated multipart keeps the last part', () => {
    const m = parseMessage('Content-Type: multipart/mixed; boundary="b"\n\n--b\n\nfirst\n--b\nContent-Type: text/plain\n\nsecond, truncated');
    expect(m.body).toBe('first\n\nsecond, truncated');
    expect(m.defects).toContain('unterminated-multipart');
  });

  it('a boundary that is a prefix of a longer line is not a delimiter', () => {
    const m = parseMessage('Content-Type: multipart/mixed; boundary="b"\n\n--b\n\n--bb is text\n--b--\n');
    expect(m.body).toBe('--bb is text');
  });

  it('boundary declared with different blanks than used (real spam) is matched loosely', () => {
    const m = parseMessage('Content-Type: multipart/alternative; boundary="=Multi Boundary 1"\n\n--= Multi Boundary 1\nContent-Type: text/plain\n\nhi\n--= Multi Boundary 1--\n');
    expect(m.body).toBe('hi');
    expect(m.defects).toContain('boundary-whitespace-mismatch');
  });

  it('alternative with an empty text/plain falls back to the HTML part', () => {
    const m = parseMessage('Content-Type: multipart/alternative; boundary=q\n\n--q\nContent-Type: text/plain\n\n \n--q\nContent-Type: text/html\n\n<p>from html</p>\n--q--\n');
    expect(m.body).toBe('from html');
    expect(m.bodySource).toBe('html');
  });

  it('mixed of plain and html parts is "mixed"; message/rfc822 gives subject and body', () => {
    const raw = [
      'Content-Type: multipart/mixed; boundary=m', '', '--m', 'Content-Type: text/plain', '', 'see below', '--m',
      'Content-Type: message/rfc822', '', 'Subject: inner subject', 'Content-Type: text/html', '', '<b>inner</b> body', '--m--', '',
    ].join('\r\n');
    const m = parseMessage(raw);
    expect(m.body).toBe('see below\n\ninner subject\n\ninner body');
    expect(m.bodySource).toBe('mixed');
  });

  it('text/plain that is really HTML is converted, and flagged', () => {
    const m = parseMessage('Content-Type: text/plain\n\n<html><body><p>Buy <b>now</b></p></body></html>');
    expect(m.body).toBe('Buy now');
    expect(m.defects).toContain('html-in-text-plain');
  });

  it('other text/* parts (rfc822-headers, vcard) are not prose and are dropped', () => {
    const m = parseMessage('Content-Type: multipart/report; boundary=r\n\n--r\n\nreport\n--r\nContent-Type: text/rfc822-headers\n\nX: y\n--r--');
    expect(m.body).toBe('report');
    expect(m.attachments).toEqual([{ contentType: 'text/rfc822-headers', size: 4 }]);
  });

  it('unknown charset falls back to UTF-8, then windows-1252, and records a defect', () => {
    const m = parseMessage(`Content-Type: text/plain; charset=x-klingon\nContent-Transfer-Encoding: 8bit\n\n${utf8Binary('naïve')}`);
    expect(m.body).toBe('naïve');
    expect(m.defects).toContain('unknown-charset:x-klingon');
    const n = parseMessage('Content-Type: text/plain; charset=default\n\nna\xefve \x93q\x94');
    expect(n.body).toBe('naïve “q”');
    expect(n.defects).toContain('unknown-charset:default');
  });

  it('deep nesting stops with a defect instead of overflowing the stack', () => {
    let raw = 'hello';
    for (let i = 0; i < 40; i++) raw = `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}\n${raw}\n--b${i}--\n`;
    const m = parseMessage(raw);
    expect(m.defects).toContain('nesting-too-deep');
  });

  it('never throws on random bytes (seeded fuzz, 300 messages)', () => {
    let s = 12345;
    const rnd = (): number => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
    const pieces = ['Content-Type: multipart/mixed; boundary=x\n', '--x\n', '--x--\n', '\n', '=?utf-8?B?', '?=', '=E9', '<p>', '&#', 'Content-Transfer-Encoding: base64\n', 'Content-Transfer-Encoding: quoted-printable\n', 'charset=koi8-r', '\r\n'];
    for (let t = 0; t < 300; t++) {
      let raw = '';
      const n = 5 + Math.floor(rnd() * 60);
      for (let i = 0; i < n; i++) raw += rnd() < 0.5 ? pieces[Math.floor(rnd() * pieces.length)] : String.fromCharCode(Math.floor(rnd() * 256));
      expect(() => parseMessage(raw)).not.toThrow();
    }
  });
});

describe('decoders', () => {
  it('quoted-printable: soft breaks (with trailing blanks), =XX in either case, stray = kept', () => {
    expect(decodeQuotedPrintable('caf=E9 =\nau lait')).toBe('caf\xe9 au lait');
    // soft break with trailing blanks, =3d and =3D, a stray '=zz' kept, '=' at the very end is a soft break
    expect(decodeQuotedPrintable('a=  \r\nb=3d=3D=zz=')).toBe('ab===zz');
  });

  it('base64: ignores line breaks and junk, tolerates missing padding', () => {
    expect(decodeBase64('SGVs\nbG8g\r\nd29y bGQ')).toBe('Hello world');
    expect(decodeBase64('SGk=ignored')).toBe('Hi');
    expect(decodeBase64('')).toBe('');
  });

  it('RFC 2047: B and Q words, adjacent words joined, split multi-byte character, ISO-2022-JP', () => {
    expect(decodeHeaderValue('=?ISO-8859-1?Q?Caf=E9?= =?utf-8?B?IOKCrA==?=')).toBe('Café €');
    expect(decodeHeaderValue('Re: =?utf-8?q?a_b?= tail')).toBe('Re: a b tail');
    // "é" = C3 A9 split across two encoded words
    expect(decodeHeaderValue('=?utf-8?Q?caf=C3?= =?utf-8?Q?=A9?=')).toBe('café');
    // hard-ham-1/00039 of SpamAssassin: two ISO-2022-JP words, each with its own escape sequences
    expect(decodeHeaderValue('=?iso-2022-jp?B?GyRCRnxLXDhsJE43b0w+IUolNSVWJTglJyUvJUghSyEhJTkbKEI=?=\t=?iso-2022-jp?B?GyRCJVElYCVhITwlayRHJE8kIiRqJF4kOyRzISobKEI=?='))
      .toBe('日本語の件名（サブジェクト）　スパムメールではありません！');
    expect(decodeHeaderValue('=?bogus-charset?Q?plain?=')).toBe('plain');
    expect(decodeHeaderValue('not =?encoded')).toBe('not =?encoded');
  });

  it('raw 8-bit header bytes: UTF-8 if valid, else the body charset, else windows-1252', () => {
    expect(decodeHeaderValue(utf8Binary('Grüße'))).toBe('Grüße');
    expect(decodeHeaderValue('\xbb\xc6\xc9\xbd', [], 'gb2312')).toBe('黄山');
    expect(decodeHeaderValue('\x93hi\x94')).toBe('“hi”');
  });

  it('charsets via TextDecoder, with the windows-1252 repair', () => {
    expect(decodeCharset('\xe9\x80\x93', 'iso-8859-1')).toBe('é€“'); // WHATWG: iso-8859-1 is windows-1252
    expect(decodeCharset('\xa4', 'iso-8859-15')).toBe('€');
    expect(decodeCharset('\xc0', 'windows-1251')).toBe('А');
    expect(decodeCharset('\xc1', 'koi8-r')).toBe('а');
    expect(decodeCharset('\xbb\xc6\xc9\xbd', '"GB2312"')).toBe('黄山');
    expect(decodeCharset('\xc3\xa9', 'UTF-8')).toBe('é');
    const d: string[] = [];
    expect(decodeCharset('caf\xe9', 'utf-8', d)).toBe('café');
    expect(d).toEqual(['invalid-utf8']);
    expect(decodeCharset('plain ascii', 'x-nonexistent')).toBe('plain ascii');
    // "unicode" (UTF-16 by WHATWG) on 8-bit text is treated as unknown
    expect(decodeCharset('caf\xe9', 'unicode')).toBe('café');
  });

  it('decodeWindows1252 maps all of 0x80-0x9F per WHATWG', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 32 }, (_v, i) => 0x80 + i));
    expect([...all].map((c) => c.codePointAt(0))).toEqual([
      0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
      0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
    ]);
  });

  it('Content-Type parameters: quoting, case, RFC 2231 continuations and charsets', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"; name="a \\"b\\".htm"')).toEqual({
      type: 'text/html', params: { charset: 'ISO-8859-1', name: 'a "b".htm' },
    });
    expect(parseContentType("application/x-stuff; title*0*=us-ascii'en'This%20is; title*1*=%20fun")).toEqual({
      type: 'application/x-stuff', params: { title: 'This is fun' },
    });
    expect(parseContentType("text/plain; name*=utf-8''caf%C3%A9.txt").params['name']).toBe('café.txt');
    expect(parseContentType('garbage').type).toBe('text/plain');
    expect(parseContentType(undefined, 'message/rfc822').type).toBe('message/rfc822');
  });
});

describe('HTML to text', () => {
  it('the HTML 4 entity table has its 253 names', () => {
    expect(HTML_ENTITIES.size).toBe(253);
    expect(HTML_ENTITIES.get('yuml')).toBe(255);
    expect(HTML_ENTITIES.get('Omega')).toBe(937);
    expect(HTML_ENTITIES.get('sigmaf')).toBe(962);
    expect(HTML_ENTITIES.get('diams')).toBe(9830);
  });

  it('entities: named, numeric, hex, legacy without semicolon, unknown kept, invalid code points', () => {
    expect(decodeHtmlEntities('caf&eacute; &amp; &#8220;bar&#x201D; &copy 2002 &AMP; &bogus; &#0; &#x110000; &#146;'))
      .toBe('café & “bar” © 2002 & &bogus; \ufffd \ufffd ’');
    expect(decodeHtmlEntities('&hellipx')).toBe('&hellipx'); // not a legacy name: needs the ';'
  });

  it('drops scripts, styles, head, comments; blocks become lines; cells spaces', () => {
    const html = `<html><head><title>Title</title><style>.a{}</style></head>
      <body><!-- hidden --><h1>Head</h1><p>One
      two</p><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>
      <script type="text/javascript">var x = "<p>no</p>";</script><ul><li>x<li>y</ul>a < b</body></html>`;
    expect(htmlToText(html)).toBe('Head\n\nOne two\n\na b\n\nc\n\nx\ny\na < b');
  });

  it('empty and tag-only input give the empty string', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText('<img src="x.gif"><br><br>')).toBe('');
  });
});
