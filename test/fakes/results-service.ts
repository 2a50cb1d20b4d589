/**
 * A local stand-in for the runner's "results" service (ACTIONS_RESULTS_URL): Twirp JSON CacheService and
 * ArtifactService plus an Azure-Blob-like data plane behind HMAC-signed URLs, so the real @actions/cache and
 * @actions/artifact run against it unmodified. Everything lives in memory; bind is 127.0.0.1 on a free port.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { makeRuntimeToken } from '../harness/runtime-token.js'
import { ArtifactService, type ArtifactRecord } from './results-service/artifact-service.js'
import { blobOperation, BlobStore, sendStorageError } from './results-service/blob-store.js'
import {
  callLabel,
  FaultQueue,
  type CallMatch,
  type Fault,
  type RecordedCall
} from './results-service/call-log.js'
import { CacheService, type CacheEntry, type DuplicateCacheKey } from './results-service/cache-service.js'
import { UrlSigner, type Permission } from './results-service/signed-url.js'
import {
  authenticate,
  TwirpError,
  twirpCodeFor,
  type TwirpBody,
  type TwirpCode
} from './results-service/twirp.js'

export interface ResultsServiceOptions {
  /** Backend ids put in the runtime token that env() hands out (defaults: makeRuntimeToken's). */
  runBackendId?: string
  jobBackendId?: string
  /** Lifetime of signed blob URLs; default 3600. */
  signedUrlTtlSeconds?: number
  /** Clock for URL expiry and artifact timestamps (tests move it forward to expire URLs). */
  now?: () => number
  /** Default `conflict` (Twirp 409, what github.com does); see DuplicateCacheKey. */
  duplicateCacheKey?: DuplicateCacheKey
}

const servicePrefix = 'github.actions.results.api.v1.'

export interface ResultsService {
  /** The ACTIONS_RESULTS_URL value, with a trailing slash. */
  readonly url: string
  /** Every request in arrival order of its answer, injected faults included. */
  readonly calls: readonly RecordedCall[]
  /** `calls` as `"<method or operation> <status>"` lines, e.g. `CreateCacheEntry 500`, `PUT block 201`. */
  summary(): string[]
  failNext(match: CallMatch, fault: Fault): void
  /** Env for a step using the clients; an `undefined` value means "must be unset". */
  env(
    runnerTemp: string,
    workspace: string,
    ids?: { runBackendId?: string; jobBackendId?: string }
  ): Record<string, string | undefined>
  cacheEntries(): readonly CacheEntry[]
  artifacts(): readonly ArtifactRecord[]
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {}
): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    ...headers
  })
  res.end(body)
}

export async function startResultsService(options: ResultsServiceOptions = {}): Promise<ResultsService> {
  const runBackendId = options.runBackendId ?? 'run-backend-1'
  const jobBackendId = options.jobBackendId ?? 'job-backend-1'
  const now = options.now ?? Date.now
  const signer = new UrlSigner(now, options.signedUrlTtlSeconds ?? 3600)
  const blobs = new BlobStore(signer)
  let origin = ''
  const signUrl = (path: string, permission: Permission, rscd?: string) =>
    origin + signer.sign(path, permission, rscd)
  const cache = new CacheService(blobs, signUrl, options.duplicateCacheKey ?? 'conflict')
  const artifacts = new ArtifactService(blobs, signUrl, now)
  const calls: RecordedCall[] = []
  const faults = new FaultQueue()

  function answerTwirp(
    req: IncomingMessage,
    service: string,
    method: string,
    raw: Buffer
  ): { status: number; response: unknown } {
    if (req.method !== 'POST') {
      throw new TwirpError('bad_route', `unsupported method "${req.method}" (only POST is allowed)`)
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      throw new TwirpError(
        'bad_route',
        'the fake results service speaks Twirp JSON only (Content-Type: application/json)'
      )
    }
    const scope = authenticate(req.headers.authorization)
    let body: unknown
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      throw new TwirpError('malformed', 'the json request could not be decoded')
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new TwirpError('malformed', 'expected a JSON object')
    }
    if (service === `${servicePrefix}CacheService`) {
      return { status: 200, response: cache.handle(method, body as TwirpBody) }
    }
    if (service === `${servicePrefix}ArtifactService`) {
      return { status: 200, response: artifacts.handle(method, body as TwirpBody, scope) }
    }
    throw new TwirpError('bad_route', `no handler for path "/twirp/${service}/${method}"`)
  }

  function handleTwirp(
    req: IncomingMessage,
    res: ServerResponse,
    service: string,
    method: string,
    raw: Buffer
  ): void {
    let body: unknown
    try {
      body = JSON.parse(raw.toString('utf8'))
    } catch {
      body = raw.toString('utf8')
    }
    const record = (status: number, response: unknown, injected: boolean) =>
      calls.push({ kind: 'twirp', service, method, body, status, response, injected })
    const fault = faults.take({ kind: 'twirp', service, method, body })
    if (fault) {
      const response = {
        code: (fault.code as TwirpCode | undefined) ?? twirpCodeFor(fault.status),
        msg: fault.msg ?? 'injected fault'
      }
      sendJson(
        res,
        fault.status,
        response,
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }
      )
      record(fault.status, response, true)
      return
    }
    let answer: { status: number; response: unknown }
    try {
      answer = answerTwirp(req, service, method, raw)
    } catch (error) {
      const twirp = error instanceof TwirpError ? error : new TwirpError('internal', String(error))
      answer = { status: twirp.status, response: twirp.toJSON() }
    }
    sendJson(res, answer.status, answer.response)
    record(answer.status, answer.response, false)
  }

  function handleBlob(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
    const operation = blobOperation(req.method, url)
    const fault = faults.take({ kind: 'blob', operation, path: url.pathname })
    let status: number
    if (fault) {
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter))
      const code =
        fault.code ??
        (fault.status === 503 ? 'ServerBusy' : fault.status >= 500 ? 'InternalError' : 'InjectedFault')
      sendStorageError(res, fault.status, code, fault.msg ?? 'injected fault')
      status = fault.status
    } else {
      status = blobs.handle(req, res, url, raw)
    }
    const bytes =
      operation === 'GET blob' && status === 200 ? Number(res.getHeader('content-length')) : raw.length
    calls.push({ kind: 'blob', operation, path: url.pathname, status, bytes, injected: fault !== undefined })
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin)
      const raw = await readBody(req)
      const twirpRoute = /^\/twirp\/([^/]+)\/([^/]+)$/.exec(url.pathname)
      if (twirpRoute) return handleTwirp(req, res, twirpRoute[1], twirpRoute[2], raw)
      if (url.pathname.startsWith('/blob/')) return handleBlob(req, res, url, raw)
      sendJson(res, 404, new TwirpError('bad_route', `no handler for path "${url.pathname}"`).toJSON())
    })().catch(error => {
      if (!res.headersSent) sendJson(res, 500, new TwirpError('internal', String(error)).toJSON())
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: `${origin}/`,
    calls,
    summary: () => calls.map(call => `${callLabel(call)} ${call.status}`),
    failNext: (match, fault) => faults.add(match, fault),
    env: (runnerTemp, workspace, ids = {}) => ({
      ACTIONS_RUNTIME_TOKEN: makeRuntimeToken(
        ids.runBackendId ?? runBackendId,
        ids.jobBackendId ?? jobBackendId
      ),
      ACTIONS_RESULTS_URL: `${origin}/`,
      ACTIONS_CACHE_SERVICE_V2: 'true',
      // ACTIONS_CACHE_URL belongs to the retired v1 protocol; a stray ACTIONS_CACHE_MODE=read would skip every save.
      ACTIONS_CACHE_URL: undefined,
      ACTIONS_CACHE_MODE: undefined,
      RUNNER_TEMP: runnerTemp,
      GITHUB_WORKSPACE: workspace,
      // Any other host makes both libraries assume GHES (cache falls back to v1, artifact throws GHESNotSupportedError).
      GITHUB_SERVER_URL: 'https://github.com'
    }),
    cacheEntries: () => cache.list(),
    artifacts: () => artifacts.list(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}
