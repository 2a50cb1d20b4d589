// ESLint flat config: ESLint's and typescript-eslint's recommended rules, plus a few that catch real bugs.
// Formatting is prettier's job (`prettier --check .` runs next to eslint in `npm run lint`), so no style rules here.
import { defineConfig, globalIgnores } from 'eslint/config'
import { builtinRules } from 'eslint/use-at-your-own-risk'
import tseslint from 'typescript-eslint'

// ESLint's own recommended set is what @eslint/js ships as `configs.recommended`: the core rules whose metadata
// says `recommended`. Read from the metadata so that we need no extra dependency and never drift from ESLint's list.
const eslintRecommended = Object.fromEntries(
  [...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error'])
)

// Node's globals, for the plain JavaScript files (scripts, configs, fixtures); TypeScript checks its own.
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextDecoder',
    'TextEncoder',
    'clearImmediate',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'global',
    'performance',
    'process',
    'queueMicrotask',
    'setImmediate',
    'setInterval',
    'setTimeout',
    'structuredClone'
  ].map(name => [name, 'readonly'])
)

export default defineConfig(
  globalIgnores(['actions/*/dist/', 'node_modules/', 'coverage/', 'bench/results/', '.tmp/']),
  { files: ['**/*.{js,mjs,cjs,ts,mts,cts}'], rules: eslintRecommended },
  tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals }
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' }
    }
  },
  {
    rules: {
      // `_name` marks a parameter a callback signature forces on us.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ],
      // `ok ? at++ : fail()` as a statement is a deliberate idiom in the parsers; bare `a + b` still fails.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }]
    }
  }
)
