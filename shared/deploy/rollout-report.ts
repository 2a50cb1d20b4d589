import { escapeMarkdown, renderTable } from '../report/markdown.js'
import { formatNumber } from '../report/number-format.js'
import type { AnalysisOutcome } from './canary-analysis.js'
import type { SampleSummary } from './metric-classification.js'
import type { RolloutResult, TimelineEvent } from './rollout.js'

/**
 * The job summary of a rollout: the verdict, a stage timeline, and each analysis with its score and every
 * metric's classification, interval and effect size. Metric names and reasons come from the user's files
 * and programs, so every cell goes through renderTable/escapeMarkdown.
 */
export function renderRolloutReport(options: {
  modelUri: string
  environment: string
  result: RolloutResult
  startedAt: Date
}): string {
  const { result } = options
  const verdict = {
    promoted: '✅ promoted to 100%',
    'rolled-back': '↩️ rolled back',
    failed: '❌ failed'
  }[result.result]
  const analyses = result.timeline.filter(event => event.kind === 'analysis')
  const inconclusive = analyses.filter(event => event.outcome.status === 'inconclusive').length
  const lines = [
    `**${escapeMarkdown(options.modelUri)}** → \`${escapeMarkdown(options.environment)}\`: ${verdict}` +
      (result.verdict ? ` (verdict: **${result.verdict}**)` : '') +
      (result.reason ? ` — ${escapeMarkdown(result.reason)}` : ''),
    '',
    ...(inconclusive > 0
      ? [
          `${inconclusive} of ${analyses.length} analyses were inconclusive (not enough evidence either way): ` +
            'they neither promoted nor rolled back.',
          ''
        ]
      : []),
    '### Timeline',
    '',
    renderTable(
      [{ header: 'time' }, { header: 'stage' }, { header: 'traffic', align: 'right' }, { header: 'event' }],
      result.timeline.map(event => [
        `+${elapsed(options.startedAt, event.at)}`,
        String(event.stage.index),
        `${event.stage.trafficPercent}%`,
        describeEvent(event)
      ])
    ),
    ''
  ]
  analyses.forEach((event, index) => {
    lines.push(
      `### Analysis ${index + 1} (stage ${event.stage.index}, ${event.stage.trafficPercent}%)`,
      '',
      escapeMarkdown(summarizeOutcome(event.outcome)) + ` — decision: ${escapeMarkdown(event.decision)}`,
      ''
    )
    if (event.outcome.metrics.length > 0) lines.push(renderMetrics(event.outcome), '')
  })
  return lines.join('\n')
}

function describeEvent(event: TimelineEvent): string {
  switch (event.kind) {
    case 'deploy':
      return 'traffic shifted'
    case 'analysis':
      return `analysis: ${summarizeOutcome(event.outcome)} → ${event.decision}`
    case 'promote':
      return 'promoted'
    case 'rollback':
      return event.succeeded ? `rolled back: ${event.reason}` : `rollback FAILED: ${event.reason}`
  }
}

export function summarizeOutcome(outcome: AnalysisOutcome): string {
  if (outcome.status === 'no-data') return `no data (${outcome.reason})`
  if (outcome.status === 'inconclusive') {
    const { low, high } = outcome.scoreRange!
    return `inconclusive, score ${formatNumber(low)}–${formatNumber(high)}: ${outcome.reason}`
  }
  return `score ${formatNumber(outcome.score!.score)} (${outcome.verdict})${outcome.reason ? `: ${outcome.reason}` : ''}`
}

function renderMetrics(outcome: AnalysisOutcome): string {
  return renderTable(
    [
      { header: 'metric' },
      { header: 'classification' },
      { header: 'canary mean', align: 'right' },
      { header: 'baseline mean', align: 'right' },
      { header: 'shift interval (estimate)', align: 'right' },
      { header: 'effect size', align: 'right' }
    ],
    outcome.metrics.map(metric => [
      metric.name,
      metric.critical ? `${metric.classification} (critical)` : metric.classification,
      describeSide(metric.canary),
      describeSide(metric.baseline),
      metric.interval
        ? `[${formatNumber(metric.interval.lower)}, ${formatNumber(metric.interval.upper)}] (${formatNumber(metric.interval.estimate)})`
        : '—',
      Number.isNaN(metric.effectSize) ? '—' : formatNumber(metric.effectSize)
    ])
  )
}

function describeSide(summary: SampleSummary): string {
  return summary.count === 0 ? 'no data' : `${formatNumber(summary.mean)} (n=${summary.count})`
}

function elapsed(from: Date, to: Date): string {
  const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000))
  return seconds >= 60
    ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`
    : `${seconds}s`
}
