import { describeFetchFailure } from '../errors/fetch-failure.js'
import type { HttpResponse, HttpTransport } from './http-transport.js'
import { RegistryError } from './registry-error.js'
import { credentialOrigins, refusedUrl } from './registry-origin.js'

export interface Credentials {
  username: string
  password: string
}

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** Parses `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` (RFC 7235 auth-params). */
export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/.exec(header)
  if (!match) return undefined
  const params: Record<string, string> = {}
  const pattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g
  for (let m = pattern.exec(match[2]); m; m = pattern.exec(match[2])) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]
  }
  return { scheme: match[1].toLowerCase(), params }
}

interface Token {
  value: string
  expiresAt: number
}

/** Docker's token spec: a token without `expires_in` lives 60 seconds. */
const DEFAULT_TOKEN_SECONDS = 60
/** Refresh a token this long before it expires, so a request never leaves with a token about to die. */
const REFRESH_MARGIN_MS = 5_000

export interface RegistryAuthOptions {
  /** The registry's base URL: its origin is the one the credentials were given for. */
  registry: URL
  credentials?: Credentials
  scopes: string[]
  /** Other origins the credentials may be sent to: a token service the workflow named (`token-service`). */
  tokenServices?: string[]
  onSecret?: (secret: string) => void
  now?: () => number
}

/**
 * Registry authentication: anonymous until challenged; then HTTP Basic, or the Docker/OCI token flow
 * (GHCR, Docker Hub, Harbor): ask the challenge's realm for a token covering the scopes this push needs,
 * with the credentials as Basic auth, and refresh it when it expires, before or during a long push.
 * Credentials and tokens go only to the registry's own origin, the password also to a token service the workflow
 * trusts, and nothing over plain http but to loopback (registry-origin.ts).
 */
export class RegistryAuth {
  private basic = false
  private bearer?: { realm: URL; service?: string }
  private token?: Token
  private readonly registry: URL
  private readonly credentials?: Credentials
  private readonly scopes: string[]
  private readonly credentialOrigins: Set<string>
  private readonly onSecret: (secret: string) => void
  private readonly now: () => number

  constructor(
    private readonly transport: HttpTransport,
    options: RegistryAuthOptions
  ) {
    this.registry = options.registry
    this.credentials = options.credentials
    this.scopes = options.scopes
    this.credentialOrigins = credentialOrigins(options.registry, options.tokenServices)
    this.onSecret = options.onSecret ?? (() => {})
    this.now = options.now ?? Date.now
  }

  /**
   * The Authorization header for a request to `url`, refreshing an expiring token first; none for a URL on
   * another origin than the registry's (an upload session the registry moved elsewhere).
   */
  async header(url: URL = this.registry): Promise<string | undefined> {
    if (url.origin !== this.registry.origin) return undefined
    if (this.bearer) {
      if (!this.token || this.now() > this.token.expiresAt - REFRESH_MARGIN_MS) await this.refresh()
      return `Bearer ${this.token!.value}`
    }
    if (this.basic && this.credentials) return basicHeader(this.credentials)
    return undefined
  }

  /**
   * Answers a 401 to a request to `url` sent with `used` (its Authorization header). Returns false when nothing
   * new can be tried, so the caller reports the refusal instead of looping. Requests run in parallel: one that
   * was refused with credentials another one has since replaced is simply sent again with the new ones.
   */
  async answer(response: HttpResponse, url: URL, used: string | undefined): Promise<boolean> {
    if (url.origin !== this.registry.origin)
      throw new AuthError(
        url.origin,
        `the registry ${this.registry.host} sent a request here, and it asked for credentials (HTTP 401); they are sent only to the registry's own origin ${this.registry.origin}.`,
        {
          status: 401,
          hint: "Check the registry's configuration: its upload URLs must not need the credentials."
        }
      )
    const current = await this.header()
    if (current !== undefined && current !== used) return true
    const challenge = parseChallenge(String(response.headers['www-authenticate'] ?? ''))
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.bearer = { realm: this.tokenService(challenge.params.realm), service: challenge.params.service }
      // No token yet, or this one was refused before its announced expiry (the server decides): get another.
      this.token = undefined
      await this.refresh()
      return true
    }
    if (challenge?.scheme === 'basic') {
      if (!this.credentials)
        throw new AuthError(
          `the registry ${this.registry.host}`,
          'it requires credentials, and none were given.',
          {
            status: 401,
            hint: 'Set the username and password inputs.'
          }
        )
      if (this.basic) return false
      this.basic = true
      return true
    }
    return false
  }

  /** The realm a challenge names, once it is one we may ask, with the credentials if there are any. */
  private tokenService(realm: string): URL {
    let url: URL
    try {
      url = new URL(realm)
    } catch {
      throw new AuthError(
        `the registry ${this.registry.host}`,
        `it names a token service that is not a URL: '${realm}'.`,
        {
          hint: "Check the registry's token authentication settings."
        }
      )
    }
    const name = `the token service ${url.origin}${url.pathname}`
    const refused = refusedUrl(this.registry, url)
    if (refused)
      throw new AuthError(
        name,
        `the registry ${this.registry.host} names it, and ${refused}: nothing is sent there.`,
        {
          hint: "Check the registry's token authentication settings (its realm must be https)."
        }
      )
    if (this.credentials && !this.credentialOrigins.has(url.origin))
      throw new AuthError(
        name,
        `the registry ${this.registry.host} names it, and it is on another origin than the registry (${this.registry.origin}): the credentials are not sent there.`,
        {
          hint: `If this token service belongs to the registry, name it in the 'token-service' input (token-service: ${url.origin}).`
        }
      )
    return url
  }

  /** One token request at a time, however many uploads run in parallel. */
  private refresh(): Promise<void> {
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined))
    return this.pending
  }

  private pending?: Promise<void>

  private async fetchToken(): Promise<void> {
    const { realm, service } = this.bearer!
    const url = new URL(realm)
    if (service) url.searchParams.set('service', service)
    for (const scope of this.scopes) url.searchParams.append('scope', scope)
    const headers: Record<string, string> = {}
    // tokenService() refused a realm the credentials may not go to; this says so where they are sent.
    if (this.credentials && this.credentialOrigins.has(url.origin))
      headers.authorization = basicHeader(this.credentials)
    const tokenService = `the token service ${url.origin}${url.pathname}`
    let response: HttpResponse
    try {
      response = await this.transport.send({ method: 'GET', url, headers })
    } catch (error) {
      throw new AuthError(tokenService, `it could not be reached: ${describeFetchFailure(error)}.`, {
        hint: "Check the registry's token realm and the runner's network, or retry the job."
      })
    }
    if (response.status !== 200) {
      throw new AuthError(
        tokenService,
        `it refused ${this.credentials ? `user '${this.credentials.username}'` : 'anonymous access'} for ${this.scopes.join(' ')}.`,
        {
          status: response.status,
          hint: 'Check the username and password inputs, and that the token may write packages.'
        }
      )
    }
    let body: { token?: string; access_token?: string; expires_in?: number }
    try {
      body = JSON.parse(response.body.toString('utf8')) as typeof body
    } catch {
      body = {}
    }
    const value = body.token ?? body.access_token
    if (!value)
      throw new AuthError(tokenService, 'it answered without a token.', {
        hint: 'Check the registry, or retry the job.'
      })
    this.onSecret(value)
    const seconds = body.expires_in && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_SECONDS
    this.token = { value, expiresAt: this.now() + seconds * 1000 }
  }
}

/** Credentials missing or refused: the registry said no, and the hint names the inputs to fix. */
class AuthError extends RegistryError {
  constructor(service: string, message: string, details: { status?: number; hint: string }) {
    super(service, message, details)
    this.name = 'AuthError'
  }
}

function basicHeader(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
}
