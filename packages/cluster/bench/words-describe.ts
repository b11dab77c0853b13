// `embfact cluster-words`-style run: the 50,000 most frequent words of the default table, k = 200, spherical.
import { loadDefaultEmbeddings } from '@embfact/embeddings';
import { clusterWords } from '@embfact/cluster';

const table = await loadDefaultEmbeddings();
const t0 = performance.now();
const { model, clusters } = clusterWords(table, { k: 200, maxVocab: Number(process.env.MAXVOCAB ?? 50000), topN: 8 });
console.log(`k=200 on ${model.labels.length} words: ${((performance.now() - t0) / 1000).toFixed(1)} s, ${model.nSteps} batches`);
for (const j of [0, 1, 2, 3, 4, 5, 6, 7]) console.log(`| ${j} | ${clusters[j].size} | ${clusters[j].words.map((w) => w.term).join(', ')} |`);
