import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import * as path from 'node:path'
import { pushEvent } from '../harness/events.js'
import { runAction, startAction, type RunOptions } from '../harness/run-action.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { startSigstoreFakes, type SigstoreFakes } from '../fakes/sigstore/index.js'
import type { WorkflowIdentity } from '../fakes/sigstore/oidc-issuer.js'
import { signStatement } from '../../shared/attest/sigstore-sign.js'
import { COMMAND_TARGET, deployWorkspace, targetLog } from './fixtures.js'
import { memoryBlob } from '../../shared/registry/blob-source.js'
import { contentOf, jsonBytes } from '../../shared/registry/descriptor.js'
import { EMPTY_DESCRIPTOR, OCI_MANIFEST } from '../../shared/registry/media-types.js'
import { OciClient } from '../../shared/registry/oci-client.js'
import { indexContent, referrerDescriptor, referrersTag } from '../../shared/registry/referrers-index.js'
import { startRegistry } from '../servers/registry.js'
import { testIfBinaries } from '../servers/test-if-binaries.js'

const registryTest = await testIfBinaries({ 'docker-registry': 'docker-registry' })
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

/**
 * deploy with `require-attestation: test-result`, through the bundle: the model's Test Result attestations come
 * from the GitHub fake's attestations API, signed beforehand by the real @sigstore/sign against the OIDC, Fulcio and
 * Rekor fakes, and verified by the action against the fakes' trusted root. Without a verified PASSED one about the
 * digest, nothing is deployed, recorded or shifted.
 */
const OWNER = 'octo-org'
const REPO = 'models'
const RELEASE: WorkflowIdentity = {
  repository: `${OWNER}/${REPO}`,
  workflowPath: '.github/workflows/release.yml'
}
const TEST_RESULT = 'https://in-toto.io/attestation/test-result/v0.1'
const digestOf = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`

let fake: GitHubFake
let sigstore: SigstoreFakes
let head: string
const saved = { ...process.env }

beforeAll(async () => {
  fake = await startGitHubFake({ owner: OWNER, repo: REPO })
  sigstore = await startSigstoreFakes(RELEASE)
  head = fake.state.repo().branches.get('main')!
})
afterAll(async () => {
  process.env = saved
  await Promise.all([fake?.close(), sigstore?.close()])
})

function testResult(digest: string, result: string) {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: '127.0.0.1/models/churn', digest: { sha256: digest.slice(7) } }],
    predicateType: TEST_RESULT,
    predicate: { result, configuration: [], passedTests: [], warnedTests: [], failedTests: [] }
  }
}

/** Signs as `identity` (the workflow's OIDC token). */
async function signAs(statement: object, identity = RELEASE) {
  sigstore.oidc.identity = identity
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = sigstore.env.ACTIONS_ID_TOKEN_REQUEST_URL
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = sigstore.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  return (await signStatement(statement, { fulcioUrl: sigstore.fulcio.url, rekorUrl: sigstore.rekor.url }))
    .bundle
}

/** Signs as `identity` and stores the bundle with the attestations API. */
async function attest(
  statement: object,
  identity = RELEASE,
  mutate?: (bundle: Record<string, never>) => void
) {
  const bundle = await signAs(statement, identity)
  mutate?.(bundle as unknown as Record<string, never>)
  const response = await fetch(`${fake.url}/repos/${OWNER}/${REPO}/attestations`, {
    method: 'POST',
    headers: { authorization: 'token seed', 'content-type': 'application/json' },
    body: JSON.stringify({ bundle })
  })
  expect(response.status).toBe(201)
}

async function deployOptions(digest: string, inputs: Record<string, string> = {}): Promise<RunOptions> {
  const workspace = await deployWorkspace({ 'trusted_root.json': JSON.stringify(sigstore.trustedRoot()) })
  return {
    action: 'deploy',
    workspace,
    token: 'ghs_job_token',
    event: 'push',
    eventPayload: pushEvent({ after: head, repo: { owner: OWNER, name: REPO } }),
    env: { GITHUB_API_URL: fake.url },
    inputs: {
      // Not an OCI reference: these read the attestations API alone (the OCI test below reads referrers).
      'model-uri': `s3://models/churn@${digest}`,
      environment: 'production',
      stages: '100%',
      'require-attestation': 'test-result',
      'attestation-trusted-root': 'trusted_root.json',
      'attestation-issuer': sigstore.oidc.issuer,
      ...COMMAND_TARGET,
      ...inputs
    }
  }
}

async function deploy(digest: string, inputs: Record<string, string> = {}) {
  const options = await deployOptions(digest, inputs)
  const workspace = options.workspace!
  const deploymentsBefore = fake.callsTo('POST /repos/{owner}/{repo}/deployments').length
  const result = await runAction(options)
  const recorded = fake.callsTo('POST /repos/{owner}/{repo}/deployments').length - deploymentsBefore
  return { result, recorded, traffic: await targetLog(workspace) }
}

describe('require-attestation: test-result', () => {
  test('promotes a model with a verified PASSED Test Result, and names the attestation in the record and report', async () => {
    const digest = digestOf('passed model')
    await attest(testResult(digest, 'PASSED'))
    const { result, traffic } = await deploy(digest, {
      'attestation-signer-workflow': '.github/workflows/release.yml'
    })
    expect(result.annotations).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(traffic).toHaveLength(1)
    const created = fake.callsTo('POST /repos/{owner}/{repo}/deployments').at(-1)!
    const signer = 'https://github.com/octo-org/models/.github/workflows/release.yml@refs/heads/main'
    expect((created.body as { payload: unknown }).payload).toEqual({
      model_uri: `s3://models/churn@${digest}`,
      tool: 'mlci/deploy',
      attestation: {
        predicate_type: TEST_RESULT,
        digest,
        result: 'PASSED',
        signer,
        statement_digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/)
      }
    })
    const report = JSON.parse(await readFile(result.outputs.report, 'utf8'))
    expect(report.attestation).toMatchObject({ digest, result: 'PASSED', signer })
    expect(result.summary).toContain('verified **PASSED** Test Result attestation')
    expect(fake.validationErrors).toEqual([])
  })

  const refusals: [string, () => Promise<string>, RegExp][] = [
    [
      'an unattested digest',
      async () => digestOf('unattested'),
      /No Test Result attestation exists for sha256:/
    ],
    [
      'a FAILED evaluation',
      async () => {
        const digest = digestOf('failed model')
        await attest(testResult(digest, 'FAILED'))
        return digest
      },
      /verified, signed by .*release\.yml.*, but its result is FAILED/
    ],
    [
      'a WARNED evaluation without allow-warned',
      async () => {
        const digest = digestOf('warned model')
        await attest(testResult(digest, 'WARNED'))
        return digest
      },
      /its result is WARNED \(set allow-warned: true/
    ],
    [
      'another identity (another repository signed it)',
      async () => {
        const digest = digestOf('foreign model')
        await attest(testResult(digest, 'PASSED'), {
          repository: 'mallory/models',
          workflowPath: '.github/workflows/x.yml'
        })
        return digest
      },
      /wrong-identity: it was signed by https:\/\/github\.com\/mallory\/models/
    ],
    [
      'a tampered statement (FAILED re-labelled PASSED)',
      async () => {
        const digest = digestOf('tampered model')
        await attest(testResult(digest, 'FAILED'), RELEASE, bundle => {
          const envelope = bundle.dsseEnvelope as { payload: string }
          envelope.payload = Buffer.from(JSON.stringify(testResult(digest, 'PASSED'))).toString('base64')
        })
        return digest
      },
      /bad-signature/
    ],
    [
      'a store answering with an attestation of another digest',
      async () => {
        const digest = digestOf('listed under another digest')
        await attest(testResult(digestOf('the other model'), 'PASSED'))
        // The store (not GitHub's honest index) lists it under our digest: the statement itself must say so.
        const record = [...fake.state.repo().attestations.values()].at(-1)!
        record.subjectDigests.push(digest)
        return digest
      },
      /wrong-digest: it is about sha256:/
    ]
  ]
  test.each(refusals)(
    'refuses %s before any traffic moves or a deployment is recorded',
    async (_name, seed, message) => {
      const digest = await seed()
      const { result, recorded, traffic } = await deploy(digest)
      expect(result.exitCode).toBe(1)
      expect(result.annotations).toEqual([
        expect.objectContaining({ level: 'error', message: expect.stringMatching(message) })
      ])
      expect(result.annotations[0].message).toContain('no traffic moved')
      expect(traffic).toEqual([])
      expect(recorded).toBe(0)
    }
  )

  test('WARNED is accepted with allow-warned: true', async () => {
    const digest = digestOf('warned and allowed')
    await attest(testResult(digest, 'WARNED'))
    const { result } = await deploy(digest, { 'allow-warned': 'true' })
    expect(result.exitCode).toBe(0)
  })

  test('a tag is refused: the digest must be pinned', async () => {
    const { result, traffic } = await deploy(digestOf('x'), {
      'model-uri': 'oci://127.0.0.1/models/churn:v2'
    })
    expect(result.annotations[0].message).toMatch(/needs the model's digest/)
    expect(traffic).toEqual([])
  })

  test('the post step rolls back a killed rollout even when the trust root file is gone by then', async () => {
    const digest = digestOf('killed mid-rollout')
    await attest(testResult(digest, 'PASSED'))
    const options = await deployOptions(digest, { stages: '50%:60s, 100%', interval: '30s' })
    const running = await startAction(options)
    await running.waitForOutput(/Baking stage 1 \(50%\)/)
    running.kill('SIGKILL')
    const main = await running.finished
    // Checked before any traffic moved; the rollback needs only the target.
    await rm(path.join(options.workspace!, 'trusted_root.json'))
    const post = await runAction({ ...options, entry: 'post', state: main.state })
    expect(post.annotations).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('stopped mid-rollout') })
    ])
    expect(post.exitCode).toBe(0)
    expect((await targetLog(options.workspace!)).map(line => line.split(' ')[0])).toEqual([
      'deploy',
      'rollback'
    ])
  })

  registryTest(
    "reads the model's OCI referrers too (fallback tag on distribution 2.8): promotes on a PASSED bundle there, refuses a FAILED one",
    async () => {
      const registry = await startRegistry()
      try {
        const store = new OciClient({ baseUrl: registry.url, repository: 'models/churn' })
        /** A bundle as a referrer of `digest`: artifactType and layer of the bundle's media type, listed in the fallback index. */
        const pushReferrer = async (digest: string, bundle: object) => {
          const layer = contentOf(BUNDLE_TYPE, Buffer.from(JSON.stringify(bundle)))
          await store.pushBlob(memoryBlob(layer))
          await store.pushBlob(memoryBlob(contentOf(EMPTY_DESCRIPTOR.mediaType, Buffer.from('{}'))))
          const manifest = contentOf(
            OCI_MANIFEST,
            jsonBytes({
              schemaVersion: 2,
              mediaType: OCI_MANIFEST,
              artifactType: BUNDLE_TYPE,
              config: EMPTY_DESCRIPTOR,
              layers: [layer.descriptor],
              subject: { mediaType: OCI_MANIFEST, digest, size: 2 }
            })
          )
          await store.pushManifest(manifest, manifest.descriptor.digest)
          const index = {
            schemaVersion: 2 as const,
            mediaType: 'application/vnd.oci.image.index.v1+json',
            manifests: [referrerDescriptor(manifest)]
          }
          await store.pushManifest(indexContent(index), referrersTag(digest))
        }
        const passed = digestOf('attested in the registry')
        await pushReferrer(passed, await signAs(testResult(passed, 'PASSED')))
        const ok = await deploy(passed, { 'model-uri': `oci://${registry.host}/models/churn@${passed}` })
        expect(ok.result.annotations).toEqual([])
        expect(ok.result.exitCode).toBe(0)
        const report = JSON.parse(await readFile(ok.result.outputs.report, 'utf8'))
        expect(report.attestation.source).toMatch(/^OCI referrer sha256:/)

        const failed = digestOf('failed in the registry')
        await pushReferrer(failed, await signAs(testResult(failed, 'FAILED')))
        const refused = await deploy(failed, { 'model-uri': `oci://${registry.host}/models/churn@${failed}` })
        expect(refused.result.exitCode).toBe(1)
        expect(refused.result.annotations[0].message).toMatch(
          new RegExp(`the OCI referrers of ${registry.host}/models/churn is .*result is FAILED`)
        )
        expect(refused.traffic).toEqual([])
      } finally {
        await registry.stop()
      }
    }
  )

  test('a registry that cannot be read is named in the refusal, and nothing moves', async () => {
    const digest = digestOf('registry down')
    const { result, traffic } = await deploy(digest, {
      'model-uri': `oci://127.0.0.1:1/models/churn@${digest}`
    })
    expect(result.exitCode).toBe(1)
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringMatching(
          /No Test Result attestation exists.* The OCI referrers of 127\.0\.0\.1:1\/models\/churn could not be read/
        )
      })
    ])
    expect(traffic).toEqual([])
  })
})
