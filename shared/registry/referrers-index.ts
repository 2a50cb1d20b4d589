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
 * The fallback index with one more referrer: its descriptor carries the referrer's artifactType and
 * annotations, as the referrers API would; a referrer already listed is not listed twice.
 */
export function addReferrer(
  index: ImageIndex,
  referrer: Descriptor
): { index: ImageIndex; changed: boolean } {
  if (index.manifests.some(entry => entry.digest === referrer.digest)) return { index, changed: false }
  return { index: { ...index, manifests: [...index.manifests, referrer] }, changed: true }
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
