import { countStatuses, type DiffStatus, type MetricChange } from '../metrics/metric-diff.js'
import { escapeMarkdown, renderTable, type Column } from './markdown.js'
import { formatNumber } from './number-format.js'

/** GitHub refuses a comment body longer than this (characters). */
export const COMMENT_LIMIT = 65_536
/** A step summary above 1 MiB fails the job's summary upload. */
export const SUMMARY_LIMIT = 1024 * 1024 - 1024

export interface DiffReport {
  title: string
  /** The hidden marker that makes the comment sticky; must be safe HTML comment text. */
  marker: string
  /** Where the baseline came from, e.g. `file metrics/main.json` or `git main:metrics.json`. */
  baselineSource: string
  changes: MetricChange[]
  show: 'changed' | 'all'
  precision: number
}

const STATUS_LABEL: Record<DiffStatus, string> = {
  improved: '✅ improved',
  regressed: '❌ regressed',
  changed: '🔄 changed',
  unchanged: '➖ unchanged',
  new: '🆕 new',
  removed: '🗑️ removed'
}

const COLUMNS: Column[] = [
  { header: 'metric' },
  { header: 'baseline', align: 'right' },
  { header: 'candidate', align: 'right' },
  { header: 'Δ', align: 'right' },
  { header: 'Δ%', align: 'right' },
  { header: 'status' }
]

/**
 * Renders the comment: marker, title, a one-line verdict, the table of changed metrics and the
 * unchanged ones folded in <details>. Above `limit` characters the table is cut at a row boundary
 * and a note says where the rest is (the job summary and the `body` file keep everything).
 */
export function renderDiffReport(report: DiffReport, limit = COMMENT_LIMIT): string {
  const shown = report.show === 'all' ? report.changes : report.changes.filter(c => c.status !== 'unchanged')
  const folded = report.show === 'all' ? [] : report.changes.filter(c => c.status === 'unchanged')
  const head = [
    report.marker,
    `### ${escapeMarkdown(report.title)}`,
    '',
    `${verdictLine(report.changes)} · baseline: ${escapeMarkdown(report.baselineSource)}`,
    ''
  ].join('\n')
  const full = [
    head,
    tableOf(shown, report.precision, 'No metric changed.'),
    detailsOf(folded, report.precision)
  ]
    .filter(Boolean)
    .join('\n')
  if (full.length <= limit) return full + '\n'
  return truncated(head, [...shown, ...folded], report.precision, limit)
}

function verdictLine(changes: MetricChange[]): string {
  const counts = countStatuses(changes)
  const parts = (Object.keys(counts) as DiffStatus[])
    .filter(status => counts[status] > 0)
    .map(status =>
      status === 'regressed' ? `**${counts[status]} regressed**` : `${counts[status]} ${status}`
    )
  return parts.length > 0 ? parts.join(', ') : 'no metrics'
}

function tableOf(changes: MetricChange[], precision: number, empty: string): string {
  if (changes.length === 0) return `_${empty}_\n`
  return (
    renderTable(
      COLUMNS,
      changes.map(change => rowOf(change, precision))
    ) + '\n'
  )
}

function detailsOf(changes: MetricChange[], precision: number): string {
  if (changes.length === 0) return ''
  return [
    '<details>',
    `<summary>${changes.length} unchanged metric${changes.length === 1 ? '' : 's'}</summary>`,
    '',
    tableOf(changes, precision, ''),
    '</details>',
    ''
  ].join('\n')
}

function rowOf(change: MetricChange, precision: number): string[] {
  const value = (x: number | undefined) => (x === undefined ? '—' : formatNumber(x, precision))
  const signed = (x: number | undefined, suffix = '') =>
    x === undefined
      ? '—'
      : x === 0
        ? `0${suffix}`
        : `${x > 0 ? '+' : '−'}${formatNumber(Math.abs(x), precision)}${suffix}`
  return [
    change.name,
    value(change.baseline),
    value(change.candidate),
    signed(change.delta),
    signed(change.deltaPercent, '%'),
    STATUS_LABEL[change.status]
  ]
}

function truncated(head: string, rows: MetricChange[], precision: number, limit: number): string {
  const table = renderTable(
    COLUMNS,
    rows.map(change => rowOf(change, precision))
  ).split('\n')
  const header = table.slice(0, 2)
  const body = table.slice(2)
  const noteFor = (hidden: number) =>
    `\n\n> ${hidden} more row${hidden === 1 ? '' : 's'} not shown: the comment would exceed GitHub's ` +
    `${COMMENT_LIMIT.toLocaleString('en-US')}-character limit. The full table is in the job summary.\n`
  let text = head + '\n' + header.join('\n')
  let kept = 0
  for (const line of body) {
    const next = text.length + 1 + line.length
    if (next + noteFor(body.length - kept - 1).length > limit) break
    text += '\n' + line
    kept++
  }
  return text + noteFor(body.length - kept)
}
