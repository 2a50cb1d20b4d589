/**
 * The real @actions/cache 6.3.0 and @actions/artifact 6.2.1 against the fake results service: round trips, restore-key
 * matching, duplicate keys, retries and rate limits, plus the fake's own auth and signed-URL checks.
 */
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { makeRuntimeToken } from './harness/runtime-token.js'
import { startResultsService, type ResultsService } from './fakes/results-service.js'

let service: ResultsService
let root: string
let workspace: string
let savedEnv: NodeJS.ProcessEnv
let stdout: string[]
const clock = { offsetMs: 0 }

beforeEach(async () => {
  savedEnv = { ...process.env }
  clock.offsetMs = 0
  root = await mkdtemp(path.join(os.tmpdir(), 'results-service-'))
  workspace = path.join(root, 'workspace')
  await mkdir(path.join(root, 'runner-temp'), { recursive: true })
  await mkdir(workspace, { recursive: true })
  service = await startResultsService({ now: () => Date.now() + clock.offsetMs })
  for (const [name, value] of Object.entries(service.env(path.join(root, 'runner-temp'), workspace))) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  // @actions/core writes log lines and workflow commands to stdout; keep them for assertions, out of the test output.
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  jest.restoreAllMocks()
  for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name]
  Object.assign(process.env, savedEnv)
  await service.close()
  await rm(root, { recursive: true, force: true })
})

async function writeTree(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), content)
  }
}

/** relative path → sha256 of every file under dir */
async function digestTree(dir: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    digests[path.relative(dir, full)] = createHash('sha256')
      .update(await readFile(full))
      .digest('hex')
  }
  return digests
}

function log(): string {
  return stdout.join('')
}

describe('@actions/cache against the fake', () => {
  const cacheDir = () => path.join(workspace, 'model-cache')
  const fill = (seed: string) =>
    writeTree(cacheDir(), {
      'weights.bin': randomBytes(300_000),
      'sub/seed.txt': seed,
      'sub/deeper/empty.txt': ''
    })

  test('save, delete, restore with an exact key gives identical bytes', async () => {
    const cache = await import('@actions/cache')
    await fill('exact')
    const before = await digestTree(cacheDir())

    const id = await cache.saveCache([cacheDir()], 'mlci-model-linux-abc')
    expect(id).toBe(service.cacheEntries()[0]?.id)
    await rm(cacheDir(), { recursive: true })

    expect(await cache.restoreCache([cacheDir()], 'mlci-model-linux-abc')).toBe('mlci-model-linux-abc')
    expect(await digestTree(cacheDir())).toEqual(before)
    expect(service.summary()).toEqual([
      'CreateCacheEntry 200',
      'PUT blob 201',
      'FinalizeCacheEntryUpload 200',
      'GetCacheEntryDownloadURL 200',
      'GET blob 200'
    ])
    const create = service.calls[0]
    expect(create).toMatchObject({ kind: 'twirp', service: 'github.actions.results.api.v1.CacheService' })
    expect(create?.kind === 'twirp' && Object.keys(create.body as object).sort()).toEqual(['key', 'version'])
  })

  test('a restore key hits the newest prefix match and returns its key', async () => {
    const cache = await import('@actions/cache')
    await fill('older')
    expect(await cache.saveCache([cacheDir()], 'mlci-model-linux-aaa')).toBeGreaterThan(0)
    await rm(cacheDir(), { recursive: true })
    await fill('newer')
    const newer = await digestTree(cacheDir())
    expect(await cache.saveCache([cacheDir()], 'mlci-model-linux-bbb')).toBeGreaterThan(0)
    await rm(cacheDir(), { recursive: true })

    const matched = await cache.restoreCache([cacheDir()], 'mlci-model-linux-zzz', [
      'mlci-data-',
      'mlci-model-'
    ])
    expect(matched).toBe('mlci-model-linux-bbb')
    expect(await digestTree(cacheDir())).toEqual(newer)
    expect(log()).toContain('Cache hit for restore-key: mlci-model-linux-bbb')
  })

  test('a miss, and a hit on another path list (another version), both return undefined', async () => {
    const cache = await import('@actions/cache')
    await fill('miss')
    expect(await cache.saveCache([cacheDir()], 'mlci-model-linux-abc')).toBeGreaterThan(0)

    expect(await cache.restoreCache([cacheDir()], 'mlci-other', ['mlci-data-'])).toBeUndefined()
    expect(
      await cache.restoreCache([cacheDir(), path.join(workspace, 'extra')], 'mlci-model-linux-abc')
    ).toBeUndefined()
    const lookups = service.calls.filter(
      call => call.kind === 'twirp' && call.method === 'GetCacheEntryDownloadURL'
    )
    expect(lookups.map(call => call.kind === 'twirp' && (call.response as { ok: boolean }).ok)).toEqual([
      false,
      false
    ])
    expect(service.summary()).not.toContain('GET blob 200')
  })

  test.each([
    ['conflict', 409],
    ['not-ok', 200]
  ] as const)(
    'a duplicate key (%s) is not saved, returns -1 and keeps the first entry',
    async (mode, status) => {
      await service.close()
      service = await startResultsService({ duplicateCacheKey: mode })
      process.env['ACTIONS_RESULTS_URL'] = service.url
      const cache = await import('@actions/cache')
      await fill('first')
      const first = await digestTree(cacheDir())
      expect(await cache.saveCache([cacheDir()], 'mlci-dup')).toBeGreaterThan(0)
      await fill('second')

      await expect(cache.saveCache([cacheDir()], 'mlci-dup')).resolves.toBe(-1)
      expect(log()).toContain(
        'Failed to save: Unable to reserve cache with key mlci-dup, another job may be creating this cache.'
      )
      expect(service.summary().filter(line => line.startsWith('CreateCacheEntry'))).toEqual([
        'CreateCacheEntry 200',
        `CreateCacheEntry ${status}`
      ])
      expect(service.cacheEntries()).toHaveLength(1)

      await rm(cacheDir(), { recursive: true })
      expect(await cache.restoreCache([cacheDir()], 'mlci-dup')).toBe('mlci-dup')
      expect(await digestTree(cacheDir())).toEqual(first)
    }
  )

  test('a 500 on CreateCacheEntry is retried and the save still succeeds', async () => {
    const cache = await import('@actions/cache')
    await fill('retry')
    service.failNext('CreateCacheEntry', { status: 500 })

    expect(await cache.saveCache([cacheDir()], 'mlci-retry')).toBeGreaterThan(0)
    expect(service.summary()).toEqual([
      'CreateCacheEntry 500',
      'CreateCacheEntry 200',
      'PUT blob 201',
      'FinalizeCacheEntryUpload 200'
    ])
    expect(log()).toContain(
      'Attempt 1 of 5 failed with error: Failed request: (500) Internal Server Error: injected fault'
    )
  })

  test('a 429 is not retried: the save gives up with -1 and reports the retry-after', async () => {
    const cache = await import('@actions/cache')
    await fill('rate')
    service.failNext('CreateCacheEntry', { status: 429, retryAfter: 60 })

    expect(await cache.saveCache([cacheDir()], 'mlci-rate')).toBe(-1)
    expect(service.summary()).toEqual(['CreateCacheEntry 429'])
    expect(log()).toContain('rate limit will reset in 60 seconds')
    expect(service.cacheEntries()).toHaveLength(0)
  })
})

describe('@actions/artifact against the fake', () => {
  test('upload, list, get, download (identical bytes), delete', async () => {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const source = path.join(workspace, 'out')
    await writeTree(source, {
      'metrics.json': JSON.stringify({ auc: 0.91 }),
      'model/weights.bin': randomBytes(2 * 1024 * 1024),
      'model/nested/config.yaml': 'layers: 3\n'
    })
    const files = ['metrics.json', 'model/weights.bin', 'model/nested/config.yaml'].map(name =>
      path.join(source, name)
    )

    const upload = await client.uploadArtifact('model', files, source)
    const id = upload.id ?? 0
    expect(id).toBeGreaterThan(0)
    expect(upload.size ?? 0).toBeGreaterThan(2 * 1024 * 1024)

    const { artifacts } = await client.listArtifacts()
    expect(artifacts).toEqual([expect.objectContaining({ name: 'model', id, size: upload.size })])
    const { artifact } = await client.getArtifact('model')
    expect(artifact).toMatchObject({ id, size: upload.size, digest: `sha256:${upload.digest}` })

    // The blob path has no .zip suffix, so the client unzips only because GET answers content-type application/zip.
    const target = path.join(root, 'downloaded')
    const download = await client.downloadArtifact(id, { path: target, expectedHash: artifact.digest })
    expect(download.digestMismatch).toBe(false)
    expect(await digestTree(target)).toEqual(await digestTree(source))

    expect(await client.deleteArtifact('model')).toEqual({ id })
    expect((await client.listArtifacts()).artifacts).toEqual([])
    expect(service.summary()).toEqual([
      'CreateArtifact 200',
      'PUT block 201',
      'PUT blocklist 201',
      'FinalizeArtifact 200',
      'ListArtifacts 200',
      'ListArtifacts 200',
      'ListArtifacts 200',
      'GetSignedArtifactURL 200',
      'GET blob 200',
      'ListArtifacts 200',
      'DeleteArtifact 200',
      'ListArtifacts 200'
    ])
  })
})

describe('the fake itself', () => {
  const twirp = (method: string, body: object, token?: string) =>
    fetch(new URL(`twirp/github.actions.results.api.v1.ArtifactService/${method}`, service.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body)
    })
  const ids = { workflow_run_backend_id: 'run-backend-1', workflow_job_run_backend_id: 'job-backend-1' }

  test('Twirp calls need a bearer token whose scp names the backend ids', async () => {
    const create = { ...ids, name: 'a', version: 7 }
    const anonymous = await twirp('CreateArtifact', create)
    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      { code: 'unauthenticated', msg: 'missing bearer token' }
    ])

    const otherRun = await twirp('CreateArtifact', create, makeRuntimeToken('run-backend-2', 'job-backend-1'))
    expect(otherRun.status).toBe(403)
    expect(await otherRun.json()).toMatchObject({ code: 'permission_denied' })

    const unknown = await twirp('MigrateArtifact', create, makeRuntimeToken())
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([404, 'bad_route'])
  })

  test('blocks are assembled in block-list order; tampered or expired URLs get 403', async () => {
    const created = await twirp('CreateArtifact', { ...ids, name: 'blocks', version: 7 }, makeRuntimeToken())
    const uploadUrl = ((await created.json()) as { signed_upload_url: string }).signed_upload_url
    const put = (query: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${uploadUrl}&${query}`, { method: 'PUT', body, headers })
    const blockId = (n: number) => Buffer.from(`block-${n}`).toString('base64')
    expect((await put(`comp=block&blockid=${encodeURIComponent(blockId(2))}`, 'two')).status).toBe(201)
    expect((await put(`comp=block&blockid=${encodeURIComponent(blockId(1))}`, 'one')).status).toBe(201)
    const list = `<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>${blockId(1)}</Latest><Latest>${blockId(2)}</Latest></BlockList>`
    expect((await put('comp=blocklist', list, { 'x-ms-blob-content-type': 'application/zip' })).status).toBe(
      201
    )

    const finalized = await twirp(
      'FinalizeArtifact',
      { ...ids, name: 'blocks', size: '6' },
      makeRuntimeToken()
    )
    expect(finalized.status).toBe(200)
    const signed = await twirp('GetSignedArtifactURL', { ...ids, name: 'blocks' }, makeRuntimeToken())
    const downloadUrl = ((await signed.json()) as { signed_url: string }).signed_url
    const download = await fetch(downloadUrl)
    expect([download.status, download.headers.get('content-type'), await download.text()]).toEqual([
      200,
      'application/zip',
      'onetwo'
    ])

    const tampered = new URL(downloadUrl)
    tampered.searchParams.set('se', '2999-01-01T00:00:00Z')
    expect((await fetch(tampered)).status).toBe(403)
    expect(
      (await fetch(downloadUrl, { method: 'PUT', body: 'x', headers: { 'x-ms-blob-type': 'BlockBlob' } }))
        .status
    ).toBe(403)
    clock.offsetMs = 2 * 3600 * 1000
    const expired = await fetch(downloadUrl)
    expect([expired.status, expired.headers.get('x-ms-error-code')]).toEqual([403, 'AuthenticationFailed'])
  })
})
