/** The fake's memory: plain records that tests may seed, inspect and (carefully) edit. */

type UserType = 'User' | 'Bot' | 'Organization'

export interface UserRecord {
  id: number
  login: string
  type: UserType
  name: string | null
  createdAt: string
}

export interface CommitRecord {
  sha: string
  parents: string[]
  message: string
  author: UserRecord
  date: string
}

export interface IssueRecord {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  user: UserRecord
  createdAt: string
  updatedAt: string
  closedAt: string | null
}

export interface PullRecord extends IssueRecord {
  head: { ref: string; sha: string }
  base: { ref: string; sha: string }
  draft: boolean
  mergedAt: string | null
}

export interface CommentRecord {
  id: number
  issueNumber: number
  body: string
  user: UserRecord
  createdAt: string
  updatedAt: string
}

export interface AnnotationRecord {
  path: string
  start_line: number
  end_line: number
  start_column?: number
  end_column?: number
  annotation_level: 'notice' | 'warning' | 'failure'
  message: string
  title?: string
  raw_details?: string
}

export interface CheckRunRecord {
  id: number
  checkSuiteId: number
  headSha: string
  name: string
  status: string
  conclusion: string | null
  startedAt: string | null
  completedAt: string | null
  detailsUrl: string | null
  externalId: string | null
  output: { title: string | null; summary: string | null; text: string | null }
  annotations: AnnotationRecord[]
  app: UserRecord
}

export interface StatusRecord {
  id: number
  sha: string
  state: 'error' | 'failure' | 'pending' | 'success'
  targetUrl: string | null
  description: string | null
  context: string
  creator: UserRecord
  createdAt: string
  updatedAt: string
}

export interface DeploymentStatusRecord {
  id: number
  state: string
  creator: UserRecord
  description: string
  environment: string
  /** log_url, which GitHub also reports as target_url. */
  logUrl: string
  environmentUrl: string
  createdAt: string
  updatedAt: string
}

export interface DeploymentRecord {
  id: number
  sha: string
  ref: string
  task: string
  payload: Record<string, unknown> | string
  environment: string
  originalEnvironment: string
  description: string | null
  creator: UserRecord
  transientEnvironment: boolean
  productionEnvironment: boolean
  createdAt: string
  updatedAt: string
  statuses: DeploymentStatusRecord[]
}

export interface RepoRecord {
  id: number
  name: string
  owner: UserRecord
  private: boolean
  description: string | null
  defaultBranch: string
  createdAt: string
  branches: Map<string, string>
  commits: Map<string, CommitRecord>
  issues: Map<number, IssueRecord>
  pulls: Map<number, PullRecord>
  comments: Map<number, CommentRecord>
  checkRuns: Map<number, CheckRunRecord>
  statuses: StatusRecord[]
  deployments: Map<number, DeploymentRecord>
  artifacts: Map<number, ArtifactRecord>
  /** Tag name → commit SHA. Lightweight tags only: the fake keeps no tag objects. */
  tags: Map<string, string>
  releases: Map<number, ReleaseRecord>
  /** Sigstore bundles stored through the attestations API, by id. */
  attestations: Map<number, AttestationRecord>
  /**
   * The repository's "immutable releases" setting: once published, a release's assets cannot change and its
   * tag cannot move or be deleted.
   */
  immutableReleases: boolean
}

export interface AttestationRecord {
  id: number
  /** The bundle as stored (JSON). */
  bundle: Record<string, unknown>
  /** `sha256:<hex>` of each subject of the bundle's statement. */
  subjectDigests: string[]
  predicateType: string
  createdAt: string
}

export interface ReleaseAssetRecord {
  id: number
  name: string
  label: string | null
  contentType: string
  data: Buffer
  uploader: UserRecord
  createdAt: string
  updatedAt: string
}

export interface ReleaseRecord {
  id: number
  tagName: string
  /** The branch or commit a tag is created from at publication when it does not exist yet. */
  targetCommitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  /** Whether the release was published while the repository's immutable releases setting was on. */
  immutable: boolean
  author: UserRecord
  createdAt: string
  publishedAt: string | null
  updatedAt: string
  assets: ReleaseAssetRecord[]
}

/** A workflow run's artifact: the zip the results service stored, served through a signed blob URL. */
export interface ArtifactRecord {
  id: number
  name: string
  runId: number
  headSha: string
  headBranch: string
  zip: Buffer
  createdAt: string
}
