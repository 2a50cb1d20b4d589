import { readFileSync } from 'node:fs'

/** What the run's event says about where we are: the repository, the commit to report on, the base. */
export interface RunContext {
  owner: string
  repo: string
  eventName: string
  /** The commit the check run goes on: the PR head on pull_request (not the merge commit), else GITHUB_SHA. */
  headSha: string
  pullRequest?: { number: number; baseSha: string; headSha: string; baseRef: string }
  /** The commit before a push, when there is one. */
  pushBefore?: string
  /** The branch whose baseline applies: the PR's base, or the pushed branch. */
  baseBranch?: string
  /** The branch a push went to, and whether it is the repository's default branch. */
  pushBranch?: string
  onDefaultBranch: boolean
  workspace: string
}

interface EventPayload {
  pull_request?: { number: number; base: { sha: string; ref: string }; head: { sha: string } }
  before?: string
  ref?: string
  repository?: { default_branch?: string }
}

export function readRunContext(workspace: string): RunContext {
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '/').split('/')
  const eventName = process.env.GITHUB_EVENT_NAME ?? ''
  const eventPath = process.env.GITHUB_EVENT_PATH
  const payload = (eventPath ? JSON.parse(readFileSync(eventPath, 'utf8')) : {}) as EventPayload
  const sha = process.env.GITHUB_SHA ?? ''
  const pr = payload.pull_request
  if (pr) {
    return {
      owner,
      repo,
      eventName,
      headSha: pr.head.sha,
      pullRequest: { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha, baseRef: pr.base.ref },
      baseBranch: pr.base.ref,
      onDefaultBranch: false,
      workspace
    }
  }
  const branch = payload.ref?.startsWith('refs/heads/') ? payload.ref.slice('refs/heads/'.length) : undefined
  const before = payload.before && !/^0+$/.test(payload.before) ? payload.before : undefined
  return {
    owner,
    repo,
    eventName,
    headSha: sha,
    pushBefore: before,
    baseBranch: branch,
    pushBranch: branch,
    onDefaultBranch: branch !== undefined && branch === payload.repository?.default_branch,
    workspace
  }
}
