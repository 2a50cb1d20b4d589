import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { publishCheck, type Channel, type CheckAnnotation } from '../../../shared/runner/check-run.js'
import type { GitHubClient } from '../../../shared/runner/github-api.js'
import { statusDescription, VERDICT_WORDS } from '../../../shared/report/gate-report.js'
import type { Results, RuleResult } from '../../../shared/metrics/results.js'
import type { RunContext } from '../../../shared/runner/run-context.js'

const CONCLUSION = { pass: 'success', warn: 'neutral', fail: 'failure' } as const

/**
 * Reports the verdict on the head commit as a check run named `checkName` (summary table, the results digest a
 * later run reads as its baseline, annotations on the policy's lines), with the fallbacks of publishCheck.
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
    log.info`check-name is empty: the verdict is in the job summary and the exit code only.`
    return 'summary-only'
  }
  if (client === undefined) {
    log.info`No github-token: the verdict is in the job summary and the exit code only.`
    return 'summary-only'
  }
  return publishCheck(client, {
    owner: run.owner,
    repo: run.repo,
    headSha: run.headSha,
    name: checkName,
    conclusion: CONCLUSION[results.verdict],
    title: `${VERDICT_WORDS[results.verdict]}${failedCount(results.rules)}`,
    summary: report,
    trailer: digestLine,
    annotations: annotationsOf(results.rules, results.policyFile ?? undefined, run.workspace),
    status: {
      state: results.verdict === 'fail' ? 'failure' : 'success',
      description: statusDescription(results)
    }
  })
}

function failedCount(rules: RuleResult[]): string {
  const failed = rules.filter(rule => rule.status === 'fail' && !rule.informational).length
  return failed > 0 ? `: ${failed} rule(s) failed` : ''
}

function annotationsOf(
  rules: RuleResult[],
  policyFile: string | undefined,
  workspace: string
): CheckAnnotation[] {
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
      annotation_level: rule.status === 'fail' ? ('failure' as const) : ('warning' as const),
      title: `${rule.metric}${rule.slice === undefined ? '' : ` [${rule.slice}]`}: ${rule.rule}`.slice(
        0,
        255
      ),
      message: rule.message
    }))
}
