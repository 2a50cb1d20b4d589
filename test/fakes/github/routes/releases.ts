import { createHash } from 'node:crypto'
import { paginate } from '../pagination.js'
import { nodeId, repoApiUrl, repoHtmlUrl, userJson, type Urls } from '../representations.js'
import { HttpError, notFound, repoOf, validationFailed, type Handler, type RouteContext } from '../route.js'
import type { ReleaseAssetRecord, ReleaseRecord, RepoRecord } from '../records.js'

/**
 * Releases as a workflow's GITHUB_TOKEN (contents: write) sees them: drafts are listed but have no tag yet, so
 * GET …/releases/tags/{tag} finds only published releases; assets upload to the `upload_url` a release names
 * (on github.com another host, here the fake itself); with the repository's immutable releases setting on, a
 * published release's assets can no longer change.
 */
export const releaseRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/releases': context => {
    const repo = repoOf(context)
    // Newest first, as GitHub lists them.
    const releases = [...repo.releases.values()].reverse()
    const page = paginate(releases, context.query, context.requestUrl)
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map(release => releaseJson(context.urls, repo, release))
    }
  },

  'POST /repos/{owner}/{repo}/releases': context => {
    const repo = repoOf(context)
    const body = context.body
    const tagName: string = body.tag_name
    const published = [...repo.releases.values()].find(
      release => !release.draft && release.tagName === tagName
    )
    if (published !== undefined) throw validationFailed('Release', 'tag_name', 'already_exists')
    const draft: boolean = body.draft ?? false
    const target: string = body.target_commitish ?? repo.defaultBranch
    if (!draft && !repo.tags.has(tagName)) createTag(context, repo, tagName, target)
    const at = context.state.now()
    const release: ReleaseRecord = {
      id: context.state.nextId(),
      tagName,
      targetCommitish: target,
      name: body.name ?? null,
      body: body.body ?? null,
      draft,
      prerelease: body.prerelease ?? false,
      immutable: !draft && repo.immutableReleases,
      author: context.identity,
      createdAt: at,
      publishedAt: draft ? null : at,
      updatedAt: at,
      assets: []
    }
    repo.releases.set(release.id, release)
    const json = releaseJson(context.urls, repo, release)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'GET /repos/{owner}/{repo}/releases/tags/{tag}': context => {
    const repo = repoOf(context)
    const release = [...repo.releases.values()].find(
      candidate => !candidate.draft && candidate.tagName === context.params.tag
    )
    if (release === undefined) throw notFound()
    return { status: 200, body: releaseJson(context.urls, repo, release) }
  },

  'PATCH /repos/{owner}/{repo}/releases/{release_id}': context => {
    const repo = repoOf(context)
    const release = releaseOf(context, repo)
    const body = context.body
    if (body.draft === true && !release.draft && release.immutable)
      throw validationFailed('Release', 'draft', 'custom', 'an immutable release cannot return to draft')
    if (body.tag_name !== undefined && body.tag_name !== release.tagName && release.immutable)
      throw validationFailed('Release', 'tag_name', 'custom', 'the tag of an immutable release cannot change')
    const tagName: string = body.tag_name ?? release.tagName
    const target: string = body.target_commitish ?? release.targetCommitish
    const publishing = release.draft && body.draft === false
    if (publishing) {
      const taken = [...repo.releases.values()].some(
        other => other !== release && !other.draft && other.tagName === tagName
      )
      if (taken) throw validationFailed('Release', 'tag_name', 'already_exists')
      if (!repo.tags.has(tagName)) createTag(context, repo, tagName, target)
    }
    release.tagName = tagName
    release.targetCommitish = target
    if (body.name !== undefined) release.name = body.name
    if (body.body !== undefined) release.body = body.body
    if (body.prerelease !== undefined) release.prerelease = body.prerelease
    if (body.draft !== undefined) release.draft = body.draft
    const at = context.state.now()
    if (publishing) {
      release.publishedAt = at
      release.immutable = repo.immutableReleases
    }
    release.updatedAt = at
    return { status: 200, body: releaseJson(context.urls, repo, release) }
  },

  'GET /repos/{owner}/{repo}/releases/{release_id}/assets': context => {
    const repo = repoOf(context)
    const release = releaseOf(context, repo)
    const page = paginate(release.assets, context.query, context.requestUrl)
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map(asset => assetJson(context.urls, repo, release, asset))
    }
  },

  'POST /repos/{owner}/{repo}/releases/{release_id}/assets': context => {
    const repo = repoOf(context)
    const release = releaseOf(context, repo)
    if (release.immutable) throw new HttpError(422, 'Cannot upload assets to an immutable release.')
    // GitHub needs the media type to serve the asset with; an upload without one is refused.
    if (context.contentType === undefined || context.contentType === '')
      throw validationFailed('ReleaseAsset', 'content_type', 'missing_field')
    const name: string = context.query.name
    if (release.assets.some(asset => asset.name === name))
      throw validationFailed('ReleaseAsset', 'name', 'already_exists')
    const at = context.state.now()
    const asset: ReleaseAssetRecord = {
      id: context.state.nextId(),
      name,
      label: context.query.label ?? null,
      contentType: context.contentType,
      data: context.body as Buffer,
      uploader: context.identity,
      createdAt: at,
      updatedAt: at
    }
    release.assets.push(asset)
    return { status: 201, body: assetJson(context.urls, repo, release, asset) }
  },

  'DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}': context => {
    const repo = repoOf(context)
    for (const release of repo.releases.values()) {
      const index = release.assets.findIndex(asset => asset.id === context.params.asset_id)
      if (index < 0) continue
      if (release.immutable) throw new HttpError(422, 'Cannot delete assets of an immutable release.')
      release.assets.splice(index, 1)
      return { status: 204 }
    }
    throw notFound()
  }
}

/** Publishing a release whose tag does not exist yet creates it on `target` (a branch or a commit). */
function createTag(context: RouteContext, repo: RepoRecord, tagName: string, target: string): void {
  const sha = context.state.resolveRef(repo, target)
  if (sha === undefined) throw validationFailed('Release', 'target_commitish', 'invalid')
  repo.tags.set(tagName, sha)
}

function releaseOf(context: RouteContext, repo: RepoRecord): ReleaseRecord {
  const release = repo.releases.get(context.params.release_id)
  if (release === undefined) throw notFound()
  return release
}

/** A published release whose tag holds the repository's immutable-releases protection. */
export function tagIsProtected(repo: RepoRecord, tagName: string): boolean {
  return [...repo.releases.values()].some(
    release => release.immutable && !release.draft && release.tagName === tagName
  )
}

function releaseJson(urls: Urls, repo: RepoRecord, release: ReleaseRecord) {
  const api = `${repoApiUrl(urls, repo)}/releases/${release.id}`
  const html = repoHtmlUrl(urls, repo)
  // A draft's page and archives are addressed by a placeholder until it is published, as on GitHub.
  const tagPath = release.draft ? `untagged-${release.id}` : encodeURIComponent(release.tagName)
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `${api}/assets{?name,label}`,
    html_url: `${html}/releases/tag/${tagPath}`,
    id: release.id,
    author: userJson(urls, release.author),
    node_id: nodeId('Release', release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    draft: release.draft,
    immutable: release.immutable,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    updated_at: release.updatedAt,
    published_at: release.publishedAt,
    assets: release.assets.map(asset => assetJson(urls, repo, release, asset)),
    tarball_url: release.draft ? null : `${repoApiUrl(urls, repo)}/tarball/${tagPath}`,
    zipball_url: release.draft ? null : `${repoApiUrl(urls, repo)}/zipball/${tagPath}`,
    body: release.body
  }
}

function assetJson(urls: Urls, repo: RepoRecord, release: ReleaseRecord, asset: ReleaseAssetRecord) {
  const tagPath = release.draft ? `untagged-${release.id}` : encodeURIComponent(release.tagName)
  return {
    url: `${repoApiUrl(urls, repo)}/releases/assets/${asset.id}`,
    id: asset.id,
    node_id: nodeId('ReleaseAsset', asset.id),
    name: asset.name,
    label: asset.label,
    uploader: userJson(urls, asset.uploader),
    content_type: asset.contentType,
    state: 'uploaded',
    size: asset.data.length,
    // GitHub computes a SHA-256 digest of every asset it stores.
    digest: `sha256:${createHash('sha256').update(asset.data).digest('hex')}`,
    download_count: 0,
    created_at: asset.createdAt,
    updated_at: asset.updatedAt,
    browser_download_url: `${repoHtmlUrl(urls, repo)}/releases/download/${tagPath}/${encodeURIComponent(asset.name)}`
  }
}
