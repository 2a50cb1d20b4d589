import type { ContentStore } from './content-store.js'
import type { Content, Descriptor } from './descriptor.js'
import {
  emptyIndex,
  indexContent,
  isReferrerRecord,
  listsRecord,
  parseIndex,
  referrerDescriptor,
  referrerRecordTag,
  referrersTag,
  type ImageIndex
} from './referrers-index.js'
import { RegistryError } from './registry-error.js'

export interface FallbackOptions {
  /** Rounds of read, merge, write before giving up. */
  attempts?: number
  /** Waits before a round re-reads what it wrote; random, so concurrent writers spread out. */
  pause?: (round: number) => Promise<void>
}

const ATTEMPTS = 12

/**
 * Adds `referrer` (a manifest whose subject is `subject`) to the OCI 1.1 referrers fallback index, the image
 * index tagged `sha256-<hex>`, for a store that does not index subjects itself (GHCR, distribution 2.8, a layout).
 *
 * Neither distribution 2.8 nor GHCR has a conditional PUT, so a read-modify-write of that one tag loses entries
 * when publishes overlap (5 of 10 in a matrix of ten). And checking that our own entry survived is not enough:
 * a writer that read before ours was written can overwrite it after we checked. So every referrer is first
 * recorded under a tag of its own (referrerRecordTag), which no one else writes; then rounds of "read the index
 * and the records, write the index with any record it lacks" run until a read finds every record listed. The
 * last write to the index is followed by its writer's read, which puts back whatever that write dropped, and a
 * writer that finished earlier had its record listed by then or saw it written into the index after: so when
 * every publish has returned, the index lists every referrer. Bounded: past `attempts` rounds this fails, and
 * the record tag lets the next publish to the subject repair the index.
 */
export async function addToReferrersIndex(
  store: ContentStore,
  subject: Descriptor,
  referrer: Content,
  options: FallbackOptions = {}
): Promise<void> {
  const tag = referrersTag(subject.digest)
  await store.pushManifest(referrer, referrerRecordTag(subject.digest, referrer.descriptor.digest))
  const attempts = options.attempts ?? ATTEMPTS
  const pause = options.pause ?? randomPause
  for (let round = 0; round < attempts; round++) {
    if (round > 0) await pause(round)
    const current = await store.getManifest(tag)
    const index = current ? parseIndex(current.bytes, `${store.name}:${tag}`) : emptyIndex()
    const missing = (await store.tags()).filter(t => isReferrerRecord(t, tag) && !listsRecord(index, t))
    if (missing.length === 0) return
    const added: Descriptor[] = []
    for (const record of missing) {
      // Our own referrer is at hand; another publish's is read back from its record.
      const content =
        record === referrerRecordTag(subject.digest, referrer.descriptor.digest)
          ? referrer
          : await store.getManifest(record)
      if (content) added.push(referrerDescriptor(content))
    }
    await store.pushManifest(indexContent(merged(index, added)), tag)
  }
  throw new RegistryError(
    store.name,
    `the referrers index ${tag} was still changing under other publishes after ${attempts} rounds; this referrer is recorded as ${referrerRecordTag(subject.digest, referrer.descriptor.digest)}, and the next publish of this model lists it.`,
    { hint: 'Retry the job, or publish this model from fewer jobs at once.' }
  )
}

function merged(index: ImageIndex, added: Descriptor[]): ImageIndex {
  const known = new Set(index.manifests.map(entry => entry.digest))
  return { ...index, manifests: [...index.manifests, ...added.filter(entry => !known.has(entry.digest))] }
}

/** 20 to 100 ms, then growing: enough for a concurrent write to land between our write and our check. */
function randomPause(round: number): Promise<void> {
  const ms = Math.min(2000, (20 + Math.random() * 80) * 1.5 ** (round - 1))
  return new Promise(resolve => setTimeout(resolve, ms))
}
