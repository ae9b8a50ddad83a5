// @ts-check
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'worker_threads',
]

/** The layers of design.md: a wrong import fails the lint as well as the compile. */
const layer = (files, groups) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: groups.map(([group, message]) => ({ group, message })) },
    ],
  },
})

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bin/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Handlers are async by contract even when the work is synchronous.
      '@typescript-eslint/require-await': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    // expect.objectContaining() and friends are typed `any` by design.
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(
    ['shared/**/*.ts'],
    [
      [nodeBuiltins, 'shared/ is pure TypeScript: no Node built-ins.'],
      [
        ['electron', 'electron/*', 'react', 'react-dom', 'react/*', 'react-dom/*'],
        'shared/ runs everywhere: no Electron or React.',
      ],
      [
        ['**/electron/**', '**/renderer/**'],
        'shared/ imports nothing from the rest of the repository.',
      ],
    ],
  ),
  layer(
    ['renderer/**/*.{ts,tsx}'],
    [
      [
        nodeBuiltins,
        'The renderer runs in a browser: it reaches Node only through the API client.',
      ],
      [
        ['electron', 'electron/*', '**/electron/**'],
        'The renderer imports shared/ only, never the Node side.',
      ],
    ],
  ),
  layer(
    ['electron/core/**/*.ts'],
    [
      [['electron', 'electron/*'], 'electron/core runs under plain Node: no Electron import.'],
      [
        ['**/renderer/**', '../main/**', '../preload/**', '../server/**', '../cli/**'],
        'electron/core imports shared/ only.',
      ],
    ],
  ),
  layer(
    ['electron/{main,preload,server,cli}/**/*.ts'],
    [[['**/renderer/**'], 'The Node side never imports the renderer.']],
  ),
)
