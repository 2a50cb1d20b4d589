import * as path from 'node:path'
import * as core from '@actions/core'
import * as log from '../../../shared/runner/log.js'
import { errorKind } from '../../../shared/errors/error-kind.js'
import { isServiceError } from '../../../shared/errors/service-error.js'
import { isUserError } from '../../../shared/errors/user-error.js'
import { writeFileAtomically } from '../../../shared/io/atomic-write.js'
import { readRunContext, requireRepository, type RunContext } from '../../../shared/runner/run-context.js'
import { setOutputs, writeJobSummary } from '../../../shared/runner/step-output.js'
import { commandProvider } from '../../../shared/deploy/command-provider.js'
import { prometheusProvider } from '../../../shared/deploy/prometheus-provider.js'
import { renderRolloutReport, summarizeOutcome } from '../../../shared/deploy/rollout-report.js'
import {
  realClock,
  runRollout,
  stagesTooShortToJudge,
  type RolloutResult,
  type TimelineEvent
} from '../../../shared/deploy/rollout.js'
import { describeStage } from '../../../shared/deploy/stages.js'
import { escapeMarkdown } from '../../../shared/report/markdown.js'
import { createGitHubClient, explainRefusal } from '../../../shared/runner/github-api.js'
import {
  createDeployment,
  findPreviousDeployment,
  setDeploymentStatus,
  type Repo
} from '../../../shared/github/deployments.js'
import type { AcceptedAttestation } from '../../../shared/attest/test-result-requirement.js'
import { checkPrograms, commandEnvironment, getInputs, type Inputs } from './inputs.js'
import { buildTarget, recordRunningPrograms, saveRolloutState } from './rollout-state.js'

export async function run(): Promise<void> {
  const run = readRunContext()
  const inputs = await getInputs(run)
  await checkPrograms(inputs, run)
  // The evidence first: a model without it is refused before a deployment is recorded or any traffic moves.
  // Loaded only when required: the Sigstore verifier and the registry client would slow every deploy's start.
  const attestation = inputs.attestation
    ? await (await import('./attestation.js')).verifyModelAttestation(inputs, inputs.attestation, run)
    : undefined
  const startedAt = new Date()
  const github = inputs.recordDeployment ? await startDeployment(inputs, run, attestation) : undefined
  const context = {
    modelUri: inputs.modelUri,
    previousModelUri: github?.previousModelUri,
    environment: inputs.environment
  }
  log.info`Rolling out ${inputs.modelUri} to ${inputs.environment}: ${inputs.stages.map(describeStage).join(' → ')}${
    context.previousModelUri ? log.text` (previous model ${context.previousModelUri})` : ''
  }`
  // From here until the rollout settles, the post step rolls back if this process dies, after ending any program
  // this one left running.
  saveRolloutState({ phase: 'in-progress', context, deploymentId: github?.deploymentId })
  recordRunningPrograms()

  if (inputs.analysis) {
    for (const { stage, samples, needed } of stagesTooShortToJudge(
      inputs.stages,
      inputs.analysis,
      inputs.judge
    )) {
      log.warning`Stage ${stage.index} (${stage.trafficPercent}%) ends with ${samples} samples a side in its analysis window, fewer than the ${needed} the Mann-Whitney judge needs at 98%: its verdict will be inconclusive, and it holds up to one more bake time for them, then rolls back. Lengthen its bake (or lookback), or shorten the provider's step.`
    }
  }
  const analysis = inputs.analysis && {
    config: inputs.analysis,
    judge: inputs.judge,
    provider:
      inputs.analysis.provider.kind === 'prometheus'
        ? prometheusProvider()
        : commandProvider({ cwd: run.workspace, env: commandEnvironment(inputs) }),
    thresholds: { pass: inputs.passScore, marginal: inputs.marginalScore },
    noData: inputs.noData
  }
  const result = await runRollout({
    stages: inputs.stages,
    intervalMs: inputs.intervalMs,
    analysis,
    analysisEnd: inputs.analysisEnd,
    target: buildTarget(inputs, context, run),
    clock: realClock,
    onEvent: logEvent
  })
  saveRolloutState({ phase: 'settled', context, deploymentId: github?.deploymentId })

  await setOutputs({
    result: result.result,
    'final-traffic': String(result.finalTrafficPercent),
    score: result.score === undefined ? '' : String(result.score),
    verdict: result.verdict ?? '',
    'deployment-id': github ? String(github.deploymentId) : '',
    report: await writeReport(inputs, run, result, startedAt, attestation)
  })
  await writeJobSummary(
    '## mlci deploy\n\n' +
      (attestation ? renderAttestationLine(attestation) : '') +
      renderRolloutReport({ modelUri: inputs.modelUri, environment: inputs.environment, result, startedAt })
  )
  if (github) await finishDeployment(github, inputs, run, result)

  // The rollout has rolled back; a service that failed is in the reason below, anything else is thrown as it is
  // (a user's mistake as one annotation, a bug with its stack).
  if (result.error !== undefined && errorKind(result.error) !== 'service') throw result.error
  if (result.result === 'promoted') {
    log.info`Promoted ${inputs.modelUri} to 100% of ${inputs.environment}.`
    return
  }
  process.exitCode = core.ExitCode.Failure
  // A target that failed says what to check, as the error boundary says it for any other service.
  const hint = isServiceError(result.error) ? result.error.details.hint : undefined
  const reason = hint ? `${result.reason?.replace(/\.$/, '')}. ${hint}` : result.reason
  log.fail(
    result.result === 'rolled-back'
      ? log.text`Rolled back ${inputs.modelUri}: ${reason}`
      : log.text`The rollout of ${inputs.modelUri} failed: ${reason}`,
    { title: 'mlci deploy' }
  )
}

function logEvent(event: TimelineEvent): void {
  const where = `stage ${event.stage.index} (${event.stage.trafficPercent}%)`
  switch (event.kind) {
    case 'deploy':
      log.info`Baking ${where}: traffic shifted.`
      return
    case 'analysis':
      log.info`Analysis of ${where}: ${summarizeOutcome(event.outcome)} → ${event.decision}`
      return
    case 'promote':
      log.info`Promoted ${where}.`
      return
    case 'rollback':
      log.info`${event.succeeded ? 'Rolled back' : 'Rollback FAILED'} at ${where}: ${event.reason}`
  }
}

interface GitHubDeployment {
  client: ReturnType<typeof createGitHubClient>
  repo: Repo
  deploymentId: number
  previousDeploymentId?: number
  previousModelUri?: string
}

function renderAttestationLine(attestation: AcceptedAttestation): string {
  return (
    `Evidence: a verified **${attestation.result}** Test Result attestation of \`${attestation.digest}\` ` +
    `(statement \`${attestation.statementDigest}\`), signed by ${escapeMarkdown(attestation.signer)}.\n\n`
  )
}

async function startDeployment(
  inputs: Inputs,
  run: RunContext,
  attestation: AcceptedAttestation | undefined
): Promise<GitHubDeployment> {
  const client = createGitHubClient(inputs.githubToken)
  const repo = requireRepository(run)
  let created: Awaited<ReturnType<typeof createDeployment>>
  try {
    // Created first: its creator is the identity this token acts as, the one every record of ours carries.
    created = await createDeployment(client, repo, {
      ref: run.sha,
      environment: inputs.environment,
      modelUri: inputs.modelUri,
      description: `mlci canary rollout of ${inputs.modelUri}`,
      attestation: attestation && {
        predicate_type: attestation.predicateType,
        digest: attestation.digest,
        result: attestation.result,
        signer: attestation.signer,
        statement_digest: attestation.statementDigest
      }
    })
  } catch (error) {
    throw explainRefusal(
      error,
      'record the deployment (or set record-deployment: false)',
      'deployments: write'
    )
  }
  const deploymentId = created.id
  let previous: Awaited<ReturnType<typeof findPreviousDeployment>>
  try {
    previous = await findPreviousDeployment(client, repo, {
      environment: inputs.environment,
      identity: created.creator,
      ownDeploymentId: deploymentId
    })
  } catch (error) {
    if (isUserError(error)) {
      await setDeploymentStatus(client, repo, deploymentId, 'error', {
        logUrl: run.runUrl,
        description: `Refused: ${error.message}`
      })
    }
    throw error
  }
  if (previous === undefined)
    log.info`There is no earlier mlci deployment to ${inputs.environment}: a rollback has no model to name.`
  await setDeploymentStatus(client, repo, deploymentId, 'in_progress', {
    logUrl: run.runUrl,
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
  run: RunContext,
  result: RolloutResult
): Promise<void> {
  const promoted = result.result === 'promoted'
  await setDeploymentStatus(
    github.client,
    github.repo,
    github.deploymentId,
    promoted ? 'success' : 'failure',
    {
      logUrl: run.runUrl,
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

/** The JSON report, written to a temporary name and renamed so a reader never sees half of it. */
async function writeReport(
  inputs: Inputs,
  run: RunContext,
  result: RolloutResult,
  startedAt: Date,
  attestation: AcceptedAttestation | undefined
): Promise<string> {
  const file = path.join(run.runnerTemp, 'mlci-deploy-report.json')
  const report = {
    modelUri: inputs.modelUri,
    environment: inputs.environment,
    startedAt: startedAt.toISOString(),
    result: result.result,
    finalTrafficPercent: result.finalTrafficPercent,
    score: result.score ?? null,
    verdict: result.verdict ?? null,
    reason: result.reason ?? null,
    attestation: attestation ?? null,
    timeline: result.timeline
  }
  // NaN (an undefined effect size) becomes null in JSON.
  await writeFileAtomically(file, JSON.stringify(report, null, 2))
  return file
}
