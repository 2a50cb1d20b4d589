// ESLint flat config: ESLint's and typescript-eslint's recommended rules, plus a few that catch real bugs, plus
// the layering of ARCHITECTURE.md (which folder may import which, no import cycles, a pure core).
// Formatting is prettier's job (`prettier --check .` runs next to eslint in `npm run lint`), so no style rules here.
import { readdirSync } from 'node:fs'
import { defineConfig, globalIgnores } from 'eslint/config'
import { builtinRules } from 'eslint/use-at-your-own-risk'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
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

// The layers, as globs under the repository root (ARCHITECTURE.md draws them). `shared/*` folders other than
// errors/, io/ and runner/ are the core domains, so a new domain folder is core without touching this file.
const ERRORS = 'shared/errors/**'
const IO = 'shared/io/**'
const RUNNER = 'shared/runner/**'
const CORE = 'shared/!(errors|io|runner)/**'
const ACTIONS = readdirSync(new URL('actions/', import.meta.url), { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name)

/** Only the runner edge and the actions touch the runner's API; a type (the client's shape) is no dependency. */
const ACTIONS_TOOLKIT = {
  group: ['@actions/*'],
  allowTypeImports: true,
  message: 'only shared/runner/ and actions/ use @actions/* (a type-only import is fine): pass the value in.'
}
/** `import { env } from 'node:process'` is process.env by another name. */
const PROCESS_ENV = {
  name: 'node:process',
  importNames: ['env', 'cwd'],
  message: 'only shared/runner/ reads the environment and the working directory; take them as values.'
}
/**
 * Printing goes through shared/runner/log.ts, which neutralises untrusted text so that the runner never reads it
 * as a workflow command (`::add-mask::`, `##[set-output]` …). Anything else that writes to stdout is refused.
 */
const PRINTING_FUNCTIONS = [
  'info',
  'warning',
  'notice',
  'error',
  'debug',
  'setFailed',
  'startGroup',
  'endGroup',
  'group'
]
const PRINTING_PROPERTIES = [
  ...PRINTING_FUNCTIONS.map(property => ({
    object: 'core',
    property,
    message:
      'print through shared/runner/log.ts (log.info`…`, log.warning, log.error): it neutralises untrusted text.'
  })),
  ...['stdout', 'stderr'].map(property => ({
    object: 'process',
    property,
    message: 'print through shared/runner/log.ts: it neutralises untrusted text.'
  }))
]
/** `import { stdout } from 'node:process'` is process.stdout by another name. */
const PRINTING_IMPORTS = ['process', 'node:process'].map(name => ({
  name,
  importNames: ['stdout', 'stderr'],
  message: 'print through shared/runner/log.ts: it neutralises untrusted text.'
}))
/** `import { info } from '@actions/core'`, or `import * as anything` (whose `anything.info` eslint cannot see). */
const PRINTING_SYNTAX = [
  {
    selector: `ImportDeclaration[source.value='@actions/core'] > ImportSpecifier[imported.name=/^(${PRINTING_FUNCTIONS.join('|')})$/]`,
    message: 'print through shared/runner/log.ts: it neutralises untrusted text.'
  },
  {
    selector:
      "ImportDeclaration[source.value='@actions/core'] > ImportNamespaceSpecifier[local.name!='core']",
    message: 'import @actions/core as `core`, so that eslint sees its printing functions.'
  }
]
/** What keeps shared/gate/ pure: no filesystem, processes or network; policy, rules and significance only. */
const IMPURE_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dns',
  'dgram'
]

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
      // `ok ? at++ : fail()` as a statement is a deliberate idiom in the parsers, and log.info`…` is a call (a
      // tagged template); bare `a + b` still fails.
      '@typescript-eslint/no-unused-expressions': [
        'error',
        { allowTernary: true, allowTaggedTemplates: true }
      ],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-throw-literal': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }]
    }
  },
  // Layering. Tests (*.test.ts, test/), bench/ and scripts/ may import anything, so they are not matched here.
  {
    files: ['shared/**/*.ts', 'actions/*/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // `./x.js` in TypeScript source names `./x.ts` (NodeNext resolution).
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.js', '.mjs', '.json', '.node'],
          extensionAlias: { '.js': ['.ts', '.js'] }
        })
      ],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: ERRORS,
              from: 'shared/!(errors)/**',
              message: 'shared/errors/ imports nothing of ours.'
            },
            {
              target: IO,
              from: 'shared/!(errors|io)/**',
              message: 'shared/io/ may import shared/errors/ only.'
            },
            {
              target: CORE,
              from: RUNNER,
              message: 'core domains never import shared/runner/: take the value as a parameter instead.'
            },
            {
              target: 'shared/gate/**',
              from: IO,
              message: 'shared/gate/ is pure: no filesystem or processes.'
            },
            { target: 'shared/**', from: 'actions/**', message: 'shared/ never imports from an action.' },
            ...ACTIONS.map(action => ({
              target: `actions/${action}/**`,
              from: `actions/!(${action})/**`,
              message: "an action never imports another action's files: move what they share into shared/."
            }))
          ]
        }
      ],
      // Type-only imports are erased, so they make no cycle at run time and are not followed.
      'import-x/no-cycle': ['error', { ignoreExternal: true }]
    }
  },
  // Printing: only shared/runner/log.ts writes to stdout (the layer rules below add the same for the core).
  {
    files: ['shared/**/*.ts', 'actions/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'shared/runner/log.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': ['error', ...PRINTING_SYNTAX]
    }
  },
  {
    files: [RUNNER, 'actions/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'shared/runner/log.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: PRINTING_IMPORTS }],
      'no-restricted-properties': ['error', ...PRINTING_PROPERTIES]
    }
  },
  // Everything below the runner edge: the core domains, and io/ and errors/ under them.
  {
    files: [CORE, IO, ERRORS],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [PROCESS_ENV, ...PRINTING_IMPORTS],
          patterns: [ACTIONS_TOOLKIT]
        }
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'only shared/runner/ reads the environment: take the value as a parameter.'
        },
        {
          object: 'process',
          property: 'cwd',
          message: 'only shared/runner/ knows the working directory: take the base directory as a parameter.'
        },
        ...PRINTING_PROPERTIES
      ]
    }
  },
  {
    files: ['shared/gate/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            PROCESS_ENV,
            ...PRINTING_IMPORTS,
            ...IMPURE_MODULES.flatMap(name => [name, `node:${name}`]).map(name => ({
              name,
              message:
                'shared/gate/ is pure (policy, rules, significance): no filesystem, processes or network.'
            }))
          ],
          patterns: [ACTIONS_TOOLKIT]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'shared/gate/ is pure (policy, rules, significance): no network.' }
      ]
    }
  }
)
