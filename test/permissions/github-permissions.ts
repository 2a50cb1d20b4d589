/**
 * What each of our actions needs from the job's GITHUB_TOKEN, derived from the REST routes it calls.
 *
 * Two tables: ROUTE_PERMISSIONS maps every route an action may call to the fine-grained permission GitHub asks
 * for it (names as in a workflow's `permissions:`, from GitHub's "Permissions required for GitHub Apps" and
 * "Controlling permissions for GITHUB_TOKEN"), and routesOf() says which routes an action's step calls given the
 * inputs it sets and the event. action-routes.test.ts holds both to the code: every `client.rest.*` call in
 * shared/ and actions/*\/src resolves to a route of the table, and the routes the GitHub fake sees from each
 * bundle are among those routesOf() predicts for the same inputs. example-permissions.test.ts then checks every
 * example workflow's `permissions:` against them.
 */
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { parse as parseYaml } from 'yaml'

/** The scopes of a workflow's `permissions:` that our actions touch (metadata: read is always granted). */
export type Scope =
  | 'actions'
  | 'attestations'
  | 'checks'
  | 'contents'
  | 'deployments'
  | 'id-token'
  | 'issues'
  | 'metadata'
  | 'packages'
  | 'pull-requests'
  | 'statuses'
export type Level = 'read' | 'write'

export interface Grant {
  scope: Scope
  level: Level
}

const read = (scope: Scope): Grant => ({ scope, level: 'read' })
const write = (scope: Scope): Grant => ({ scope, level: 'write' })

/**
 * Route → the grants any one of which allows it. An empty list: no permission makes a difference (GET /user
 * refuses every installation token, GITHUB_TOKEN included; sticky-comment.ts expects and handles that 403).
 * A comment on a pull request goes through the issues API, which `pull-requests: write` allows on a PR.
 */
export const ROUTE_PERMISSIONS: Record<string, Grant[]> = {
  'GET /user': [],
  'GET /repos/{owner}/{repo}': [read('metadata')],
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': [read('pull-requests'), read('issues')],
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': [write('pull-requests'), write('issues')],
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': [read('pull-requests'), read('issues')],
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': [write('pull-requests'), write('issues')],
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': [write('pull-requests'), write('issues')],
  'GET /repos/{owner}/{repo}/pulls': [read('pull-requests')],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': [read('pull-requests')],
  'POST /repos/{owner}/{repo}/check-runs': [write('checks')],
  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}': [read('checks')],
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': [write('checks')],
  'GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations': [read('checks')],
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': [read('checks')],
  'POST /repos/{owner}/{repo}/statuses/{sha}': [write('statuses')],
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses': [read('statuses')],
  'GET /repos/{owner}/{repo}/commits/{ref}/status': [read('statuses')],
  'POST /repos/{owner}/{repo}/deployments': [write('deployments')],
  'GET /repos/{owner}/{repo}/deployments': [read('deployments')],
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}': [read('deployments')],
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': [write('deployments')],
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': [read('deployments')],
  'GET /repos/{owner}/{repo}/compare/{basehead}': [read('contents')],
  'GET /repos/{owner}/{repo}/commits': [read('contents')],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': [read('actions')],
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': [read('actions')],
  // Not an action's: scripts/release/release.mjs in .github/workflows/release.yml (its job grants contents: write).
  'GET /repos/{owner}/{repo}/releases': [read('contents')],
  'POST /repos/{owner}/{repo}/releases': [write('contents')],
  'PATCH /repos/{owner}/{repo}/releases/{release_id}': [write('contents')],
  'GET /repos/{owner}/{repo}/releases/tags/{tag}': [read('contents')],
  'GET /repos/{owner}/{repo}/releases/{release_id}/assets': [read('contents')],
  'POST /repos/{owner}/{repo}/releases/{release_id}/assets': [write('contents')],
  'DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}': [write('contents')],
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': [read('contents')],
  'GET /repos/{owner}/{repo}/git/ref/{ref}': [read('contents')],
  'POST /repos/{owner}/{repo}/git/refs': [write('contents')],
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': [write('contents')],
  // Storing a Sigstore bundle also needs id-token: write to have signed it (not a REST permission).
  'POST /repos/{owner}/{repo}/attestations': [write('attestations')],
  'GET /repos/{owner}/{repo}/attestations/{subject_digest}': [read('attestations')]
}

/** The kinds of event that change what an action calls. */
export type EventKind = 'pull_request' | 'push' | 'workflow_run' | 'other'

export function eventKind(event: string): EventKind {
  if (event === 'pull_request' || event === 'pull_request_target') return 'pull_request'
  if (event === 'push' || event === 'workflow_run') return event
  return 'other'
}

interface RouteNeed {
  route: string
  /** What the action does with it, for the failure message. */
  why: string
  /** A fallback or a retry path: allowed, never required. */
  optional?: true
}

/** A permission the action needs outside the REST API (a registry login with the token). */
interface OtherNeed {
  grant: Grant
  why: string
}

export interface Needs {
  routes: RouteNeed[]
  other: OtherNeed[]
}

const CHECK_WRITE = [
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}'
]
const CHECKS_OF_COMMIT = 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs'
const COMPARE = 'GET /repos/{owner}/{repo}/compare/{basehead}'
const COMMITS = 'GET /repos/{owner}/{repo}/commits'
const COMMENT_ROUTES = [
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}'
]

/** The inputs a step sets, with its action.yml's defaults for the rest. A `${{ }}` value counts as set. */
export function withDefaults(
  action: string,
  given: Record<string, unknown>,
  root: string
): Record<string, string> {
  const metadata = parseYaml(readFileSync(path.join(root, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  const inputs: Record<string, string> = {}
  for (const [name, input] of Object.entries(metadata.inputs ?? {}))
    inputs[name] = input.default === undefined ? '' : String(input.default)
  for (const [name, value] of Object.entries(given)) inputs[name] = String(value ?? '').trim()
  return inputs
}

/** A number input as the step gives it; an expression may be anything, so it counts as non-zero. */
function positive(value: string): boolean {
  return value.includes('${{') || Number(value) > 0
}

/** What a step of `action` calls on `event` with `inputs` (every input present, defaults applied). */
export function needsOf(action: string, inputs: Record<string, string>, event: EventKind): Needs {
  const routes: RouteNeed[] = []
  const other: OtherNeed[] = []
  const need = (list: string[], why: string, optional = false) =>
    routes.push(...list.map(route => ({ route, why, ...(optional ? { optional: true as const } : {}) })))
  const hasToken = inputs['github-token'] !== ''
  const checkName = inputs['check-name'] ?? ''

  /** baseline: auto through evaluate's check runs (shared/runner/baseline-lookup.ts). */
  const autoBaseline = (why: string) => {
    if (event === 'pull_request') need([CHECKS_OF_COMMIT, COMPARE], why)
    else if (event === 'push' || event === 'workflow_run') need([CHECKS_OF_COMMIT], why)
  }
  /** The history chart: the base branch's commits and the results on each (shared/runner/history-lookup.ts). */
  const history = () => {
    if (positive(inputs.history) && checkName !== '')
      need(
        [COMMITS, CHECKS_OF_COMMIT],
        `the history chart (history: ${inputs.history}) reads the commits and their '${checkName}' check runs`
      )
  }
  /** The sticky comment (shared/github/sticky-comment.ts); GET /user learns a personal token's login. */
  const comment = () => {
    need([...COMMENT_ROUTES, 'GET /user'], 'the sticky pull-request comment')
  }

  switch (action) {
    case 'evaluate':
      if (checkName !== '' && hasToken) {
        need(CHECK_WRITE, `check-name '${checkName}' creates the check run with the verdict`)
        // publishCheck: a lost answer is looked up; a token without checks: write falls back to a status.
        need([CHECKS_OF_COMMIT], 'a check run whose creation lost its answer is looked up', true)
        need(
          ['POST /repos/{owner}/{repo}/statuses/{sha}'],
          'the fallback when a token cannot write checks',
          true
        )
        if (inputs.baseline === 'auto')
          autoBaseline(
            `baseline: auto reads '${checkName}' check runs of the base commit (and its merge base)`
          )
      }
      break
    case 'validate-data':
      if (checkName !== '' && hasToken) {
        need(CHECK_WRITE, `check-name '${checkName}' creates the check run with the verdict`)
        need([CHECKS_OF_COMMIT], 'a check run whose creation lost its answer is looked up', true)
        need(
          ['POST /repos/{owner}/{repo}/statuses/{sha}'],
          'the fallback when a token cannot write checks',
          true
        )
      }
      break
    case 'metric-diff': {
      if (!hasToken || inputs.mode === 'prepare') break
      if (inputs.mode === 'post') {
        if (event !== 'workflow_run') break
        need(
          [
            'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts',
            'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}'
          ],
          "mode post downloads the pull request run's artifact"
        )
        need(['GET /repos/{owner}/{repo}/pulls/{pull_number}'], 'mode post checks the pull request head')
        if (checkName !== '')
          need(
            [CHECKS_OF_COMMIT, COMPARE],
            `mode post reads the baseline from '${checkName}' check runs on the base`
          )
        history()
        comment()
        break
      }
      if (inputs.results === '' && inputs.metrics !== '' && inputs.baseline === 'auto' && checkName !== '')
        autoBaseline(`baseline: auto reads '${checkName}' check runs of the base commit (and its merge base)`)
      if (event === 'pull_request' || event === 'push') history()
      if (event === 'pull_request' && inputs.comment !== 'never') comment()
      break
    }
    case 'deploy':
      if (inputs['record-deployment'] !== 'false' && hasToken)
        need(
          [
            'POST /repos/{owner}/{repo}/deployments',
            'GET /repos/{owner}/{repo}/deployments',
            'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
            'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses'
          ],
          'record-deployment records the rollout as a GitHub deployment and finds the model to roll back to'
        )
      if (inputs['require-attestation'] === 'test-result' || inputs['require-attestation'].includes('${{'))
        need(
          ['GET /repos/{owner}/{repo}/attestations/{subject_digest}'],
          "require-attestation reads the model's attestations to verify them before any traffic moves"
        )
      break
    case 'publish': {
      if (inputs.attest === 'true' || inputs.attest.includes('${{')) {
        need(
          ['POST /repos/{owner}/{repo}/attestations'],
          'attest stores each signed statement with the attestations API'
        )
        // Not a REST route: the runner sets ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN only for a job with id-token: write.
        other.push({
          grant: write('id-token'),
          why: "attest signs with the workflow's OIDC identity (Sigstore)"
        })
      }
      // Not a REST route: GHCR accepts the job's token for a push when the job has packages: write.
      const destination = inputs.destination
      if (destination === '' || /\boci:\/\/ghcr\.io\//.test(destination) || destination.includes('${{'))
        other.push({
          grant: write('packages'),
          why: `publishing to ghcr.io (${destination === '' ? 'the default destination' : 'destination'}) with the job's token`
        })
      break
    }
  }
  return { routes, other }
}

/** The grants that satisfy a step's needs: one grant per required route (any of its alternatives), plus the rest. */
export function requiredGrants(needs: Needs): { anyOf: Grant[]; why: string; route?: string }[] {
  const required = needs.routes
    .filter(need => !need.optional)
    .map(need => {
      const anyOf = ROUTE_PERMISSIONS[need.route]
      if (anyOf === undefined) throw new Error(`${need.route} has no entry in ROUTE_PERMISSIONS`)
      return { anyOf, why: need.why, route: need.route }
    })
    .filter(need => need.anyOf.length > 0)
  return [...required, ...needs.other.map(need => ({ anyOf: [need.grant], why: need.why }))]
}
