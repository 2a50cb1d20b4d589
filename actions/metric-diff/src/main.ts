import { rename, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import * as core from '@actions/core'
import { context } from '@actions/github'
import { UserError } from '../../../shared/action/user-error.js'
import { createGitHubClient } from '../../../shared/github/client.js'
import { upsertStickyComment } from '../../../shared/github/sticky-comment.js'
import { guessDirection } from '../../../shared/metrics/direction.js'
import { diffMetrics } from '../../../shared/metrics/metric-diff.js'
import { loadBaseline, loadMetricFiles } from '../../../shared/metrics/metric-source.js'
import { COMMENT_LIMIT, renderDiffReport, SUMMARY_LIMIT } from '../../../shared/report/metric-diff-comment.js'
import { getInputs, type Inputs } from './inputs.js'

export async function run(): Promise<void> {
  const inputs = getInputs()
  const marker = `<!-- mlci:metric-diff:${inputs.commentKey} -->`
  const candidate = await loadMetricFiles('metrics', inputs.metrics, inputs.workspace)
  const baseline = await loadBaseline(inputs.baseline, inputs.workspace)
  core.info(`Comparing ${Object.keys(candidate).length} metric(s) with baseline: ${baseline.source}.`)
  const changes = diffMetrics(baseline.metrics, candidate, guessDirection)
  const report = {
    title: inputs.title,
    marker,
    baselineSource: baseline.source,
    changes,
    show: inputs.show,
    precision: inputs.precision
  }
  const full = renderDiffReport(report, SUMMARY_LIMIT)
  const body = full.length <= COMMENT_LIMIT ? full : renderDiffReport(report, COMMENT_LIMIT)
  const bodyFile = await writeAtomically(
    path.join(process.env.RUNNER_TEMP || inputs.workspace, `mlci-metric-diff-${inputs.commentKey}.md`),
    full
  )
  const regressions = changes.filter(c => c.status === 'regressed').map(c => c.name)
  core.setOutput('body', bodyFile)
  core.setOutput('changed', String(changes.filter(c => c.status !== 'unchanged').length))
  core.setOutput('regressions', JSON.stringify(regressions))
  if (inputs.summary) await core.summary.addRaw(full).write()

  await comment(inputs, marker, body, context.payload.pull_request?.number as number | undefined)

  if (inputs.failOnRegression && regressions.length > 0) {
    throw new UserError(
      `${regressions.length} metric(s) regressed: ${regressions.join(', ')} (fail-on-regression is on).`
    )
  }
}

async function comment(
  inputs: Inputs,
  marker: string,
  body: string,
  pullNumber: number | undefined
): Promise<void> {
  if (inputs.comment === 'never') return
  if (pullNumber === undefined) {
    if (inputs.comment === 'always') {
      throw new UserError(
        `comment: always, but ${context.eventName} events have no pull request to comment on.`
      )
    }
    core.info(`No pull request in this ${context.eventName} run: job summary only.`)
    return
  }
  if (inputs.token === '') throw new UserError("Input 'github-token' is empty: the comment needs a token.")
  const client = createGitHubClient(inputs.token)
  try {
    const result = await upsertStickyComment(client, {
      owner: context.repo.owner,
      repo: context.repo.repo,
      issueNumber: pullNumber,
      marker,
      body,
      mode: inputs.commentMode,
      log: message => core.info(message)
    })
    if (result.deleted.length > 0)
      core.info(`Removed ${result.deleted.length} duplicate comment(s) with our marker.`)
    core.setOutput('comment-id', String(result.id))
    core.setOutput('comment-url', result.url)
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status !== 403 && status !== 404) throw error
    // A read-only token: a fork PR, or a workflow without the permission. The summary is already written.
    core.warning(
      `Could not comment on pull request #${pullNumber} (HTTP ${status}): the token needs 'pull-requests: write'. ` +
        'Pull requests from forks get a read-only token: their table is in the job summary.'
    )
  }
}

/** Writes next to the target and renames, so a reader never sees half a file. */
async function writeAtomically(file: string, text: string): Promise<string> {
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, file)
  return file
}
