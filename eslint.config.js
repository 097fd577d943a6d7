// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const onlyConfigReadsEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Only src/config/ reads process.env (CONVENTIONS.md habit 5).',
};

/**
 * On the request path (ADR 0046): Node 20's V8 gives each object made by a spread and
 * then given a key of its own a fresh hidden class, ~1.5 µs per object and garbage that
 * outlives young collections. Keys that may be new go before the spread, or the object
 * is written out; a key after a spread is allowed only where it replaces one the spread
 * brought (say so in an eslint-disable comment).
 */
const noKeyAfterSpread = {
  selector: 'ObjectExpression > SpreadElement ~ Property',
  message:
    'A key after a spread on the request path costs ~1.5 µs on Node 20 (ADR 0046): put it before the spread or write the object out.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'action/**',
      'bench/review/fixtures/**',
      'dist-check/**',
      'coverage/**',
      'node_modules/**',
      'bench/**/node_modules/**',
      'test/fixtures/**',
      'web/dist/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', onlyConfigReadsEnv],
    },
  },
  {
    files: [
      'src/server/passthrough/**',
      'src/server/lean/**',
      'src/server/http/**',
      'src/server/translate/**',
      'src/server/call-effects.ts',
      'src/gateway/**',
      'src/audit/**',
      'src/store/background/**',
      'src/metrics/**',
    ],
    rules: { 'no-restricted-syntax': ['error', onlyConfigReadsEnv, noKeyAfterSpread] },
  },
  {
    files: ['src/config/**', '**/*.test.ts', 'test/**', 'bench/**', 'src/sandbox/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
