import { ownValue } from '../data/name-map.js'
import type { HistoryPoint } from '../metrics/history-point.js'
import { escapeMarkdown } from './markdown.js'
import { formatNumber } from './number-format.js'

/** Charts per comment: more would bury the table. */
const MAX_CHARTS = 4

/**
 * Mermaid `xychart-beta` line charts of metrics over the history and the candidate, folded in <details>.
 * GitHub renders Mermaid in comments, so no image has to be hosted anywhere. Only metrics with at least two
 * points are charted, in the order given (the ones that changed first).
 */
export function renderHistoryCharts(points: HistoryPoint[], metrics: string[], precision: number): string {
  const charted = metrics
    .filter(name => points.filter(point => valueOf(point, name) !== undefined).length >= 2)
    .slice(0, MAX_CHARTS)
  if (charted.length === 0) return ''
  const charts = charted.map(name => chartOf(points, name, precision))
  const summary = `History of ${charted.map(escapeMarkdown).join(', ')} over the last ${points.length - 1} recorded commit(s)`
  return ['<details>', `<summary>${summary}</summary>`, '', ...charts, '</details>', ''].join('\n')
}

function chartOf(points: HistoryPoint[], name: string, precision: number): string {
  const shown = points.filter(point => valueOf(point, name) !== undefined)
  const values = shown.map(point => valueOf(point, name) as number)
  const low = Math.min(...values)
  const high = Math.max(...values)
  const pad = high > low ? (high - low) * 0.1 : Math.abs(high) * 0.01 || 0.01
  const number = (x: number) => formatNumber(x, precision)
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${label(name)}"`,
    `    x-axis [${shown.map(point => `"${label(point.label)}"`).join(', ')}]`,
    `    y-axis "${label(name)}" ${number(low - pad)} --> ${number(high + pad)}`,
    `    line [${values.map(number).join(', ')}]`,
    '```',
    ''
  ].join('\n')
}

function valueOf(point: HistoryPoint, name: string): number | undefined {
  const value = ownValue(point.metrics, name)?.value
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/**
 * Text inside a Mermaid string: quotes, brackets, backticks or newlines could end the string or the
 * code block and let a metric name inject markup, so only plain characters pass.
 */
function label(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.,:#%/+-]/g, '_').slice(0, 60)
}
