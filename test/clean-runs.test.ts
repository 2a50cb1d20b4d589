import { describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { REPO_ROOT, runAction } from './harness/run-action.js'

// A run leaves nothing in /tmp (issue 14): test/harness/global-setup.mjs makes one root for the run and points
// TMPDIR at it, global-teardown.mjs removes it. scripts/check-tmp-clean.sh measures a whole run.
describe('temporary files of a test run', () => {
  const root = process.env.MLCI_TEST_TMP_ROOT

  test('live under the run root that global teardown removes', async () => {
    expect(root).toBeDefined()
    expect(existsSync(root!)).toBe(true)
    expect(tmpdir()).toBe(root)
    const made = await mkdtemp(path.join(tmpdir(), 'mlci-clean-'))
    expect(path.relative(root!, made).startsWith('..')).toBe(false)
  })

  test("and so do an action's workspace and RUNNER_TEMP made by the harness", async () => {
    const result = await runAction({ action: path.join(REPO_ROOT, 'test/fixtures/probe-action') })
    for (const directory of [result.workspace, result.runnerTemp]) {
      expect(path.relative(root!, directory).startsWith('..')).toBe(false)
    }
  })
})
