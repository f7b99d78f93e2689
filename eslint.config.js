// ESLint flat config. Two rules carry the architecture:
// - only src-main/shell/ and src-preload/ may import `electron` (the core runs in plain Node);
// - the renderer may import only types from the preload folder (the contract), never values;
// and floating promises are errors everywhere typed linting runs.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ELECTRON_OUTSIDE_SHELL = {
  paths: [
    {
      name: 'electron',
      message:
        'Only src-main/shell/ and src-preload/ may import electron. Pass an interface into the core instead.',
    },
  ],
  patterns: [
    { group: ['electron/*'], message: 'Only src-main/shell/ and src-preload/ may import electron.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.native/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs', '.ci/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      'no-restricted-imports': ['error', ELECTRON_OUTSIDE_SHELL],
    },
  },
  {
    files: ['src-main/shell/**', 'src-main/index.ts', 'src-preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          ...ELECTRON_OUTSIDE_SHELL,
          patterns: [
            ...ELECTRON_OUTSIDE_SHELL.patterns,
            {
              group: [
                '**/src-preload/*',
                '!**/src-preload/contract',
                '!**/src-preload/api',
                '!**/src-preload/commands',
              ],
              message:
                'The renderer may import only the contract and API types from src-preload (and the commands, plain data).',
            },
            {
              group: ['**/src-preload/contract', '**/src-preload/api'],
              allowTypeImports: true,
              message: 'The renderer imports only types from the contract (use `import type`).',
            },
            {
              group: ['**/src-main/**', 'node:*'],
              message: 'The renderer cannot reach main-process code or Node.',
            },
          ],
        },
      ],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
