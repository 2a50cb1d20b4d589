import { createHash } from 'node:crypto'

/** An OCI content descriptor (image-spec descriptor.md). */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
  data?: string
}

/** Bytes with their descriptor: a manifest, a config or a small file held in memory. */
export interface Content {
  descriptor: Descriptor
  bytes: Buffer
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

export function contentOf(mediaType: string, bytes: Buffer, extra: Partial<Descriptor> = {}): Content {
  return { descriptor: { mediaType, digest: sha256Digest(bytes), size: bytes.length, ...extra }, bytes }
}

/** The serialisation used for every manifest we write: keys in insertion order, no whitespace. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8')
}

/** Annotations with sorted keys, so the same metadata always serialises to the same bytes. */
export function sortedAnnotations(annotations: Record<string, string>): Record<string, string> | undefined {
  const keys = Object.keys(annotations).sort()
  if (keys.length === 0) return undefined
  return Object.fromEntries(keys.map(key => [key, annotations[key]]))
}
