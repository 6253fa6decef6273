// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const forbid = (regex, message) => ({ regex, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tests/artifacts/**', 'release/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**', 'tests/**', '*.config.*', 'src-main/**'],
    languageOptions: { globals: globals.node },
  },
  // The layers (see docs/decisions/0002-layers.md): a file's folder decides what it may import.
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [forbid('^(?!zod$|\\./)', 'src-shared imports only zod and its own files.')],
      }],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid('src-main', 'The renderer never imports src-main: go through window.kiosk.'),
          forbid('^node:|^(fs|path|os|child_process|net|http|https|crypto|worker_threads)$', 'The renderer has no Node.'),
          forbid('^electron$|^better-sqlite3$|^@napi-rs/canvas$|^node-hid$', 'Main-process packages stay in src-main.'),
        ],
      }],
    },
  },
  {
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid('^electron$', "Only src-main/electron/ imports 'electron': the core runs in plain Node."),
          forbid('src-renderer', 'src-main never imports the renderer.'),
        ],
      }],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [forbid('src-renderer', 'src-main never imports the renderer.')],
      }],
    },
  },
);
