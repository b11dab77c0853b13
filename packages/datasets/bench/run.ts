// Standalone entry for bench/load.bench.ts (prints the rows; see that file).
import { run } from './load.bench.js';

await run({ quick: process.argv.includes('--quick'), log: (line) => process.stdout.write(line + '\n') });
