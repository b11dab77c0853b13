import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FormatError } from '@embfact/core';
import { loadJsonl } from '@embfact/datasets';

function file(content: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'jsonl-')), 'c.jsonl');
  writeFileSync(p, content);
  return p;
}

describe('loadJsonl', () => {
  it('reads records, skips blank lines, stringifies labels and defaults ids to line numbers', async () => {
    const docs = await loadJsonl(file('{"text":"a b","label":1}\n\n{"text":"c","label":"x","id":"d7"}\n'));
    expect(docs).toEqual([{ id: '1', text: 'a b', label: '1' }, { id: 'd7', text: 'c', label: 'x' }]);
  });
  it('names file, line and column on bad JSON', async () => {
    const p = file('{"text":"ok"}\n{"text": oops}\n');
    await expect(loadJsonl(p)).rejects.toThrow(FormatError);
    await expect(loadJsonl(p)).rejects.toThrow(new RegExp(`${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2(:\\d+)?: expected one JSON object per line`));
  });
  it('rejects a missing text, a bad label, bad keyphrases and a missing required label', async () => {
    await expect(loadJsonl(file('{"text":"a"}\n{"text":"b"}\n{"txt":"c"}\n'))).rejects.toThrow(/c\.jsonl:3: expected a string "text" field; the field is missing\.$/);
    await expect(loadJsonl(file('{"text":7}\n'))).rejects.toThrow(/:1: expected a string "text" field; found 7\.$/);
    await expect(loadJsonl(file('{"text":null}\n'))).rejects.toThrow(/:1: expected a string "text" field; found null\.$/);
    await expect(loadJsonl(file('{"text":"a","label":{"x":1}}\n'))).rejects.toThrow(/"label" to be a string or a finite number/);
    await expect(loadJsonl(file('{"text":"a","keyphrases":"x"}\n'))).rejects.toThrow(/"keyphrases" to be an array of strings/);
    await expect(loadJsonl(file('{"text":"a","label":"x"}\n{"text":"b"}\n'), { requireLabel: true })).rejects.toThrow(/c\.jsonl:2: expected a "label" field \(this command needs labelled documents\); the field is missing\.$/);
    // 1 and "1" would be one class once stringified
    await expect(loadJsonl(file('{"text":"a","label":"1"}\n{"text":"b","label":"x"}\n{"text":"c","label":1}\n'))).rejects.toThrow(/:3: expected "label" 1 to have the type it has on line 1 \(string\)/);
  });
  it('skips a leading UTF-8 byte-order mark (files saved by Windows editors)', async () => {
    const bom = '\uFEFF';
    expect(await loadJsonl(file(`${bom}{"text":"a","label":"x"}\n{"text":"b"}\n`))).toEqual([{ id: '1', text: 'a', label: 'x' }, { id: '2', text: 'b' }]);
    expect(await loadJsonl(file(`${bom}{"text":"a"}\r\n`))).toEqual([{ id: '1', text: 'a' }]);
    // a BOM and nothing else is an empty file, not bad JSON
    await expect(loadJsonl(file(`${bom}\n`))).rejects.toThrow(/the file is empty/);
    // a BOM further down (two such files concatenated) is named, not shown as an invisible character
    const p = file(`${bom}{"text":"a"}\n${bom}{"text":"b"}\n`);
    await expect(loadJsonl(p)).rejects.toThrow(/c\.jsonl:2:1: expected one JSON object per line; the line starts with a byte-order mark \(U\+FEFF\), as where two files saved with one were joined: remove it\.$/);
    await expect(loadJsonl(p)).rejects.not.toThrow(/\uFEFF/);
  });
  it('rejects an empty file and a missing file', async () => {
    await expect(loadJsonl(file('\n\n'))).rejects.toThrow(/the file is empty/);
    await expect(loadJsonl('/nonexistent/x.jsonl')).rejects.toThrow(/ENOENT.*\/nonexistent\/x\.jsonl/);
  });
});
