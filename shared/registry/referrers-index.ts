import { jsonBytes, type Content, type Descriptor, contentOf } from './descriptor.js'
import { OCI_INDEX } from './media-types.js'

export interface ImageIndex {
  schemaVersion: 2
  mediaType: string
  manifests: Descriptor[]
}

export function emptyIndex(): ImageIndex {
  return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }
}

/**
 * The OCI 1.1 referrers tag schema (distribution-spec §"Referrers Tag Schema"): `<alg>-<ref>`, the algorithm
 * cut to 32 characters and the hex to 64, any character a tag cannot hold replaced by `-`.
 */
export function referrersTag(digest: string): string {
  const [algorithm, encoded] = digest.split(':')
  const clean = (text: string, max: number) => text.slice(0, max).replace(/[^a-zA-Z0-9_.-]/g, '-')
  return `${clean(algorithm, 32)}-${clean(encoded, 64)}`
}

/**
 * The tag that records one referrer of `subject` next to the fallback index: `sha256-<subject hex>.<the first 32
 * hex of the referrer's digest>` (104 characters; tags may have 128). distribution 2.8 and GHCR have no
 * conditional PUT, so two publishes that update the index at once can each overwrite the other's entry; these
 * tags are what a publish reads to put lost entries back (referrers-fallback.ts). cosign keeps its signatures
 * under `sha256-<hex>.sig` the same way; publish refuses user tags starting `sha256-`.
 */
export function referrerRecordTag(subject: string, referrer: string): string {
  return `${referrersTag(subject)}.${referrer.split(':')[1].slice(0, 32)}`
}

/** Whether `tag` is a referrer record of the subject whose fallback tag is `indexTag`. */
export function isReferrerRecord(tag: string, indexTag: string): boolean {
  return tag.startsWith(`${indexTag}.`) && /^[a-f0-9]{32}$/.test(tag.slice(indexTag.length + 1))
}

/** Whether the index lists the referrer a record tag names. */
export function listsRecord(index: ImageIndex, record: string): boolean {
  const prefix = `sha256:${record.slice(record.lastIndexOf('.') + 1)}`
  return index.manifests.some(entry => entry.digest.startsWith(prefix))
}

/**
 * A referrer's entry in the index, as the referrers API would list it: the manifest's descriptor with its
 * artifactType (or its config's media type) and its annotations.
 */
export function referrerDescriptor(manifest: Content): Descriptor {
  const parsed = JSON.parse(manifest.bytes.toString('utf8')) as {
    artifactType?: string
    config?: { mediaType?: string }
    annotations?: Record<string, string>
  }
  const { mediaType, digest, size } = manifest.descriptor
  const annotations = parsed.annotations ?? {}
  return {
    mediaType,
    digest,
    size,
    artifactType: parsed.artifactType ?? parsed.config?.mediaType,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {})
  }
}

export function parseIndex(bytes: Buffer, where: string): ImageIndex {
  const parsed = JSON.parse(bytes.toString('utf8')) as Partial<ImageIndex>
  if (parsed.schemaVersion !== 2 || !Array.isArray(parsed.manifests)) {
    throw new Error(`${where} is not an OCI image index`)
  }
  return { schemaVersion: 2, mediaType: parsed.mediaType ?? OCI_INDEX, manifests: parsed.manifests }
}

export function indexContent(index: ImageIndex): Content {
  return contentOf(OCI_INDEX, jsonBytes(index))
}
