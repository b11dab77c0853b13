import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FormatError } from '@embfact/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  escapeHtml,
  highlightKeywords,
  jsonForScript,
  readResults,
  renderReport,
  ResultsSchemaError,
  validateResults,
  writeReport,
  writeResultsJson,
  type DemoResults,
} from '../src/report/index.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
let sample: DemoResults;
let malicious: DemoResults;

beforeAll(async () => {
  sample = JSON.parse(await readFile(join(fixtures, 'results.sample.json'), 'utf8')) as DemoResults;
  malicious = JSON.parse(await readFile(join(fixtures, 'results.malicious.json'), 'utf8')) as DemoResults;
});

const clone = <T>(x: T): T => structuredClone(x);

/** Runs validateResults on a mutated copy of the sample and returns the thrown error. */
function errorOf(mutate: (r: any) => void): ResultsSchemaError {
  const r = clone(sample) as any;
  mutate(r);
  try {
    validateResults(r);
  } catch (e) {
    expect(e).toBeInstanceOf(ResultsSchemaError);
    expect(e).toBeInstanceOf(FormatError);
    return e as ResultsSchemaError;
  }
  throw new Error('validateResults accepted an invalid value');
}

describe('validateResults', () => {
  it('accepts the full sample fixture and returns the same object', () => {
    expect(validateResults(sample)).toBe(sample);
    expect(sample.spectrum!.singularValues).toHaveLength(100);
    expect(sample.classification![0].confusion).toHaveLength(15);
  });

  it('accepts a meta-only (reduced) run', () => {
    const r = { meta: sample.meta };
    expect(validateResults(r)).toBe(r);
  });

  it('accepts an infinite condition number written as null', () => {
    const r = clone(sample);
    r.spectrum!.conditionNumber = null;
    expect(() => validateResults(r)).not.toThrow();
  });

  it('rejects a non-object with the root path', () => {
    expect(() => validateResults(null)).toThrow('results $ must be an object; got null.');
    expect(() => validateResults([])).toThrow(/\$ must be an object; got an array of length 0/);
  });

  it('rejects a missing meta', () => {
    expect(() => validateResults({})).toThrow('results $.meta must be present (required key); got undefined.');
  });

  it.each([
    ['$.meta.embeddings.rows', (r: any) => (r.meta.embeddings.rows = 1.5), 'an integer >= 1', '1.5'],
    ['$.meta.createdAt', (r: any) => (r.meta.createdAt = 'yesterday'), 'an ISO-8601 date string', '"yesterday"'],
    ['$.meta.config', (r: any) => (r.meta.config = [1]), 'an object', 'an array of length 1'],
    ['$.spectrum.singularValues[3]', (r: any) => (r.spectrum.singularValues[3] = 'x'), 'a finite number >= 0', '"x"'],
    ['$.spectrum.singularValues[5]', (r: any) => (r.spectrum.singularValues[5] = 1e6), '<= the previous value', '1000000'],
    ['$.spectrum.explainedVarianceRatio', (r: any) => r.spectrum.explainedVarianceRatio.pop(), 'an array of length 100 (as singularValues)', 'an array of length 99'],
    ['$.spectrum.method', (r: any) => (r.spectrum.method = 'qr'), "one of 'gram', 'tsqr'", '"qr"'],
    ['$.spectrum.conditionNumber', (r: any) => (r.spectrum.conditionNumber = 0.5), 'a finite number >= 1 or null', '0.5'],
    ['$.isotropy[1].isotropy', (r: any) => (r.isotropy[1].isotropy = 1.5), 'a finite number in [0, 1]', '1.5'],
    ['$.isotropy[0].transform', (r: any) => (r.isotropy[0].transform = ''), 'a non-empty string', '""'],
    ['$.compression[2].k', (r: any) => (r.compression[2].k = 0), 'an integer >= 1', '0'],
    ['$.compression[0].accuracy', (r: any) => (r.compression[0].accuracy = null), 'a finite number in [0, 1]', 'null'],
    ['$.wordSimilarity[0].covered', (r: any) => (r.wordSimilarity[0].covered = 400), 'an integer in [0, total = 353]', '400'],
    ['$.classification[0].confusion', (r: any) => r.classification[0].confusion.pop(), 'an array of 15 rows (labels.length)', 'an array of length 14'],
    ['$.classification[1].confusion[4]', (r: any) => r.classification[1].confusion[4].push(0), 'an array of length 15 (labels.length)', 'an array of length 16'],
    ['$.classification[0].confusion[2][3]', (r: any) => (r.classification[0].confusion[2][3] = -1), 'an integer >= 0', '-1'],
    ['$.classification[0].labels[3]', (r: any) => (r.classification[0].labels[3] = r.classification[0].labels[0]), 'a label not already listed', '"adventure"'],
    ['$.clustering[0].nmi', (r: any) => (r.clustering[0].nmi = Number.NaN), 'a finite number in [0, 1]', 'NaN'],
    ['$.projection.points[7].x', (r: any) => (r.projection.points[7].x = Infinity), 'a finite number', 'Infinity'],
    ['$.keywordExamples[0].keywords[1].offsets[0].end', (r: any) => (r.keywordExamples[0].keywords[1].offsets[0].end = 1e6), 'an integer in [start + 1', '1000000'],
    ['$.keywordExamples[0].keywords[0].correct', (r: any) => (r.keywordExamples[0].keywords[0].correct = 'yes'), 'a boolean', '"yes"'],
    ['$.timings[0].seconds', (r: any) => (r.timings[0].seconds = -1), 'a finite number >= 0', '-1'],
    ['$.skipped[0].section', (r: any) => (r.skipped = [{ section: 'nope', reason: 'x' }]), "one of 'spectrum'", '"nope"'],
    ['$.isotropy', (r: any) => (r.isotropy = { transform: 'raw' }), 'an array', 'an object (Object)'],
  ])('names the path %s, what was expected and what was found', (path, mutate, expected, found) => {
    const e = errorOf(mutate);
    expect(e.path).toBe(path);
    expect(e.expected).toContain(expected);
    expect(e.found).toBe(found);
    expect(e.message).toContain(`results ${path} must be `);
    expect(e.message).toContain(`; got ${found}`);
  });

  it('rejects an unknown key (a misspelled section would otherwise vanish in silence)', () => {
    const e = errorOf((r) => (r.isotrpy = []));
    expect(e.path).toBe('$.isotrpy');
    expect(e.expected).toContain('unknown key');
    expect(e.expected).toContain('isotropy');
    const e2 = errorOf((r) => (r.compression[0].acc = 0.5));
    expect(e2.path).toBe('$.compression[0].acc');
  });

  it('prefixes the file name when given', () => {
    expect(() => validateResults({}, { file: 'report/results.json' })).toThrow(/^report\/results\.json: results \$\.meta must be present/);
  });
});

describe('escaping helpers', () => {
  it('escapeHtml escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('plain text')).toBe('plain text');
  });

  it('jsonForScript never contains <, >, & or raw U+2028 and round-trips', () => {
    const value = { a: '</script><!-- <script>', b: 'x & y > z', c: 'line\u2028sep\u2029', n: [1, 2.5] };
    const s = jsonForScript(value);
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual(value);
  });

  it('jsonForScript rejects non-finite numbers instead of writing null', () => {
    expect(() => jsonForScript({ x: Number.NaN })).toThrow(RangeError);
  });

  it('highlightKeywords wraps occurrences and escapes text and titles', () => {
    const text = 'a <b> c & c';
    const html = highlightKeywords(text, [{ phrase: 'c<', score: 1, offsets: [{ start: 6, end: 7 }, { start: 10, end: 11 }], correct: true }]);
    expect(html).toBe('a &lt;b&gt; <mark class="kw kw-hit" title="#1 c&lt; (score 1)">c</mark> &amp; <mark class="kw kw-hit" title="#1 c&lt; (score 1)">c</mark>');
  });

  it('highlightKeywords keeps the first of overlapping spans, then the longer one', () => {
    const text = 'neural network model';
    const html = highlightKeywords(text, [
      { phrase: 'network model', score: 2, offsets: [{ start: 7, end: 20 }] },
      { phrase: 'neural network', score: 1, offsets: [{ start: 0, end: 14 }] },
      { phrase: 'neural', score: 0.5, offsets: [{ start: 0, end: 6 }] },
    ]);
    expect(html).toBe('<mark class="kw" title="#2 neural network (score 1)">neural network</mark> model');
  });

  it('highlightKeywords returns the escaped text when there are no keywords or an empty text', () => {
    expect(highlightKeywords('<x>', [])).toBe('&lt;x&gt;');
    expect(highlightKeywords('', [])).toBe('');
  });
});

describe('renderReport', () => {
  let html: string;
  beforeAll(() => {
    html = renderReport(sample);
  });

  it('is one self-contained document: inlined d3 and Plot, no external references', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/d3js\.org|Copyright 2010-\d+ Mike Bostock/);
    expect(html).toContain('@observablehq/plot v0.6.17');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\ssrc="(?!data:)/i);
  });

  it('has a strict CSP whose script hashes match exactly the inline scripts', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).toContain('img-src data:');
    expect(csp).not.toContain("'unsafe-eval'");
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1];
    expect(scriptSrc).not.toContain('unsafe-inline');
    const hashes = scriptSrc.trim().split(/\s+/);
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(3); // d3, Plot, the client script
    expect(hashes).toEqual(inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`));
  });

  it('puts one chart container per figure, each with a spec in the data block', () => {
    const ids = [...html.matchAll(/data-chart="(c\d+)"/g)].map((m) => m[1]);
    // spectrum 2, isotropy 2, compression 2, classification 2 datasets + confusion, clustering 2 + projection,
    // keywords 1, word similarity 1 + analogy 1
    expect(ids).toHaveLength(15);
    const data = JSON.parse(/<script type="application\/json" id="embfact-data">([\s\S]*?)<\/script>/.exec(html)![1]);
    expect(Object.keys(data.charts).sort()).toEqual([...ids].sort());
    expect(data.charts.c0).toEqual({ kind: 'singularValues', values: sample.spectrum!.singularValues });
    expect(data.transformColors.domain[0]).toBe('raw');
  });

  it('gives every figure as a plain table too', () => {
    expect(html).toContain('Numbers: every singular value');
    expect(html).toContain('<td>1180.0000</td>');
    expect(html).toContain('Numbers: every confusion matrix');
    expect(html).toContain('Nearest neighbours before and after');
    expect(html).toContain('Numbers: projected points');
    for (const x of sample.classification!) expect(html).toContain(`<td>${x.accuracy.toFixed(3)}</td>`);
  });

  it('highlights keywords server-side', () => {
    expect(html).toContain('<mark class="kw kw-hit" title="#1 adaptive beamforming (score 0.91)">Adaptive beamforming</mark>');
  });

  it('renders missing sections as "not run", with the reason when given', () => {
    const reduced = renderReport({
      meta: sample.meta,
      isotropy: sample.isotropy,
      skipped: [{ section: 'classification', reason: 'reduced configuration (--quick)' }],
    });
    expect(reduced.match(/class="badge">not run</g)).toHaveLength(7);
    expect(reduced).toContain('Not run: reduced configuration (--quick)');
    expect([...reduced.matchAll(/data-chart="c\d+"/g)]).toHaveLength(2);
  });

  it('renders a partly run section: the present part drawn, the missing part marked', () => {
    const page = renderReport({ meta: sample.meta, projection: sample.projection, keywordExamples: sample.keywordExamples });
    expect(page).toContain('<p class="notrun">NMI / ARI per transform: not run.</p>');
    expect(page).toContain('<p class="notrun">F1 per transform: not run.</p>');
    expect(page).toContain('2-D projection · brown · whiten (500 documents, coloured by true label)');
    expect([...page.matchAll(/data-chart="c\d+"/g)]).toHaveLength(1);
  });

  it('validates its input', () => {
    expect(() => renderReport({ meta: { ...sample.meta, durationSeconds: -1 } })).toThrow(ResultsSchemaError);
  });

  it('is deterministic', () => {
    expect(renderReport(sample)).toBe(html);
  });
});

describe('renderReport with malicious data', () => {
  let html: string;
  beforeAll(() => {
    html = renderReport(malicious);
  });

  it('contains exactly the three trusted script elements and no injected markup', () => {
    expect(html.match(/<script\b/gi)).toHaveLength(4); // 3 inline scripts + the JSON data block
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html).not.toContain('<!--');
    // Every real tag outside <script>/<style> is one the renderer writes, with no event handler
    // and no link other than the in-page table of contents.
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '').replace(/<style>[\s\S]*?<\/style>/g, '');
    const tags = [...markup.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
    const allowed = new Set(('html head meta title style body header div h1 h2 h3 h4 p span nav a main section figure figcaption ' +
      'details summary table thead tbody tr th td b small sub sup ol ul li article mark label select option pre code footer').split(' '));
    for (const [, name, attrs] of tags) {
      expect(allowed.has(name.toLowerCase()), `unexpected <${name}>`).toBe(true);
      expect(attrs).not.toMatch(/\son\w+\s*=/i);
      expect(attrs).not.toMatch(/\s(src|srcdoc|action|formaction)\s*=/i);
      if (name === 'a' && attrs !== '') expect(attrs).toMatch(/^ href="#[a-z]+"$/);
    }
  });

  it('shows the payloads as text', () => {
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=3&quot;&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;');
    expect(html).toContain('&quot; onmouseover=&quot;window.__pwned=5&quot; x=&quot;');
    // the highlighted keyword contains the payload, escaped inside the <mark>
    expect(html).toContain('title="#1 You won &lt;script&gt;window.__pwned=1&lt;/script&gt; (score 0.9)">You won &lt;script&gt;window.__pwned=1&lt;/script&gt;</mark>');
  });

  it('keeps the data block parseable and equal to the data', () => {
    const block = /<script type="application\/json" id="embfact-data">([\s\S]*?)<\/script>/.exec(html)![1];
    expect(block).not.toMatch(/[<>&]/);
    const data = JSON.parse(block);
    const scatter = Object.values(data.charts).find((c: any) => c.kind === 'scatter') as any;
    expect(scatter.points[1].label).toBe('genre<script>window.__pwned=1</script>');
  });
});

describe('writing files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'embfact-report-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writeResultsJson + readResults round-trip, writeReport writes index.html, no temp files left', async () => {
    const out = join(dir, 'nested', 'report');
    const jsonPath = await writeResultsJson(sample, out);
    expect(jsonPath).toBe(join(out, 'results.json'));
    const back = await readResults(jsonPath);
    expect(back).toEqual(sample);
    const htmlPath = await writeReport(back, out);
    expect(htmlPath).toBe(join(out, 'index.html'));
    expect(await readFile(htmlPath, 'utf8')).toBe(renderReport(sample));
    expect((await readdir(out)).sort()).toEqual(['index.html', 'results.json']);
  });

  it('writes nothing when the results are invalid', async () => {
    const out = join(dir, 'invalid');
    await expect(writeReport({ meta: { ...sample.meta, node: 42 } } as any, out)).rejects.toThrow('results $.meta.node must be a string; got 42.');
    await expect(writeResultsJson({ meta: { ...sample.meta, node: 42 } } as any, out)).rejects.toThrow(ResultsSchemaError);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });

  it('readResults names the file and position of bad JSON and of schema errors', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{\n  "meta": {,\n}');
    await expect(readResults(bad)).rejects.toThrow(new RegExp(`^${bad.replace(/[.]/g, '\\.')}:2:\\d+: invalid JSON`));
    const wrong = join(dir, 'wrong.json');
    await writeFile(wrong, JSON.stringify({ meta: sample.meta, timings: [{ step: 'x' }] }));
    await expect(readResults(wrong)).rejects.toThrow(`${wrong}: results $.timings[0].seconds must be present (required key); got undefined.`);
  });
});
