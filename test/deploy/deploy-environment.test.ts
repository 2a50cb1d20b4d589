import { describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { runAction, startAction, type RunOptions } from '../harness/run-action.js'
import { deployWorkspace } from './fixtures.js'

/**
 * What the programs deploy starts see of the step's environment: the deploy, rollback and metrics commands
 * (in the main step and in the post step) get PATH, HOME and friends, MLCI_* and what `pass-env` names, never
 * the step's own credentials.
 */
const SECRETS = {
  token: 'ghs_job_token_must_not_leak_1f3a',
  webhookSecret: 'whsec_must_not_leak_77c0',
  runtimeToken: 'runtime_token_must_not_leak_9e21',
  idTokenRequestToken: 'id_token_request_token_must_not_leak_4b8d'
}

/** Appends the environment it got, as JSON, to env-<role>.jsonl; the metrics role also prints regressed samples. */
const DUMP_ENV = `
import { appendFileSync } from 'node:fs'
const role = process.argv[2]
appendFileSync(new URL('env-' + role + '.jsonl', import.meta.url), JSON.stringify(process.env) + '\\n')
if (role === 'metrics') {
  const sample = (center, seed) => Array.from({ length: 40 }, (_, k) => center * (1 + 0.05 * Math.sin(k * 1.7 + seed)))
  console.log(JSON.stringify({ latency: { canary: sample(Number(process.argv[3]), 1), baseline: sample(0.1, 2) } }))
}
`
const analysis = (canaryLatency: number) =>
  `provider: { command: [node, dump-env.mjs, metrics, '${canaryLatency}'] }\n` +
  'metrics:\n  - { name: latency, direction: increase }\n'

function options(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): RunOptions {
  return {
    action: 'deploy',
    workspace,
    token: SECRETS.token,
    env: {
      ACTIONS_RUNTIME_TOKEN: SECRETS.runtimeToken,
      ACTIONS_RUNTIME_URL: 'https://pipelines.actions.githubusercontent.com/abc/',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: SECRETS.idTokenRequestToken,
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.githubusercontent.com/abc',
      ...env
    },
    inputs: {
      'model-uri': 'oci://127.0.0.1/models/churn:v2',
      analysis: 'analysis.yml',
      interval: '1s',
      target: 'command',
      'deploy-command': 'node dump-env.mjs deploy',
      'rollback-command': 'node dump-env.mjs rollback',
      'webhook-secret': SECRETS.webhookSecret,
      'record-deployment': 'false',
      ...inputs
    }
  }
}

async function environments(workspace: string, role: string): Promise<Array<Record<string, string>>> {
  const text = await readFile(path.join(workspace, `env-${role}.jsonl`), 'utf8').catch(() => '')
  return text
    .split('\n')
    .filter(line => line !== '')
    .map(line => JSON.parse(line) as Record<string, string>)
}

function expectNoStepSecrets(env: Record<string, string>): void {
  const names = Object.keys(env)
  expect(names.filter(name => /^(INPUT_|ACTIONS_|STATE_)/.test(name))).toEqual([])
  const values = Object.values(env).join('\n')
  for (const secret of Object.values(SECRETS)) expect(values).not.toContain(secret)
}

describe('the environment of the programs deploy starts', () => {
  test('the deploy, rollback and metrics commands, in main and post, get none of the step credentials', async () => {
    // A regressed canary: main runs deploy, metrics, rollback. Then a second run is killed mid-bake and its
    // post step runs the rollback command.
    const workspace = await deployWorkspace({ 'dump-env.mjs': DUMP_ENV, 'analysis.yml': analysis(0.2) })
    const main = await runAction(options(workspace, { stages: '50%:1s, 100%' }))
    expect(main.outputs.result).toBe('rolled-back')

    const slow = await deployWorkspace({ 'dump-env.mjs': DUMP_ENV, 'analysis.yml': analysis(0.1) })
    const inputs = { stages: '50%:60s, 100%', interval: '30s' }
    const running = await startAction(options(slow, inputs))
    await running.waitForOutput(/Baking stage 1 \(50%\)/)
    running.kill('SIGKILL')
    const killed = await running.finished
    const post = await runAction({ ...options(slow, inputs), entry: 'post', state: killed.state })
    expect(post.exitCode).toBe(0)

    const seen = {
      deploy: [...(await environments(workspace, 'deploy')), ...(await environments(slow, 'deploy'))],
      metrics: await environments(workspace, 'metrics'),
      rollback: [...(await environments(workspace, 'rollback')), ...(await environments(slow, 'rollback'))]
    }
    expect(Object.values(seen).map(list => list.length)).toEqual([2, 1, 2])
    for (const env of Object.values(seen).flat()) {
      expectNoStepSecrets(env)
      expect(env.PATH).toBe(process.env.PATH)
      expect(env.MLCI_MODEL_URI ?? env.MLCI_ANALYSIS_END).toBeDefined()
    }
  })

  test("pass-env hands the named variables (and prefixes) of the step's env to every program, nothing else", async () => {
    const workspace = await deployWorkspace({ 'dump-env.mjs': DUMP_ENV, 'analysis.yml': analysis(0.2) })
    const result = await runAction(
      options(
        workspace,
        { stages: '50%:1s, 100%', 'pass-env': 'KUBECONFIG\nAWS_*' },
        {
          KUBECONFIG: '/home/runner/.kube/config',
          AWS_REGION: 'eu-west-1',
          AWS_SESSION_TOKEN: 'aws-session',
          NOT_PASSED: 'stays in the step',
          MLCI_CLUSTER: 'blue'
        }
      )
    )
    expect(result.outputs.result).toBe('rolled-back')
    for (const role of ['deploy', 'metrics', 'rollback']) {
      const [env] = await environments(workspace, role)
      expectNoStepSecrets(env)
      expect(env).toMatchObject({
        KUBECONFIG: '/home/runner/.kube/config',
        AWS_REGION: 'eu-west-1',
        AWS_SESSION_TOKEN: 'aws-session',
        MLCI_CLUSTER: 'blue'
      })
      expect(env.NOT_PASSED).toBeUndefined()
    }
  })

  test.each([
    ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', /'pass-env'.*ACTIONS_ID_TOKEN_REQUEST_TOKEN/],
    ['INPUT_GITHUB-TOKEN', /'pass-env'.*INPUT_GITHUB-TOKEN/],
    ['ACTIONS_*', /'pass-env'.*ACTIONS_\*/],
    ['*', /'pass-env'.*\*.*name the variables/]
  ])('pass-env: %s is refused before any traffic moves', async (entry, message) => {
    const workspace = await deployWorkspace({ 'dump-env.mjs': DUMP_ENV, 'analysis.yml': analysis(0.1) })
    const result = await runAction(options(workspace, { stages: '100%', 'pass-env': entry }))
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(message) })
    ])
    expect(await environments(workspace, 'deploy')).toEqual([])
  })
})
