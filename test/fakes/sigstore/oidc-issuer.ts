import { generateKeyPairSync, randomUUID, sign } from 'node:crypto'
import { startJsonServer, type JsonServer } from './http-json.js'

/**
 * GitHub Actions' OIDC token endpoint and issuer. The runner hands a job ACTIONS_ID_TOKEN_REQUEST_URL and
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN; `GET <url>&audience=sigstore` with `Authorization: Bearer <token>` answers
 * `{"value": "<JWT>"}`, an RS256 JWT whose claims describe the run (docs: "About security hardening with OpenID
 * Connect", token claims). The issuer publishes its keys at /.well-known/openid-configuration → jwks_uri, where
 * Fulcio fetches them.
 */
export interface WorkflowIdentity {
  /** owner/name */
  repository: string
  /** The workflow file, e.g. `.github/workflows/release.yml`. */
  workflowPath: string
  ref?: string
  sha?: string
  runId?: number
  eventName?: string
}

export interface OidcIssuer extends JsonServer {
  /** Also the `iss` claim. */
  readonly issuer: string
  readonly requestUrl: string
  readonly requestToken: string
  /** The identity the next tokens carry. */
  identity: WorkflowIdentity
  /** Requests seen: their query (audience) and whether the bearer token matched. */
  readonly requests: { audience: string | null; authorized: boolean }[]
}

function githubClaims(identity: WorkflowIdentity, issuer: string, audience: string) {
  const ref = identity.ref ?? 'refs/heads/main'
  const [owner] = identity.repository.split('/')
  const now = Math.floor(Date.now() / 1000)
  const workflowRef = `${identity.repository}/${identity.workflowPath}@${ref}`
  return {
    jti: randomUUID(),
    sub: `repo:${identity.repository}:ref:${ref}`,
    aud: audience,
    ref,
    sha: identity.sha ?? 'a'.repeat(40),
    repository: identity.repository,
    repository_owner: owner,
    repository_owner_id: '1001',
    repository_id: '2002',
    repository_visibility: 'private',
    run_id: String(identity.runId ?? 1658821493),
    run_number: '7',
    run_attempt: '1',
    actor: 'octocat',
    actor_id: '583231',
    workflow: 'release',
    event_name: identity.eventName ?? 'push',
    ref_type: 'branch',
    workflow_ref: workflowRef,
    workflow_sha: identity.sha ?? 'a'.repeat(40),
    job_workflow_ref: workflowRef,
    job_workflow_sha: identity.sha ?? 'a'.repeat(40),
    runner_environment: 'github-hosted',
    iss: issuer,
    nbf: now - 5,
    iat: now,
    exp: now + 300
  }
}

export async function startOidcIssuer(identity: WorkflowIdentity): Promise<OidcIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = 'mlci-test-key'
  const requestToken = `oidc-request-${randomUUID()}`
  const requests: OidcIssuer['requests'] = []
  let issuer = ''
  const state = { identity }
  const server = await startJsonServer(request => {
    const path = request.url.pathname
    if (path === '/.well-known/openid-configuration')
      return {
        status: 200,
        body: {
          issuer,
          jwks_uri: `${issuer}/.well-known/jwks`,
          id_token_signing_alg_values_supported: ['RS256']
        }
      }
    if (path === '/.well-known/jwks')
      return {
        status: 200,
        body: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }
      }
    if (path === '/token' && request.method === 'GET') {
      const authorized = request.headers.authorization === `Bearer ${requestToken}`
      const audience = request.url.searchParams.get('audience')
      requests.push({ audience, authorized })
      if (!authorized) return { status: 401, body: { message: 'Unauthorized' } }
      const claims = githubClaims(state.identity, issuer, audience ?? issuer)
      const header = { alg: 'RS256', typ: 'JWT', kid }
      const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`
      const signature = sign('sha256', Buffer.from(signingInput), privateKey).toString('base64url')
      return { status: 200, body: { count: 1, value: `${signingInput}.${signature}` } }
    }
    return { status: 404, body: { message: 'Not Found' } }
  })
  issuer = server.url
  return {
    ...server,
    issuer,
    requestUrl: `${server.url}/token?api-version=2.0`,
    requestToken,
    requests,
    get identity() {
      return state.identity
    },
    set identity(value: WorkflowIdentity) {
      state.identity = value
    }
  }
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url')
