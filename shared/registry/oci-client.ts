import type { BlobSource, ChunkSink } from './blob-source.js'
import type { BlobOutcome, ContentStore } from './content-store.js'
import { sha256Digest, type Content, type Descriptor } from './descriptor.js'
import { HttpTransport, type HttpResponse, type RequestBody } from './http-transport.js'
import { OCI_INDEX, OCI_MANIFEST } from './media-types.js'
import { RegistryAuth, type Credentials } from './registry-auth.js'
import { describeErrorBody, RegistryError } from './registry-error.js'
import { refusedUrl } from './registry-origin.js'

export interface OciClientOptions {
  /** `http://127.0.0.1:5000` or `https://ghcr.io` */
  baseUrl: string
  repository: string
  credentials?: Credentials
  /**
   * Origins besides the registry's own that may receive the credentials: its token service, when that is
   * elsewhere (registry-origin.ts).
   */
  tokenServices?: string[]
  /** Other repositories of the same registry a blob may be mounted from (needs pull on them). */
  mountFrom?: string[]
  /** Blobs at least this large go up in PATCH chunks; smaller ones in one PUT. */
  chunkThresholdBytes?: number
  /** GHCR rejects PATCH bodies above 4 MiB. */
  chunkBytes?: number
  retries?: number
  retryBaseMs?: number
  timeoutMs?: number
  onSecret?: (secret: string) => void
  log?: (message: string) => void
}

const MiB = 1024 * 1024
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])
const MANIFEST_ACCEPT = [OCI_MANIFEST, OCI_INDEX].join(', ')
/** A repository of 100,000 tags at Docker Hub's 100 a page; a registry that never stops is not followed further. */
const MAX_TAG_PAGES = 1000

interface CallOptions {
  headers?: Record<string, string>
  body?: Buffer | RequestBody
  /** Retry network errors and 5xx by resending. False for blob data, whose recovery is resume-or-restart. */
  resend?: boolean
}

/**
 * An OCI distribution-spec client for pushing: HEAD before upload, cross-repository mount, monolithic PUT,
 * chunked PATCH strictly in order (distribution 2.8 appends out-of-order chunks instead of refusing them)
 * with resume from the upload's `Range` after a dropped connection, retries with backoff, and
 * anonymous / Basic / Bearer-token authentication.
 */
export class OciClient implements ContentStore {
  readonly name: string
  /** The registry as the user knows it, for errors: `the registry HOST:PORT`. */
  private readonly service: string
  private readonly transport: HttpTransport
  private readonly auth: RegistryAuth
  private readonly base: URL
  private readonly chunkThreshold: number
  private readonly chunkBytes: number
  private readonly retries: number
  private readonly retryBaseMs: number
  private readonly log: (message: string) => void
  /** Bytes sent in blob bodies, resent bytes included: what a test or a summary can count. */
  bytesSent = 0

  constructor(private readonly options: OciClientOptions) {
    this.base = new URL(options.baseUrl)
    this.name = `${this.base.host}/${options.repository}`
    this.service = `the registry ${this.base.host}`
    this.transport = new HttpTransport(options.timeoutMs)
    const scopes = [
      `repository:${options.repository}:pull,push`,
      ...(options.mountFrom ?? []).map(from => `repository:${from}:pull`)
    ]
    this.auth = new RegistryAuth(this.transport, {
      registry: this.base,
      credentials: options.credentials,
      scopes,
      tokenServices: options.tokenServices,
      onSecret: options.onSecret
    })
    // Chunks cost a request each: against distribution 2.8 a 576 MiB blob took 8-9 s in 4 MiB PATCHes and
    // 3.3-3.7 s in one PUT (same machine, same run). So one PUT unless a blob is big enough that restarting
    // it after a dropped connection would cost more than the chunks do.
    this.chunkThreshold = options.chunkThresholdBytes ?? 1024 * MiB
    this.chunkBytes = Math.min(options.chunkBytes ?? 4 * MiB, 4 * MiB)
    this.retries = options.retries ?? 4
    this.retryBaseMs = options.retryBaseMs ?? 300
    this.log = options.log ?? (() => {})
  }

  close(): void {
    this.transport.close()
  }

  /** `GET /v2/`: proves the registry answers and the credentials work before anything is read or sent. */
  async ping(): Promise<void> {
    const response = await this.call('GET', this.url('/v2/'))
    if (response.status !== 200) throw this.failure('reach', response)
  }

  async hasBlob(digest: string): Promise<boolean> {
    const response = await this.call('HEAD', this.repoUrl(`/blobs/${digest}`))
    if (response.status === 200) return true
    if (response.status === 404) return false
    throw this.failure(`check blob ${digest}`, response)
  }

  async pushBlob(blob: BlobSource): Promise<BlobOutcome> {
    const { digest } = blob.descriptor
    if (await this.hasBlob(digest)) return 'present'
    for (const from of this.options.mountFrom ?? []) {
      const url = this.repoUrl('/blobs/uploads/')
      url.searchParams.set('mount', digest)
      url.searchParams.set('from', from)
      const response = await this.call('POST', url)
      if (response.status === 201) return 'mounted'
      // 202: the registry could not mount and opened an upload session instead; it would be abandoned.
      if (response.status !== 202) throw this.failure(`mount ${digest} from ${from}`, response)
    }
    if (blob.descriptor.size >= this.chunkThreshold) await this.uploadChunked(blob)
    else await this.uploadMonolithic(blob)
    return 'uploaded'
  }

  async pushManifest(
    content: Content,
    reference: string
  ): Promise<{ digest: string; subjectProcessed: boolean }> {
    let response: HttpResponse
    for (let attempt = 0; ; attempt++) {
      response = await this.call('PUT', this.repoUrl(`/manifests/${reference}`), {
        headers: { 'content-type': content.descriptor.mediaType },
        body: content.bytes
      })
      // distribution 2.8 answers DIGEST_INVALID to a PUT of a manifest that another request is writing at the
      // same moment (ten jobs pushing one model): it reads back a blob still being written. Our bytes do hash to
      // the digest we computed, so the answer is the registry's race: send them again.
      const raced = response.status === 400 && describeErrorBody(response.body).code === 'DIGEST_INVALID'
      if (!raced || attempt >= this.retries) break
      this.log(`push of manifest ${reference} met a concurrent push of it (DIGEST_INVALID); sending it again`)
      await this.backoff(attempt)
    }
    if (response.status !== 201) throw this.failure(`push manifest ${reference}`, response)
    const digest = header(response, 'docker-content-digest') ?? content.descriptor.digest
    if (digest !== content.descriptor.digest) {
      throw new RegistryError(
        this.service,
        `${this.options.repository}: stored manifest ${reference} as ${digest}, not ${content.descriptor.digest}: the registry rewrote it.`
      )
    }
    return { digest, subjectProcessed: header(response, 'oci-subject') !== undefined }
  }

  async getManifest(reference: string): Promise<Content | undefined> {
    // distribution 2.8 answers 404 for an OCI manifest unless the Accept header names OCI media types.
    const response = await this.call('GET', this.repoUrl(`/manifests/${reference}`), {
      headers: { accept: MANIFEST_ACCEPT }
    })
    if (response.status === 404) return undefined
    if (response.status !== 200) throw this.failure(`read manifest ${reference}`, response)
    const mediaType = (header(response, 'content-type') ?? OCI_MANIFEST).split(';')[0].trim()
    return {
      descriptor: { mediaType, digest: sha256Digest(response.body), size: response.body.length },
      bytes: response.body
    }
  }

  /**
   * The referrers API (`GET /v2/<name>/referrers/<digest>`); undefined when the registry has none
   * (GHCR and distribution answer 404, the latter in plain text), so the caller reads the fallback tag.
   */
  async referrers(digest: string): Promise<Descriptor[] | undefined> {
    const response = await this.call('GET', this.repoUrl(`/referrers/${digest}`), {
      headers: { accept: OCI_INDEX }
    })
    const type = header(response, 'content-type') ?? ''
    if (response.status !== 200 || !type.startsWith(OCI_INDEX)) return undefined
    return (JSON.parse(response.body.toString('utf8')) as { manifests: Descriptor[] }).manifests
  }

  /**
   * A blob of at most `maxBytes`, checked against its digest. Registries may answer with a redirect to blob
   * storage (GHCR, S3-backed distribution): followed on its own, without the registry's credentials (send gives
   * them only to the registry's origin), never from https to http (registry-origin.ts).
   */
  async getBlob(digest: string, maxBytes: number): Promise<Buffer> {
    let url = this.repoUrl(`/blobs/${digest}`)
    for (let hops = 0; ; hops++) {
      const response = await this.call('GET', url)
      if ([301, 302, 303, 307, 308].includes(response.status) && hops < 3) {
        url = this.resolve(response, url, undefined, `blob ${digest}`)
        continue
      }
      if (response.status !== 200) throw this.failure(`read blob ${digest}`, response)
      if (response.body.length > maxBytes)
        throw new RegistryError(
          this.service,
          `${this.options.repository}: blob ${digest} is larger than ${maxBytes} bytes.`
        )
      if (sha256Digest(response.body) !== digest)
        throw new RegistryError(
          this.service,
          `${this.options.repository}: blob ${digest} does not match its digest.`
        )
      return response.body
    }
  }

  /** Every tag, page after page: registries that paginate (Docker Hub, GHCR) say where the next page is in `Link`. */
  async tags(): Promise<string[]> {
    const tags: string[] = []
    let url: URL | undefined = this.repoUrl('/tags/list')
    for (let page = 0; url !== undefined && page < MAX_TAG_PAGES; page++) {
      const response = await this.call('GET', url)
      if (response.status === 404) return tags
      if (response.status !== 200) throw this.failure('list tags', response)
      tags.push(...((JSON.parse(response.body.toString('utf8')) as { tags: string[] | null }).tags ?? []))
      url = this.nextPage(response, url)
    }
    return tags
  }

  /** `Link: </v2/…/tags/list?last=…&n=…>; rel="next"`, on the registry's own origin only. */
  private nextPage(response: HttpResponse, requested: URL): URL | undefined {
    const link = /<([^>]*)>\s*;\s*rel="?next"?/.exec(header(response, 'link') ?? '')?.[1]
    if (link === undefined) return undefined
    const url = new URL(link, requested)
    if (url.origin !== this.base.origin)
      throw new RegistryError(
        this.service,
        `${this.options.repository}: the next page of tags is on another origin (${url.origin}); it is not followed.`
      )
    return url
  }

  private async uploadMonolithic(blob: BlobSource): Promise<void> {
    const { digest, size } = blob.descriptor
    for (let attempt = 0; ; attempt++) {
      const location = await this.startUpload()
      try {
        const response = await this.send('PUT', withDigest(location, digest), {
          headers: { 'content-type': 'application/octet-stream' },
          body: { length: size, write: (sink: ChunkSink) => this.counted(blob, 0, size, sink) }
        })
        if (response.status === 201) return this.confirm(response, digest)
        if (!RETRYABLE_STATUS.has(response.status) || attempt >= this.retries) {
          throw this.failure(`upload blob ${digest}`, response)
        }
      } catch (error) {
        if (error instanceof RegistryError || attempt >= this.retries) throw this.gaveUp(digest, error)
        this.log(`upload of ${digest} interrupted (${message(error)}); starting it again`)
      }
      await this.backoff(attempt)
    }
  }

  /**
   * PATCH chunks of at most 4 MiB, each starting where the registry's `Range` says the last one ended.
   * After a dropped connection or a 5xx, `GET <upload URL>` tells how much arrived and the upload resumes
   * there; if the session is gone (distribution cancels one whose size no longer matches its signed state,
   * which happens when a chunk arrived in part), a new session starts from byte 0.
   */
  private async uploadChunked(blob: BlobSource): Promise<void> {
    const { digest, size } = blob.descriptor
    let location = await this.startUpload()
    let offset = 0
    let failures = 0
    while (offset < size) {
      const end = Math.min(offset + this.chunkBytes, size)
      let response: HttpResponse | undefined
      let problem: string
      try {
        response = await this.send('PATCH', location, {
          headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}` },
          body: { length: end - offset, write: (sink: ChunkSink) => this.counted(blob, offset, end, sink) }
        })
        if (response.status === 202) {
          location = this.resolve(response, location)
          offset = rangeEnd(response) ?? end
          continue
        }
        if (response.status !== 416 && !RETRYABLE_STATUS.has(response.status)) {
          throw this.failure(`upload blob ${digest}`, response)
        }
        problem = `HTTP ${response.status}`
      } catch (error) {
        if (error instanceof RegistryError) throw error
        problem = message(error)
      }
      if (++failures > this.retries) throw this.gaveUp(digest, new Error(problem))
      await this.backoff(failures - 1)
      const status = await this.send('GET', location).catch(() => undefined)
      if (status?.status === 204) {
        location = this.resolve(status, location, location)
        offset = rangeEnd(status) ?? 0
        this.log(`upload of ${digest} interrupted (${problem}); resuming at byte ${offset} of ${size}`)
      } else {
        location = await this.startUpload()
        offset = 0
        this.log(`upload of ${digest} interrupted (${problem}) and its session is gone; starting it again`)
      }
    }
    const response = await this.send('PUT', withDigest(location, digest), {
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(0)
    }).catch(async (error: unknown) => {
      // The answer was lost, not necessarily the upload: the registry may have completed it.
      if (await this.hasBlob(digest)) return undefined
      throw this.gaveUp(digest, error)
    })
    if (response === undefined) return
    if (response.status !== 201) throw this.failure(`complete upload of ${digest}`, response)
    this.confirm(response, digest)
  }

  private async startUpload(): Promise<URL> {
    const response = await this.call('POST', this.repoUrl('/blobs/uploads/'))
    if (response.status !== 202) throw this.failure('start an upload', response)
    return this.resolve(response, this.repoUrl('/blobs/uploads/'))
  }

  private confirm(response: HttpResponse, digest: string): void {
    const stored = header(response, 'docker-content-digest')
    if (stored !== undefined && stored !== digest) {
      throw new RegistryError(
        this.service,
        `${this.options.repository}: stored ${stored} for blob ${digest}: the file changed while it was read.`
      )
    }
  }

  private counted(blob: BlobSource, start: number, end: number, sink: ChunkSink): Promise<void> {
    return blob.read(start, end, async chunk => {
      this.bytesSent += chunk.length
      await sink(chunk)
    })
  }

  /** One request, with authentication and, unless `resend` is false, retries of failures worth retrying. */
  private async call(method: string, url: URL, options: CallOptions = {}): Promise<HttpResponse> {
    return this.send(method, url, { ...options, resend: options.resend ?? true })
  }

  private async send(method: string, url: URL, options: CallOptions = {}): Promise<HttpResponse> {
    let challenges = 0
    for (let attempt = 0; ;) {
      const authorization = await this.auth.header(url)
      let response: HttpResponse
      try {
        response = await this.transport.send({
          method,
          url,
          headers: { ...options.headers, ...(authorization ? { authorization } : {}) },
          body: options.body
        })
      } catch (error) {
        if (!options.resend) throw error
        if (attempt >= this.retries) {
          throw new RegistryError(
            this.service,
            `${method} ${url.pathname} failed after ${attempt + 1} attempts: ${message(error)}.`,
            { hint: 'Is the registry up, and the destination right? Check the address, or retry the job.' }
          )
        }
        this.log(`${method} ${url.pathname} failed (${message(error)}); retrying`)
        await this.backoff(attempt++)
        continue
      }
      if (
        response.status === 401 &&
        challenges++ < 3 &&
        (await this.auth.answer(response, url, authorization))
      ) {
        continue
      }
      if (response.status === 401 || response.status === 403)
        throw this.failure(`${method} ${url.pathname}`, response)
      if (options.resend && RETRYABLE_STATUS.has(response.status) && attempt < this.retries) {
        await this.backoff(attempt++, header(response, 'retry-after'))
        continue
      }
      return response
    }
  }

  private backoff(attempt: number, retryAfter?: string): Promise<void> {
    const asked = retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : 0
    const ms = Math.max(asked, this.retryBaseMs * 2 ** attempt * (0.75 + Math.random() / 2))
    return new Promise(resolve => setTimeout(resolve, Math.min(ms, 60_000)))
  }

  private url(pathname: string): URL {
    return new URL(pathname, this.base)
  }

  private repoUrl(suffix: string): URL {
    return this.url(`/v2/${this.options.repository}${suffix}`)
  }

  /**
   * Upload URLs are opaque and may be relative (to the request's URL); they "MAY contain critical query
   * parameters". One on another origin is followed without credentials (OciClient.send), one on plain http
   * from an https registry not at all (registry-origin.ts).
   */
  private resolve(response: HttpResponse, requested: URL, fallback?: URL, what = 'the upload'): URL {
    const location = header(response, 'location')
    if (location === undefined) {
      if (fallback) return fallback
      throw new RegistryError(
        this.service,
        `${this.options.repository}: answered an upload request without a Location header.`
      )
    }
    const url = new URL(location, requested)
    const refused = refusedUrl(this.base, url)
    if (refused)
      throw new RegistryError(
        this.service,
        `${this.options.repository}: sent ${what} to ${url.origin}${url.pathname}, and ${refused}: nothing was sent there.`,
        {
          hint: "Check the registry's configuration (its upload URLs), or its address in the destination input."
        }
      )
    return url
  }

  private failure(action: string, response: HttpResponse): RegistryError {
    const { code, text } = describeErrorBody(response.body)
    return new RegistryError(
      this.service,
      `${this.options.repository}: could not ${action}${text ? `: ${text}` : ''}.`,
      { status: response.status, hint: hintFor(response.status), code }
    )
  }

  private gaveUp(digest: string, error: unknown): RegistryError {
    if (error instanceof RegistryError) return error
    return new RegistryError(
      this.service,
      `${this.options.repository}: upload of blob ${digest} failed after ${this.retries + 1} attempts (${message(error)}); nothing was tagged.`,
      { hint: 'Check that the registry is up and has room, or retry the job.' }
    )
  }
}

/** What to check when the registry answered `status` to a request we no longer retry. */
function hintFor(status: number): string | undefined {
  if (status === 401 || status === 403)
    return 'Check the username and password inputs (on GHCR the workflow needs `permissions: packages: write`).'
  if (status === 429 || status >= 500)
    return 'The registry may be having trouble: check its status, or retry the job.'
  return undefined
}

function withDigest(location: URL, digest: string): URL {
  const url = new URL(location)
  url.searchParams.set('digest', digest)
  return url
}

/**
 * `Range: 0-<last byte>` of an upload; the next byte to send is one past it. distribution writes `0-0` both
 * for an empty session and for one holding a single byte, so `0-0` tells nothing and yields undefined.
 */
function rangeEnd(response: HttpResponse): number | undefined {
  const range = header(response, 'range')
  const match = range === undefined ? null : /^(?:bytes=)?0-(\d+)$/.exec(range)
  return match && match[1] !== '0' ? Number(match[1]) + 1 : undefined
}

function header(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
