import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TokenGateOptions {
  /** host:port of the real registry behind the gate. */
  upstream: string
  username: string
  password: string
  /** A token stops working after this many registry requests: the registry's "expired" mid-push. */
  usesPerToken?: number
  /** What the token endpoint announces as `expires_in`, in seconds. */
  expiresIn?: number
  /** The realm the challenge names, when the token service is to be elsewhere (default: this gate's /token). */
  realm?: string
  /** Upload sessions are sent to this origin (`http://host:port`) instead: their Location headers are rewritten. */
  uploadOrigin?: string
}

export interface TokenGate {
  host: string
  /** Requests to the token endpoint: `{authorized, scopes}` of each. */
  tokenRequests: { authorized: boolean; service: string | null; scopes: string[] }[]
  /** Registry requests refused with a challenge. */
  challenges(): number
  stop(): Promise<void>
}

/**
 * Docker's token authentication (the distribution "token" auth spec GHCR, Docker Hub and Harbor follow)
 * in front of a real registry: a request without a valid bearer token gets `401` and
 * `WWW-Authenticate: Bearer realm=…,service=…,scope=…`; `GET /token?service=…&scope=…` with Basic
 * credentials answers `{"token", "access_token", "expires_in", "issued_at"}`; valid requests are forwarded.
 */
export async function startTokenGate(options: TokenGateOptions): Promise<TokenGate> {
  const tokens = new Map<string, { uses: number }>()
  const tokenRequests: TokenGate['tokenRequests'] = []
  let challenges = 0
  const [upstreamHost, upstreamPort] = options.upstream.split(':')
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://gate')
    if (url.pathname === '/token') {
      const authorized = req.headers.authorization === expected
      tokenRequests.push({
        authorized,
        service: url.searchParams.get('service'),
        scopes: url.searchParams.getAll('scope')
      })
      if (!authorized) {
        res.writeHead(401, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ details: 'incorrect username or password' }))
        return
      }
      const token = randomBytes(24).toString('base64url')
      tokens.set(token, { uses: 0 })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          token,
          access_token: token,
          expires_in: options.expiresIn ?? 300,
          issued_at: new Date().toISOString()
        })
      )
      return
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const state = bearer ? tokens.get(bearer) : undefined
    if (!state || state.uses >= (options.usesPerToken ?? Infinity)) {
      challenges++
      const name = /^\/v2\/(.+?)\/(blobs|manifests|tags|referrers)\//.exec(url.pathname)?.[1]
      const scope = name ? `,scope="repository:${name}:pull,push"` : ''
      req.resume()
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': `Bearer realm="${options.realm ?? `http://${req.headers.host}/token`}",service="mlci-test-registry"${scope}`
      })
      res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }))
      return
    }
    state.uses++
    const headers = { ...req.headers }
    delete headers.authorization
    const upstream = http.request(
      { host: upstreamHost, port: Number(upstreamPort), method: req.method, path: req.url, headers },
      answer => {
        const location = answer.headers.location
        if (options.uploadOrigin && location !== undefined && /\/blobs\/uploads\//.test(location)) {
          const moved = new URL(location, `http://${req.headers.host}`)
          answer.headers.location = `${options.uploadOrigin}${moved.pathname}${moved.search}`
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests,
    challenges: () => challenges,
    stop: () => {
      server.closeAllConnections()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}
