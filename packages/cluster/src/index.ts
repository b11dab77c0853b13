/**
 * @embfact/cluster — k-means clustering of texts and words, clustering metrics and cluster
 * descriptions. This file is the only public surface of the package.
 */
// k-means
export { KMeans, type KMeansOptions, type KMeansFitOptions, type KMeansJSON } from './kmeans.js';
// metrics
export {
  normalizedMutualInfo, adjustedRandIndex, mutualInfoScore, vMeasure, homogeneityScore, completenessScore,
  purity, silhouetteScore, silhouetteSamples, type Labels, type VMeasure, type SilhouetteOptions,
} from './metrics.js';
export { MiniBatchKMeans, type MiniBatchKMeansOptions } from './minibatch.js';
// document-clustering evaluation
export { lsaFeatures, LSA_EXACT_MAX_DOCS, type LsaOptions } from './lsa.js';
export {
  evaluateClustering, documentFeatures, configName, DEFAULT_CONFIGS,
  type ClusteringConfig, type ResolvedClusteringConfig, type ClusteringResult, type EvaluateClusteringOptions,
  type DocumentFeaturesOptions, type TransformName,
} from './evaluate.js';
// cluster descriptions
export {
  nearestWords, distinctiveTerms, clusterWords, type ScoredTerm, type NearestWordsOptions, type DistinctiveTermsOptions,
  type ClusterWordsOptions, type WordCluster,
} from './describe.js';
