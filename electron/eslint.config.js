// Lints the main process and the shared code (see package.json "lint").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Only the Electron shell (electron/main, electron/preload) may import these. */
const SHELL_ONLY = ['electron', 'electron-store'];

/**
 * Bars electron/api with `message`. A later block's options for a rule replace an earlier
 * block's, so the shell's imports are barred again here.
 */
const apiBarred = (message) => [
  'error',
  { paths: SHELL_ONLY, patterns: [{ regex: '^(\\.\\./)+api/', message }] },
];

export default tseslint.config(
  { ignores: ['electron/dist/**', 'electron/release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  {
    // command-line tools report on the terminal
    files: ['electron/bench/**', 'electron/demo/cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // shared/ runs in both processes: it may not reach for Node, the DOM or Electron
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'electron',
            'better-sqlite3',
            'react',
            'react-dom',
            '../electron/*',
            '../renderer/*',
          ],
        },
      ],
    },
  },
  {
    // only the Electron shell may import electron; everything else runs under plain Node
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: SHELL_ONLY }] },
  },
  {
    // domains sit below dispatch: they work with electron/core, never with electron/api
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/api/**',
      'electron/main/**',
      'electron/preload/**',
      'electron/testing/**',
      'electron/bench/**',
      'electron/**/*.test.ts',
    ],
    rules: {
      'no-restricted-imports': apiBarred('Domains sit below dispatch; use electron/core instead.'),
    },
  },
  {
    // tests' helpers and benchmarks sit on top of dispatch, as the renderer does, and reach
    // it through one module, electron/testing/dispatch.ts; test files may still import
    // electron/api directly
    files: ['electron/testing/**/*.ts', 'electron/bench/**/*.ts'],
    ignores: ['electron/testing/dispatch.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': apiBarred(
        'Tests and benchmarks reach dispatch through electron/testing/dispatch.ts.',
      ),
    },
  },
  {
    // electron/testing holds builders, X12 writers and generators for tests and benchmarks;
    // nothing the app runs may depend on it. A rule of its own, so that it adds to the
    // import boundaries above instead of replacing them.
    files: ['electron/**/*.ts'],
    ignores: ['electron/testing/**', 'electron/bench/**', 'electron/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\./|(\\.\\./)+)testing/',
              message: 'electron/testing is for tests and benchmarks; the app may not import it.',
            },
          ],
        },
      ],
    },
  },
  {
    // SQL goes through electron/db/query.ts, which owns the statement cache and the row cast;
    // tests may still prepare on the bare library to inspect tables
    files: ['electron/**/*.ts'],
    ignores: ['electron/db/query.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.type="MemberExpression"][callee.property.name="prepare"]',
          message: 'Use prepare(db, sql), one, oneOrThrow, all or run from electron/db/query.ts.',
        },
      ],
    },
  },
);
