/**
 * renderReport: DemoResults -> one self-contained HTML page (inlined d3 + Observable Plot,
 * inlined chart data, strict Content-Security-Policy, every number also in a plain table).
 */
import { createHash } from 'node:crypto';
import { inlineLibraries } from './assets.js';
import {
  analogySpec,
  classificationLabeler,
  classificationSpecs,
  clusteringLabeler,
  clusteringSpecs,
  compressionSpecs,
  confusionSpec,
  cumulativeVarianceSpec,
  distinct,
  isotropySpecs,
  keywordsSpec,
  projectionSpec,
  singularValuesSpec,
  transformColors,
  wordSimilaritySpec,
  type ChartSpec,
} from './charts.js';
import { CLIENT_SCRIPT } from './client.js';
import { escapeHtml as esc, highlightKeywords, jsonForScript } from './html.js';
import { validateResults, type DemoResults, type SectionName } from './schema.js';
import { REPORT_CSS } from './style.js';

/** Options of {@link renderReport}. */
export interface RenderOptions {
  /** Page title; default `'embfact report'`. */
  title?: string;
}

/** Collects chart specs and hands out container ids. */
class Charts {
  readonly specs: Record<string, ChartSpec> = {};
  private n = 0;
  /** A figure with a chart container (filled by the client script) and a fallback note. */
  figure(title: string, spec: ChartSpec, opts: { wide?: boolean; controls?: string } = {}): string {
    const id = `c${this.n++}`;
    this.specs[id] = spec;
    return (
      `<figure class="fig${opts.wide ? ' wide' : ''}"><figcaption>${esc(title)}</figcaption>${opts.controls ?? ''}` +
      `<div class="chart" data-chart="${id}" role="img" aria-label="${esc(title)}">` +
      `<p class="fallback">Chart drawn by JavaScript; the numbers are in the table below.</p></div></figure>`
    );
  }
}

/**
 * Renders the HTML report. The page is self-contained: d3 and Observable Plot are inlined,
 * the chart data is an inlined JSON block, and a Content-Security-Policy meta tag allows only
 * the page's own inline scripts (by SHA-256 hash), inline styles and `data:` images — nothing
 * can be loaded from the network. Every string from the data is HTML-escaped.
 *
 * @param results - the run's results; validated again here with {@link validateResults}.
 * @returns the complete HTML document (UTF-8 text).
 * @throws ResultsSchemaError when `results` does not follow the schema.
 * @example
 * ```ts
 * const html = renderReport(validateResults(JSON.parse(await readFile('report/results.json', 'utf8'))));
 * ```
 */
export function renderReport(results: DemoResults, opts: RenderOptions = {}): string {
  const r = validateResults(results);
  const title = opts.title ?? 'embfact report';
  const charts = new Charts();
  const skipped = new Map<SectionName, string>();
  for (const s of r.skipped ?? []) skipped.set(s.section, s.reason);

  const allTransforms = [
    ...(r.isotropy ?? []).map((x) => x.transform),
    ...(r.classification ?? []).map((x) => x.transform),
    ...(r.clustering ?? []).map((x) => x.transform),
    ...(r.keywords ?? []).map((x) => x.transform),
    ...(r.wordSimilarity ?? []).map((x) => x.transform),
    ...(r.analogy ?? []).map((x) => x.transform),
    ...(r.neighbors ?? []).map((x) => x.transform),
  ];
  const colors = transformColors(allTransforms);

  const sections: { id: string; title: string; html: string }[] = [
    { id: 'spectrum', title: 'Spectrum', html: spectrumSection(r, charts, skipped) },
    { id: 'isotropy', title: 'Isotropy', html: isotropySection(r, charts, skipped) },
    { id: 'compression', title: 'Compression', html: compressionSection(r, charts, skipped) },
    { id: 'classification', title: 'Classification', html: classificationSection(r, charts, skipped) },
    { id: 'clustering', title: 'Clustering', html: clusteringSection(r, charts, skipped) },
    { id: 'keywords', title: 'Keywords', html: keywordsSection(r, charts, skipped) },
    { id: 'words', title: 'Word similarity', html: wordsSection(r, charts, skipped) },
    { id: 'timings', title: 'Timings', html: timingsSection(r, skipped) },
    { id: 'config', title: 'Configuration', html: configSection(r) },
  ];

  const dataJson = jsonForScript({ charts: charts.specs, transformColors: colors });
  const libs = inlineLibraries();
  const scripts = [...libs.map((l) => l.source), CLIENT_SCRIPT];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  const m = r.meta;
  const nav = sections.map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="embfact ${esc(m.version)}; ${libs.map((l) => `${esc(l.name)} ${esc(l.version)}`).join(', ')}">
<title>${esc(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top">
<div class="wrap">
<h1>What factorizing the embedding layer changes</h1>
<p class="lede">${esc(m.embeddings.source)}: ${int(m.embeddings.rows)} words × ${int(m.embeddings.cols)} dimensions, factorized once (SVD of the centered matrix), then whitened, stripped of its top directions (all-but-the-top) and compressed to low rank. Each section below shows what that changes for one downstream task, on real data.</p>
<p class="meta"><span>embfact ${esc(m.version)}</span><span>${esc(formatDate(m.createdAt))}</span><span>run took ${esc(duration(m.durationSeconds))}</span><span>Node ${esc(m.node)}</span></p>
</div>
<nav class="wrap toc">${nav}</nav>
</header>
<main class="wrap">
${keyResults(r)}
${sections.map((s) => s.html).join('\n')}
</main>
<footer class="wrap foot">Generated by <code>embfact</code> from <code>results.json</code>; charts drawn offline with Observable Plot ${esc(libs[1].version)} and d3 ${esc(libs[0].version)}, inlined in this file. Every figure is also given as a table.</footer>
<script type="application/json" id="embfact-data">${dataJson}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers

function int(n: number): string {
  return n.toLocaleString('en-US');
}

/** 3 decimals for scores; scientific outside [1e-3, 1e4). */
export function fmt(x: number, digits = 3): string {
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e4)) return x.toExponential(2);
  return x.toFixed(digits);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function duration(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const min = Math.floor(s / 60);
  return `${min} min ${Math.round(s - 60 * min)} s`;
}

function formatDate(iso: string): string {
  return new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** A plain table; `head` and cells are already-escaped HTML. */
function table(head: string[], rows: string[][], cls = ''): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<div class="tablewrap"><table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function numbers(summary: string, inner: string): string {
  return `<details class="numbers"><summary>${summary}</summary>${inner}</details>`;
}

function section(id: string, title: string, explain: string, body: string): string {
  return `<section id="${id}" class="card"><h2>${esc(title)}</h2><p class="explain">${explain}</p>${body}</section>`;
}

function notRun(id: string, title: string, explain: string, names: SectionName[], skipped: Map<SectionName, string>): string {
  const reasons = distinct(names.map((n) => skipped.get(n)).filter((x): x is string => x !== undefined));
  const why = reasons.length > 0 ? `: ${reasons.map(esc).join('; ')}` : ' in this run (the section is absent from results.json).';
  return `<section id="${id}" class="card not-run"><h2>${esc(title)} <span class="badge">not run</span></h2><p class="explain">${explain}</p><p class="notrun">Not run${why}</p></section>`;
}

function partNotRun(what: string, name: SectionName, skipped: Map<SectionName, string>): string {
  const reason = skipped.get(name);
  return `<p class="notrun">${esc(what)}: not run${reason ? ` — ${esc(reason)}` : ''}.</p>`;
}

function has<T>(x: T[] | undefined): x is T[] {
  return x !== undefined && x.length > 0;
}

function tag(t: string): string {
  return `<span class="t">${esc(t)}</span>`;
}

// ---------------------------------------------------------------------------------------------
// Key results

function keyResults(r: DemoResults): string {
  const cards: string[] = [];
  const card = (label: string, value: string, note: string) =>
    cards.push(`<div class="kpi"><div class="kpi-label">${esc(label)}</div><div class="kpi-value">${value}</div><div class="kpi-note">${note}</div></div>`);

  if (r.spectrum) {
    const s = r.spectrum;
    card(
      'Effective rank',
      `${fmt(s.effectiveRank, 1)} <small>/ ${s.singularValues.length}</small>`,
      `condition number ${s.conditionNumber === null ? '∞' : fmt(s.conditionNumber, 1)} · ${esc(s.method)} path`,
    );
  }
  if (has(r.isotropy)) {
    const raw = r.isotropy.find((x) => x.transform === 'raw');
    const best = [...r.isotropy].sort((a, b) => b.isotropy - a.isotropy)[0];
    card('Isotropy I(W)', raw && best !== raw ? `${fmt(raw.isotropy, 2)} → ${fmt(best.isotropy, 2)}` : fmt(best.isotropy, 2), raw && best !== raw ? `raw → ${tag(best.transform)}` : tag(best.transform));
  }
  for (const dataset of distinct((r.classification ?? []).map((x) => x.dataset))) {
    const rows = r.classification!.filter((x) => x.dataset === dataset);
    const label = classificationLabeler(rows);
    const best = [...rows].sort((a, b) => b.accuracy - a.accuracy)[0];
    card(`Accuracy · ${dataset}`, fmt(best.accuracy), `best: ${tag(label(best))}`);
  }
  if (has(r.clustering)) {
    const best = [...r.clustering].sort((a, b) => b.nmi - a.nmi)[0];
    card(`NMI · ${best.dataset}`, fmt(best.nmi), `best: ${tag(clusteringLabeler(r.clustering)(best))}`);
  }
  if (has(r.keywords)) {
    const best = [...r.keywords].sort((a, b) => b.f1At10 - a.f1At10)[0];
    card('Keyword F1@10', fmt(best.f1At10), `best: ${tag(`${best.method} · ${best.transform}`)}`);
  }
  if (has(r.compression)) {
    // The smallest rank whose downstream accuracy reaches the full-rank one (when measured),
    // else the smallest keeping 90 % of the variance.
    const sorted = [...r.compression].sort((a, b) => a.k - b.k);
    const full = sorted[sorted.length - 1];
    const byAccuracy = full.accuracy === undefined ? undefined : sorted.find((c) => c.accuracy !== undefined && c.accuracy >= full.accuracy!);
    const pick = byAccuracy ?? sorted.find((c) => c.explainedVariance >= 0.9) ?? full;
    const detail = byAccuracy && pick !== full
      ? `k = ${pick.k}: Brown accuracy ${fmt(pick.accuracy!)} vs ${fmt(full.accuracy!)} at k = ${full.k}`
      : `k = ${pick.k} keeps ${pct(pick.explainedVariance)} of the variance`;
    card('Low-rank storage', pct(pick.storageRatio), detail);
  }
  if (cards.length === 0) return '';
  return `<section class="kpis" aria-label="Key results">${cards.join('')}</section>`;
}

// ---------------------------------------------------------------------------------------------
// Sections

function spectrumSection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'The singular values σ<sub>i</sub> of the centered embedding matrix Ā = U Σ V<sup>T</sup>. A steep head means a few shared directions carry much of the variance: all-but-the-top removes them, whitening rescales every direction to unit variance (flattening this curve), and a rank-k factorization keeps the first k, with the share of variance on the right.';
  const s = r.spectrum;
  if (!s) return notRun('spectrum', 'Singular value spectrum', explain, ['spectrum'], skipped);
  let acc = 0;
  const rows = s.singularValues.map((v, i) => [String(i + 1), fmt(v, 4), pct(s.explainedVarianceRatio[i]), pct(Math.min(1, (acc += s.explainedVarianceRatio[i])))]);
  return section(
    'spectrum',
    'Singular value spectrum',
    explain,
    `<div class="grid">${charts.figure('Singular values (log scale)', singularValuesSpec(s))}${charts.figure('Cumulative explained variance', cumulativeVarianceSpec(s))}</div>` +
      `<p class="facts">Effective rank <b>${fmt(s.effectiveRank, 2)}</b> of ${s.singularValues.length}; condition number <b>${s.conditionNumber === null ? '∞' : fmt(s.conditionNumber, 2)}</b>; computed by the <b>${esc(s.method)}</b> path.</p>` +
      numbers('Numbers: every singular value', table(['i', 'σ<sub>i</sub>', 'explained', 'cumulative'], rows, 'num')),
  );
}

function isotropySection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'Word vectors share a common mean and a few dominant directions, so unrelated words look alike: the mean cosine of random word pairs is well above 0 and the isotropy I(W) of Mu &amp; Viswanath (2018) is well below 1. Centering and removing the top directions, or equalizing all variances (whitening), make the space isotropic: I(W) moves toward 1, the random-pair cosine toward 0.';
  if (!has(r.isotropy)) return notRun('isotropy', 'Isotropy before and after', explain, ['isotropy'], skipped);
  const [iso, cos] = isotropySpecs(r.isotropy);
  return section(
    'isotropy',
    'Isotropy before and after',
    explain,
    `<div class="grid">${charts.figure('Isotropy I(W) (higher is more isotropic)', iso)}${charts.figure('Anisotropy: mean random-pair cosine', cos)}</div>` +
      numbers('Numbers', table(['transform', 'I(W)', 'mean random cosine'], r.isotropy.map((x) => [tag(x.transform), fmt(x.isotropy), fmt(x.meanRandomCosine)]), 'num')),
  );
}

function compressionSection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'Low-rank factorization A ≈ E·W with E = U<sub>k</sub>Σ<sub>k</sub> (n×k) and W = V<sub>k</sub><sup>T</sup> (k×d) stores n·k + k·d numbers instead of n·d, as ALBERT does for its embedding layer. The reconstruction error is what the discarded directions held; downstream accuracy shows how much of it the task needed.';
  if (!has(r.compression)) return notRun('compression', 'Compression: rank k vs error', explain, ['compression'], skipped);
  const [err, lines] = compressionSpecs(r.compression);
  const withAcc = r.compression.some((c) => c.accuracy !== undefined);
  const sorted = [...r.compression].sort((a, b) => a.k - b.k);
  return section(
    'compression',
    'Compression: rank k vs error',
    explain,
    `<div class="grid">${charts.figure('Storage ratio vs reconstruction error', err)}${charts.figure(withAcc ? 'Explained variance and downstream accuracy per k' : 'Explained variance per k', lines)}</div>` +
      numbers(
        'Numbers',
        table(
          ['k', 'storage ratio', 'relative error', 'explained variance', 'accuracy'],
          sorted.map((c) => [String(c.k), pct(c.storageRatio), fmt(c.relativeError), pct(c.explainedVariance), c.accuracy === undefined ? '—' : fmt(c.accuracy)]),
          'num',
        ),
      ),
  );
}

function classificationSection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'Documents are embedded by pooling their word vectors (alone or next to TF-IDF features) and a linear classifier is trained for each transform; scores are on held-out documents. Macro-F1 weights every class equally, so it shows what happens to the rare genres. The confusion matrix shows which classes are mixed up.';
  const rows = r.classification;
  if (!has(rows)) return notRun('classification', 'Classification', explain, ['classification'], skipped);
  const figs = classificationSpecs(rows).map(({ dataset, spec }) => charts.figure(`Accuracy and macro-F1 · ${dataset}`, spec));
  const selectId = 'confusion-select';
  const options = rows.map((x, i) => `<option value="${i}">${esc(`${x.dataset} · ${x.transform} · ${x.features} (accuracy ${fmt(x.accuracy)})`)}</option>`).join('');
  const controls = `<label class="control">Show <select id="${selectId}">${options}</select></label>`;
  const conf = confusionSpec(rows, selectId);
  const confTables = rows
    .map((x) => {
      const head = ['true ↓ / predicted →', ...x.labels.map(esc)];
      const body = x.confusion.map((row, i) => [esc(x.labels[i]), ...row.map(String)]);
      return `<h4>${esc(`${x.dataset} · ${x.transform} · ${x.features}`)}</h4>${table(head, body, 'num confusion')}`;
    })
    .join('');
  return section(
    'classification',
    'Classification',
    explain,
    `<div class="grid">${figs.join('')}</div>` +
      `<div class="grid one">${charts.figure('Confusion matrix', conf, { wide: true, controls })}</div>` +
      numbers(
        'Numbers',
        table(
          ['dataset', 'transform', 'features', 'accuracy', 'macro-F1', 'classes'],
          rows.map((x) => [esc(x.dataset), tag(x.transform), esc(x.features), fmt(x.accuracy), fmt(x.macroF1), String(x.labels.length)]),
          'num',
        ),
      ) +
      numbers('Numbers: every confusion matrix', confTables),
  );
}

function clusteringSection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'k-means on the document vectors, compared with the true labels: normalized mutual information (NMI) and adjusted Rand index (ARI), 1 for the true partition and 0 for chance. The scatter shows the documents in two dimensions, coloured by their true genre: the more the colours separate, the more the embedding alone knows about genre.';
  if (!has(r.clustering) && !r.projection) return notRun('clustering', 'Clustering', explain, ['clustering', 'projection'], skipped);
  let body = '';
  if (has(r.clustering)) {
    body += `<div class="grid">${clusteringSpecs(r.clustering).map(({ dataset, spec }) => charts.figure(`NMI and ARI · ${dataset}`, spec)).join('')}</div>`;
  } else body += partNotRun('NMI / ARI per transform', 'clustering', skipped);
  if (r.projection) {
    const p = r.projection;
    body += `<div class="grid one">${charts.figure(`2-D projection · ${p.dataset} · ${p.transform} (${p.points.length} documents, coloured by true label)`, projectionSpec(p), { wide: true })}</div>`;
  } else body += partNotRun('2-D projection', 'projection', skipped);
  if (has(r.clustering)) {
    body += numbers(
      'Numbers',
      table(['dataset', 'transform', 'scope', 'NMI', 'ARI'], r.clustering.map((x) => [esc(x.dataset), tag(x.transform), esc(x.scope), fmt(x.nmi), fmt(x.ari)]), 'num'),
    );
  }
  if (r.projection) {
    body += numbers(
      'Numbers: projected points',
      table(['id', 'label', 'x', 'y'], r.projection.points.map((q) => [esc(q.id), esc(q.label), fmt(q.x), fmt(q.y)]), 'num'),
    );
  }
  return section('clustering', 'Clustering', explain, body);
}

function keywordsSection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'Candidate phrases are ranked per document and the top 5 and 10 are compared with the gold keyphrases after lowercasing and Porter stemming (the Inspec convention; F1 macro-averaged over documents). Below, example documents with the extracted keyphrases highlighted — green when the phrase matches a gold keyphrase, red when it does not.';
  if (!has(r.keywords) && !has(r.keywordExamples)) return notRun('keywords', 'Keyword extraction', explain, ['keywords', 'keywordExamples'], skipped);
  let body = '';
  if (has(r.keywords)) {
    body +=
      `<div class="grid one">${charts.figure('F1@5 and F1@10 per method and transform', keywordsSpec(r.keywords), { wide: true })}</div>` +
      numbers('Numbers', table(['method', 'transform', 'F1@5', 'F1@10'], r.keywords.map((x) => [esc(x.method), tag(x.transform), fmt(x.f1At5), fmt(x.f1At10)]), 'num'));
  } else body += partNotRun('F1 per transform', 'keywords', skipped);
  if (has(r.keywordExamples)) {
    body += `<h3>Example documents</h3><div class="examples">${r.keywordExamples.map(exampleCard).join('')}</div>`;
  } else body += partNotRun('Example documents', 'keywordExamples', skipped);
  return section('keywords', 'Keyword extraction', explain, body);
}

function exampleCard(e: NonNullable<DemoResults['keywordExamples']>[number]): string {
  const chips = e.keywords
    .map((k, i) => {
      const cls = k.correct === true ? 'chip hit' : k.correct === false ? 'chip miss' : 'chip';
      return `<li class="${cls}" title="score ${esc(fmt(k.score))}"><span class="rank">${i + 1}</span>${esc(k.phrase)}</li>`;
    })
    .join('');
  const gold = e.gold.map((g) => `<li class="chip gold">${esc(g)}</li>`).join('');
  return (
    `<article class="example"><header><b>${esc(e.id)}</b>${e.method ? ` <span class="muted">· ${esc(e.method)}</span>` : ''}</header>` +
    `<div class="kwlists"><div><span class="kwlabel">extracted</span><ol class="chips">${chips}</ol></div><div><span class="kwlabel">gold</span><ul class="chips">${gold}</ul></div></div>` +
    `<div class="doc">${highlightKeywords(e.text, e.keywords)}</div></article>`
  );
}

function wordsSection(r: DemoResults, charts: Charts, skipped: Map<SectionName, string>): string {
  const explain =
    'Spearman ρ between the cosine similarity of two words and human similarity judgments, over the pairs whose words are both in the vocabulary (coverage in the table). The transforms change which words are close: the neighbour tables show the same query words before and after.';
  if (!has(r.wordSimilarity) && !has(r.analogy) && !has(r.neighbors)) {
    return notRun('words', 'Word similarity and neighbours', explain, ['wordSimilarity', 'analogy', 'neighbors'], skipped);
  }
  let body = '<div class="grid">';
  if (has(r.wordSimilarity)) body += charts.figure('Spearman ρ per benchmark and transform', wordSimilaritySpec(r.wordSimilarity));
  if (has(r.analogy)) body += charts.figure('Word analogy accuracy', analogySpec(r.analogy));
  body += '</div>';
  if (!has(r.wordSimilarity)) body += partNotRun('Word similarity', 'wordSimilarity', skipped);
  if (has(r.wordSimilarity)) {
    body += numbers(
      'Numbers: word similarity',
      table(
        ['benchmark', 'transform', 'Spearman ρ', 'pairs covered'],
        r.wordSimilarity.map((x) => [esc(x.benchmark), tag(x.transform), fmt(x.spearman), `${x.covered} / ${x.total}`]),
        'num',
      ),
    );
  }
  if (has(r.analogy)) {
    body += numbers('Numbers: analogy', table(['transform', 'accuracy', 'questions covered'], r.analogy.map((x) => [tag(x.transform), fmt(x.accuracy), `${x.covered} / ${x.total}`]), 'num'));
  }
  if (has(r.neighbors)) {
    const transforms = distinct(r.neighbors.map((n) => n.transform));
    const words = distinct(r.neighbors.map((n) => n.word));
    const rows = words.map((w) => [
      `<b>${esc(w)}</b>`,
      ...transforms.map((t) => {
        const entry = r.neighbors!.find((n) => n.word === w && n.transform === t);
        if (!entry) return '—';
        return `<ol class="nn">${entry.neighbors.map((n) => `<li>${esc(n.word)} <span class="sim">${fmt(n.similarity, 2)}</span></li>`).join('')}</ol>`;
      }),
    ]);
    body += `<h3>Nearest neighbours before and after</h3>${table(['query', ...transforms.map(tag)], rows, 'neighbors')}`;
  } else body += partNotRun('Nearest neighbours', 'neighbors', skipped);
  return section('words', 'Word similarity and neighbours', explain, body);
}

function timingsSection(r: DemoResults, skipped: Map<SectionName, string>): string {
  const explain = 'Wall-clock time of each step of this run (second runs reuse the binary embedding cache).';
  if (!has(r.timings)) return notRun('timings', 'Timings', explain, ['timings'], skipped);
  const max = Math.max(...r.timings.map((t) => t.seconds), 1e-9);
  const total = r.timings.reduce((a, t) => a + t.seconds, 0);
  const rows = r.timings.map((t) => [
    esc(t.step),
    `${t.seconds.toFixed(2)} s`,
    `<span class="bar" style="width:${((100 * t.seconds) / max).toFixed(1)}%"></span>`,
  ]);
  rows.push(['<b>total of the steps</b>', `<b>${total.toFixed(2)} s</b>`, '']);
  return section('timings', 'Timings', explain, table(['step', 'seconds', ''], rows, 'num timings'));
}

/** JSON with 2-space indentation, but arrays of numbers/strings/booleans kept on one line. */
function prettyJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + prettyJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function configSection(r: DemoResults): string {
  return section(
    'config',
    'Run configuration',
    'The options this run used, as recorded in results.json.',
    `<pre class="config">${esc(prettyJson(r.meta.config))}</pre>`,
  );
}
