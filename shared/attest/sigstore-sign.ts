import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle'
import {
  CIContextProvider,
  DSSEBundleBuilder,
  FulcioSigner,
  RekorWitness,
  type IdentityProvider
} from '@sigstore/sign'
import { ServiceError } from '../errors/service-error.js'
import { IN_TOTO_PAYLOAD_TYPE } from './in-toto.js'

export interface SigningOptions {
  /** Fulcio's base URL: public-good's `https://fulcio.sigstore.dev`, or GitHub's own for private repositories. */
  fulcioUrl: string
  /** Rekor's base URL; the entry's signed timestamp and inclusion proof go into the bundle. */
  rekorUrl: string
  /**
   * Where the OIDC token comes from. By default the workflow's own: @sigstore/sign's CIContextProvider asks
   * ACTIONS_ID_TOKEN_REQUEST_URL (with `audience=sigstore`) using ACTIONS_ID_TOKEN_REQUEST_TOKEN, which the
   * runner sets only for a job with `permissions: id-token: write`.
   */
  identityProvider?: IdentityProvider
  timeoutMs?: number
}

/**
 * Signs an in-toto Statement as the workflow: a short-lived Fulcio certificate for the job's OIDC identity, a DSSE
 * envelope over the statement, the entry logged in Rekor, all in a Sigstore bundle v0.3
 * (`application/vnd.dev.sigstore.bundle.v0.3+json`, the leaf certificate alone, as the attestations API and
 * `gh attestation verify` expect). The crypto is @sigstore/sign's; this module only wires it.
 */
export async function signStatement(
  statement: object,
  options: SigningOptions
): Promise<{ bundle: SerializedBundle }> {
  const retry = { retries: 2, minTimeout: 200 }
  const builder = new DSSEBundleBuilder({
    signer: new FulcioSigner({
      fulcioBaseURL: options.fulcioUrl,
      identityProvider: options.identityProvider ?? new CIContextProvider('sigstore'),
      retry,
      timeout: options.timeoutMs ?? 30_000
    }),
    witnesses: [
      new RekorWitness({
        rekorBaseURL: options.rekorUrl,
        entryType: 'dsse',
        fetchOnConflict: true,
        retry,
        timeout: options.timeoutMs ?? 30_000
      })
    ]
  })
  try {
    const bundle = await builder.create({
      data: Buffer.from(JSON.stringify(statement)),
      type: IN_TOTO_PAYLOAD_TYPE
    })
    return { bundle: bundleToJSON(bundle) }
  } catch (error) {
    throw signingFailure(error)
  }
}

/** @sigstore/sign's InternalError names the step (`code`) and keeps what the service said in `cause`. */
function signingFailure(error: unknown): ServiceError {
  const { code, message, cause } = error as { code?: string; message?: string; cause?: unknown }
  const said = cause instanceof Error ? `: ${cause.message}` : ''
  const status = (cause as { statusCode?: number } | undefined)?.statusCode
  const hint =
    // The CI provider resolves a refused token request as no token, which then fails to parse.
    code === 'IDENTITY_TOKEN_READ_ERROR' || code === 'IDENTITY_TOKEN_PARSE_ERROR'
      ? "the job needs 'permissions: id-token: write' for the workflow's OIDC token"
      : 'check that the Sigstore services are reachable from the runner'
  // @sigstore/sign puts the whole token into IDENTITY_TOKEN_PARSE_ERROR's message: never show it.
  const text =
    code === 'IDENTITY_TOKEN_PARSE_ERROR'
      ? 'the OIDC identity token could not be read'
      : (message ?? String(error))
  return new ServiceError('Sigstore', `${text}${said}`, { status, hint })
}
