/** @embfact/classify — public surface (being written). */
export {};
