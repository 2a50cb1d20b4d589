import type { BlobStore } from './blob-store.js'
import type { Permission } from './signed-url.js'
import { int64Field, stringField, stringListField, TwirpError, type TwirpBody } from './twirp.js'

/**
 * github.actions.results.api.v1.CacheService (what @actions/cache 6.x calls when ACTIONS_CACHE_SERVICE_V2 is set).
 * One scope only: the real service also scopes entries by branch (the token's `ac` claim), which the fake ignores.
 */
export interface CacheEntry {
  id: number
  key: string
  version: string
  blobPath: string
  sizeBytes?: number
  finalized: boolean
}

/**
 * How a second CreateCacheEntry for an existing key+version is refused. github.com answers Twirp `already_exists`
 * (HTTP 409, "cache entry with the same key, version, and scope already exists"); `not-ok` answers 200 `{ok:false}`.
 * @actions/cache 6.3.0 turns both into ReserveCacheError: saveCache logs "Failed to save: Unable to reserve cache…"
 * and returns -1.
 */
export type DuplicateCacheKey = 'conflict' | 'not-ok'

export type SignUrl = (path: string, permission: Permission, rscd?: string) => string

export class CacheService {
  private readonly entries: CacheEntry[] = []
  private nextId = 1

  constructor(
    private readonly blobs: BlobStore,
    private readonly signUrl: SignUrl,
    private readonly duplicateKey: DuplicateCacheKey
  ) {}

  list(): readonly CacheEntry[] {
    return this.entries
  }

  handle(method: string, body: TwirpBody): object {
    switch (method) {
      case 'CreateCacheEntry':
        return this.create(body)
      case 'FinalizeCacheEntryUpload':
        return this.finalize(body)
      case 'GetCacheEntryDownloadURL':
        return this.lookup(body)
      default:
        throw new TwirpError(
          'bad_route',
          `no handler for path "/twirp/github.actions.results.api.v1.CacheService/${method}"`
        )
    }
  }

  private create(body: TwirpBody): object {
    const key = stringField(body, 'key', true) as string
    const version = stringField(body, 'version', true) as string
    if (this.entries.some(entry => entry.key === key && entry.version === version)) {
      if (this.duplicateKey === 'not-ok') return { ok: false, signed_upload_url: '' }
      throw new TwirpError(
        'already_exists',
        'cache entry with the same key, version, and scope already exists'
      )
    }
    const id = this.nextId++
    const entry: CacheEntry = { id, key, version, blobPath: `/blob/actions-cache/${id}`, finalized: false }
    this.entries.push(entry)
    return { ok: true, signed_upload_url: this.signUrl(entry.blobPath, 'cw') }
  }

  private finalize(body: TwirpBody): object {
    const key = stringField(body, 'key', true) as string
    const version = stringField(body, 'version', true) as string
    const sizeBytes = int64Field(body, 'size_bytes')
    const entry = this.entries.find(candidate => candidate.key === key && candidate.version === version)
    if (!entry)
      throw new TwirpError('not_found', `no cache entry reserved for key ${key} and version ${version}`)
    if (entry.finalized) throw new TwirpError('already_exists', `cache entry ${key} is already finalized`)
    const blob = this.blobs.get(entry.blobPath)
    if (!blob) throw new TwirpError('failed_precondition', `nothing was uploaded for cache entry ${key}`)
    if (sizeBytes === undefined || sizeBytes !== BigInt(blob.data.length)) {
      throw new TwirpError(
        'invalid_argument',
        `size_bytes ${sizeBytes} does not match the uploaded ${blob.data.length} bytes`
      )
    }
    entry.finalized = true
    entry.sizeBytes = blob.data.length
    return { ok: true, entry_id: String(entry.id) }
  }

  /**
   * Documented matching: the exact key, then prefix matches of the key, then each restore key in order (exact, then
   * prefix); among prefix matches the newest entry wins. Only finalized entries with the same version count.
   */
  private lookup(body: TwirpBody): object {
    const key = stringField(body, 'key', true) as string
    const version = stringField(body, 'version', true) as string
    const candidates = this.entries
      .filter(entry => entry.finalized && entry.version === version)
      .sort((a, b) => b.id - a.id)
    for (const wanted of [key, ...stringListField(body, 'restore_keys')]) {
      const hit =
        candidates.find(entry => entry.key === wanted) ??
        candidates.find(entry => entry.key.startsWith(wanted))
      if (hit) return { ok: true, signed_download_url: this.signUrl(hit.blobPath, 'r'), matched_key: hit.key }
    }
    return { ok: false, signed_download_url: '', matched_key: '' }
  }
}
