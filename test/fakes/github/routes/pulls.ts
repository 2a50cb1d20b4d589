import { paginate } from '../pagination.js'
import {
  authorAssociation,
  nodeId,
  repoApiUrl,
  repoHtmlUrl,
  repositoryJson,
  userJson,
  type Urls
} from '../representations.js'
import { notFound, repoOf, type Handler } from '../route.js'
import type { GitHubState, PullRecord, RepoRecord } from '../state.js'

export const pullRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/pulls': context => {
    const repo = repoOf(context)
    const { state, head, base, sort, direction } = context.query
    // GitHub ignores a `head` filter without the `owner:` prefix and lists every pull request.
    const [headOwner, headRef] = typeof head === 'string' && head.includes(':') ? head.split(':', 2) : []
    const pulls = [...repo.pulls.values()]
      .filter(pull => state === 'all' || pull.state === state)
      .filter(pull => headRef === undefined || (headOwner === repo.owner.login && pull.head.ref === headRef))
      .filter(pull => base === undefined || pull.base.ref === base)
      .sort((a, b) => (sort === 'updated' ? a.updatedAt.localeCompare(b.updatedAt) : a.number - b.number))
    // GitHub's default direction is desc for sort=created (the default sort) and asc otherwise.
    if ((direction ?? (sort === 'created' ? 'desc' : 'asc')) === 'desc') pulls.reverse()
    const page = paginate(pulls, context.query, context.requestUrl)
    return {
      status: 200,
      body: page.items.map(pull => pullJson(context.urls, repo, pull)),
      headers: page.headers
    }
  },

  'GET /repos/{owner}/{repo}/pulls/{pull_number}': context => {
    const repo = repoOf(context)
    const pull = repo.pulls.get(context.params.pull_number)
    if (pull === undefined) throw notFound()
    return { status: 200, body: fullPullJson(context.urls, context.state, repo, pull) }
  }
}

/** `pull-request-simple`, as the list endpoint returns it. */
function pullJson(urls: Urls, repo: RepoRecord, pull: PullRecord) {
  const api = repoApiUrl(urls, repo)
  const html = `${repoHtmlUrl(urls, repo)}/pull/${pull.number}`
  const branch = (side: { ref: string; sha: string }) => ({
    label: `${repo.owner.login}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: userJson(urls, repo.owner),
    repo: repositoryJson(urls, repo)
  })
  const links = {
    self: `${api}/pulls/${pull.number}`,
    html,
    issue: `${api}/issues/${pull.number}`,
    comments: `${api}/issues/${pull.number}/comments`,
    review_comments: `${api}/pulls/${pull.number}/comments`,
    review_comment: `${api}/pulls/comments{/number}`,
    commits: `${api}/pulls/${pull.number}/commits`,
    statuses: `${api}/statuses/${pull.head.sha}`
  }
  return {
    url: links.self,
    id: pull.id,
    node_id: nodeId('PullRequest', pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: links.issue,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(urls, pull.user),
    body: pull.body,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: [],
    milestone: null,
    draft: pull.draft,
    commits_url: links.commits,
    review_comments_url: links.review_comments,
    review_comment_url: links.review_comment,
    comments_url: links.comments,
    statuses_url: links.statuses,
    head: branch(pull.head),
    base: branch(pull.base),
    _links: Object.fromEntries(Object.entries(links).map(([rel, href]) => [rel, { href }])),
    author_association: authorAssociation(repo, pull.user),
    auto_merge: null,
    active_lock_reason: null
  }
}

/** `pull-request`, as the get endpoint returns it, with counts the list leaves out. */
function fullPullJson(urls: Urls, state: GitHubState, repo: RepoRecord, pull: PullRecord) {
  const baseAncestors = state.ancestors(repo, pull.base.sha)
  const commits = state.ancestors(repo, pull.head.sha).filter(sha => !baseAncestors.includes(sha)).length
  return {
    ...pullJson(urls, repo, pull),
    merged: pull.mergedAt !== null,
    mergeable: pull.state === 'open' ? true : null,
    rebaseable: pull.state === 'open' ? true : null,
    mergeable_state: pull.state === 'open' ? 'clean' : 'unknown',
    merged_by: null,
    comments: state.comments(pull.number, repo).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits,
    additions: 0,
    deletions: 0,
    changed_files: 0
  }
}
