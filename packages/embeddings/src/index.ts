/** @embfact/embeddings — public surface (being written). */
export {};
