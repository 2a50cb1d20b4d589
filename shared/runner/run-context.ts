import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { UserError } from '../errors/user-error.js'

/**
 * What the runner tells a step about where it runs: the folders, the repository, the event and the commits it
 * names. The one reader of the runner's GITHUB_* and RUNNER_* variables and of the event payload; everything
 * else takes these values as arguments.
 */
export interface RunContext {
  /** GITHUB_WORKSPACE: where relative paths in inputs start. The working directory outside a runner. */
  workspace: string
  /** RUNNER_TEMP: where a step writes files the job's later steps read; the workspace outside a runner. */
  runnerTemp: string
  owner: string
  repo: string
  eventName: string
  /** The event's payload as the runner wrote it ({} when there is none). */
  payload: EventPayload
  /** GITHUB_SHA: the commit the workflow runs on (a merge commit on pull_request). */
  sha: string
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
  serverUrl: string
  /** GITHUB_ACTOR: who started the run (the user name a registry login defaults to). */
  actor?: string
  /** SOURCE_DATE_EPOCH, the reproducible-builds convention: the time to stamp on what a step builds. */
  sourceDateEpoch?: string
  runId?: string
  /** The run's page, with its attempt: where a deployment's or a comment's reader finds the log. */
  runUrl?: string
  /** GITHUB_WORKFLOW_REF: `owner/repo/.github/workflows/file.yml@refs/heads/main`, the workflow's identity. */
  workflowRef?: string
  /** GITHUB_REF: the branch or tag the run is on. */
  ref?: string
}

interface EventPayload {
  pull_request?: { number: number; base: { sha: string; ref: string }; head: { sha: string } }
  workflow_run?: { id: number; head_sha: string; run_number?: number }
  before?: string
  ref?: string
  head_commit?: { id?: string; timestamp?: string }
  repository?: { default_branch?: string }
}

export function readRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
  const runId = env.GITHUB_RUN_ID || undefined
  const common = {
    workspace,
    runnerTemp: path.resolve(env.RUNNER_TEMP || workspace),
    owner,
    repo,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    sha: env.GITHUB_SHA ?? '',
    serverUrl,
    actor: env.GITHUB_ACTOR || undefined,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH || undefined,
    runId,
    workflowRef: env.GITHUB_WORKFLOW_REF || undefined,
    ref: env.GITHUB_REF || undefined,
    runUrl:
      owner && runId
        ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}/attempts/${env.GITHUB_RUN_ATTEMPT || '1'}`
        : undefined
  }
  const pr = common.payload.pull_request
  if (pr) {
    return {
      ...common,
      headSha: pr.head.sha,
      pullRequest: { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha, baseRef: pr.base.ref },
      baseBranch: pr.base.ref,
      onDefaultBranch: false
    }
  }
  const { ref, before, repository } = common.payload
  const branch = ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
  return {
    ...common,
    headSha: common.sha,
    pushBefore: before && !/^0+$/.test(before) ? before : undefined,
    baseBranch: branch,
    pushBranch: branch,
    onDefaultBranch: branch !== undefined && branch === repository?.default_branch
  }
}

/** The repository as `{owner, repo}`, or the user's mistake of running outside GitHub Actions. */
export function requireRepository(run: RunContext): { owner: string; repo: string } {
  if (!run.owner || !run.repo)
    throw new UserError(
      'GITHUB_REPOSITORY is not set: this step must run in GitHub Actions (or set it as owner/name).'
    )
  return { owner: run.owner, repo: run.repo }
}

function readPayload(eventPath: string | undefined): EventPayload {
  if (!eventPath) return {}
  let text: string
  try {
    text = readFileSync(eventPath, 'utf8')
  } catch {
    // The runner always writes it; a local run may point at nothing.
    return {}
  }
  try {
    return JSON.parse(text) as EventPayload
  } catch {
    throw new UserError(`GITHUB_EVENT_PATH ${eventPath} is not JSON: it must be the runner's event payload.`)
  }
}
