import { paginate } from '../pagination.js'
import { nodeId, repoApiUrl, userJson, type Urls } from '../representations.js'
import { HttpError, notFound, repoOf, type Handler, type RouteContext } from '../route.js'
import type { DeploymentRecord, DeploymentStatusRecord, RepoRecord } from '../records.js'
import { latestStatusPerContext } from './statuses.js'

export const deploymentRoutes: Record<string, Handler> = {
  'POST /repos/{owner}/{repo}/deployments': context => {
    const repo = repoOf(context)
    const body = context.body
    const ref: string = body.ref
    const sha = context.state.resolveRef(repo, ref)
    if (sha === undefined) throw new HttpError(422, `No ref found for: ${ref}`)

    // GitHub first merges the default branch into a branch that is behind it, and then creates no deployment.
    const defaultHead = repo.branches.get(repo.defaultBranch) as string
    if (
      body.auto_merge &&
      repo.branches.has(ref) &&
      !context.state.ancestors(repo, sha).includes(defaultHead)
    ) {
      context.state.addCommit({
        repo,
        branch: ref,
        parents: [sha, defaultHead],
        message: `Merge ${repo.defaultBranch} into ${ref}`
      })
      return {
        status: 202,
        body: { message: `Auto-merged ${repo.defaultBranch} into ${ref} on deployment.` }
      }
    }

    const failing = failingContexts(context, repo, sha, body.required_contexts)
    if (failing.length > 0) {
      throw new HttpError(409, `Conflict: Commit status checks failed for ${ref}.`, {
        errors: [{ contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' }]
      })
    }

    const at = context.state.now()
    const environment: string = body.environment
    const deployment: DeploymentRecord = {
      id: context.state.nextId(),
      sha,
      ref,
      task: body.task,
      payload: body.payload,
      environment,
      originalEnvironment: environment,
      description: body.description,
      creator: context.identity,
      transientEnvironment: body.transient_environment,
      productionEnvironment: body.production_environment ?? environment === 'production',
      createdAt: at,
      updatedAt: at,
      statuses: []
    }
    repo.deployments.set(deployment.id, deployment)
    const json = deploymentJson(context.urls, repo, deployment)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'GET /repos/{owner}/{repo}/deployments': context => {
    const repo = repoOf(context)
    // The description's default for every filter is the string "none", meaning "do not filter".
    const matches = (filter: unknown, value: string) =>
      filter === undefined || filter === 'none' || filter === value
    const { sha, ref, task, environment } = context.query
    const deployments = [...repo.deployments.values()]
      .filter(
        d =>
          matches(sha, d.sha) &&
          matches(ref, d.ref) &&
          matches(task, d.task) &&
          matches(environment, d.environment)
      )
      .reverse()
    const page = paginate(deployments, context.query, context.requestUrl)
    return {
      status: 200,
      body: page.items.map(d => deploymentJson(context.urls, repo, d)),
      headers: page.headers
    }
  },

  'GET /repos/{owner}/{repo}/deployments/{deployment_id}': context => {
    const repo = repoOf(context)
    return { status: 200, body: deploymentJson(context.urls, repo, deploymentOf(context, repo)) }
  },

  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': context => {
    const repo = repoOf(context)
    const deployment = deploymentOf(context, repo)
    const body = context.body
    if (body.environment !== undefined) deployment.environment = body.environment
    const status = addStatus(context, deployment, {
      state: body.state,
      description: body.description,
      // log_url replaces target_url; GitHub reports the one given under both names.
      logUrl: body.log_url || body.target_url,
      environmentUrl: body.environment_url
    })
    if (body.state === 'success' && body.auto_inactive) deactivatePrevious(context, repo, deployment)
    const json = deploymentStatusJson(context.urls, repo, deployment, status)
    return { status: 201, body: json, headers: { location: json.url } }
  },

  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': context => {
    const repo = repoOf(context)
    const deployment = deploymentOf(context, repo)
    const page = paginate([...deployment.statuses].reverse(), context.query, context.requestUrl)
    return {
      status: 200,
      headers: page.headers,
      body: page.items.map(status => deploymentStatusJson(context.urls, repo, deployment, status))
    }
  }
}

/**
 * Contexts that block a deployment. Without `required_contexts` every context on the commit must have
 * succeeded (commit statuses and check runs alike); an empty list skips the check.
 */
function failingContexts(
  context: RouteContext,
  repo: RepoRecord,
  sha: string,
  required: string[] | undefined
) {
  const states = new Map<string, string>()
  for (const status of latestStatusPerContext(repo, sha)) states.set(status.context, status.state)
  const runs = [...repo.checkRuns.values()].filter(run => run.headSha === sha).sort((a, b) => a.id - b.id)
  for (const run of runs) {
    const passed =
      run.conclusion === 'success' || run.conclusion === 'neutral' || run.conclusion === 'skipped'
    states.set(run.name, run.status !== 'completed' ? 'pending' : passed ? 'success' : 'failure')
  }
  const contexts = required ?? [...states.keys()]
  return contexts
    .map(name => ({ context: name, state: states.get(name) ?? 'missing' }))
    .filter(entry => entry.state !== 'success')
}

/**
 * auto_inactive: a new success marks earlier successful deployments to the same environment inactive,
 * except transient and production ones.
 */
function deactivatePrevious(context: RouteContext, repo: RepoRecord, current: DeploymentRecord): void {
  for (const deployment of repo.deployments.values()) {
    if (deployment.id >= current.id || deployment.environment !== current.environment) continue
    if (deployment.transientEnvironment || deployment.productionEnvironment) continue
    if (deployment.statuses.at(-1)?.state !== 'success') continue
    addStatus(context, deployment, { state: 'inactive', description: '', logUrl: '', environmentUrl: '' })
  }
}

function addStatus(
  context: RouteContext,
  deployment: DeploymentRecord,
  fields: { state: string; description: string; logUrl: string; environmentUrl: string }
): DeploymentStatusRecord {
  const at = context.state.now()
  const status = {
    id: context.state.nextId(),
    creator: context.identity,
    environment: deployment.environment,
    createdAt: at,
    updatedAt: at,
    ...fields
  }
  deployment.statuses.push(status)
  deployment.updatedAt = at
  return status
}

function deploymentOf(context: RouteContext, repo: RepoRecord): DeploymentRecord {
  const deployment = repo.deployments.get(context.params.deployment_id)
  if (deployment === undefined) throw notFound()
  return deployment
}

function deploymentJson(urls: Urls, repo: RepoRecord, deployment: DeploymentRecord) {
  const api = repoApiUrl(urls, repo)
  const url = `${api}/deployments/${deployment.id}`
  return {
    url,
    id: deployment.id,
    node_id: nodeId('Deployment', deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.originalEnvironment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userJson(urls, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: api,
    transient_environment: deployment.transientEnvironment,
    production_environment: deployment.productionEnvironment,
    performed_via_github_app: null
  }
}

function deploymentStatusJson(
  urls: Urls,
  repo: RepoRecord,
  deployment: DeploymentRecord,
  status: DeploymentStatusRecord
) {
  const api = repoApiUrl(urls, repo)
  const deploymentUrl = `${api}/deployments/${deployment.id}`
  return {
    url: `${deploymentUrl}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId('DeploymentStatus', status.id),
    state: status.state,
    creator: userJson(urls, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.logUrl,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    deployment_url: deploymentUrl,
    repository_url: api,
    environment_url: status.environmentUrl,
    log_url: status.logUrl,
    performed_via_github_app: null
  }
}
