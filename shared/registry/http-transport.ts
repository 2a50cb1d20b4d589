import * as http from 'node:http'
import * as https from 'node:https'
import type { ChunkSink } from './blob-source.js'

/** A request body that can be sent again from the start: a retry after a challenge or a dropped connection. */
export interface RequestBody {
  length: number
  /** Feeds the body to `sink` in order; each chunk may be reused once the sink resolves. */
  write(sink: ChunkSink): Promise<void>
}

export interface HttpRequest {
  method: string
  url: URL
  headers?: Record<string, string>
  body?: Buffer | RequestBody
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** Responses we read are manifests, indexes, tokens and error bodies; the spec lets manifests reach 4 MB. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/**
 * HTTP/1.1 over node:http with kept-alive connections. Request bodies stream from their source (a file
 * range), so no blob is ever held whole in memory; responses are read whole, as only small ones are expected.
 */
export class HttpTransport {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8 })
  }

  constructor(private readonly timeoutMs = 120_000) {}

  send(request: HttpRequest): Promise<HttpResponse> {
    const { url } = request
    const module = url.protocol === 'https:' ? https : http
    const agent = this.agents[url.protocol as 'http:' | 'https:']
    if (!agent) return Promise.reject(new Error(`unsupported URL scheme in ${url.href}`))
    const body = request.body
    const length = body === undefined ? 0 : Buffer.isBuffer(body) ? body.length : body.length
    const headers: Record<string, string> = { ...request.headers }
    if (body !== undefined || ['PUT', 'POST', 'PATCH'].includes(request.method)) {
      headers['content-length'] = String(length)
    }
    return new Promise((resolve, reject) => {
      let settled = false
      let bodySent = body === undefined || Buffer.isBuffer(body)
      const fail = (error: Error) => {
        if (settled) return
        settled = true
        reject(error)
      }
      const req = module.request(url, { method: request.method, headers, agent }, res => {
        const chunks: Buffer[] = []
        let received = 0
        res.on('data', (chunk: Buffer) => {
          received += chunk.length
          if (received > MAX_RESPONSE_BYTES) {
            res.destroy(new Error(`response from ${url.host} is larger than ${MAX_RESPONSE_BYTES} bytes`))
            return
          }
          chunks.push(chunk)
        })
        res.on('error', fail)
        res.on('aborted', () => fail(new Error(`connection to ${url.host} closed mid-response`)))
        res.on('end', () => {
          // The server answered before taking the whole body (a 401, an error): stop sending it.
          if (!bodySent) req.destroy()
          if (settled) return
          settled = true
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
        })
      })
      req.setTimeout(this.timeoutMs, () =>
        req.destroy(new Error(`no answer from ${url.host} in ${this.timeoutMs / 1000} s`))
      )
      req.on('error', fail)
      if (body === undefined) req.end()
      else if (Buffer.isBuffer(body)) req.end(body)
      else {
        // Each chunk is handed to the socket and its write awaited before the next is read into the same
        // buffer: backpressure for free, and no copy of the file piling up in memory.
        const sink = (chunk: Buffer) =>
          new Promise<void>((done, failed) => {
            if (req.destroyed) return failed(new Error(`connection to ${url.host} closed mid-request`))
            req.write(chunk, error => (error ? failed(error) : done()))
          })
        body.write(sink).then(
          () => {
            bodySent = true
            req.end()
          },
          (error: Error) => {
            bodySent = true
            req.destroy(error)
            fail(error)
          }
        )
      }
    })
  }

  close(): void {
    for (const agent of Object.values(this.agents)) agent.destroy()
  }
}
