import { createHash, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

interface Stored {
  mediaType: string
  bytes: Buffer
}

export interface ReferrersRegistry {
  host: string
  /** Every request as `METHOD path`. */
  calls: string[]
  /** Manifests by digest, tags by name. */
  manifests: Map<string, Stored>
  tags: Map<string, string>
  /** Answers the next `count` requests whose `METHOD path` matches with `status` (and `Retry-After: 0`). */
  failNext(pattern: RegExp, status: number, count?: number): void
  stop(): Promise<void>
}

const INDEX = 'application/vnd.oci.image.index.v1+json'

/**
 * An OCI 1.1 registry that implements the referrers API, which no registry installable here does
 * (distribution has none in any release; GHCR neither): it indexes a pushed manifest's `subject`, answers
 * the PUT with `OCI-Subject`, and serves `GET /v2/<name>/referrers/<digest>` as the spec describes
 * (an image index of descriptors carrying `artifactType` and the manifests' annotations). Uploads follow
 * the spec strictly, out-of-order chunks included (416).
 */
export async function startReferrersRegistry(): Promise<ReferrersRegistry> {
  const blobs = new Map<string, Buffer>()
  const uploads = new Map<string, Buffer[]>()
  const manifests = new Map<string, Stored>()
  const tags = new Map<string, string>()
  const calls: string[] = []
  const failures: { pattern: RegExp; status: number; count: number }[] = []

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://fake')
    calls.push(`${req.method} ${url.pathname}`)
    const failure = failures.find(f => f.count > 0 && f.pattern.test(`${req.method} ${url.pathname}`))
    if (failure) {
      failure.count--
      res.writeHead(failure.status, { 'content-type': 'application/json', 'retry-after': '0' })
      res.end(JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'try again' }] }))
      return
    }
    const send = (status: number, headers: Record<string, string> = {}, payload?: Buffer | string) => {
      res.writeHead(status, headers)
      res.end(req.method === 'HEAD' ? undefined : payload)
    }
    const error = (status: number, code: string) =>
      send(
        status,
        { 'content-type': 'application/json' },
        JSON.stringify({ errors: [{ code, message: code.toLowerCase() }] })
      )
    if (url.pathname === '/v2/') return send(200, {}, '{}')
    const route = /^\/v2\/(.+?)\/(blobs\/uploads\/?|blobs|manifests|referrers)\/?(.*)$/.exec(url.pathname)
    if (!route) return error(404, 'NAME_UNKNOWN')
    const [, name, kind, rest] = route
    const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    const sizeOf = (id: string) => uploads.get(id)!.reduce((sum, b) => sum + b.length, 0)
    const range = (id: string) => `0-${Math.max(0, sizeOf(id) - 1)}`

    if (kind.startsWith('blobs/uploads')) {
      if (req.method === 'POST') {
        const id = randomUUID()
        uploads.set(id, [])
        return send(202, { location: `/v2/${name}/blobs/uploads/${id}`, range: '0-0' })
      }
      const id = rest
      if (!uploads.has(id)) return error(404, 'BLOB_UPLOAD_UNKNOWN')
      if (req.method === 'GET')
        return send(204, { location: `/v2/${name}/blobs/uploads/${id}`, range: range(id) })
      if (req.method === 'PATCH') {
        const start = Number(/^(\d+)-/.exec(req.headers['content-range'] ?? '')?.[1] ?? sizeOf(id))
        if (start !== sizeOf(id)) return send(416, { range: range(id) })
        uploads.get(id)!.push(body)
        return send(202, { location: `/v2/${name}/blobs/uploads/${id}`, range: range(id) })
      }
      if (req.method === 'PUT') {
        const whole = Buffer.concat([...uploads.get(id)!, body])
        const digest = url.searchParams.get('digest')
        if (digest !== digestOf(whole)) return error(400, 'DIGEST_INVALID')
        uploads.delete(id)
        blobs.set(digest, whole)
        return send(201, { location: `/v2/${name}/blobs/${digest}`, 'docker-content-digest': digest })
      }
    }
    if (kind === 'blobs') {
      const blob = blobs.get(rest)
      if (!blob) return error(404, 'BLOB_UNKNOWN')
      return send(200, { 'content-length': String(blob.length), 'docker-content-digest': rest }, blob)
    }
    if (kind === 'manifests') {
      if (req.method === 'PUT') {
        const digest = digestOf(body)
        const mediaType = req.headers['content-type'] ?? ''
        const parsed = JSON.parse(body.toString('utf8')) as {
          subject?: { digest: string }
          config?: { digest: string }
          layers?: { digest: string }[]
        }
        for (const ref of [parsed.config, ...(parsed.layers ?? [])]) {
          if (ref && !blobs.has(ref.digest)) return error(400, 'MANIFEST_BLOB_UNKNOWN')
        }
        manifests.set(digest, { mediaType, bytes: body })
        if (!rest.startsWith('sha256:')) tags.set(rest, digest)
        const headers: Record<string, string> = {
          'docker-content-digest': digest,
          location: `/v2/${name}/manifests/${digest}`
        }
        if (parsed.subject) headers['oci-subject'] = parsed.subject.digest
        return send(201, headers)
      }
      const stored = manifests.get(rest.startsWith('sha256:') ? rest : (tags.get(rest) ?? ''))
      if (!stored) return error(404, 'MANIFEST_UNKNOWN')
      return send(
        200,
        { 'content-type': stored.mediaType, 'docker-content-digest': digestOf(stored.bytes) },
        stored.bytes
      )
    }
    if (kind === 'referrers' && req.method === 'GET') {
      const referrers = [...manifests.entries()].flatMap(([digest, stored]) => {
        const m = JSON.parse(stored.bytes.toString('utf8')) as {
          subject?: { digest: string }
          artifactType?: string
          config?: { mediaType: string }
          annotations?: Record<string, string>
        }
        if (m.subject?.digest !== rest) return []
        return [
          {
            mediaType: stored.mediaType,
            digest,
            size: stored.bytes.length,
            artifactType: m.artifactType ?? m.config?.mediaType,
            annotations: m.annotations
          }
        ]
      })
      return send(
        200,
        { 'content-type': INDEX },
        JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: referrers })
      )
    }
    return error(405, 'UNSUPPORTED')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    manifests,
    tags,
    failNext: (pattern, status, count = 1) => failures.push({ pattern, status, count }),
    stop: () => {
      server.closeAllConnections()
      return new Promise(resolve => server.close(() => resolve()))
    }
  }
}
