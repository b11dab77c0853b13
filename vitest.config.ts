import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// One root config; every package and app is a project. Tests import workspace
// packages from their TypeScript sources (no build needed), consumers use dist/.
const packages = ['core', 'embeddings', 'datasets', 'text', 'classify', 'cluster', 'keywords'];
const alias = Object.fromEntries(
  packages.map((p) => [`@embfact/${p}`, fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url))]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, root: `./packages/${name}`, include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000 },
      })),
      ...['demo', 'bench'].map((name) => ({
        extends: true as const,
        test: { name, root: `./apps/${name}`, include: ['test/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 },
      })),
    ],
    setupFiles: [fileURLToPath(new URL('./vitest.setup.ts', import.meta.url))],
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--max-old-space-size=8192'] } },
  },
});
