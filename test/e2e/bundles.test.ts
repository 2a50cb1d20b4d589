import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
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

const CASES: Record<string, BundleCase> = {
  evaluate: {
    files: {
      'metrics.yaml': 'eval:\n  accuracy: 0.9\n  loss: 0.25\n',
      'baseline.json': '{"eval": {"accuracy": 0.93, "loss": 0.25}}',
      'policy.yaml': 'metrics:\n  eval.accuracy: { direction: higher, max_drop: 0.02 }\n'
    },
    inputs: {
      metrics: 'metrics.yaml',
      baseline: 'baseline.json',
      policy: 'policy.yaml',
      'check-name': ''
    },
    check: result => {
      expect(result.exitCode).toBe(1)
      expect(JSON.parse(result.outputs.metrics)).toEqual({ 'eval.accuracy': 0.9, 'eval.loss': 0.25 })
      expect(result.outputs.verdict).toBe('fail')
      expect(result.outputs['baseline-source']).toBe('file (baseline.json)')
      expect(result.summary).toContain('| eval.loss | 0.25 |')
      expect(result.summary).toContain('| FAIL | eval.accuracy | max\\_drop |')
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
  'metric-diff': {
    files: {
      'candidate.json': '{"accuracy": 0.91, "loss": 0.2}',
      'baseline.json': '{"accuracy": 0.9, "loss": 0.25}'
    },
    inputs: { metrics: 'candidate.json', baseline: 'baseline.json', comment: 'never' },
    check: result => {
      expect(result.exitCode).toBe(0)
      expect(result.outputs.changed).toBe('2')
      expect(result.summary).toContain('| loss | 0.25 | 0.2 | −0.05 | −20% | ✅ improved |')
    }
  },
  publish: {
    files: { 'model/weights.bin': 'not really weights\n', 'model/README.md': '# model\n' },
    inputs: { model: 'model', destination: 'oci-layout://build/model', tags: 'v1' },
    check: result => {
      expect(result.exitCode).toBe(0)
      expect(result.outputs.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
      expect(result.outputs['model-uri']).toBe(
        `oci-layout://${result.workspace}/build/model@${result.outputs.digest}`
      )
      expect(result.summary).toContain('| weights.bin |')
    }
  },
  deploy: {
    files: {
      'metrics.mjs':
        'const s = i => Array.from({ length: 30 }, (_, k) => 0.1 + ((k * 7 + i) % 10) / 1000)\n' +
        'console.log(JSON.stringify({ latency: { canary: s(1), baseline: s(2) } }))\n',
      'analysis.yml':
        'provider: { command: [node, metrics.mjs] }\nmetrics:\n  - { name: latency, direction: increase }\n'
    },
    inputs: {
      'model-uri': 'oci://127.0.0.1/models/churn:v2',
      stages: '50%:1s, 100%',
      interval: '1s',
      analysis: 'analysis.yml',
      'deploy-command': 'node -e process.exit(0)',
      'rollback-command': 'node -e process.exit(0)',
      'record-deployment': 'false'
    },
    check: result => {
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ result: 'promoted', 'final-traffic': '100', score: '100' })
      expect(result.summary).toContain('| latency | Pass |')
    }
  }
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

/**
 * ncc writes one licenses.txt per chunk under one name, so a split chunk (publish: cacache's dynamic import of
 * p-map under @sigstore/sign) used to leave the list of that chunk alone; scripts/build.mjs writes it from the
 * build's module list instead.
 */
describe('licenses.txt', () => {
  const licensed = (name: string) =>
    readFileSync(path.join(REPO_ROOT, 'actions', name, 'dist/licenses.txt'), 'utf8')
      .split('\n')
      .filter((line, i, lines) => i === 0 || lines[i - 1] === '')
  test.each(actions)('%s lists the packages of every chunk', name => {
    const names = licensed(name)
    expect(names).toContain('@actions/core')
    if (name === 'publish') expect(names).toEqual(expect.arrayContaining(['@sigstore/sign', 'p-map']))
    const chunks = readdirSync(path.join(REPO_ROOT, 'actions', name, 'dist')).filter(f => f.endsWith('.js'))
    for (const chunk of chunks)
      expect(readFileSync(path.join(REPO_ROOT, 'actions', name, 'dist', chunk), 'utf8')).not.toContain(
        'webpackMissingModule'
      )
  })
})
