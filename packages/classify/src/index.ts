/**
 * @embfact/classify — text classifiers on embedding and TF-IDF features.
 * This file is the only public surface of the package.
 */
// Optimizer
export { minimizeLbfgs, type Objective, type LbfgsOptions, type LbfgsResult, type LbfgsStop } from './lbfgs.js';
// Feature matrices (dense, CSR, side by side)
export { hstack, isSparse, isHStack, checkFeatures, selectRows, type SparseMatrix, type HStack, type Features } from './features.js';
// Labels
export { checkLabels, encodeLabels, type Label, type ClassWeight, type EncodedLabels } from './labels.js';
// Models
export { LogisticRegression, argmaxRows, type LogisticRegressionOptions, type FitOptions, type LogisticRegressionJSON } from './logistic.js';
export { KNNClassifier, NearestCentroid, type KNNOptions, type NearestCentroidOptions } from './neighbors.js';
// Evaluation
export {
  accuracy, confusionMatrix, classificationReport, reportFromConfusion, macroF1,
  type Confusion, type ClassScores, type ClassificationReport,
} from './metrics.js';
// The shared seeded stratified splits of @embfact/datasets, re-exported so existing imports keep working.
export { stratifiedKFold, stratifiedSplit, type SplitIndices as Fold } from '@embfact/datasets';
// Pipeline
export {
  TextClassifier, tableFingerprint, transformFromJSON, type Doc,
  type TextClassifierOptions, type TextClassifierJSON, type EmbeddingTableLike, type TransformLike,
  type TableFingerprint, type FeatureKind, type ModelKind, type PredictionDetails,
} from './pipeline.js';
export {
  evaluateClassification, formatEvaluation,
  type EvaluateOptions, type EvaluationResult, type FoldResult,
} from './evaluate.js';
// Transform names of evaluateClassification are those of @embfact/core's createTransform.
export type { TransformName } from '@embfact/core';
