import { createHash } from 'node:crypto'
import type { CommitRecord, RepoRecord, UserRecord } from './records.js'

/** Where the fake's API lives and where its web pages would (html_url, clone URLs). */
export interface Urls {
  api: string
  html: string
}

/** GitHub's legacy global node id: base64 of "<len(type)>:<type><id>", e.g. MDQ6VXNlcjE= for User 1. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`${String(type.length).padStart(2, '0')}:${type}${id}`).toString('base64')
}

export function repoApiUrl(urls: Urls, repo: RepoRecord): string {
  return `${urls.api}/repos/${repo.owner.login}/${repo.name}`
}

export function repoHtmlUrl(urls: Urls, repo: RepoRecord): string {
  return `${urls.html}/${repo.owner.login}/${repo.name}`
}

/** `author_association` as GitHub computes it, reduced to the cases the fake can tell apart. */
export function authorAssociation(repo: RepoRecord, user: UserRecord): string {
  return user.login === repo.owner.login ? 'OWNER' : 'NONE'
}

/** The simple-user object embedded everywhere (owner, user, creator, author). */
export function userJson(urls: Urls, user: UserRecord) {
  const login = encodeURIComponent(user.login)
  const api = `${urls.api}/users/${login}`
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'Bot' : user.type, user.id),
    avatar_url: `${urls.html}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url:
      user.type === 'Bot' ? `${urls.html}/apps/${login.replace(/%5Bbot%5D$/, '')}` : `${urls.html}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false
  }
}

/** The id of the GitHub App behind a bot identity; 15368 is GitHub Actions, the app of GITHUB_TOKEN. */
export function appIdOf(bot: UserRecord): number {
  return bot.login === 'github-actions[bot]' ? 15368 : bot.id
}

/** The GitHub App behind a bot identity (`integration`), as check runs embed it. */
export function appJson(urls: Urls, bot: UserRecord, owner: UserRecord) {
  const slug = bot.login.replace(/\[bot\]$/, '')
  const isActions = slug === 'github-actions'
  const id = appIdOf(bot)
  return {
    id,
    slug,
    node_id: nodeId('App', id),
    client_id: `Iv1.${createHash('sha1').update(slug).digest('hex').slice(0, 16)}`,
    owner: userJson(urls, owner),
    name: isActions ? 'GitHub Actions' : slug,
    description: isActions ? 'Automate your workflow from idea to production' : '',
    external_url: isActions ? 'https://help.github.com/en/actions' : `${urls.html}/apps/${slug}`,
    html_url: `${urls.html}/apps/${slug}`,
    created_at: isActions ? '2018-07-30T09:30:17Z' : bot.createdAt,
    updated_at: isActions ? '2019-12-10T19:04:12Z' : bot.createdAt,
    permissions: {
      actions: 'write',
      checks: 'write',
      contents: 'write',
      deployments: 'write',
      issues: 'write',
      metadata: 'read',
      pull_requests: 'write',
      statuses: 'write'
    },
    events: [
      'check_run',
      'check_suite',
      'deployment',
      'deployment_status',
      'issue_comment',
      'pull_request',
      'push',
      'status'
    ]
  }
}

/**
 * A repository as embedded in pull requests (`repository`), or with `full` as GET /repos/{owner}/{repo}
 * returns it (`full-repository`).
 */
export function repositoryJson(urls: Urls, repo: RepoRecord, kind: 'repository' | 'full' = 'repository') {
  const api = repoApiUrl(urls, repo)
  const html = repoHtmlUrl(urls, repo)
  const host = new URL(urls.html).host
  const openIssues = [...repo.issues.values(), ...repo.pulls.values()].filter(
    issue => issue.state === 'open'
  ).length
  const pushedAt = [...repo.commits.values()].reduce(
    (latest, commit) => (commit.date > latest ? commit.date : latest),
    repo.createdAt
  )
  const json = {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: `${repo.owner.login}/${repo.name}`,
    private: repo.private,
    owner: userJson(urls, repo.owner),
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: pushedAt,
    pushed_at: pushedAt,
    git_url: `git://${host}/${repo.owner.login}/${repo.name}.git`,
    ssh_url: `git@${host}:${repo.owner.login}/${repo.name}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [] as string[],
    visibility: repo.private ? 'private' : 'public',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: repo.defaultBranch
  }
  if (kind === 'repository') return json
  return {
    ...json,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
    network_count: 0,
    subscribers_count: 0,
    ...(repo.owner.type === 'Organization' ? { organization: userJson(urls, repo.owner) } : {})
  }
}

/** A commit as the commits and compare endpoints return it (`commit`). */
export function commitJson(urls: Urls, repo: RepoRecord, commit: CommitRecord) {
  const api = repoApiUrl(urls, repo)
  const html = repoHtmlUrl(urls, repo)
  const tree = createHash('sha1').update(`tree ${commit.sha}`).digest('hex')
  const person = {
    name: commit.author.name ?? commit.author.login,
    email: `${commit.author.id}+${commit.author.login}@users.noreply.github.com`,
    date: commit.date
  }
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', `${repo.id}:${commit.sha}`),
    commit: {
      author: person,
      committer: person,
      message: commit.message,
      tree: { sha: tree, url: `${api}/git/trees/${tree}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null }
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: userJson(urls, commit.author),
    committer: userJson(urls, commit.author),
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${html}/commit/${sha}`
    }))
  }
}
