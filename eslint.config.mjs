// Lint rules for careslot: JavaScript and TypeScript recommended sets, Lit templates (eslint-plugin-lit,
// eslint-plugin-lit-a11y) and custom-element habits (eslint-plugin-wc). Formatting is prettier's job.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'storybook-static/', 'coverage/', '.tmp/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'test/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  { files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'], ...wc.configs['flat/recommended'] },
  { files: ['src/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts'], ...litA11y.configs.recommended },
  {
    // chai's property assertions (`expect(x).to.exist`) are expressions.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // Node-side code: build and test scripts, contract servers, configs.
    files: ['scripts/**', 'test/servers/**', 'test/dist/**', 'examples/**/*.mjs', '*.config.*', '.storybook/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
