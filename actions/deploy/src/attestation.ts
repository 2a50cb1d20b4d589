import * as core from '@actions/core'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { isServiceError } from '../../../shared/errors/service-error.js'
import { isUserError, UserError } from '../../../shared/errors/user-error.js'
import { listAttestations } from '../../../shared/github/attestations.js'
import { OciClient } from '../../../shared/registry/oci-client.js'
import { referrerBundles } from '../../../shared/registry/sigstore-referrers.js'
import {
  requirePassingTestResult,
  TEST_RESULT_PREDICATE,
  type AcceptedAttestation
} from '../../../shared/attest/test-result-requirement.js'
import { parseTrustedRoots } from '../../../shared/attest/trust-root.js'
import { createGitHubClient, explainRefusal } from '../../../shared/runner/github-api.js'
import * as log from '../../../shared/runner/log.js'
import { requireRepository, type RunContext } from '../../../shared/runner/run-context.js'
import { userFiles } from '../../../shared/runner/user-files.js'
import type { AttestationRequirement, Inputs } from './inputs.js'

/*
 * require-attestation: test-result, before any deployment is recorded or traffic moves. A module of its own, loaded
 * by main only when an attestation is required: the Sigstore verifier and the OCI client stay off the start-up path.
 */

/**
 * The model's attestations from the attestations API, each verified; one must be a PASSED (or allowed WARNED)
 * Test Result signed by a workflow of this repository about the digest being deployed.
 */
export async function verifyModelAttestation(
  inputs: Inputs,
  requirement: AttestationRequirement,
  run: RunContext
): Promise<AcceptedAttestation> {
  const trustRoots = await readTrustRoots(requirement, run)
  const client = createGitHubClient(inputs.githubToken)
  const repo = requireRepository(run)
  let stored: Awaited<ReturnType<typeof listAttestations>>
  try {
    stored = await listAttestations(client, repo, requirement.digest, TEST_RESULT_PREDICATE)
  } catch (error) {
    throw explainRefusal(error, 'read the attestations of the model', 'attestations: read')
  }
  const fromApi = stored.map(item => ({ bundle: item.bundle, source: item.url }))
  const apiWhere = `${repo.owner}/${repo.repo}'s attestations`
  const check = (candidates: typeof fromApi, where: string) =>
    requirePassingTestResult(candidates, {
      digest: requirement.digest,
      trustRoots,
      signer: requirement.signer,
      allowWarned: requirement.allowWarned,
      where
    })
  let accepted: AcceptedAttestation
  try {
    accepted = check(fromApi, apiWhere)
  } catch (refusal) {
    // The model's OCI referrers are the second source, read only when the API has nothing acceptable.
    if (!isUserError(refusal) || requirement.registry === undefined) throw refusal
    const { baseUrl, repository, credentials } = requirement.registry
    const registry = new OciClient({
      baseUrl,
      repository,
      credentials,
      retries: 1,
      onSecret: secret => core.setSecret(secret),
      log: message => log.info`${message}`
    })
    let fromRegistry: typeof fromApi
    try {
      fromRegistry = await referrerBundles(registry, requirement.digest)
    } catch (error) {
      if (!isServiceError(error)) throw error
      throw new UserError(
        `${refusal.message} The OCI referrers of ${registry.name} could not be read: ${error.message}`
      )
    }
    accepted = check([...fromApi, ...fromRegistry], `${apiWhere} and the OCI referrers of ${registry.name}`)
  }
  log.info`Verified the ${accepted.result} Test Result attestation of ${accepted.digest} (statement ${accepted.statementDigest}), signed by ${accepted.signer}.`
  return accepted
}

/**
 * Before any traffic moves: the trust roots `require-attestation` verifies with. Not part of getInputs, for the
 * same reason as checkPrograms.
 */
async function readTrustRoots(requirement: AttestationRequirement, run: RunContext): Promise<TrustedRoot[]> {
  const file = await userFiles(run).read('attestation-trusted-root', requirement.trustedRootPath)
  return parseTrustedRoots(file.text, file.name)
}
