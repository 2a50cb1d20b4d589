import { afterAll } from '@jest/globals'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { findFreePort } from '../servers/free-port.js'
import { NODE24, runAction, type RunResult } from '../harness/run-action.js'

/**
 * The bad-input corpus: ordinary mistakes and hostile files, one case each, run through an action's bundle
 * as the runner runs it. Every case must end the same way: exit 1 and exactly one `::error` that names the
 * input or the file (at its line where there is one), with no stack trace and no "bug in mlci", and no
 * half-written output. Each action's file lists its cases; this module holds what they share.
 */

/** A folder where the user meant a file (or an empty folder where files were expected). */
export const DIRECTORY = { directory: true } as const
/** A symbolic link to `target` (relative to the link, or absolute). */
export const symlinkTo = (target: string) => ({ symlink: target }) as const

/**
 * A secret every step runs with, in its environment (so in `/proc/self/environ`) and in every file of OUTSIDE: no
 * case may print it. A case that links a file to either proves that content from outside the workspace is never
 * shown, not in a log line, an annotation, an output or the job summary.
 */
const CANARY = `mlci-canary-${randomBytes(8).toString('hex')}`

/** A folder outside the workspace and the runner temp folder, holding files of each kind an input reads. */
export const OUTSIDE = await (async () => {
  const folder = await mkdtemp(path.join(tmpdir(), 'mlci-outside-'))
  await mkdir(path.join(folder, 'sub'))
  await writeFile(
    path.join(folder, 'secret.csv'),
    `id,label,prediction,score\n1,1,1,0.9\n${CANARY},0,0,0.1\n`
  )
  await writeFile(path.join(folder, 'secret.json'), JSON.stringify({ [CANARY]: 0.9 }))
  await writeFile(path.join(folder, 'secret.yml'), `stages:\n  - { traffic: 100, ${CANARY}: 1 }\n`)
  await writeFile(path.join(folder, 'sub/secret.csv'), `id,${CANARY}\n1,2\n`)
  return folder
})()
/** What OUTSIDE holds: no case may write there, through a link or otherwise. */
const outsideFiles = async () => (await readdir(OUTSIDE, { recursive: true })).sort().join('\n')
afterAll(() => rm(OUTSIDE, { recursive: true, force: true }))

/** A script the runner may execute (mode 755). */
export const executable = (text: string) => ({ executable: text }) as const

type FileContent =
  string | Buffer | typeof DIRECTORY | ReturnType<typeof symlinkTo> | ReturnType<typeof executable>

export interface BadCase {
  /** The workspace's files, by workspace-relative path. */
  files?: Record<string, FileContent>
  inputs: Record<string, string>
  /** What a good message says: the input or file at fault, and what to do. */
  message: RegExp
  /** The workspace-relative file the annotation must point at, when the mistake is in a file. */
  file?: string
  /** The line it must point at, when the mistake has one. */
  line?: number
  event?: string
  eventPayload?: object
  /** `${{ github.token }}`; the action's default when absent. */
  token?: string
  env?: Record<string, string>
  /** How long the step may run; the default ends it before Jest's own 60 s timeout would. */
  timeoutMs?: number
}

const STEP_TIMEOUT_MS = 50_000

/** A file the action writes; it must be absent, or complete and valid after a failure. */
interface WrittenFile {
  path: string
  /** JSON files are parsed before `problems` sees them; text files are passed as they are. */
  kind?: 'json' | 'text'
  /** What makes it incomplete or not of its kind; [] when it is a whole file of its kind. */
  problems(content: unknown): string[]
}

export interface ActionUnderTest {
  action: string
  /** Environment, token and event every case starts from (a case's own values win). */
  defaults(): Pick<BadCase, 'env' | 'token' | 'event' | 'eventPayload'>
  /** The files the action writes for this case's inputs, to check for half-written output. */
  writes(inputs: Record<string, string>, where: { workspace: string; runnerTemp: string }): WrittenFile[]
}

/** Every case gets its own workspace: `workspace/` inside a fresh temporary folder. */
async function makeWorkspace(files: Record<string, FileContent> = {}): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'mlci-bad-input-'))
  const workspace = path.join(root, 'workspace')
  await mkdir(workspace)
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(workspace, name)
    if (typeof content === 'object' && 'directory' in content) {
      await mkdir(target, { recursive: true })
      continue
    }
    await mkdir(path.dirname(target), { recursive: true })
    if (typeof content === 'object' && 'symlink' in content) await symlink(content.symlink, target)
    else if (typeof content === 'object' && 'executable' in content)
      await writeFile(target, content.executable, { mode: 0o755 })
    else await writeFile(target, content)
  }
  return workspace
}

/** A loopback port nothing listens on: bound by the kernel a moment ago, then released. */
export async function closedPort(): Promise<number> {
  return findFreePort()
}

/** A loopback URL nothing answers on, for "the service is down" cases (never a non-loopback address). */
export async function unreachableUrl(): Promise<string> {
  return `http://127.0.0.1:${await closedPort()}`
}

/**
 * What a good "service unavailable" message says: the service, the address it tried, and what to check.
 * The address is a closed loopback port, so the message can only have come from this case.
 */
export function serviceDown(service: string, address: string): RegExp {
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(
    `^(?=[\\s\\S]*${quote(service)})(?=[\\s\\S]*${quote(address)})(?=[\\s\\S]*\\b(check|retry|is (it|the \\w+) (up|running))\\b)`,
    'i'
  )
}

/** A stack frame, as Node prints one, raw or %0A-escaped in a workflow command. */
const STACK_FRAME = /(?:^|\n|%0A)[ \t]+at (?:async )?\S.*:\d+:\d+\)?/
const BUG_WORDS = /bug in mlci|internal error/i

/** Runs one case and checks all the corpus asks of it; every broken promise is listed in the failure. */
export async function expectOneClearError(subject: ActionUnderTest, bad: BadCase): Promise<void> {
  const workspace = await makeWorkspace(bad.files)
  const outsideBefore = await outsideFiles()
  let result: RunResult | undefined
  try {
    const defaults = subject.defaults()
    const timeoutMs = bad.timeoutMs ?? STEP_TIMEOUT_MS
    result = await runAction({
      action: subject.action,
      node: NODE24,
      workspace,
      inputs: bad.inputs,
      token: bad.token ?? defaults.token,
      event: bad.event ?? defaults.event,
      eventPayload: bad.eventPayload ?? defaults.eventPayload,
      env: { ...defaults.env, ...bad.env, MLCI_CORPUS_CANARY: CANARY },
      timeoutMs
    }).catch(error => {
      // The harness killed the step: say so in one line, not with the whole log.
      if (/did not finish within/.test(String(error)))
        throw new Error(`the step did not finish within ${timeoutMs / 1000} s (killed)`)
      throw error
    })
    const problems = [
      ...annotationProblems(result, bad),
      ...leakProblems(result),
      ...(await outputProblems(subject, bad, result, outsideBefore))
    ]
    if (problems.length > 0) {
      // The failure says what the action printed instead, so a failing corpus is a work list.
      const printed = result.annotations.filter(a => a.level === 'error').map(describeAnnotation)
      throw new Error(
        `${problems.join('; ')}\n  exit ${result.exitCode}; error annotations:\n${printed.map(p => `    ${p}`).join('\n') || '    (none)'}`
      )
    }
  } finally {
    await rm(path.dirname(workspace), { recursive: true, force: true })
    // The harness's own scratch folder (runner temp, GITHUB_OUTPUT...), which it leaves behind.
    if (result) await rm(path.dirname(result.runnerTemp), { recursive: true, force: true })
  }
}

function annotationProblems(result: RunResult, bad: BadCase): string[] {
  const problems: string[] = []
  if (result.exitCode !== 1) problems.push(`exit code ${result.exitCode}, not 1`)
  const errors = result.annotations.filter(a => a.level === 'error')
  if (errors.length !== 1) {
    problems.push(`${errors.length} error annotations, not 1`)
    if (errors.length === 0) return problems
  }
  const [error] = errors
  if (!bad.message.test(error.message)) problems.push(`message does not match ${bad.message}`)
  if (bad.file !== undefined && error.file !== bad.file)
    problems.push(`annotation file ${JSON.stringify(error.file)}, not '${bad.file}'`)
  if (bad.line !== undefined && error.line !== bad.line)
    problems.push(`annotation line ${error.line}, not ${bad.line}`)
  return problems
}

function leakProblems(result: RunResult): string[] {
  const problems: string[] = []
  const printed = [result.stdout, result.stderr, ...result.annotations.map(a => a.message)]
  if (printed.some(text => STACK_FRAME.test(text))) problems.push('a stack trace was printed')
  if (printed.some(text => BUG_WORDS.test(text)))
    problems.push("'bug in mlci' / 'internal error' was printed")
  if ([...printed, result.summary, ...Object.values(result.outputs)].some(text => text.includes(CANARY)))
    problems.push('content from outside the workspace (the canary secret) was shown')
  return problems
}

async function outputProblems(
  subject: ActionUnderTest,
  bad: BadCase,
  result: RunResult,
  outsideBefore: string
): Promise<string[]> {
  const problems: string[] = []
  const where = { workspace: result.workspace, runnerTemp: result.runnerTemp }
  for (const written of subject.writes(bad.inputs, where)) {
    // A path the user pointed at a folder by mistake is not the action's output.
    if (!(await stat(written.path).catch(() => undefined))?.isFile()) continue
    let content: unknown = await readFile(written.path, 'utf8')
    // Nor is the broken file the case itself put there, as long as the action left it alone.
    const given = bad.files?.[path.relative(result.workspace, written.path)]
    if (typeof given === 'string' && given === content) continue
    if (written.kind !== 'text') {
      try {
        content = JSON.parse(content as string)
      } catch {
        problems.push(`half-written output: ${written.path} is not complete JSON`)
        continue
      }
    }
    for (const problem of written.problems(content))
      problems.push(`half-written output: ${written.path}: ${problem}`)
  }
  if ((await outsideFiles()) !== outsideBefore)
    problems.push(`a file was written outside the workspace, in ${OUTSIDE}`)
  for (const folder of [result.workspace, result.runnerTemp]) {
    const entries = await readdir(folder, { recursive: true }).catch(() => [] as string[])
    for (const entry of entries)
      if (entry.endsWith('.tmp')) problems.push(`temporary file left behind: ${path.join(folder, entry)}`)
  }
  return problems
}

function describeAnnotation(annotation: RunResult['annotations'][number]): string {
  const where = annotation.file ? `${annotation.file}${annotation.line ? `:${annotation.line}` : ''}: ` : ''
  const [first, ...rest] = annotation.message.split('\n')
  // Only the first line: a stack's frames would be taken for the test's own by Jest's reporter.
  const clipped = first.length > 240 ? `${first.slice(0, 240)}…` : first
  return `${where}${clipped}${rest.length > 0 ? ` [+${rest.length} more line(s)]` : ''}`
}

/** A path the action was told to write to, resolved against the workspace as the action does. */
export function inWorkspace(workspace: string, given: string | undefined, fallback: string): string {
  return given === undefined || given === '' ? fallback : path.resolve(workspace, given)
}

/** For files that have no schema here: any complete JSON object will do. */
export const anyObject = (json: unknown): string[] =>
  typeof json === 'object' && json !== null && !Array.isArray(json) ? [] : ['not a JSON object']
