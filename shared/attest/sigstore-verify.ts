import { bundleFromJSON, type Bundle } from '@sigstore/bundle'
import { X509Certificate } from '@sigstore/core'
import type { TrustedRoot } from '@sigstore/protobuf-specs'
import { toSignedEntity, toTrustMaterial, Verifier, type Signer } from '@sigstore/verify'
import { GITHUB_ACTIONS_ISSUER } from './github-issuer.js'
import { IN_TOTO_PAYLOAD_TYPE } from './in-toto.js'

/** Who may have signed: a workflow of this repository. */
export interface SignerPolicy {
  /** `owner/name`: the certificate's SAN must be a workflow of this repository. */
  repository: string
  /**
   * The workflow file (`.github/workflows/release.yml`), optionally with its ref (`…@refs/heads/main`); a `*` in
   * it matches any run of characters but `/` and `@`. Any workflow of the repository when absent.
   */
  signerWorkflow?: string
  /** Accepted OIDC issuers; GitHub Actions' by default. */
  issuers?: string[]
  /** Host of the SAN URIs, `https://github.com` (GitHub Enterprise Server: its own). */
  serverUrl?: string
}

export type RefusalKind =
  | 'malformed'
  | 'untrusted-certificate'
  | 'bad-signature'
  | 'bad-timestamp'
  | 'wrong-identity'
  | 'wrong-digest'
  | 'wrong-predicate'

/** Why a bundle was not accepted, in words a user can act on. */
export class AttestationRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string
  ) {
    super(message)
    this.name = 'AttestationRefusal'
  }
}

interface InTotoStatement {
  _type: string
  subject: { name?: string; digest: Record<string, string> }[]
  predicateType: string
  predicate: Record<string, unknown>
}

export interface VerifiedStatement {
  statement: InTotoStatement
  /** The certificate's SAN: `https://github.com/<owner>/<repo>/<workflow>@<ref>`. */
  signer: string
  issuer: string
  /** When the transparency log (or timestamp authority) saw the signature. */
  signedAt?: Date
}

/**
 * Verifies a Sigstore bundle holding a DSSE-signed in-toto Statement, with @sigstore/verify: the certificate chains
 * to a CA of one of the trust roots and was valid when the log or timestamp authority saw the signature, the log
 * entry matches the envelope, the signature verifies; then the signer is a workflow of `policy.repository`, and
 * the statement is about `digest` (`sha256:<hex>`) with `predicateType`. Throws an AttestationRefusal naming the
 * first check that failed.
 */
export function verifyStatementBundle(
  serialized: unknown,
  trustRoots: TrustedRoot[],
  expected: { digest: string; predicateType: string; signer: SignerPolicy }
): VerifiedStatement {
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(serialized)
  } catch (error) {
    throw new AttestationRefusal('malformed', `not a Sigstore bundle (${(error as Error).message})`)
  }
  if (
    bundle.content.$case !== 'dsseEnvelope' ||
    bundle.content.dsseEnvelope.payloadType !== IN_TOTO_PAYLOAD_TYPE
  )
    throw new AttestationRefusal('malformed', `not a DSSE envelope of an in-toto statement`)

  const signer = verifySignature(bundle, trustRoots)
  const identity = checkSigner(bundle, signer, expected.signer)
  const statement = parseStatement(bundle.content.dsseEnvelope.payload)
  const [algorithm, hex] = expected.digest.split(':')
  if (!statement.subject.some(subject => subject.digest?.[algorithm]?.toLowerCase() === hex?.toLowerCase())) {
    const about = statement.subject.map(subject =>
      Object.entries(subject.digest ?? {}).map(([a, h]) => `${a}:${h}`)
    )
    throw new AttestationRefusal(
      'wrong-digest',
      `it is about ${about.flat().join(', ') || 'no digest'}, not ${expected.digest}`
    )
  }
  if (statement.predicateType !== expected.predicateType)
    throw new AttestationRefusal(
      'wrong-predicate',
      `its predicate is ${statement.predicateType}, not ${expected.predicateType}`
    )
  return { statement, ...identity, signedAt: signedAt(bundle) }
}

function verifySignature(bundle: Bundle, trustRoots: TrustedRoot[]): Signer {
  let entity: ReturnType<typeof toSignedEntity>
  try {
    entity = toSignedEntity(bundle)
  } catch (error) {
    throw new AttestationRefusal(
      'malformed',
      `its verification material is unusable (${(error as Error).message})`
    )
  }
  if (entity.timestamps.length === 0)
    throw new AttestationRefusal('bad-timestamp', 'it has no transparency-log entry or signed timestamp')
  const failures: { code?: string; message: string }[] = []
  for (const root of trustRoots) {
    // A CT log's SCT is required where the root names CT logs (public-good); GitHub's own instance has none.
    const verifier = new Verifier(toTrustMaterial(root), {
      ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
      tlogThreshold: root.tlogs.length > 0 && root.timestampAuthorities.length === 0 ? 1 : 0,
      tsaThreshold: root.timestampAuthorities.length > 0 && root.tlogs.length === 0 ? 1 : 0
    })
    try {
      return verifier.verify(entity)
    } catch (error) {
      const { code, message } = error as { code?: string; message: string }
      const cause = (error as { cause?: { message?: string } }).cause?.message
      failures.push({ code, message: cause ? `${message}: ${cause}` : message })
    }
  }
  // Report the failure of the root that got furthest: a signature or log failure means the chain was fine.
  const rank = (code?: string) =>
    code === 'SIGNATURE_ERROR' || code === 'TLOG_BODY_ERROR'
      ? 3
      : code?.startsWith('TLOG') || code === 'TIMESTAMP_ERROR'
        ? 2
        : 1
  const worst = failures.sort((a, b) => rank(b.code) - rank(a.code))[0]
  switch (rank(worst.code)) {
    case 3:
      throw new AttestationRefusal('bad-signature', `its signature does not verify (${worst.message})`)
    case 2:
      throw new AttestationRefusal(
        'bad-timestamp',
        `its log entry or timestamp does not verify (${worst.message})`
      )
    default:
      throw new AttestationRefusal(
        'untrusted-certificate',
        `its certificate does not chain to the trusted root (${worst.message})`
      )
  }
}

const OID_SOURCE_REPOSITORY_URI = '1.3.6.1.4.1.57264.1.12'

function checkSigner(
  bundle: Bundle,
  signer: Signer,
  policy: SignerPolicy
): { signer: string; issuer: string } {
  const san = signer.identity?.subjectAlternativeName ?? ''
  const issuer = signer.identity?.extensions?.issuer ?? ''
  const issuers = policy.issuers ?? [GITHUB_ACTIONS_ISSUER]
  const server = (policy.serverUrl ?? 'https://github.com').replace(/\/$/, '')
  const wanted = policy.signerWorkflow
    ? `${policy.repository}/${policy.signerWorkflow}`
    : `${policy.repository}/*`
  if (!issuers.includes(issuer))
    throw new AttestationRefusal(
      'wrong-identity',
      `it was signed by ${san} from issuer ${issuer || '(none)'}, not ${issuers.join(' or ')}`
    )
  if (!workflowMatches(san, server, policy))
    throw new AttestationRefusal(
      'wrong-identity',
      `it was signed by ${san || '(no identity)'}, not by ${server}/${wanted}`
    )
  // The SAN of a reusable workflow names the workflow's repository; the run's repository is in its own extension.
  const source = sourceRepository(bundle)
  if (source !== undefined && source.toLowerCase() !== `${server}/${policy.repository}`.toLowerCase())
    throw new AttestationRefusal(
      'wrong-identity',
      `it was signed in a run of ${source}, not of ${server}/${policy.repository}`
    )
  return { signer: san, issuer }
}

function workflowMatches(san: string, server: string, policy: SignerPolicy): boolean {
  const prefix = `${server}/${policy.repository}/`
  if (san.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return false
  const rest = san.slice(prefix.length)
  if (!/^\.github\/workflows\/[^@]+@.+$/.test(rest)) return false
  if (policy.signerWorkflow === undefined) return true
  const pattern = policy.signerWorkflow
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/@]*')
  return new RegExp(policy.signerWorkflow.includes('@') ? `^${pattern}$` : `^${pattern}@`).test(rest)
}

function sourceRepository(bundle: Bundle): string | undefined {
  const material = bundle.verificationMaterial.content
  const raw =
    material.$case === 'certificate'
      ? material.certificate.rawBytes
      : material.$case === 'x509CertificateChain'
        ? material.x509CertificateChain.certificates[0]?.rawBytes
        : undefined
  if (raw === undefined) return undefined
  const extension = X509Certificate.parse(raw).extension(OID_SOURCE_REPOSITORY_URI)
  return extension?.valueObj.subs[0]?.value.toString('utf8')
}

function parseStatement(payload: Buffer): InTotoStatement {
  let statement: InTotoStatement
  try {
    statement = JSON.parse(payload.toString('utf8')) as InTotoStatement
  } catch {
    throw new AttestationRefusal('malformed', 'its payload is not JSON')
  }
  if (
    typeof statement !== 'object' ||
    statement === null ||
    !String(statement._type).startsWith('https://in-toto.io/Statement/') ||
    !Array.isArray(statement.subject)
  )
    throw new AttestationRefusal('malformed', 'its payload is not an in-toto Statement')
  return statement
}

function signedAt(bundle: Bundle): Date | undefined {
  const entry = bundle.verificationMaterial.tlogEntries[0]
  return entry ? new Date(Number(entry.integratedTime) * 1000) : undefined
}
