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
