import { startFulcio, type FulcioFake } from './fulcio.js'
import { startOidcIssuer, type OidcIssuer, type WorkflowIdentity } from './oidc-issuer.js'
import { startRekor, type RekorFake } from './rekor.js'
import type { TestCA } from './test-ca.js'

/**
 * The Sigstore services a workflow signs with, on 127.0.0.1: GitHub's OIDC token endpoint, Fulcio and Rekor, and
 * the trusted_root.json (Sigstore's TrustedRoot, protobuf-specs trustroot.proto, as `gh attestation trusted-root`
 * prints it) naming the fake CA and log.
 */
export interface SigstoreFakes {
  oidc: OidcIssuer
  fulcio: FulcioFake
  rekor: RekorFake
  /** The variables the runner gives a job with `id-token: write`. */
  env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }
  trustedRoot(): TrustedRootJson
  close(): Promise<void>
}

type TrustedRootJson = ReturnType<typeof trustedRootOf>

export async function startSigstoreFakes(
  identity: WorkflowIdentity,
  options: { ca?: TestCA } = {}
): Promise<SigstoreFakes> {
  const oidc = await startOidcIssuer(identity)
  const fulcio = await startFulcio({ issuers: [oidc.issuer], ca: options.ca })
  const rekor = await startRekor()
  return {
    oidc,
    fulcio,
    rekor,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: oidc.requestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken },
    trustedRoot: () => trustedRootOf({ fulcio, rekor }),
    close: async () => {
      await Promise.all([oidc.close(), fulcio.close(), rekor.close()])
    }
  }
}

function trustedRootOf({ fulcio, rekor }: { fulcio: FulcioFake; rekor: RekorFake }) {
  const start = new Date(Date.now() - 86_400_000).toISOString()
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: rekor.url,
        hashAlgorithm: 'SHA2_256',
        publicKey: {
          rawBytes: rekor.publicKey.toString('base64'),
          keyDetails: 'PKIX_ECDSA_P256_SHA_256',
          validFor: { start }
        },
        logId: { keyId: rekor.logId.toString('base64') }
      }
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'mlci-test', commonName: 'mlci test fulcio' },
        uri: fulcio.url,
        certChain: { certificates: [{ rawBytes: fulcio.ca.certificate.toString('base64') }] },
        validFor: { start }
      }
    ],
    ctlogs: [] as unknown[],
    timestampAuthorities: [] as unknown[]
  }
}
