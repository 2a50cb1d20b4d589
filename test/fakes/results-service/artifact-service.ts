import { createHash } from 'node:crypto'
import type { BlobStore } from './blob-store.js'
import type { SignUrl } from './cache-service.js'
import {
  int64Field,
  stringField,
  timestampField,
  TwirpError,
  type TokenScope,
  type TwirpBody
} from './twirp.js'

/** github.actions.results.api.v1.ArtifactService (what @actions/artifact 2.x+ and upload-artifact v4+ call). */
export interface ArtifactRecord {
  id: number
  workflowRunBackendId: string
  workflowJobRunBackendId: string
  name: string
  mimeType: string
  blobPath: string
  createdAt: Date
  expiresAt?: Date
  finalized: boolean
  size?: number
  digest?: string
}

export class ArtifactService {
  private readonly artifacts: ArtifactRecord[] = []
  private nextId = 1

  constructor(
    private readonly blobs: BlobStore,
    private readonly signUrl: SignUrl,
    private readonly now: () => number
  ) {}

  list(): readonly ArtifactRecord[] {
    return this.artifacts
  }

  handle(method: string, body: TwirpBody, scope: TokenScope | undefined): object {
    switch (method) {
      case 'CreateArtifact':
        return this.create(body, scope)
      case 'FinalizeArtifact':
        return this.finalize(body, scope)
      case 'ListArtifacts':
        return this.listArtifacts(body, scope)
      case 'GetSignedArtifactURL':
        return this.signedUrl(body, scope)
      case 'DeleteArtifact':
        return this.delete(body, scope)
      default:
        throw new TwirpError(
          'bad_route',
          `no handler for path "/twirp/github.actions.results.api.v1.ArtifactService/${method}"`
        )
    }
  }

  /**
   * The request's backend ids must be the token's: the run always, the job for calls made on the job's own behalf
   * (create, finalize, list). Signed URL and delete name the artifact's job, which may be another job of the run.
   */
  private ids(body: TwirpBody, scope: TokenScope | undefined, checkJob: boolean): TokenScope {
    const run = stringField(body, 'workflow_run_backend_id', true) as string
    const job = stringField(body, 'workflow_job_run_backend_id', true) as string
    if (!scope) throw new TwirpError('permission_denied', 'token has no Actions.Results scope')
    if (run !== scope.workflowRunBackendId || (checkJob && job !== scope.workflowJobRunBackendId)) {
      throw new TwirpError('permission_denied', `token is not scoped to workflow run ${run} / job ${job}`)
    }
    return { workflowRunBackendId: run, workflowJobRunBackendId: job }
  }

  private visible(artifact: ArtifactRecord): boolean {
    return artifact.finalized && !(artifact.expiresAt && artifact.expiresAt.getTime() <= this.now())
  }

  private find(ids: TokenScope, name: string, finalized: boolean): ArtifactRecord {
    const found = this.artifacts.find(
      artifact =>
        artifact.workflowRunBackendId === ids.workflowRunBackendId &&
        artifact.workflowJobRunBackendId === ids.workflowJobRunBackendId &&
        artifact.name === name &&
        (finalized ? this.visible(artifact) : !artifact.finalized)
    )
    if (!found) throw new TwirpError('not_found', `artifact ${name} not found`)
    return found
  }

  private create(body: TwirpBody, scope: TokenScope | undefined): object {
    const ids = this.ids(body, scope, true)
    const name = stringField(body, 'name', true) as string
    if (!int64Field(body, 'version')) throw new TwirpError('invalid_argument', 'version is required')
    const run = ids.workflowRunBackendId
    if (this.artifacts.some(artifact => artifact.workflowRunBackendId === run && artifact.name === name)) {
      throw new TwirpError('already_exists', 'an artifact with this name already exists on the workflow run')
    }
    const id = this.nextId++
    const artifact: ArtifactRecord = {
      id,
      ...ids,
      name,
      mimeType: stringField(body, 'mime_type', false) ?? 'application/zip',
      blobPath: `/blob/actions-results/${encodeURIComponent(run)}/${encodeURIComponent(ids.workflowJobRunBackendId)}/artifacts/${id}`,
      createdAt: new Date(this.now()),
      expiresAt: timestampField(body, 'expires_at'),
      finalized: false
    }
    this.artifacts.push(artifact)
    return { ok: true, signed_upload_url: this.signUrl(artifact.blobPath, 'cw') }
  }

  /** Stricter than needed: size and sha256 are checked against the committed blob, so a truncated upload fails here. */
  private finalize(body: TwirpBody, scope: TokenScope | undefined): object {
    const artifact = this.find(this.ids(body, scope, true), stringField(body, 'name', true) as string, false)
    const blob = this.blobs.get(artifact.blobPath)
    if (!blob)
      throw new TwirpError('failed_precondition', `nothing was uploaded for artifact ${artifact.name}`)
    const size = int64Field(body, 'size')
    if (size !== BigInt(blob.data.length)) {
      throw new TwirpError(
        'invalid_argument',
        `size ${size} does not match the uploaded ${blob.data.length} bytes`
      )
    }
    const hash = stringField(body, 'hash', false)
    const digest = `sha256:${createHash('sha256').update(blob.data).digest('hex')}`
    if (hash !== undefined && hash !== digest) {
      throw new TwirpError('invalid_argument', `hash ${hash} does not match the uploaded blob (${digest})`)
    }
    Object.assign(artifact, { finalized: true, size: blob.data.length, digest: hash })
    return { ok: true, artifact_id: String(artifact.id) }
  }

  private listArtifacts(body: TwirpBody, scope: TokenScope | undefined): object {
    const run = this.ids(body, scope, true).workflowRunBackendId
    const nameFilter = stringField(body, 'name_filter', false)
    const idFilter = int64Field(body, 'id_filter')
    const artifacts = this.artifacts.filter(
      artifact =>
        artifact.workflowRunBackendId === run &&
        this.visible(artifact) &&
        (nameFilter === undefined || artifact.name === nameFilter) &&
        (idFilter === undefined || BigInt(artifact.id) === idFilter)
    )
    return {
      artifacts: artifacts.map(artifact => ({
        workflow_run_backend_id: artifact.workflowRunBackendId,
        workflow_job_run_backend_id: artifact.workflowJobRunBackendId,
        database_id: String(artifact.id),
        name: artifact.name,
        size: String(artifact.size),
        created_at: artifact.createdAt.toISOString(),
        ...(artifact.digest ? { digest: artifact.digest } : {})
      }))
    }
  }

  /** The signed URL carries the Content-Disposition (`rscd`): @actions/artifact names raw (unzipped) downloads from it. */
  private signedUrl(body: TwirpBody, scope: TokenScope | undefined): object {
    const artifact = this.find(this.ids(body, scope, false), stringField(body, 'name', true) as string, true)
    const fileName = artifact.mimeType === 'application/zip' ? `${artifact.name}.zip` : artifact.name
    const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')
    const rscd = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
    return { signed_url: this.signUrl(artifact.blobPath, 'r', rscd) }
  }

  private delete(body: TwirpBody, scope: TokenScope | undefined): object {
    const artifact = this.find(this.ids(body, scope, false), stringField(body, 'name', true) as string, true)
    this.artifacts.splice(this.artifacts.indexOf(artifact), 1)
    this.blobs.delete(artifact.blobPath)
    return { ok: true, artifact_id: String(artifact.id) }
  }
}
