import { fileBlob, memoryBlob, type BlobSource } from './blob-source.js'
import type { BlobOutcome, ContentStore } from './content-store.js'
import type { Content, Descriptor } from './descriptor.js'
import { EMPTY_DESCRIPTOR } from './media-types.js'
import { digestFile } from './file-digest.js'
import { buildModelArtifact, buildReferrer, type ModelFile, type ModelMetadata } from './model-manifest.js'
import { addToReferrersIndex } from './referrers-fallback.js'

export interface ReferrerRequest {
  artifactType: string
  /** Blobs whose descriptors carry `org.opencontainers.image.title`. */
  files: BlobSource[]
  annotations: Record<string, string>
}

export interface PublishRequest {
  /** The model's files: `path` inside the model, `file` on disk. */
  files: { path: string; file: string }[]
  metadata: ModelMetadata
  tags: string[]
  referrers: ReferrerRequest[]
  /**
   * Referrers that can only be made once the manifest digest is known (statements about the model, a BOM naming
   * it): asked for after the manifest is pushed, attached before any tag, so a failure here leaves no tag.
   */
  referrersOf?: (manifest: Descriptor) => Promise<ReferrerRequest[]>
  /** Blobs sent at once; a registry is usually happier with a few parallel uploads than with one. */
  concurrency?: number
  log?: (message: string) => void
}

interface PublishedReferrer {
  artifactType: string
  digest: string
  files: string[]
}

export interface PublishResult {
  digest: string
  size: number
  tags: string[]
  layers: ModelFile[]
  blobs: Record<BlobOutcome, number>
  /** Bytes of the blobs that had to be sent (not those present or mounted). */
  uploadedBytes: number
  referrers: PublishedReferrer[]
}

/**
 * Publishes a model to a registry or a layout, atomically as far as a registry allows: every blob is
 * confirmed present before the manifest is pushed, the manifest goes up by digest, its referrers next,
 * and only then the tags, so a tag never names an incomplete model and a failed run leaves no tag.
 * Files are hashed one after the other and each is pushed as soon as its digest is known, so hashing the
 * next file overlaps sending the last: a publish costs about the larger of the two, not their sum.
 */
export async function publishModel(store: ContentStore, request: PublishRequest): Promise<PublishResult> {
  const log = request.log ?? (() => {})
  const titles = new Map<string, string>([[EMPTY_DESCRIPTOR.digest, '(empty config)']])
  const blobs: Record<BlobOutcome, number> = { present: 0, mounted: 0, uploaded: 0 }
  let uploadedBytes = 0
  const limit = limiter(request.concurrency ?? 3)
  const push = (blob: BlobSource) =>
    limit(async () => {
      const outcome = await store.pushBlob(blob)
      blobs[outcome]++
      if (outcome === 'uploaded') uploadedBytes += blob.descriptor.size
      log(
        `${outcome.padEnd(8)} ${blob.descriptor.digest} ${titles.get(blob.descriptor.digest) ?? title(blob.descriptor)}`
      )
    })

  const layers: ModelFile[] = []
  const pushes: Promise<void>[] = []
  let failure: { error: unknown } | undefined
  for (const file of request.files) {
    if (failure) break
    const { digest, size } = await digestFile(file.file)
    layers.push({ path: file.path, digest, size })
    // Identical files share one blob: push each digest once.
    if (titles.has(digest)) continue
    titles.set(digest, file.path)
    const pushed = push(fileBlob(file.file, { mediaType: 'application/octet-stream', digest, size }))
    pushed.catch((error: unknown) => (failure ??= { error }))
    pushes.push(pushed)
  }
  await Promise.allSettled(pushes)
  if (failure) throw failure.error

  const artifact = buildModelArtifact(layers, request.metadata)
  titles.set(artifact.config.descriptor.digest, '(ModelPack config)')
  await push(memoryBlob(artifact.config))
  const manifest = artifact.manifest
  await store.pushManifest(manifest, manifest.descriptor.digest)

  const referrers: PublishedReferrer[] = []
  const about = request.referrersOf ? await request.referrersOf(manifest.descriptor) : []
  for (const referrer of [...request.referrers, ...about]) {
    referrers.push(await attachReferrer(store, manifest.descriptor, referrer, push))
  }
  for (const tag of request.tags) await store.pushManifest(manifest, tag)
  return {
    digest: manifest.descriptor.digest,
    size: manifest.descriptor.size,
    tags: request.tags,
    layers,
    blobs,
    uploadedBytes,
    referrers
  }
}

/**
 * Pushes an artifact whose `subject` is the model. When the store does not index subjects itself (no
 * `OCI-Subject` in the answer: GHCR, distribution, a layout), the OCI 1.1 fallback index tagged `sha256-<hex>`
 * is ours to keep, safely against other publishes of the same model (referrers-fallback.ts).
 */
async function attachReferrer(
  store: ContentStore,
  subject: Descriptor,
  referrer: ReferrerRequest,
  push: (blob: BlobSource) => Promise<void>
): Promise<PublishedReferrer> {
  const empty: Content = { descriptor: EMPTY_DESCRIPTOR, bytes: Buffer.from('{}') }
  for (const blob of [memoryBlob(empty), ...referrer.files]) await push(blob)
  const manifest = buildReferrer(
    referrer.artifactType,
    referrer.files.map(file => ({ descriptor: file.descriptor })),
    subject,
    referrer.annotations
  )
  const { subjectProcessed } = await store.pushManifest(manifest, manifest.descriptor.digest)
  if (!subjectProcessed) await addToReferrersIndex(store, subject, manifest)
  return {
    artifactType: referrer.artifactType,
    digest: manifest.descriptor.digest,
    files: referrer.files.map(file => title(file.descriptor))
  }
}

function title(descriptor: Descriptor): string {
  return descriptor.annotations?.['org.opencontainers.image.title'] ?? ''
}

/** Runs at most `n` tasks at a time, in the order they were asked for. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async task => {
    // A finishing task hands its slot straight to the next waiting one.
    if (running >= n) await new Promise<void>(resolve => waiting.push(resolve))
    else running++
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}
