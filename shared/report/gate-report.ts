import { ownValue } from '../data/name-map.js'
import { numberOf, type MetricEstimate } from '../metrics/metric-estimate.js'
import type { Results, RuleResult, Verdict } from '../metrics/results.js'
import { escapeMarkdown, renderTable } from './markdown.js'
import { formatNumber } from './number-format.js'

export const VERDICT_WORDS: Record<Verdict, string> = {
  pass: 'passed',
  warn: 'passed with warnings',
  inconclusive: 'inconclusive (no evidence either way)',
  fail: 'failed'
}

/** One line naming the baseline: which source, which commit. Used in the log, the outputs and the report. */
export function describeBaseline(results: Pick<Results, 'baseline'>): string {
  const { source, commit, detail } = results.baseline
  if (source === 'none') return `none${detail ? ` (${detail})` : ''}`
  const at = commit ? ` at ${commit.slice(0, 12)}` : ''
  return `${source}${at}${detail ? ` (${detail})` : ''}`
}

/** The markdown of the job summary and the check run: verdict, baseline, rules, then every metric. */
export function renderGateReport(results: Results, title: string): string {
  const failing = results.rules.filter(
    rule =>
      (rule.status === 'fail' || rule.status === 'warn' || rule.status === 'inconclusive') &&
      !rule.informational
  )
  const lines = [
    `### ${escapeMarkdown(title)}: ${VERDICT_WORDS[results.verdict]}`,
    '',
    `Baseline: ${escapeMarkdown(describeBaseline(results))}.` +
      (failing.length > 0 ? ` ${failing.length} rule(s) need attention.` : ''),
    ''
  ]
  if (results.rules.length > 0) {
    lines.push(
      renderTable(
        [
          { header: 'status' },
          { header: 'metric' },
          { header: 'rule' },
          { header: 'threshold', align: 'right' },
          { header: 'actual', align: 'right' },
          { header: 'detail' }
        ],
        results.rules.map(rule => [
          statusWord(rule),
          rule.slice === undefined ? rule.metric : `${rule.metric} [${rule.slice}]`,
          rule.rule,
          rule.threshold === null ? '' : formatNumber(rule.threshold),
          rule.actual === null ? '' : formatNumber(rule.actual),
          rule.message
        ])
      ),
      ''
    )
  }
  const baseline = results.baseline.metrics
  lines.push(
    renderTable(
      [
        { header: 'metric' },
        { header: 'candidate', align: 'right' },
        { header: 'interval', align: 'right' },
        { header: 'baseline', align: 'right' },
        { header: 'change', align: 'right' }
      ],
      Object.entries(results.candidate.metrics).map(([name, estimate]) => {
        const before = numberOf(ownValue(baseline, name))
        const change =
          estimate.value !== null && before !== undefined && Number.isFinite(before)
            ? signed(estimate.value - before)
            : ''
        return [
          name,
          valueText(estimate),
          intervalText(estimate),
          before === undefined ? '' : formatNumber(before),
          change
        ]
      })
    ),
    ''
  )
  return lines.join('\n')
}

function statusWord(rule: RuleResult): string {
  const word = {
    pass: 'pass',
    warn: 'WARN',
    inconclusive: 'INCONCLUSIVE',
    fail: 'FAIL',
    skipped: 'skipped'
  }[rule.status]
  return rule.informational ? `${word} (informational)` : word
}

function valueText(estimate: MetricEstimate): string {
  if (estimate.value !== null) return formatNumber(estimate.value)
  // NaN and ±Infinity as such (their reason is in the rules' messages); no value at all in words.
  if (estimate.nonFinite !== undefined) return formatNumber(Number(estimate.nonFinite))
  return `undefined: ${estimate.reason ?? 'no value'}`
}

function intervalText(estimate: MetricEstimate): string {
  return estimate.ci ? `${formatNumber(estimate.ci.low)} – ${formatNumber(estimate.ci.high)}` : ''
}

function signed(value: number): string {
  return value > 0 ? `+${formatNumber(value)}` : formatNumber(value)
}

/** A commit status description: GitHub refuses more than 140 characters. */
export function statusDescription(results: Results): string {
  const failing = results.rules.filter(rule => rule.status === 'fail' && !rule.informational)
  const warned = results.rules.filter(
    rule => (rule.status === 'inconclusive' || rule.status === 'warn') && !rule.informational
  )
  const first = failing[0] ?? warned[0]
  const text = `${VERDICT_WORDS[results.verdict]}${first ? `: ${first.metric} ${first.rule}` : ''}${failing.length + warned.length > 1 ? ` (+${failing.length + warned.length - 1} more)` : ''}; baseline ${describeBaseline(results)}`
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`
}
