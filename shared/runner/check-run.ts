import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import * as log from './log.js'
import type { GitHubClient } from '../github/github-client.js'
import { isNoAnswer, isPermissionError } from './github-api.js'
import { CHECK_RUN_ANNOTATIONS_BUDGET, fitText, GITHUB_LIMITS, utf8Prefix } from '../report/github-limits.js'

/** GitHub takes at most 50 annotations per check-run request; the rest go in follow-up updates. */
const ANNOTATIONS_PER_REQUEST = GITHUB_LIMITS.checkRunAnnotationsPerRequest
/** A commit status description holds at most 140 characters. */
const MAX_DESCRIPTION = GITHUB_LIMITS.commitStatusDescriptionChars
/** How often a create that got no answer is tried again, waiting 1, 4, 9 s as the client's own retries do. */
const CREATE_RETRIES = 3

export type Channel = 'check-run' | 'commit-status' | 'summary-only'

export interface CheckAnnotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: 'notice' | 'warning' | 'failure'
  title: string
  message: string
}

export interface CheckReport {
  owner: string
  repo: string
  /** The commit the check belongs to: the PR head on pull_request, not the merge commit. */
  headSha: string
  name: string
  conclusion: 'success' | 'neutral' | 'failure'
  title: string
  summary: string
  /** Appended after the summary is cut to size, so it always survives (evaluate's results digest). */
  trailer?: string
  /** The most important first: past CHECK_RUN_ANNOTATIONS_BUDGET the rest are left out, with a note. */
  annotations: CheckAnnotation[]
  /** The commit status used when the token cannot write checks. */
  status: { state: 'success' | 'failure'; description: string }
}

/**
 * Reports a verdict on a commit as a check run (annotations batched by 50). A token that cannot write checks
 * (a fork PR's, a personal token) falls back to a commit status of the same name, and a read-only one to the
 * job summary and the exit code. The log says which; the channel used is returned.
 */
export async function publishCheck(client: GitHubClient, report: CheckReport): Promise<Channel> {
  const { owner, repo, headSha, name, title } = report
  const { annotations, left } = budgetAnnotations(report.annotations)
  // The note survives any cut of the summary, like the trailer (which stays the last line: evaluate's digest).
  const leftNote =
    left === 0
      ? ''
      : `${left} more annotation(s) are not attached to this check run (mlci attaches at most ` +
        `${CHECK_RUN_ANNOTATIONS_BUDGET}, the most important first); the job summary and the step's report have them all.`
  const trailer = [leftNote, report.trailer ?? ''].filter(part => part !== '').join('\n\n')
  const output = { title, summary: fitSummary(report.summary, trailer) }
  try {
    const data = await createCheckRun(client, {
      owner,
      repo,
      name,
      head_sha: headSha,
      status: 'completed',
      conclusion: report.conclusion,
      output: { ...output, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) }
    })
    for (let at = ANNOTATIONS_PER_REQUEST; at < annotations.length; at += ANNOTATIONS_PER_REQUEST) {
      await client.rest.checks.update({
        owner,
        repo,
        check_run_id: data.id,
        output: { ...output, annotations: annotations.slice(at, at + ANNOTATIONS_PER_REQUEST) }
      })
    }
    log.info`Check run '${name}' on ${headSha.slice(0, 12)}: ${report.conclusion} (${data.html_url}).`
    return 'check-run'
  } catch (error) {
    if (!isPermissionError(error)) throw error
    log.info`This token cannot create check runs (${(error as Error).message}); falling back to a commit status.`
  }
  try {
    await client.rest.repos.createCommitStatus({
      owner,
      repo,
      sha: headSha,
      state: report.status.state,
      context: name,
      description: clip(report.status.description, MAX_DESCRIPTION)
    })
    log.info`Commit status '${name}' on ${headSha.slice(0, 12)}: ${report.status.state} (no check run: the token cannot write checks).`
    return 'commit-status'
  } catch (error) {
    if (!isPermissionError(error)) throw error
    log.warning`This token can write neither check runs nor commit statuses (${(error as Error).message}), as on a pull request from a fork: the verdict is in the job summary and this step's exit code only.`
    return 'summary-only'
  }
}

type CreateParameters = Omit<
  NonNullable<Parameters<GitHubClient['rest']['checks']['create']>[0]>,
  'external_id' | 'request'
> & { owner: string; repo: string; name: string; head_sha: string }

/**
 * Creates a check run exactly once. A POST whose answer was lost (a reset, a timeout, a 502 after GitHub
 * committed it) may have created the run, and the client's own retry would create a second one next to it.
 * So the client does not retry this POST; we do, and before each new attempt look for the run it may have
 * made: same commit, same name, and the `external_id` only this call knows. If GitHub cannot answer that
 * question either, the step fails rather than risk a duplicate.
 */
async function createCheckRun(
  client: GitHubClient,
  parameters: CreateParameters
): Promise<{ id: number; html_url: string | null }> {
  const externalId = `mlci-${randomUUID()}`
  for (let attempt = 1; ; attempt++) {
    try {
      const { data } = await client.rest.checks.create({
        ...parameters,
        external_id: externalId,
        request: { retries: 0 }
      })
      return data
    } catch (error) {
      if (!isNoAnswer(error) || attempt > CREATE_RETRIES) throw error
      await sleep(attempt * attempt * 1000)
      const made = await findCheckRun(client, parameters, externalId)
      if (made !== undefined) {
        log.info`The answer to creating check run '${parameters.name}' was lost (${(error as Error).message.split('\n')[0]}), but it was created (${made.html_url}): not creating it again.`
        return made
      }
    }
  }
}

/** The check run `externalId` on the commit, if a create whose answer was lost made it. */
async function findCheckRun(
  client: GitHubClient,
  { owner, repo, name, head_sha }: CreateParameters,
  externalId: string
): Promise<{ id: number; html_url: string | null } | undefined> {
  const { data } = await client.rest.checks.listForRef({
    owner,
    repo,
    ref: head_sha,
    check_name: name,
    filter: 'all',
    per_page: 100
  })
  return data.check_runs.find(run => run.external_id === externalId && run.head_sha === head_sha)
}

/** Within GitHub's 65,535 for output.summary, cut at a line with a note; the trailer always kept whole. */
function fitSummary(summary: string, trailer = ''): string {
  return fitText(summary, {
    limitBytes: GITHUB_LIMITS.checkRunTextBytes,
    note: "… (cut to fit GitHub's 65,535 characters for a check run's summary; the job summary has everything)",
    trailer
  })
}

/** At most CHECK_RUN_ANNOTATIONS_BUDGET annotations, each title and message within GitHub's sizes. */
function budgetAnnotations(all: CheckAnnotation[]): { annotations: CheckAnnotation[]; left: number } {
  const annotations = all.slice(0, CHECK_RUN_ANNOTATIONS_BUDGET).map(a => ({
    ...a,
    title: clip(a.title, GITHUB_LIMITS.annotationTitleChars),
    message: utf8Prefix(a.message, GITHUB_LIMITS.annotationMessageBytes)
  }))
  return { annotations, left: all.length - annotations.length }
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`
}
