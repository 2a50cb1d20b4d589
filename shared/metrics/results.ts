import type { MetricSet } from './metric-estimate.js'
import type { Task } from './prediction-metrics.js'

/** The results file, as described by results.schema.json (kept beside it; a test checks they agree). */
export const RESULTS_SCHEMA_VERSION = 1

/**
 * `inconclusive`: a statistical rule found evidence neither that the change is within its tolerance nor that it
 * is beyond it (the interval straddles the tolerance, too few examples). Its check conclusion is the
 * `inconclusive-conclusion` input's (neutral by default).
 */
export type Verdict = 'pass' | 'warn' | 'inconclusive' | 'fail'
export type RuleStatus = 'pass' | 'warn' | 'inconclusive' | 'fail' | 'skipped'
type BaselineSource = 'check-run' | 'cache' | 'file' | 'git' | 'none'

export type RuleName =
  | 'min'
  | 'max'
  | 'max_drop'
  | 'warn_drop'
  | 'max_increase'
  | 'warn_increase'
  | 'max_drop_pct'
  | 'warn_drop_pct'
  | 'max_increase_pct'
  | 'warn_increase_pct'
  | 'max_gap'
  | 'missing'

/** paired-bootstrap and mcnemar need the baseline's predictions; bootstrap resamples the candidate alone. */
export type SignificanceMethod = 'paired-bootstrap' | 'mcnemar' | 'bootstrap'

/**
 * Both one-sided tests of a change rule's tolerance on the same statistic. `pValue` tests H0 "the regression is
 * within the tolerance" (small: it is beyond it, the rule fails); `pWithin` tests H0 "the regression is at or
 * beyond the tolerance" (small: it is within it, the rule passes). Neither small: inconclusive.
 */
export interface Significance {
  method: SignificanceMethod
  level: number
  pValue: number
  pWithin?: number
  significant: boolean
  /** Why the test cannot decide however small its p-values (too few examples): the rule is inconclusive. */
  tooFew?: string
}

export interface RuleResult {
  metric: string
  slice?: string
  rule: RuleName
  threshold: number | null
  actual: number | null
  status: RuleStatus
  informational?: boolean
  message: string
  line?: number
  significance?: Significance
}

export interface SliceMetrics {
  column: string
  values: Record<string, MetricSet>
}

export interface Candidate {
  source: 'metrics' | 'predictions'
  files?: string[]
  task?: Task
  examples?: number
  confidence?: number
  bootstrap?: number
  seed?: number
  metrics: MetricSet
  slices?: SliceMetrics[]
}

export interface Baseline {
  source: BaselineSource
  commit: string | null
  detail?: string
  metrics: MetricSet | null
}

export interface Results {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION
  createdAt: string
  commit: string | null
  verdict: Verdict
  policyFile?: string | null
  /** The policy file's sha256 as evaluate read it (lower-case hex). */
  policySha256?: string
  candidate: Candidate
  baseline: Baseline
  rules: RuleResult[]
}
