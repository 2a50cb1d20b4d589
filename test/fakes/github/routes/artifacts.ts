import { createHash } from 'node:crypto'
import { paginate } from '../pagination.js'
import { nodeId, repoApiUrl, type Urls } from '../representations.js'
import { notFound, repoOf, type Handler } from '../route.js'
import type { ArtifactRecord, RepoRecord } from '../state.js'

/** Artifacts of a workflow run, as actions/download-artifact and @actions/artifact's findBy read them. */
export const artifactRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': context => {
    const repo = repoOf(context)
    const { name, direction } = context.query
    const artifacts = [...repo.artifacts.values()]
      .filter(artifact => artifact.runId === context.params.run_id)
      .filter(artifact => name === undefined || artifact.name === name)
      .sort((a, b) => (direction === 'asc' ? a.id - b.id : b.id - a.id))
    const page = paginate(artifacts, context.query, context.requestUrl)
    return {
      status: 200,
      body: {
        total_count: artifacts.length,
        artifacts: page.items.map(artifact => artifactJson(context.urls, repo, artifact))
      },
      headers: page.headers
    }
  },

  // GitHub answers with a redirect to a short-lived signed blob URL; clients must not forward the token there.
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': context => {
    const repo = repoOf(context)
    const artifact = repo.artifacts.get(context.params.artifact_id)
    if (artifact === undefined) throw notFound()
    if (context.params.archive_format !== 'zip') throw notFound()
    return { status: 302, headers: { location: artifactBlobUrl(context.urls, artifact) } }
  }
}

/** The data plane: where the redirect points (served by the fake outside the API routes). */
function artifactBlobUrl(urls: Urls, artifact: ArtifactRecord): string {
  return `${urls.api}/_blob/artifacts/${artifact.id}.zip?sig=${blobSignature(artifact)}`
}

export function blobSignature(artifact: ArtifactRecord): string {
  return createHash('sha256').update(`${artifact.id}:${artifact.createdAt}`).digest('hex').slice(0, 32)
}

function artifactJson(urls: Urls, repo: RepoRecord, artifact: ArtifactRecord) {
  const api = repoApiUrl(urls, repo)
  const expires = new Date(Date.parse(artifact.createdAt) + 90 * 86_400_000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
  return {
    id: artifact.id,
    node_id: nodeId('Artifact', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.zip.length,
    url: `${api}/actions/artifacts/${artifact.id}`,
    archive_download_url: `${api}/actions/artifacts/${artifact.id}/zip`,
    expired: false,
    created_at: artifact.createdAt,
    updated_at: artifact.createdAt,
    expires_at: expires,
    digest: `sha256:${createHash('sha256').update(artifact.zip).digest('hex')}`,
    workflow_run: {
      id: artifact.runId,
      repository_id: repo.id,
      head_repository_id: repo.id,
      head_branch: artifact.headBranch,
      head_sha: artifact.headSha
    }
  }
}
