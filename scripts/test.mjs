#!/usr/bin/env node
// Runs the whole vitest suite once, shows vitest's normal output, and ends with the
// totals alone on a line ("N passed, N failed"; skipped tests on the line before) read by CI.
// Extra arguments are passed to vitest (e.g. `pnpm test --project core`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'embfact-test-'));
const jsonFile = join(dir, 'vitest.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...process.argv.slice(2)];
const res = spawnSync('pnpm', ['exec', ...args], { stdio: 'inherit' });

let passed = 0, failed = 0, skipped = 0, suiteErrors = 0;
try {
  const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load counts as a failed suite, not a failed test.
  suiteErrors = (report.testResults ?? []).filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} catch (err) {
  console.error(`Could not read vitest's JSON report (${jsonFile}): ${err.message}`);
  failed = Math.max(1, failed);
}
rmSync(dir, { recursive: true, force: true });
failed += suiteErrors;
if (skipped > 0) console.log(`(${skipped} skipped)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(res.status !== 0 || failed > 0 || passed === 0 ? 1 : 0);
