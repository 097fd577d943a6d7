import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // src/lib/typescript.cts is TypeScript's CommonJS syntax (`import = require`), which
    // Vite's transform does not take; under test the module is the package itself.
    alias: [{ find: /^(?:\.\.?\/)+(?:.*\/)?lib\/typescript\.cjs$/, replacement: 'typescript' }],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    coverage: { provider: 'v8', include: ['src/**/*.ts'], exclude: ['src/**/*.test.ts'] },
  },
});
