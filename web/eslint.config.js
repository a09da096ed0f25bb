// eslint (flat config) for the playground's JavaScript: eslint's recommended rules, with the
// globals each file really has. Formatting is prettier's job (.prettierrc.json), not eslint's.
//   npx eslint .        (run by tests/lint.sh)
import js from '@eslint/js';
import globals from 'globals';

export default [
  // node_modules is ignored by eslint itself; dist/ is the build's output.
  { ignores: ['../dist/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      // `catch (err) {}` without using err, and `_`-prefixed placeholders, are deliberate.
      'no-unused-vars': [
        'error',
        { caughtErrors: 'none', argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // The page (main thread).
  { files: ['src/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  // The worker and the service worker.
  { files: ['src/worker/**/*.js'], languageOptions: { globals: { ...globals.worker } } },
  { files: ['src/sw.js'], languageOptions: { globals: { ...globals.serviceworker } } },
  // Build scripts run in Node; site.js and kernels.js run in the worker and in Node (snapshot.mjs).
  {
    files: ['build.mjs', 'snapshot.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/worker/site.js', 'src/worker/kernels.js'],
    languageOptions: { globals: { ...globals.node } },
  },
];
