import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { signStatement } from '../../shared/attest/sigstore-sign.js'
import { verifyStatementBundle, type SignerPolicy } from '../../shared/attest/sigstore-verify.js'
import { parseTrustedRoots } from '../../shared/attest/trust-root.js'
import { startSigstoreFakes, type SigstoreFakes } from '../fakes/sigstore/index.js'
import { TestCA } from '../fakes/sigstore/test-ca.js'

/**
 * Signing an in-toto Statement as the workflow and verifying the bundle, with the real @sigstore/sign and
 * @sigstore/verify against local fakes of GitHub's OIDC endpoint, Fulcio and Rekor, and their trusted root.
 */
const TEST_RESULT = 'https://in-toto.io/attestation/test-result/v0.1'
const DIGEST = `sha256:${createHash('sha256').update('model manifest').digest('hex')}`
const IDENTITY = { repository: 'octo-org/models', workflowPath: '.github/workflows/release.yml' }

function statementAbout(digest: string, result = 'PASSED') {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: '127.0.0.1/models/churn', digest: { sha256: digest.slice('sha256:'.length) } }],
    predicateType: TEST_RESULT,
    predicate: { result, configuration: [], passedTests: ['auc'], warnedTests: [], failedTests: [] }
  }
}

let sigstore: SigstoreFakes
let roots: TrustedRoot[]
let policy: SignerPolicy
const saved = { ...process.env }

async function sign(statement: object) {
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = sigstore.env.ACTIONS_ID_TOKEN_REQUEST_URL
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = sigstore.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  return (await signStatement(statement, { fulcioUrl: sigstore.fulcio.url, rekorUrl: sigstore.rekor.url }))
    .bundle
}

beforeAll(async () => {
  sigstore = await startSigstoreFakes(IDENTITY)
  roots = parseTrustedRoots(JSON.stringify(sigstore.trustedRoot()), 'trusted_root.json')
  policy = { repository: 'octo-org/models', issuers: [sigstore.oidc.issuer] }
})
afterAll(async () => {
  process.env = saved
  await sigstore?.close()
})

describe('sign → verify', () => {
  test('a statement signed as the workflow verifies: bundle v0.3, DSSE in-toto, the workflow identity', async () => {
    const bundle = await sign(statementAbout(DIGEST))
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json')
    expect(bundle.dsseEnvelope?.payloadType).toBe('application/vnd.in-toto+json')
    expect(bundle.verificationMaterial.certificate).toBeDefined()
    expect(bundle.verificationMaterial.tlogEntries[0].kindVersion).toEqual({ kind: 'dsse', version: '0.0.1' })
    expect(sigstore.oidc.requests.at(-1)).toEqual({ audience: 'sigstore', authorized: true })

    const verified = verifyStatementBundle(bundle, roots, {
      digest: DIGEST,
      predicateType: TEST_RESULT,
      signer: { ...policy, signerWorkflow: '.github/workflows/release.yml' }
    })
    expect(verified.signer).toBe(
      'https://github.com/octo-org/models/.github/workflows/release.yml@refs/heads/main'
    )
    expect(verified.issuer).toBe(sigstore.oidc.issuer)
    expect(verified.statement.predicate.result).toBe('PASSED')
  })

  test('a bundle signed by another repository or another workflow is refused', async () => {
    sigstore.oidc.identity = { repository: 'mallory/models', workflowPath: '.github/workflows/release.yml' }
    const foreign = await sign(statementAbout(DIGEST))
    sigstore.oidc.identity = { repository: 'octo-org/models', workflowPath: '.github/workflows/pr.yml' }
    const otherWorkflow = await sign(statementAbout(DIGEST))
    sigstore.oidc.identity = IDENTITY
    const expected = { digest: DIGEST, predicateType: TEST_RESULT, signer: policy }
    expect(() => verifyStatementBundle(foreign, roots, expected)).toThrow(
      expect.objectContaining({ kind: 'wrong-identity', message: expect.stringContaining('mallory/models') })
    )
    expect(() =>
      verifyStatementBundle(otherWorkflow, roots, {
        ...expected,
        signer: { ...policy, signerWorkflow: '.github/workflows/release.yml' }
      })
    ).toThrow(expect.objectContaining({ kind: 'wrong-identity' }))
    // Without a workflow named, any workflow of the repository is accepted.
    expect(verifyStatementBundle(otherWorkflow, roots, expected).signer).toContain('/pr.yml@')
    // An issuer that is not the configured one.
    expect(() =>
      verifyStatementBundle(otherWorkflow, roots, { ...expected, signer: { repository: 'octo-org/models' } })
    ).toThrow(expect.objectContaining({ kind: 'wrong-identity', message: expect.stringContaining('issuer') }))
  })

  test('a bundle about another digest, or of another predicate, is refused', async () => {
    const bundle = await sign(statementAbout(`sha256:${'1'.repeat(64)}`))
    expect(() =>
      verifyStatementBundle(bundle, roots, { digest: DIGEST, predicateType: TEST_RESULT, signer: policy })
    ).toThrow(expect.objectContaining({ kind: 'wrong-digest' }))
    const provenance = await sign({
      ...statementAbout(DIGEST),
      predicateType: 'https://slsa.dev/provenance/v1'
    })
    expect(() =>
      verifyStatementBundle(provenance, roots, { digest: DIGEST, predicateType: TEST_RESULT, signer: policy })
    ).toThrow(expect.objectContaining({ kind: 'wrong-predicate' }))
  })

  test('a tampered payload or signature is refused', async () => {
    const bundle = await sign(statementAbout(DIGEST, 'FAILED'))
    const expected = { digest: DIGEST, predicateType: TEST_RESULT, signer: policy }
    const passed = Buffer.from(JSON.stringify(statementAbout(DIGEST, 'PASSED'))).toString('base64')
    const tamperedPayload = structuredClone(bundle)
    tamperedPayload.dsseEnvelope!.payload = passed
    expect(() => verifyStatementBundle(tamperedPayload, roots, expected)).toThrow(
      expect.objectContaining({ kind: 'bad-signature' })
    )
    const tamperedSignature = structuredClone(bundle)
    const sig = Buffer.from(tamperedSignature.dsseEnvelope!.signatures[0].sig, 'base64')
    sig[sig.length - 1] ^= 1
    tamperedSignature.dsseEnvelope!.signatures[0].sig = sig.toString('base64')
    expect(() => verifyStatementBundle(tamperedSignature, roots, expected)).toThrow(
      expect.objectContaining({ kind: 'bad-signature' })
    )
  })

  test('a certificate from a CA outside the trust root is refused', async () => {
    const outsider = await startSigstoreFakes(IDENTITY, { ca: new TestCA() })
    try {
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = outsider.env.ACTIONS_ID_TOKEN_REQUEST_URL
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = outsider.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
      const { bundle } = await signStatement(statementAbout(DIGEST), {
        fulcioUrl: outsider.fulcio.url,
        rekorUrl: sigstore.rekor.url
      })
      expect(() =>
        verifyStatementBundle(bundle, roots, {
          digest: DIGEST,
          predicateType: TEST_RESULT,
          signer: { ...policy, issuers: [outsider.oidc.issuer] }
        })
      ).toThrow(expect.objectContaining({ kind: 'untrusted-certificate' }))
    } finally {
      await outsider.close()
    }
  })

  test("without the job's OIDC token (id-token: write) signing fails with a ServiceError that says so", async () => {
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = sigstore.env.ACTIONS_ID_TOKEN_REQUEST_URL
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'wrong'
    await expect(
      signStatement(statementAbout(DIGEST), { fulcioUrl: sigstore.fulcio.url, rekorUrl: sigstore.rekor.url })
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'ServiceError',
        details: expect.objectContaining({ hint: expect.stringContaining('id-token: write') })
      })
    )
  })
})
