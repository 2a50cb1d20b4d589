import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'
import { writeFileAtomically as writeAtomically } from '../io/atomic-write.js'
import { withFileLock } from '../io/file-lock.js'
import type { BlobSource } from './blob-source.js'
import type { BlobOutcome, ContentStore } from './content-store.js'
import type { Content, Descriptor } from './descriptor.js'
import { jsonBytes } from './descriptor.js'
import { ANNOTATION_REF_NAME, OCI_INDEX } from './media-types.js'
import { createHash, randomBytes } from 'node:crypto'

interface LayoutIndex {
  schemaVersion: 2
  mediaType?: string
  manifests: Descriptor[]
}

/**
 * An OCI image layout on disk (image-spec image-layout.md): `oci-layout`, `index.json` and
 * `blobs/sha256/<hex>`; a tag is an `index.json` entry annotated `org.opencontainers.image.ref.name`, which
 * is what `skopeo copy oci:PATH:TAG` reads. Every file is written to a temporary name and renamed, so an
 * interrupted run never leaves a truncated blob or index behind.
 */
export class OciLayout implements ContentStore {
  readonly name: string

  constructor(private readonly root: string) {
    this.name = root
  }

  async pushBlob(blob: BlobSource): Promise<BlobOutcome> {
    const { digest, size } = blob.descriptor
    const target = await this.blobPath(digest)
    const existing = await stat(target).catch(() => undefined)
    if (existing?.size === size) return 'present'
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`
    const hash = createHash('sha256')
    try {
      const out = await open(temporary, 'w')
      try {
        await blob.read(0, size, async chunk => {
          hash.update(chunk)
          await out.write(chunk)
        })
      } finally {
        await out.close()
      }
      const written = `sha256:${hash.digest('hex')}`
      if (written !== digest) throw new Error(`blob ${digest} changed while it was copied (now ${written})`)
      await rename(temporary, target)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    return 'uploaded'
  }

  async pushManifest(
    content: Content,
    reference: string
  ): Promise<{ digest: string; subjectProcessed: boolean }> {
    const { digest } = content.descriptor
    const target = await this.blobPath(digest)
    await writeAtomically(target, content.bytes)
    if (!reference.startsWith('sha256:')) {
      // Jobs publishing into one layout at once would each write back the index they read, dropping the
      // others' tags: one read-modify-write at a time.
      await withFileLock(this.indexFile, async () => {
        const index = await this.readIndex()
        const manifests = index.manifests.filter(
          entry => entry.annotations?.[ANNOTATION_REF_NAME] !== reference
        )
        manifests.push({
          mediaType: content.descriptor.mediaType,
          digest,
          size: content.descriptor.size,
          annotations: { [ANNOTATION_REF_NAME]: reference }
        })
        await writeAtomically(
          this.indexFile,
          jsonBytes({ schemaVersion: 2, mediaType: OCI_INDEX, manifests })
        )
      })
    }
    return { digest, subjectProcessed: false }
  }

  async getManifest(reference: string): Promise<Content | undefined> {
    if (reference.startsWith('sha256:')) {
      const bytes = await readFile(await this.blobPath(reference)).catch(() => undefined)
      if (!bytes) return undefined
      const mediaType = (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType ?? ''
      return { descriptor: { mediaType, digest: reference, size: bytes.length }, bytes }
    }
    const index = await this.readIndex()
    const descriptor = index.manifests.find(entry => entry.annotations?.[ANNOTATION_REF_NAME] === reference)
    if (!descriptor) return undefined
    const bytes = await readFile(await this.blobPath(descriptor.digest))
    return {
      descriptor: { mediaType: descriptor.mediaType, digest: descriptor.digest, size: bytes.length },
      bytes
    }
  }

  async tags(): Promise<string[]> {
    const index = await this.readIndex()
    return index.manifests.flatMap(entry => entry.annotations?.[ANNOTATION_REF_NAME] ?? [])
  }

  private get indexFile(): string {
    return path.join(this.root, 'index.json')
  }

  private async readIndex(): Promise<LayoutIndex> {
    await this.initialise()
    const file = this.indexFile
    const index = this.parseLayoutFile(file, await readFile(file, 'utf8')) as Partial<LayoutIndex> | null
    if (index?.schemaVersion !== 2 || !Array.isArray(index.manifests))
      throw this.notALayout(file, 'is not an OCI image index (schemaVersion 2 with a manifests list)')
    return index as LayoutIndex
  }

  private parseLayoutFile(file: string, text: string): unknown {
    try {
      return JSON.parse(text)
    } catch {
      throw this.notALayout(file, 'is not JSON')
    }
  }

  /** The destination names a folder that holds something else: the user's to fix, never overwritten. */
  private notALayout(file: string, problem: string): UserError {
    return new UserError(
      `Input 'destination': oci-layout://${this.root} is not an OCI image layout 1.0.0: ${file} ${problem}. ` +
        'Name an empty or new folder, or one that an OCI tool (skopeo, oras, mlci) wrote.',
      { file }
    )
  }

  private initialised = false

  private async initialise(): Promise<void> {
    if (this.initialised) return
    const rootInfo = await stat(this.root).catch(() => undefined)
    if (rootInfo && !rootInfo.isDirectory())
      throw new UserError(
        `Input 'destination': oci-layout://${this.root} is a file, not a folder. Name a folder for the layout.`
      )
    const layoutFile = path.join(this.root, 'oci-layout')
    const existing = await readFile(layoutFile, 'utf8').catch(() => undefined)
    if (existing !== undefined) {
      const layout = this.parseLayoutFile(layoutFile, existing) as { imageLayoutVersion?: unknown } | null
      if (layout?.imageLayoutVersion !== '1.0.0')
        throw this.notALayout(
          layoutFile,
          `says imageLayoutVersion ${JSON.stringify(layout?.imageLayoutVersion)}`
        )
    }
    await mkdir(path.join(this.root, 'blobs', 'sha256'), { recursive: true })
    if (existing === undefined) await writeAtomically(layoutFile, jsonBytes({ imageLayoutVersion: '1.0.0' }))
    // Under the index's lock: another job may be writing its first tag into a new layout.
    await withFileLock(this.indexFile, async () => {
      if (!(await stat(this.indexFile).catch(() => undefined)))
        await writeAtomically(
          this.indexFile,
          jsonBytes({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] })
        )
    })
    this.initialised = true
  }

  private async blobPath(digest: string): Promise<string> {
    await this.initialise()
    const [algorithm, hex] = digest.split(':')
    if (algorithm !== 'sha256' || !/^[a-f0-9]{64}$/.test(hex ?? ''))
      throw new Error(`not a sha256 digest: ${digest}`)
    return path.join(this.root, 'blobs', 'sha256', hex)
  }
}
