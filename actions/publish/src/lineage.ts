import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'

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
export async function readLineage(env: NodeJS.ProcessEnv, workspace: string): Promise<Lineage> {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const repository = env.GITHUB_REPOSITORY
  return {
    revision: env.GITHUB_SHA,
    sourceUrl: repository ? `${server}/${repository}` : undefined,
    // Without the attempt number: re-running a run must not change the manifest.
    runUrl:
      repository && env.GITHUB_RUN_ID
        ? `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    created: await commitTime(env, workspace)
  }
}

async function commitTime(env: NodeJS.ProcessEnv, workspace: string): Promise<string | undefined> {
  if (env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH)) {
    return rfc3339(new Date(Number(env.SOURCE_DATE_EPOCH) * 1000))
  }
  if (env.GITHUB_SHA) {
    const fromGit = await gitCommitTime(env.GITHUB_SHA, workspace)
    if (fromGit) return fromGit
  }
  if (env.GITHUB_EVENT_PATH) {
    const event = await readFile(env.GITHUB_EVENT_PATH, 'utf8')
      .then(text => JSON.parse(text) as { head_commit?: { id?: string; timestamp?: string } })
      .catch(() => undefined)
    const head = event?.head_commit
    if (head?.timestamp && head.id === env.GITHUB_SHA) return rfc3339(new Date(head.timestamp))
  }
  return undefined
}

function gitCommitTime(sha: string, cwd: string): Promise<string | undefined> {
  return new Promise(resolve => {
    const child = spawn('git', ['show', '-s', '--format=%ct', sha], {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore']
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', () => resolve(undefined))
    child.on('close', code => {
      const seconds = out.trim()
      resolve(code === 0 && /^\d+$/.test(seconds) ? rfc3339(new Date(Number(seconds) * 1000)) : undefined)
    })
  })
}

function rfc3339(date: Date): string | undefined {
  if (Number.isNaN(date.getTime())) return undefined
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
