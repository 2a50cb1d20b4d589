import { publishCheck, type Channel } from '../../../shared/runner/check-run.js'
import { createGitHubClient } from '../../../shared/runner/github-api.js'
import type { RunContext } from '../../../shared/runner/run-context.js'
import { describeRule, type ValidationReport } from '../../../shared/validation/report.js'
import type { Inputs } from './inputs.js'

/** A completed check run whose conclusion mirrors the verdict, so a branch rule can require it. */
export async function createCheckRun(
  inputs: Inputs,
  run: RunContext,
  report: ValidationReport,
  summary: string
): Promise<Channel> {
  const client = createGitHubClient(inputs.token)
  // One annotation per failed rule, at its first bad line, the rules with the most violations first.
  const annotations = report.rules
    .filter(rule => rule.failed && rule.samples[0]?.file && rule.samples[0].location === 'line')
    .sort((a, b) => b.violations - a.violations)
    .map(rule => ({
      path: rule.samples[0].file,
      start_line: rule.samples[0].line,
      end_line: rule.samples[0].line,
      annotation_level: rule.severity === 'error' ? ('failure' as const) : ('warning' as const),
      title: rule.id,
      message: describeRule(rule)
    }))
  const title = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)`
  return publishCheck(client, {
    owner: run.owner,
    repo: run.repo,
    headSha: run.headSha,
    name: inputs.checkName!,
    conclusion: report.valid ? 'success' : 'failure',
    title,
    summary,
    annotations,
    status: { state: report.valid ? 'success' : 'failure', description: title }
  })
}
