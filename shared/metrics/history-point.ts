import type { MetricSet } from './metric-estimate.js'

/** One point of a branch's metric history: a commit's recorded metrics, or the candidate's. */
export interface HistoryPoint {
  /** The commit, or a label such as `PR #12` for the candidate. */
  label: string
  metrics: MetricSet
}
