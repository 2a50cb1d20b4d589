import { signStatement } from '../../../shared/attest/sigstore-sign.js'
import type { Statement } from '../../../shared/attest/statement.js'
import { createAttestation } from '../../../shared/github/attestations.js'
import { explainRefusal, requireGitHubClient } from '../../../shared/runner/github-api.js'
import * as log from '../../../shared/runner/log.js'
import { requireRepository, type RunContext } from '../../../shared/runner/run-context.js'

/** What signing needs: the statements (all about the model `subject`), the run, and the token for the API. */
export interface SigningRequest {
  statements: Statement<unknown>[]
  subject: { name: string; digest: string }
  context: RunContext
  githubToken?: string
  /** The Sigstore instance: inputs `sigstore-fulcio-url` and `sigstore-rekor-url`. */
  sigstore: { fulcioUrl: string; rekorUrl: string }
}

/** A statement signed into a Sigstore bundle, and the id the attestations API gave it. */
export interface SignedStatement {
  predicateType: string
  /** The Sigstore bundle (JSON), pushed as a referrer of the model with artifactType `mediaType`. */
  bundle: unknown
  mediaType: string
  attestationId?: string
}

/**
 * Signs each statement with the workflow's OIDC identity (a Fulcio certificate, the entry logged in Rekor) and
 * stores each bundle with the attestations API: the one call publish makes when `attest: true`. It runs once the
 * manifest digest is known and before any tag is pushed, so a refusal (no `id-token: write`, no
 * `attestations: write`, Sigstore unreachable) fails the step with no tag naming an unsigned model.
 */
export async function signStatements(request: SigningRequest): Promise<SignedStatement[]> {
  const repo = requireRepository(request.context)
  // Checked before anything is signed: a Rekor entry for an attestation that cannot be stored helps no one.
  const client = requireGitHubClient(
    request.githubToken ?? '',
    'attest: true (the attestations API stores what is signed)',
    'attestations: write'
  )
  const signed: SignedStatement[] = []
  for (const statement of request.statements) {
    const { bundle } = await signStatement(statement, request.sigstore)
    let id: number
    try {
      id = await createAttestation(client, repo, bundle)
    } catch (error) {
      throw explainRefusal(
        error,
        `store the signed ${statement.predicateType} attestation of ${request.subject.digest}`,
        'attestations: write'
      )
    }
    log.info`Signed the ${statement.predicateType} statement about ${request.subject.digest} (Rekor log index ${bundle.verificationMaterial.tlogEntries[0]?.logIndex ?? '?'}); attestation ${id}.`
    signed.push({
      predicateType: statement.predicateType,
      bundle,
      // v0.3 (`application/vnd.dev.sigstore.bundle.v0.3+json`): the referrer's artifactType and layer deploy reads.
      mediaType: bundle.mediaType,
      attestationId: String(id)
    })
  }
  return signed
}
