import { paginate } from '../pagination.js'
import { nodeId, repoApiUrl, repositoryJson, userJson, type Urls } from '../representations.js'
import { HttpError, repoOf, type Handler, type RouteContext } from '../route.js'
import type { RepoRecord, StatusRecord } from '../records.js'

// GitHub rejects longer commit status descriptions instead of truncating them.
const MAX_DESCRIPTION = 140

export const statusRoutes: Record<string, Handler> = {
  'POST /repos/{owner}/{repo}/statuses/{sha}': context => {
    const repo = repoOf(context)
    const sha: string = context.params.sha
    if (!repo.commits.has(sha)) throw new HttpError(422, `No commit found for SHA: ${sha}`)
    const description: string | null = context.body.description ?? null
    if (description !== null && description.length > MAX_DESCRIPTION) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [
          {
            resource: 'Status',
            code: 'custom',
            field: 'description',
            message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`
          }
        ]
      })
    }
    const at = context.state.now()
    const status: StatusRecord = {
      id: context.state.nextId(),
      sha,
      state: context.body.state,
      targetUrl: context.body.target_url ?? null,
      description,
      context: context.body.context,
      creator: context.identity,
      createdAt: at,
      updatedAt: at
    }
    repo.statuses.push(status)
    const json = statusJson(context.urls, repo, status)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/statuses': context => {
    const repo = repoOf(context)
    const statuses = statusesNewestFirst(repo, shaOf(context, repo))
    const page = paginate(statuses, context.query, context.requestUrl)
    return {
      status: 200,
      body: page.items.map(status => statusJson(context.urls, repo, status)),
      headers: page.headers
    }
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/status': context => {
    const repo = repoOf(context)
    const sha = shaOf(context, repo)
    const latest = latestStatusPerContext(repo, sha)
    const page = paginate(latest, context.query, context.requestUrl)
    const api = repoApiUrl(context.urls, repo)
    return {
      status: 200,
      headers: page.headers,
      body: {
        state: combinedState(latest),
        statuses: page.items.map(status => {
          const { creator: _creator, ...simple } = statusJson(context.urls, repo, status)
          return simple
        }),
        sha,
        total_count: latest.length,
        repository: repositoryJson(context.urls, repo),
        commit_url: `${api}/commits/${sha}`,
        url: `${api}/commits/${sha}/status`
      }
    }
  }
}

/** The newest status of each context, the way the combined status and deployments see a commit. */
export function latestStatusPerContext(repo: RepoRecord, sha: string): StatusRecord[] {
  return statusesNewestFirst(repo, sha).filter(
    (status, index, all) => all.findIndex(other => other.context === status.context) === index
  )
}

/** failure if any context errored or failed, pending if any is pending or there are none, else success. */
function combinedState(latest: StatusRecord[]): 'failure' | 'pending' | 'success' {
  if (latest.some(status => status.state === 'error' || status.state === 'failure')) return 'failure'
  if (latest.length === 0 || latest.some(status => status.state === 'pending')) return 'pending'
  return 'success'
}

function statusesNewestFirst(repo: RepoRecord, sha: string): StatusRecord[] {
  return repo.statuses.filter(status => status.sha === sha).reverse()
}

function shaOf(context: RouteContext, repo: RepoRecord): string {
  const sha = context.state.resolveRef(repo, context.params.ref)
  if (sha === undefined) throw new HttpError(404, `No commit found for SHA: ${context.params.ref}`)
  return sha
}

function statusJson(urls: Urls, repo: RepoRecord, status: StatusRecord) {
  return {
    url: `${repoApiUrl(urls, repo)}/statuses/${status.sha}`,
    avatar_url: userJson(urls, status.creator).avatar_url,
    id: status.id,
    node_id: nodeId('StatusContext', status.id),
    state: status.state,
    description: status.description,
    target_url: status.targetUrl,
    context: status.context,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    creator: userJson(urls, status.creator)
  }
}
