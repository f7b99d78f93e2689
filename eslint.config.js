// ESLint flat config. Three rules carry the architecture:
// - only src-main/shell/ and src-preload/ may import `electron` (the core runs in plain Node);
// - the renderer may import only types from the preload folder (the contract), never values;
// - inside src-main/core, no import goes up a layer (CORE_LAYERS below);
// and floating promises are errors everywhere typed linting runs.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
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

// The core's layers, top to bottom. A file may import from its own layer and the layers below it,
// never from one above (type imports included). eslint-plugin-boundaries resolves each import to
// its file, so the rule holds at any folder depth (e.g. providers/<id>/). A new file directly in
// src-main/core must be placed here (boundaries/no-unknown-files).
const CORE_LAYERS = [
  // core.ts builds the core; the demo plan drives the built core through core.call, as the window does.
  { layer: 'root', paths: ['core.ts', 'services/demo-connections.ts'] },
  // One file per domain of the contract, on top of the services core.ts hands them.
  { layer: 'handlers', paths: ['handlers'] },
  // dispatch: validates a call and runs its handler.
  { layer: 'ipc', paths: ['ipc'] },
  // The work: connections, sync, token operations, reminders, settings; context.ts is what they share.
  // menu/ and updates/: the application menu as data, main's input guard, the update service.
  {
    layer: 'services',
    paths: ['services', 'reminders', 'settings', 'menu', 'updates', 'context.ts', 'notices.ts'],
  },
  // Provider modules and the token model (status, the list query): they know no service.
  { layer: 'domain', paths: ['providers', 'tokens', 'external-links.ts'] },
  { layer: 'db', paths: ['db'] },
  { layer: 'http', paths: ['http'] },
  { layer: 'log', paths: ['log'] },
  // Typed errors, ids and the OS ports: every layer uses them; they use nothing in the core.
  // private-files.ts: owner-only files and folders, for the database and the logs; files/: the
  // atomic file writer (the kept calendar, delivery targets).
  { layer: 'base', paths: ['errors.ts', 'ids.ts', 'ports.ts', 'private-files.ts', 'files'] },
];

// Each layer is a file category (the first matching layer wins); the contract (src-preload/) may be
// imported from any layer.
const coreLayerFiles = [
  ...CORE_LAYERS.map(({ layer, paths }) => ({
    category: layer,
    pattern: paths.map((p) => (p.endsWith('.ts') ? `src-main/core/${p}` : `src-main/core/${p}/**`)),
    exclusive: true,
  })),
  { category: 'contract', pattern: 'src-preload/**' },
];

const coreLayerPolicies = [
  { allow: { to: { file: { categories: 'contract' } } } },
  ...CORE_LAYERS.map(({ layer }, index) => ({
    from: { file: { categories: layer } },
    allow: { to: { file: { categories: { anyOf: CORE_LAYERS.slice(index).map((l) => l.layer) } } } },
  })),
];

const upwardMessage = `An import inside src-main/core may not go up a layer ({{ from.file.categories.[0] }} → {{ to.file.categories.[0] }}). Layers, top to bottom: ${CORE_LAYERS.map((l) => l.layer).join(' → ')}. Move the shared piece down, or pass it in from core.ts.`;

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
    files: ['src-main/core/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/files': coreLayerFiles,
      'boundaries/legacy-templates': false,
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkUnknownLocals: true,
          message: upwardMessage,
          policies: coreLayerPolicies,
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    files: ['src-main/shell/**', 'src-main/index.ts', 'src-preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The Electron stand-in (test/boot/) is typed against Electron's own declaration: types only.
    files: ['test/boot/electron-standin/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message: 'The stand-in imports only Electron types.',
            },
          ],
        },
      ],
    },
  },
  {
    // node:test's describe/it return promises the runner itself awaits.
    files: ['test/boot/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after'] },
          ],
        },
      ],
    },
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
