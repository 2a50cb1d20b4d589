/**
 * Webhook payloads shaped like the ones GitHub writes to GITHUB_EVENT_PATH, trimmed to the fields
 * actions read, with the same nesting and types. Defaults describe one repository, octo-org/models.
 */
export interface RepoRef {
  owner: string
  name: string
}

const DEFAULT_REPO: RepoRef = { owner: 'octo-org', name: 'models' }
const SERVER = 'https://github.com'
const API = 'https://api.github.com'

function userPayload(login: string, id = 583231) {
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    html_url: `${SERVER}/${login}`,
    url: `${API}/users/${login}`,
    type: 'User',
    site_admin: false
  }
}

function repositoryPayload(repo: RepoRef = DEFAULT_REPO, id = 1296269) {
  const fullName = `${repo.owner}/${repo.name}`
  return {
    id,
    node_id: `R_${id}`,
    name: repo.name,
    full_name: fullName,
    private: false,
    owner: { ...userPayload(repo.owner, 9919), type: 'Organization' },
    html_url: `${SERVER}/${fullName}`,
    url: `${API}/repos/${fullName}`,
    clone_url: `${SERVER}/${fullName}.git`,
    default_branch: 'main',
    fork: false,
    visibility: 'public'
  }
}

export interface PullRequestOptions {
  number?: number
  action?: 'opened' | 'synchronize' | 'reopened' | 'edited'
  title?: string
  body?: string
  author?: string
  baseRef?: string
  baseSha?: string
  headRef?: string
  headSha?: string
  /** The repository the head branch lives in; a different owner makes a fork PR. */
  headRepo?: RepoRef
  repo?: RepoRef
}

export function pullRequestEvent(options: PullRequestOptions = {}) {
  const repo = options.repo ?? DEFAULT_REPO
  const headRepo = options.headRepo ?? repo
  const fork = headRepo.owner !== repo.owner || headRepo.name !== repo.name
  const number = options.number ?? 42
  const base = repositoryPayload(repo)
  const head = { ...repositoryPayload(headRepo, fork ? 7777777 : base.id), fork }
  const author = options.author ?? (fork ? headRepo.owner : 'octocat')
  return {
    action: options.action ?? 'synchronize',
    number,
    pull_request: {
      id: 1000000 + number,
      node_id: `PR_${number}`,
      number,
      state: 'open',
      locked: false,
      draft: false,
      title: options.title ?? 'Retrain the ranking model',
      body: options.body ?? null,
      user: userPayload(author),
      html_url: `${SERVER}/${base.full_name}/pull/${number}`,
      url: `${API}/repos/${base.full_name}/pulls/${number}`,
      head: {
        label: `${headRepo.owner}:${options.headRef ?? 'feature'}`,
        ref: options.headRef ?? 'feature',
        sha: options.headSha ?? 'a'.repeat(40),
        user: userPayload(headRepo.owner),
        repo: head
      },
      base: {
        label: `${repo.owner}:${options.baseRef ?? 'main'}`,
        ref: options.baseRef ?? 'main',
        sha: options.baseSha ?? 'b'.repeat(40),
        user: userPayload(repo.owner),
        repo: base
      },
      author_association: fork ? 'CONTRIBUTOR' : 'MEMBER'
    },
    repository: base,
    sender: userPayload(author)
  }
}

export interface PushOptions {
  ref?: string
  before?: string
  after?: string
  repo?: RepoRef
  pusher?: string
}

export function pushEvent(options: PushOptions = {}) {
  const repo = options.repo ?? DEFAULT_REPO
  const after = options.after ?? 'c'.repeat(40)
  const pusher = options.pusher ?? 'octocat'
  return {
    ref: options.ref ?? 'refs/heads/main',
    before: options.before ?? 'b'.repeat(40),
    after,
    created: false,
    deleted: false,
    forced: false,
    compare: `${SERVER}/${repo.owner}/${repo.name}/compare/${(options.before ?? 'b'.repeat(40)).slice(0, 12)}...${after.slice(0, 12)}`,
    head_commit: {
      id: after,
      tree_id: 'd'.repeat(40),
      message: 'Retrain the ranking model',
      timestamp: '2026-11-26T08:00:00Z',
      author: { name: pusher, email: `${pusher}@users.noreply.github.com`, username: pusher },
      committer: { name: pusher, email: `${pusher}@users.noreply.github.com`, username: pusher }
    },
    pusher: { name: pusher, email: `${pusher}@users.noreply.github.com` },
    repository: repositoryPayload(repo),
    sender: userPayload(pusher)
  }
}

export interface WorkflowRunOptions {
  id?: number
  headSha?: string
  headBranch?: string
  /** The event of the run that completed; `pull_request` for the fork hand-off. */
  event?: string
  conclusion?: 'success' | 'failure'
  repo?: RepoRef
  headRepo?: RepoRef
}

/** `workflow_run` as the default-branch workflow sees it when the pull_request workflow completes. */
export function workflowRunEvent(options: WorkflowRunOptions = {}) {
  const repo = options.repo ?? DEFAULT_REPO
  const headRepo = options.headRepo ?? { owner: 'fork-owner', name: repo.name }
  const id = options.id ?? 1658821999
  return {
    action: 'completed',
    workflow_run: {
      id,
      name: 'model',
      event: options.event ?? 'pull_request',
      status: 'completed',
      conclusion: options.conclusion ?? 'success',
      head_branch: options.headBranch ?? 'feature',
      head_sha: options.headSha ?? 'a'.repeat(40),
      run_number: 18,
      html_url: `${SERVER}/${repo.owner}/${repo.name}/actions/runs/${id}`,
      // Empty for pull requests from forks: the PR number has to travel in the artifact.
      pull_requests: [],
      repository: repositoryPayload(repo),
      head_repository: repositoryPayload(headRepo, 7777777)
    },
    repository: repositoryPayload(repo),
    sender: userPayload('octocat')
  }
}
