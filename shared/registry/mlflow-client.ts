import { describeFetchFailure } from '../errors/fetch-failure.js'
import { ServiceError } from '../errors/service-error.js'

export interface MlflowOptions {
  /** `http://127.0.0.1:5000` or `https://mlflow.example.com` */
  baseUrl: string
  /** A bearer token (password alone), or HTTP Basic (username and password), as MLflow's own client sends. */
  credentials?: { username?: string; password: string }
  retries?: number
  retryBaseMs?: number
  pollIntervalMs?: number
  readyTimeoutMs?: number
}

export interface ModelVersion {
  name: string
  version: string
  status: string
  status_message?: string
  source: string
  tags?: { key: string; value: string }[]
}

export interface Registration {
  name: string
  source: string
  tags: Record<string, string>
  runLink?: string
  description?: string
  alias?: string
  /**
   * A tag that identifies the content (the manifest digest): an existing READY version carrying the same
   * value is reused rather than registered again, so re-publishing the same model adds no version.
   */
  identity?: { key: string; value: string }
}

/**
 * MLflow refused or could not be reached: a ServiceError (see `errors/error-kind.ts`) naming `MLflow at <origin>`.
 * `errorCode` is MLflow's own, from its error body `{"error_code": "RESOURCE_ALREADY_EXISTS", "message": "…"}`.
 */
export class MlflowError extends ServiceError {
  readonly errorCode?: string

  constructor(
    origin: string,
    message: string,
    details: { status?: number; hint?: string; errorCode?: string } = {}
  ) {
    super(`MLflow at ${origin}`, message, { status: details.status, hint: details.hint })
    this.name = 'MlflowError'
    this.errorCode = details.errorCode
  }
}

/**
 * The MLflow Model Registry over its REST API (`/api/2.0/mlflow/…`, model_registry.proto): create the
 * registered model unless it exists, create a version whose source is the published model's URI, wait for
 * it to be READY, and move an alias to it. Stages are deprecated since MLflow 2.9, so aliases only.
 */
export class MlflowClient {
  private readonly retries: number
  private readonly retryBaseMs: number

  constructor(private readonly options: MlflowOptions) {
    this.retries = options.retries ?? 3
    this.retryBaseMs = options.retryBaseMs ?? 500
  }

  async register(registration: Registration): Promise<ModelVersion> {
    const { name } = registration
    try {
      await this.call('POST', 'registered-models/create', { name })
    } catch (error) {
      if (!(error instanceof MlflowError && error.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw error
    }
    const existing = registration.identity && (await this.findVersion(name, registration.identity))
    const version = existing ?? (await this.createVersion(registration))
    if (registration.alias) {
      await this.call('POST', 'registered-models/alias', {
        name,
        alias: registration.alias,
        version: version.version
      })
    }
    return version
  }

  /** The newest READY version whose tag `identity.key` is `identity.value`, among the latest 1000. */
  private async findVersion(
    name: string,
    identity: { key: string; value: string }
  ): Promise<ModelVersion | undefined> {
    // A name holding a quote cannot be written safely into MLflow's filter language: register anew.
    if (name.includes("'")) return undefined
    const query = new URLSearchParams({
      filter: `name='${name}'`,
      max_results: '1000',
      order_by: 'version_number DESC'
    })
    const found = (await this.call('GET', `model-versions/search?${query}`)) as {
      model_versions?: ModelVersion[]
    }
    return found.model_versions?.find(
      version =>
        version.status === 'READY' &&
        version.tags?.some(t => t.key === identity.key && t.value === identity.value)
    )
  }

  private async createVersion(registration: Registration): Promise<ModelVersion> {
    const { name } = registration
    const created = (await this.call('POST', 'model-versions/create', {
      name,
      source: registration.source,
      ...(registration.runLink ? { run_link: registration.runLink } : {}),
      ...(registration.description ? { description: registration.description } : {}),
      tags: Object.entries(registration.tags).map(([key, value]) => ({ key, value }))
    })) as { model_version: ModelVersion }
    return this.waitUntilReady(created.model_version)
  }

  private async waitUntilReady(version: ModelVersion): Promise<ModelVersion> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 300_000)
    let current = version
    for (;;) {
      if (current.status === 'READY') return current
      if (current.status === 'FAILED_REGISTRATION') {
        throw new MlflowError(
          this.origin,
          `could not register version ${current.version} of ${current.name}: ${current.status_message ?? 'no reason given'}.`,
          { hint: 'Check that MLflow can read the model-uri it was given.' }
        )
      }
      if (Date.now() > deadline) {
        throw new MlflowError(
          this.origin,
          `version ${current.version} of ${current.name} is still ${current.status}; gave up waiting.`,
          { hint: 'Check the version in MLflow, or retry the job.' }
        )
      }
      await sleep(this.options.pollIntervalMs ?? 1000)
      const query = new URLSearchParams({ name: current.name, version: current.version })
      current = ((await this.call('GET', `model-versions/get?${query}`)) as { model_version: ModelVersion })
        .model_version
    }
  }

  private get origin(): string {
    return new URL(this.options.baseUrl).origin
  }

  private async call(method: string, endpoint: string, body?: object): Promise<unknown> {
    const url = new URL(`/api/2.0/mlflow/${endpoint}`, this.options.baseUrl)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body) headers['content-type'] = 'application/json'
    const credentials = this.options.credentials
    if (credentials?.username) {
      headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    } else if (credentials) headers.authorization = `Bearer ${credentials.password}`
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined })
      } catch (error) {
        if (attempt >= this.retries) {
          throw new MlflowError(
            this.origin,
            `${method} ${endpoint.split('?')[0]} failed after ${attempt + 1} attempts: ${describeFetchFailure(error)}.`,
            {
              hint: 'Is MLflow up, and the mlflow:// destination right? Check the address, or retry the job.'
            }
          )
        }
        await sleep(this.retryBaseMs * 2 ** attempt)
        continue
      }
      const text = await response.text()
      if (response.ok) return text === '' ? {} : JSON.parse(text)
      if ((response.status >= 500 || response.status === 429) && attempt < this.retries) {
        await sleep(this.retryBaseMs * 2 ** attempt)
        continue
      }
      let parsed: { error_code?: string; message?: string } = {}
      try {
        parsed = JSON.parse(text) as typeof parsed
      } catch {
        // a proxy's HTML page, not MLflow
      }
      const said = [parsed.error_code, parsed.message ?? text.trim().slice(0, 200)].filter(Boolean).join(' ')
      throw new MlflowError(this.origin, `${method} ${endpoint.split('?')[0]}${said ? `: ${said}` : ''}.`, {
        status: response.status,
        hint: hintFor(response.status),
        errorCode: parsed.error_code
      })
    }
  }
}

/** What to check when MLflow answered `status` to a request we no longer retry. */
function hintFor(status: number): string | undefined {
  if (status === 401 || status === 403) return 'Check the username and password inputs.'
  if (status === 429 || status >= 500)
    return 'MLflow may be having trouble: check its status, or retry the job.'
  return undefined
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure, TLS) is its cause. */

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
