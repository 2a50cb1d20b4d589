import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startReferrersRegistry } from '../../test/fakes/referrers-registry.js'
import { startTokenGate } from '../../test/fakes/token-gate.js'
import { startFaultProxy, type FaultRule } from '../../test/servers/fault-proxy.js'
import { startRegistry, type RunningRegistry } from '../../test/servers/registry.js'
import { runCommand, sha256sum } from '../../test/servers/run-command.js'
import { testIfBinaries } from '../../test/servers/test-if-binaries.js'
import { fileBlob } from './blob-source.js'
import { digestFile } from './file-digest.js'
import { ANNOTATION_TITLE, EVALUATION_RESULTS } from './media-types.js'
import { publishModel, type PublishRequest, type ReferrerRequest } from './model-publish.js'
import { OciClient, type OciClientOptions } from './oci-client.js'
import { referrersTag } from './referrers-index.js'
import { RegistryError } from './registry-error.js'

const registryTest = await testIfBinaries({ 'docker-registry': 'docker-registry', skopeo: 'skopeo' })

const KiB = 1024
let registry: RunningRegistry | undefined
let dir: string
const stops: (() => Promise<void>)[] = []

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mlci-oci-client-'))
})
afterAll(async () => {
  await Promise.all(stops.map(stop => stop()))
  await registry?.stop()
  await rm(dir, { recursive: true, force: true })
})

async function sharedRegistry(): Promise<RunningRegistry> {
  registry ??= await startRegistry()
  return registry
}

/** A model of one weights file of `size` random bytes and a small config, as publishModel takes it. */
async function model(
  name: string,
  size: number,
  results?: string
): Promise<PublishRequest & { file: string }> {
  const file = path.join(dir, `${name}.bin`)
  await writeFile(file, randomBytes(size))
  const config = path.join(dir, `${name}.json`)
  await writeFile(config, JSON.stringify({ name }))
  return {
    file,
    files: [
      { path: 'weights.bin', file },
      { path: 'config.json', file: config }
    ],
    metadata: { name, created: '2026-01-02T03:04:05Z', annotations: {} },
    tags: ['v1'],
    referrers: results ? [await resultsReferrer(results)] : []
  }
}

async function resultsReferrer(file: string): Promise<ReferrerRequest> {
  await writeFile(file, JSON.stringify({ accuracy: 0.9, file: path.basename(file) }))
  const descriptor = {
    mediaType: 'application/json',
    ...(await digestFile(file)),
    annotations: { [ANNOTATION_TITLE]: 'results.json' }
  }
  return { artifactType: EVALUATION_RESULTS, files: [fileBlob(file, descriptor)], annotations: {} }
}

function client(host: string, repository: string, options: Partial<OciClientOptions> = {}): OciClient {
  const c = new OciClient({ baseUrl: `http://${host}`, repository, retryBaseMs: 5, ...options })
  stops.push(async () => c.close())
  return c
}

/** The registry's own copy of a blob, read back by skopeo-independent means: its storage file. */
async function skopeoManifest(host: string, reference: string): Promise<{ layers: { digest: string }[] }> {
  const raw = await runCommand('skopeo', [
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${host}/${reference}`
  ])
  return JSON.parse(raw.toString()) as { layers: { digest: string }[] }
}

describe('chunked uploads through a connection that drops', () => {
  const CHUNKED = { chunkThresholdBytes: 64 * KiB, chunkBytes: 32 * KiB }

  registryTest('a PATCH dropped before it reaches the registry resumes from the upload Range', async () => {
    const { host } = await sharedRegistry()
    const proxy = await startFaultProxy(host, [{ method: 'PATCH', occurrence: 3, afterBytes: 0 }])
    stops.push(proxy.stop)
    const request = await model('resume', 200 * KiB)
    const logs: string[] = []
    const c = client(proxy.host, 'ml/resume', { ...CHUNKED, log: m => logs.push(m) })
    const result = await publishModel(c, request)
    expect(proxy.cuts()).toBe(1)
    expect(logs.join('\n')).toMatch(/resuming at byte 65536 of 204800/)
    // Resumed, not restarted: only the dropped chunk went twice.
    expect(c.bytesSent).toBeLessThan(200 * KiB + 32 * KiB + 2 * KiB)
    const manifest = await skopeoManifest(host, 'ml/resume:v1')
    expect(manifest.layers.map(l => l.digest)).toContain(await sha256sum(request.file))
    const raw = await runCommand('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${host}/ml/resume:v1`
    ])
    expect(result.digest).toBe(`sha256:${createHash('sha256').update(raw).digest('hex')}`)
  })

  registryTest(
    'a PATCH cut mid-body recovers (distribution cancels such a session: the upload restarts)',
    async () => {
      const { host } = await sharedRegistry()
      const proxy = await startFaultProxy(host, [{ method: 'PATCH', occurrence: 2, afterBytes: 10 * KiB }])
      stops.push(proxy.stop)
      const request = await model('cut', 150 * KiB)
      const c = client(proxy.host, 'ml/cut', CHUNKED)
      await publishModel(c, request)
      expect(proxy.cuts()).toBe(1)
      const manifest = await skopeoManifest(host, 'ml/cut:v1')
      expect(manifest.layers.map(l => l.digest)).toContain(await sha256sum(request.file))
      const copy = path.join(dir, 'cut-copy')
      await runCommand('skopeo', [
        'copy',
        '--src-tls-verify=false',
        `docker://${host}/ml/cut:v1`,
        `oci:${copy}:v1`
      ])
      const hex = (await sha256sum(request.file)).slice('sha256:'.length)
      expect(await readFile(path.join(copy, 'blobs/sha256', hex))).toEqual(await readFile(request.file))
    }
  )

  registryTest('a monolithic PUT cut mid-body is sent again', async () => {
    const { host } = await sharedRegistry()
    const proxy = await startFaultProxy(host, [
      { method: 'PUT', occurrence: 'every', afterBytes: 20 * KiB, limit: 1 }
    ])
    stops.push(proxy.stop)
    const request = await model('monolithic', 100 * KiB)
    await publishModel(client(proxy.host, 'ml/monolithic'), request)
    expect(proxy.cuts()).toBe(1)
    expect((await skopeoManifest(host, 'ml/monolithic:v1')).layers).toHaveLength(2)
  })

  registryTest('a registry that keeps failing fails the push clearly, and no tag exists', async () => {
    const { host } = await sharedRegistry()
    const rules: FaultRule[] = [{ method: 'PATCH', occurrence: 'every', afterBytes: 1 * KiB }]
    const proxy = await startFaultProxy(host, rules)
    stops.push(proxy.stop)
    const request = await model('broken', 100 * KiB)
    const c = client(proxy.host, 'ml/broken', { ...CHUNKED, retries: 2 })
    const failure = await publishModel(c, request).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RegistryError)
    expect((failure as Error).message).toMatch(
      /upload of blob sha256:[0-9a-f]{64} failed after 3 attempts .*nothing was tagged/
    )
    expect(await client(host, 'ml/broken').tags()).toEqual([])
  })
})

describe('content addressing', () => {
  registryTest(
    'blobs the repository has are not sent; blobs another repository has are mounted',
    async () => {
      const { host } = await sharedRegistry()
      const request = await model('mount', 20 * KiB)
      const first = await publishModel(client(host, 'ml/source'), request)
      expect(first.blobs).toEqual({ present: 0, mounted: 0, uploaded: 3 })
      const again = client(host, 'ml/source')
      expect((await publishModel(again, request)).blobs).toEqual({ present: 3, mounted: 0, uploaded: 0 })
      expect(again.bytesSent).toBe(0)
      const other = client(host, 'ml/other', { mountFrom: ['ml/source'] })
      const mounted = await publishModel(other, request)
      expect(mounted.blobs).toEqual({ present: 0, mounted: 3, uploaded: 0 })
      expect(other.bytesSent).toBe(0)
      expect((await skopeoManifest(host, 'ml/other:v1')).layers).toHaveLength(2)
    }
  )
})

describe('retries', () => {
  test('5xx and 429 answers are retried with backoff; a chunk refused with 503 is resent from the Range', async () => {
    const fake = await startReferrersRegistry()
    stops.push(fake.stop)
    fake.failNext(/^HEAD /, 503, 2)
    fake.failNext(/^POST .*uploads/, 429, 1)
    fake.failNext(/^PATCH /, 503, 1)
    fake.failNext(/^PUT .*manifests/, 502, 1)
    const request = await model('retried', 10 * KiB)
    const logs: string[] = []
    const c = client(fake.host, 'ml/retried', {
      chunkThresholdBytes: 4 * KiB,
      chunkBytes: 4 * KiB,
      log: m => logs.push(m)
    })
    const result = await publishModel(c, request)
    expect(fake.tags.get('v1')).toBe(result.digest)
    expect(logs.join('\n')).toMatch(/interrupted \(HTTP 503\); resuming at byte \d+ of 10240/)
    expect(fake.calls.filter(call => call.startsWith('PUT') && call.includes('manifests')).length).toBe(3)
  })

  test('a 4xx is not retried and names the registry’s error code', async () => {
    const fake = await startReferrersRegistry()
    stops.push(fake.stop)
    fake.failNext(/^POST .*uploads/, 403, 1)
    const request = await model('denied', 1 * KiB)
    await expect(publishModel(client(fake.host, 'ml/denied'), request)).rejects.toMatchObject({
      service: `the registry ${fake.host}`,
      status: 403,
      message: expect.stringMatching(/ml\/denied: could not POST .*UNAVAILABLE: try again\./),
      details: expect.objectContaining({ hint: expect.stringMatching(/Check the username and password/) })
    })
    expect(fake.tags.size).toBe(0)
  })
})

describe('authentication', () => {
  registryTest(
    'Basic auth against a registry with htpasswd; a wrong password is refused clearly',
    async () => {
      const secured = await startRegistry({ auth: true })
      stops.push(secured.stop)
      const request = await model('basic', 10 * KiB)
      await publishModel(client(secured.host, 'ml/basic', { credentials: secured.credentials }), request)
      const raw = await runCommand('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        `--creds=${secured.credentials!.username}:${secured.credentials!.password}`,
        `docker://${secured.host}/ml/basic:v1`
      ])
      expect(JSON.parse(raw.toString()).artifactType).toBe('application/vnd.cncf.model.manifest.v1+json')
      const wrong = client(secured.host, 'ml/basic', { credentials: { username: 'mlci', password: 'nope' } })
      await expect(wrong.ping()).rejects.toMatchObject({
        status: 401,
        message: expect.stringMatching(/UNAUTHORIZED/),
        details: expect.objectContaining({ hint: expect.stringMatching(/Check the username and password/) })
      })
      await expect(client(secured.host, 'ml/basic').ping()).rejects.toMatchObject({
        service: `the registry ${secured.host}`,
        message: expect.stringMatching(/requires credentials/)
      })
    }
  )

  registryTest('the Bearer token challenge, with a token that expires mid-push', async () => {
    const { host } = await sharedRegistry()
    const gate = await startTokenGate({
      upstream: host,
      username: 'robot',
      password: 's3cret',
      usesPerToken: 4
    })
    stops.push(gate.stop)
    const request = await model('bearer', 10 * KiB)
    const secrets: string[] = []
    const c = client(gate.host, 'ml/bearer', {
      credentials: { username: 'robot', password: 's3cret' },
      onSecret: s => secrets.push(s)
    })
    await publishModel(c, request)
    // More than one token: each stopped working after 4 requests and was refreshed.
    expect(gate.tokenRequests.length).toBeGreaterThan(2)
    expect(gate.tokenRequests.every(r => r.authorized && r.service === 'mlci-test-registry')).toBe(true)
    expect(gate.tokenRequests[0].scopes).toEqual(['repository:ml/bearer:pull,push'])
    expect(secrets).toHaveLength(gate.tokenRequests.length)
    expect((await skopeoManifest(host, 'ml/bearer:v1')).layers).toHaveLength(2)

    const refused = client(gate.host, 'ml/bearer', { credentials: { username: 'robot', password: 'wrong' } })
    await expect(refused.ping()).rejects.toMatchObject({
      service: expect.stringMatching(/^the token service /),
      message: expect.stringMatching(/refused user 'robot'/)
    })
  })
})

describe('referrers', () => {
  registryTest(
    'without a referrers API (distribution 2.8) the fallback tag index lists the results',
    async () => {
      const { host } = await sharedRegistry()
      const request = await model('fallback', 4 * KiB, path.join(dir, 'fallback-results.json'))
      const c = client(host, 'ml/fallback')
      const result = await publishModel(c, request)
      expect(await c.referrers(result.digest)).toBeUndefined()
      const index = JSON.parse(
        (
          await runCommand('skopeo', [
            'inspect',
            '--raw',
            '--tls-verify=false',
            `docker://${host}/ml/fallback:${referrersTag(result.digest)}`
          ])
        ).toString()
      ) as { manifests: { digest: string; artifactType: string }[] }
      expect(index.manifests).toEqual([
        expect.objectContaining({ digest: result.referrers[0].digest, artifactType: EVALUATION_RESULTS })
      ])
      // A second referrer is appended, the first kept; the same one again is not listed twice.
      const second = await resultsReferrer(path.join(dir, 'fallback-results-2.json'))
      const again = await publishModel(c, { ...request, referrers: [request.referrers[0], second] })
      expect(again.digest).toBe(result.digest)
      const after = JSON.parse(
        (
          await runCommand('skopeo', [
            'inspect',
            '--raw',
            '--tls-verify=false',
            `docker://${host}/ml/fallback:${referrersTag(result.digest)}`
          ])
        ).toString()
      ) as {
        manifests: unknown[]
      }
      expect(after.manifests).toHaveLength(2)
    }
  )

  test('with a referrers API the registry indexes the subject and no fallback tag is written', async () => {
    const fake = await startReferrersRegistry()
    stops.push(fake.stop)
    const request = await model('api', 4 * KiB, path.join(dir, 'api-results.json'))
    const c = client(fake.host, 'ml/api', { chunkThresholdBytes: 1 * KiB, chunkBytes: 1 * KiB })
    const result = await publishModel(c, request)
    expect([...fake.tags.keys()]).toEqual(['v1'])
    const referrers = await c.referrers(result.digest)
    expect(referrers).toEqual([
      expect.objectContaining({ digest: result.referrers[0].digest, artifactType: EVALUATION_RESULTS })
    ])
  })
})
