/** The plain record every document loader returns (docs/architecture.md). */
export interface Document {
  /** Stable identifier, unique within a corpus (e.g. `'ca01'`, `'spam-2/01380'`, `'6'`). */
  id: string;
  /** The running text a model should read. */
  text: string;
  /** Class label (Brown genre, `'spam'`/`'ham'`), when the corpus has one. */
  label?: string;
  /** Gold keyphrases (Inspec), when the corpus has them. */
  keyphrases?: string[];
  /** Predefined split (`'train'`, `'dev'`, `'test'`), when the corpus has one. */
  split?: string;
  /** Loader-specific extra fields, documented by each loader. */
  [key: string]: unknown;
}

/** Progress callback: `done` of `total` units finished. Libraries never print. */
export type ProgressCallback = (done: number, total: number, label?: string) => void;
