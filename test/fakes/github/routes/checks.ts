import { paginate } from '../pagination.js'
import { appIdOf, appJson, nodeId, repoApiUrl, repoHtmlUrl, type Urls } from '../representations.js'
import {
  HttpError,
  commitOf,
  notFound,
  repoOf,
  validationFailed,
  type Handler,
  type RouteContext
} from '../route.js'
import type { AnnotationRecord, CheckRunRecord, GitHubState, RepoRecord } from '../state.js'

// The 50-annotations-per-request limit is in GitHub's description (maxItems), so the validator enforces it.
export const checkRoutes: Record<string, Handler> = {
  'POST /repos/{owner}/{repo}/check-runs': context => {
    const repo = repoOf(context)
    // Check runs belong to a GitHub App; a personal token cannot create them.
    if (context.identity.type !== 'Bot') throw new HttpError(403, 'You must authenticate via a GitHub App.')
    const body = context.body
    const headSha: string = body.head_sha
    if (!repo.commits.has(headSha)) throw new HttpError(422, `No commit found for SHA: ${headSha}`)
    const run: CheckRunRecord = {
      id: context.state.nextId(),
      checkSuiteId: context.state.checkSuiteId(headSha, context.identity),
      headSha,
      name: body.name,
      status: body.status,
      conclusion: null,
      startedAt: body.started_at ?? context.state.now(),
      completedAt: null,
      detailsUrl: body.details_url ?? null,
      externalId: body.external_id ?? '',
      output: { title: null, summary: null, text: null },
      annotations: [],
      app: context.identity
    }
    applyUpdate(context, run)
    repo.checkRuns.set(run.id, run)
    const json = checkRunJson(context.urls, context.state, repo, run)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}': context => {
    const repo = repoOf(context)
    return { status: 200, body: checkRunJson(context.urls, context.state, repo, checkRunOf(context, repo)) }
  },

  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': context => {
    const repo = repoOf(context)
    const run = checkRunOf(context, repo)
    // Work on a draft so a rejected update leaves the run as it was.
    const draft = { ...run, output: { ...run.output }, annotations: [...run.annotations] }
    const body = context.body
    if (body.name !== undefined) draft.name = body.name
    if (body.details_url !== undefined) draft.detailsUrl = body.details_url
    if (body.external_id !== undefined) draft.externalId = body.external_id
    if (body.started_at !== undefined) draft.startedAt = body.started_at
    if (body.status !== undefined) draft.status = body.status
    applyUpdate(context, draft)
    Object.assign(run, draft)
    return { status: 200, body: checkRunJson(context.urls, context.state, repo, run) }
  },

  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations': context => {
    const repo = repoOf(context)
    const run = checkRunOf(context, repo)
    const page = paginate(run.annotations, context.query, context.requestUrl)
    const blob = `${repoHtmlUrl(context.urls, repo)}/blob/${run.headSha}`
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map(annotation => ({
        path: annotation.path,
        blob_href: `${blob}/${annotation.path}`,
        start_line: annotation.start_line,
        end_line: annotation.end_line,
        start_column: annotation.start_column ?? null,
        end_column: annotation.end_column ?? null,
        annotation_level: annotation.annotation_level,
        title: annotation.title ?? null,
        message: annotation.message,
        raw_details: annotation.raw_details ?? null
      }))
    }
  },

  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': context => {
    const repo = repoOf(context)
    const sha = commitOf(context, repo, context.params.ref)
    const { check_name, status, filter, app_id } = context.query
    // Newest first; with filter=latest only the most recent run of each name counts.
    const runs = [...repo.checkRuns.values()]
      .filter(run => run.headSha === sha)
      .sort((a, b) => b.id - a.id)
      .filter(
        (run, index, all) => filter === 'all' || all.findIndex(other => other.name === run.name) === index
      )
      .filter(run => check_name === undefined || run.name === check_name)
      .filter(run => status === undefined || run.status === status)
      .filter(run => app_id === undefined || appIdOf(run.app) === app_id)
    const page = paginate(runs, context.query, context.requestUrl)
    return {
      status: 200,
      headers: page.headers,
      body: {
        total_count: runs.length,
        check_runs: page.items.map(run => checkRunJson(context.urls, context.state, repo, run))
      }
    }
  }
}

/** What create and update share: conclusion implies completed, output replaces, annotations accumulate. */
function applyUpdate(context: RouteContext, run: CheckRunRecord): void {
  const body = context.body
  if (body.conclusion === 'stale')
    throw validationFailed('CheckRun', 'conclusion', 'invalid', 'Only GitHub can set stale.')
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion
    run.status = 'completed'
  }
  if ((run.status === 'completed' || body.completed_at !== undefined) && run.conclusion === null) {
    throw validationFailed('CheckRun', 'conclusion', 'missing_field')
  }
  if (run.status === 'completed')
    run.completedAt = body.completed_at ?? run.completedAt ?? context.state.now()
  if (body.output !== undefined) {
    run.output = {
      title: body.output.title ?? run.output.title,
      summary: body.output.summary,
      text: body.output.text ?? run.output.text
    }
    run.annotations.push(...((body.output.annotations ?? []) as AnnotationRecord[]))
  }
}

function checkRunOf(context: RouteContext, repo: RepoRecord): CheckRunRecord {
  const run = repo.checkRuns.get(context.params.check_run_id)
  if (run === undefined) throw notFound()
  return run
}

function checkRunJson(urls: Urls, state: GitHubState, repo: RepoRecord, run: CheckRunRecord) {
  const api = repoApiUrl(urls, repo)
  const htmlUrl = `${repoHtmlUrl(urls, repo)}/runs/${run.id}`
  const repoRef = { id: repo.id, url: api, name: repo.name }
  const pulls = [...repo.pulls.values()].filter(
    pull => pull.state === 'open' && pull.head.sha === run.headSha
  )
  return {
    id: run.id,
    name: run.name,
    node_id: nodeId('CheckRun', run.id),
    head_sha: run.headSha,
    external_id: run.externalId,
    url: `${api}/check-runs/${run.id}`,
    html_url: htmlUrl,
    details_url: run.detailsUrl ?? htmlUrl,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      ...run.output,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/check-runs/${run.id}/annotations`
    },
    check_suite: { id: run.checkSuiteId },
    app: appJson(urls, run.app, state.user('github')),
    pull_requests: pulls.map(pull => ({
      url: `${api}/pulls/${pull.number}`,
      id: pull.id,
      number: pull.number,
      head: { ref: pull.head.ref, sha: pull.head.sha, repo: repoRef },
      base: { ref: pull.base.ref, sha: pull.base.sha, repo: repoRef }
    }))
  }
}
