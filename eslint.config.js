// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const forbid = (regex, message) => ({ regex, message });
// The kiosk talks to the portal over HTTP (docs/sync-api.yaml), never by importing it.
const noPortal = forbid('src-portal', 'The kiosk never imports the reference portal: it speaks to it over HTTP.');

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
    files: ['scripts/**', 'tests/**', '*.config.*', 'src-main/**', 'src-portal/**'],
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
          noPortal,
          forbid('^node:|^(fs|path|os|child_process|net|http|https|crypto|worker_threads)$', 'The renderer has no Node.'),
          forbid('^electron$|^better-sqlite3$|^@napi-rs/canvas$|^node-hid$', 'Main-process packages stay in src-main.'),
        ],
      }],
      // Elapsed time on the wall clock jumps with NTP or a staff correction (decision 0023).
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Measure time with monotonicNow (src-renderer/app/monotonic-clock.ts); the wall clock is for showing dates.' }],
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
          noPortal,
        ],
      }],
    },
  },
  // The reference portal is a separate program: it shares only the contract's src-shared files.
  {
    files: ['src-portal/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid('src-main|src-renderer', 'src-portal is its own program: it imports src-shared and its own files only.'),
          forbid('^electron$', 'The reference portal runs in plain Node.'),
        ],
      }],
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [forbid('src-renderer', 'src-main never imports the renderer.'), noPortal],
      }],
    },
  },
);
