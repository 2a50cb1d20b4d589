import { paginate } from '../pagination.js'
import { commitJson, repoApiUrl, repoHtmlUrl, repositoryJson, userJson } from '../representations.js'
import { HttpError, notFound, repoOf, type Handler, type RouteContext } from '../route.js'
import type { RepoRecord } from '../records.js'

export const repoRoutes: Record<string, Handler> = {
  'GET /user': context => {
    const user = context.identity
    // GITHUB_TOKEN and other installation tokens have no user behind them.
    if (user.type === 'Bot') throw new HttpError(403, 'Resource not accessible by integration')
    return {
      status: 200,
      body: {
        ...userJson(context.urls, user),
        name: user.name,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        twitter_username: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: user.createdAt,
        updated_at: user.createdAt,
        private_gists: 0,
        total_private_repos: 0,
        owned_private_repos: 0,
        disk_usage: 0,
        collaborators: 0,
        two_factor_authentication: true,
        plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 }
      }
    }
  },

  'GET /repos/{owner}/{repo}': context => ({
    status: 200,
    body: repositoryJson(context.urls, repoOf(context), 'full')
  }),

  // Commits reachable from `sha` (a branch or a commit; the default branch when absent), newest first.
  'GET /repos/{owner}/{repo}/commits': context => {
    const repo = repoOf(context)
    const start = refOf(context, repo, context.query.sha ?? repo.defaultBranch)
    const history = context.state.ancestors(repo, start)
    const page = paginate(history, context.query, context.requestUrl)
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map(sha => commitJson(context.urls, repo, repo.commits.get(sha)!))
    }
  },

  'GET /repos/{owner}/{repo}/compare/{basehead}': context => {
    const repo = repoOf(context)
    const basehead: string = context.params.basehead
    const [baseRef, headRef] = basehead.split('...')
    if (baseRef === undefined || headRef === undefined || baseRef === '' || headRef === '') throw notFound()
    const base = refOf(context, repo, baseRef)
    const head = refOf(context, repo, headRef)
    const baseAncestors = context.state.ancestors(repo, base)
    const headAncestors = context.state.ancestors(repo, head)
    const mergeBase = headAncestors.find(sha => baseAncestors.includes(sha))
    if (mergeBase === undefined)
      throw new HttpError(404, `No common ancestor between ${baseRef} and ${headRef}.`)
    // Oldest first, as GitHub lists them.
    const ahead = headAncestors.filter(sha => !baseAncestors.includes(sha)).reverse()
    const behind = baseAncestors.filter(sha => !headAncestors.includes(sha))
    // Without page/per_page GitHub returns up to 250 commits in one response; with them, pages of 30.
    const paginated =
      context.requestUrl.searchParams.has('page') || context.requestUrl.searchParams.has('per_page')
    const page = paginated
      ? paginate(ahead, context.query, context.requestUrl)
      : { items: ahead.slice(0, 250), headers: {} }
    const commit = (sha: string) => commitJson(context.urls, repo, repo.commits.get(sha)!)
    const html = repoHtmlUrl(context.urls, repo)
    const owner = repo.owner.login
    return {
      status: 200,
      headers: page.headers,
      body: {
        url: `${repoApiUrl(context.urls, repo)}/compare/${basehead}`,
        html_url: `${html}/compare/${basehead}`,
        permalink_url: `${html}/compare/${owner}:${base.slice(0, 7)}...${owner}:${head.slice(0, 7)}`,
        diff_url: `${html}/compare/${basehead}.diff`,
        patch_url: `${html}/compare/${basehead}.patch`,
        base_commit: commit(base),
        merge_base_commit: commit(mergeBase),
        status:
          ahead.length === 0
            ? behind.length === 0
              ? 'identical'
              : 'behind'
            : behind.length === 0
              ? 'ahead'
              : 'diverged',
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: page.items.map(commit),
        // The fake keeps no trees, so there are never changed files to list.
        files: []
      }
    }
  }
}

/** A compare endpoint ref: `ref` or `owner:ref` (only this repository's owner; forks are not modelled). */
function refOf(context: RouteContext, repo: RepoRecord, ref: string): string {
  const [owner, name] = ref.includes(':') ? (ref.split(':', 2) as [string, string]) : [repo.owner.login, ref]
  const sha =
    owner.toLowerCase() === repo.owner.login.toLowerCase() ? context.state.resolveRef(repo, name) : undefined
  if (sha === undefined) throw notFound()
  return sha
}
