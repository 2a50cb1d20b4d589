import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startRegistry, type RunningRegistry } from '../../test/servers/registry.js'
import { testIfBinaries } from '../../test/servers/test-if-binaries.js'
import type { ContentStore } from './content-store.js'
import { contentOf, jsonBytes, type Descriptor } from './descriptor.js'
import { EMPTY_DESCRIPTOR, OCI_MANIFEST } from './media-types.js'
import { memoryBlob } from './blob-source.js'
import { buildReferrer } from './model-manifest.js'
import { OciClient } from './oci-client.js'
import { OciLayout } from './oci-layout.js'
import { addToReferrersIndex } from './referrers-fallback.js'
import { emptyIndex, indexContent, parseIndex, referrerDescriptor, referrersTag } from './referrers-index.js'
import { RegistryError } from './registry-error.js'

const registryTest = await testIfBinaries({ 'docker-registry': 'docker-registry' })

let dir: string
let registry: RunningRegistry | undefined
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mlci-referrers-fallback-'))
})
afterAll(async () => {
  await registry?.stop()
  await rm(dir, { recursive: true, force: true })
})

const noPause = () => Promise.resolve()
const subject: Descriptor = contentOf(OCI_MANIFEST, jsonBytes({ schemaVersion: 2, model: 'm' })).descriptor
const referrer = (n: number) =>
  buildReferrer('application/x.card', [], subject, { 'org.opencontainers.image.title': `card-${n}.md` })

async function listed(store: ContentStore): Promise<string[]> {
  const index = await store.getManifest(referrersTag(subject.digest))
  return parseIndex(index!.bytes, 'index')
    .manifests.map(m => m.annotations?.['org.opencontainers.image.title'] ?? '')
    .sort()
}

/** A write that another publish overwrote with an index it had read before ours was in it. */
async function loseUpdates(store: ContentStore, keep: number[]): Promise<void> {
  const index = { ...emptyIndex(), manifests: keep.map(n => referrerDescriptor(referrer(n))) }
  await store.pushManifest(indexContent(index), referrersTag(subject.digest))
}

describe.each([
  ['an OCI layout', async () => new OciLayout(path.join(dir, `layout-${Math.random()}`)) as ContentStore],
  [
    'distribution 2.8',
    async () => {
      registry ??= await startRegistry()
      return new OciClient({ baseUrl: registry.url, repository: `acme/r${Date.now()}`, retryBaseMs: 5 })
    }
  ]
])('the referrers fallback index in %s', (name, open) => {
  const maybe = name === 'distribution 2.8' ? registryTest : test

  maybe('entries another publish overwrote are put back by the next update', async () => {
    const store = await open()
    // The referrers' config, which a registry wants present before a manifest names it.
    await store.pushBlob(memoryBlob({ descriptor: EMPTY_DESCRIPTOR, bytes: Buffer.from('{}') }))
    await addToReferrersIndex(store, subject, referrer(1), { pause: noPause })
    await addToReferrersIndex(store, subject, referrer(2), { pause: noPause })
    expect(await listed(store)).toEqual(['card-1.md', 'card-2.md'])
    await loseUpdates(store, [2])
    expect(await listed(store)).toEqual(['card-2.md'])
    await addToReferrersIndex(store, subject, referrer(3), { pause: noPause })
    expect(await listed(store)).toEqual(['card-1.md', 'card-2.md', 'card-3.md'])
    if (store instanceof OciClient) store.close()
  })
})

test('an index that never keeps what is written fails after the rounds allowed, naming the record', async () => {
  const layout = new OciLayout(path.join(dir, 'never'))
  // Every write of the index is lost, as if another publish always overwrote it at once.
  const store: ContentStore = {
    name: layout.name,
    pushBlob: blob => layout.pushBlob(blob),
    pushManifest: (content, reference) =>
      reference === referrersTag(subject.digest)
        ? Promise.resolve({ digest: content.descriptor.digest, subjectProcessed: false })
        : layout.pushManifest(content, reference),
    getManifest: reference => layout.getManifest(reference),
    tags: () => layout.tags()
  }
  const error = await addToReferrersIndex(store, subject, referrer(1), { attempts: 3, pause: noPause }).catch(
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(RegistryError)
  expect((error as Error).message).toMatch(
    /still changing under other publishes after 3 rounds; this referrer is recorded as sha256-[0-9a-f]{64}\.[0-9a-f]{32}/
  )
})
