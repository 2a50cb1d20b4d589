import { rename, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import * as core from '@actions/core'
import { isUserError, UserError } from '../../../shared/action/user-error.js'
import { commandProvider } from '../../../shared/deploy/command-provider.js'
import { prometheusProvider } from '../../../shared/deploy/prometheus-provider.js'
import { renderRolloutReport, summarizeOutcome } from '../../../shared/deploy/rollout-report.js'
import {
  realClock,
  runRollout,
  type RolloutResult,
  type TimelineEvent
} from '../../../shared/deploy/rollout.js'
import { describeStage } from '../../../shared/deploy/stages.js'
import { createGitHubClient } from '../../../shared/github/client.js'
import {
  createDeployment,
  findActiveDeployment,
  setDeploymentStatus,
  type Repo
} from '../../../shared/github/deployments.js'
import { getInputs, type Inputs } from './inputs.js'
import { buildTarget, saveRolloutState } from './rollout-state.js'

export async function run(): Promise<void> {
  const inputs = await getInputs()
  const startedAt = new Date()
  const github = inputs.recordDeployment ? await startDeployment(inputs) : undefined
  const context = {
    modelUri: inputs.modelUri,
    previousModelUri: github?.previousModelUri,
    environment: inputs.environment
  }
  core.info(
    `Rolling out ${inputs.modelUri} to ${inputs.environment}: ${inputs.stages.map(describeStage).join(' → ')}` +
      (context.previousModelUri ? ` (previous model ${context.previousModelUri})` : '')
  )
  // From here until the rollout settles, the post step rolls back if this process dies.
  saveRolloutState({ phase: 'in-progress', context, deploymentId: github?.deploymentId })

  const analysis = inputs.analysis && {
    config: inputs.analysis,
    judge: inputs.judge,
    provider:
      inputs.analysis.provider.kind === 'prometheus'
        ? prometheusProvider()
        : commandProvider({ cwd: inputs.workspace }),
    thresholds: { pass: inputs.passScore, marginal: inputs.marginalScore },
    noData: inputs.noData
  }
  const result = await runRollout({
    stages: inputs.stages,
    intervalMs: inputs.intervalMs,
    analysis,
    analysisEnd: inputs.analysisEnd,
    target: buildTarget(inputs.target, context, inputs.workspace),
    clock: realClock,
    onEvent: logEvent
  })
  saveRolloutState({ phase: 'settled', context, deploymentId: github?.deploymentId })

  core.setOutput('result', result.result)
  core.setOutput('final-traffic', String(result.finalTrafficPercent))
  core.setOutput('score', result.score === undefined ? '' : String(result.score))
  core.setOutput('deployment-id', github ? String(github.deploymentId) : '')
  core.setOutput('report', await writeReport(inputs, result, startedAt))
  await core.summary
    .addHeading('mlci deploy', 2)
    .addRaw(
      renderRolloutReport({ modelUri: inputs.modelUri, environment: inputs.environment, result, startedAt }),
      true
    )
    .write()
  if (github) await finishDeployment(github, inputs, result)

  if (result.error !== undefined && (isUserError(result.error) || !(result.error instanceof Error)))
    throw result.error
  if (result.result === 'promoted') {
    core.info(`Promoted ${inputs.modelUri} to 100% of ${inputs.environment}.`)
    return
  }
  process.exitCode = core.ExitCode.Failure
  core.error(
    result.result === 'rolled-back'
      ? `Rolled back ${inputs.modelUri}: ${result.reason}`
      : `The rollout of ${inputs.modelUri} failed: ${result.reason}`,
    { title: 'mlci deploy' }
  )
}

function logEvent(event: TimelineEvent): void {
  const where = `stage ${event.stage.index} (${event.stage.trafficPercent}%)`
  switch (event.kind) {
    case 'deploy':
      core.info(`Baking ${where}: traffic shifted.`)
      return
    case 'analysis':
      core.info(`Analysis of ${where}: ${summarizeOutcome(event.outcome)} → ${event.decision}`)
      return
    case 'promote':
      core.info(`Promoted ${where}.`)
      return
    case 'rollback':
      core.info(`${event.succeeded ? 'Rolled back' : 'Rollback FAILED'} at ${where}: ${event.reason}`)
  }
}

interface GitHubDeployment {
  client: ReturnType<typeof createGitHubClient>
  repo: Repo
  deploymentId: number
  previousDeploymentId?: number
  previousModelUri?: string
}

async function startDeployment(inputs: Inputs): Promise<GitHubDeployment> {
  const client = createGitHubClient(inputs.githubToken)
  const repo = repoOf()
  let previous: Awaited<ReturnType<typeof findActiveDeployment>>
  let deploymentId: number
  try {
    previous = await findActiveDeployment(client, repo, inputs.environment)
    deploymentId = await createDeployment(client, repo, {
      ref: process.env.GITHUB_SHA ?? '',
      environment: inputs.environment,
      modelUri: inputs.modelUri,
      description: `mlci canary rollout of ${inputs.modelUri}`
    })
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === 403 || status === 404) {
      throw new UserError(
        `GitHub refused to record the deployment (${status}): give the job \`permissions: deployments: write\`, ` +
          `or set record-deployment: false.`
      )
    }
    throw error
  }
  await setDeploymentStatus(client, repo, deploymentId, 'in_progress', {
    logUrl: logUrl(),
    environmentUrl: inputs.environmentUrl,
    description: 'Canary rollout in progress'
  })
  return {
    client,
    repo,
    deploymentId,
    previousDeploymentId: previous?.id,
    previousModelUri: previous?.modelUri
  }
}

async function finishDeployment(
  github: GitHubDeployment,
  inputs: Inputs,
  result: RolloutResult
): Promise<void> {
  const promoted = result.result === 'promoted'
  await setDeploymentStatus(
    github.client,
    github.repo,
    github.deploymentId,
    promoted ? 'success' : 'failure',
    {
      logUrl: logUrl(),
      environmentUrl: inputs.environmentUrl,
      description: promoted ? 'Promoted to 100%' : `${result.result}: ${result.reason ?? ''}`
    }
  )
  // GitHub's auto_inactive spares production environments; the model this one replaced is not serving.
  if (promoted && github.previousDeploymentId !== undefined) {
    await setDeploymentStatus(github.client, github.repo, github.previousDeploymentId, 'inactive', {
      description: `Replaced by deployment ${github.deploymentId}`
    })
  }
}

export function repoOf(): Repo {
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set: is this running in GitHub Actions?')
  return { owner, repo }
}

export function logUrl(): string {
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com'
  const attempt = process.env.GITHUB_RUN_ATTEMPT ?? '1'
  return `${server}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}/attempts/${attempt}`
}

/** The JSON report, written to a temporary name and renamed so a reader never sees half of it. */
async function writeReport(inputs: Inputs, result: RolloutResult, startedAt: Date): Promise<string> {
  const directory = process.env.RUNNER_TEMP || inputs.workspace
  const file = path.join(directory, 'mlci-deploy-report.json')
  const report = {
    modelUri: inputs.modelUri,
    environment: inputs.environment,
    startedAt: startedAt.toISOString(),
    result: result.result,
    finalTrafficPercent: result.finalTrafficPercent,
    score: result.score ?? null,
    reason: result.reason ?? null,
    timeline: result.timeline
  }
  const temporary = `${file}.${process.pid}.tmp`
  // NaN (an undefined effect size) becomes null in JSON.
  await writeFile(temporary, JSON.stringify(report, null, 2))
  await rename(temporary, file)
  return file
}
