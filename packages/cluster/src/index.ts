/** @embfact/cluster — public surface (being written). */
export {};
