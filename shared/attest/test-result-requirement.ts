import { createHash } from 'node:crypto'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { UserError } from '../errors/user-error.js'
import {
  AttestationRefusal,
  verifyStatementBundle,
  type SignerPolicy,
  type VerifiedStatement
} from './sigstore-verify.js'

/** in-toto's Test Result predicate (in-toto/attestation spec/predicates/test-result.md). */
export const TEST_RESULT_PREDICATE = 'https://in-toto.io/attestation/test-result/v0.1'

/** The attestation a deploy went ahead on: what the deployment record and the report name. */
export interface AcceptedAttestation {
  predicateType: string
  /** The subject digest it is about: the model being deployed. */
  digest: string
  result: string
  /** The certificate identity: the workflow that signed it. */
  signer: string
  issuer: string
  /** SHA-256 of the signed statement (the DSSE payload): names this attestation whatever store it came from. */
  statementDigest: string
  /** Where it came from (the attestations API's bundle URL). */
  source?: string
  signedAt?: string
}

/**
 * A deploy's gate on evidence: among the attestations stored for the model's digest, one must verify (chain to the
 * trusted root, signed by a workflow of this repository, about this digest) and be a Test Result whose `result` is
 * PASSED, or WARNED when `allowWarned`. Otherwise a UserError lists each attestation and why it was not enough,
 * so the user sees what is missing: none at all, a bad signature, another identity, another digest, a FAILED run.
 */
export function requirePassingTestResult(
  candidates: { bundle: unknown; source?: string }[],
  options: {
    digest: string
    trustRoots: TrustedRoot[]
    signer: SignerPolicy
    allowWarned: boolean
    where: string
  }
): AcceptedAttestation {
  const accepted = options.allowWarned ? ['PASSED', 'WARNED'] : ['PASSED']
  const reasons: string[] = []
  for (const [index, candidate] of candidates.entries()) {
    let verified: VerifiedStatement
    try {
      verified = verifyStatementBundle(candidate.bundle, options.trustRoots, {
        digest: options.digest,
        predicateType: TEST_RESULT_PREDICATE,
        signer: options.signer
      })
    } catch (error) {
      if (!(error instanceof AttestationRefusal)) throw error
      reasons.push(`#${index + 1}: ${error.kind}: ${error.message}`)
      continue
    }
    const result = String(verified.statement.predicate.result ?? '')
    if (!accepted.includes(result)) {
      const why = result === 'WARNED' ? ' (set allow-warned: true to accept WARNED)' : ''
      reasons.push(
        `#${index + 1}: verified, signed by ${verified.signer}, but its result is ${result || 'missing'}${why}`
      )
      continue
    }
    const payload = (candidate.bundle as { dsseEnvelope?: { payload?: string } }).dsseEnvelope?.payload ?? ''
    return {
      predicateType: TEST_RESULT_PREDICATE,
      digest: options.digest,
      result,
      signer: verified.signer,
      issuer: verified.issuer,
      statementDigest: `sha256:${createHash('sha256').update(Buffer.from(payload, 'base64')).digest('hex')}`,
      source: candidate.source,
      signedAt: verified.signedAt?.toISOString()
    }
  }
  if (candidates.length === 0)
    throw new UserError(
      `No Test Result attestation exists for ${options.digest} in ${options.where}, so the model was not deployed and no traffic moved. Publish it with 'attest: true' after a passing evaluation.`
    )
  throw new UserError(
    `No attestation of ${options.digest} in ${options.where} is a verified, ${accepted.join(' or ')} Test Result signed by a workflow of ${options.signer.repository}, so the model was not deployed and no traffic moved. ${candidates.length} found: ${reasons.join('; ')}`
  )
}
