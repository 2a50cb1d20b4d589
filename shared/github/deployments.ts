import type { GitHubClient } from './github-client.js'

/**
 * A rollout recorded as a GitHub deployment. Created with `auto_merge: false` (GitHub would otherwise
 * merge the default branch into the ref and create nothing) and `required_contexts: []` (the workflow's
 * own checks are still running), with the model in the payload so the next rollout knows what to roll
 * back to.
 */
export interface Repo {
  owner: string
  repo: string
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

export interface PreviousDeployment {
  id: number
  modelUri?: string
}

export async function createDeployment(
  client: GitHubClient,
  repo: Repo,
  options: { ref: string; environment: string; modelUri: string; description: string }
): Promise<number> {
  const response = await client.rest.repos.createDeployment({
    ...repo,
    ref: options.ref,
    environment: options.environment,
    auto_merge: false,
    required_contexts: [],
    description: options.description.slice(0, 140),
    payload: { model_uri: options.modelUri, tool: 'mlci/deploy' }
  })
  if (response.status !== 201 || !('id' in response.data)) {
    throw new Error(`GitHub created no deployment for ${options.ref}: ${JSON.stringify(response.data)}`)
  }
  return response.data.id
}

export async function setDeploymentStatus(
  client: GitHubClient,
  repo: Repo,
  deploymentId: number,
  state: DeploymentState,
  options: { logUrl?: string; environmentUrl?: string; description?: string } = {}
): Promise<void> {
  await client.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: deploymentId,
    state,
    log_url: options.logUrl,
    environment_url: options.environmentUrl,
    description: options.description?.slice(0, 140),
    // GitHub leaves production deployments active on a new success; mlci marks the one it replaced itself.
    auto_inactive: true
  })
}

/** The newest deployment to the environment whose latest status is `success`, and the model it carried. */
export async function findActiveDeployment(
  client: GitHubClient,
  repo: Repo,
  environment: string
): Promise<PreviousDeployment | undefined> {
  const deployments = await client.rest.repos.listDeployments({ ...repo, environment, per_page: 30 })
  for (const deployment of deployments.data) {
    const statuses = await client.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: deployment.id,
      per_page: 1
    })
    const latest = statuses.data[0]
    if (latest?.state !== 'success') continue
    const payload =
      typeof deployment.payload === 'string' ? safeParse(deployment.payload) : deployment.payload
    const modelUri = typeof payload?.model_uri === 'string' ? payload.model_uri : undefined
    return { id: deployment.id, modelUri }
  }
  return undefined
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
