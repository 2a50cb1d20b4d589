import * as github from '@actions/github'
import { createGitHubClient } from '../../../shared/github/client.js'
import { describeRule, type ValidationReport } from '../../../shared/validation/report.js'
import type { Inputs } from './inputs.js'

/** GitHub caps a check run's summary at 65535 characters, and its annotations at 50 per request. */
const SUMMARY_LIMIT = 65535
const ANNOTATION_LIMIT = 50

/** A completed check run whose conclusion mirrors the verdict, so a branch rule can require it. */
export async function createCheckRun(
  inputs: Inputs,
  report: ValidationReport,
  summary: string
): Promise<void> {
  const client = createGitHubClient(inputs.token)
  const { owner, repo } = github.context.repo
  const pull = github.context.payload.pull_request as { head?: { sha?: string } } | undefined
  const headSha = pull?.head?.sha ?? github.context.sha
  // Unlike step annotations (10 per level), a check run takes 50: one per failed rule, at its first bad line.
  const annotations = report.rules
    .filter(rule => rule.failed && rule.samples[0]?.file && rule.samples[0].location === 'line')
    .sort((a, b) => b.violations - a.violations)
    .slice(0, ANNOTATION_LIMIT)
    .map(rule => ({
      path: rule.samples[0].file,
      start_line: rule.samples[0].line,
      end_line: rule.samples[0].line,
      annotation_level: rule.severity === 'error' ? ('failure' as const) : ('warning' as const),
      title: rule.id,
      message: describeRule(rule)
    }))
  const title = `${report.rows} rows: ${report.errors} error(s), ${report.warnings} warning(s)`
  await client.rest.checks.create({
    owner,
    repo,
    name: inputs.checkName!,
    head_sha: headSha,
    status: 'completed',
    conclusion: report.valid ? 'success' : 'failure',
    output: {
      title,
      summary:
        summary.length > SUMMARY_LIMIT
          ? `${summary.slice(0, SUMMARY_LIMIT - 40)}\n\n(truncated; see the job summary)`
          : summary,
      annotations
    }
  })
}
