import * as core from '@actions/core'
import * as log from '../../../shared/runner/log.js'
import {
  commandTarget,
  webhookTarget,
  type RolloutContext,
  type RolloutTarget
} from '../../../shared/deploy/rollout-target.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import type { ProcessGroup } from '../../../shared/io/process-group.js'
import { watchRunningPrograms } from '../../../shared/io/run-program.js'
import { commandEnvironment, type Inputs } from './inputs.js'

/**
 * What the post step needs to undo a rollout the main step did not finish, carried through GITHUB_STATE.
 * The runner gives the post step the same inputs, so only what main learned on the way is saved.
 */
export interface RolloutState {
  phase: 'in-progress' | 'settled'
  context: RolloutContext
  deploymentId?: number
}

const STATE_KEY = 'rollout'
/** The process groups of the programs main has running (a deploy command mid-shift), kept current. */
const PROGRAMS_KEY = 'programs'
/** Set first by main: the same bundle is the post entry, and this tells the two apart. */
export const POST_MARKER = 'isPost'

export function saveRolloutState(state: RolloutState): void {
  core.saveState(STATE_KEY, JSON.stringify(state))
}

export function loadRolloutState(): RolloutState | undefined {
  const text = core.getState(STATE_KEY)
  return text === '' ? undefined : (JSON.parse(text) as RolloutState)
}

/**
 * Keeps the running programs' groups in the saved state as they start and end. The runner hands the post step
 * what was saved even when main was killed outright (SIGKILL runs no handler and leaves the groups running, as they
 * are not main's process group): the post step ends them before it rolls back, or a deploy command finishing late
 * would give the new model its traffic back.
 */
export function recordRunningPrograms(): void {
  watchRunningPrograms(groups => core.saveState(PROGRAMS_KEY, JSON.stringify(groups)))
}

export function loadRunningPrograms(): ProcessGroup[] {
  const text = core.getState(PROGRAMS_KEY)
  if (text === '') return []
  const groups = JSON.parse(text) as unknown
  if (!Array.isArray(groups)) return []
  return groups.filter(
    (group): group is ProcessGroup =>
      Number.isSafeInteger(group?.pid) &&
      group.pid > 1 &&
      (group.startTicks === undefined || typeof group.startTicks === 'string')
  )
}

export function buildTarget(
  inputs: Pick<Inputs, 'target' | 'passEnv'>,
  context: RolloutContext,
  run: RunContext
): RolloutTarget {
  const { target } = inputs
  if (target.kind === 'webhook') {
    return webhookTarget({
      context,
      url: target.url,
      secret: target.secret,
      insecure: target.insecure,
      repository: run.owner ? `${run.owner}/${run.repo}` : undefined,
      runId: run.runId
    })
  }
  return commandTarget({
    context,
    deployCommand: target.deployCommand,
    rollbackCommand: target.rollbackCommand,
    cwd: run.workspace,
    env: commandEnvironment(inputs),
    log: line => log.info`${line}`
  })
}
