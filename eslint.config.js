// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import folderBoundaries from './tools/eslint/folder-boundaries.js'

export default tseslint.config(
  { ignores: ['node_modules/', '**/dist/', 'data/', 'test-artifacts/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'tools/eslint/*.js', 'test/fixtures/services/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { throughline: { rules: { 'folder-boundaries': folderBoundaries } } },
    rules: {
      'throughline/folder-boundaries': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name each export; no export * (the public surface is explicit).' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Entry points, the demo's narration, tests and benchmarks talk to a person on a terminal.
    files: ['bin/**', 'test/**', 'bench/**', '**/*.test.ts', '**/*.test.tsx', 'tools/**', 'demo/main.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['test/fixtures/services/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', fetch: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly' },
    },
  },
)
