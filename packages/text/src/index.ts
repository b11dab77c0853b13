/** @embfact/text — public surface (being written). */
export {};
