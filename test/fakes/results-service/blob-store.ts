import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { UrlSigner } from './signed-url.js'

/**
 * The Azure Blob data plane as the Azure SDK (through @actions/cache and @actions/artifact) and plain HTTP GETs use
 * it: Put Blob, Put Block, Put Block List, Get Blob. Errors are Azure's XML `<Error><Code/><Message/></Error>` with
 * `x-ms-error-code`, which the SDK turns into a RestError.
 */
export type BlobOperation = 'PUT blob' | 'PUT block' | 'PUT blocklist' | 'GET blob' | 'HEAD blob' | 'other'

export interface StoredBlob {
  data: Buffer
  contentType: string
  etag: string
  lastModified: Date
  /** Committed blocks, so a later block list may name them as `<Committed>` or `<Latest>`. */
  blocks: Map<string, Buffer>
}

export function blobOperation(method: string | undefined, url: URL): BlobOperation {
  const comp = url.searchParams.get('comp')
  if (method === 'PUT')
    return comp === 'block' ? 'PUT block' : comp === 'blocklist' ? 'PUT blocklist' : 'PUT blob'
  if (method === 'GET' && !comp) return 'GET blob'
  if (method === 'HEAD' && !comp) return 'HEAD blob'
  return 'other'
}

const apiVersion = '2025-01-05'

export function sendStorageError(res: ServerResponse, status: number, code: string, message: string): void {
  const requestId = randomUUID()
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${escaped}\nRequestId:${requestId}\nTime:${new Date().toISOString()}</Message></Error>`
  res.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(body),
    'x-ms-error-code': code,
    'x-ms-request-id': requestId,
    'x-ms-version': apiVersion
  })
  res.end(body)
}

class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

function decodeBlockId(id: string | null): Buffer {
  const decoded = id ? Buffer.from(id, 'base64') : Buffer.alloc(0)
  if (!id || decoded.length === 0 || decoded.length > 64 || decoded.toString('base64') !== id) {
    throw new StorageError(
      400,
      'InvalidQueryParameterValue',
      'Value for one of the query parameters specified in the request URI is invalid.'
    )
  }
  return decoded
}

export class BlobStore {
  private readonly blobs = new Map<string, StoredBlob>()
  private readonly staged = new Map<string, Map<string, Buffer>>()

  constructor(private readonly signer: UrlSigner) {}

  get(path: string): StoredBlob | undefined {
    return this.blobs.get(path)
  }

  delete(path: string): void {
    this.blobs.delete(path)
    this.staged.delete(path)
  }

  /** Answers one data-plane request whose body is already read; returns the status sent. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): number {
    const operation = blobOperation(req.method, url)
    try {
      if (operation === 'other') {
        throw new StorageError(
          405,
          'UnsupportedHttpVerb',
          "The resource doesn't support the specified HTTP verb."
        )
      }
      const verdict = this.signer.verify(url, operation.startsWith('PUT') ? 'w' : 'r')
      if (!verdict.ok) {
        throw new StorageError(
          403,
          'AuthenticationFailed',
          `Server failed to authenticate the request. ${verdict.reason}`
        )
      }
      switch (operation) {
        case 'PUT blob':
          return this.putBlob(req, res, url.pathname, body)
        case 'PUT block':
          return this.putBlock(req, res, url, body)
        case 'PUT blocklist':
          return this.putBlockList(req, res, url.pathname, body)
        default:
          return this.getBlob(req, res, url.pathname, operation === 'HEAD blob', verdict.rscd)
      }
    } catch (error) {
      if (!(error instanceof StorageError)) throw error
      sendStorageError(res, error.status, error.code, error.message)
      return error.status
    }
  }

  private checkBody(req: IncomingMessage, body: Buffer): void {
    // Newer Azure SDKs can frame bodies as "structured messages" (XSM) with CRC64; storing the framed bytes would
    // corrupt the blob silently, so refuse loudly and let the fake be extended when a client starts sending them.
    if (req.headers['x-ms-structured-body']) {
      throw new StorageError(
        400,
        'UnsupportedHeader',
        'x-ms-structured-body is not supported by the fake results service'
      )
    }
    const md5 = req.headers['content-md5']
    if (typeof md5 === 'string' && createHash('md5').update(body).digest('base64') !== md5) {
      throw new StorageError(
        400,
        'Md5Mismatch',
        'The MD5 value specified in the request did not match with the MD5 value calculated by the server.'
      )
    }
  }

  private putBlob(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): number {
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
      throw new StorageError(
        400,
        'MissingRequiredHeader',
        "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type=BlockBlob."
      )
    }
    this.checkBody(req, body)
    const contentType =
      header(req, 'x-ms-blob-content-type') ?? header(req, 'content-type') ?? 'application/octet-stream'
    const blob = this.commit(path, body, contentType, new Map())
    return created(res, blob, { 'content-md5': createHash('md5').update(body).digest('base64') })
  }

  private putBlock(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): number {
    const blockId = url.searchParams.get('blockid')
    const decoded = decodeBlockId(blockId)
    this.checkBody(req, body)
    const staged = this.staged.get(url.pathname) ?? new Map<string, Buffer>()
    // Azure requires every block id of one blob to have the same (decoded) length.
    for (const other of staged.keys()) {
      if (Buffer.from(other, 'base64').length !== decoded.length) {
        throw new StorageError(400, 'InvalidBlobOrBlock', 'The specified blob or block content is invalid.')
      }
    }
    staged.set(blockId as string, body)
    this.staged.set(url.pathname, staged)
    return created(res)
  }

  private putBlockList(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): number {
    const xml = body.toString('utf8')
    if (!/<BlockList>[\s\S]*<\/BlockList>/.test(xml)) {
      throw new StorageError(400, 'InvalidXmlDocument', 'XML specified is not syntactically valid.')
    }
    const staged = this.staged.get(path) ?? new Map<string, Buffer>()
    const committed = this.blobs.get(path)?.blocks ?? new Map<string, Buffer>()
    const blocks = new Map<string, Buffer>()
    const parts: Buffer[] = []
    for (const [, kind, id] of xml.matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)) {
      const block =
        kind === 'Committed'
          ? committed.get(id)
          : kind === 'Uncommitted'
            ? staged.get(id)
            : (staged.get(id) ?? committed.get(id))
      if (!block) throw new StorageError(400, 'InvalidBlockList', 'The specified block list is invalid.')
      blocks.set(id, block)
      parts.push(block)
    }
    const contentType = header(req, 'x-ms-blob-content-type') ?? 'application/octet-stream'
    const blob = this.commit(path, Buffer.concat(parts), contentType, blocks)
    this.staged.delete(path)
    return created(res, blob)
  }

  private getBlob(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    headOnly: boolean,
    rscd?: string
  ): number {
    const blob = this.blobs.get(path)
    if (!blob) throw new StorageError(404, 'BlobNotFound', 'The specified blob does not exist.')
    res.writeHead(200, {
      'content-type': blob.contentType,
      'content-length': blob.data.length,
      etag: blob.etag,
      'last-modified': blob.lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-ms-blob-type': 'BlockBlob',
      'x-ms-request-id': randomUUID(),
      'x-ms-version': apiVersion,
      ...(rscd ? { 'content-disposition': rscd } : {})
    })
    res.end(headOnly ? undefined : blob.data)
    return 200
  }

  private commit(path: string, data: Buffer, contentType: string, blocks: Map<string, Buffer>): StoredBlob {
    const blob = {
      data,
      contentType,
      blocks,
      etag: `"0x${randomUUID().replace(/-/g, '').slice(0, 15).toUpperCase()}"`,
      lastModified: new Date()
    }
    this.blobs.set(path, blob)
    return blob
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function created(res: ServerResponse, blob?: StoredBlob, extra: Record<string, string> = {}): number {
  res.writeHead(201, {
    'content-length': 0,
    'x-ms-request-id': randomUUID(),
    'x-ms-version': apiVersion,
    'x-ms-request-server-encrypted': 'true',
    ...(blob ? { etag: blob.etag, 'last-modified': blob.lastModified.toUTCString() } : {}),
    ...extra
  })
  res.end()
  return 201
}
