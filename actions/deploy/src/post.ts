import * as log from '../../../shared/runner/log.js'
import { createGitHubClient } from '../../../shared/runner/github-api.js'
import { setDeploymentStatus } from '../../../shared/github/deployments.js'
import { readRunContext, requireRepository } from '../../../shared/runner/run-context.js'
import { getInputs } from './inputs.js'
import { buildTarget, loadRolloutState, loadRunningPrograms } from './rollout-state.js'
import { stopOrphanedPrograms } from '../../../shared/runner/cancellation.js'

/**
 * The post step: when the job was cancelled or the main step died between shifting traffic and settling
 * the rollout, send all traffic back to the previous model and mark the deployment failed.
 */
export async function post(): Promise<void> {
  const state = loadRolloutState()
  if (state?.phase !== 'in-progress') {
    log.info`The rollout settled in the main step: nothing to undo.`
    return
  }
  log.warning(log.text`The main step stopped mid-rollout of ${state.context.modelUri}: rolling back.`, {
    title: 'mlci deploy'
  })
  // A deploy command main left running (main was killed outright) would finish after the rollback: end it first.
  for (const { group, outcome } of await stopOrphanedPrograms(loadRunningPrograms())) {
    log.info`A program the main step started was still running (process group ${group.pid}): ${
      outcome === 'killed' ? 'killed it' : 'stopped it'
    } before rolling back.`
  }
  const run = readRunContext()
  const inputs = await getInputs(run)
  await buildTarget(inputs, state.context, run).call({
    action: 'rollback',
    stage: 'rollback',
    trafficPercent: 0
  })
  log.info`Rolled back ${state.context.environment} to ${state.context.previousModelUri || 'the previous model'}.`
  if (state.deploymentId !== undefined && inputs.githubToken !== '') {
    const client = createGitHubClient(inputs.githubToken)
    await setDeploymentStatus(client, requireRepository(run), state.deploymentId, 'failure', {
      logUrl: run.runUrl,
      environmentUrl: inputs.environmentUrl,
      description: 'The rollout was interrupted and rolled back by the post step'
    })
  }
}
