import { createHash } from 'node:crypto'
import type {
  ArtifactRecord,
  CheckRunRecord,
  CommentRecord,
  CommitRecord,
  IssueRecord,
  PullRecord,
  ReleaseRecord,
  RepoRecord,
  StatusRecord,
  UserRecord
} from './records.js'

export type * from './records.js'

/** github-actions[bot] as GitHub reports it, so fixtures copied from real runs keep their ids. */
const WELL_KNOWN_USERS: Record<string, Pick<UserRecord, 'id' | 'type'>> = {
  'github-actions[bot]': { id: 41898282, type: 'Bot' },
  github: { id: 9919, type: 'Organization' }
}

/**
 * Everything the fake knows, held as plain records that tests seed and inspect directly. Ids come from one
 * counter, as GitHub's are globally unique, and SHAs are derived from a counter so runs are repeatable.
 */
export class GitHubState {
  readonly users = new Map<string, UserRecord>()
  readonly repos = new Map<string, RepoRecord>()
  private lastId = 1000
  private lastSha = 0
  private readonly checkSuites = new Map<string, number>()

  constructor(
    readonly defaultRepo: { owner: string; name: string },
    private readonly clock: () => Date
  ) {
    this.addRepo({ owner: defaultRepo.owner, name: defaultRepo.name })
  }

  /** GitHub's timestamp format: ISO 8601 in UTC without milliseconds. */
  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
  }

  nextId(): number {
    return ++this.lastId
  }

  user(login: string): UserRecord {
    let user = this.users.get(login)
    if (user === undefined) {
      const known = WELL_KNOWN_USERS[login]
      const type = known?.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User')
      user = { id: known?.id ?? this.nextId(), login, type, name: null, createdAt: '2020-01-01T00:00:00Z' }
      this.users.set(login, user)
    }
    return user
  }

  /** The repository, by default the one the fake was started with; throws if it was never added. */
  repo(owner = this.defaultRepo.owner, name = this.defaultRepo.name): RepoRecord {
    const repo = this.findRepo(owner, name)
    if (repo === undefined) throw new Error(`the GitHub fake has no repository ${owner}/${name}`)
    return repo
  }

  findRepo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase())
  }

  addRepo(seed: {
    owner: string
    name: string
    private?: boolean
    description?: string
    defaultBranch?: string
    immutableReleases?: boolean
  }): RepoRecord {
    const repo: RepoRecord = {
      id: this.nextId(),
      name: seed.name,
      owner: this.user(seed.owner),
      private: seed.private ?? false,
      description: seed.description ?? null,
      defaultBranch: seed.defaultBranch ?? 'main',
      createdAt: this.now(),
      branches: new Map(),
      commits: new Map(),
      issues: new Map(),
      pulls: new Map(),
      comments: new Map(),
      checkRuns: new Map(),
      statuses: [],
      deployments: new Map(),
      artifacts: new Map(),
      tags: new Map(),
      releases: new Map(),
      attestations: new Map(),
      immutableReleases: seed.immutableReleases ?? false
    }
    this.repos.set(`${seed.owner}/${seed.name}`.toLowerCase(), repo)
    this.addCommit({ repo, branch: repo.defaultBranch, parents: [], message: 'Initial commit' })
    return repo
  }

  /** A commit on `branch` (whose head becomes its parent unless `parents` is given); moves the branch. */
  addCommit(seed: {
    repo?: RepoRecord
    branch?: string
    parents?: string[]
    message?: string
    author?: string
  }): CommitRecord {
    const repo = seed.repo ?? this.repo()
    const branchHead = seed.branch === undefined ? undefined : repo.branches.get(seed.branch)
    const parents = seed.parents ?? (branchHead === undefined ? [] : [branchHead])
    for (const parent of parents)
      if (!repo.commits.has(parent)) throw new Error(`unknown parent commit ${parent}`)
    const sha = createHash('sha1').update(`mlci-fake-commit-${++this.lastSha}`).digest('hex')
    const commit = {
      sha,
      parents,
      message: seed.message ?? `Commit ${this.lastSha}`,
      author: this.user(seed.author ?? repo.owner.login),
      date: this.now()
    }
    repo.commits.set(sha, commit)
    if (seed.branch !== undefined) repo.branches.set(seed.branch, sha)
    return commit
  }

  /** An open pull request; its head branch gets a commit on top of the base branch if it does not exist. */
  addPull(seed: {
    repo?: RepoRecord
    head: string
    base?: string
    title?: string
    body?: string
    user?: string
    draft?: boolean
    state?: 'open' | 'closed'
  }): PullRecord {
    const repo = seed.repo ?? this.repo()
    const base = seed.base ?? repo.defaultBranch
    const baseSha = repo.branches.get(base)
    if (baseSha === undefined) throw new Error(`unknown base branch ${base}`)
    if (!repo.branches.has(seed.head)) this.addCommit({ repo, branch: seed.head, parents: [baseSha] })
    const pull: PullRecord = {
      ...this.newIssue(repo, seed.title ?? `Update ${seed.head}`, seed.body ?? null, seed.user, seed.state),
      head: { ref: seed.head, sha: repo.branches.get(seed.head) as string },
      base: { ref: base, sha: baseSha },
      draft: seed.draft ?? false,
      mergedAt: null
    }
    repo.pulls.set(pull.number, pull)
    return pull
  }

  addIssue(seed: { repo?: RepoRecord; title: string; body?: string; user?: string }): IssueRecord {
    const repo = seed.repo ?? this.repo()
    const issue = this.newIssue(repo, seed.title, seed.body ?? null, seed.user, 'open')
    repo.issues.set(issue.number, issue)
    return issue
  }

  /** An artifact of workflow run `runId`, as upload-artifact (or mode prepare) would have left it. */
  addArtifact(seed: {
    repo?: RepoRecord
    runId: number
    name: string
    zip: Buffer
    headSha?: string
    headBranch?: string
  }): ArtifactRecord {
    const repo = seed.repo ?? this.repo()
    const artifact: ArtifactRecord = {
      id: this.nextId(),
      name: seed.name,
      runId: seed.runId,
      headSha: seed.headSha ?? (repo.branches.get(repo.defaultBranch) as string),
      headBranch: seed.headBranch ?? repo.defaultBranch,
      zip: seed.zip,
      createdAt: this.now()
    }
    repo.artifacts.set(artifact.id, artifact)
    return artifact
  }

  /** The artifact a signed blob URL names, across repositories. */
  findArtifact(id: number): ArtifactRecord | undefined {
    for (const repo of this.repos.values()) {
      const artifact = repo.artifacts.get(id)
      if (artifact) return artifact
    }
    return undefined
  }

  /** Comments as if `user` had posted them, oldest first, one second apart. */
  addComments(
    issueNumber: number,
    bodies: string[],
    options: { repo?: RepoRecord; user?: string } = {}
  ): CommentRecord[] {
    const repo = options.repo ?? this.repo()
    if (!repo.issues.has(issueNumber) && !repo.pulls.has(issueNumber))
      throw new Error(`no issue or pull #${issueNumber}`)
    const start = this.clock().getTime() - bodies.length * 1000
    return bodies.map((body, index) => {
      const at = new Date(start + index * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      const comment = {
        id: this.nextId(),
        issueNumber,
        body,
        user: this.user(options.user ?? 'github-actions[bot]'),
        createdAt: at,
        updatedAt: at
      }
      repo.comments.set(comment.id, comment)
      return comment
    })
  }

  /** A commit status, as if `creator` had posted it now. */
  addStatus(seed: {
    repo?: RepoRecord
    sha: string
    state: StatusRecord['state']
    context: string
    description?: string
    targetUrl?: string
    creator?: string
  }): StatusRecord {
    const repo = seed.repo ?? this.repo()
    if (!repo.commits.has(seed.sha)) throw new Error(`unknown commit ${seed.sha}`)
    const at = this.now()
    const status = {
      id: this.nextId(),
      sha: seed.sha,
      state: seed.state,
      targetUrl: seed.targetUrl ?? null,
      description: seed.description ?? null,
      context: seed.context,
      creator: this.user(seed.creator ?? 'github-actions[bot]'),
      createdAt: at,
      updatedAt: at
    }
    repo.statuses.push(status)
    return status
  }

  /** A check run by `app` (a bot login); `conclusion` implies completed, as on GitHub. */
  addCheckRun(seed: {
    repo?: RepoRecord
    headSha: string
    name: string
    status?: 'queued' | 'in_progress' | 'completed'
    conclusion?: string
    app?: string
  }): CheckRunRecord {
    const repo = seed.repo ?? this.repo()
    if (!repo.commits.has(seed.headSha)) throw new Error(`unknown commit ${seed.headSha}`)
    const app = this.user(seed.app ?? 'github-actions[bot]')
    const at = this.now()
    const completed = seed.conclusion !== undefined || seed.status === 'completed'
    const run = {
      id: this.nextId(),
      checkSuiteId: this.checkSuiteId(seed.headSha, app),
      headSha: seed.headSha,
      name: seed.name,
      status: completed ? 'completed' : (seed.status ?? 'queued'),
      conclusion: seed.conclusion ?? (completed ? 'success' : null),
      startedAt: at,
      completedAt: completed ? at : null,
      detailsUrl: null,
      externalId: '',
      output: { title: null, summary: null, text: null },
      annotations: [],
      app
    }
    repo.checkRuns.set(run.id, run)
    return run
  }

  /** Comments on one issue or pull request, oldest first. */
  comments(issueNumber: number, repo = this.repo()): CommentRecord[] {
    return [...repo.comments.values()].filter(comment => comment.issueNumber === issueNumber)
  }

  /** A lightweight tag on `sha` (a commit of the repository), as `git push origin <tag>` would leave it. */
  addTag(seed: { repo?: RepoRecord; name: string; sha: string }): void {
    const repo = seed.repo ?? this.repo()
    if (!repo.commits.has(seed.sha)) throw new Error(`unknown commit ${seed.sha}`)
    repo.tags.set(seed.name, seed.sha)
  }

  /** A release as if published (or drafted) through the web interface. */
  addRelease(seed: {
    repo?: RepoRecord
    tagName: string
    draft?: boolean
    prerelease?: boolean
    body?: string
  }): ReleaseRecord {
    const repo = seed.repo ?? this.repo()
    const at = this.now()
    const draft = seed.draft ?? false
    const release: ReleaseRecord = {
      id: this.nextId(),
      tagName: seed.tagName,
      targetCommitish: repo.defaultBranch,
      name: seed.tagName,
      body: seed.body ?? null,
      draft,
      prerelease: seed.prerelease ?? false,
      immutable: !draft && repo.immutableReleases,
      author: this.user('octocat'),
      createdAt: at,
      publishedAt: draft ? null : at,
      updatedAt: at,
      assets: []
    }
    repo.releases.set(release.id, release)
    return release
  }

  /**
   * A branch name, `refs/heads/<branch>`, `refs/tags/<tag>`, a tag name or a (possibly abbreviated) SHA. A bare
   * name is a branch before a tag, as in git's own lookup order.
   */
  resolveRef(repo: RepoRecord, ref: string): string | undefined {
    if (ref.startsWith('refs/tags/')) return repo.tags.get(ref.slice('refs/tags/'.length))
    const name = ref.replace(/^refs\/heads\//, '')
    const branch =
      repo.branches.get(name) ?? (ref.startsWith('refs/heads/') ? undefined : repo.tags.get(name))
    if (branch !== undefined) return branch
    if (!/^[0-9a-f]{7,40}$/.test(ref)) return undefined
    const matches = [...repo.commits.keys()].filter(sha => sha.startsWith(ref))
    return matches.length === 1 ? matches[0] : undefined
  }

  /** All ancestors of `sha`, itself included, nearest first. */
  ancestors(repo: RepoRecord, sha: string): string[] {
    const seen = new Set<string>()
    const queue = [sha]
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (seen.has(next)) continue
      seen.add(next)
      queue.push(...(repo.commits.get(next)?.parents ?? []))
    }
    return [...seen]
  }

  /** One check suite per commit and app, as GitHub creates implicitly for the first check run. */
  checkSuiteId(headSha: string, app: UserRecord): number {
    const key = `${headSha} ${app.login}`
    let id = this.checkSuites.get(key)
    if (id === undefined) {
      id = this.nextId()
      this.checkSuites.set(key, id)
    }
    return id
  }

  private newIssue(
    repo: RepoRecord,
    title: string,
    body: string | null,
    login?: string,
    state?: 'open' | 'closed'
  ) {
    const number = repo.issues.size + repo.pulls.size + 1
    const at = this.now()
    return {
      id: this.nextId(),
      number,
      title,
      body,
      state: state ?? 'open',
      user: this.user(login ?? 'octocat'),
      createdAt: at,
      updatedAt: at,
      closedAt: state === 'closed' ? at : null
    }
  }
}
