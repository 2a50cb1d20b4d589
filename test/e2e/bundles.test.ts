import { describe, expect, test } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { REPO_ROOT, RUNTIMES, runAction, type RunResult } from '../harness/run-action.js'

/**
 * Every committed bundle, run end to end on Node 24 (GitHub's runtime) and on this machine's Node:
 * this is what catches ncc's silent stubs and anything the bundler broke. Each action names a trivial
 * run here; an action without one fails the suite, so no bundle goes unexercised.
 */
interface BundleCase {
  files?: Record<string, string>
  inputs?: Record<string, string>
  check: (result: RunResult) => void
}

const notReleased = (issue: number) => (result: RunResult) => {
  expect(result.exitCode).toBe(1)
  expect(result.annotations).toEqual([
    expect.objectContaining({ level: 'error', message: expect.stringContaining(`issue #${issue}`) })
  ])
}

const CASES: Record<string, BundleCase> = {
  evaluate: {
    files: { 'metrics.yaml': 'eval:\n  accuracy: 0.9\n  loss: 0.25\n' },
    inputs: { metrics: 'metrics.yaml' },
    check: result => {
      expect(result.exitCode).toBe(0)
      expect(JSON.parse(result.outputs.metrics)).toEqual({ 'eval.accuracy': 0.9, 'eval.loss': 0.25 })
      expect(result.summary).toContain('| eval.loss | 0.25 |')
    }
  },
  'validate-data': {
    files: { 'data.csv': 'id,age\n1,30\n2,"41"\n', 'rules.yml': 'columns:\n  age: { min: 0, max: 130 }\n' },
    inputs: { data: 'data.csv', rules: 'rules.yml' },
    check: result => {
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toEqual(expect.objectContaining({ valid: 'true', rows: '2', errors: '0' }))
      expect(result.summary).toContain('mlci validate-data: ✅ passed')
    }
  },
  'metric-diff': { check: notReleased(5) },
  publish: { check: notReleased(6) },
  deploy: { check: notReleased(7) }
}

const actions = readdirSync(path.join(REPO_ROOT, 'actions'), { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .map(entry => entry.name)

describe.each(RUNTIMES)('bundles on $name', runtime => {
  test.each(actions)('%s runs end to end', async name => {
    const bundleCase = CASES[name]
    if (!bundleCase) throw new Error(`test/e2e/bundles.test.ts has no case for actions/${name}: add one`)
    const workspace = await mkdtemp(path.join(tmpdir(), `mlci-e2e-${name}-`))
    for (const [file, content] of Object.entries(bundleCase.files ?? {})) {
      await mkdir(path.dirname(path.join(workspace, file)), { recursive: true })
      await writeFile(path.join(workspace, file), content)
    }
    const result = await runAction({ action: name, inputs: bundleCase.inputs, workspace, node: runtime.path })
    expect(result.stderr).not.toMatch(/Cannot find module|webpackMissingModule|ERR_/)
    bundleCase.check(result)
  })
})
