/** @embfact/datasets — public surface (being written). */
export {};
