/** @embfact/keywords — public surface (being written). */
export {};
