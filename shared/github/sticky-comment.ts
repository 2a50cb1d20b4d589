import type { GitHubClient } from './github-client.js'

export type CommentMode = 'update' | 'recreate' | 'new'

export interface StickyCommentRequest {
  owner: string
  repo: string
  issueNumber: number
  /** The hidden marker that makes the comment ours, e.g. `<!-- mlci:metric-diff:model -->`. */
  marker: string
  /** The full body; its first line must be the marker. */
  body: string
  mode: CommentMode
  log?: (message: string) => void
}

export interface StickyCommentResult {
  id: number
  url: string
  action: 'created' | 'updated' | 'unchanged' | 'recreated'
  /** Ids of older duplicates carrying our marker that were deleted. */
  deleted: number[]
}

interface CommentSummary {
  id: number
  body?: string
  html_url: string
  user: { login: string; type: string } | null
}

/** The login behind GITHUB_TOKEN: the identity of every installation token's comment we count as ours. */
const WORKFLOW_BOT = 'github-actions[bot]'

/**
 * One comment per marker and pull request, updated in place so reviewers get no notification spam.
 * Every page of comments is searched (a busy PR has hundreds). A comment is ours only when the token's own
 * identity wrote it (for GITHUB_TOKEN `github-actions[bot]` exactly, not any bot) and its first line is the
 * marker: a human or another app quoting or copying the marker must not get their comment overwritten or
 * deleted. Two runs racing on the same PR can both create a comment; each run, after writing, keeps the oldest
 * comment with the marker and deletes the rest, so the PR ends with exactly one.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  request: StickyCommentRequest
): Promise<StickyCommentResult> {
  if (firstLine(request.body) !== request.marker)
    throw new Error('the comment body must start with its marker line')
  const log = request.log ?? (() => undefined)
  const ours = (await listComments(client, request)).filter(ownedBy(await tokenLogin(client), request.marker))

  if (request.mode === 'new' || ours.length === 0) return postComment(client, request, log, 'Created')

  const [oldest] = ours
  if (request.mode === 'recreate') {
    for (const comment of ours) await deleteComment(client, request, comment.id)
    const created = await createComment(client, request)
    log(`Recreated comment ${created.html_url}`)
    return { id: created.id, url: created.html_url, action: 'recreated', deleted: ours.map(c => c.id) }
  }

  let action: StickyCommentResult['action'] = 'unchanged'
  if (oldest.body !== request.body) {
    if (!(await updateComment(client, request, oldest.id))) {
      // Deleted between our list and our update, by a person or a racing run with comment-mode recreate.
      return postComment(client, request, log, `Comment ${oldest.html_url} was deleted meanwhile; posted`)
    }
    action = 'updated'
    log(`Updated comment ${oldest.html_url}`)
  } else {
    log(`Comment ${oldest.html_url} already shows this body; not rewritten.`)
  }
  const deleted = await removeDuplicates(
    client,
    request,
    ownedBy(oldest.user?.login, request.marker),
    oldest.id
  )
  return { id: oldest.id, url: oldest.html_url, action, deleted }
}

/** Posts the comment, then (unless mode is new) leaves only the oldest of ours. */
async function postComment(
  client: GitHubClient,
  request: StickyCommentRequest,
  log: (message: string) => void,
  what: string
): Promise<StickyCommentResult> {
  const created = await createComment(client, request)
  log(`${what} comment ${created.html_url}`)
  if (request.mode === 'new') return { id: created.id, url: created.html_url, action: 'created', deleted: [] }
  // Whoever wrote what we just posted is us, whatever the token (another app's `<slug>[bot]` included).
  const isOurs = ownedBy(created.user?.login ?? WORKFLOW_BOT, request.marker)
  const deleted = await removeDuplicates(client, request, isOurs, created.id)
  const kept = deleted.includes(created.id) ? await oldestOurs(client, request, isOurs) : created
  return { id: kept.id, url: kept.html_url, action: 'created', deleted }
}

/**
 * The token's identity: a user token can ask `GET /user`; an installation token is refused there, and
 * GITHUB_TOKEN's comments are `github-actions[bot]`'s. Another GitHub App's token writes as `<slug>[bot]`,
 * which only the app's JWT could look up: such a run finds no comment of its own before posting, then
 * learns its login from the comment it posted, keeps the oldest one and deletes the new one.
 */
async function tokenLogin(client: GitHubClient): Promise<string> {
  try {
    return (await client.rest.users.getAuthenticated()).data.login
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status !== 403 && status !== 401) throw error
    return WORKFLOW_BOT
  }
}

/** A comment is ours when `login` wrote it and its first line is the marker. */
function ownedBy(login: string | undefined, marker: string): (comment: CommentSummary) => boolean {
  return comment =>
    login !== undefined && comment.user?.login === login && firstLine(comment.body ?? '') === marker
}

function firstLine(text: string): string {
  const end = text.indexOf('\n')
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '')
}

async function listComments(client: GitHubClient, request: StickyCommentRequest): Promise<CommentSummary[]> {
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    per_page: 100
  })
  return [...comments].sort((a, b) => a.id - b.id)
}

async function createComment(client: GitHubClient, request: StickyCommentRequest): Promise<CommentSummary> {
  const { data } = await client.rest.issues.createComment({
    owner: request.owner,
    repo: request.repo,
    issue_number: request.issueNumber,
    body: request.body
  })
  return data
}

async function deleteComment(client: GitHubClient, request: StickyCommentRequest, id: number): Promise<void> {
  try {
    await client.rest.issues.deleteComment({ owner: request.owner, repo: request.repo, comment_id: id })
  } catch (error) {
    // A racing run may have deleted it first: the goal, one comment, is reached either way.
    if ((error as { status?: number }).status !== 404) throw error
  }
}

/** Keeps the oldest of our marked comments (ids grow with time) and deletes the others. */
async function removeDuplicates(
  client: GitHubClient,
  request: StickyCommentRequest,
  isOurs: (comment: CommentSummary) => boolean,
  justWritten: number
): Promise<number[]> {
  const ours = (await listComments(client, request)).filter(isOurs)
  if (ours.length <= 1) return []
  const [keep, ...extra] = ours
  const deleted: number[] = []
  for (const comment of extra) {
    await deleteComment(client, request, comment.id)
    deleted.push(comment.id)
  }
  // When our fresh comment lost the race to an older one, bring the survivor up to date (if it is still there:
  // oldestOurs then finds out).
  if (keep.id !== justWritten && keep.body !== request.body) await updateComment(client, request, keep.id)
  return deleted
}

/** Rewrites a comment's body; false when it no longer exists (404). */
async function updateComment(
  client: GitHubClient,
  request: StickyCommentRequest,
  id: number
): Promise<boolean> {
  try {
    await client.rest.issues.updateComment({
      owner: request.owner,
      repo: request.repo,
      comment_id: id,
      body: request.body
    })
    return true
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error
    return false
  }
}

async function oldestOurs(
  client: GitHubClient,
  request: StickyCommentRequest,
  isOurs: (comment: CommentSummary) => boolean
): Promise<CommentSummary> {
  const ours = (await listComments(client, request)).filter(isOurs)
  // Every copy vanished while we removed duplicates (a person, or a racing run's recreate): post it again.
  return ours[0] ?? (await createComment(client, request))
}
