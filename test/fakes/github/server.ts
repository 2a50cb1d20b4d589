import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { FaultQueue, injectedReply, type Fault } from './faults.js'
import {
  matchOperation,
  openApiSource,
  operationKeys,
  validateParameters,
  validateRequestBody,
  validateResponse,
  type MatchedOperation
} from './openapi-validator.js'
import { HttpError, type Handler, type Reply } from './route.js'
import { artifactRoutes, blobSignature } from './routes/artifacts.js'
import { attestationRoutes } from './routes/attestations.js'
import { checkRoutes } from './routes/checks.js'
import { commentRoutes } from './routes/comments.js'
import { deploymentRoutes } from './routes/deployments.js'
import { gitRefRoutes } from './routes/git-refs.js'
import { pullRoutes } from './routes/pulls.js'
import { releaseRoutes } from './routes/releases.js'
import { repoRoutes } from './routes/repos.js'
import { statusRoutes } from './routes/statuses.js'
import { GitHubState, type UserRecord } from './state.js'

export interface GitHubFakeOptions {
  /** The repository that exists from the start (more with `state.addRepo`). Default octo-org/ml-model. */
  owner?: string
  repo?: string
  /**
   * Token → login. When given, any other token gets 401 Bad credentials. When omitted, every token is
   * accepted as `github-actions[bot]`, the identity behind a workflow's GITHUB_TOKEN.
   */
  tokens?: Record<string, string>
  /** Where html_url and clone URLs point; defaults to the fake's own URL. */
  htmlUrl?: string
  /** The clock behind every timestamp. */
  now?: () => Date
}

interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  /** The JSON body as the client sent it. */
  body: unknown
  status: number
  response: unknown
  /** The operation, e.g. `POST /repos/{owner}/{repo}/check-runs`; null for routes GitHub does not have. */
  route: string | null
  /** The answer never reached the client: the connection dropped after the route ran (a dropResponse fault). */
  dropped?: true
}

interface ValidationIssue {
  /** request: the client sent something GitHub would refuse. response: the fake has a bug. */
  kind: 'request' | 'response' | 'unknown-route'
  method: string
  path: string
  route: string | null
  status: number
  errors: string[]
}

export interface GitHubFake {
  /** Base URL for the client (octokit `baseUrl`, GITHUB_API_URL). */
  readonly url: string
  readonly state: GitHubState
  readonly calls: RecordedCall[]
  readonly validationErrors: ValidationIssue[]
  /** Arms a fault for the next matching request(s). */
  fail(fault: Fault): void
  /** Calls to one operation, e.g. `callsTo('GET /repos/{owner}/{repo}/pulls/{pull_number}')`. */
  callsTo(route: string): RecordedCall[]
  /** Throws if any response broke GitHub's description, which is a bug in the fake. */
  assertNoResponseErrors(): void
  /** Stops the server; throws like `assertNoResponseErrors` so a fake bug fails the test that closes it. */
  close(): Promise<void>
}

const ROUTES: Record<string, Handler> = {
  ...repoRoutes,
  ...commentRoutes,
  ...pullRoutes,
  ...checkRoutes,
  ...statusRoutes,
  ...deploymentRoutes,
  ...artifactRoutes,
  ...releaseRoutes,
  ...gitRefRoutes,
  ...attestationRoutes
}

const missing = [
  ...operationKeys.filter(key => ROUTES[key] === undefined),
  ...Object.keys(ROUTES).filter(key => !operationKeys.includes(key))
]
if (missing.length > 0) {
  throw new Error(
    `routes and openapi-subset.json disagree on ${missing.join(', ')}: run scripts/gen-openapi-subset.mjs`
  )
}

interface Incoming {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  requestUrl: URL
  authorization: string | undefined
  contentType: string | undefined
  requestId: string
}

/** A reply, possibly from an armed fault (which the description does not have to cover). */
type FakeReply = Reply & { injected?: boolean }

/** A stateful GitHub REST API on 127.0.0.1 that checks every request and response against GitHub's description. */
export async function startGitHubFake(options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const state = new GitHubState(
    { owner: options.owner ?? 'octo-org', name: options.repo ?? 'ml-model' },
    options.now ?? (() => new Date())
  )
  const calls: RecordedCall[] = []
  const validationErrors: ValidationIssue[] = []
  const faults = new FaultQueue()
  let requestCount = 0

  const server = createServer((request, response) => {
    handle(request, response).catch(error => {
      // A crash is a bug in the fake: answer 500 and make close() fail the test.
      const stack = String((error as Error).stack)
      validationErrors.push({
        kind: 'response',
        method: request.method ?? '',
        path: request.url ?? '',
        route: null,
        status: 500,
        errors: [stack]
      })
      if (!response.headersSent)
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
      response.end(JSON.stringify({ message: `GitHub fake crashed: ${stack}` }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const urls = { api: url, html: options.htmlUrl ?? url }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase()
    const requestUrl = new URL(request.url ?? '/', url)
    const path = requestUrl.pathname
    const query = Object.fromEntries(requestUrl.searchParams)
    const bytes = await readBody(request)
    if (path.startsWith('/_blob/')) return serveBlob(requestUrl, response)
    const operation = matchOperation(method, path)
    const route = operation?.key ?? null
    const requestId = `F4KE:${(++requestCount).toString(16).toUpperCase().padStart(6, '0')}`

    // A file upload's body is bytes, never JSON; everything else GitHub reads as JSON.
    const raw = bytes.toString('utf8')
    const body = operation !== undefined && takesFile(operation) ? bytes : parseJson(raw)
    const reply: FakeReply =
      body === INVALID_JSON
        ? errorReply(new HttpError(400, 'Problems parsing JSON'), operation)
        : await respond(
            {
              method,
              path,
              query,
              body,
              requestUrl,
              authorization: request.headers.authorization,
              contentType: request.headers['content-type'],
              requestId
            },
            operation
          )

    if (operation !== undefined && reply.injected !== true) {
      const errors = validateResponse(operation, reply.status, reply.body)
      if (errors.length > 0)
        validationErrors.push({ kind: 'response', method, path, route, status: reply.status, errors })
    }
    const dropped = faults.takeDrop(method, path, route ?? undefined)
    calls.push({
      method,
      path,
      query,
      body: body === INVALID_JSON ? raw : Buffer.isBuffer(body) ? `<${body.length} bytes>` : body,
      status: reply.status,
      response: reply.body,
      route,
      ...(dropped ? { dropped } : {})
    })
    if (dropped) {
      request.socket.destroy()
      return
    }
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': requestId,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(5000 - requestCount, 0)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(requestCount),
      'x-ratelimit-resource': 'core',
      ...reply.headers
    })
    response.end(reply.body === undefined ? undefined : JSON.stringify(reply.body))
  }

  async function respond(incoming: Incoming, operation: MatchedOperation | undefined): Promise<FakeReply> {
    const { method, path, query, body } = incoming
    const delay = faults.takeDelay(method, path, operation?.key)
    if (delay > 0) await sleep(delay)
    for (const change of faults.takeInterleaved(method, path, operation?.key)) change(state)
    const fault = faults.takeFailure(method, path, operation?.key)
    if (fault !== undefined) return injectedReply(fault, incoming.requestId)

    const identity = authenticate(incoming.authorization)
    if (identity instanceof HttpError) return errorReply(identity, operation)

    if (operation === undefined) {
      validationErrors.push({
        kind: 'unknown-route',
        method,
        path,
        route: null,
        status: 404,
        errors: [`${method} ${path} is not a route the fake serves`]
      })
      return errorReply(new HttpError(404, 'Not Found'), undefined)
    }

    // A path parameter of the wrong type (issue number "abc") means GitHub's router found no route at all.
    const pathParams = validateParameters(operation, 'path', operation.pathParams)
    if (pathParams.errors.length > 0) {
      validationErrors.push({
        kind: 'request',
        method,
        path,
        route: operation.key,
        status: 404,
        errors: pathParams.errors
      })
      return errorReply(new HttpError(404, 'Not Found'), operation)
    }
    const queryParams = validateParameters(operation, 'query', query)
    const bodyCheck = Buffer.isBuffer(body)
      ? { errors: [], value: body }
      : validateRequestBody(operation, body)
    const errors = [...queryParams.errors, ...bodyCheck.errors]
    if (errors.length > 0) {
      validationErrors.push({ kind: 'request', method, path, route: operation.key, status: 422, errors })
      return errorReply(new HttpError(422, `Invalid request.\n\n${errors.join('\n')}`), operation)
    }

    try {
      return (ROUTES[operation.key] as Handler)({
        state,
        urls,
        identity,
        params: pathParams.value,
        query: queryParams.value,
        body: bodyCheck.value,
        contentType: incoming.contentType,
        requestUrl: incoming.requestUrl
      })
    } catch (error) {
      if (error instanceof HttpError) return errorReply(error, operation)
      throw error
    }
  }

  /** The signed blob URLs artifact downloads redirect to: no token, the signature is the authorisation. */
  function serveBlob(requestUrl: URL, response: ServerResponse): void {
    const id = /^\/_blob\/artifacts\/(\d+)\.zip$/.exec(requestUrl.pathname)?.[1]
    const artifact = id === undefined ? undefined : state.findArtifact(Number(id))
    if (artifact === undefined || requestUrl.searchParams.get('sig') !== blobSignature(artifact)) {
      response.writeHead(403, { 'content-type': 'application/xml' })
      response.end('<Error><Code>AuthenticationFailed</Code></Error>')
      return
    }
    response.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': String(artifact.zip.length)
    })
    response.end(artifact.zip)
  }

  function authenticate(authorization: string | undefined): UserRecord | HttpError {
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1]
    if (token === undefined) return new HttpError(401, 'Requires authentication')
    const login = options.tokens === undefined ? 'github-actions[bot]' : options.tokens[token]
    if (login === undefined) return new HttpError(401, 'Bad credentials')
    return state.user(login)
  }

  function assertNoResponseErrors(): void {
    const bugs = validationErrors.filter(issue => issue.kind === 'response')
    if (bugs.length === 0) return
    const detail = bugs
      .map(bug => `${bug.method} ${bug.path} → ${bug.status}:\n  ${bug.errors.join('\n  ')}`)
      .join('\n')
    throw new Error(
      `the GitHub fake sent responses that break GitHub's OpenAPI description (${openApiSource}):\n${detail}`
    )
  }

  return {
    url,
    state,
    calls,
    validationErrors,
    fail: fault => faults.add(fault),
    callsTo: route => calls.filter(call => call.route === route),
    assertNoResponseErrors,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => server.close(error => (error ? reject(error) : resolve())))
      assertNoResponseErrors()
    }
  }
}

function errorReply(error: HttpError, operation: MatchedOperation | undefined): Reply {
  return {
    status: error.status,
    body: {
      message: error.message,
      ...error.extra,
      documentation_url: operation?.spec.documentationUrl ?? 'https://docs.github.com/rest',
      status: String(error.status)
    }
  }
}

const INVALID_JSON = Symbol('invalid JSON')

function parseJson(raw: string): unknown {
  if (raw === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return INVALID_JSON
  }
}

/** An operation whose request body is a file (`type: string, format: binary`), such as a release asset. */
function takesFile(operation: MatchedOperation): boolean {
  const schema = operation.spec.requestBody?.schema as { type?: string; format?: string } | undefined
  return schema?.type === 'string' && schema.format === 'binary'
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks)))
    request.on('error', reject)
  })
}
