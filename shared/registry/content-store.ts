import type { BlobSource } from './blob-source.js'
import type { Content } from './descriptor.js'

/** How a blob reached the store: already there, mounted from another repository, or sent. */
export type BlobOutcome = 'present' | 'mounted' | 'uploaded'

/**
 * Where a model is published: a registry (`OciClient`) or an image layout on disk (`OciLayout`).
 * One publishing routine (`publishModel`) drives either.
 */
export interface ContentStore {
  /** For logs and errors: `HOST/REPOSITORY` or the layout's path. */
  readonly name: string
  pushBlob(blob: BlobSource): Promise<BlobOutcome>
  /** `subjectProcessed` is true when the store indexed the manifest's `subject` itself (OCI-Subject). */
  pushManifest(content: Content, reference: string): Promise<{ digest: string; subjectProcessed: boolean }>
  getManifest(reference: string): Promise<Content | undefined>
  /** Every tag of the repository (or the layout). */
  tags(): Promise<string[]>
}
