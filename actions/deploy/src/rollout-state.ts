import * as core from '@actions/core'
import * as log from '../../../shared/runner/log.js'
import {
  commandTarget,
  webhookTarget,
  type RolloutContext,
  type RolloutTarget
} from '../../../shared/deploy/rollout-target.js'
import { programEnvironment } from '../../../shared/runner/environment.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import type { TargetInputs } from './inputs.js'

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
/** Set first by main: the same bundle is the post entry, and this tells the two apart. */
export const POST_MARKER = 'isPost'

export function saveRolloutState(state: RolloutState): void {
  core.saveState(STATE_KEY, JSON.stringify(state))
}

export function loadRolloutState(): RolloutState | undefined {
  const text = core.getState(STATE_KEY)
  return text === '' ? undefined : (JSON.parse(text) as RolloutState)
}

export function buildTarget(target: TargetInputs, context: RolloutContext, run: RunContext): RolloutTarget {
  if (target.kind === 'webhook') {
    return webhookTarget({
      context,
      url: target.url,
      secret: target.secret,
      repository: run.owner ? `${run.owner}/${run.repo}` : undefined,
      runId: run.runId
    })
  }
  return commandTarget({
    context,
    deployCommand: target.deployCommand,
    rollbackCommand: target.rollbackCommand,
    cwd: run.workspace,
    env: programEnvironment(),
    log: line => log.info`${line}`
  })
}
