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
    await expect(loadJsonl(file('{"txt":"a"}\n'))).rejects.toThrow(/:1: expected a "text" string; found undefined/);
    await expect(loadJsonl(file('{"text":"a","label":{"x":1}}\n'))).rejects.toThrow(/"label" to be a string or a finite number/);
    await expect(loadJsonl(file('{"text":"a","keyphrases":"x"}\n'))).rejects.toThrow(/"keyphrases" to be an array of strings/);
    await expect(loadJsonl(file('{"text":"a"}\n'), { requireLabel: true })).rejects.toThrow(/needs labelled documents/);
    // 1 and "1" would be one class once stringified
    await expect(loadJsonl(file('{"text":"a","label":"1"}\n{"text":"b","label":"x"}\n{"text":"c","label":1}\n'))).rejects.toThrow(/:3: expected "label" 1 to have the type it has on line 1 \(string\)/);
  });
  it('rejects an empty file and a missing file', async () => {
    await expect(loadJsonl(file('\n\n'))).rejects.toThrow(/the file is empty/);
    await expect(loadJsonl('/nonexistent/x.jsonl')).rejects.toThrow(/ENOENT.*\/nonexistent\/x\.jsonl/);
  });
});
