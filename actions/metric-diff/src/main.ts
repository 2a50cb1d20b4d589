import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { UserError } from '../../../shared/errors/user-error.js'
import { writeFileAtomically } from '../../../shared/io/atomic-write.js'
import { upsertStickyComment } from '../../../shared/github/sticky-comment.js'
import type { HistoryPoint } from '../../../shared/metrics/history-point.js'
import {
  createGitHubClient,
  isPermissionError,
  requireGitHubClient,
  type GitHubClient
} from '../../../shared/runner/github-api.js'
import { loadHistory } from '../../../shared/runner/history-lookup.js'
import { InputReader } from '../../../shared/runner/inputs.js'
import { readRunContext, type RunContext } from '../../../shared/runner/run-context.js'
import { setOutputs, writeJobSummary } from '../../../shared/runner/step-output.js'
import {
  COMMENT_LIMIT,
  renderDiffReport,
  SUMMARY_LIMIT,
  type DiffReport
} from '../../../shared/report/metric-diff-comment.js'
import { findBaseline } from '../../../shared/runner/baseline-lookup.js'
import { describeBaseline } from '../../../shared/report/gate-report.js'
import { changesOf, loadComparison, recheckPrepared, type Comparison } from './comparison.js'
import { getInputs, type Inputs } from './inputs.js'

export async function run(): Promise<void> {
  const run = readRunContext()
  const inputs = getInputs(new InputReader(undefined, run.workspace))
  let client: GitHubClient | undefined
  // Baseline and history lookups work without a token (they are skipped); a comment needs one.
  const clientFor = () => (inputs.token === '' ? undefined : (client ??= createGitHubClient(inputs.token)))
  if (inputs.mode === 'post') return postPrepared(inputs, run, clientFor)

  const pull = run.pullRequest
  if (inputs.mode === 'prepare') {
    if (pull === undefined) {
      throw new UserError(
        "Input 'mode': mode prepare belongs in a pull_request workflow, and this run has no pull request."
      )
    }
    // The fork's run has a read-only token at best: no baseline lookups through the API here.
    const comparison = await loadComparison(inputs, run, () => undefined)
    await publish(inputs, run, comparison, undefined, clientFor, undefined)
    const prepared = { commentKey: inputs.commentKey, pullNumber: pull.number, headSha: pull.headSha }
    // The hand-off (artifact client, zip reader, schema) is loaded only by the modes that use it.
    const { uploadPreparedReport } = await import('./handoff.js')
    await uploadPreparedReport({ version: 1, ...prepared, comparison }, run.runnerTemp)
    return
  }
  const comparison = await loadComparison(inputs, run, clientFor)
  await publish(inputs, run, comparison, pull?.number, clientFor, pull?.baseSha ?? run.pushBefore)
}

/** Renders, writes the body file, outputs and summary, comments, and applies fail-on-regression. */
async function publish(
  inputs: Inputs,
  run: RunContext,
  comparison: Comparison,
  pullNumber: number | undefined,
  clientFor: () => GitHubClient | undefined,
  historyFrom: string | undefined,
  claimedBy?: DiffReport['claimedBy']
): Promise<void> {
  log.info`Comparing ${Object.keys(comparison.candidate).length} metric(s) with baseline: ${comparison.baselineSource}.`
  const changes = changesOf(comparison)
  const report = {
    title: inputs.title,
    marker: `<!-- mlci:metric-diff:${inputs.commentKey} -->`,
    baselineSource: comparison.baselineSource,
    changes,
    show: inputs.show,
    precision: inputs.precision,
    verdict: comparison.verdict,
    slices: comparison.slices,
    history: await historyOf(inputs, run, comparison, historyFrom, pullNumber, clientFor, claimedBy),
    claimedBy
  }
  const full = renderDiffReport(report, SUMMARY_LIMIT)
  const bodyFile = path.join(run.runnerTemp, `mlci-metric-diff-${inputs.commentKey}.md`)
  await writeFileAtomically(bodyFile, full)
  const regressions = changes.filter(c => c.status === 'regressed' || c.status === 'fail').map(c => c.name)
  await setOutputs({
    body: bodyFile,
    changed: String(changes.filter(c => c.status !== 'unchanged').length),
    regressions: JSON.stringify(regressions)
  })
  if (inputs.summary) await writeJobSummary(full)

  if (inputs.mode !== 'prepare') {
    const body = full.length <= COMMENT_LIMIT ? full : renderDiffReport(report, COMMENT_LIMIT)
    await comment(inputs, run, report.marker, body, pullNumber)
  }
  if (inputs.failOnRegression && regressions.length > 0) {
    throw new UserError(
      `${regressions.length} metric(s) regressed: ${regressions.join(', ')} (fail-on-regression is on).`
    )
  }
}

/**
 * mode post, in a workflow_run workflow: the artifact is untrusted, and so is the PR number in it.
 * It must name a PR whose head is the commit the triggering run built; otherwise a fork could make us
 * comment on any pull request.
 */
async function postPrepared(
  inputs: Inputs,
  context: RunContext,
  clientFor: () => GitHubClient | undefined
): Promise<void> {
  const run = context.payload.workflow_run
  if (context.eventName !== 'workflow_run' || run === undefined) {
    throw new UserError(
      `Input 'mode': mode post belongs in a workflow_run workflow; this run is a ${context.eventName} event.`
    )
  }
  const client = requireGitHubClient(
    inputs.token,
    'mode post (it reads the artifact and comments on the pull request)',
    'actions: read, pull-requests: write'
  )
  const { owner, repo } = context
  const source = { token: inputs.token, owner, repo, runId: run.id }
  const { downloadPreparedReport } = await import('./handoff.js')
  const prepared = await downloadPreparedReport(source, inputs.commentKey, context.runnerTemp)
  const { data: pull } = await client.rest.pulls.get({ owner, repo, pull_number: prepared.pullNumber })
  if (pull.head.sha !== run.head_sha || prepared.headSha !== run.head_sha) {
    throw new UserError(
      `Refusing the prepared metric-diff artifact: it names pull request #${prepared.pullNumber}, whose head ` +
        `${pull.head.sha.slice(0, 12)} is not the commit ${run.head_sha.slice(0, 12)} that workflow run ${run.id} built.`
    )
  }
  log.info`Artifact of run ${run.id} checked: pull request #${pull.number} at ${run.head_sha}.`
  // The baseline is ours to read, as `baseline: auto` on the pull request would: evaluate's records on its base.
  const pullRun = {
    ...context,
    headSha: pull.head.sha,
    pullRequest: {
      number: pull.number,
      baseSha: pull.base.sha,
      headSha: pull.head.sha,
      baseRef: pull.base.ref
    },
    baseBranch: pull.base.ref
  }
  const found = await findBaseline({ kind: 'auto' }, pullRun, client, inputs.checkName)
  const { comparison, baselineClaimed } = recheckPrepared(prepared.comparison, found)
  if (baselineClaimed)
    log.info`No baseline of our own (${describeBaseline({ baseline: found })}): showing the one run ${run.id} claims.`
  await publish(inputs, context, comparison, pull.number, clientFor, pull.base.sha, {
    runNumber: run.run_number ?? run.id,
    url: `${context.serverUrl}/${owner}/${repo}/actions/runs/${run.id}`,
    baselineClaimed
  })
}

/** The recorded history of the base branch plus this candidate; none when it cannot be read. */
async function historyOf(
  inputs: Inputs,
  run: RunContext,
  comparison: Comparison,
  from: string | undefined,
  pullNumber: number | undefined,
  clientFor: () => GitHubClient | undefined,
  claimedBy?: DiffReport['claimedBy']
): Promise<HistoryPoint[] | undefined> {
  const client = clientFor()
  if (inputs.history === 0 || from === undefined || client === undefined || inputs.checkName === '')
    return undefined
  try {
    const past = await loadHistory(client, run, from, inputs.checkName, inputs.history)
    if (past.length === 0) return undefined
    const label = `${pullNumber ? `PR #${pullNumber}` : 'candidate'}${claimedBy ? ' (claimed)' : ''}`
    return [...past, { label, metrics: comparison.candidate }]
  } catch (error) {
    log.info`No history chart: the commits of ${from.slice(0, 12)} could not be listed (${(error as Error).message}).`
    return undefined
  }
}

async function comment(
  inputs: Inputs,
  run: RunContext,
  marker: string,
  body: string,
  pullNumber: number | undefined
): Promise<void> {
  if (inputs.comment === 'never') return
  if (pullNumber === undefined) {
    if (inputs.comment === 'always') {
      throw new UserError(
        `Input 'comment' is always, but ${run.eventName} events have no pull request to comment on.`
      )
    }
    log.info`No pull request in this ${run.eventName} run: job summary only.`
    return
  }
  const client = requireGitHubClient(
    inputs.token,
    `the comment on pull request #${pullNumber} (set comment: never to skip it)`,
    'pull-requests: write'
  )
  try {
    const result = await upsertStickyComment(client, {
      owner: run.owner,
      repo: run.repo,
      issueNumber: pullNumber,
      marker,
      body,
      mode: inputs.commentMode,
      log: message => log.info`${message}`
    })
    if (result.deleted.length > 0)
      log.info`Removed ${result.deleted.length} duplicate comment(s) with our marker.`
    await setOutputs({ 'comment-id': String(result.id), 'comment-url': result.url })
  } catch (error) {
    if (!isPermissionError(error)) throw error
    const status = (error as { status: number }).status
    // A read-only token: a fork PR, or a workflow without the permission. The summary is already written.
    log.warning`Could not comment on pull request #${pullNumber} (HTTP ${status}): the token needs 'pull-requests: write'. For pull requests from forks, use mode: prepare here and mode: post in a workflow_run workflow.`
  }
}
