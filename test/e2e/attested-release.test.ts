import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { pushEvent } from '../harness/events.js'
import { runAction, RUNTIMES, type RunResult } from '../harness/run-action.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { startSigstoreFakes, type SigstoreFakes } from '../fakes/sigstore/index.js'
import type { WorkflowIdentity } from '../fakes/sigstore/oidc-issuer.js'
import { COMMAND_TARGET, deployWorkspace, targetLog } from '../deploy/fixtures.js'
import { startRegistry, type RunningRegistry } from '../servers/registry.js'
import { describeIfBinaries } from '../servers/test-if-binaries.js'

/**
 * The attested release, every step through its bundle as the runner runs it: validate-data reports on the training
 * data, evaluate gates the model, publish pushes it to a real docker-registry and signs the Test Result and
 * provenance (`attest: true`: the OIDC, Fulcio and Rekor fakes, the GitHub fake's attestations API), then deploy
 * with `require-attestation: test-result` verifies against the fakes' trusted root. A model that was never
 * attested, or whose evaluation FAILED, is refused before any traffic moves or a deployment is recorded.
 */
const describeRegistry = await describeIfBinaries({ 'docker-registry': 'docker-registry' })

const OWNER = 'octo-org'
const REPO = 'models'
const RELEASE: WorkflowIdentity = {
  repository: `${OWNER}/${REPO}`,
  workflowPath: '.github/workflows/release.yml'
}
const WORKFLOW_REF = `${OWNER}/${REPO}/.github/workflows/release.yml@refs/heads/main`
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const POLICY = 'metrics:\n  accuracy: { direction: higher, min: 0.8 }\n'

describeRegistry('validate-data → evaluate → publish (attest) → deploy (require-attestation)', () => {
  let github: GitHubFake
  let sigstore: SigstoreFakes
  let registry: RunningRegistry
  let workspace: string
  let head: string

  beforeAll(async () => {
    ;[github, sigstore, registry] = await Promise.all([
      startGitHubFake({ owner: OWNER, repo: REPO }),
      startSigstoreFakes(RELEASE),
      startRegistry()
    ])
    head = github.state.repo().branches.get('main')!
    workspace = await deployWorkspace({
      'data/train.csv': 'id,x\n' + Array.from({ length: 40 }, (_, i) => `${i},${i % 5}`).join('\n') + '\n',
      'policy.yml': POLICY,
      'passed/metrics.json': '{"accuracy": 0.91}\n',
      'failed/metrics.json': '{"accuracy": 0.62}\n',
      'passed/model/weights.bin': 'weights of the model that passed\n',
      'failed/model/weights.bin': 'weights of the model that failed\n',
      'unattested/model/weights.bin': 'weights of a model nobody attested\n',
      'trusted_root.json': JSON.stringify(sigstore.trustedRoot())
    })
    const validated = await step('validate-data', { data: 'data/train.csv', report: 'reports/train.json' })
    expect(validated.exitCode).toBe(0)
  })
  afterAll(async () => {
    await Promise.all([github?.close(), sigstore?.close(), registry?.stop()])
  })

  /**
   * One step of the workflow's jobs, in the shared workspace, as the job's runner would run it: on Node 24 where
   * the machine has it (GitHub's runtime for node24 actions, and signing loads the bundle's split chunk).
   */
  function step(action: string, inputs: Record<string, string>, env: Record<string, string> = {}) {
    return runAction({
      action,
      node: RUNTIMES[0].path,
      workspace,
      inputs,
      token: 'ghs_job_token',
      event: 'push',
      eventPayload: pushEvent({ after: head, repo: { owner: OWNER, name: REPO } }),
      env: { GITHUB_API_URL: github.url, GITHUB_WORKFLOW_REF: WORKFLOW_REF, ...env }
    })
  }

  async function evaluate(model: 'passed' | 'failed'): Promise<RunResult> {
    return step('evaluate', {
      metrics: `${model}/metrics.json`,
      policy: 'policy.yml',
      baseline: 'none',
      'check-name': '',
      results: `${model}/results.json`
    })
  }

  /** The release job: `id-token: write` gives the step the OIDC request variables. */
  async function publish(model: string, attest: boolean): Promise<RunResult> {
    const results = model === 'unattested' ? 'passed/results.json' : `${model}/results.json`
    const result = await step(
      'publish',
      {
        model: `${model}/model`,
        destination: `oci://${registry.host}/acme/churn`,
        tags: model,
        insecure: 'true',
        results,
        datasets: 'train=reports/train.json',
        attest: String(attest),
        'sigstore-fulcio-url': sigstore.fulcio.url,
        'sigstore-rekor-url': sigstore.rekor.url
      },
      attest ? sigstore.env : {}
    )
    expect(result.annotations.filter(a => a.level === 'error')).toEqual([])
    expect(result.exitCode).toBe(0)
    return result
  }

  async function deploy(digest: string, env: Record<string, string> = {}) {
    const before = github.callsTo('POST /repos/{owner}/{repo}/deployments').length
    const result = await step(
      'deploy',
      {
        'model-uri': `oci://${registry.host}/acme/churn@${digest}`,
        environment: 'production',
        stages: '100%',
        'require-attestation': 'test-result',
        'attestation-trusted-root': 'trusted_root.json',
        'attestation-issuer': sigstore.oidc.issuer,
        'attestation-signer-workflow': '.github/workflows/release.yml',
        ...COMMAND_TARGET
      },
      env
    )
    const recorded = github.callsTo('POST /repos/{owner}/{repo}/deployments').length - before
    return { result, recorded }
  }

  /** What the command target was asked to do so far (one line per call). */
  const traffic = () => targetLog(workspace)

  test('a model that passed evaluation, published with attest: true, is promoted; unattested and FAILED ones are refused before any traffic moves', async () => {
    expect((await evaluate('passed')).exitCode).toBe(0)
    const failedEvaluation = await evaluate('failed')
    expect(failedEvaluation.exitCode).toBe(1)
    expect(JSON.parse(await readFile(path.join(workspace, 'failed/results.json'), 'utf8')).verdict).toBe(
      'fail'
    )

    const passed = await publish('passed', true)
    const ids = JSON.parse(passed.outputs['attestation-ids']) as string[]
    expect(ids).toHaveLength(2)
    const stored = [...github.state.repo().attestations.values()]
    expect(stored.map(a => String(a.id))).toEqual(ids)
    expect(stored.map(a => a.predicateType).sort()).toEqual([
      'https://in-toto.io/attestation/test-result/v0.1',
      'https://slsa.dev/provenance/v1'
    ])
    for (const attestation of stored) expect(attestation.subjectDigests).toEqual([passed.outputs.digest])
    // The bundles are referrers of the model too, in the layout deploy reads (artifactType = the bundle's type).
    expect(
      (JSON.parse(passed.outputs.referrers) as { artifactType: string }[]).filter(
        r => r.artifactType === BUNDLE_TYPE
      )
    ).toHaveLength(2)
    expect(sigstore.oidc.requests.at(-1)).toEqual({ audience: 'sigstore', authorized: true })
    expect(github.validationErrors).toEqual([])

    const promoted = await deploy(passed.outputs.digest)
    expect(promoted.result.annotations).toEqual([])
    expect(promoted.result.exitCode).toBe(0)
    expect(promoted.result.outputs.result).toBe('promoted')
    expect(promoted.recorded).toBe(1)
    const report = JSON.parse(await readFile(promoted.result.outputs.report, 'utf8'))
    expect(report.attestation).toMatchObject({
      digest: passed.outputs.digest,
      result: 'PASSED',
      signer: `https://github.com/${OWNER}/${REPO}/.github/workflows/release.yml@refs/heads/main`
    })
    const calls = await traffic()
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatch(new RegExp(`^deploy .*@${passed.outputs.digest}`))

    // Where the attestations API has none (another GitHub, a repository the token cannot read), the bundles
    // publish pushed as OCI referrers are enough: the same verification, from the registry.
    const elsewhere = await startGitHubFake({ owner: OWNER, repo: REPO })
    try {
      const fromRegistry = await deploy(passed.outputs.digest, { GITHUB_API_URL: elsewhere.url })
      expect(fromRegistry.result.annotations).toEqual([])
      expect(fromRegistry.result.exitCode).toBe(0)
      const registryReport = JSON.parse(await readFile(fromRegistry.result.outputs.report, 'utf8'))
      expect(registryReport.attestation.source).toMatch(/^OCI referrer sha256:/)
    } finally {
      await elsewhere.close()
    }

    const refusals = [
      [await publish('unattested', false), /No Test Result attestation exists for sha256:/],
      [await publish('failed', true), /result is FAILED/]
    ] as const
    const shifted = (await traffic()).length
    for (const [published, message] of refusals) {
      const refused = await deploy(published.outputs.digest)
      expect(refused.result.exitCode).toBe(1)
      expect(refused.result.annotations).toEqual([
        expect.objectContaining({ level: 'error', message: expect.stringMatching(message) })
      ])
      expect(refused.result.annotations[0].message).toContain('no traffic moved')
      expect(refused.recorded).toBe(0)
      // The rollout command was never called.
      expect((await traffic()).length).toBe(shifted)
    }
  }, 180_000)

  test('a job whose token cannot write attestations fails naming the permission, and no tag names the model', async () => {
    expect((await evaluate('passed')).exitCode).toBe(0)
    github.fail({
      route: 'POST /repos/{owner}/{repo}/attestations',
      status: 403,
      message: 'Resource not accessible by integration'
    })
    const result = await step(
      'publish',
      {
        model: 'passed/model',
        destination: `oci://${registry.host}/acme/churn`,
        tags: 'denied',
        insecure: 'true',
        results: 'passed/results.json',
        attest: 'true',
        'sigstore-fulcio-url': sigstore.fulcio.url,
        'sigstore-rekor-url': sigstore.rekor.url
      },
      sigstore.env
    )
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/attestations: write/) })
    ])
    const tag = await fetch(`${registry.url}/v2/acme/churn/manifests/denied`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' }
    })
    expect(tag.status).toBe(404)
  })

  test('a Sigstore URL over plain HTTP to another host is refused before anything is pushed', async () => {
    const result = await step('publish', {
      model: 'passed/model',
      destination: `oci://${registry.host}/acme/churn`,
      tags: 'plain',
      insecure: 'true',
      'sigstore-rekor-url': 'http://rekor.example.com'
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations[0].message).toMatch(
      /Input 'sigstore-rekor-url': http:\/\/rekor\.example\.com is plain HTTP/
    )
  })
})
