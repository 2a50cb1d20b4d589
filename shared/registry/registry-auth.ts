import { describeFetchFailure } from '../errors/fetch-failure.js'
import type { HttpResponse, HttpTransport } from './http-transport.js'
import { RegistryError } from './registry-error.js'

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

/**
 * Registry authentication: anonymous until challenged; then HTTP Basic, or the Docker/OCI token flow
 * (GHCR, Docker Hub, Harbor): ask the challenge's realm for a token covering the scopes this push needs,
 * with the credentials as Basic auth, and refresh it when it expires, before or during a long push.
 */
export class RegistryAuth {
  private basic = false
  private bearer?: { realm: string; service?: string }
  private token?: Token

  constructor(
    private readonly transport: HttpTransport,
    private readonly credentials: Credentials | undefined,
    private readonly scopes: string[],
    private readonly onSecret: (secret: string) => void = () => {},
    private readonly now: () => number = Date.now
  ) {}

  /** The Authorization header for the next request, refreshing an expiring token first. */
  async header(): Promise<string | undefined> {
    if (this.bearer) {
      if (!this.token || this.now() > this.token.expiresAt - REFRESH_MARGIN_MS) await this.refresh()
      return `Bearer ${this.token!.value}`
    }
    if (this.basic && this.credentials) return basicHeader(this.credentials)
    return undefined
  }

  /**
   * Answers a 401 to a request sent with `used` (its Authorization header). Returns false when nothing new
   * can be tried, so the caller reports the refusal instead of looping. Requests run in parallel: one that
   * was refused with credentials another one has since replaced is simply sent again with the new ones.
   */
  async answer(response: HttpResponse, host: string, used: string | undefined): Promise<boolean> {
    const current = await this.header()
    if (current !== undefined && current !== used) return true
    const challenge = parseChallenge(String(response.headers['www-authenticate'] ?? ''))
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      this.bearer = { realm: challenge.params.realm, service: challenge.params.service }
      // No token yet, or this one was refused before its announced expiry (the server decides): get another.
      this.token = undefined
      await this.refresh()
      return true
    }
    if (challenge?.scheme === 'basic') {
      if (!this.credentials)
        throw new AuthError(`the registry ${host}`, 'it requires credentials, and none were given.', {
          status: 401,
          hint: 'Set the username and password inputs.'
        })
      if (this.basic) return false
      this.basic = true
      return true
    }
    return false
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
    if (this.credentials) headers.authorization = basicHeader(this.credentials)
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
