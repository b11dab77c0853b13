#!/usr/bin/env node
/** The `embfact` executable. */
import { main } from './main.js';
import { processIo } from './io.js';

main(process.argv.slice(2), processIo()).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`embfact: internal error: ${(err as Error)?.stack ?? String(err)}\n`); process.exitCode = 70; },
);
