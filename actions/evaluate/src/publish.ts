import * as path from 'node:path'
import * as core from '@actions/core'
import type { GitHubClient } from '../../../shared/github/client.js'
import { statusDescription, VERDICT_WORDS } from '../../../shared/gate/gate-report.js'
import type { Results, RuleResult } from '../../../shared/metrics/results.js'
import type { RunContext } from './run-context.js'

/** GitHub takes at most 50 annotations per check-run request; the rest go in follow-up updates. */
const ANNOTATIONS_PER_REQUEST = 50
const MAX_SUMMARY = 65_535

export type Channel = 'check-run' | 'commit-status' | 'summary-only'

interface Annotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: 'failure' | 'warning'
  title: string
  message: string
}

const CONCLUSION = { pass: 'success', warn: 'neutral', fail: 'failure' } as const

/**
 * Reports the verdict on the head commit as a check run named `checkName` (summary table, the results digest a
 * later run reads as its baseline, annotations on the policy's lines). A token that cannot write checks (a
 * fork PR's, a personal token) falls back to a commit status, and a read-only one to the job summary and the
 * exit code; the log says which.
 */
export async function publishVerdict(
  client: GitHubClient | undefined,
  run: RunContext,
  checkName: string,
  results: Results,
  report: string,
  digestLine: string
): Promise<Channel> {
  if (checkName === '') {
    core.info('check-name is empty: the verdict is in the job summary and the exit code only.')
    return 'summary-only'
  }
  if (client === undefined) {
    core.info('No github-token: the verdict is in the job summary and the exit code only.')
    return 'summary-only'
  }
  const annotations = annotationsOf(results.rules, results.policyFile ?? undefined, run.workspace)
  const summary = fitSummary(report, digestLine)
  const title = `${VERDICT_WORDS[results.verdict]}${failedCount(results.rules)}`
  try {
    const { data } = await client.rest.checks.create({
      owner: run.owner,
      repo: run.repo,
      name: checkName,
      head_sha: run.headSha,
      status: 'completed',
      conclusion: CONCLUSION[results.verdict],
      output: { title, summary, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) }
    })
    for (let at = ANNOTATIONS_PER_REQUEST; at < annotations.length; at += ANNOTATIONS_PER_REQUEST) {
      await client.rest.checks.update({
        owner: run.owner,
        repo: run.repo,
        check_run_id: data.id,
        output: { title, summary, annotations: annotations.slice(at, at + ANNOTATIONS_PER_REQUEST) }
      })
    }
    core.info(
      `Check run '${checkName}' on ${run.headSha.slice(0, 12)}: ${CONCLUSION[results.verdict]} (${data.html_url}).`
    )
    return 'check-run'
  } catch (error) {
    if (!isPermissionError(error)) throw error
    core.info(
      `This token cannot create check runs (${(error as Error).message}); falling back to a commit status.`
    )
  }
  try {
    await client.rest.repos.createCommitStatus({
      owner: run.owner,
      repo: run.repo,
      sha: run.headSha,
      state: results.verdict === 'fail' ? 'failure' : 'success',
      context: checkName,
      description: statusDescription(results)
    })
    core.info(
      `Commit status '${checkName}' on ${run.headSha.slice(0, 12)}: ${results.verdict} (no check run: the token cannot write checks).`
    )
    return 'commit-status'
  } catch (error) {
    if (!isPermissionError(error)) throw error
    core.warning(
      `This token can write neither check runs nor commit statuses (${(error as Error).message}), as on a pull request from a fork: the verdict is in the job summary and this step's exit code only.`
    )
    return 'summary-only'
  }
}

function failedCount(rules: RuleResult[]): string {
  const failed = rules.filter(rule => rule.status === 'fail' && !rule.informational).length
  return failed > 0 ? `: ${failed} rule(s) failed` : ''
}

function isPermissionError(error: unknown): boolean {
  const status = (error as { status?: number }).status
  return status === 403 || status === 404
}

function fitSummary(report: string, digestLine: string): string {
  const room = MAX_SUMMARY - digestLine.length - 100
  const body =
    report.length > room
      ? `${report.slice(0, room)}\n\n… (truncated; the results file has everything)`
      : report
  return `${body}\n\n${digestLine}\n`
}

function annotationsOf(rules: RuleResult[], policyFile: string | undefined, workspace: string): Annotation[] {
  if (policyFile === undefined) return []
  const file = path.isAbsolute(policyFile) ? path.relative(workspace, policyFile) : policyFile
  return rules
    .filter(
      rule =>
        (rule.status === 'fail' || rule.status === 'warn') && rule.line !== undefined && !rule.informational
    )
    .map(rule => ({
      path: file.split(path.sep).join('/'),
      start_line: rule.line!,
      end_line: rule.line!,
      annotation_level: rule.status === 'fail' ? 'failure' : 'warning',
      title: `${rule.metric}${rule.slice === undefined ? '' : ` [${rule.slice}]`}: ${rule.rule}`.slice(
        0,
        255
      ),
      message: rule.message
    }))
}
