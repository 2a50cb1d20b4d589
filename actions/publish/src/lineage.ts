import { runProgram } from '../../../shared/io/run-program.js'
import { programEnvironment } from '../../../shared/runner/environment.js'
import type { RunContext } from '../../../shared/runner/run-context.js'

export interface Lineage {
  revision?: string
  sourceUrl?: string
  runUrl?: string
  /** RFC 3339 UTC: the commit's time, never the clock's, so a re-run publishes the same digest. */
  created?: string
}

/**
 * Where the model comes from, from the runner's variables. The creation time is the commit's:
 * SOURCE_DATE_EPOCH if set (the reproducible-builds convention), else `git show` of GITHUB_SHA in the
 * workspace, else the pushed head commit's timestamp from the event; with none of them, no time is claimed.
 */
export async function readLineage(run: RunContext): Promise<Lineage> {
  const repository = run.owner ? `${run.owner}/${run.repo}` : undefined
  return {
    revision: run.sha || undefined,
    sourceUrl: repository ? `${run.serverUrl}/${repository}` : undefined,
    // Without the attempt number: re-running a run must not change the manifest.
    runUrl: repository && run.runId ? `${run.serverUrl}/${repository}/actions/runs/${run.runId}` : undefined,
    created: await commitTime(run)
  }
}

async function commitTime(run: RunContext): Promise<string | undefined> {
  if (run.sourceDateEpoch && /^\d+$/.test(run.sourceDateEpoch)) {
    return rfc3339(new Date(Number(run.sourceDateEpoch) * 1000))
  }
  if (run.sha) {
    const fromGit = await gitCommitTime(run.sha, run.workspace)
    if (fromGit) return fromGit
  }
  const head = run.payload.head_commit
  if (head?.timestamp && head.id === run.sha) return rfc3339(new Date(head.timestamp))
  return undefined
}

/** The commit's time from git, when the workspace is a checkout holding it; no git is no time, not an error. */
async function gitCommitTime(sha: string, cwd: string): Promise<string | undefined> {
  const result = await runProgram('git', ['show', '-s', '--format=%ct', sha], {
    cwd,
    env: programEnvironment(),
    timeoutMs: 30_000
  }).catch(() => undefined)
  const seconds = result?.stdout.trim() ?? ''
  return result?.exitCode === 0 && /^\d+$/.test(seconds)
    ? rfc3339(new Date(Number(seconds) * 1000))
    : undefined
}

function rfc3339(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
