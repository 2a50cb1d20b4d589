import { describe, expect, test } from '@jest/globals'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { runAction } from '../harness/run-action.js'
import { sha256sum } from '../servers/run-command.js'
import { resultsSchemaErrors } from './results-schema.js'

/**
 * publish's Test Result names the policy by digest. Only evaluate knows which bytes it gated with (publish may run
 * in another job, on another checkout), so the results file records the policy's sha256 as evaluate read it.
 */
describe('evaluate records the sha256 of the policy it applied', () => {
  test('in the results file, as coreutils computes it', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'mlci-eval-policy-'))
    await writeFile(path.join(workspace, 'metrics.json'), '{"accuracy": 0.91}\n')
    await writeFile(
      path.join(workspace, 'policy.yml'),
      'metrics:\n  accuracy: { direction: higher, min: 0.8 }\n'
    )
    const result = await runAction({
      action: 'evaluate',
      workspace,
      inputs: { metrics: 'metrics.json', policy: 'policy.yml', baseline: 'none', 'check-name': '' }
    })
    expect(result.exitCode).toBe(0)
    expect(resultsSchemaErrors(result.outputs.results)).toEqual([])
    const results = JSON.parse(await readFile(result.outputs.results, 'utf8'))
    expect(results.policyFile).toBe('policy.yml')
    expect(results.policySha256).toBe((await sha256sum(path.join(workspace, 'policy.yml'))).slice(7))
  })
})
