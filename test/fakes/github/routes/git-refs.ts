import { repoApiUrl, nodeId, type Urls } from '../representations.js'
import { HttpError, notFound, repoOf, validationFailed, type Handler } from '../route.js'
import type { RepoRecord } from '../records.js'
import { tagIsProtected } from './releases.js'

/**
 * Branches and lightweight tags as git references. `{ref}` is `heads/<branch>` or `tags/<tag>` without the
 * `refs/` prefix; a client may send its slash as `%2F` (Octokit does), which the router decodes.
 */
export const gitRefRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/git/ref/{ref}': context => {
    const repo = repoOf(context)
    const ref = fullRef(context.params.ref)
    const sha = refTarget(repo, ref)
    if (sha === undefined) throw notFound()
    return { status: 200, body: refJson(context.urls, repo, ref, sha) }
  },

  // Every reference whose name starts with `refs/<ref>`, sorted by name; [] when none does.
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': context => {
    const repo = repoOf(context)
    const prefix = fullRef(context.params.ref)
    const refs = allRefs(repo)
      .filter(([name]) => name.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return { status: 200, body: refs.map(([name, sha]) => refJson(context.urls, repo, name, sha)) }
  },

  'POST /repos/{owner}/{repo}/git/refs': context => {
    const repo = repoOf(context)
    const ref: string = context.body.ref
    const sha: string = context.body.sha
    // GitHub wants the full name here, and at least two slashes.
    if (!/^refs\/(heads|tags)\/[^/].*/.test(ref)) throw new HttpError(422, 'Reference name is not valid')
    if (!repo.commits.has(sha)) throw new HttpError(422, 'Object does not exist')
    if (refTarget(repo, ref) !== undefined) throw new HttpError(422, 'Reference already exists')
    setRef(repo, ref, sha)
    const json = refJson(context.urls, repo, ref, sha)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': context => {
    const repo = repoOf(context)
    const ref = fullRef(context.params.ref)
    const current = refTarget(repo, ref)
    if (current === undefined)
      throw validationFailed('Reference', 'ref', 'missing', 'Reference does not exist')
    const sha: string = context.body.sha
    if (!repo.commits.has(sha)) throw new HttpError(422, 'Object does not exist')
    if (ref.startsWith('refs/tags/') && tagIsProtected(repo, ref.slice('refs/tags/'.length)))
      throw new HttpError(422, 'Cannot update a tag that belongs to an immutable release.')
    // Without force, only a fast-forward: the new commit must descend from the current one.
    if (context.body.force !== true && !context.state.ancestors(repo, sha).includes(current))
      throw new HttpError(422, 'Update is not a fast forward')
    setRef(repo, ref, sha)
    return { status: 200, body: refJson(context.urls, repo, ref, sha) }
  }
}

function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/${ref}`
}

function allRefs(repo: RepoRecord): [string, string][] {
  return [
    ...[...repo.branches].map(([name, sha]): [string, string] => [`refs/heads/${name}`, sha]),
    ...[...repo.tags].map(([name, sha]): [string, string] => [`refs/tags/${name}`, sha])
  ]
}

function refTarget(repo: RepoRecord, ref: string): string | undefined {
  if (ref.startsWith('refs/heads/')) return repo.branches.get(ref.slice('refs/heads/'.length))
  if (ref.startsWith('refs/tags/')) return repo.tags.get(ref.slice('refs/tags/'.length))
  return undefined
}

function setRef(repo: RepoRecord, ref: string, sha: string): void {
  if (ref.startsWith('refs/heads/')) repo.branches.set(ref.slice('refs/heads/'.length), sha)
  else repo.tags.set(ref.slice('refs/tags/'.length), sha)
}

function refJson(urls: Urls, repo: RepoRecord, ref: string, sha: string) {
  const api = repoApiUrl(urls, repo)
  return {
    ref,
    node_id: nodeId('Ref', `${repo.id}:${ref}`),
    url: `${api}/git/${ref}`,
    // Lightweight references point at commits; the fake keeps no annotated tag objects.
    object: { type: 'commit', sha, url: `${api}/git/commits/${sha}` }
  }
}
