import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { signStatement } from '../../shared/attest/sigstore-sign.js'
import {
  requirePassingTestResult,
  TEST_RESULT_PREDICATE
} from '../../shared/attest/test-result-requirement.js'
import { parseTrustedRoots } from '../../shared/attest/trust-root.js'
import { createAttestation, listAttestations } from '../../shared/github/attestations.js'
import { createGitHubClient } from '../../shared/runner/github-api.js'
import { startGitHubFake, type GitHubFake } from '../fakes/github/server.js'
import { startSigstoreFakes, type SigstoreFakes } from '../fakes/sigstore/index.js'

/** The attestations API round trip the integrator's publish (attest: true) and deploy make, through the client. */
let fake: GitHubFake
let sigstore: SigstoreFakes
let roots: TrustedRoot[]
const saved = { ...process.env }
const repo = { owner: 'octo-org', repo: 'models' }

beforeAll(async () => {
  fake = await startGitHubFake({ owner: repo.owner, repo: repo.repo })
  sigstore = await startSigstoreFakes({
    repository: 'octo-org/models',
    workflowPath: '.github/workflows/release.yml'
  })
  roots = parseTrustedRoots(
    // One root per line, as `gh attestation trusted-root` prints them.
    `${JSON.stringify(sigstore.trustedRoot())}\n${JSON.stringify(sigstore.trustedRoot())}\n`,
    'trusted_root.jsonl'
  )
  Object.assign(process.env, sigstore.env)
})
afterAll(async () => {
  process.env = saved
  await Promise.all([fake?.close(), sigstore?.close()])
})

test('a signed Test Result stored with createAttestation is listed for its digest, more than a page of them, and verifies', async () => {
  const client = createGitHubClient('ghs_token', { baseUrl: fake.url, retryBaseMs: 1 })
  const digest = `sha256:${createHash('sha256').update('model').digest('hex')}`
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'model', digest: { sha256: digest.slice(7) } }],
    predicateType: TEST_RESULT_PREDICATE,
    predicate: { result: 'PASSED' }
  }
  const { bundle } = await signStatement(statement, {
    fulcioUrl: sigstore.fulcio.url,
    rekorUrl: sigstore.rekor.url
  })
  expect(await createAttestation(client, repo, bundle)).toEqual(expect.any(Number))
  // 100 more seeded directly (the client throttles writes): two pages of 100.
  const [stored] = fake.state.repo().attestations.values()
  for (let k = 0; k < 100; k++) {
    const id = fake.state.nextId()
    fake.state.repo().attestations.set(id, { ...stored, id })
  }
  const listed = await listAttestations(client, repo, digest, TEST_RESULT_PREDICATE)
  expect(listed).toHaveLength(101)
  expect(fake.callsTo('GET /repos/{owner}/{repo}/attestations/{subject_digest}')).toHaveLength(2)
  const accepted = requirePassingTestResult(listed, {
    digest,
    trustRoots: roots,
    signer: { repository: 'octo-org/models', issuers: [sigstore.oidc.issuer] },
    allowWarned: false,
    where: 'octo-org/models'
  })
  expect(accepted).toMatchObject({ result: 'PASSED', digest })
  expect(await listAttestations(client, repo, digest, 'https://slsa.dev/provenance/v1')).toEqual([])
  expect(fake.validationErrors).toEqual([])
})
