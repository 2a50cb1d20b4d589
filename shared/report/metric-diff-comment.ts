import type { HistoryPoint } from '../metrics/history-point.js'
import type { Verdict } from '../metrics/results.js'
import { numberOf, type MetricSet } from '../metrics/metric-estimate.js'
import { countStatuses, type DiffStatus, type MetricChange } from '../metrics/metric-diff.js'
import { renderHistoryCharts } from './history-chart.js'
import { GITHUB_LIMITS } from './github-limits.js'
import { escapeMarkdown, renderTable, type Column } from './markdown.js'
import { formatNumber } from './number-format.js'

/** GitHub refuses a comment body longer than this (characters). */
export const COMMENT_LIMIT = GITHUB_LIMITS.commentBodyChars
/**
 * A step summary above 1 MiB fails the job's summary upload. Counted here in characters, so the table is cut at a
 * row; writeJobSummary (runner/step-output.ts) still holds the whole summary to 1 MiB in bytes.
 */
export const SUMMARY_LIMIT = GITHUB_LIMITS.jobSummaryBytes - 1024

export interface DiffReport {
  title: string
  /** The hidden marker that makes the comment sticky; must be safe HTML comment text. */
  marker: string
  /** Where the baseline came from, e.g. `file metrics/main.json` or `check-run at 1a2b3c4d5e6f`. */
  baselineSource: string
  changes: MetricChange[]
  show: 'changed' | 'all'
  precision: number
  /** evaluate's verdict, when the comparison comes from its results file. */
  verdict?: Verdict
  /** Candidate metrics per value of each slice column (from evaluate's results file). */
  slices?: { column: string; values: Record<string, MetricSet> }[]
  /** Recorded results of earlier commits, oldest first, ending with the candidate: charted per metric. */
  history?: HistoryPoint[]
  /**
   * Mode post: the numbers came from the pull request's own run, which may be a fork's, so the comment never
   * states them as ours. The candidate's numbers, slices and the verdict are shown as claimed by that run
   * (linked); the baseline too when `baselineClaimed`, i.e. when this run could not read one itself.
   */
  claimedBy?: { runNumber: number; url: string; baselineClaimed: boolean }
}

const STATUS_LABEL: Record<DiffStatus, string> = {
  fail: '⛔ fail',
  warn: '⚠️ warn',
  inconclusive: '❓ inconclusive',
  regressed: '❌ regressed',
  improved: '✅ improved',
  changed: '🔄 changed',
  undefined: '❔ undefined',
  new: '🆕 new',
  removed: '🗑️ removed',
  unchanged: '➖ unchanged'
}

const VERDICT_LABEL: Record<Verdict, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  inconclusive: '❓ inconclusive (no evidence either way)',
  fail: '⛔ fail'
}

interface Format {
  precision: number
  /** Show the interval column: only when some metric has a bootstrap interval. */
  withCi: boolean
  /** Which columns hold numbers claimed by another run (mode post). */
  claimed: { baseline: boolean; candidate: boolean }
}

/**
 * Renders the comment: marker, title, a one-line verdict, the table of changed metrics, reasons for
 * undefined ones, the unchanged ones and the slices folded in <details>. Above `limit` characters the table
 * is cut at a row boundary and a note says where the rest is (the job summary and the `body` file).
 */
export function renderDiffReport(report: DiffReport, limit: number = COMMENT_LIMIT): string {
  const shown = report.show === 'all' ? report.changes : report.changes.filter(c => c.status !== 'unchanged')
  const folded = report.show === 'all' ? [] : report.changes.filter(c => c.status === 'unchanged')
  const claims = report.claimedBy
  const format = {
    precision: report.precision,
    withCi: report.changes.some(change => change.ci !== undefined),
    claimed: { baseline: claims?.baselineClaimed ?? false, candidate: claims !== undefined }
  }
  const head = [
    report.marker,
    `### ${escapeMarkdown(report.title)}`,
    '',
    ...(claims === undefined ? ownLine(report) : claimedLines(report, claims)),
    ''
  ].join('\n')
  const full = [
    head,
    tableOf(shown, format, 'No metric changed.'),
    reasonsOf(report.changes),
    detailsOf(folded, format),
    slicesOf(report.slices ?? [], report.precision, claims !== undefined),
    renderHistoryCharts(
      report.history ?? [],
      [...shown, ...folded].map(change => change.name),
      report.precision
    )
  ]
    .filter(Boolean)
    .join('\n')
  if (full.length <= limit) return full + '\n'
  return truncated(head, [...shown, ...folded], format, limit)
}

function ownLine(report: DiffReport): string[] {
  const verdict = report.verdict ? `**Verdict: ${VERDICT_LABEL[report.verdict]}** · ` : ''
  return [`${verdict}${countsLine(report.changes)} · baseline: ${escapeMarkdown(report.baselineSource)}`]
}

/** The counts are ours (our diff of the numbers shown); the verdict and candidate numbers are the run's claim. */
function claimedLines(report: DiffReport, claims: NonNullable<DiffReport['claimedBy']>): string[] {
  // Built from a number and the run's address, not from text anyone else wrote.
  const url = encodeURI(claims.url).replace(/[()]/g, char => (char === '(' ? '%28' : '%29'))
  const run = `[workflow run #${Math.trunc(claims.runNumber)}](${url})`
  const baseline = claims.baselineClaimed
    ? `baseline (claimed by the same run): ${escapeMarkdown(report.baselineSource)}`
    : `baseline: ${escapeMarkdown(report.baselineSource)}`
  const baselineToo = claims.baselineClaimed
    ? ', and so is the baseline.'
    : '; the baseline was read by this workflow.'
  const attribution = report.verdict
    ? `Verdict claimed by ${run}: ${VERDICT_LABEL[report.verdict]}. The candidate's numbers are that run's claim too, not recomputed by this workflow`
    : `The candidate's numbers are claimed by ${run}, not recomputed by this workflow`
  return [`${countsLine(report.changes)} · ${baseline}`, '', attribution + baselineToo]
}

function countsLine(changes: MetricChange[]): string {
  const counts = countStatuses(changes)
  const parts = (Object.keys(counts) as DiffStatus[])
    .filter(status => counts[status] > 0)
    .map(status => {
      const text = `${counts[status]} ${status}`
      return status === 'regressed' || status === 'fail' ? `**${text}**` : text
    })
  return parts.length > 0 ? parts.join(', ') : 'no metrics'
}

function tableOf(changes: MetricChange[], format: Format, empty: string): string {
  if (changes.length === 0) return `_${empty}_\n`
  return (
    renderTable(
      columnsOf(format),
      changes.map(change => rowOf(change, format))
    ) + '\n'
  )
}

function columnsOf(format: Format): Column[] {
  return [
    { header: 'metric' },
    { header: format.claimed.baseline ? 'baseline (claimed)' : 'baseline', align: 'right' },
    { header: format.claimed.candidate ? 'candidate (claimed)' : 'candidate', align: 'right' },
    ...(format.withCi ? [{ header: 'interval', align: 'right' } as const] : []),
    { header: 'Δ', align: 'right' },
    { header: 'Δ%', align: 'right' },
    { header: 'status' }
  ]
}

function rowOf(change: MetricChange, format: Format): string[] {
  const value = (x: number | undefined) => (x === undefined ? '—' : formatNumber(x, format.precision))
  const signed = (x: number | undefined, suffix = '') => {
    if (x === undefined) return '—'
    if (x === 0) return `0${suffix}`
    return `${x > 0 ? '+' : '−'}${formatNumber(Math.abs(x), format.precision)}${suffix}`
  }
  const interval = change.ci ? `${value(change.ci.low)} – ${value(change.ci.high)}` : '—'
  return [
    change.name,
    value(change.baseline),
    value(change.candidate),
    ...(format.withCi ? [interval] : []),
    signed(change.delta),
    signed(change.deltaPercent, '%'),
    STATUS_LABEL[change.status]
  ]
}

/** Why a metric has no value, in words (as evaluate gives it), instead of a bare NaN. */
function reasonsOf(changes: MetricChange[]): string {
  const lines = changes
    .filter(change => change.reason !== undefined)
    .map(change => `- ${escapeMarkdown(change.name)}: ${escapeMarkdown(change.reason ?? '')}`)
  return lines.length > 0 ? lines.join('\n') + '\n' : ''
}

function detailsOf(changes: MetricChange[], format: Format): string {
  if (changes.length === 0) return ''
  const summary = `${changes.length} unchanged metric${changes.length === 1 ? '' : 's'}`
  return [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    tableOf(changes, format, ''),
    '</details>',
    ''
  ].join('\n')
}

function slicesOf(slices: NonNullable<DiffReport['slices']>, precision: number, claimed: boolean): string {
  const shown = (x: number) => formatNumber(x, precision)
  return slices
    .map(slice => {
      const rows = Object.entries(slice.values).flatMap(([value, metrics]) =>
        Object.entries(metrics).map(([metric, estimate]) => [
          value,
          metric,
          numberOf(estimate) === undefined ? '—' : shown(numberOf(estimate)!),
          estimate.ci ? `${shown(estimate.ci.low)} – ${shown(estimate.ci.high)}` : '—'
        ])
      )
      const columns: Column[] = [
        { header: slice.column },
        { header: 'metric' },
        { header: 'value', align: 'right' },
        { header: 'interval', align: 'right' }
      ]
      const count = `${Object.keys(slice.values).length} slices${claimed ? ', claimed' : ''}`
      const summary = `by ${escapeMarkdown(slice.column)} (${count})`
      return [
        '<details>',
        `<summary>${summary}</summary>`,
        '',
        renderTable(columns, rows),
        '',
        '</details>',
        ''
      ].join('\n')
    })
    .join('\n')
}

function truncated(head: string, rows: MetricChange[], format: Format, limit: number): string {
  const table = renderTable(
    columnsOf(format),
    rows.map(change => rowOf(change, format))
  ).split('\n')
  const header = table.slice(0, 2)
  const body = table.slice(2)
  const noteFor = (hidden: number) =>
    `\n\n> ${hidden} more row${hidden === 1 ? '' : 's'} not shown: the comment would exceed GitHub's ` +
    `${COMMENT_LIMIT.toLocaleString('en-US')}-character limit. The full table is in the job summary.\n`
  let text = head + '\n' + header.join('\n')
  let kept = 0
  for (const line of body) {
    if (text.length + 1 + line.length + noteFor(body.length - kept - 1).length > limit) break
    text += '\n' + line
    kept++
  }
  return text + noteFor(body.length - kept)
}
