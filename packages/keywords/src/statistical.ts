/**
 * Corpus-free rankers: a YAKE-style statistical ranker and graph rankers
 * (TextRank, SingleRank, PositionRank).
 */
import type { AnalyzedDocument, Token } from './analyze.js';
import type { Candidate } from './candidates.js';

/** Options of {@link yakeScores}. */
export interface YakeOptions {
  /** Co-occurrence window in tokens for the relatedness feature (default 1, as in YAKE). */
  window?: number;
}

interface TermStats {
  tf: number;
  upper: number; // acronym occurrences (all capitals, ≥ 2 letters)
  capital: number; // capitalized occurrences not at a sentence start
  sentences: number[]; // sentence index of each occurrence (non-decreasing)
  left: Map<string, number>;
  right: Map<string, number>;
  stop: boolean;
}

/**
 * YAKE-style keyword weights (Campos et al., "YAKE! Keyword extraction from single
 * documents using multiple local features", Information Sciences 509, 2020, §3.3).
 * For each lowercase term t (stop words excluded from the statistics' means):
 *
 * - casing (eq. 1): `T_case = max(TF_U(t), TF_A(t)) / (1 + ln TF(t))` — acronyms and
 *   capitalized occurrences not starting a sentence (the paper divides by `ln TF`; the +1
 *   keeps TF = 1 finite, as the reference implementation does);
 * - position (eq. 2): `T_pos = ln(ln(3 + median(Sen_t)))`, sentence indices of t;
 * - frequency (eq. 3): `T_fnorm = TF(t) / (mean_TF + σ_TF)`;
 * - relatedness to context (eq. 4): `T_rel = 1 + (D_L + D_R) · TF(t) / max_TF`, with
 *   `D_L = |A_{t,L}| / Σ_{k ∈ A_{t,L}} CoOccur(t, k)` the number of distinct left
 *   neighbours over all left co-occurrences (likewise right) within `window` tokens;
 * - sentence spread (eq. 5): `T_sent = SF(t) / #sentences`;
 * - term weight (eq. 6): `S(t) = T_rel · T_pos / (T_case + T_fnorm / T_rel + T_sent / T_rel)`;
 * - candidate weight (eq. 7): `S(kw) = Π_{t ∈ kw} S(t) / (TF(kw) · (1 + Σ_{t ∈ kw} S(t)))`,
 *   lower is better.
 *
 * @returns one score per candidate, `1 / (1 + S(kw))` so that higher is better (and in (0, 1])
 */
export function yakeScores(doc: AnalyzedDocument, cands: readonly Candidate[], opts: YakeOptions = {}): Float64Array {
  const w = opts.window ?? 1;
  const toks = doc.tokens;
  const stats = new Map<string, TermStats>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let s = stats.get(t.lower);
    if (s === undefined) {
      s = { tf: 0, upper: 0, capital: 0, sentences: [], left: new Map(), right: new Map(), stop: t.stop };
      stats.set(t.lower, s);
    }
    s.tf++;
    s.sentences.push(t.sentence);
    const letters = t.surface.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) s.upper++;
    else if (!isSentenceStart(toks, i) && /^\p{Lu}/u.test(t.surface)) s.capital++;
    if (t.stop) continue;
    // co-occurrence with content terms to the left within the window, same chunk
    for (let k = i - 1, steps = 0; k >= 0 && steps < w; k--, steps++) {
      if (toks[k + 1].breakBefore) break;
      if (toks[k].stop) continue;
      const other = toks[k].lower;
      s.left.set(other, (s.left.get(other) ?? 0) + 1);
      const so = stats.get(other)!;
      so.right.set(t.lower, (so.right.get(t.lower) ?? 0) + 1);
    }
  }
  let maxTf = 0;
  let sum = 0;
  let sumSq = 0;
  let m = 0;
  for (const s of stats.values()) {
    if (s.tf > maxTf) maxTf = s.tf;
    if (s.stop) continue;
    sum += s.tf; sumSq += s.tf * s.tf; m++;
  }
  const meanTf = m > 0 ? sum / m : 1;
  const sdTf = m > 0 ? Math.sqrt(Math.max(0, sumSq / m - meanTf * meanTf)) : 0;
  const nSent = Math.max(1, doc.sentenceCount);
  const weight = new Map<string, number>();
  for (const [term, s] of stats) {
    const tCase = Math.max(s.upper, s.capital) / (1 + Math.log(s.tf));
    const tPos = Math.log(Math.log(3 + median(s.sentences)));
    const tFnorm = s.tf / (meanTf + sdTf);
    const dl = s.left.size === 0 ? 0 : s.left.size / sumValues(s.left);
    const dr = s.right.size === 0 ? 0 : s.right.size / sumValues(s.right);
    const tRel = 1 + (dl + dr) * (s.tf / maxTf);
    const sf = countDistinct(s.sentences);
    const tSent = sf / nSent;
    weight.set(term, (tRel * tPos) / (tCase + tFnorm / tRel + tSent / tRel));
  }
  const out = new Float64Array(cands.length);
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i];
    let prod = 1;
    let total = 0;
    for (const word of c.words) {
      const sw = weight.get(word) ?? 1;
      prod *= sw;
      total += sw;
    }
    const s = prod / (c.count * (1 + total));
    out[i] = 1 / (1 + s);
  }
  return out;
}

function isSentenceStart(toks: Token[], i: number): boolean {
  return i === 0 || toks[i - 1].sentence !== toks[i].sentence;
}

function median(a: number[]): number {
  // a is non-decreasing (tokens are visited in order)
  const n = a.length;
  return n % 2 === 1 ? a[(n - 1) >> 1] : (a[n / 2 - 1] + a[n / 2]) / 2;
}

function countDistinct(a: number[]): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) c++;
  return c;
}

function sumValues(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/** Graph ranker variants. */
export type GraphVariant = 'textrank' | 'singlerank' | 'positionrank';

/** Options of {@link graphScores}. */
export interface GraphOptions {
  /** Co-occurrence window in tokens (default 2 for TextRank, 10 for SingleRank and PositionRank). */
  window?: number;
  /** PageRank damping factor (default 0.85). */
  damping?: number;
  /** Restrict graph words to adjectives and nouns when POS tags are present (default true). */
  posFilter?: boolean;
}

/**
 * Graph-based word scores summed over each candidate's words:
 * - `'textrank'` (Mihalcea & Tarau 2004): unweighted co-occurrence graph, window 2;
 * - `'singlerank'` (Wan & Xiao 2008): edges weighted by co-occurrence counts, window 10;
 * - `'positionrank'` (Florescu & Caragea 2017): SingleRank's graph with PageRank
 *   personalized by `p(w) ∝ Σ_{occurrences of w} 1 / position` (1-based token position).
 *
 * PageRank iterates `s = (1 − d) p + d Mᵀ s` (M row-normalized edge weights) until the L1
 * change is below 1e-6 (at most 100 iterations); nodes without edges keep `(1 − d) p`.
 * Words are stems of content tokens. Candidate score = Σ of its words' scores (pke).
 *
 * @returns one score per candidate, higher is better
 */
export function graphScores(doc: AnalyzedDocument, cands: readonly Candidate[], variant: GraphVariant, opts: GraphOptions = {}): Float64Array {
  const window = opts.window ?? (variant === 'textrank' ? 2 : 10);
  const d = opts.damping ?? 0.85;
  const posFilter = opts.posFilter ?? true;
  const toks = doc.tokens;
  const ids = new Map<string, number>();
  const seq: number[] = []; // node id per token, -1 when not a graph word
  const pers: number[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const ok = !t.stop && !t.numeric && t.surface.length >= 2 &&
      (!posFilter || t.tag === '' || t.tag.startsWith('NN') || t.tag.startsWith('JJ'));
    if (!ok) { seq.push(-1); continue; }
    let id = ids.get(t.stem);
    if (id === undefined) { id = ids.size; ids.set(t.stem, id); pers.push(0); }
    seq.push(id);
    pers[id] += variant === 'positionrank' ? 1 / (i + 1) : 1;
  }
  const n = ids.size;
  const out = new Float64Array(cands.length);
  if (n === 0) return out;
  // adjacency as maps (graphs are small: one node per distinct content stem)
  const adj: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < seq.length; i++) {
    const a = seq[i];
    if (a < 0) continue;
    for (let j = i + 1; j < Math.min(seq.length, i + window); j++) {
      const b = seq[j];
      if (b < 0 || b === a) continue;
      const inc = variant === 'textrank' ? 0 : 1;
      const cur = adj[a].get(b);
      adj[a].set(b, cur === undefined ? 1 : cur + inc);
      const cur2 = adj[b].get(a);
      adj[b].set(a, cur2 === undefined ? 1 : cur2 + inc);
    }
  }
  let psum = 0;
  for (let i = 0; i < n; i++) psum += variant === 'positionrank' ? pers[i] : 1;
  const p = new Float64Array(n);
  for (let i = 0; i < n; i++) p[i] = (variant === 'positionrank' ? pers[i] : 1) / psum;
  const outW = new Float64Array(n);
  for (let i = 0; i < n; i++) for (const v of adj[i].values()) outW[i] += v;
  let s = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iter = 0; iter < 100; iter++) {
    for (let i = 0; i < n; i++) next[i] = (1 - d) * p[i];
    for (let j = 0; j < n; j++) {
      if (outW[j] === 0) continue;
      const sj = (d * s[j]) / outW[j];
      for (const [i, wji] of adj[j]) next[i] += wji * sj;
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i] - s[i]);
    const tmp = s; s = next; next = tmp;
    if (delta < 1e-6) break;
  }
  for (let c = 0; c < cands.length; c++) {
    let total = 0;
    for (const st of cands[c].stems) {
      const id = ids.get(st);
      if (id !== undefined) total += s[id];
    }
    out[c] = total;
  }
  return out;
}

/**
 * FirstPhrases baseline (pke): rank candidates by their first occurrence,
 * `score = 1 / (1 + index of the first token)` — the title and the first sentence come first.
 * @returns one score per candidate in (0, 1], higher is better
 */
export function firstPhraseScores(cands: readonly Candidate[]): Float64Array {
  const out = new Float64Array(cands.length);
  for (let i = 0; i < cands.length; i++) out[i] = 1 / (1 + cands[i].occurrences[0].token);
  return out;
}
