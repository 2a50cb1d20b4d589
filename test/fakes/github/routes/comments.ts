import { paginate } from '../pagination.js'
import {
  authorAssociation,
  nodeId,
  repoApiUrl,
  repoHtmlUrl,
  userJson,
  type Urls
} from '../representations.js'
import { HttpError, notFound, repoOf, type Handler, type RouteContext } from '../route.js'
import type { CommentRecord, RepoRecord } from '../records.js'

export const commentRoutes: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': context => {
    const repo = repoOf(context)
    const number = issueNumberOf(context, repo)
    const since: string | undefined = context.query.since
    const comments = context.state
      .comments(number, repo)
      .filter(comment => since === undefined || Date.parse(comment.updatedAt) >= Date.parse(since))
    const page = paginate(comments, context.query, context.requestUrl)
    return {
      status: 200,
      body: page.items.map(comment => commentJson(context.urls, repo, comment)),
      headers: page.headers
    }
  },

  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': context => {
    const repo = repoOf(context)
    const at = context.state.now()
    const comment: CommentRecord = {
      id: context.state.nextId(),
      issueNumber: issueNumberOf(context, repo),
      body: bodyOf(context),
      user: context.identity,
      createdAt: at,
      updatedAt: at
    }
    repo.comments.set(comment.id, comment)
    const json = commentJson(context.urls, repo, comment)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': context => {
    const repo = repoOf(context)
    return { status: 200, body: commentJson(context.urls, repo, commentOf(context, repo)) }
  },

  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': context => {
    const repo = repoOf(context)
    const comment = commentOf(context, repo)
    comment.body = bodyOf(context)
    comment.updatedAt = context.state.now()
    return { status: 200, body: commentJson(context.urls, repo, comment) }
  },

  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': context => {
    const repo = repoOf(context)
    repo.comments.delete(commentOf(context, repo).id)
    return { status: 204 }
  }
}

function commentJson(urls: Urls, repo: RepoRecord, comment: CommentRecord) {
  const api = repoApiUrl(urls, repo)
  const kind = repo.pulls.has(comment.issueNumber) ? 'pull' : 'issues'
  return {
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${repoHtmlUrl(urls, repo)}/${kind}/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: userJson(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.user),
    body: comment.body,
    reactions: {
      url: `${api}/issues/comments/${comment.id}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0
    },
    performed_via_github_app: null
  }
}

function issueNumberOf(context: RouteContext, repo: RepoRecord): number {
  const number: number = context.params.issue_number
  if (!repo.issues.has(number) && !repo.pulls.has(number)) throw notFound()
  return number
}

function commentOf(context: RouteContext, repo: RepoRecord): CommentRecord {
  const comment = repo.comments.get(context.params.comment_id)
  if (comment === undefined) throw notFound()
  return comment
}

// GitHub refuses comment bodies over 65536 characters, a limit long generated reports do hit.
const MAX_BODY = 65536

function bodyOf(context: RouteContext): string {
  const body: string = context.body.body
  if (body.length > MAX_BODY) {
    throw new HttpError(422, 'Validation Failed', {
      errors: [
        {
          resource: 'IssueComment',
          code: 'unprocessable',
          field: 'data',
          message: `Body is too long (maximum is ${MAX_BODY} characters)`
        }
      ]
    })
  }
  return body
}
