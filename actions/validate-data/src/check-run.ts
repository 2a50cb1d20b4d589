import * as github from '@actions/github'
import { createGitHubClient } from '../../../shared/github/client.js'
import type { ValidationReport } from '../../../shared/validation/report.js'
import type { Inputs } from './inputs.js'

/** GitHub caps a check run's summary at 65535 characters. */
const SUMMARY_LIMIT = 65535

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
          : summary
    }
  })
}
