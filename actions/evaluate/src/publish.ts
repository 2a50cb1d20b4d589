import * as path from 'node:path'
import * as log from '../../../shared/runner/log.js'
import { publishCheck, type Channel, type CheckAnnotation } from '../../../shared/runner/check-run.js'
import type { GitHubClient } from '../../../shared/runner/github-api.js'
import { statusDescription, VERDICT_WORDS } from '../../../shared/report/gate-report.js'
import type { Results, RuleResult, Verdict } from '../../../shared/metrics/results.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import type { InconclusiveConclusion } from './inputs.js'

type Conclusion = 'success' | 'neutral' | 'failure'

/**
 * The check conclusion of a verdict: a warning is neutral, and an inconclusive verdict (no evidence either way)
 * is what `inconclusive-conclusion` says, neutral by default, so noise alone never blocks a merge. The step fails
 * exactly when this is failure.
 */
export function conclusionOf(verdict: Verdict, inconclusive: InconclusiveConclusion): Conclusion {
  const conclusions = { pass: 'success', warn: 'neutral', inconclusive, fail: 'failure' } as const
  return conclusions[verdict]
}

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
  digestLine: string,
  conclusion: Conclusion
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
    conclusion,
    title: `${VERDICT_WORDS[results.verdict]}${failedCount(results.rules)}`,
    summary: report,
    trailer: digestLine,
    annotations: annotationsOf(results.rules, results.policyFile ?? undefined, run.workspace),
    status: {
      state: conclusion === 'failure' ? 'failure' : 'success',
      description: statusDescription(results)
    }
  })
}

const ANNOTATION_LEVEL = { fail: 'failure', warn: 'warning', inconclusive: 'notice' } as const

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
        (rule.status === 'fail' || rule.status === 'warn' || rule.status === 'inconclusive') &&
        rule.line !== undefined &&
        !rule.informational
    )
    .map(rule => ({
      path: file.split(path.sep).join('/'),
      start_line: rule.line!,
      end_line: rule.line!,
      annotation_level: ANNOTATION_LEVEL[rule.status as 'fail' | 'warn' | 'inconclusive'],
      title: `${rule.metric}${rule.slice === undefined ? '' : ` [${rule.slice}]`}: ${rule.rule}`.slice(
        0,
        255
      ),
      message: rule.message
    }))
}
