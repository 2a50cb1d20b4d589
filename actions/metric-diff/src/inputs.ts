import { InputReader } from '../../../shared/runner/inputs.js'
import { requireToken } from '../../../shared/runner/github-token.js'
import { UserError } from '../../../shared/errors/user-error.js'
import type { CommentMode } from '../../../shared/github/sticky-comment.js'

type Mode = 'direct' | 'prepare' | 'post'

export interface Inputs {
  /** evaluate's results file, as the user wrote it. */
  results?: string
  metrics: string[]
  baseline: string
  checkName: string
  title: string
  comment: 'auto' | 'always' | 'never'
  commentKey: string
  commentMode: CommentMode
  mode: Mode
  show: 'changed' | 'all'
  precision: number
  history: number
  summary: boolean
  failOnRegression: boolean
  token: string
}

export function getInputs(reader = new InputReader()): Inputs {
  const mode = reader.choice('mode', ['direct', 'prepare', 'post'] as const, { default: 'direct' })
  const metrics = reader.globs('metrics')
  const resultsName = reader.optionalString('results')
  if (mode !== 'post' && metrics.length === 0 && resultsName === undefined) {
    throw new UserError(
      `Give 'results' (evaluate's results file) or 'metrics' (metric files) with mode ${mode}.`
    )
  }
  if (metrics.length > 0 && resultsName !== undefined) {
    throw new UserError("Give 'results' or 'metrics', not both: the candidate would be ambiguous.")
  }
  const title = reader.string('title', { default: 'Model metrics' })
  const commentKey = reader.string('comment-key', { default: keyOf(title) })
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(commentKey)) {
    throw new UserError(
      `Input 'comment-key' must be 1 to 64 letters, digits, '.', '_' or '-' (it becomes a hidden HTML marker); got '${commentKey}'.`
    )
  }
  const baseline = reader.string('baseline', { default: 'auto' })
  const checkName = reader.string('check-name', { default: 'mlci/evaluate' })
  const token = reader.string('github-token')
  // baseline: auto reads evaluate's check run, which takes a token: without one it would find no baseline and
  // call every metric new. Mode prepare never calls the API, and evaluate's results carry their own baseline.
  if (mode === 'direct' && metrics.length > 0 && baseline === 'auto' && checkName !== '')
    requireToken(
      token,
      `check-name '${checkName}' (baseline: auto reads the results evaluate recorded in that check run; empty check-name or give a baseline to skip it)`,
      'checks: read'
    )
  return {
    results: resultsName,
    metrics,
    baseline,
    checkName,
    title,
    comment: reader.choice('comment', ['auto', 'always', 'never'] as const, { default: 'auto' }),
    commentKey,
    mode,
    commentMode: reader.choice('comment-mode', ['update', 'recreate', 'new'] as const, { default: 'update' }),
    show: reader.choice('show', ['changed', 'all'] as const, { default: 'changed' }),
    precision: reader.number('precision', { default: 4, min: 1, max: 15, integer: true }),
    history: reader.number('history', { default: 10, min: 0, max: 50, integer: true }),
    summary: reader.boolean('summary', { default: true }),
    failOnRegression: reader.boolean('fail-on-regression', { default: false }),
    token
  }
}

function keyOf(title: string): string {
  const key = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
  return key || 'metrics'
}
