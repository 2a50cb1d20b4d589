import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { evaluateGate, type SignificanceTest } from '../../../shared/gate/gate.js'
import { describeBaseline, renderGateReport } from '../../../shared/report/gate-report.js'
import { digestFile } from '../../../shared/registry/file-digest.js'
import { checkPolicyMetricNames, parsePolicy, type Policy } from '../../../shared/gate/policy.js'
import { significanceTest } from '../../../shared/gate/significance.js'
import { requireGitHubClient } from '../../../shared/runner/github-api.js'
import { writeFileAtomically } from '../../../shared/io/atomic-write.js'
import { userFiles, type UserFiles } from '../../../shared/runner/user-files.js'
import { InputReader } from '../../../shared/runner/inputs.js'
import { setOutputs, writeJobSummary } from '../../../shared/runner/step-output.js'
import { evaluatePredictions } from '../../../shared/metrics/prediction-metrics.js'
import { RESULTS_SCHEMA_VERSION, type Baseline, type Results } from '../../../shared/metrics/results.js'
import { encodeDigest } from '../../../shared/metrics/results-digest.js'
import { findBaseline, saveBaselineCache } from '../../../shared/runner/baseline-lookup.js'
import { loadCandidate, readPredictions } from './candidate.js'
import { pairPredictions } from '../../../shared/metrics/paired-predictions.js'
import { getInputs } from './inputs.js'
import { conclusionOf, publishVerdict } from './publish.js'
import { readRunContext } from '../../../shared/runner/run-context.js'
import { nameMap } from '../../../shared/data/name-map.js'

export async function run(): Promise<void> {
  const context = readRunContext()
  const inputs = getInputs(new InputReader(undefined, context.workspace))
  const files = userFiles(context)
  const resultsPath = await files.output(
    'results',
    inputs.results ?? path.join(context.runnerTemp, 'mlci-evaluate', 'results.json')
  )
  const policy = inputs.policy ? await readPolicy(inputs.policy, files) : undefined
  const { candidate, predictions } = await loadCandidate(inputs, context, files)
  if (policy) checkPolicyMetricNames(policy.policy, Object.keys(candidate.metrics))
  let baselinePredictions = inputs.baselinePredictions
    ? await readPredictions('baseline-predictions', inputs.baselinePredictions, inputs, files)
    : undefined
  if (baselinePredictions) {
    if (!predictions)
      throw new UserError(
        "baseline-predictions needs 'predictions' for the candidate: a paired test compares the two."
      )
    baselinePredictions = pairPredictions(predictions, baselinePredictions)
  }

  // A check run asked for (check-name, on by default) needs a token; without one, only a baseline file works.
  const client =
    inputs.checkName === ''
      ? undefined
      : requireGitHubClient(
          inputs.token,
          `check-name '${inputs.checkName}' (the check run a branch rule can require; empty it to skip)`,
          'checks: write'
        )
  let baseline: Baseline = await findBaseline(inputs.baseline, context, client, inputs.checkName)
  if (baseline.source === 'none' && baselinePredictions && inputs.baseline.kind === 'auto') {
    baseline = {
      source: 'file',
      commit: null,
      detail: `metrics of ${baselinePredictions.file}`,
      metrics: evaluatePredictions(baselinePredictions.predictions, {
        resamples: 0,
        confidence: inputs.confidence,
        seed: inputs.seed
      })
    }
  }
  log.info`Baseline: ${describeBaseline({ baseline })}.`

  let significance: SignificanceTest | undefined
  if (policy && predictions) {
    significance = significanceTest(
      policy.policy,
      predictions.predictions,
      baselinePredictions?.predictions,
      {
        resamples: pairedResamples(inputs.bootstrap, predictions.predictions.data.labels.length),
        seed: inputs.seed
      }
    )
  }
  const gate = policy
    ? evaluateGate({
        policy: policy.policy,
        candidate: candidate.metrics,
        baseline: baseline.metrics,
        slices: candidate.slices,
        significance
      })
    : { verdict: 'pass' as const, rules: [] }
  const results: Results = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    commit: context.headSha || null,
    verdict: gate.verdict,
    policyFile: policy?.name ?? null,
    ...(policy ? { policySha256: policy.sha256 } : {}),
    candidate,
    baseline,
    rules: gate.rules
  }
  await writeFileAtomically(resultsPath, `${JSON.stringify(results, null, 2)}\n`)

  const checkName = inputs.checkName
  const report = renderGateReport(results, checkName || 'mlci evaluate')
  const digestLine = encodeDigest({ version: 1, commit: results.commit, metrics: candidate.metrics })
  await writeJobSummary(report)
  const conclusion = conclusionOf(results.verdict, inputs.inconclusiveConclusion)
  const channel = await publishVerdict(client, context, checkName, results, report, digestLine, conclusion)
  if (context.onDefaultBranch && context.pushBranch && checkName !== '' && digestLine !== '') {
    const key = await saveBaselineCache(checkName, context.pushBranch, context.headSha, digestLine)
    if (key)
      log.info`Saved this run's results as the baseline of ${context.pushBranch} in the cache (${key}).`
  }

  const failed = results.rules.filter(rule => rule.status === 'fail' && !rule.informational)
  await setOutputs({
    verdict: results.verdict,
    passed: String(conclusion !== 'failure'),
    results: resultsPath,
    metrics: JSON.stringify(flatMetrics(results)),
    'baseline-source': describeBaseline(results),
    'failed-rules': JSON.stringify(failed)
  })
  const attention = (rule: { status: string; informational?: boolean }) =>
    (rule.status === 'warn' || rule.status === 'inconclusive') && !rule.informational
  for (const rule of results.rules.filter(attention)) log.warning`${rule.message}`
  const verdictLine = `${checkName || 'mlci evaluate'}: ${results.verdict}, conclusion ${conclusion} (reported through ${channel}).`
  if (results.verdict === 'fail')
    log.fail`${verdictLine} ${failedRulesLine(failed.map(rule => rule.message))}`
  else if (conclusion === 'failure')
    log.fail`${verdictLine} inconclusive-conclusion is failure: ${results.rules
      .filter(rule => rule.status === 'inconclusive' && !rule.informational)
      .map(rule => rule.message)
      .join('; ')}`
  else log.info`${verdictLine}`
}

/** The verdict is one annotation: it names the first few failed rules; the job summary has every one. */
const VERDICT_RULES = 10

function failedRulesLine(messages: string[]): string {
  const named = messages.slice(0, VERDICT_RULES).join('; ')
  const more = messages.length - VERDICT_RULES
  return more > 0 ? `${named}; and ${more} more: see the job summary.` : named
}

/**
 * The (paired) bootstrap weighs every example in each model's pass, so its cost is examples × resamples.
 * Past 2×10⁸ example-passes the resamples are cut (never below 200, which still resolves p = 0.005) and the
 * log says so.
 */
function pairedResamples(requested: number, examples: number): number {
  const wanted = Math.max(requested, 200)
  const affordable = Math.max(200, Math.floor(2e8 / Math.max(1, examples)))
  if (wanted > affordable) {
    log.info`Significance on ${examples} examples: ${affordable} resamples instead of ${wanted}, to bound the run time.`
  }
  return Math.min(wanted, affordable)
}

async function readPolicy(
  raw: string,
  files: UserFiles
): Promise<{ policy: Policy; name: string; sha256: string }> {
  const { name, text, path: file } = await files.read('policy', raw)
  // Of the bytes on disk, as sha256sum prints it: publish's Test Result names the policy by it.
  const { digest } = await digestFile(file)
  return { policy: parsePolicy(text, name), name, sha256: digest.slice('sha256:'.length) }
}

function flatMetrics(results: Results): Record<string, number> {
  const flat = nameMap<number>()
  for (const [name, estimate] of Object.entries(results.candidate.metrics))
    if (estimate.value !== null) flat[name] = estimate.value
  return flat
}
