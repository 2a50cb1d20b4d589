import { createPublicKey, verify, type JsonWebKey } from 'node:crypto'
import * as der from './der.js'
import { startJsonServer, type JsonServer } from './http-json.js'
import { TestCA, toPem, type CertificateExtension } from './test-ca.js'

/**
 * Fulcio's v2 API, `POST /api/v2/signingCert` (sigstore/fulcio, fulcio.proto CreateSigningCertificateRequest):
 * `{credentials: {oidcIdentityToken}, publicKeyRequest: {publicKey: {algorithm, content: PEM}, proofOfPossession}}`.
 * Fulcio verifies the token against its issuer's published keys (OIDC discovery, then JWKS) for a configured
 * issuer and the `sigstore` audience, checks the proof of possession (the token's `sub` signed by the key), and
 * answers `{signedCertificateDetachedSct: {chain: {certificates: [leaf PEM, CA PEM]}}}` (no CT log is configured,
 * as on GitHub's own instance; a CT-logged instance answers signedCertificateEmbeddedSct). The certificate carries
 * the GitHub workflow identity the way Fulcio's docs (oid-info.md) map the token's claims: SAN URI
 * `https://github.com/<job_workflow_ref>`, issuer in 1.3.6.1.4.1.57264.1.1 (raw) and .1.8 (DER UTF8String), and
 * the workflow claims in .1.2–.1.6 (raw, deprecated) and .1.9–.1.22 (DER UTF8String).
 */
export interface FulcioFake extends JsonServer {
  readonly ca: TestCA
  /** Requests refused, with Fulcio's message. */
  readonly refusals: string[]
}

type Claims = Record<string, string | number>

export async function startFulcio(options: { issuers: string[]; ca?: TestCA }): Promise<FulcioFake> {
  const ca = options.ca ?? new TestCA()
  const refusals: string[] = []
  const refuse = (status: number, message: string) => {
    refusals.push(message)
    // grpc-gateway's error body: {code, message, details}
    return { status, body: { code: status === 401 ? 16 : 3, message, details: [] } }
  }
  const server = await startJsonServer(async request => {
    if (request.url.pathname !== '/api/v2/signingCert' || request.method !== 'POST')
      return { status: 404, body: { code: 5, message: 'Not Found', details: [] } }
    const body = request.body as {
      credentials?: { oidcIdentityToken?: string }
      publicKeyRequest?: { publicKey?: { algorithm?: string; content?: string }; proofOfPossession?: string }
    }
    const token = body.credentials?.oidcIdentityToken
    const key = body.publicKeyRequest?.publicKey?.content
    const proof = body.publicKeyRequest?.proofOfPossession
    if (!token || !key || !proof) return refuse(400, 'missing credentials, public key or proof of possession')
    let claims: Claims
    try {
      claims = await verifyToken(token, options.issuers)
    } catch (error) {
      return refuse(401, `There was an error processing the identity token: ${(error as Error).message}`)
    }
    const publicKey = createPublicKey(key)
    if (!verify('sha256', Buffer.from(String(claims.sub)), publicKey, Buffer.from(proof, 'base64')))
      return refuse(400, 'The signature supplied in the request could not be verified')
    const leaf = ca.issueLeaf({
      spki: publicKey.export({ format: 'der', type: 'spki' }),
      sanUri: `https://github.com/${claims.job_workflow_ref}`,
      extensions: githubExtensions(claims)
    })
    return {
      status: 201,
      body: {
        signedCertificateDetachedSct: { chain: { certificates: [toPem(leaf), toPem(ca.certificate)] } }
      }
    }
  })
  return { ...server, ca, refusals }
}

async function verifyToken(token: string, issuers: string[]): Promise<Claims> {
  const [headerPart, payloadPart, signaturePart] = token.split('.')
  const header = JSON.parse(Buffer.from(headerPart, 'base64url').toString()) as { alg: string; kid?: string }
  const claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString()) as Claims
  const issuer = String(claims.iss)
  if (!issuers.includes(issuer)) throw new Error(`unsupported issuer ${issuer}`)
  if (header.alg !== 'RS256') throw new Error(`unsupported alg ${header.alg}`)
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    jwks_uri: string
  }
  const { keys } = (await (await fetch(discovery.jwks_uri)).json()) as {
    keys: (JsonWebKey & { kid?: string })[]
  }
  const jwk = keys.find(candidate => candidate.kid === header.kid)
  if (!jwk) throw new Error('no key for kid')
  const ok = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signaturePart, 'base64url')
  )
  if (!ok) throw new Error('failed to verify signature')
  const now = Date.now() / 1000
  if (claims.aud !== 'sigstore') throw new Error(`expected audience "sigstore", got ${claims.aud}`)
  if (Number(claims.exp) < now) throw new Error('token is expired')
  return claims
}

function githubExtensions(claims: Claims): CertificateExtension[] {
  const github = 'https://github.com'
  const raw = (arc: number, value: unknown): CertificateExtension => ({
    oid: `1.3.6.1.4.1.57264.1.${arc}`,
    value: Buffer.from(String(value))
  })
  const utf8 = (arc: number, value: unknown): CertificateExtension => ({
    oid: `1.3.6.1.4.1.57264.1.${arc}`,
    value: der.utf8String(String(value))
  })
  return [
    raw(1, claims.iss),
    raw(2, claims.event_name),
    raw(3, claims.sha),
    raw(4, claims.workflow),
    raw(5, claims.repository),
    raw(6, claims.ref),
    utf8(8, claims.iss),
    utf8(9, `${github}/${claims.job_workflow_ref}`),
    utf8(10, claims.job_workflow_sha),
    utf8(11, claims.runner_environment),
    utf8(12, `${github}/${claims.repository}`),
    utf8(13, claims.sha),
    utf8(14, claims.ref),
    utf8(15, claims.repository_id),
    utf8(16, `${github}/${claims.repository_owner}`),
    utf8(17, claims.repository_owner_id),
    utf8(18, `${github}/${claims.workflow_ref}`),
    utf8(19, claims.workflow_sha),
    utf8(20, claims.event_name),
    utf8(21, `${github}/${claims.repository}/actions/runs/${claims.run_id}/attempts/${claims.run_attempt}`),
    utf8(22, claims.repository_visibility)
  ]
}
