// Prints cluster descriptions for Brown (k = 15, mean embeddings, spherical, seed 0): majority genre,
// purity, the vocabulary words nearest each centre and the c-TF-IDF terms of the member documents.
// Run: node <vite-node> -c vitest.config.ts packages/cluster/bench/brown-describe.ts
import { loadBrown } from '@embfact/datasets';
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { isStopWord, tokenize } from '@embfact/text';
import { KMeans, distinctiveTerms, documentFeatures, nearestWords, normalizedMutualInfo } from '@embfact/cluster';

const [docs, table] = await Promise.all([loadBrown(), loadDefaultEmbeddings()]);
const X = documentFeatures(docs.map((d) => d.text), table, { transform: 'raw', stopWords: true });
const km = new KMeans({ k: 15, nInit: 10, seed: 0, spherical: true }).fit(X);
const labels = km.labels;
console.log('NMI', normalizedMutualInfo(docs.map((d) => d.label), labels).toFixed(3));
// offset = the mean of the k centres: words are matched on what distinguishes a centre from the average centre
const C = km.clusterCenters;
const mean = new Float64Array(C.cols);
for (let j = 0; j < C.rows; j++) for (let t = 0; t < C.cols; t++) mean[t] += C.data[j * C.cols + t] / C.rows;
const near = nearestWords(table, km.clusterCenters, { topN: 6, maxVocab: 50000, offset: mean, filter: (w) => /^[a-z]{3,}$/.test(w) && !isStopWord(w) });
const terms = distinctiveTerms(docs.map((d) => tokenize(d.text, { stopWords: true, numbers: 'drop', minLength: 3 })), labels, { topN: 6, minCount: 3, method: 'logodds' });
for (let c = 0; c < 15; c++) {
  const members = docs.filter((_, i) => labels[i] === c);
  const counts = new Map<string, number>();
  for (const m of members) counts.set(m.label, (counts.get(m.label) ?? 0) + 1);
  const [top, cnt] = [...counts].sort((a, b) => b[1] - a[1])[0];
  console.log(`| ${c} | ${members.length} | ${top} (${cnt}) | ${near[c].map((w) => w.term).join(', ')} | ${terms[c].map((t) => t.term).join(', ')} |`);
}
