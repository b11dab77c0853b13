/**
 * The charting libraries inlined into the report: the minified UMD builds of d3 and
 * Observable Plot, resolved from apps/demo's own dependencies and read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One inlined library. */
export interface InlineLibrary {
  /** npm package name. */
  name: string;
  /** Installed version (from its package.json). */
  version: string;
  /** The minified UMD source. */
  source: string;
}

let cache: InlineLibrary[] | undefined;

/**
 * Returns d3 (`dist/d3.min.js`, defines `window.d3`) and Observable Plot
 * (`dist/plot.umd.min.js`, defines `window.Plot`, needs `d3`), in load order.
 *
 * @throws Error when a package is not installed, or when its source contains `</script`
 *   or `<!--` (it could not be inlined safely into a `<script>` element).
 */
export function inlineLibraries(): InlineLibrary[] {
  cache ??= [load('d3', 'dist/d3.min.js'), load('@observablehq/plot', 'dist/plot.umd.min.js')];
  return cache;
}

function load(name: string, file: string): InlineLibrary {
  const require = createRequire(import.meta.url);
  // Neither package exports its UMD file or package.json as a subpath: resolve the main
  // entry, then walk up to the directory whose package.json carries the package's name.
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) {
        const source = readFileSync(join(dir, file), 'utf8');
        if (/<\/script|<!--/i.test(source)) {
          throw new Error(`${name}/${file} contains '</script' or '<!--' and cannot be inlined into the report.`);
        }
        return { name, version: pkg.version ?? 'unknown', source };
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find the package root of '${name}' (needed to inline ${file}).`);
    dir = up;
  }
}
