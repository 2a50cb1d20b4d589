import { spawnSync } from 'node:child_process'
import { describe, test } from '@jest/globals'

/**
 * Tests that use `/usr/bin/python3` as an oracle declare the modules they import, keyed by module, valued by the
 * Debian package that ships it:
 *
 *   const oracleTest = testIfPython({ sklearn: 'python3-sklearn', scipy: 'python3-scipy' })
 *   oracleTest('matches roc_auc_score', async () => { … })
 *
 * Like the server binaries (test/servers/test-if-binaries.ts): a missing interpreter or module skips the tests
 * with a loud banner on a developer machine and fails under CI=true, where a skip would hide a broken image.
 */
export type PythonRequirements = Readonly<Record<string, string>>

const checked = new Map<string, boolean>()

function moduleImports(module: string): boolean {
  let known = checked.get(module)
  if (known === undefined) {
    const result = spawnSync('/usr/bin/python3', ['-c', `import ${module}`], {
      stdio: 'ignore',
      timeout: 60_000
    })
    known = result.status === 0
    checked.set(module, known)
  }
  return known
}

function isCI(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1'
}

/** True when /usr/bin/python3 imports every module; otherwise throws under CI or prints a banner and returns false. */
export function requirePython(requirements: PythonRequirements): boolean {
  const missing = Object.entries(requirements).filter(([module]) => !moduleImports(module))
  if (missing.length === 0) return true
  const packages = [...new Set(missing.map(([, debianPackage]) => debianPackage))].join(' ')
  const message =
    `/usr/bin/python3 cannot import ${missing.map(([module]) => module).join(', ')} (the test oracles); ` +
    `install with: sudo apt-get install -y python3 ${packages}`
  if (isCI()) throw new Error(`${message} (CI=true, so this fails instead of skipping)`)
  const rule = '#'.repeat(100)
  console.warn(
    [rule, `# SKIPPING TESTS: ${message}`, '# These tests fail instead of skipping when CI=true.', rule].join(
      '\n'
    )
  )
  return false
}

/** `test` when the oracle modules import, `test.skip` otherwise (or throws under CI). */
export function testIfPython(requirements: PythonRequirements): typeof test.skip {
  return requirePython(requirements) ? test : test.skip
}

/** `describe` when the oracle modules import, `describe.skip` otherwise (or throws under CI). */
export function describeIfPython(requirements: PythonRequirements): typeof describe.skip {
  return requirePython(requirements) ? describe : describe.skip
}
