import type { Content, Descriptor } from './descriptor.js'
import { parseIndex, referrersTag } from './referrers-index.js'

/**
 * Sigstore bundles stored as OCI referrers of a model, as `gh attestation verify --bundle-from-oci` and cosign read
 * them: a manifest whose artifactType is the bundle's media type (`application/vnd.dev.sigstore.bundle.v0.3+json`)
 * with the bundle JSON as its layer. Read from the referrers API, or from the fallback tag
 * (`sha256-<hex>`) on registries without it (distribution 2.8, GHCR). The bundles are only fetched here: the
 * caller verifies them, so a registry can withhold evidence but not forge it.
 */
export interface ReferrerSource {
  referrers(digest: string): Promise<Descriptor[] | undefined>
  getManifest(reference: string): Promise<Content | undefined>
  getBlob(digest: string, maxBytes: number): Promise<Buffer>
}

const SIGSTORE_BUNDLE = 'application/vnd.dev.sigstore.bundle'
/** A bundle is a few KiB; a certificate chain and a few log entries stay well under this. */
const MAX_BUNDLE_BYTES = 1024 * 1024
/** More referrer bundles than any honest model has; the rest are not read. */
const MAX_BUNDLES = 50

export async function referrerBundles(
  source: ReferrerSource,
  subject: string
): Promise<{ bundle: unknown; source: string }[]> {
  let descriptors = await source.referrers(subject)
  if (descriptors === undefined) {
    const index = await source.getManifest(referrersTag(subject))
    descriptors =
      index === undefined ? [] : parseIndex(index.bytes, `the referrers tag of ${subject}`).manifests
  }
  const bundles: { bundle: unknown; source: string }[] = []
  for (const descriptor of descriptors.filter(entry => entry.artifactType?.startsWith(SIGSTORE_BUNDLE))) {
    if (bundles.length >= MAX_BUNDLES) break
    const manifest = await source.getManifest(descriptor.digest)
    if (manifest === undefined) continue
    const layers = (JSON.parse(manifest.bytes.toString('utf8')) as { layers?: Descriptor[] }).layers ?? []
    const layer = layers.find(entry => entry.mediaType?.startsWith(SIGSTORE_BUNDLE))
    if (layer === undefined || layer.size > MAX_BUNDLE_BYTES) continue
    const bytes = await source.getBlob(layer.digest, MAX_BUNDLE_BYTES)
    try {
      bundles.push({
        bundle: JSON.parse(bytes.toString('utf8')),
        source: `OCI referrer ${descriptor.digest}`
      })
    } catch {
      bundles.push({ bundle: undefined, source: `OCI referrer ${descriptor.digest}` })
    }
  }
  return bundles
}
