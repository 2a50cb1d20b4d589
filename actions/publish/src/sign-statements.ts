import { UserError } from '../../../shared/errors/user-error.js'
import type { Statement } from '../../../shared/attest/statement.js'
import type { RunContext } from '../../../shared/runner/run-context.js'

/** What signing needs: the statements (all about the model `subject`), the run, and the token for the API. */
export interface SigningRequest {
  statements: Statement<unknown>[]
  subject: { name: string; digest: string }
  context: RunContext
  githubToken?: string
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
 * Signs each statement with the workflow's OIDC identity and stores it with the attestations API: the one call
 * publish makes when `attest: true`. The Sigstore half of issue 15 provides it; until it is merged, asking for
 * it is refused plainly, before any tag is pushed.
 */
export async function signStatements(_request: SigningRequest): Promise<SignedStatement[]> {
  throw new UserError(
    "Input 'attest': true is not yet wired in this build of publish (Sigstore signing is not part of it). Use attest: false: the statements are then attached unsigned."
  )
}
