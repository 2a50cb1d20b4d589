import { UserError } from '../errors/user-error.js'
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

/** Who wrote a deployment or status: for the job's GITHUB_TOKEN, `github-actions[bot]`. */
export interface GitHubIdentity {
  id: number
  login: string
}

export interface CreatedDeployment {
  id: number
  /** The identity the token acts as, as GitHub recorded it: what every record of ours must carry. */
  creator?: GitHubIdentity
}

/** The model the rollout returns to on a rollback: from a deployment mlci recorded itself. */
export interface PreviousDeployment {
  id: number
  modelUri: string
}

/** The payload marker mlci writes; a deployment without it was not recorded by mlci. */
const TOOL = 'mlci/deploy'

export async function createDeployment(
  client: GitHubClient,
  repo: Repo,
  options: {
    ref: string
    environment: string
    modelUri: string
    description: string
    /** The verified attestation the rollout went ahead on, named in the record. */
    attestation?: Record<string, string>
  }
): Promise<CreatedDeployment> {
  const response = await client.rest.repos.createDeployment({
    ...repo,
    ref: options.ref,
    environment: options.environment,
    auto_merge: false,
    required_contexts: [],
    description: options.description.slice(0, 140),
    payload: {
      model_uri: options.modelUri,
      tool: TOOL,
      ...(options.attestation ? { attestation: options.attestation } : {})
    }
  })
  if (response.status !== 201 || !('id' in response.data)) {
    throw new Error(`GitHub created no deployment for ${options.ref}: ${JSON.stringify(response.data)}`)
  }
  return { id: response.data.id, creator: identityOf(response.data.creator) }
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

/**
 * The model a rollback returns to: the one the newest successful deployment to the environment carries, trusted
 * only when that deployment is mlci's own record: written with mlci's payload marker by `identity` (the identity of
 * this workflow's token, learnt from the deployment it has just created), its latest status set by the same
 * identity, for this environment, naming a model. Anyone else able to write deployments (another token, another
 * tool) could otherwise choose what production returns to. Undefined when the environment has no successful
 * deployment at all (a first rollout); a newest successful deployment that fails any check is a UserError, never
 * skipped, since then mlci does not know what is serving.
 */
export async function findPreviousDeployment(
  client: GitHubClient,
  repo: Repo,
  options: { environment: string; identity: GitHubIdentity | undefined; ownDeploymentId: number }
): Promise<PreviousDeployment | undefined> {
  const { environment, identity } = options
  const deployments = await client.rest.repos.listDeployments({ ...repo, environment, per_page: 30 })
  for (const deployment of deployments.data) {
    if (deployment.id === options.ownDeploymentId || deployment.environment !== environment) continue
    const statuses = await client.rest.repos.listDeploymentStatuses({
      ...repo,
      deployment_id: deployment.id,
      per_page: 1
    })
    const latest = statuses.data[0]
    if (latest?.state !== 'success') continue

    const refuse = (why: string) =>
      new UserError(
        `The newest successful deployment to '${environment}' (${deployment.id}) ${why}, so mlci cannot trust ` +
          `it as the model to roll back to and has shifted no traffic. If it is serving legitimately, roll it ` +
          `out with mlci; if not, mark it inactive. If the workflow's github-token changed, the deployments the old ` +
          `token recorded are no longer recognised: mark them inactive once the new token has recorded one.`
      )
    const we = identity ? `mlci as ${identity.login}` : 'mlci'
    const creator = identityOf(deployment.creator)
    if (identity === undefined || creator?.id !== identity.id)
      throw refuse(`was written by ${creator?.login ?? 'an unknown identity'}, not by ${we}`)
    const setter = identityOf(latest.creator)
    if (setter?.id !== identity.id)
      throw refuse(
        `is ours, but its latest status was set by ${setter?.login ?? 'an unknown identity'}, not by ${we}`
      )
    const payload =
      typeof deployment.payload === 'string' ? safeParse(deployment.payload) : deployment.payload
    if (payload?.tool !== TOOL) throw refuse('was not recorded by mlci (its payload has no mlci record)')
    const modelUri = typeof payload.model_uri === 'string' ? payload.model_uri.trim() : ''
    if (modelUri === '') throw refuse('names no model to roll back to')
    return { id: deployment.id, modelUri }
  }
  return undefined
}

function identityOf(user: { id: number; login: string } | null | undefined): GitHubIdentity | undefined {
  return user ? { id: user.id, login: user.login } : undefined
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
