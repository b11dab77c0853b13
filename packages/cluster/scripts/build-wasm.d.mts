/** The text of src/wasm/kernels-wasm.ts for the current kernels.wat. */
export function generate(): Promise<string>;
