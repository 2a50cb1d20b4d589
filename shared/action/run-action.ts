import * as path from 'node:path'
import { isUserError } from './user-error.js'

const BUG_REPORT = 'This is a bug in mlci, not in your workflow: please report it with this log.'

/**
 * The one way an action's entry point runs its work: a UserError becomes a single annotation
 * without a stack; anything else is a bug and keeps its stack. Either way the step fails.
 */
export async function runAction(work: () => Promise<void>): Promise<void> {
  try {
    await work()
  } catch (error) {
    await reportFailure(error)
  }
}

export async function reportFailure(error: unknown): Promise<void> {
  // Loaded here, not at start-up: an action may finish its heavy work before it needs @actions/core.
  const core = await import('@actions/core')
  process.exitCode = core.ExitCode.Failure
  if (isUserError(error)) {
    const { file, line, column } = error.location
    core.error(error.message, {
      title: 'mlci',
      file: file === undefined ? undefined : workspaceRelative(file),
      startLine: line,
      startColumn: line === undefined ? undefined : column
    })
    return
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  core.error(`${detail}\n${BUG_REPORT}`, { title: 'mlci: internal error' })
}

/** GitHub only links annotations whose file is relative to the repository root. */
function workspaceRelative(file: string): string {
  const workspace = process.env.GITHUB_WORKSPACE
  if (!workspace || !path.isAbsolute(file)) return file
  const relative = path.relative(workspace, file)
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/')
}
