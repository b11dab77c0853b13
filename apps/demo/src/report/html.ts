/**
 * The only ways data strings reach the HTML page: escaped text, escaped attributes,
 * a script-safe JSON block and server-side keyword highlighting. Nothing from the data is
 * ever placed in markup unescaped.
 */
import type { ExampleKeyword } from './schema.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes a string for use as HTML text or as a quoted attribute value
 * (`&`, `<`, `>`, `"` and `'` become character references).
 *
 * @example
 * ```ts
 * escapeHtml('<script>alert(1)</script>'); // '&lt;script&gt;alert(1)&lt;/script&gt;'
 * ```
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * Serializes `value` as JSON that is safe inside `<script type="application/json">`:
 * `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026` (so neither `</script>` nor `<!--`
 * can appear), and U+2028/U+2029 are escaped too. `JSON.parse` returns the original value.
 *
 * @throws RangeError when the value contains a non-finite number (JSON would turn it into null).
 * @example
 * ```ts
 * jsonForScript({ t: '</script>' }); // '{"t":"\\u003c/script\\u003e"}'
 * ```
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new RangeError(`Chart data must contain only finite numbers; got ${v}.`);
    }
    return v;
  });
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** One highlighted span, as placed by {@link highlightKeywords}. */
interface Span {
  start: number;
  end: number;
  rank: number;
  keyword: ExampleKeyword;
}

/**
 * Renders `text` as escaped HTML with every keyword occurrence wrapped in
 * `<mark class="kw">`. Offsets are UTF-16 indices, `end` exclusive. Where occurrences
 * overlap, the earlier-starting one wins (then the longer, then the better-ranked); the other
 * is not highlighted there. Both the text and the phrase in the `title` are escaped.
 *
 * @param text - the document text (raw, possibly containing HTML).
 * @param keywords - keyphrases, best first; `offsets` must lie inside `text`
 *   (checked by `validateResults`).
 * @example
 * ```ts
 * highlightKeywords('a <b> c', [{ phrase: 'c', score: 1, offsets: [{ start: 6, end: 7 }] }]);
 * // 'a &lt;b&gt; <mark class="kw" title="#1 c (score 1)">c</mark>'
 * ```
 */
export function highlightKeywords(text: string, keywords: readonly ExampleKeyword[]): string {
  const spans: Span[] = [];
  keywords.forEach((keyword, rank) => {
    for (const o of keyword.offsets) {
      if (o.start >= 0 && o.end > o.start && o.end <= text.length) spans.push({ start: o.start, end: o.end, rank, keyword });
    }
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue; // overlaps a span already placed
    out += escapeHtml(text.slice(pos, s.start));
    const cls = s.keyword.correct === true ? 'kw kw-hit' : s.keyword.correct === false ? 'kw kw-miss' : 'kw';
    const title = `#${s.rank + 1} ${s.keyword.phrase} (score ${formatScore(s.keyword.score)})`;
    out += `<mark class="${cls}" title="${escapeHtml(title)}">${escapeHtml(text.slice(s.start, s.end))}</mark>`;
    pos = s.end;
  }
  return out + escapeHtml(text.slice(pos));
}

/** Three significant digits without trailing zeros (`1`, `0.91`, `0.000123`, `1.23e+6`). */
function formatScore(x: number): string {
  return String(Number(x.toPrecision(3)));
}
